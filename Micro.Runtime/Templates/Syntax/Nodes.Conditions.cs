using System.Collections.Generic;

namespace Micro.Templates;

/// <summary>One <c>if</c>/<c>elif</c>/<c>else</c> branch; <see cref="Condition"/> is null for <c>else</c>.</summary>
public sealed class IfBranch
{
    public IfBranch(IfCondition? condition, NodeList body)
    {
        Condition = condition;
        Body = body;
    }

    public IfCondition? Condition { get; }

    public NodeList Body { get; }
}

/// <summary><c>{% if %}</c> with its <c>elif</c> and <c>else</c> branches.</summary>
public sealed partial class IfNode : Node
{
    public IfNode(IReadOnlyList<IfBranch> branches, SourceLocation location)
        : base(location) => Branches = branches;

    public IReadOnlyList<IfBranch> Branches { get; }

    public override IEnumerable<NodeList> ChildNodeLists
    {
        get
        {
            foreach (var branch in Branches)
            {
                yield return branch.Body;
            }
        }
    }

    public override IEnumerable<FilterExpression> Expressions
    {
        get
        {
            foreach (var branch in Branches)
            {
                if (branch.Condition is not null)
                {
                    foreach (var expression in branch.Condition.Operands)
                    {
                        yield return expression;
                    }
                }
            }
        }
    }
}

/// <summary><c>{% ifchanged values %}...{% else %}...{% endifchanged %}</c></summary>
public sealed partial class IfChangedNode : Node
{
    public IfChangedNode(IReadOnlyList<FilterExpression> values, NodeList body, NodeList? otherwise, SourceLocation location)
        : base(location)
    {
        Values = values;
        Body = body;
        Otherwise = otherwise;
    }

    /// <summary>What to compare; when empty, the rendered body is compared.</summary>
    public IReadOnlyList<FilterExpression> Values { get; }

    public NodeList Body { get; }

    public NodeList? Otherwise { get; }

    public override IEnumerable<NodeList> ChildNodeLists => Otherwise is null ? new[] { Body } : new[] { Body, Otherwise };

    public override IEnumerable<FilterExpression> Expressions => Values;
}
