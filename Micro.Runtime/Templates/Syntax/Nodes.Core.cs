using System.Collections;
using System.Collections.Generic;

namespace Micro.Templates;

/// <summary>
/// One piece of a parsed template. The tree is plain data that tools walk (<see cref="NodeList.Walk"/>)
/// to find every tag, filter, URL name and template name; rendering lives in the runtime's partial halves.
/// </summary>
public abstract partial class Node
{
    private static readonly NodeList[] s_noNodeLists = new NodeList[0];
    private static readonly FilterExpression[] s_noExpressions = new FilterExpression[0];

    protected Node(SourceLocation location) => Location = location;

    /// <summary>Where the node's tag (or text) starts.</summary>
    public SourceLocation Location { get; }

    /// <summary>The node lists nested in this node, such as an <c>if</c> tag's branches.</summary>
    public virtual IEnumerable<NodeList> ChildNodeLists => s_noNodeLists;

    /// <summary>Every expression this node evaluates, in source order (including those inside <c>if</c> conditions).</summary>
    public virtual IEnumerable<FilterExpression> Expressions => s_noExpressions;

}

/// <summary>A sequence of nodes: a template's body or the body of a block tag.</summary>
public sealed partial class NodeList : IReadOnlyList<Node>
{
    private readonly Node[] _nodes;

    public NodeList(IReadOnlyList<Node> nodes, string templateName)
    {
        TemplateName = templateName;
        _nodes = new Node[nodes.Count];
        for (var i = 0; i < _nodes.Length; i++)
        {
            _nodes[i] = nodes[i];
        }
    }

    public static NodeList Empty { get; } = new NodeList(new Node[0], "");

    /// <summary>The template these nodes come from, for error messages (blocks render inside other templates).</summary>
    public string TemplateName { get; }

    public int Count => _nodes.Length;

    public Node this[int index] => _nodes[index];

    /// <summary>Every node of this list and, depth first, of the lists nested in it.</summary>
    public IEnumerable<Node> Walk()
    {
        foreach (var node in _nodes)
        {
            yield return node;
            foreach (var child in node.ChildNodeLists)
            {
                foreach (var nested in child.Walk())
                {
                    yield return nested;
                }
            }
        }
    }

    public IEnumerator<Node> GetEnumerator() => ((IEnumerable<Node>)_nodes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _nodes.GetEnumerator();
}

/// <summary>Text outside tags.</summary>
public sealed partial class TextNode : Node
{
    public TextNode(string text, SourceLocation location)
        : base(location) => Text = text;

    public string Text { get; }
}

/// <summary><c>{{ expression }}</c></summary>
public sealed partial class VariableNode : Node
{
    public VariableNode(FilterExpression expression, SourceLocation location)
        : base(location) => Expression = expression;

    public FilterExpression Expression { get; }

    public override IEnumerable<FilterExpression> Expressions => new[] { Expression };
}

/// <summary><c>{% comment %}...{% endcomment %}</c>: renders nothing.</summary>
public sealed partial class CommentNode : Node
{
    public CommentNode(SourceLocation location)
        : base(location)
    {
    }
}

/// <summary><c>{% load name %}</c>: accepted for compatibility; every tag and filter is always available.</summary>
public sealed partial class LoadNode : Node
{
    public LoadNode(IReadOnlyList<string> names, SourceLocation location)
        : base(location) => Names = names;

    public IReadOnlyList<string> Names { get; }
}
