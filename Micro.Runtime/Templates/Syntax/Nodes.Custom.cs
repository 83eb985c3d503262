using System.Collections.Generic;

namespace Micro.Templates;

/// <summary>A custom simple or inclusion tag: <c>{% name arg key=value as var %}</c>.</summary>
public sealed partial class CustomTagNode : Node
{
    public CustomTagNode(TagSignature tag, IReadOnlyList<FilterExpression> arguments, IReadOnlyList<Assignment> namedArguments, string? asVariable, SourceLocation location)
        : base(location)
    {
        Tag = tag;
        Arguments = arguments;
        NamedArguments = namedArguments;
        AsVariable = asVariable;
    }

    public TagSignature Tag { get; }

    public IReadOnlyList<FilterExpression> Arguments { get; }

    public IReadOnlyList<Assignment> NamedArguments { get; }

    public string? AsVariable { get; }

    public override IEnumerable<FilterExpression> Expressions
    {
        get
        {
            foreach (var argument in Arguments)
            {
                yield return argument;
            }

            foreach (var argument in NamedArguments)
            {
                yield return argument.Value;
            }
        }
    }
}
