using System.Collections.Generic;

namespace Micro.Templates;

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
