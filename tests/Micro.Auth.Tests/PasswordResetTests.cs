using System.Net;
using System.Text.RegularExpressions;
using Micro.Auth.Tests.Infrastructure;
using Micro.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Auth.Tests;

public sealed class SqlitePasswordResetTests(AuthApp app) : PasswordResetTests(app), IClassFixture<AuthApp>;

public sealed class PostgreSqlPasswordResetTests(PostgreSqlAuthApp app) : PasswordResetTests(app), IClassFixture<PostgreSqlAuthApp>;

/// <summary>Django's password reset views (MapAuth), over real HTTP, with the app's mail kept in memory (Micro:Email:Backend=Memory).</summary>
public abstract partial class PasswordResetTests(AuthApp app)
{
    private const string Unusable = "This link doesn't work";

    private MemoryEmailSender Mail => app.App.Services.GetRequiredService<MemoryEmailSender>();

    [Fact]
    public async Task A_mailed_link_sets_a_new_password_once_and_logs_out_the_old_sessions()
    {
        await app.CreateUserAsync("resetter", "first password 123");
        using var phone = app.NewBrowser();
        await phone.LoginAsync("resetter", "first password 123");
        Mail.Clear();
        using var browser = app.NewBrowser();
        browser.CsrfPage = "/accounts/password_reset/";

        var form = await browser.GetStringAsync("/accounts/password_reset/");
        Assert.Contains("<form method=\"post\" action=\"/accounts/password_reset/\">", form);
        var asked = await browser.PostAsync("/accounts/password_reset/", ("email", " RESETTER@example.com "));

        Assert.Equal(HttpStatusCode.Found, asked.StatusCode);
        Assert.Equal("/accounts/password_reset/done/", asked.Headers.Location?.OriginalString);
        Assert.Contains("a link to choose a new password is on its way", await browser.GetStringAsync("/accounts/password_reset/done/"));
        var mail = Assert.Single(Mail.Outbox);
        Assert.Equal(["resetter@example.com"], mail.To);
        Assert.Equal("webmaster@localhost", mail.From);
        Assert.Equal($"Your password on {app.BaseAddress.Authority}", mail.Subject);
        Assert.Contains("Your username is resetter.", mail.Body);
        var link = Link(mail.Body);
        Assert.Equal(app.BaseAddress.Authority, link.Authority);

        // Opened from the email: the token goes into the session and out of the address bar.
        using var reader = app.NewBrowser();
        reader.CsrfPage = "/accounts/password_reset/";
        var opened = await reader.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Found, opened.StatusCode);
        var setPassword = opened.Headers.Location!.OriginalString;
        Assert.Equal(link.AbsolutePath[..link.AbsolutePath.TrimEnd('/').LastIndexOf('/')] + "/set-password/", setPassword);
        Assert.Contains("Choose a new password", await reader.GetStringAsync(setPassword));

        var mismatch = await reader.PostAsync(setPassword, ("new_password1", "second password 456"), ("new_password2", "other"));
        Assert.Contains("The two password fields didn’t match.", await mismatch.Content.ReadAsStringAsync());
        var weak = await reader.PostAsync(setPassword, ("new_password1", "12345678"), ("new_password2", "12345678"));
        Assert.Contains("This password is entirely numeric.", await weak.Content.ReadAsStringAsync());
        var set = await reader.PostAsync(setPassword, ("new_password1", "second password 456"), ("new_password2", "second password 456"));

        Assert.Equal("/accounts/reset/done/", set.Headers.Location?.OriginalString);
        Assert.Contains("Your new password is set.", await reader.GetStringAsync("/accounts/reset/done/"));
        Assert.Equal("anonymous", await phone.GetStringAsync("/me/"));
        await reader.LoginAsync("resetter", "second password 456");
        Assert.Equal("user=resetter", (await reader.GetStringAsync("/me/")).Split(' ')[0]);

        // Used once: the link, and the page it led to, no longer work.
        using var again = app.NewBrowser();
        var reopened = await again.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Contains(Unusable, await reopened.Content.ReadAsStringAsync());
        Assert.Contains(Unusable, await reader.GetStringAsync(setPassword));
    }

    [Fact]
    public async Task The_answer_is_the_same_whoever_has_an_account()
    {
        await app.CreateUserAsync("sleeper", configure: static u => u.IsActive = false);
        await app.CreateUserAsync("nopassword", configure: static u => u.Password = PasswordHasher.Unusable());
        Mail.Clear();
        using var browser = app.NewBrowser();
        browser.CsrfPage = "/accounts/password_reset/";

        foreach (var email in new[] { "nobody@example.com", "sleeper@example.com", "nopassword@example.com" })
        {
            var asked = await browser.PostAsync("/accounts/password_reset/", ("email", email));
            Assert.Equal(HttpStatusCode.Found, asked.StatusCode);
            Assert.Equal("/accounts/password_reset/done/", asked.Headers.Location?.OriginalString);
        }

        Assert.Empty(Mail.Outbox);
    }

    [Theory]
    [InlineData("", "This field is required.")]
    [InlineData("not an address", "Enter a valid email address.")]
    [InlineData("Ada <ada@example.com>", "Enter a valid email address.")]
    [InlineData("ada@example.com\r\nBcc: victim@example.org", "Enter a valid email address.")]
    [InlineData("ada@example.com,victim@example.org", "Enter a valid email address.")]
    public async Task A_bad_address_is_a_form_error_and_sends_nothing(string email, string error)
    {
        Mail.Clear();
        using var browser = app.NewBrowser();
        browser.CsrfPage = "/accounts/password_reset/";

        var response = await browser.PostAsync("/accounts/password_reset/", ("email", email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<ul class=\"errorlist\"><li>{WebUtility.HtmlEncode(error)}</li></ul>", await response.Content.ReadAsStringAsync());
        Assert.Empty(Mail.Outbox);
    }

    [Fact]
    public async Task An_oversized_or_forged_request_is_refused()
    {
        Mail.Clear();
        using var browser = app.NewBrowser();
        browser.CsrfPage = "/accounts/password_reset/";
        var huge = await browser.PostAsync("/accounts/password_reset/", ("email", new string('a', 300) + "@example.com"));
        Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
        Assert.Contains("Ensure this value has at most 254 characters (it has 312).", await huge.Content.ReadAsStringAsync());

        // No CSRF token, and a Host the app doesn't serve (the link would point there): refused before anything is sent.
        using var forger = app.NewBrowser();
        forger.SendsCsrfToken = false;
        Assert.Equal(HttpStatusCode.Forbidden, (await forger.PostAsync("/accounts/password_reset/", ("email", "resetter@example.com"))).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts/password_reset/") { Content = new FormUrlEncodedContent([new("email", "resetter@example.com")]) };
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(request)).StatusCode);
        Assert.Empty(Mail.Outbox);
    }

    [Fact]
    public async Task A_link_stops_working_after_the_timeout_or_a_login()
    {
        await app.CreateUserAsync("forgetful");
        var expiring = await RequestLinkAsync("forgetful@example.com");
        var other = await RequestLinkAsync("forgetful@example.com");

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        using var late = app.NewBrowser();
        Assert.Contains(Unusable, await late.GetStringAsync(expiring.PathAndQuery));

        var fresh = await RequestLinkAsync("forgetful@example.com");
        using var laptop = app.NewBrowser();
        await laptop.LoginAsync("forgetful");
        using var reader = app.NewBrowser();
        Assert.Contains(Unusable, await reader.GetStringAsync(fresh.PathAndQuery));
        Assert.Contains(Unusable, await reader.GetStringAsync(other.PathAndQuery));
    }

    [Fact]
    public async Task Hostile_links_show_the_page_for_a_link_that_doesnt_work()
    {
        var victim = await app.CreateUserAsync("victim");
        await app.CreateUserAsync("attacker");
        var attackers = await RequestLinkAsync("attacker@example.com");
        var parts = attackers.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (uid, token) = (parts[^2], parts[^1]);
        var victimUid = AuthViews.UidOf(victim);
        string[] links =
        [
            $"/accounts/reset/{victimUid}/{token}/", // another user's token
            $"/accounts/reset/{uid}/{token[..^4]}/", // cut short
            $"/accounts/reset/{uid}/{token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}/", // one character changed
            $"/accounts/reset/{uid}/{new string('A', 600)}/",
            $"/accounts/reset/{uid}/%41%2D/",
            $"/accounts/reset/!!!/{token}/",
            $"/accounts/reset/{new string('M', 100)}/{token}/",
            $"/accounts/reset/LTE/{token}/", // "-1"
            $"/accounts/reset/OTk5OTk5OTk5OTk5/{token}/", // no such user, and too large for an id
            $"/accounts/reset/{victimUid}/set-password/", // no token in the session
        ];

        using var browser = app.NewBrowser();
        browser.CsrfPage = "/accounts/password_reset/";
        foreach (var link in links)
        {
            var response = await browser.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {response.StatusCode}");
            Assert.Contains(Unusable, await response.Content.ReadAsStringAsync());
        }

        // A path that isn't text is refused before any view.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/accounts/reset/{uid}/%00%FF/")).StatusCode);

        // The attacker's own valid token in the session doesn't open the victim's set-password page either.
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync(attackers.PathAndQuery)).StatusCode);
        var posted = await browser.PostAsync($"/accounts/reset/{victimUid}/set-password/", ("new_password1", "taken over 789"), ("new_password2", "taken over 789"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(Unusable, await posted.Content.ReadAsStringAsync());
        Assert.True(await app.WithAuthAsync(async auth => auth.CheckPassword(await auth.Users.GetAsync(victim.Id), "correct horse battery")));
    }

    /// <summary>Asks for a reset link for <paramref name="email"/> and returns the one mailed.</summary>
    private async Task<Uri> RequestLinkAsync(string email)
    {
        Mail.Clear();
        using var browser = app.NewBrowser();
        browser.CsrfPage = "/accounts/password_reset/";
        Assert.Equal(HttpStatusCode.Found, (await browser.PostAsync("/accounts/password_reset/", ("email", email))).StatusCode);
        return Link(Assert.Single(Mail.Outbox).Body);
    }

    private static Uri Link(string body) => new(LinkPattern().Match(body) is { Success: true } match ? match.Value : throw new InvalidOperationException("No link in:\n" + body));

    [GeneratedRegex(@"http://\S+/accounts/reset/[^/\s]+/[^/\s]+/")]
    private static partial Regex LinkPattern();
}
