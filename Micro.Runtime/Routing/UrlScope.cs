using Microsoft.AspNetCore.Http;

namespace Micro.Routing;

/// <summary>
/// The URL table that the request being handled was routed through, and the prefix it found the table under
/// (the request's <c>PathBase</c> and the table's mount prefix): Django's per-request urlconf and script prefix.
/// Reversing (<c>Urls.*</c>, <see cref="Url.Reverse(string, ReadOnlySpan{object?})"/>, <c>{% url %}</c>) builds URLs
/// under that prefix, so one app mounted twice, or two hosts in one process, each reverse to their own URLs.
/// Outside a request there is no scope and URLs start at <c>/</c>, as Django's default script prefix.
/// </summary>
internal sealed class UrlScope
{
    private static readonly AsyncLocal<UrlScope?> s_current = new();

    private UrlScope(RouteTable table, string prefix, string pathBase = "", Hosting.MountedRouteTables? mounted = null, string? currentApp = null)
    {
        Table = table;
        Prefix = prefix;
        PathBase = pathBase;
        Mounted = mounted;
        CurrentApp = currentApp;
    }

    /// <summary>
    /// The instance namespaces of the route handling the request (<c>news</c>, <c>outer:inner</c>): Django's
    /// <c>request.resolver_match.namespace</c>, which picks among the instances of an application namespace when reversing.
    /// </summary>
    public string? CurrentApp { get; }

    public RouteTable Table { get; }

    /// <summary>Where the table's URLs start: <c>/</c>, or for example <c>/site/blog/</c>.</summary>
    public string Prefix { get; }

    /// <summary>The request's <c>PathBase</c> (empty outside a request).</summary>
    public string PathBase { get; }

    /// <summary>The other tables mounted in the same host (Micro's auth views under <c>accounts/</c>), whose names reverse too.</summary>
    public Hosting.MountedRouteTables? Mounted { get; }

    /// <summary>
    /// Another table mounted in this host that has a route named <paramref name="name"/>, and the prefix of its URLs here: how
    /// <c>{% url 'login' %}</c> in an app's template reaches the login view that <c>MapAuth</c> mounted beside the app.
    /// </summary>
    public (RouteTable Table, string Prefix, string ViewName)? FindElsewhere(RouteTable asking, string name, string? currentApp)
    {
        if (Mounted is null)
        {
            return null;
        }

        // By index: asked for every {% url %} of a name another table has (Micro's login and logout views), on every page.
        var tables = Mounted.Tables;
        for (var i = 0; i < tables.Count; i++)
        {
            var (table, mountPrefix) = tables[i];
            if (!ReferenceEquals(table, asking) && table.TryResolve(name, currentApp, out var viewName, out _))
            {
                return (table, PathBase + "/" + mountPrefix, viewName);
            }
        }

        return null;
    }

    public static UrlScope? Current => s_current.Value;

    /// <summary>
    /// Kestrel connection middleware that makes <paramref name="table"/>, at the root, the scope of every request the connection
    /// serves in its own flow (HTTP/1.1's). A route of that table at the root then finds its scope already set and leaves it
    /// (<see cref="Enter"/>); others, and requests Kestrel runs apart from the connection's flow (HTTP/2 streams), set their own.
    /// </summary>
    public static Func<Microsoft.AspNetCore.Connections.ConnectionDelegate, Microsoft.AspNetCore.Connections.ConnectionDelegate> ForConnections(
        RouteTable table, Hosting.MountedRouteTables? mounted)
    {
        var root = new UrlScope(table, "/", "", mounted);
        return next => async connection =>
        {
            // Async, so that the scope ends with the connection.
            s_current.Value = root;
            await next(connection);
        };
    }

    /// <summary>Whether URLs reversed in this scope and in <paramref name="other"/> are the same: same table, prefixes, mounted tables and current app.</summary>
    private bool ReversesAs(UrlScope other) =>
        ReferenceEquals(Table, other.Table)
        && ReferenceEquals(Mounted, other.Mounted)
        && string.Equals(Prefix, other.Prefix, StringComparison.Ordinal)
        && string.Equals(PathBase, other.PathBase, StringComparison.Ordinal)
        && string.Equals(CurrentApp, other.CurrentApp, StringComparison.Ordinal);

    /// <summary>The prefix of <paramref name="table"/>'s URLs here: the current scope's when it is for that table, else <c>/</c>.</summary>
    public static string PrefixFor(RouteTable table) =>
        s_current.Value is { } scope && ReferenceEquals(scope.Table, table) ? scope.Prefix : "/";

    /// <summary>
    /// Makes <paramref name="table"/>, at the root, the scope of the rest of the calling async method (a command): the
    /// scope ends with the method, as every change to an async local does.
    /// </summary>
    public static void EnterRoot(RouteTable table, Hosting.MountedRouteTables? mounted = null) => s_current.Value = new UrlScope(table, "/", "", mounted);

    /// <summary>
    /// Wraps a request delegate of <paramref name="table"/>, mounted under <paramref name="mountPrefix"/> (empty, or
    /// ending with a slash), so that it runs in that table's scope.
    /// </summary>
    public static RequestDelegate Enter(
        RequestDelegate next, RouteTable table, string mountPrefix, Hosting.MountedRouteTables? mounted = null, RouteDefinition? route = null)
    {
        var atRoot = new UrlScope(table, "/" + mountPrefix, "", mounted, route?.Namespace);
        return context =>
        {
            var pathBase = context.Request.PathBase;
            var scope = pathBase.HasValue ? new UrlScope(table, pathBase.Value + "/" + mountPrefix, pathBase.Value!, mounted, atRoot.CurrentApp) : atRoot;
            var previous = s_current.Value;
            if (previous is not null && previous.ReversesAs(scope))
            {
                // The connection's scope (ForConnections) already reverses as this route's: changing it would only cost an
                // execution context per request.
                return next(context);
            }

            s_current.Value = scope;
            try
            {
                // A handler that completes later keeps the scope: its continuations run in the execution context it captured here.
                return next(context);
            }
            finally
            {
                s_current.Value = previous;
            }
        };
    }
}
