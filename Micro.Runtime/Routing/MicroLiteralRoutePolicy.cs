using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;

namespace Micro.Routing;

/// <summary>
/// Decides Micro routes without values (<c>"about/"</c>, <c>"api/posts"</c>) inside endpoint routing's
/// state machine, so that a request for one costs a dictionary lookup rather than a candidate set:
/// the exact path (case and trailing slash included) and the method choose the endpoint, a known path
/// with a method it doesn't answer gets 405 with <c>Allow</c>, and a GET for a path that only exists
/// with a slash appended is redirected there (Django's <c>APPEND_SLASH</c>). Routes with values are
/// left to <see cref="MicroMatcherPolicy"/>, as is any choice between these outcomes and other endpoints.
/// </summary>
internal sealed class MicroLiteralRoutePolicy(IOptions<MicroOptions> options) : MatcherPolicy, INodeBuilderPolicy
{
    // Before HTTP method matching (-1000): the method of a Micro route is decided here, together with its path.
    public override int Order => -1100;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            if (LiteralPathOf(endpoint) is not null)
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        // Endpoints this policy doesn't decide go along on every edge.
        var others = new List<Endpoint>();
        var routesByPath = new Dictionary<string, List<(Endpoint Endpoint, MicroRouteMetadata Micro)>>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (LiteralPathOf(endpoint) is { } path)
            {
                var micro = endpoint.Metadata.GetMetadata<MicroRouteMetadata>()!;
                if (!routesByPath.TryGetValue(path, out var routes))
                {
                    routes = [];
                    routesByPath.Add(path, routes);
                }

                routes.Add((endpoint, micro));
            }
            else
            {
                others.Add(endpoint);
            }
        }

        var edges = new List<PolicyNodeEdge>();
        foreach (var (path, routes) in routesByPath)
        {
            var allowed = new List<string>();
            foreach (var (_, micro) in routes.OrderBy(static route => route.Micro.DeclarationIndex))
            {
                foreach (var method in micro.Route.Methods)
                {
                    if (!allowed.Contains(method, StringComparer.OrdinalIgnoreCase))
                    {
                        allowed.Add(method);
                    }
                }
            }

            foreach (var method in allowed)
            {
                // Routes with the same path tie as in a Django urlpatterns list: the lower order, then the first declared.
                var winner = routes
                    .Where(route => route.Micro.Allows(method))
                    .OrderBy(static route => route.Micro.Route.Order)
                    .ThenBy(static route => route.Micro.DeclarationIndex)
                    .First();
                edges.Add(new PolicyNodeEdge(new EdgeKey(path, method), [.. others, winner.Endpoint]));
            }

            edges.Add(new PolicyNodeEdge(new EdgeKey(path, null), [.. others, MicroFallbacks.MethodNotAllowed(allowed)]));
        }

        // Only a path with a slash at its end can be reached by appending one.
        if (options.Value.AppendSlash && routesByPath.Keys.Any(static path => path.EndsWith('/')))
        {
            edges.Add(new PolicyNodeEdge(EdgeKey.AppendSlash, [.. others, MicroFallbacks.AppendSlash]));
        }

        if (others.Count > 0)
        {
            edges.Add(new PolicyNodeEdge(EdgeKey.NoRoute, others));
        }

        return edges;
    }

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges)
    {
        var paths = new Dictionary<string, PathDestinations>(StringComparer.Ordinal);
        var appendSlash = -1;
        var noRoute = exitDestination;
        foreach (var edge in edges)
        {
            var key = (EdgeKey)edge.State;
            if (ReferenceEquals(key, EdgeKey.AppendSlash))
            {
                appendSlash = edge.Destination;
            }
            else if (ReferenceEquals(key, EdgeKey.NoRoute))
            {
                noRoute = edge.Destination;
            }
            else
            {
                if (!paths.TryGetValue(key.Path!, out var destinations))
                {
                    destinations = new PathDestinations();
                    paths.Add(key.Path!, destinations);
                }

                if (key.Method is null)
                {
                    destinations.MethodNotAllowed = edge.Destination;
                }
                else
                {
                    destinations.Methods.Add((key.Method, edge.Destination));
                }
            }
        }

        return new JumpTable(paths, appendSlash, noRoute);
    }

    private static string? LiteralPathOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MicroRouteMetadata>()?.Matcher.LiteralPath;

    private sealed class EdgeKey(string? path, string? method)
    {
        public static readonly EdgeKey AppendSlash = new(null, null);

        public static readonly EdgeKey NoRoute = new(null, null);

        public string? Path { get; } = path;

        /// <summary>The method the edge answers, or null for the 405 edge of <see cref="Path"/>.</summary>
        public string? Method { get; } = method;
    }

    private sealed class PathDestinations
    {
        public List<(string Method, int Destination)> Methods { get; } = [];

        public int MethodNotAllowed { get; set; }
    }

    private sealed class JumpTable(Dictionary<string, PathDestinations> paths, int appendSlash, int noRoute) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext)
        {
            var request = httpContext.Request;
            var path = request.Path.Value is { Length: > 0 } value ? value : "/";
            var method = request.Method;
            if (paths.TryGetValue(path, out var destinations))
            {
                foreach (var (allowed, destination) in destinations.Methods)
                {
                    if (ReferenceEquals(allowed, method) || string.Equals(allowed, method, StringComparison.OrdinalIgnoreCase))
                    {
                        return destination;
                    }
                }

                return destinations.MethodNotAllowed;
            }

            if (appendSlash >= 0 && !path.EndsWith('/') && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && paths.ContainsKey(path + "/"))
            {
                return appendSlash;
            }

            return noRoute;
        }
    }
}
