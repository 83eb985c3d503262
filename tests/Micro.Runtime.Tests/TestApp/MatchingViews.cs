using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>Exact matching, APPEND_SLASH and precedence between routes that match the same URL.</summary>
public static class MatchingViews
{
    [Route("", Name = "home")]
    public static string Home() => "home";

    [Route("about/", Name = "about")]
    public static string About() => "about";

    /// <summary>No trailing slash: <c>/no-slash/</c> is another URL, and nothing redirects to it or from it.</summary>
    [Route("no-slash")]
    public static string NoSlash() => "no slash";

    [Route("submit/", Methods = "POST")]
    public static string Submit() => "submitted";

    /// <summary>Declared before the literal route below, which still wins for <c>/items/new/</c>.</summary>
    [Route("items/<str:name>/")]
    public static string Item(string name) => $"item {name}";

    [Route("items/new/")]
    public static string NewItem() => "new item";

    // A value that shares its segment with text beside one that has a segment of its own.
    [Route("mixed-seg/v<int:version>/<slug:tag>/")]
    public static string MixedSegment(int version, string tag) => $"v{version.ToString(CultureInfo.InvariantCulture)} {tag}";

    // Both match /tie/5/ equally well: the first declared wins. /tie/abc/ only matches the second.
    [Route("tie/<int:id>/")]
    public static string TieFirst(int id) => $"tie first {id.ToString(CultureInfo.InvariantCulture)}";

    [Route("tie/<str:key>/")]
    public static string TieSecond(string key) => $"tie second {key}";

    // The same pattern twice: the first declared wins. (MICRO0080 warns that the second never answers.)
    [Route("dup/")]
    public static string DuplicateFirst() => "dup first";

#pragma warning disable MICRO0080
    [Route("dup/")]
    public static string DuplicateSecond() => "dup second";

    // A lower Order is tried first, whatever the declaration order.
    [Route("ordered/<str:value>/")]
    public static string OrderedDefault(string value) => $"ordered default {value}";
#pragma warning restore MICRO0080

    [Route("ordered/<str:value>/", Order = -1)]
    public static string OrderedFirst(string value) => $"ordered first {value}";

    // One URL, a handler per method.
    [Route("thing/", Methods = "GET")]
    public static string GetThing() => "got thing";

    [Route("thing/", Methods = "POST")]
    public static string PostThing() => "posted thing";

    // A route without values beside one with values that answers another method.
    [Route("mixed/new/")]
    public static string MixedNew() => "mixed new";

    [Route("mixed/<str:name>/", Methods = "POST")]
    public static string MixedPost(string name) => $"mixed posted {name}";

    /// <summary>A value that may start with a slash before the first literal: <c>//evil.example/landing</c> must not redirect off-site.</summary>
    [Route("<path:target>/landing/", Name = "landing")]
    public static string Landing(string target) => $"landing {target}";
}
