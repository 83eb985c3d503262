using System.Collections.Concurrent;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>How many times each [CachePage] handler ran, by name.</summary>
public sealed class PageCalls
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public int this[string name] => _calls.GetValueOrDefault(name);

    public int Call(string name) => _calls.AddOrUpdate(name, 1, static (_, count) => count + 1);
}

/// <summary>Routes cached with [CachePage]: each answers with how many times it ran, so a cached answer repeats the number.</summary>
public static class CacheViews
{
    [Route("cache/plain/")]
    [CachePage(60)]
    public static string Plain(HttpContext context, PageCalls calls) =>
        $"plain {calls.Call("plain")} {context.Request.QueryString}";

    [Route("cache/language/")]
    [CachePage(60, VaryByHeader = "Accept-Language")]
    public static string Language(HttpContext context, PageCalls calls) =>
        $"language {calls.Call("language")} {context.Request.Headers.AcceptLanguage}";

    [Route("cache/flavor/")]
    [CachePage(60)]
    public static string Flavor(HttpContext context, PageCalls calls)
    {
        context.Response.Headers.Vary = "X-Flavor";
        return $"flavor {calls.Call("flavor")} {context.Request.Headers["X-Flavor"]}";
    }

    [Route("cache/cookie/")]
    [CachePage(60)]
    public static string Cookie(HttpContext context, PageCalls calls)
    {
        context.Response.Cookies.Append("seen", "yes");
        return $"cookie {calls.Call("cookie")}";
    }

    [Route("cache/private/")]
    [CachePage(60)]
    public static string Private(HttpContext context, PageCalls calls)
    {
        context.Response.Headers.CacheControl = "private";
        return $"private {calls.Call("private")}";
    }

    [Route("cache/missing/")]
    [CachePage(60)]
    public static IResult Missing(PageCalls calls) => Results.NotFound($"missing {calls.Call("missing")}");

    [Route("cache/user/")]
    [CachePage(60)]
    public static string User(HttpContext context, PageCalls calls) =>
        $"user {calls.Call("user")} {context.User.Identity?.Name}";

    [Route("cache/user-shared/")]
    [CachePage(60, CacheAuthenticated = true)]
    public static string UserShared(PageCalls calls) => $"user-shared {calls.Call("user-shared")}";

    [Route("cache/post/", Methods = "GET, HEAD, POST")]
    [CachePage(60)]
    public static string Post(HttpContext context, PageCalls calls) => $"post {calls.Call("post")} {context.Request.Method}";

    [Route("cache/big/")]
    [CachePage(60)]
    public static string Big(PageCalls calls) => new string('x', 2 * 1024 * 1024) + calls.Call("big");

    /// <summary>The cache as a route parameter, as Db is.</summary>
    [Route("cache/counter/")]
    public static async Task<string> Counter(Cache cache)
    {
        await cache.AddAsync("hits", 0L);
        return (await cache.IncrementAsync("hits")).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Holds its response until the test lets it go: graceful shutdown must finish it.</summary>
    [Route("cache/slow/")]
    public static async Task<string> Slow(SlowGate gate)
    {
        gate.Entered.TrySetResult();
        await gate.Release.Task;
        return "finished";
    }
}

public sealed class SlowGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A session value written by one request and read by the next (on another process, when sessions are on Redis).</summary>
public static class SessionViews
{
    [Route("session/set/")]
    public static string Set(Session session, string value)
    {
        session.SetString("value", value);
        return "kept";
    }

    [Route("session/get/")]
    public static string Get(Session session) => session.GetString("value") ?? "none";
}
