using Micro.Routing;
using Micro.Templates;
using Microsoft.AspNetCore.Http;

namespace Micro;

/// <summary>
/// The route a request matched, as Django's <c>request.resolver_match</c>: its name, namespaces and values. A route handler
/// takes it as a parameter; other code reads <see cref="ResolverMatchHttpContextExtensions.GetResolverMatch"/>; templates
/// read <c>request.resolver_match</c> (<c>url_name</c>, <c>namespace</c>, <c>app_name</c>, <c>view_name</c>, <c>kwargs</c>...).
/// </summary>
public sealed class ResolverMatch : ITemplateObject
{
    private ResolverMatch(RouteDefinition route, IReadOnlyDictionary<string, string> values, string prefix)
    {
        Definition = route;
        Values = values;
        Route = prefix + route.Pattern;
        Namespaces = route.Namespace?.Split(':') ?? [];
        AppNames = route.AppName?.Split(':') ?? [];
    }

    /// <summary>The route as the generator describes it.</summary>
    public RouteDefinition Definition { get; }

    /// <summary>The pattern it matched, with the prefix it is mounted under: Django's <c>route</c>.</summary>
    public string Route { get; }

    /// <summary>Its name without namespaces (<c>post_detail</c>), or null for a route without a name.</summary>
    public string? UrlName => Definition.UrlName;

    /// <summary>Its name with its namespaces (<c>blog:post_detail</c>), or null: what <c>Url.Reverse</c> takes.</summary>
    public string? ViewName => Definition.Name;

    /// <summary>Its instance namespaces joined with <c>:</c>, or empty, as Django's <c>namespace</c>.</summary>
    public string Namespace => Definition.Namespace ?? "";

    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>Its application namespaces joined with <c>:</c>, or empty, as Django's <c>app_name</c>.</summary>
    public string AppName => Definition.AppName ?? "";

    public IReadOnlyList<string> AppNames { get; }

    /// <summary>The route values as they appear in the path (Django's <c>kwargs</c>, before conversion).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The handler, as <c>Type.Method</c>.</summary>
    public string Handler => Definition.Handler;

    /// <summary>The match of the Micro route handling <paramref name="context"/>, or null for another endpoint (or none).</summary>
    public static ResolverMatch? For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<MicroRouteMetadata>() is not { } metadata)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is not null)
            {
                values[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
        }

        return new ResolverMatch(metadata.Route, values, metadata.Matcher.Prefix);
    }

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        value = name switch
        {
            "url_name" => UrlName,
            "view_name" => ViewName,
            "namespace" => Namespace,
            "namespaces" => Namespaces,
            "app_name" => AppName,
            "app_names" => AppNames,
            "route" => Route,
            "kwargs" => Values,
            "func" => Handler,
            _ => null,
        };
        return name is "url_name" or "view_name" or "namespace" or "namespaces" or "app_name" or "app_names" or "route" or "kwargs" or "func";
    }

    public override string ToString() =>
        $"ResolverMatch(route='{Route}', view_name='{ViewName}', namespace='{Namespace}', app_name='{AppName}', values={{{string.Join(", ", Values.Select(static v => $"{v.Key}={v.Value}"))}}})";
}

/// <summary>The route a request matched, from its <see cref="HttpContext"/>: for middleware and code that isn't a route handler.</summary>
public static class ResolverMatchHttpContextExtensions
{
    /// <summary>The <see cref="ResolverMatch"/> of the Micro route handling the request, or null when another endpoint (or none) does.</summary>
    public static ResolverMatch? GetResolverMatch(this HttpContext context) => ResolverMatch.For(context);
}
