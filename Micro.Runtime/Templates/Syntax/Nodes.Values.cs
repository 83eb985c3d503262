using System.Collections.Generic;

namespace Micro.Templates;

/// <summary><c>{% with name=value ... %}</c></summary>
public sealed partial class WithNode : Node
{
    public WithNode(IReadOnlyList<Assignment> assignments, NodeList body, SourceLocation location)
        : base(location)
    {
        Assignments = assignments;
        Body = body;
    }

    public IReadOnlyList<Assignment> Assignments { get; }

    public NodeList Body { get; }

    public override IEnumerable<NodeList> ChildNodeLists => new[] { Body };

    public override IEnumerable<FilterExpression> Expressions => AssignmentValues(Assignments);

    internal static IEnumerable<FilterExpression> AssignmentValues(IReadOnlyList<Assignment> assignments)
    {
        foreach (var assignment in assignments)
        {
            yield return assignment.Value;
        }
    }
}

/// <summary><c>{% firstof a b "fallback" as var %}</c></summary>
public sealed partial class FirstOfNode : Node
{
    public FirstOfNode(IReadOnlyList<FilterExpression> values, string? asVariable, SourceLocation location)
        : base(location)
    {
        Values = values;
        AsVariable = asVariable;
    }

    public IReadOnlyList<FilterExpression> Values { get; }

    public string? AsVariable { get; }

    public override IEnumerable<FilterExpression> Expressions => Values;
}

/// <summary><c>{% verbatim %}</c>: its content is output as written.</summary>
public sealed partial class VerbatimNode : Node
{
    public VerbatimNode(string content, SourceLocation location)
        : base(location) => Content = content;

    public string Content { get; }
}

/// <summary><c>{% templatetag openblock %}</c> and friends: a piece of template syntax as text.</summary>
public sealed partial class TemplateTagNode : Node
{
    public TemplateTagNode(string name, string output, SourceLocation location)
        : base(location)
    {
        Name = name;
        Output = output;
    }

    public string Name { get; }

    public string Output { get; }
}

/// <summary><c>{% widthratio value max width as var %}</c></summary>
public sealed partial class WidthRatioNode : Node
{
    public WidthRatioNode(FilterExpression value, FilterExpression maximum, FilterExpression width, string? asVariable, SourceLocation location)
        : base(location)
    {
        Value = value;
        Maximum = maximum;
        Width = width;
        AsVariable = asVariable;
    }

    public FilterExpression Value { get; }

    public FilterExpression Maximum { get; }

    public FilterExpression Width { get; }

    public string? AsVariable { get; }

    public override IEnumerable<FilterExpression> Expressions => new[] { Value, Maximum, Width };
}

/// <summary><c>{% now "Y-m-d" as var %}</c></summary>
public sealed partial class NowNode : Node
{
    public NowNode(string format, string? asVariable, SourceLocation location)
        : base(location)
    {
        Format = format;
        AsVariable = asVariable;
    }

    public string Format { get; }

    public string? AsVariable { get; }
}

/// <summary><c>{% lorem count w|p|b random %}</c></summary>
public sealed partial class LoremNode : Node
{
    public LoremNode(FilterExpression count, char method, bool random, SourceLocation location)
        : base(location)
    {
        Count = count;
        Method = method;
        Random = random;
    }

    public FilterExpression Count { get; }

    /// <summary><c>'w'</c> words, <c>'p'</c> HTML paragraphs, <c>'b'</c> plain paragraphs.</summary>
    public char Method { get; }

    public bool Random { get; }

    public override IEnumerable<FilterExpression> Expressions => new[] { Count };
}
