using System.Net;
using Micro.Auth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Auth.Tests;

public sealed class SqliteLoginTests(AuthApp app) : LoginTests(app), IClassFixture<AuthApp>;

public sealed class PostgreSqlLoginTests(PostgreSqlAuthApp app) : LoginTests(app), IClassFixture<PostgreSqlAuthApp>
{
    [Fact]
    public void The_app_runs_on_PostgreSQL() =>
        Assert.StartsWith("PostgreSQL (micro_auth_", app.App.Services.GetRequiredService<Micro.Data.IDatabaseProvider>().DisplayName, StringComparison.Ordinal);
}

/// <summary>The login, logout and password change views (MapAuth) and what a login changes, over real HTTP.</summary>
public abstract class LoginTests(AuthApp app)
{
    [Fact]
    public async Task The_login_page_renders_Micros_default_template_with_next()
    {
        using var browser = app.NewBrowser();

        var page = await browser.GetStringAsync("/accounts/login/?next=/protected/");

        Assert.Contains("<h1>Log in</h1>", page);
        Assert.Contains("<form method=\"post\" action=\"/accounts/login/\">", page);
        Assert.Contains("<input type=\"hidden\" name=\"next\" value=\"/protected/\">", page);
        // No session for a visitor; the form's CSRF token comes with its cookie.
        Assert.Equal([Csrf.CookieName], browser.SetCookies.Select(static c => c[..c.IndexOf('=')]));
        Assert.Matches("<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"[a-zA-Z0-9]{64}\">", page);
    }

    [Fact]
    public async Task Logging_in_redirects_to_next_with_a_new_session_key_and_keeps_the_sessions_values()
    {
        var user = await app.CreateUserAsync("ada");
        using var browser = app.NewBrowser();
        await browser.PostAsync("/session/set/", ("name", "before login"), ("count", "1"), ("big", "1"), ("ratio", "1"), ("price", "1"), ("flag", "true"));
        var anonymousKey = browser.SessionId!;

        var response = await browser.PostAsync("/accounts/login/", ("username", "ada"), ("password", "correct horse battery"), ("next", "/protected/?x=1"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/protected/?x=1", response.Headers.Location?.OriginalString);
        Assert.NotEqual(anonymousKey, browser.SessionId);
        Assert.Empty(app.Query($"SELECT 1 FROM micro_session WHERE session_key = '{anonymousKey}'"));
        Assert.StartsWith("name=before login", await browser.GetStringAsync("/session/"));
        Assert.Equal($"user=ada id={user.Id}", await browser.GetStringAsync("/me/"));
        Assert.Equal("name=ada authenticated=True roles= staff=False", await browser.GetStringAsync("/claims/"));
        Assert.NotEqual("NULL", app.Query($"SELECT last_login FROM auth_user WHERE id = {user.Id}").Single());

        // The stale cookie's key doesn't log anyone in.
        using var attacker = app.NewBrowser();
        attacker.Cookies["sessionid"] = anonymousKey;
        Assert.Equal("anonymous", await attacker.GetStringAsync("/me/"));
    }

    [Fact]
    public async Task A_forged_login_or_logout_is_refused_and_changes_nothing()
    {
        await app.CreateUserAsync("forged");
        using var victim = app.NewBrowser();
        victim.SendsCsrfToken = false;

        var login = await victim.PostAsync("/accounts/login/", ("username", "forged"), ("password", "correct horse battery"));
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Null(victim.SessionId);

        victim.SendsCsrfToken = true;
        await victim.LoginAsync("forged");
        victim.SendsCsrfToken = false;
        var logout = await victim.PostAsync("/accounts/logout/");
        Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        Assert.StartsWith("user=forged", await victim.GetStringAsync("/me/"));
    }

    [Fact]
    public async Task Logging_in_rotates_the_CSRF_secret_so_a_token_from_before_is_worthless()
    {
        await app.CreateUserAsync("rotated");
        using var browser = app.NewBrowser();
        await browser.GetStringAsync("/accounts/login/");
        var before = browser.Cookies[Csrf.CookieName];

        await browser.LoginAsync("rotated");

        var after = browser.Cookies[Csrf.CookieName];
        Assert.NotEqual(before, after);
        browser.SendsCsrfToken = false;
        using var stale = new HttpRequestMessage(HttpMethod.Post, "/accounts/logout/");
        stale.Headers.Add(Csrf.HeaderName, before);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Without_next_login_goes_to_the_login_redirect_url()
    {
        await app.CreateUserAsync("nonext");
        using var browser = app.NewBrowser();

        var response = await browser.PostAsync("/accounts/login/", ("username", "nonext"), ("password", "correct horse battery"));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/path")]
    [InlineData("https://evil.example")]
    [InlineData("http://evil.example/protected/")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("///evil.example")]
    [InlineData("http:///evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/\t/evil.example")]
    [InlineData("\u0001//evil.example")]
    [InlineData("https://127.0.0.1@evil.example/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("")]
    public async Task A_hostile_next_is_never_followed(string next)
    {
        await app.CreateUserAsync("hostile-" + Math.Abs(next.GetHashCode(StringComparison.Ordinal)));
        using var browser = app.NewBrowser();

        var page = await browser.GetAsync("/accounts/login/?next=" + Uri.EscapeDataString(next));
        var login = await browser.PostAsync(
            "/accounts/login/",
            ("username", "hostile-" + Math.Abs(next.GetHashCode(StringComparison.Ordinal))),
            ("password", "correct horse battery"),
            ("next", next));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("evil.example", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/protected/")]
    [InlineData("/protected/?a=1&b=2#top")]
    [InlineData("protected/")]
    public async Task A_next_on_this_site_is_followed(string next)
    {
        var name = "safe-" + Math.Abs(next.GetHashCode(StringComparison.Ordinal));
        await app.CreateUserAsync(name);
        using var browser = app.NewBrowser();

        var login = await browser.PostAsync("/accounts/login/", ("username", name), ("password", "correct horse battery"), ("next", next));

        Assert.Equal(next, login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_absolute_next_to_this_host_is_followed()
    {
        await app.CreateUserAsync("absolute");
        using var browser = app.NewBrowser();
        var next = new Uri(app.BaseAddress, "/protected/").ToString();

        var login = await browser.PostAsync("/accounts/login/", ("username", "absolute"), ("password", "correct horse battery"), ("next", next));

        Assert.Equal(next, login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_re_renders_the_form_with_the_error_and_the_username()
    {
        await app.CreateUserAsync("grace");
        using var browser = app.NewBrowser();

        var response = await browser.PostAsync("/accounts/login/", ("username", "grace"), ("password", "wrong"), ("next", "/protected/"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please enter a correct username and password. Note that both fields may be case-sensitive.", page);
        Assert.Contains("value=\"grace\"", page);
        Assert.Contains("name=\"next\" value=\"/protected/\"", page);
        Assert.Null(browser.SessionId);
        Assert.Equal("anonymous", await browser.GetStringAsync("/me/"));
    }

    [Fact]
    public async Task Missing_fields_are_required_and_usernames_are_case_sensitive()
    {
        await app.CreateUserAsync("Linus");
        using var browser = app.NewBrowser();

        var empty = await (await browser.PostAsync("/accounts/login/", ("username", ""), ("password", ""))).Content.ReadAsStringAsync();
        var wrongCase = await browser.PostAsync("/accounts/login/", ("username", "linus"), ("password", "correct horse battery"));

        Assert.Equal(2, empty.Split("This field is required.").Length - 1);
        Assert.Equal(HttpStatusCode.OK, wrongCase.StatusCode);
    }

    [Fact]
    public async Task A_malformed_login_body_is_a_400_or_415_never_a_500()
    {
        using var browser = app.NewBrowser();

        var json = await browser.PostJsonAsync("/accounts/login/", """{"username":"x"}""");
        var broken = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/accounts/login/")
        {
            Content = new StringContent("--x\r\nbroken", System.Text.Encoding.UTF8, "multipart/form-data"),
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task An_inactive_user_can_not_log_in_and_one_made_inactive_is_logged_out()
    {
        await app.CreateUserAsync("dormant", configure: static u => u.IsActive = false);
        var later = await app.CreateUserAsync("later");
        using var browser = app.NewBrowser();

        var refused = await browser.PostAsync("/accounts/login/", ("username", "dormant"), ("password", "correct horse battery"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Please enter a correct username and password.", await refused.Content.ReadAsStringAsync());

        await browser.LoginAsync("later");
        Assert.Equal("hello later", await browser.GetStringAsync("/protected/"));
        await app.WithAuthAsync(async auth =>
        {
            later.IsActive = false;
            await auth.Users.SaveAsync(later);
            return 0;
        });
        Assert.Equal("anonymous", await browser.GetStringAsync("/me/"));
    }

    [Fact]
    public async Task Logout_is_a_post_that_flushes_the_session()
    {
        await app.CreateUserAsync("leaving");
        using var browser = app.NewBrowser();
        await browser.LoginAsync("leaving");
        var key = browser.SessionId!;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await browser.GetAsync("/accounts/logout/")).StatusCode);
        Assert.Equal("hello leaving", await browser.GetStringAsync("/protected/"));

        var response = await browser.PostAsync("/accounts/logout/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Goodbye from the test app, AnonymousUser.\n", await response.Content.ReadAsStringAsync());
        Assert.Null(browser.SessionId);
        Assert.Empty(app.Query($"SELECT 1 FROM micro_session WHERE session_key = '{key}'"));
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/protected/")).StatusCode);

        // The old cookie is worthless.
        browser.Cookies["sessionid"] = key;
        Assert.Equal("anonymous", await browser.GetStringAsync("/me/"));
    }

    [Fact]
    public async Task Logout_follows_a_safe_next_only()
    {
        await app.CreateUserAsync("nexting");
        using var browser = app.NewBrowser();
        await browser.LoginAsync("nexting");

        var safe = await browser.PostAsync("/accounts/logout/", ("next", "/anyone/"));
        await browser.LoginAsync("nexting");
        var hostile = await browser.PostAsync("/accounts/logout/", ("next", "//evil.example/"));

        Assert.Equal("/anyone/", safe.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_logs_out_the_others()
    {
        await app.CreateUserAsync("changer", "first password 123");
        using var laptop = app.NewBrowser();
        using var phone = app.NewBrowser();
        await laptop.LoginAsync("changer", "first password 123");
        await phone.LoginAsync("changer", "first password 123");
        var laptopKey = laptop.SessionId;

        var form = await laptop.GetStringAsync("/accounts/password_change/");
        Assert.Contains("Your password must contain at least 8 characters.", form);
        var mismatch = await laptop.PostAsync("/accounts/password_change/",
            ("old_password", "first password 123"), ("new_password1", "second password 456"), ("new_password2", "other"));
        Assert.Contains("The two password fields didn’t match.", await mismatch.Content.ReadAsStringAsync());
        var wrongOld = await laptop.PostAsync("/accounts/password_change/",
            ("old_password", "nope"), ("new_password1", "second password 456"), ("new_password2", "second password 456"));
        Assert.Contains("Your old password was entered incorrectly. Please enter it again.", await wrongOld.Content.ReadAsStringAsync());
        var weak = await laptop.PostAsync("/accounts/password_change/",
            ("old_password", "first password 123"), ("new_password1", "12345678"), ("new_password2", "12345678"));
        var weakPage = await weak.Content.ReadAsStringAsync();
        Assert.Contains("This password is too common.", weakPage);
        Assert.Contains("This password is entirely numeric.", weakPage);

        var changed = await laptop.PostAsync("/accounts/password_change/",
            ("old_password", "first password 123"), ("new_password1", "second password 456"), ("new_password2", "second password 456"));

        Assert.Equal("/accounts/password_change/done/", changed.Headers.Location?.OriginalString);
        Assert.NotEqual(laptopKey, laptop.SessionId);
        Assert.Contains("Your password was changed.", await laptop.GetStringAsync("/accounts/password_change/done/"));
        Assert.Equal("hello changer", await laptop.GetStringAsync("/protected/"));
        Assert.Equal("anonymous", await phone.GetStringAsync("/me/"));
        await phone.LoginAsync("changer", "second password 456");
    }

    [Fact]
    public async Task An_old_iteration_count_is_upgraded_at_the_next_login()
    {
        var user = await app.CreateUserAsync("upgrader");
        var oldHash = PasswordHasher.Encode("correct horse battery", "legacysalt", AuthApp.Iterations / 2);
        app.Query($"UPDATE auth_user SET password = '{oldHash}' WHERE id = {user.Id}");
        using var browser = app.NewBrowser();

        await browser.LoginAsync("upgrader");

        var stored = app.Query($"SELECT password FROM auth_user WHERE id = {user.Id}").Single();
        Assert.StartsWith($"pbkdf2_sha256${AuthApp.Iterations}$", stored);
        Assert.DoesNotContain("legacysalt", stored);

        // The session survives the upgrade: the upgrade happened before its hash was taken.
        Assert.Equal("hello upgrader", await browser.GetStringAsync("/protected/"));
    }

    [Fact]
    public async Task Templates_see_user_and_perms_and_reverse_the_auth_views()
    {
        await app.CreateUserAsync("templater", permissions: ["authapp.change_widget"]);
        using var browser = app.NewBrowser();

        var anonymous = await browser.GetStringAsync("/profile/");
        await browser.LoginAsync("templater");
        var loggedIn = await browser.GetStringAsync("/profile/");

        Assert.Equal(
            "anonymous as AnonymousUser\napp-perms=no change=False delete=False in=no\nlogin=/accounts/login/ logout=/accounts/logout/ change-password=/accounts/password_change/\ntitle=Profile\n",
            anonymous);
        Assert.Equal(
            "user=templater staff=False\napp-perms=yes change=True delete=False in=yes\nlogin=/accounts/login/ logout=/accounts/logout/ change-password=/accounts/password_change/\ntitle=Profile\n",
            loggedIn);
    }
}
