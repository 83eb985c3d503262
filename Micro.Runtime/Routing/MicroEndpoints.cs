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

    public bool Allows(string method)
    {
        foreach (var allowed in Route.Methods)
        {
            if (string.Equals(allowed, method, StringComparison.OrdinalIgnoreCase))
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
        var endpoints = new List<Endpoint>(table.Routes.Count);
        for (var index = 0; index < table.Routes.Count; index++)
        {
            var route = table.Routes[index];
            var matcher = new RouteMatcher(route, prefix);
            var builder = new RouteEndpointBuilder(
                null,
                RoutePatternFactory.Parse(RouteMatcher.CandidatePattern(route, prefix)),
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

            // The CSRF check is decided by the final metadata, conventions included (.WithMetadata(new CsrfExemptAttribute())).
            // [CachePage] outside the CSRF check, which only unsafe methods need and the page cache never serves.
            builder.RequestDelegate = UrlScope.Enter(
                Caching.PageCache.Wrap(Security.CsrfProtection.Protect(CreateOrRefuse(route), [.. builder.Metadata], services), [.. builder.Metadata]),
                table,
                prefix,
                services.GetService(typeof(Hosting.MountedRouteTables)) as Hosting.MountedRouteTables,
                route);
            endpoints.Add(builder.Build());
        }

        return endpoints;
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
