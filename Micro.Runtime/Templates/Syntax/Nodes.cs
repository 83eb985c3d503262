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

/// <summary><c>{% url "name" arg1 key=value as var %}</c></summary>
public sealed partial class UrlNode : Node
{
    public UrlNode(FilterExpression routeName, IReadOnlyList<FilterExpression> arguments, IReadOnlyList<Assignment> namedArguments, string? asVariable, SourceLocation location)
        : base(location)
    {
        RouteName = routeName;
        Arguments = arguments;
        NamedArguments = namedArguments;
        AsVariable = asVariable;
    }

    public FilterExpression RouteName { get; }

    public IReadOnlyList<FilterExpression> Arguments { get; }

    public IReadOnlyList<Assignment> NamedArguments { get; }

    public string? AsVariable { get; }

    public override IEnumerable<FilterExpression> Expressions
    {
        get
        {
            yield return RouteName;
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

/// <summary><c>{% static "css/site.css" %}</c></summary>
public sealed partial class StaticNode : Node
{
    public StaticNode(FilterExpression path, string? asVariable, SourceLocation location)
        : base(location)
    {
        Path = path;
        AsVariable = asVariable;
    }

    public FilterExpression Path { get; }

    public string? AsVariable { get; }

    public override IEnumerable<FilterExpression> Expressions => new[] { Path };
}

/// <summary><c>{% csrf_token %}</c></summary>
public sealed partial class CsrfTokenNode : Node
{
    public CsrfTokenNode(SourceLocation location)
        : base(location)
    {
    }
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

/// <summary><c>{% filter lower|escape %}...{% endfilter %}</c>: the filters apply to the rendered body.</summary>
public sealed partial class FilterBlockNode : Node
{
    public FilterBlockNode(FilterExpression filters, NodeList body, SourceLocation location)
        : base(location)
    {
        Filters = filters;
        Body = body;
    }

    /// <summary>The filters, applied to a variable that holds the rendered body.</summary>
    public FilterExpression Filters { get; }

    public NodeList Body { get; }

    public override IEnumerable<NodeList> ChildNodeLists => new[] { Body };

    public override IEnumerable<FilterExpression> Expressions => new[] { Filters };
}

/// <summary><c>{% spaceless %}</c>: removes whitespace between HTML tags.</summary>
public sealed partial class SpacelessNode : Node
{
    public SpacelessNode(NodeList body, SourceLocation location)
        : base(location) => Body = body;

    public NodeList Body { get; }

    public override IEnumerable<NodeList> ChildNodeLists => new[] { Body };
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

/// <summary><c>{% autoescape on|off %}</c></summary>
public sealed partial class AutoescapeNode : Node
{
    public AutoescapeNode(bool enabled, NodeList body, SourceLocation location)
        : base(location)
    {
        Enabled = enabled;
        Body = body;
    }

    public bool Enabled { get; }

    public NodeList Body { get; }

    public override IEnumerable<NodeList> ChildNodeLists => new[] { Body };
}

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
