using System.Net;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>
/// Several processes of one app on one Redis server (two hosts here, each with its own services): sessions kept in the cache,
/// the key ring and the cache are shared, so a request may land on either.
/// </summary>
public sealed class ScaleOutTests
{
    private sealed class Instance(string prefix, bool csrf) : MicroAppFixture
    {
        protected override bool CsrfChecks => csrf;

        protected override IEnumerable<string> Arguments =>
            ["--ConnectionStrings:Redis=" + RedisServer.Address, "--Micro:Cache:KeyPrefix=" + prefix, "--Micro:Sessions:Store=Cache"];
    }

    private static async Task WithTwoAsync(Func<Instance, Instance, Task> test, bool csrf = false)
    {
        var prefix = RedisServer.UniquePrefix();
        await using var first = new Instance(prefix, csrf).Started();
        await using var second = new Instance(prefix, csrf).Started();
        await first.Value;
        await second.Value;
        await test(first.App, second.App);
    }

    [Fact]
    public Task A_session_written_through_one_instance_is_read_by_the_other() => WithTwoAsync(async (first, second) =>
    {
        var value = Guid.NewGuid().ToString("N");
        using var set = await first.Client.GetAsync("/session/set/?value=" + value);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var cookie = set.Headers.GetValues("Set-Cookie").Single(static c => c.StartsWith("sessionid=", StringComparison.Ordinal));
        cookie = cookie[..cookie.IndexOf(';')];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/session/get/");
        request.Headers.Add("Cookie", cookie);
        using var get = await second.Client.SendAsync(request);

        Assert.Equal(value, await get.BodyAsync());
    });

    [Fact]
    public Task A_signed_cookie_issued_by_one_instance_is_accepted_by_the_other() => WithTwoAsync(async (first, second) =>
    {
        var cookie = await MessagesTests.FlashAsync(first.Client, "Signed on one, read on the other.");

        Assert.Contains("Signed on one, read on the other.", (await MessagesTests.GetAsync(second.Client, "/sec/messages/", cookie)).Body);
    });

    [Fact]
    public Task A_csrf_token_from_a_page_of_one_instance_is_accepted_by_the_other() => WithTwoAsync(async (first, second) =>
    {
        var session = await CsrfSession.StartAsync(first.Client);
        using var request = session.Post("/sec/submit-form/", session.Form(session.Token, ("title", "Across")));
        using var response = await second.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("saved Across", await response.BodyAsync());
    }, csrf: true);

    [Fact]
    public Task The_cache_and_cached_pages_are_shared() => WithTwoAsync(async (first, second) =>
    {
        // Behind one address (a load balancer), as the processes would be: the same Host on both.
        var path = "/cache/plain/?test=" + Guid.NewGuid().ToString("N");
        async Task<string> GetAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "127.0.0.1:8000";
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.BodyAsync();
        }

        var page = await GetAsync(first.Client);

        Assert.Equal(page, await GetAsync(second.Client));
        Assert.Equal(0, second.Services.GetRequiredService<PageCalls>()["plain"]);

        await first.Services.GetRequiredService<Cache>().SetAsync("shared", "from the first");
        Assert.Equal("from the first", await second.Services.GetRequiredService<Cache>().GetAsync<string>("shared"));
        Assert.Equal("Redis", second.Services.GetRequiredService<Cache>().Backend);
    });
}

/// <summary>A fixture started for one test and stopped at its end.</summary>
internal sealed class StartedApp<T>(T app) : IAsyncDisposable
    where T : IAsyncLifetime
{
    public T App => app;

    public Task Value { get; } = app.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Value;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}

internal static class StartedAppExtensions
{
    public static StartedApp<T> Started<T>(this T app)
        where T : IAsyncLifetime => new(app);
}
