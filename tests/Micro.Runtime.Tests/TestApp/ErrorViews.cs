using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>Failing routes, the app's 404 handler, and a class-based view.</summary>
public static class ErrorViews
{
    public const string ExceptionMessage = "Kaboom: the secret is 42";

    [Route("err/boom/")]
    public static string Boom() => throw new InvalidOperationException(ExceptionMessage);

    /// <summary>A failing page whose path is partly the client's.</summary>
    [Route("err/boom/<str:what>/")]
    public static string BoomAt(string what) => throw new InvalidOperationException(ExceptionMessage + " at " + what.Length);

    [Route("err/boom-async/")]
    public static async Task<string> BoomAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException(ExceptionMessage);
    }

    /// <summary>Describes the body it would send (caching, type, validator), then fails: the error page keeps none of that.</summary>
    [Route("err/boom-after-headers/")]
    public static string BoomAfterHeaders(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.ETag = "\"v1\"";
        context.Response.ContentType = "application/octet-stream";
        throw new InvalidOperationException(ExceptionMessage);
    }

    /// <summary>A handler that answers "not found" itself: the app's 404 handler renders the page, as after Django's Http404.</summary>
    [Route("err/missing/")]
    public static IResult Missing() => Results.NotFound();

    [Route("err/post-only/", Methods = "POST")]
    public static string PostOnly() => "posted";

    [Route("err/get-or-put/", Methods = "GET, PUT")]
    public static string GetOrPut(HttpRequest request) => $"{request.Method} ok";

    [ErrorHandler(404)]
    public static IResult NotFound(HttpContext context, ErrorInfo error) =>
        Results.Content($"custom 404 for {context.Request.Path} ({error.StatusCode.ToString(CultureInfo.InvariantCulture)})", "text/plain", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>A class-based view: GET (and so HEAD) and POST; OPTIONS is answered for it.</summary>
[Route("err/articles/<int:id>/", Name = "article")]
public static class ArticleView
{
    public static string Get(int id) => $"article {id.ToString(CultureInfo.InvariantCulture)}";

    public static IResult Post(int id, [FromForm] string title) =>
        Results.Text($"renamed article {id.ToString(CultureInfo.InvariantCulture)} to {title}");
}
