using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace Micro.Routing;

/// <summary>One piece of a route pattern: literal text or a named value with its converter.</summary>
public sealed class RoutePart
{
    private RoutePart(string? literal, string? name, RouteConverter? converter, string? groupRegex, bool isBackreference = false)
    {
        Text = literal;
        Name = name;
        Converter = converter;
        GroupRegex = groupRegex;
        IsBackreference = isBackreference;
    }

    /// <summary>Literal text, or null for a value.</summary>
    public string? Text { get; }

    /// <summary>The value's name, or null for literal text.</summary>
    public string? Name { get; }

    /// <summary>The converter of a <c>path()</c> value.</summary>
    public RouteConverter? Converter { get; }

    /// <summary>The sub-expression of a regex route's group (an unnamed group's value is named <c>_0</c>, <c>_1</c>..., as in Django).</summary>
    public string? GroupRegex { get; }

    public bool IsLiteral => Text is not null;

    /// <summary>A regex route's backreference <c>(?P=name)</c>: the value of the group <see cref="Name"/> again, not a value of its own.</summary>
    public bool IsBackreference { get; }

    /// <summary>A value reversing takes: not literal text, not a backreference.</summary>
    public bool IsValue => Text is null && !IsBackreference;

    /// <summary>The expression a value of this part must match.</summary>
    public string ValueRegex => GroupRegex ?? Converter?.Regex ?? "";

    public static RoutePart Literal(string text) => new(text, null, null, null);

    public static RoutePart Parameter(string name, RouteConverter converter) => new(null, name, converter, null);

    public static RoutePart Group(string name, string regex) => new(null, name, null, regex);

    public static RoutePart Backreference(string name) => new(null, name, null, null, isBackreference: true);
}

/// <summary>
/// A route as the generator describes it: the pattern, how it matches and reverses, the methods it
/// answers and the factory of its request delegate. Generated code creates these; apps read them
/// through <see cref="RouteTable"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class RouteDefinition
{
    public RouteDefinition(
        string pattern,
        bool isRegex,
        IReadOnlyList<RoutePart>? parts,
        string? regex,
        string? name,
        IReadOnlyList<string> methods,
        int order,
        string handler,
        string source,
        Func<IServiceProvider, RequestDelegate> createRequestDelegate,
        IReadOnlyList<object>? metadata = null,
        IReadOnlyList<IReadOnlyList<RoutePart>>? reversals = null)
    {
        Pattern = pattern;
        IsRegex = isRegex;
        Parts = parts;
        Regex = regex;
        Name = name;
        Methods = methods;
        Order = order;
        Handler = handler;
        Source = source;
        CreateRequestDelegate = createRequestDelegate;
        Metadata = metadata ?? [];
        Reversals = reversals;
    }

    /// <summary>The pattern as written in <c>[Route]</c>.</summary>
    public string Pattern { get; }

    public bool IsRegex { get; }

    /// <summary>Literal and value parts, for matching a <c>path()</c> route and reversing it; null for a regex route (see <see cref="Reversals"/>).</summary>
    public IReadOnlyList<RoutePart>? Parts { get; }

    /// <summary>
    /// The ways a regex route can be reversed, in the order they are tried, as Django's <c>normalize</c> finds them: literal text
    /// and groups, an optional group giving one way without it and one with it. Null for a <c>path()</c> route and for a
    /// regex Django can't reverse (an alternation <c>|</c>, a construct such as <c>(?i)</c>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<RoutePart>>? Reversals { get; }

    /// <summary>The .NET regular expression of a regex route.</summary>
    public string? Regex { get; }

    /// <summary>The name reversing finds it by: with its namespaces, <c>blog:post_detail</c> (Django's <c>view_name</c>).</summary>
    public string? Name { get; }

    /// <summary>
    /// The instance namespaces of the <c>[RouteGroup]</c>s it is mounted through, joined with <c>:</c> (<c>blog</c>,
    /// <c>outer:inner</c>), or null outside a namespace; <see cref="Name"/> starts with them.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>The application namespaces of those groups, joined with <c>:</c>, or null: Django's <c>app_name</c>.</summary>
    public string? AppName { get; init; }

    /// <summary>The name without its namespaces (<c>post_detail</c>): Django's <c>url_name</c>.</summary>
    public string? UrlName => Name is null || Namespace is null || !Name.StartsWith(Namespace + ":", StringComparison.Ordinal) ? Name : Name[(Namespace.Length + 1)..];

    /// <summary>Upper-case HTTP methods; empty means any method (the handler dispatches itself).</summary>
    public IReadOnlyList<string> Methods { get; }

    public int Order { get; }

    /// <summary>The handler, as <c>Type.Method</c> or <c>Type</c> for a class-based view.</summary>
    public string Handler { get; }

    /// <summary>Where the route is declared: <c>file(line,column)</c>.</summary>
    public string Source { get; }

    public Func<IServiceProvider, RequestDelegate> CreateRequestDelegate { get; }

    /// <summary>
    /// Whether the endpoint may make its request delegate on the route's first request rather than at start-up: the
    /// generator says so when making it prepares nothing that could fail (no services, JSON metadata or authorization).
    /// </summary>
    internal bool CreatedOnFirstRequest { get; init; }

    /// <summary>
    /// The endpoint metadata of the route: the attributes of its handler (or class-based view), such as <c>[Authorize]</c>,
    /// <c>[AllowAnonymous]</c> and <c>[LoginRequired]</c>, as a minimal API's endpoint carries its handler's attributes.
    /// </summary>
    public IReadOnlyList<object> Metadata { get; }

    // The ways the route reverses (ReversalPlan[]), or NotReversible; made on the first reversal, which any thread may make.
    private object? _reversalPlans;
    private static readonly object NotReversible = new();

    /// <summary>
    /// How the route reverses, each way with its values worked out once: a <c>path()</c> route through its parts, a regex route
    /// through its possibilities (<see cref="Reversals"/>); null when it can't be reversed.
    /// </summary>
    internal ReversalPlan[]? ReversalPlans
    {
        get
        {
            var plans = Volatile.Read(ref _reversalPlans);
            if (plans is null)
            {
                IReadOnlyList<IReadOnlyList<RoutePart>>? possibilities = IsRegex ? Reversals : Parts is { } parts ? [parts] : null;
                plans = possibilities?.Select(static parts => new ReversalPlan(parts)).ToArray() ?? NotReversible;
                Volatile.Write(ref _reversalPlans, plans);
            }

            return plans as ReversalPlan[];
        }
    }
}

/// <summary>
/// One way a route reverses: its parts, the values among them in order, and for each part that isn't literal text which value's
/// text it writes (the last value of its name, as a backreference writes its group's), or -1 when no value has its name.
/// </summary>
internal sealed class ReversalPlan
{
    public ReversalPlan(IReadOnlyList<RoutePart> parts)
    {
        Parts = parts;
        Values = parts.Where(static part => part.IsValue).ToArray();
        TextOf = new int[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            TextOf[i] = parts[i].IsLiteral ? -1 : Array.FindLastIndex(Values, value => value.Name == parts[i].Name);
        }

        ValueOf = new int[Values.Length];
        for (var i = 0; i < Values.Length; i++)
        {
            ValueOf[i] = Array.FindLastIndex(Values, value => value.Name == Values[i].Name);
        }
    }

    public IReadOnlyList<RoutePart> Parts { get; }

    public RoutePart[] Values { get; }

    /// <summary>For each part, the index in <see cref="Values"/> of the value whose text it writes; -1 for literal text or an unknown name.</summary>
    public int[] TextOf { get; }

    /// <summary>
    /// For each value, the positional value it takes: reversing with positional values names them in order, and a name given twice
    /// keeps the last, as Django's <c>dict(zip(names, args))</c>.
    /// </summary>
    public int[] ValueOf { get; }
}

/// <summary>An app-wide error handler registered with <see cref="ErrorHandlerAttribute"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class ErrorHandlerDefinition(int statusCode, string handler, Func<IServiceProvider, RequestDelegate> createRequestDelegate)
{
    public int StatusCode { get; } = statusCode;

    public string Handler { get; } = handler;

    public Func<IServiceProvider, RequestDelegate> CreateRequestDelegate { get; } = createRequestDelegate;
}
