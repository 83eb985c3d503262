using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Micro.Routing;

/// <summary>
/// The URL table of one app: its routes, its error handlers, and reversing by name. Generated code builds it once
/// per app assembly; it never changes, so every host that mounts it shares it.
/// </summary>
public sealed partial class RouteTable
{
    private readonly RouteDefinition[] _routes;
    private readonly ErrorHandlerDefinition[] _errorHandlers;
    // Each name's routes, the last declared first: Django tries them in that order and reverses with the first that fits.
    private readonly Dictionary<string, List<RouteDefinition>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<RoutePart, Regex?> _valueMatchers = [];
    private readonly Dictionary<(RouteDefinition Route, string Prefix), Regex> _wholeMatchers = [];
    private readonly NamespaceLevel _namespaces = new();

    /// <summary>Called by generated code, once per app assembly.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RouteTable(RouteDefinition[] routes, ErrorHandlerDefinition[] errorHandlers, string? openApi = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(errorHandlers);
        _routes = routes;
        _errorHandlers = errorHandlers;
        OpenApi = openApi;
        foreach (var route in routes)
        {
            if (route.Name is not null)
            {
                if (!_byName.TryGetValue(route.Name, out var named))
                {
                    _byName[route.Name] = named = [];
                }

                named.Insert(0, route);
            }

            if (route.Namespace is not null)
            {
                _namespaces.Add(route.Namespace.Split(':'), route.AppName?.Split(':'));
            }
        }
    }

    /// <summary>The table of an app that has no routes.</summary>
    public static RouteTable Empty { get; } = new([], []);

    public IReadOnlyList<RouteDefinition> Routes => _routes;

    /// <summary>
    /// The OpenAPI document of the JSON routes as the generator wrote it (paths and components; null when the app has no
    /// JSON routes): <see cref="OpenApi.OpenApiDocument"/> completes it with the app's title and JSON naming.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public string? OpenApi { get; }

    public IReadOnlyList<ErrorHandlerDefinition> ErrorHandlers => _errorHandlers;

    /// <summary>The route named <paramref name="name"/>; of several, the one Django tries first (the last declared).</summary>
    public RouteDefinition? FindByName(string name) => _byName.GetValueOrDefault(name)?[0];

    /// <summary>
    /// The URL of the route named <paramref name="name"/>, with positional values. Inside a request it starts with the
    /// prefix the request found this table under (its <c>PathBase</c> and mount prefix), elsewhere with <c>/</c>.
    /// </summary>
    public string Reverse(string name, ReadOnlySpan<object?> values) => Reverse(name, values, UrlScope.Current?.CurrentApp);

    /// <summary>
    /// The URL of the route named <paramref name="name"/> (<c>blog:post_detail</c>), with positional values; an application
    /// namespace in the name picks the instance <paramref name="currentApp"/> names (<c>news</c>, <c>outer:inner</c>), as
    /// Django's <c>reverse(..., current_app=...)</c>. The other overloads take the namespace of the route handling the request.
    /// </summary>
    public string Reverse(string name, ReadOnlySpan<object?> values, string? currentApp)
    {
        var (table, prefix, viewName) = Locate(name, currentApp);
        return table.ReverseUnder(prefix, viewName, values);
    }

    private string ReverseUnder(string prefix, string name, ReadOnlySpan<object?> values)
    {
        var candidates = RoutesNamed(name);
        NoReverseMatchException? failure = null;
        foreach (var route in candidates)
        {
            if (route.ReversalPlans is not { } plans)
            {
                failure ??= NotReversible(route);
                continue;
            }

            // Django's reverse(args=...): the first possibility with as many values as given, whose URL the route matches.
            NoReverseMatchException? refusedHere = null;
            var fitted = false;
            foreach (var plan in plans)
            {
                if (values.Length != plan.Values.Length)
                {
                    continue;
                }

                fitted = true;
                if (TryBuild(prefix, name, route, plan, values, named: null, out var url, out var refused))
                {
                    return url;
                }

                refusedHere ??= refused;
            }

            failure ??= fitted
                ? refusedHere
                : new NoReverseMatchException(
                    $"Reverse for '{name}' takes {string.Join(" or ", plans.Select(static plan => ValueList(plan.Parts)).Distinct())} but was given {values.Length}. Pattern: '{route.Pattern}'.");
        }

        throw candidates.Count == 1 ? failure! : NotFound(name, values.Length == 0 ? "no values" : $"{Arguments(values.Length)}", candidates);
    }

    /// <summary>A possibility's values as a message says them: <c>2 values (year, month)</c>.</summary>
    private static string ValueList(IReadOnlyList<RoutePart> parts)
    {
        var names = parts.Where(static part => part.IsValue).Select(static part => part.Name).ToArray();
        return $"{Arguments(names.Length)} ({string.Join(", ", names)})";
    }

    /// <summary>The URL of the route named <paramref name="name"/>, with values by name.</summary>
    public string Reverse(string name, IReadOnlyDictionary<string, object?> values) => Reverse(name, values, UrlScope.Current?.CurrentApp);

    /// <summary>The URL of the route named <paramref name="name"/>, with values by name, in the instance <paramref name="currentApp"/> names.</summary>
    public string Reverse(string name, IReadOnlyDictionary<string, object?> values, string? currentApp)
    {
        var (table, prefix, viewName) = Locate(name, currentApp);
        return table.ReverseUnder(prefix, viewName, values);
    }

    /// <summary>
    /// The table that has the route named <paramref name="name"/> (this one, or another mounted in the host), the prefix of its
    /// URLs, and the name with its namespaces resolved to instances.
    /// </summary>
    private (RouteTable Table, string Prefix, string ViewName) Locate(string? name, string? currentApp)
    {
        if (name is null)
        {
            // Django: "Reverse for 'None' not found."
            throw new NoReverseMatchException("Reverse failed: the route name is null; pass the name of a route.");
        }

        if (TryResolve(name, currentApp, out var viewName, out var failure))
        {
            return (this, UrlScope.PrefixFor(this), viewName);
        }

        if (UrlScope.Current?.FindElsewhere(this, name, currentApp) is ({ } other, { } otherPrefix, { } otherName))
        {
            return (other, otherPrefix, otherName);
        }

        throw new NoReverseMatchException(failure ?? UnknownName(name));
    }

    /// <summary>
    /// Resolves the namespaces of <paramref name="name"/> as Django's <c>reverse()</c> does: each is an instance namespace, or an
    /// application namespace standing for the instance <paramref name="currentApp"/> names at that level, else its default
    /// instance (the one named as the app), else its last declared instance. True when a route has the resolved name.
    /// </summary>
    internal bool TryResolve(string name, string? currentApp, out string viewName, out string? failure)
    {
        viewName = name;
        failure = null;
        var colon = name.LastIndexOf(':');
        if (colon < 0)
        {
            return _byName.ContainsKey(name);
        }

        var current = currentApp?.Split(':');
        var next = 0;
        var level = _namespaces;
        var resolved = new List<string>();
        foreach (var segment in name[..colon].Split(':'))
        {
            var currentNamespace = current is not null && next < current.Length ? current[next++] : null;
            var instance = segment;
            if (level.Apps.TryGetValue(segment, out var instances))
            {
                if (currentNamespace is not null && instances.Contains(currentNamespace))
                {
                    instance = currentNamespace;
                }
                else if (!instances.Contains(segment))
                {
                    instance = instances[^1];
                }
            }

            if (instance != currentNamespace)
            {
                current = null;
            }

            if (!level.Instances.TryGetValue(instance, out var inner))
            {
                // A name written with a colon in a table without that namespace (a route named "a:b" by hand) is found as written.
                failure = resolved.Count == 0
                    ? $"Reverse for '{name}' failed: '{instance}' is not a registered namespace."
                    : $"Reverse for '{name}' failed: '{instance}' is not a registered namespace inside '{string.Join(':', resolved)}'.";
                return _byName.ContainsKey(name);
            }

            resolved.Add(instance);
            level = inner;
        }

        viewName = string.Join(':', resolved) + name[colon..];
        if (_byName.ContainsKey(viewName))
        {
            return true;
        }

        failure = UnknownName(name);
        return false;
    }

    private string UnknownName(string name)
    {
        var known = _byName.Count == 0 ? "there are no named routes" : "named routes: " + string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal));
        return $"Reverse for '{name}' failed: no route is named '{name}' ({known}).";
    }

    private string ReverseUnder(string prefix, string name, IReadOnlyDictionary<string, object?> values)
    {
        var candidates = RoutesNamed(name);
        NoReverseMatchException? failure = null;
        foreach (var route in candidates)
        {
            if (route.ReversalPlans is not { } plans)
            {
                failure ??= NotReversible(route);
                continue;
            }

            // Django's reverse(kwargs=...): the first possibility whose values are exactly the names given, whose URL the route matches.
            NoReverseMatchException? refusedHere = null;
            NoReverseMatchException? shapeHere = null;
            foreach (var plan in plans)
            {
                var names = plan.Values.Select(static part => part.Name!).ToHashSet(StringComparer.Ordinal);
                if (names.FirstOrDefault(part => !values.ContainsKey(part)) is { } missing)
                {
                    shapeHere ??= new NoReverseMatchException($"Reverse for '{name}' needs a value for '{missing}'. Pattern: '{route.Pattern}'.");
                    continue;
                }

                var unknown = values.Keys.Where(key => !names.Contains(key)).ToArray();
                if (unknown.Length > 0)
                {
                    shapeHere ??= new NoReverseMatchException(
                        $"Reverse for '{name}' has no value named {string.Join(", ", unknown.Select(static key => $"'{key}'"))}. Pattern: '{route.Pattern}'.");
                    continue;
                }

                if (TryBuild(prefix, name, route, plan, [], values, out var url, out var refused))
                {
                    return url;
                }

                refusedHere ??= refused;
            }

            failure ??= refusedHere ?? (plans.Length == 1
                ? shapeHere
                : new NoReverseMatchException(
                    $"Reverse for '{name}' takes {string.Join(" or ", plans.Select(static plan => ValueList(plan.Parts)).Distinct())} but was given {NamedValues(values)}. Pattern: '{route.Pattern}'."));
        }

        throw candidates.Count == 1 ? failure! : NotFound(name, NamedValues(values), candidates);
    }

    private static string NamedValues(IReadOnlyDictionary<string, object?> values) =>
        values.Count == 0 ? "no values" : $"values named {string.Join(", ", values.Keys.Select(static k => $"'{k}'"))}";

    /// <summary>Django's message when none of a name's routes fits: which values were given, and every pattern tried, in order.</summary>
    private static NoReverseMatchException NotFound(string name, string given, IReadOnlyList<RouteDefinition> candidates) =>
        new($"Reverse for '{name}' with {given} not found. {candidates.Count} pattern(s) tried: {string.Join(", ", candidates.Select(static r => $"'{r.Pattern}'"))}.");

    // The prefix is Django's script prefix: where the request being handled found this table, else the root. The values are
    // positional (in the order of the plan's values) unless named is given. Asked for every {% url %} of every page, so it makes
    // nothing but the URL and the texts of values that aren't strings already.
    private bool TryBuild(
        string prefix, string name, RouteDefinition route, ReversalPlan plan, ReadOnlySpan<object?> positional, IReadOnlyDictionary<string, object?>? named,
        out string url, out NoReverseMatchException? refused)
    {
        url = "";
        refused = null;
        var valueParts = plan.Values;
        var texts = valueParts.Length == 0 ? [] : ArrayPool<string>.Shared.Rent(valueParts.Length);
        try
        {
            for (var i = 0; i < valueParts.Length; i++)
            {
                var part = valueParts[i];
                var value = named is null ? positional[plan.ValueOf[i]] : named[part.Name!];
                string text;
                try
                {
                    text = part.Converter?.ToUrl(value) ?? RouteConverters.Str.ToUrl(value);
                }
                catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
                {
                    // A converter refusing a value means "no match", as a ValueError from Django's to_url().
                    refused = new NoReverseMatchException(
                        $"Reverse for '{name}' failed: the value for '{part.Name}' was refused by its converter: {exception.Message} Pattern: '{route.Pattern}'.",
                        exception);
                    return false;
                }

                // A path() value must match its converter; a regex route's URL is checked whole, below, as Django does.
                if (!route.IsRegex && !(RouteMatcher.MatchesBuiltIn(part.Converter, text) ?? ValueMatcher(part)!.IsMatch(text)))
                {
                    refused = NotAValidValue(name, route, part, text);
                    return false;
                }

                texts[i] = text;
            }

            var path = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[256]);
            path.AppendLiteral(prefix);
            var parts = plan.Parts;
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                if (part.IsLiteral)
                {
                    path.AppendLiteral(part.Text!);
                }
                else if (plan.TextOf[i] >= 0)
                {
                    path.AppendLiteral(texts[plan.TextOf[i]]);
                }
                else
                {
                    path.ToStringAndClear();
                    refused = new NoReverseMatchException($"Reverse for '{name}' failed: the pattern repeats '{part.Name}' before it has a value. Pattern: '{route.Pattern}'.");
                    return false;
                }
            }

            var built = path.ToStringAndClear();
            if (route.IsRegex && !WholeMatcher(route, prefix).IsMatch(built))
            {
                // Django keeps a candidate only when the route's expression matches it: lookarounds, backreferences and the
                // groups' own expressions all have their say. Name the first value its group refuses, if one does.
                for (var i = 0; i < valueParts.Length; i++)
                {
                    var text = texts[plan.ValueOf[i]];
                    if (ValueMatcher(valueParts[i]) is { } matcher && !matcher.IsMatch(text))
                    {
                        refused = NotAValidValue(name, route, valueParts[i], text);
                        return false;
                    }
                }

                refused = new NoReverseMatchException($"Reverse for '{name}' failed: '{built}' doesn't match the pattern with these values. Pattern: '{route.Pattern}'.");
                return false;
            }

            url = UrlEncoding.EscapeLeadingSlashes(UrlEncoding.EscapePath(built));
            return true;
        }
        finally
        {
            if (texts.Length > 0)
            {
                ArrayPool<string>.Shared.Return(texts, clearArray: true);
            }
        }
    }

    private static NoReverseMatchException NotAValidValue(string name, RouteDefinition route, RoutePart part, string text) =>
        new($"Reverse for '{name}' failed: '{text}' is not a valid value for '{part.Name}' (it must match {part.ValueRegex}). Pattern: '{route.Pattern}'.");

    /// <summary>The expression one value must match; null for a group whose expression doesn't stand alone (it refers to another group).</summary>
    private Regex? ValueMatcher(RoutePart part)
    {
        lock (_valueMatchers)
        {
            if (!_valueMatchers.TryGetValue(part, out var regex))
            {
                try
                {
                    regex = new Regex("^(?:" + part.ValueRegex + ")\\z", RegexOptions.CultureInvariant);
                }
                catch (ArgumentException)
                {
                    regex = null;
                }

                _valueMatchers[part] = regex;
            }

            return regex;
        }
    }

    /// <summary>A regex route's expression after the prefix, as Django's resolver checks a candidate URL: <c>^</c>, the prefix, the route's regex.</summary>
    private Regex WholeMatcher(RouteDefinition route, string prefix)
    {
        lock (_wholeMatchers)
        {
            if (!_wholeMatchers.TryGetValue((route, prefix), out var regex))
            {
                var expression = route.Regex!.StartsWith('^') ? route.Regex[1..] : route.Regex;
                regex = new Regex("^" + Regex.Escape(prefix) + expression, RegexOptions.CultureInvariant);
                _wholeMatchers[(route, prefix)] = regex;
            }

            return regex;
        }
    }

    private List<RouteDefinition> RoutesNamed(string name) =>
        _byName.TryGetValue(name, out var routes) ? routes : throw new NoReverseMatchException(UnknownName(name));

    private static NoReverseMatchException NotReversible(RouteDefinition route) =>
        new($"Route '{route.Name}' ({route.Pattern}) is a regular expression that can't be reversed (an alternation '|', or a construct such as '(?i)'), as in Django.");

    private static string Arguments(int count) => count == 1 ? "1 value" : $"{count} values";

    /// <summary>
    /// The namespaces mounted at one level (the root, or inside an instance): each instance with the level inside it, and each
    /// application namespace with its instances in declaration order, as Django's <c>namespace_dict</c> and <c>app_dict</c>.
    /// </summary>
    private sealed class NamespaceLevel
    {
        public Dictionary<string, NamespaceLevel> Instances { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> Apps { get; } = new(StringComparer.Ordinal);

        public void Add(ReadOnlySpan<string> instances, string[]? apps)
        {
            var level = this;
            for (var i = 0; i < instances.Length; i++)
            {
                var instance = instances[i];
                var app = apps is not null && i < apps.Length ? apps[i] : instance;
                if (!level.Instances.TryGetValue(instance, out var inner))
                {
                    level.Instances[instance] = inner = new NamespaceLevel();
                }

                if (!level.Apps.TryGetValue(app, out var ofApp))
                {
                    level.Apps[app] = ofApp = [];
                }

                if (!ofApp.Contains(instance))
                {
                    ofApp.Add(instance);
                }

                level = inner;
            }
        }
    }
}
