using System.Collections.Generic;

namespace Micro.Templates;

/// <summary><c>{% for x in items %}</c> (or <c>for key, value in ...</c>), with an optional <c>{% empty %}</c>.</summary>
public sealed partial class ForNode : Node
{
    public ForNode(IReadOnlyList<string> loopVariables, FilterExpression sequence, bool isReversed, NodeList body, NodeList? empty, SourceLocation location)
        : base(location)
    {
        LoopVariables = loopVariables;
        Sequence = sequence;
        IsReversed = isReversed;
        Body = body;
        Empty = empty;
    }

    public IReadOnlyList<string> LoopVariables { get; }

    public FilterExpression Sequence { get; }

    public bool IsReversed { get; }

    public NodeList Body { get; }

    public NodeList? Empty { get; }

    public override IEnumerable<NodeList> ChildNodeLists => Empty is null ? new[] { Body } : new[] { Body, Empty };

    public override IEnumerable<FilterExpression> Expressions => new[] { Sequence };
}

/// <summary><c>{% cycle 'a' 'b' as name silent %}</c>; a later <c>{% cycle name %}</c> is this same node.</summary>
public sealed partial class CycleNode : Node
{
    public CycleNode(IReadOnlyList<FilterExpression> values, string? name, bool silent, SourceLocation location)
        : base(location)
    {
        Values = values;
        Name = name;
        Silent = silent;
    }

    public IReadOnlyList<FilterExpression> Values { get; }

    public string? Name { get; }

    public bool Silent { get; }

    public override IEnumerable<FilterExpression> Expressions => Values;
}

/// <summary><c>{% resetcycle %}</c>: restarts <see cref="Cycle"/>.</summary>
public sealed partial class ResetCycleNode : Node
{
    public ResetCycleNode(CycleNode cycle, SourceLocation location)
        : base(location) => Cycle = cycle;

    public CycleNode Cycle { get; }
}

/// <summary><c>{% regroup list by attribute as name %}</c></summary>
public sealed partial class RegroupNode : Node
{
    public RegroupNode(FilterExpression target, FilterExpression grouper, string variableName, SourceLocation location)
        : base(location)
    {
        Target = target;
        Grouper = grouper;
        VariableName = variableName;
    }

    public FilterExpression Target { get; }

    /// <summary>Evaluated for each item with the item bound to <see cref="VariableName"/>.</summary>
    public FilterExpression Grouper { get; }

    public string VariableName { get; }

    public override IEnumerable<FilterExpression> Expressions => new[] { Target, Grouper };
}
