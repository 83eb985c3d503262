using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>What a request delegate wrote.</summary>
internal sealed record TestResponse(int StatusCode, string Body, IHeaderDictionary Headers);

/// <summary>
/// Calls a generated request delegate directly with an in-memory <see cref="HttpContext"/>, as endpoint
/// routing would after matching (route values already extracted). Real HTTP is the runtime tests' job.
/// </summary>
internal static class TestRequest
{
    /// <summary>The services a Micro app always has (logging, options), plus the test's.</summary>
    public static IServiceProvider Services(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging().AddOptions();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static async Task<TestResponse> SendAsync(
        Func<IServiceProvider, RequestDelegate> createRequestDelegate,
        IServiceProvider services,
        string method = "GET",
        string query = "",
        IReadOnlyDictionary<string, string>? routeValues = null,
        Action<HttpRequest>? configure = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.QueryString = new QueryString(query);
        foreach (var (key, value) in routeValues ?? new Dictionary<string, string>())
        {
            context.Request.RouteValues[key] = value;
        }

        configure?.Invoke(context.Request);
        var body = new MemoryStream();
        context.Response.Body = body;

        await createRequestDelegate(services)(context);

        return new TestResponse(context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response.Headers);
    }

    /// <summary>A JSON request body.</summary>
    public static Action<HttpRequest> Json(string json) => request =>
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        request.ContentType = "application/json";
        request.ContentLength = bytes.Length;
        request.Body = new MemoryStream(bytes);
    };

    /// <summary>An application/x-www-form-urlencoded request body.</summary>
    public static Action<HttpRequest> Form(string urlEncoded) => request =>
    {
        var bytes = Encoding.UTF8.GetBytes(urlEncoded);
        request.ContentType = "application/x-www-form-urlencoded";
        request.ContentLength = bytes.Length;
        request.Body = new MemoryStream(bytes);
    };
}
