using System.Net;
using System.Text;
using Micro.Hosting;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Micro.Runtime.Tests;

/// <summary>Other apps mounted inside a Micro app, with the prefix moved to PathBase.</summary>
public sealed class MountInMicroAppTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Theory]
    [InlineData("/legacy/some/page?a=1", "legacy base=/legacy path=/some/page query=?a=1")]
    [InlineData("/legacy/", "legacy base=/legacy path=/ query=")]
    [InlineData("/legacy", "legacy base=/legacy path= query=")]
    public async Task A_mounted_request_delegate_gets_the_prefix_in_PathBase(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Fact]
    public async Task A_mounted_app_answers_every_method()
    {
        var response = await _client.PostAsync("/legacy/form", new StringContent("x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("legacy base=/legacy path=/form query=", await response.BodyAsync());
    }

    [Fact]
    public async Task A_mounted_pipeline_branch_runs_its_own_middleware()
    {
        var response = await _client.GetAsync("/branch/x/y");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("yes", response.Header("X-Branch"));
        Assert.Equal("branch base=/branch path=/x/y", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/legacyx/")]   // a prefix matches whole segments only
    [InlineData("/Branchy")]
    public async Task A_path_that_only_starts_with_the_prefix_is_not_mounted(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Header("X-Branch"));
        Assert.Equal($"custom 404 for {path} (404)", await response.BodyAsync());
    }
}

/// <summary>A Micro app's URL table mounted under <c>api/</c> in a plain ASP.NET Core app.</summary>
public sealed class MountInAspNetCoreAppTests(HostedApp app) : IClassFixture<HostedApp>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task The_host_serves_its_own_endpoints()
    {
        var hello = await _client.GetAsync("/hello");
        var status = await _client.GetAsync("/api/host-status");

        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        Assert.Equal("hello from the host", await hello.BodyAsync());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("host status", await status.BodyAsync());
    }

    [Theory]
    [InlineData("/api/", "home")]
    [InlineData("/api/about/", "about")]
    [InlineData("/api/conv/int/42/", "int 42")]
    [InlineData("/api/conv/path/a/b/c", "path a/b/c")]
    [InlineData("/api/re/articles/2024/03/", "month 2024-03")]
    [InlineData("/api/items/new/", "new item")]
    [InlineData("/api/tie/5/", "tie first 5")]
    public async Task Micro_routes_are_served_under_the_prefix(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [InlineData("/about/")]
    [InlineData("/conv/int/42/")]
    [InlineData("/API/about/")]
    [InlineData("/api/About/")]
    public async Task Micro_routes_are_not_served_outside_the_prefix(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api", "/api/")]
    [InlineData("/api/about?x=1", "/api/about/?x=1")]
    public async Task APPEND_SLASH_redirects_under_the_prefix(string path, string location)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Reversed_urls_include_the_prefix()
    {
        var links = await _client.GetAsync("/api/rev/links/");
        var redirect = await _client.GetAsync("/api/res/redirect/");

        Assert.Equal("/api/\n/api/rev/greet/Zo%C3%AB%20&%20co%3F/\n/api/rev/posts/2024/hello-world/\n/api/conv/int/5/\n/api/rev/greet/tpl/", await links.BodyAsync());
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/api/res/text/", redirect.Headers.Location?.OriginalString);

        // Outside a request there is no prefix, as Django's default script prefix.
        Assert.Equal("/conv/year/2024/", Urls.ConvYear(2024));
    }

    [Fact]
    public async Task Binding_services_and_JSON_work_in_the_host()
    {
        var services = await _client.GetAsync("/api/bind/json/service/");
        var json = await _client.PostAsync("/api/bind/json/service/", new StringContent("""{"title":"host","body":""}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, services.StatusCode);
        Assert.Equal(["POST"], services.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("Hello, host!", await json.BodyAsync());
    }

    [Fact]
    public async Task Without_Micro_error_pages_a_bad_request_is_a_plain_text_400_naming_the_parameter()
    {
        var response = await _client.GetAsync("/api/bind/query-int/?n=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.MediaType());
        Assert.Equal("The query string parameter 'n' must be an integer; 'abc' is not.", await response.BodyAsync());
    }

    [Fact]
    public async Task Mapping_a_Micro_app_without_its_services_says_what_to_add()
    {
        await using var host = WebApplication.CreateSlimBuilder([]).Build();

        var exception = Assert.Throws<InvalidOperationException>(() => host.MapMicro(AppManifest.Create(typeof(ConverterViews).Assembly), "api"));

        Assert.Contains("builder.Services.AddMicro()", exception.Message);
    }

    [Theory]
    [InlineData("UseMicroErrorPages")]
    [InlineData("UseMicroStaticFiles")]
    public async Task Micro_middleware_without_its_services_says_what_to_add(string method)
    {
        await using var host = WebApplication.CreateSlimBuilder([]).Build();

        var exception = Assert.Throws<InvalidOperationException>(() =>
            _ = method == "UseMicroErrorPages" ? host.UseMicroErrorPages() : host.UseMicroStaticFiles());

        Assert.Equal($"Micro's services are missing: call builder.Services.AddMicro() before app.{method}().", exception.Message);
    }

    [Fact]
    public async Task Without_Micro_error_pages_a_missing_route_value_is_an_empty_404()
    {
        var response = await _client.GetAsync("/api/conv/int/99999999999/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", await response.BodyAsync());
    }
}

/// <summary>Middleware added in code runs around Micro routes.</summary>
public sealed class MiddlewareTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Theory]
    [InlineData("/res/text/", HttpStatusCode.OK)]
    [InlineData("/res/json/", HttpStatusCode.OK)]
    [InlineData("/nothing/", HttpStatusCode.NotFound)]
    [InlineData("/about", HttpStatusCode.MovedPermanently)]
    [InlineData("/err/post-only/", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/legacy/x", HttpStatusCode.OK)]
    public async Task Middleware_added_with_app_Use_runs_for_every_request(string path, HttpStatusCode status)
    {
        var response = await app.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("ran", response.Header("X-Middleware"));
    }
}

/// <summary>
/// One app mounted twice in a host, and two hosts in one process: each request reverses URLs under the prefix it came
/// through (its PathBase and mount prefix), as Django's per-request script prefix.
/// </summary>
public sealed class ScriptPrefixTests(MountedTwiceApp mounted) : IClassFixture<MountedTwiceApp>
{
    [Theory]
    [InlineData("/one/rev/links/", "/one/")]
    [InlineData("/two/rev/links/", "/two/")]
    [InlineData("/site/one/rev/links/", "/site/one/")]
    [InlineData("/site/two/rev/links/", "/site/two/")]
    public async Task Each_mount_reverses_under_its_own_prefix(string path, string prefix)
    {
        var response = await mounted.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Links(prefix), await response.BodyAsync());
    }

    [Fact]
    public async Task Requests_through_both_mounts_at_once_never_see_each_others_prefix()
    {
        var paths = Enumerable.Range(0, 200).Select(static i => (i % 4) switch
        {
            0 => ("/one/rev/links/", "/one/"),
            1 => ("/two/rev/links/", "/two/"),
            2 => ("/site/one/rev/links/", "/site/one/"),
            _ => ("/site/two/rev/links/", "/site/two/"),
        });

        var results = await Task.WhenAll(paths.Select(async p => (Expected: Links(p.Item2), Actual: await (await mounted.Client.GetAsync(p.Item1)).BodyAsync())));

        Assert.All(results, static r => Assert.Equal(r.Expected, r.Actual));
    }

    [Fact]
    public async Task The_redirect_of_a_missing_slash_keeps_the_path_base()
    {
        var response = await mounted.Client.GetAsync("/site/one/about");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/site/one/about/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Two_hosts_of_one_app_in_one_process_each_reverse_their_own_urls()
    {
        await using var root = await StartMicroAppAsync();
        using var rootClient = Http.CreateClient(new Uri(root.Urls.Single()));

        var fromRoot = rootClient.GetAsync("/rev/links/");
        var fromMounted = mounted.Client.GetAsync("/two/rev/links/");

        Assert.Equal(Links("/"), await (await fromRoot).BodyAsync());
        Assert.Equal(Links("/two/"), await (await fromMounted).BodyAsync());
        Assert.NotSame(root.Manifest, mounted.Manifest);
    }

    private static async Task<MicroApplication> StartMicroAppAsync()
    {
        var builder = MicroApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--environment", "Production"], typeof(ConverterViews).Assembly);
        builder.Logging.ClearProviders();
        Setup.AddServices(builder.Services);
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static string Links(string prefix) =>
        $"{prefix}\n{prefix}rev/greet/Zo%C3%AB%20&%20co%3F/\n{prefix}rev/posts/2024/hello-world/\n{prefix}conv/int/5/\n{prefix}rev/greet/tpl/";
}

/// <summary>A host that mounts the test app without registering the services some of its routes take.</summary>
public sealed class HostWithoutServicesApp : HostedApp
{
    protected override bool RegistersAppServices => false;
}

/// <summary>
/// A route whose service the host didn't register fails alone: the host's own endpoints and the app's other routes keep serving
/// (a route that can't be built used to take every endpoint of the host down with it).
/// </summary>
public sealed class MountWithoutServicesTests(HostWithoutServicesApp app) : IClassFixture<HostWithoutServicesApp>
{
    [Fact]
    public async Task Only_the_routes_that_need_what_is_missing_fail()
    {
        Assert.Equal("hello from the host", await (await app.Client.GetAsync("/hello")).BodyAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/rev/links/")).StatusCode);

        // Greeter isn't registered, and a GET has no body to read it from: the route can't be built, and answers with an error page.
        var broken = await app.Client.GetAsync("/api/bind/services/");
        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
        Assert.DoesNotContain("Greeter", await broken.BodyAsync());
        Assert.Equal("hello from the host", await (await app.Client.GetAsync("/hello")).BodyAsync());
    }
}
