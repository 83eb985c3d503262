using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Micro.Routing;

/// <summary>Marks an endpoint as a Micro route, and carries what exact matching needs.</summary>
internal sealed class MicroRouteMetadata(RouteDefinition route, RouteMatcher matcher, int declarationIndex)
{
    public RouteDefinition Route { get; } = route;

    public RouteMatcher Matcher { get; } = matcher;

    /// <summary>Breaks ties between routes that match the same URL equally well: the one declared first wins.</summary>
    public int DeclarationIndex { get; } = declarationIndex;

    /// <summary>Whether the route answers <paramref name="method"/>; asked on every request, so it allocates nothing.</summary>
    public bool Allows(string method)
    {
        // By index: a foreach over the list's interface would allocate an enumerator per request.
        var methods = Route.Methods;
        for (var i = 0; i < methods.Count; i++)
        {
            if (string.Equals(methods[i], method, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The routes of one <see cref="RouteTable"/> as ordinary ASP.NET Core endpoints.</summary>
internal sealed class MicroEndpointDataSource(RouteTable table, string prefix, IServiceProvider services)
    : EndpointDataSource, IEndpointConventionBuilder
{
    private readonly List<Action<EndpointBuilder>> _conventions = [];
    private readonly List<Action<EndpointBuilder>> _finallyConventions = [];
    private IReadOnlyList<Endpoint>? _endpoints;

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints ??= Build();

    public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;

    public void Add(Action<EndpointBuilder> convention) => _conventions.Add(convention);

    public void Finally(Action<EndpointBuilder> finallyConvention) => _finallyConventions.Add(finallyConvention);

    private List<Endpoint> Build()
    {
        var mounted = services.GetService(typeof(Hosting.MountedRouteTables)) as Hosting.MountedRouteTables;
        var endpoints = new List<Endpoint>(table.Routes.Count);
        for (var index = 0; index < table.Routes.Count; index++)
        {
            var route = table.Routes[index];
            var matcher = new RouteMatcher(route, prefix);
            var builder = new RouteEndpointBuilder(
                null,
                RoutePatternFactory.Parse(matcher.CandidatePattern),
                route.Order)
            {
                DisplayName = $"{prefix}{route.Pattern} => {route.Handler}",
            };
            foreach (var metadata in route.Metadata)
            {
                builder.Metadata.Add(metadata);
            }

            builder.Metadata.Add(new MicroRouteMetadata(route, matcher, index));
            foreach (var convention in _conventions)
            {
                convention(builder);
            }

            foreach (var convention in _finallyConventions)
            {
                convention(builder);
            }

            object[] final = [.. builder.Metadata];
            builder.RequestDelegate = route.CreatedOnFirstRequest
                ? OnFirstRequest(route, final, mounted)
                : Compose(CreateOrRefuse(route), route, final, mounted);
            endpoints.Add(builder.Build());
        }

        return endpoints;
    }

    /// <summary>
    /// The route's request delegate in the table's URL scope, behind its CSRF check and page cache. The CSRF check is decided by
    /// the final metadata, conventions included (<c>.WithMetadata(new CsrfExemptAttribute())</c>); <c>[CachePage]</c> is outside
    /// it, which only unsafe methods need and the page cache never serves.
    /// </summary>
    private RequestDelegate Compose(RequestDelegate handler, RouteDefinition route, object[] metadata, Hosting.MountedRouteTables? mounted) =>
        UrlScope.Enter(Caching.PageCache.Wrap(Security.CsrfProtection.Protect(handler, metadata, services), metadata), table, prefix, mounted, route);

    /// <summary>
    /// A request delegate made on the route's first request: a 1,000-route app starts without compiling 1,000 factories. Only
    /// for routes whose factory can't fail (<see cref="RouteDefinition.CreatedOnFirstRequest"/>), so no error moves from
    /// start-up to a request. Two first requests at once may both make it; either result serves.
    /// </summary>
    private RequestDelegate OnFirstRequest(RouteDefinition route, object[] metadata, Hosting.MountedRouteTables? mounted)
    {
        RequestDelegate? composed = null;
        return context => (composed ??= Compose(CreateOrRefuse(route), route, metadata, mounted))(context);
    }

    /// <summary>
    /// The route's request delegate; or, when it can't be made (a host that didn't register a service the handler takes), one that
    /// fails this route's requests with the reason, so that the host's other endpoints keep serving. <c>check</c> lists it too.
    /// </summary>
    private RequestDelegate CreateOrRefuse(RouteDefinition route)
    {
        try
        {
            return route.CreateRequestDelegate(services);
        }
        catch (InvalidOperationException exception)
        {
            var problem = $"Route '{prefix}{route.Pattern}' ({route.Handler}, {route.Source}) can't serve: {exception.Message} Register what it needs, then run the check command.";
            (services.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) as Microsoft.Extensions.Logging.ILoggerFactory)?
                .CreateLogger("Micro.Routing").LogError(exception, "{Problem}", problem);
            return _ => throw new InvalidOperationException(problem, exception);
        }
    }
}
