using System.Collections.Generic;

namespace Micro.Templates;

/// <summary><c>{% extends "base.html" %}</c>: the rest of the template only supplies blocks.</summary>
public sealed partial class ExtendsNode : Node
{
    public ExtendsNode(FilterExpression parent, NodeList body, IReadOnlyDictionary<string, BlockNode> blocks, SourceLocation location)
        : base(location)
    {
        Parent = parent;
        Body = body;
        Blocks = blocks;
    }

    /// <summary>The parent template's name (or a variable holding a name or a template).</summary>
    public FilterExpression Parent { get; }

    public NodeList Body { get; }

    /// <summary>Every block of this template by name, nested ones included.</summary>
    public IReadOnlyDictionary<string, BlockNode> Blocks { get; }

    public override IEnumerable<NodeList> ChildNodeLists => new[] { Body };

    public override IEnumerable<FilterExpression> Expressions => new[] { Parent };
}

/// <summary><c>{% block name %}</c>: a part a child template can replace.</summary>
public sealed partial class BlockNode : Node
{
    public BlockNode(string name, NodeList body, SourceLocation location)
        : base(location)
    {
        Name = name;
        Body = body;
    }

    public string Name { get; }

    public NodeList Body { get; }

    public override IEnumerable<NodeList> ChildNodeLists => new[] { Body };
}

/// <summary><c>{% include "name" with a=b only %}</c></summary>
public sealed partial class IncludeNode : Node
{
    public IncludeNode(FilterExpression template, IReadOnlyList<Assignment> assignments, bool only, SourceLocation location)
        : base(location)
    {
        Template = template;
        Assignments = assignments;
        Only = only;
    }

    public FilterExpression Template { get; }

    public IReadOnlyList<Assignment> Assignments { get; }

    /// <summary>Render with the assignments alone, not the including template's variables.</summary>
    public bool Only { get; }

    public override IEnumerable<FilterExpression> Expressions
    {
        get
        {
            yield return Template;
            foreach (var assignment in Assignments)
            {
                yield return assignment.Value;
            }
        }
    }
}
