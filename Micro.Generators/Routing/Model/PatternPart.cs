namespace Micro.Generators.Routing.Model
{
    /// <summary>Literal text or a captured value of a route pattern.</summary>
    /// <param name="Literal">The text, or null for a value.</param>
    /// <param name="Name">The value's name.</param>
    /// <param name="Converter">The converter name of a <c>path()</c> value (<c>int</c>, <c>yyyy</c>).</param>
    /// <param name="GroupRegex">The sub-expression of a regex route's named group.</param>
    internal sealed record PatternPart(string? Literal, string? Name, string? Converter, string? GroupRegex)
    {
        public bool IsLiteral => Literal is not null;

        public static PatternPart Text(string literal) => new(literal, null, null, null);
    }
}
