namespace Micro.Generators.Routing.Model
{
    /// <summary>Literal text or a captured value of a route pattern.</summary>
    /// <param name="Literal">The text, or null for a value.</param>
    /// <param name="Name">The value's name (<c>_0</c>, <c>_1</c>... for a regex route's unnamed groups, as Django names them).</param>
    /// <param name="Converter">The converter name of a <c>path()</c> value (<c>int</c>, <c>yyyy</c>).</param>
    /// <param name="GroupRegex">The sub-expression of a regex route's group.</param>
    internal sealed record PatternPart(string? Literal, string? Name, string? Converter, string? GroupRegex)
    {
        public bool IsLiteral => Literal is not null;

        /// <summary>An unnamed group of a regex route: reversed from a positional value.</summary>
        public bool IsPositional { get; init; }

        /// <summary>A backreference <c>(?P=name)</c>: the value of the group <see cref="Name"/> again, not a value of its own.</summary>
        public bool IsBackreference { get; init; }

        /// <summary>A value reversing takes: a group or a <c>path()</c> value, not literal text or a backreference.</summary>
        public bool IsValue => !IsLiteral && !IsBackreference;

        public static PatternPart Text(string literal) => new(literal, null, null, null);
    }
}
