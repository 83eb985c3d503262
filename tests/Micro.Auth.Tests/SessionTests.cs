using System.Net;
using Micro.Auth.Tests.Infrastructure;

namespace Micro.Auth.Tests;

public sealed class SqliteSessionTests(AuthApp app) : SessionTests(app), IClassFixture<AuthApp>;

public sealed class PostgreSqlSessionTests(PostgreSqlAuthApp app) : SessionTests(app), IClassFixture<PostgreSqlAuthApp>;

/// <summary>Sessions in the database (the default store), over real HTTP.</summary>
public abstract class SessionTests(AuthApp app)
{
    private static readonly (string, string)[] s_values =
        [("name", "Ada <Lovelace> \"é\""), ("count", "3"), ("big", "9007199254740993"), ("ratio", "0.1"), ("price", "19.99"), ("flag", "true")];

    [Fact]
    public async Task A_request_that_never_uses_the_session_sets_no_cookie_and_stores_nothing()
    {
        using var browser = app.NewBrowser();
        var before = app.Query("SELECT count(*) FROM micro_session").Single();

        var plain = await browser.GetAsync("/plain/");
        var read = await browser.GetAsync("/session/");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(browser.SetCookies);
        Assert.Null(plain.Headers.Vary.FirstOrDefault());
        Assert.Equal("name=- count=- big=- ratio=- price=- flag=- keys=0", await read.Content.ReadAsStringAsync());
        Assert.Empty(browser.SetCookies);
        Assert.Equal(before, app.Query("SELECT count(*) FROM micro_session").Single());
    }

    [Fact]
    public async Task Typed_values_round_trip_across_requests_and_only_a_change_saves()
    {
        using var browser = app.NewBrowser();

        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/session/set/", s_values)).StatusCode);
        var key = browser.SessionId;
        Assert.NotNull(key);
        Assert.Matches("^[a-z0-9]{32}$", key);
        Assert.Equal(["1"], app.Query($"SELECT count(*) FROM micro_session WHERE session_key = '{key}'"));

        var read = await browser.GetAsync("/session/");
        Assert.Equal("name=Ada <Lovelace> \"é\" count=3 big=9007199254740993 ratio=0.1 price=19.99 flag=True keys=6", await read.Content.ReadAsStringAsync());
        Assert.Empty(browser.SetCookies);
        Assert.Contains("Cookie", read.Headers.Vary);

        // A value read as another type is null, never an error.
        Assert.Equal("name-as-int=null count-as-text=null", await browser.GetStringAsync("/session/mismatch/"));
    }

    [Fact]
    public async Task A_json_value_round_trips_through_the_generated_metadata()
    {
        using var browser = app.NewBrowser();
        const string cart = """{"owner":"ada","lines":[{"sku":"A-1","quantity":2,"price":9.5},{"sku":"B-2","quantity":1,"price":0.25}]}""";

        Assert.Equal("2 lines", await (await browser.PostJsonAsync("/session/cart/save/", cart)).Content.ReadAsStringAsync());

        Assert.Equal(cart, await browser.GetStringAsync("/session/cart/"));
        var stored = app.Query($"SELECT session_data FROM micro_session WHERE session_key = '{browser.SessionId}'").Single();
        Assert.Contains("\"cart\":{\"owner\":\"ada\"", stored);
    }

    [Fact]
    public async Task The_cookie_is_HttpOnly_SameSite_Lax_Secure_in_Production_and_lasts_two_weeks()
    {
        using var browser = app.NewBrowser();

        await browser.PostAsync("/session/set/", s_values);

        var cookie = Assert.Single(browser.SetCookies);
        Assert.StartsWith($"sessionid={browser.SessionId}; ", cookie);
        Assert.Contains("; httponly", cookie);
        Assert.Contains("; samesite=lax", cookie);
        Assert.Contains("; secure", cookie);
        Assert.Contains("; path=/", cookie);
        Assert.Contains("; max-age=1209600", cookie);
        var expires = app.Clock.GetUtcNow().AddDays(14).ToString("R");
        Assert.Contains($"; expires={expires}", cookie);
    }

    [Fact]
    public async Task A_session_survives_a_restart_of_the_app()
    {
        using var browser = app.NewBrowser();
        await browser.PostAsync("/session/set/", s_values);

        await app.RestartAsync();
        using var after = new Browser(app.BaseAddress);
        foreach (var (name, value) in browser.Cookies)
        {
            after.Cookies[name] = value;
        }

        Assert.StartsWith("name=Ada <Lovelace>", await after.GetStringAsync("/session/"));
    }

    [Fact]
    public async Task A_session_expires_after_the_cookie_age_and_its_cookie_is_removed()
    {
        using var browser = app.NewBrowser();
        await browser.PostAsync("/session/set/", s_values);
        var key = browser.SessionId!;

        app.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.StartsWith("name=Ada", await browser.GetStringAsync("/session/"));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("name=- count=- big=- ratio=- price=- flag=- keys=0", await browser.GetStringAsync("/session/"));
        Assert.Null(browser.SessionId);
        Assert.Contains(browser.SetCookies, static c => c.StartsWith("sessionid=;", StringComparison.Ordinal));

        // A new value gets a new key: the expired one is never reused.
        await browser.PostAsync("/session/set/", s_values);
        Assert.NotEqual(key, browser.SessionId);
    }

    [Fact]
    public async Task SetExpiry_gives_a_session_its_own_age()
    {
        using var browser = app.NewBrowser();

        var answer = await (await browser.PostAsync("/session/expiry/", ("seconds", "60"))).Content.ReadAsStringAsync();

        Assert.Equal("expires in 60s, at browser close: False", answer);
        Assert.Contains("; max-age=60", Assert.Single(browser.SetCookies));
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("none", await browser.GetStringAsync("/session/key/"));

        // Zero: the cookie lasts until the browser closes.
        var browserClose = await (await browser.PostAsync("/session/expiry/", ("seconds", "0"))).Content.ReadAsStringAsync();
        Assert.Equal("expires in 1209600s, at browser close: True", browserClose);
        Assert.DoesNotContain("max-age", Assert.Single(browser.SetCookies));
    }

    [Fact]
    public async Task Flush_deletes_the_session_and_its_cookie()
    {
        using var browser = app.NewBrowser();
        await browser.PostAsync("/session/set/", s_values);
        var key = browser.SessionId!;

        await browser.PostAsync("/session/flush/");

        Assert.Null(browser.SessionId);
        Assert.Empty(app.Query($"SELECT 1 FROM micro_session WHERE session_key = '{key}'"));
        Assert.Equal("keys=0", (await browser.GetStringAsync("/session/"))[^6..]);
    }

    [Fact]
    public async Task A_key_the_client_made_up_is_never_used()
    {
        using var browser = app.NewBrowser();
        browser.Cookies["sessionid"] = "attackerchosenkey0000000000000000";

        Assert.Equal("none", await browser.GetStringAsync("/session/key/"));
        await browser.PostAsync("/session/set/", s_values);

        Assert.NotEqual("attackerchosenkey0000000000000000", browser.SessionId);
        Assert.Empty(app.Query("SELECT 1 FROM micro_session WHERE session_key = 'attackerchosenkey0000000000000000'"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("not a key; with spaces")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    [InlineData("' OR 1=1 --")]
    [InlineData("%00%ff%fe")]
    [InlineData("%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_malformed_cookie_is_an_empty_session_never_an_error(string value)
    {
        using var browser = app.NewBrowser();
        browser.Cookies["sessionid"] = value;

        var read = await browser.GetAsync("/session/");
        var written = await browser.PostAsync("/session/set/", s_values);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Matches("^[a-z0-9]{32}$", browser.SessionId);
    }

    [Fact]
    public async Task A_huge_cookie_header_is_refused_by_the_server_not_the_app()
    {
        using var browser = app.NewBrowser();
        browser.Cookies["sessionid"] = new string('a', 40_000);

        var response = await browser.GetAsync("/session/");

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Large_session_data_is_stored_in_the_database()
    {
        using var browser = app.NewBrowser();

        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/session/big/", ("size", "200000"))).StatusCode);

        Assert.Equal(["200010"], app.Query($"SELECT length(session_data) FROM micro_session WHERE session_key = '{browser.SessionId}'"));
    }

    [Fact]
    public async Task Removing_the_last_value_keeps_an_empty_session()
    {
        using var browser = app.NewBrowser();
        await browser.PostAsync("/session/set/", s_values);

        foreach (var (name, _) in s_values)
        {
            Assert.Equal("removed", await (await browser.PostAsync("/session/remove/", ("key", name))).Content.ReadAsStringAsync());
        }

        Assert.Equal("absent", await (await browser.PostAsync("/session/remove/", ("key", "name"))).Content.ReadAsStringAsync());
        Assert.NotNull(browser.SessionId);
        Assert.Equal(["{}"], app.Query($"SELECT session_data FROM micro_session WHERE session_key = '{browser.SessionId}'"));
    }
}

/// <summary>A database without the session table (never migrated).</summary>
public sealed class UnmigratedSessionTests(UnmigratedApp app) : IClassFixture<UnmigratedApp>
{
    [Fact]
    public async Task A_stray_session_cookie_reads_as_no_session_rather_than_failing_the_page()
    {
        using var browser = app.NewBrowser();
        browser.Cookies["sessionid"] = "strayfromanotherappstrayfromanot";

        Assert.Equal("name=- count=- big=- ratio=- price=- flag=- keys=0", await browser.GetStringAsync("/session/"));
        Assert.Equal("anonymous", await browser.GetStringAsync("/me/"));
        Assert.Equal("plain", await browser.GetStringAsync("/plain/"));
    }
}

/// <summary>The cookie outside Production.</summary>
public sealed class DevelopmentSessionTests(DevelopmentAuthApp app) : IClassFixture<DevelopmentAuthApp>
{
    [Fact]
    public async Task The_cookie_is_not_Secure_in_Development()
    {
        using var browser = app.NewBrowser();

        await browser.PostAsync("/session/expiry/", ("seconds", "30"));

        var cookie = Assert.Single(browser.SetCookies);
        Assert.Contains("; httponly", cookie);
        Assert.DoesNotContain("secure", cookie);
    }
}

/// <summary>Settings from configuration: a cookie that lasts until the browser closes, sessions of one hour.</summary>
public sealed class SessionSettingsTests(BrowserCloseApp app) : IClassFixture<BrowserCloseApp>
{
    [Fact]
    public async Task ExpireAtBrowserClose_and_CookieAge_come_from_configuration()
    {
        using var browser = app.NewBrowser();

        Assert.Equal("saved", await (await browser.PostAsync("/session/set/", ("name", "x"), ("count", "1"), ("big", "1"), ("ratio", "1"), ("price", "1"), ("flag", "false"))).Content.ReadAsStringAsync());

        var cookie = Assert.Single(browser.SetCookies);
        Assert.DoesNotContain("max-age", cookie);
        Assert.DoesNotContain("expires", cookie);
        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.StartsWith("name=x", await browser.GetStringAsync("/session/"));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.StartsWith("name=-", await browser.GetStringAsync("/session/"));
    }
}
