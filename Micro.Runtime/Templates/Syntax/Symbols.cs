using System.Collections.Generic;

namespace Micro.Templates;

/// <summary>Whether a filter takes an argument (<c>|date:"Y"</c>); checked when the template is parsed.</summary>
public enum FilterArgument
{
    None,
    Optional,
    Required,
}

/// <summary>What the parser needs to know about a filter: its name and whether it takes an argument.</summary>
public class FilterSignature
{
    public FilterSignature(string name, FilterArgument argument)
    {
        Name = name;
        Argument = argument;
    }

    public string Name { get; }

    public FilterArgument Argument { get; }
}

/// <summary>The two kinds of custom tag, as Django's <c>simple_tag</c> and <c>inclusion_tag</c>.</summary>
public enum TagKind
{
    /// <summary>Renders the value its function returns, or stores it with <c>as name</c>.</summary>
    Simple,

    /// <summary>Renders a template with the values its function returns.</summary>
    Inclusion,
}

/// <summary>
/// The parameters of a custom tag, for checking its arguments when a template is parsed as Django does:
/// positional arguments first, then <c>name=value</c> ones, every required parameter given once.
/// </summary>
public sealed class TagParameters
{
    public TagParameters(IReadOnlyList<string> names, int requiredCount, bool acceptsExtraPositional = false, bool acceptsExtraNamed = false)
    {
        Names = names;
        RequiredCount = requiredCount;
        AcceptsExtraPositional = acceptsExtraPositional;
        AcceptsExtraNamed = acceptsExtraNamed;
    }

    /// <summary>Parameter names in order; the first <see cref="RequiredCount"/> have no default.</summary>
    public IReadOnlyList<string> Names { get; }

    public int RequiredCount { get; }

    /// <summary>Like Python's <c>*args</c>.</summary>
    public bool AcceptsExtraPositional { get; }

    /// <summary>Like Python's <c>**kwargs</c>.</summary>
    public bool AcceptsExtraNamed { get; }
}

/// <summary>What the parser needs to know about a custom tag.</summary>
public class TagSignature
{
    public TagSignature(string name, TagKind kind, TagParameters? parameters)
    {
        Name = name;
        Kind = kind;
        Parameters = parameters;
    }

    public string Name { get; }

    public TagKind Kind { get; }

    /// <summary>Null when any arguments are accepted.</summary>
    public TagParameters? Parameters { get; }
}

/// <summary>The filters and custom tags a template may use; built-in tags are known to the parser itself.</summary>
public interface ITemplateSymbols
{
    /// <summary>Built-in or custom filter named <paramref name="name"/>, or null.</summary>
    FilterSignature? FindFilter(string name);

    /// <summary>Custom tag named <paramref name="name"/>, or null.</summary>
    TagSignature? FindTag(string name);
}

/// <summary>Names and signatures of Django's built-in tags and filters.</summary>
public static class BuiltinSyntax
{
    /// <summary>Every built-in filter with its argument rule.</summary>
    public static IReadOnlyList<FilterSignature> Filters { get; } = new[]
    {
        new FilterSignature("add", FilterArgument.Required),
        new FilterSignature("addslashes", FilterArgument.None),
        new FilterSignature("apnumber", FilterArgument.None),
        new FilterSignature("capfirst", FilterArgument.None),
        new FilterSignature("center", FilterArgument.Required),
        new FilterSignature("cut", FilterArgument.Required),
        new FilterSignature("date", FilterArgument.Optional),
        new FilterSignature("default", FilterArgument.Required),
        new FilterSignature("default_if_none", FilterArgument.Required),
        new FilterSignature("dictsort", FilterArgument.Required),
        new FilterSignature("dictsortreversed", FilterArgument.Required),
        new FilterSignature("divisibleby", FilterArgument.Required),
        new FilterSignature("escape", FilterArgument.None),
        new FilterSignature("escapejs", FilterArgument.None),
        new FilterSignature("escapeseq", FilterArgument.None),
        new FilterSignature("filesizeformat", FilterArgument.None),
        new FilterSignature("first", FilterArgument.None),
        new FilterSignature("floatformat", FilterArgument.Optional),
        new FilterSignature("force_escape", FilterArgument.None),
        new FilterSignature("get_digit", FilterArgument.Required),
        new FilterSignature("intcomma", FilterArgument.None),
        new FilterSignature("intword", FilterArgument.None),
        new FilterSignature("iriencode", FilterArgument.None),
        new FilterSignature("join", FilterArgument.Required),
        new FilterSignature("json_script", FilterArgument.Optional),
        new FilterSignature("last", FilterArgument.None),
        new FilterSignature("length", FilterArgument.None),
        new FilterSignature("linebreaks", FilterArgument.None),
        new FilterSignature("linebreaksbr", FilterArgument.None),
        new FilterSignature("linenumbers", FilterArgument.None),
        new FilterSignature("ljust", FilterArgument.Required),
        new FilterSignature("lower", FilterArgument.None),
        new FilterSignature("make_list", FilterArgument.None),
        new FilterSignature("naturalday", FilterArgument.Optional),
        new FilterSignature("naturaltime", FilterArgument.None),
        new FilterSignature("ordinal", FilterArgument.None),
        new FilterSignature("phone2numeric", FilterArgument.None),
        new FilterSignature("pluralize", FilterArgument.Optional),
        new FilterSignature("pprint", FilterArgument.None),
        new FilterSignature("random", FilterArgument.None),
        new FilterSignature("rjust", FilterArgument.Required),
        new FilterSignature("safe", FilterArgument.None),
        new FilterSignature("safeseq", FilterArgument.None),
        new FilterSignature("slice", FilterArgument.Required),
        new FilterSignature("slugify", FilterArgument.None),
        new FilterSignature("stringformat", FilterArgument.Required),
        new FilterSignature("striptags", FilterArgument.None),
        new FilterSignature("time", FilterArgument.Optional),
        new FilterSignature("timesince", FilterArgument.Optional),
        new FilterSignature("timeuntil", FilterArgument.Optional),
        new FilterSignature("title", FilterArgument.None),
        new FilterSignature("truncatechars", FilterArgument.Required),
        new FilterSignature("truncatechars_html", FilterArgument.Required),
        new FilterSignature("truncatewords", FilterArgument.Required),
        new FilterSignature("truncatewords_html", FilterArgument.Required),
        new FilterSignature("unordered_list", FilterArgument.None),
        new FilterSignature("upper", FilterArgument.None),
        new FilterSignature("urlencode", FilterArgument.Optional),
        new FilterSignature("urlize", FilterArgument.None),
        new FilterSignature("urlizetrunc", FilterArgument.Required),
        new FilterSignature("wordcount", FilterArgument.None),
        new FilterSignature("wordwrap", FilterArgument.Required),
        new FilterSignature("yesno", FilterArgument.Optional),
    };

    /// <summary>Every built-in tag that starts something.</summary>
    public static IReadOnlyList<string> Tags { get; } = new[]
    {
        "autoescape", "block", "comment", "csrf_token", "cycle", "extends", "filter", "firstof", "for", "get_media_prefix",
        "get_static_prefix", "if", "ifchanged", "include", "load", "lorem", "now", "querystring", "regroup", "resetcycle", "spaceless",
        "static", "templatetag", "url", "verbatim", "widthratio", "with",
    };

    /// <summary>Names that only continue or close a built-in tag; a custom tag can't take them either.</summary>
    public static IReadOnlyList<string> ClosingTags { get; } = new[]
    {
        "elif", "else", "empty", "endautoescape", "endblock", "endcomment", "endfilter", "endfor", "endif",
        "endifchanged", "endspaceless", "endverbatim", "endwith",
    };
}
