using System.Net;
using Micro.Auth.Tests.Infrastructure;

namespace Micro.Auth.Tests;

/// <summary>The cookie store: the session travels in its cookie, protected by data protection.</summary>
public sealed class CookieStoreTests(CookieStoreApp app) : IClassFixture<CookieStoreApp>
{
    [Fact]
    public async Task Values_round_trip_in_the_cookie_and_nothing_is_stored_on_the_server()
    {
        using var browser = app.NewBrowser();

        await browser.PostAsync("/session/set/", ("name", "Ada"), ("count", "2"), ("big", "3"), ("ratio", "0.5"), ("price", "1.5"), ("flag", "true"));

        Assert.True(browser.SessionId!.Length > 100);
        Assert.DoesNotContain("Ada", browser.SessionId);
        Assert.Equal("name=Ada count=2 big=3 ratio=0.5 price=1.5 flag=True keys=6", await browser.GetStringAsync("/session/"));
        Assert.Equal(["0"], app.Query("SELECT count(*) FROM micro_session"));
        Assert.Equal("none", await browser.GetStringAsync("/session/key/"));
    }

    [Fact]
    public async Task A_tampered_cookie_is_an_empty_session()
    {
        using var browser = app.NewBrowser();
        await browser.PostAsync("/session/set/", ("name", "Ada"), ("count", "2"), ("big", "3"), ("ratio", "0.5"), ("price", "1.5"), ("flag", "true"));
        var value = browser.SessionId!;

        foreach (var tampered in new[] { value[..^2] + (value[^2] == 'A' ? "B" : "A") + value[^1], value[..40], value + "AAAA", "%%%not-base64%%%", "" })
        {
            browser.Cookies["sessionid"] = tampered;
            var response = await browser.GetAsync("/session/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.EndsWith("keys=0", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_expired_cookie_is_refused_by_its_own_expiry_not_only_the_browsers()
    {
        using var browser = app.NewBrowser();
        await browser.PostAsync("/session/expiry/", ("seconds", "60"));
        var value = browser.SessionId!;

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        browser.Cookies["sessionid"] = value;

        Assert.EndsWith("keys=0", await browser.GetStringAsync("/session/"));
    }

    [Fact]
    public async Task Logins_work_with_sessions_in_the_cookie()
    {
        await app.CreateUserAsync("cookie-user");
        using var browser = app.NewBrowser();

        await browser.LoginAsync("cookie-user");

        Assert.Equal("hello cookie-user", await browser.GetStringAsync("/protected/"));
        await browser.PostAsync("/accounts/logout/");
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/protected/")).StatusCode);
    }
}

/// <summary>The cache store: sessions as entries of IDistributedCache.</summary>
public sealed class CacheStoreTests(CacheStoreApp app) : IClassFixture<CacheStoreApp>
{
    [Fact]
    public async Task Values_round_trip_through_the_cache_and_expire_with_the_clock()
    {
        using var browser = app.NewBrowser();

        await browser.PostAsync("/session/set/", ("name", "Ada"), ("count", "2"), ("big", "3"), ("ratio", "0.5"), ("price", "1.5"), ("flag", "true"));

        Assert.Matches("^[a-z0-9]{32}$", browser.SessionId);
        Assert.Equal(browser.SessionId, await browser.GetStringAsync("/session/key/"));
        Assert.StartsWith("name=Ada", await browser.GetStringAsync("/session/"));
        Assert.Equal(["0"], app.Query("SELECT count(*) FROM micro_session"));

        app.Clock.Advance(TimeSpan.FromDays(15));
        Assert.EndsWith("keys=0", await browser.GetStringAsync("/session/"));
    }

    [Fact]
    public async Task A_made_up_key_is_not_used()
    {
        using var browser = app.NewBrowser();
        browser.Cookies["sessionid"] = "madeupkeymadeupkeymadeupkey00000";

        await browser.PostAsync("/session/set/", ("name", "Ada"), ("count", "2"), ("big", "3"), ("ratio", "0.5"), ("price", "1.5"), ("flag", "true"));

        Assert.NotEqual("madeupkeymadeupkeymadeupkey00000", browser.SessionId);
    }
}
