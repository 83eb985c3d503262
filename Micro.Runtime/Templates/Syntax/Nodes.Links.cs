using System.Collections.Generic;
using System.Linq;

namespace Micro.Templates;

/// <summary><c>{% url "name" arg1 key=value as var %}</c></summary>
/// <summary>
/// <c>{% querystring page=2 q=None %}</c> (Django 5.1's): the request's query string (or the mappings given first) with the named
/// values set, a list as several values, and <c>None</c> removing a name; <c>?</c> and the encoded pairs.
/// </summary>
public sealed partial class QueryStringNode : Node
{
    public QueryStringNode(IReadOnlyList<FilterExpression> mappings, IReadOnlyList<Assignment> values, string? asVariable, SourceLocation location)
        : base(location)
    {
        Mappings = mappings;
        Values = values;
        AsVariable = asVariable;
    }

    /// <summary>The mappings the query starts from, in order (<c>request.GET</c> when there are none).</summary>
    public IReadOnlyList<FilterExpression> Mappings { get; }

    /// <summary>The names set (or, with <c>None</c>, removed) after them.</summary>
    public IReadOnlyList<Assignment> Values { get; }

    public string? AsVariable { get; }

    public override IEnumerable<FilterExpression> Expressions => Mappings.Concat(Values.Select(static v => v.Value));
}

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

/// <summary><c>{% get_static_prefix %}</c> and <c>{% get_media_prefix %}</c>, optionally <c>as name</c>.</summary>
public sealed partial class PrefixNode : Node
{
    public PrefixNode(bool media, string? asVariable, SourceLocation location)
        : base(location)
    {
        Media = media;
        AsVariable = asVariable;
    }

    /// <summary>The media URL; else the static URL.</summary>
    public bool Media { get; }

    public string? AsVariable { get; }
}

/// <summary><c>{% csrf_token %}</c></summary>
public sealed partial class CsrfTokenNode : Node
{
    public CsrfTokenNode(SourceLocation location)
        : base(location)
    {
    }
}
