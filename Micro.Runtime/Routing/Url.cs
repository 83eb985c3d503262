using Micro.Hosting;
using Micro.Routing;

namespace Micro;

/// <summary>Reverses named routes at run time, as Django's <c>reverse()</c>; generated <c>Urls.*</c> methods are the typed form.</summary>
public static class Url
{
    /// <summary>
    /// The path of the route named <paramref name="name"/>, for example <c>Url.Reverse("year_archive", 2024)</c> is
    /// <c>/blog/2024/</c>: the routes of the app handling the current request, under the prefix it is mounted at;
    /// outside a request, the app being run, at the root.
    /// </summary>
    /// <exception cref="NoReverseMatchException">No route has that name, or the values don't fit its pattern.</exception>
    public static string Reverse(string name, params ReadOnlySpan<object?> values) => CurrentRoutes().Reverse(name, values);

    /// <summary>The path of the route named <paramref name="name"/>, with values by name.</summary>
    /// <exception cref="NoReverseMatchException">No route has that name, or the values don't fit its pattern.</exception>
    public static string Reverse(string name, IReadOnlyDictionary<string, object?> values) => CurrentRoutes().Reverse(name, values);

    /// <summary>
    /// The path of the route named <paramref name="name"/> (<c>"blog:post_detail"</c>), as Django's
    /// <c>reverse(name, args=..., current_app=...)</c>: an application namespace in the name stands for the instance
    /// <paramref name="currentApp"/> names (<c>"news"</c>). The other overloads take the namespace of the route handling the request.
    /// </summary>
    /// <exception cref="NoReverseMatchException">No route has that name, or the values don't fit its pattern.</exception>
    public static string Reverse(string name, object?[] values, string? currentApp) => CurrentRoutes().Reverse(name, values, currentApp);

    /// <summary>The path of the route named <paramref name="name"/>, with values by name, in the instance <paramref name="currentApp"/> names.</summary>
    /// <exception cref="NoReverseMatchException">No route has that name, or the values don't fit its pattern.</exception>
    public static string Reverse(string name, IReadOnlyDictionary<string, object?> values, string? currentApp) => CurrentRoutes().Reverse(name, values, currentApp);

    private static RouteTable CurrentRoutes() => UrlScope.Current?.Table ?? AppManifest.DefaultRoutes();
}

/// <summary>Thrown when a URL can't be built for a route name and values, as Django's <c>NoReverseMatch</c>.</summary>
public sealed class NoReverseMatchException(string message, Exception? innerException = null) : Exception(message, innerException);
