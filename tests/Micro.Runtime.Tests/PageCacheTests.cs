using System.Net;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>The test app with its cache on Redis (its own key prefix on the shared test server).</summary>
public sealed class RedisApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments =>
        ["--ConnectionStrings:Redis=" + RedisServer.Address, "--Micro:Cache:KeyPrefix=" + RedisServer.UniquePrefix()];
}

public sealed class PageCacheTests(ProductionApp app) : PageCacheTestsBase(app), IClassFixture<ProductionApp>;

public sealed class RedisPageCacheTests(RedisApp app) : PageCacheTestsBase(app), IClassFixture<RedisApp>;

/// <summary>[CachePage] over real HTTP, on the in-memory cache and on Redis: each handler counts its calls, so a cached answer repeats its count.</summary>
public abstract class PageCacheTestsBase(MicroAppFixture app)
{
    private PageCalls Calls => app.Services.GetRequiredService<PageCalls>();

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await app.Client.SendAsync(request);
        return (response, await response.BodyAsync());
    }

    [Fact]
    public async Task The_second_request_is_answered_from_the_cache_with_max_age_and_expires()
    {
        var path = "/cache/plain/?test=" + Guid.NewGuid().ToString("N");
        var before = Calls["plain"];

        var (first, firstBody) = await GetAsync(path);
        var (second, secondBody) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal(before + 1, Calls["plain"]);
        Assert.Equal("max-age=60", first.Header("Cache-Control"));
        Assert.Equal("max-age=60", second.Header("Cache-Control"));
        var expires = DateTimeOffset.Parse(first.Content.Headers.GetValues("Expires").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddSeconds(30), DateTimeOffset.UtcNow.AddSeconds(61));
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), second.Content.Headers.ContentType?.ToString());
        Assert.Equal("ran", second.Header("X-Middleware"));
    }

    [Fact]
    public async Task Each_query_string_is_cached_apart_and_hostile_ones_neither_fail_nor_mix()
    {
        var id = Guid.NewGuid().ToString("N");
        var queries = new[]
        {
            $"?a={id}", $"?a={id}&b=1", $"?b=1&a={id}", $"?a={id}%00", $"?a={id}%0d%0aSet-Cookie:%20x=1",
            $"?a={id}&" + new string('z', 6000), $"?a={id}&%E2%80%AE=%FF%FE", $"?a={id}&*=[]?\\",
        };

        var bodies = new List<string>();
        foreach (var query in queries)
        {
            var (response, body) = await GetAsync("/cache/plain/" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Header("Set-Cookie"));
            bodies.Add(body);
        }

        // Every one its own page (its own count), and each served again from its own entry.
        Assert.Equal(queries.Length, bodies.Distinct().Count());
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(bodies[i], (await GetAsync("/cache/plain/" + queries[i])).Body);
        }
    }

    [Fact]
    public async Task A_declared_header_varies_the_page()
    {
        var path = "/cache/language/?test=" + Guid.NewGuid().ToString("N");

        var (french, frenchBody) = await GetAsync(path, ("Accept-Language", "fr"));
        var (_, germanBody) = await GetAsync(path, ("Accept-Language", "de"));
        var (_, frenchAgain) = await GetAsync(path, ("Accept-Language", "fr"));
        var (_, none) = await GetAsync(path);
        var (_, noneAgain) = await GetAsync(path);

        Assert.EndsWith(" fr", frenchBody);
        Assert.EndsWith(" de", germanBody);
        Assert.Equal(frenchBody, frenchAgain);
        Assert.NotEqual(frenchBody, none);
        Assert.Equal(none, noneAgain);
        Assert.Equal(HttpStatusCode.OK, french.StatusCode);

        // A hostile value is a key like any other: served, cached for itself, never for another value.
        var hostile = new string('x', 6000) + "\"<script>;q=*";
        var (hostileResponse, hostileBody) = await GetAsync(path, ("Accept-Language", hostile));
        Assert.Equal(HttpStatusCode.OK, hostileResponse.StatusCode);
        Assert.Equal(hostileBody, (await GetAsync(path, ("Accept-Language", hostile))).Body);
        Assert.Equal(frenchBody, (await GetAsync(path, ("Accept-Language", "fr"))).Body);
    }

    [Fact]
    public async Task The_responses_own_vary_header_varies_the_page_so_no_value_is_served_for_another()
    {
        var path = "/cache/flavor/?test=" + Guid.NewGuid().ToString("N");

        var (_, vanilla) = await GetAsync(path, ("X-Flavor", "vanilla"));
        var (_, poisoned) = await GetAsync(path, ("X-Flavor", "<script>"));
        var (_, vanillaAgain) = await GetAsync(path, ("X-Flavor", "vanilla"));
        var (_, poisonedAgain) = await GetAsync(path, ("X-Flavor", "<script>"));

        Assert.EndsWith(" vanilla", vanilla);
        Assert.EndsWith(" <script>", poisoned);
        Assert.Equal(vanilla, vanillaAgain);
        Assert.Equal(poisoned, poisonedAgain);
    }

    [Theory]
    [InlineData("cookie")]
    [InlineData("private")]
    [InlineData("missing")]
    public async Task Responses_that_set_cookies_are_private_or_are_not_200_are_not_cached(string name)
    {
        var path = $"/cache/{name}/?test=" + Guid.NewGuid().ToString("N");
        var before = Calls[name];

        var (first, _) = await GetAsync(path);
        await GetAsync(path);

        Assert.Equal(before + 2, Calls[name]);
        Assert.DoesNotContain("max-age", first.Header("Cache-Control") ?? "");
    }

    [Fact]
    public async Task A_response_over_the_size_limit_is_served_whole_and_not_cached()
    {
        var path = "/cache/big/?test=" + Guid.NewGuid().ToString("N");
        var before = Calls["big"];

        var (_, first) = await GetAsync(path);
        var (_, second) = await GetAsync(path);

        Assert.Equal(2 * 1024 * 1024, first.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').Length);
        Assert.NotEqual(first, second);
        Assert.Equal(before + 2, Calls["big"]);
    }

    [Fact]
    public async Task Signed_in_users_are_not_cached_unless_the_route_says_so()
    {
        var path = "/cache/user/?test=" + Guid.NewGuid().ToString("N");
        var before = Calls["user"];

        var (_, ada) = await GetAsync(path, ("X-Test-User", "ada"));
        var (_, grace) = await GetAsync(path, ("X-Test-User", "grace"));
        var (_, anonymous) = await GetAsync(path);
        var (_, anonymousAgain) = await GetAsync(path);

        Assert.EndsWith(" ada", ada);
        Assert.EndsWith(" grace", grace);
        Assert.Equal(anonymous, anonymousAgain);
        Assert.Equal(before + 3, Calls["user"]);

        var shared = "/cache/user-shared/?test=" + Guid.NewGuid().ToString("N");
        var (_, first) = await GetAsync(shared, ("X-Test-User", "ada"));
        var (_, second) = await GetAsync(shared, ("X-Test-User", "ada"));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Post_is_never_cached_and_head_is_answered_from_the_cached_get()
    {
        var path = "/cache/post/?test=" + Guid.NewGuid().ToString("N");
        var before = Calls["post"];

        var (_, get) = await GetAsync(path);
        using var post1 = await app.Client.PostAsync(path, null);
        using var post2 = await app.Client.PostAsync(path, null);
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.EndsWith(" GET", get);
        Assert.EndsWith(" POST", await post1.BodyAsync());
        Assert.NotEqual(await post1.BodyAsync(), await post2.BodyAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(before + 3, Calls["post"]);
    }

    [Fact]
    public async Task A_handler_takes_the_cache_as_a_parameter()
    {
        var first = long.Parse((await GetAsync("/cache/counter/")).Body, System.Globalization.CultureInfo.InvariantCulture);
        var second = long.Parse((await GetAsync("/cache/counter/")).Body, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(first + 1, second);
    }
}
