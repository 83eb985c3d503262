using System.Net;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>/healthz and /readyz over HTTP, and a stop that lets the request in flight finish.</summary>
public sealed class HealthTests
{
    private sealed class App(params string[] arguments) : MicroAppFixture
    {
        protected override IEnumerable<string> Arguments => arguments;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(MicroAppFixture app, string path, string? host = "10.1.2.3:8080")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        // Probes come by address: the host check, which refuses this Host, must not stand in their way.
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        using var response = await app.Client.SendAsync(request);
        return (response.StatusCode, await response.BodyAsync());
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_ok_when_the_database_and_redis_answer()
    {
        var folder = Directory.CreateTempSubdirectory("micro-health-").FullName;
        await using var app = new App("--ConnectionStrings:Default=Data Source=" + Path.Combine(folder, "app.db"), "--ConnectionStrings:Redis=" + RedisServer.Address).Started();
        await app.Value;

        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync(app.App, "/healthz"));
        Assert.Equal((HttpStatusCode.OK, "database: ok\nredis: ok\n"), await GetAsync(app.App, "/readyz"));
        // Any other path still meets the host check.
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(app.App, "/cache/plain/")).Status);
    }

    [Fact]
    public async Task Readiness_is_503_when_the_database_can_not_be_opened()
    {
        await using var app = new App("--ConnectionStrings:Default=Data Source=/nonexistent-" + Guid.NewGuid().ToString("N") + "/app.db").Started();
        await app.Value;

        Assert.Equal((HttpStatusCode.OK, "ok\n"), await GetAsync(app.App, "/healthz"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "database: unavailable\n"), await GetAsync(app.App, "/readyz"));
    }

    [Fact]
    public async Task Readiness_is_503_when_redis_is_down_and_pages_still_serve_from_their_handlers()
    {
        var folder = Directory.CreateTempSubdirectory("micro-health-").FullName;
        await using var app = new App("--ConnectionStrings:Default=Data Source=" + Path.Combine(folder, "app.db"), "--ConnectionStrings:Redis=" + RedisServer.Unreachable()).Started();
        await app.Value;

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "database: ok\nredis: unavailable\n"), await GetAsync(app.App, "/readyz"));
        using var page = await app.App.Client.GetAsync("/cache/plain/?down=1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_paths_are_configurable_and_the_endpoints_can_be_turned_off()
    {
        await using var moved = new App("--Micro:Health:LivenessPath=/-/live", "--Micro:Health:ReadinessPath=/-/ready").Started();
        await using var off = new App("--Micro:Health:Enabled=false").Started();
        await moved.Value;
        await off.Value;

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(moved.App, "/-/live")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(moved.App, "/healthz")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(off.App, "/healthz", host: null)).Status);
    }

    [Fact]
    public async Task Stopping_the_app_finishes_the_request_in_flight()
    {
        var app = new App();
        await app.InitializeAsync();
        var gate = app.Services.GetRequiredService<SlowGate>();

        // A client of its own: the fixture's is disposed as the app stops.
        using var client = Http.CreateClient(app.BaseAddress);
        var request = client.GetAsync("/cache/slow/");
        await gate.Entered.Task;
        var stop = app.DisposeAsync();
        Assert.False(request.IsCompleted);
        Assert.False(stop.IsCompleted);

        gate.Release.SetResult();
        using var response = await request;
        await stop;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.BodyAsync());
    }
}
