namespace Micro;

/// <summary>
/// Caches the route's GET and HEAD responses in the app's <see cref="Cache"/> for <see cref="Seconds"/>, as Django's
/// <c>cache_page</c>: the next request for the same path and query string (and the same values of the headers it varies on) is
/// answered from the cache without calling the handler. Responses that set a cookie, say <c>private</c>, <c>no-store</c> or
/// <c>no-cache</c>, or aren't a 200 are never kept, nor responses for a signed-in user unless <see cref="CacheAuthenticated"/>.
/// The response gets <c>Cache-Control: max-age</c> and <c>Expires</c>, as Django's sets them.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class CachePageAttribute(int seconds) : Attribute
{
    /// <summary>How long a response is kept, and its <c>max-age</c>.</summary>
    public int Seconds { get; } = seconds;

    /// <summary>
    /// Request headers a response depends on, comma-separated (<c>"Accept-Language, Accept"</c>), as Django's <c>vary_on_headers</c>:
    /// one cached copy per value. The headers the response's own <c>Vary</c> names count too.
    /// </summary>
    public string? VaryByHeader { get; init; }

    /// <summary>
    /// Also cache responses for signed-in users. Off by default: a page that shows who is signed in must not reach anyone else.
    /// When on, a response that read the session (and so says <c>Vary: Cookie</c>) is kept per cookie.
    /// </summary>
    public bool CacheAuthenticated { get; init; }

    /// <summary>The key prefix of the cached pages, so that several routes on one path keep apart (Django's <c>key_prefix</c>).</summary>
    public string? KeyPrefix { get; init; }
}
