using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>
/// Sign-up, login, a [LoginRequired] page, the session, flash messages, CSRF and logout in the native sample app, as a
/// browser uses them (Production: Secure cookies, CSRF checked on every POST).
/// </summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativeAuthTests(NativeSampleApp app)
{
    [Fact]
    public async Task A_password_reset_link_mailed_by_the_binary_sets_a_new_password()
    {
        using var browser = new NativeBrowser(app.Client.BaseAddress!);
        var login = await browser.GetStringAsync("/accounts/login/");
        Assert.Contains("<a href=\"/accounts/password_reset/\">", login);
        var form = await browser.GetStringAsync("/accounts/password_reset/");
        var asked = await browser.PostFormAsync("/accounts/password_reset/", form, ("email", "forgetful@example.com"));
        Assert.Equal(HttpStatusCode.Found, asked.StatusCode);
        Assert.Equal("/accounts/password_reset/done/", asked.Headers.Location?.OriginalString);

        // The email the binary wrote (templates embedded in it), with a link to this server.
        var mail = File.ReadAllText(Assert.Single(Directory.GetFiles(app.MailFolder, "*.eml")));
        Assert.Contains("To: forgetful@example.com", mail);
        Assert.Contains("Your username is forgetful.", mail);
        var link = new Uri(Regex.Match(mail, @"http://\S+/accounts/reset/[^/\s]+/[^/\s]+/").Value);
        Assert.Equal(app.Client.BaseAddress!.Authority, link.Authority);

        var opened = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Found, opened.StatusCode);
        var setPassword = opened.Headers.Location!.OriginalString;
        Assert.EndsWith("/set-password/", setPassword);
        var page = await browser.GetStringAsync(setPassword);
        var set = await browser.PostFormAsync(setPassword, page, ("new_password1", "a fresh native passphrase"), ("new_password2", "a fresh native passphrase"));
        Assert.Equal("/accounts/reset/done/", set.Headers.Location?.OriginalString);

        var loggedIn = await browser.PostFormAsync("/accounts/login/", login, ("username", "forgetful"), ("password", "a fresh native passphrase"));
        Assert.Equal(HttpStatusCode.Found, loggedIn.StatusCode);
        Assert.Contains("This link doesn't work", await browser.GetStringAsync(link.PathAndQuery));
    }

    [Fact]
    public async Task A_superuser_made_by_the_binary_logs_in_and_sees_a_page_behind_LoginRequired()
    {
        using var browser = new NativeBrowser(app.Client.BaseAddress!);

        var anonymous = await browser.GetAsync("/account/");
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        Assert.Equal("/accounts/login/?next=/account/", anonymous.Headers.Location?.OriginalString);

        var loginPage = await browser.GetStringAsync("/accounts/login/?next=/account/");
        Assert.Contains("name=\"next\" value=\"/account/\"", loginPage);
        var csrfCookie = Assert.Single(browser.Cookies, c => c.Key == "csrftoken").Value;

        var wrong = await browser.PostFormAsync("/accounts/login/", loginPage, ("username", "admin"), ("password", "wrong"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Please enter a correct username and password.", await wrong.Content.ReadAsStringAsync());

        // Without the page's token (a login form posted from another site) the right password is refused.
        var forged = await browser.PostFormAsync("/accounts/login/", null, ("username", "admin"), ("password", NativeSampleApp.AdminPassword));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.DoesNotContain("sessionid", browser.Cookies.Keys);

        var login = await browser.PostFormAsync("/accounts/login/", loginPage, ("username", "admin"), ("password", NativeSampleApp.AdminPassword));
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/account/", login.Headers.Location?.OriginalString);
        var session = Assert.Single(NativeBrowser.SetCookies(login), c => c.StartsWith("sessionid=", StringComparison.Ordinal));
        Assert.Contains("; secure", session);
        Assert.Contains("; httponly", session);
        Assert.Contains("; samesite=lax", session);
        Assert.NotEqual(csrfCookie, browser.Cookies["csrftoken"]); // a login rotates the CSRF secret, as Django's

        var first = await browser.GetStringAsync("/account/");
        var second = await browser.GetStringAsync("/account/");
        Assert.Contains("<h1>Hello, admin</h1>", first);
        Assert.Contains("seen this page 1 time in", first);
        Assert.Contains("seen this page 2 times in", second);
        Assert.Contains("You may edit blog posts.", first);
        Assert.Contains("<li>blog.change_blogpost</li>", first);

        // The nav's logout form carries the token; posted without it, logout is refused and the user stays logged in.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostFormAsync("/accounts/logout/", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/")).StatusCode);
        var logout = await browser.PostFormAsync("/accounts/logout/", first);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.DoesNotContain("sessionid", browser.Cookies.Keys);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/account/")).StatusCode);
    }

    [Fact]
    public async Task Sign_up_shows_the_form_errors_then_logs_the_new_user_in_with_a_welcome_message()
    {
        using var browser = new NativeBrowser(app.Client.BaseAddress!);
        var page = await browser.GetStringAsync("/accounts/signup/");
        Assert.Contains("<input type=\"password\" name=\"password1\" required id=\"id_password1\">", page);
        Assert.Contains("<li>Your password can’t be a commonly used password.</li>", page);

        var weak = await browser.PostFormAsync("/accounts/signup/", page,
            ("username", "native-ada"), ("email", "ada@example.com"), ("password1", "password"), ("password2", "password"));
        var weakPage = await weak.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_password2_error\"><li>This password is too common.</li></ul>", weakPage);
        Assert.Contains("value=\"native-ada\"", weakPage);
        Assert.DoesNotContain("value=\"password\"", weakPage); // passwords are never shown again
        Assert.DoesNotContain("sessionid", browser.Cookies.Keys);

        var mismatch = await browser.PostFormAsync("/accounts/signup/", page,
            ("username", "native-ada"), ("email", "not an address"), ("password1", "analytical engine notes"), ("password2", "analytical engine"));
        var mismatchPage = await mismatch.Content.ReadAsStringAsync();
        Assert.Contains("<li>Enter a valid email address.</li>", mismatchPage);
        Assert.Contains("<li>The two password fields didn’t match.</li>", mismatchPage);

        var created = await browser.PostFormAsync("/accounts/signup/", page,
            ("username", "native-ada"), ("email", "ada@example.com"), ("password1", "analytical engine notes"), ("password2", "analytical engine notes"));
        Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        Assert.Equal("/account/", created.Headers.Location?.OriginalString);
        var account = await browser.GetStringAsync("/account/");
        Assert.Contains("<h1>Hello, native-ada</h1>", account);
        Assert.Contains("<li class=\"success\">Welcome, native-ada! Your account is ready.</li>", account);
        Assert.DoesNotContain("You may edit blog posts.", account);
        Assert.DoesNotContain("Welcome, native-ada!", await browser.GetStringAsync("/account/")); // shown once

        using var other = new NativeBrowser(app.Client.BaseAddress!);
        var otherPage = await other.GetStringAsync("/accounts/signup/");
        var taken = await other.PostFormAsync("/accounts/signup/", otherPage,
            ("username", "native-ada"), ("email", ""), ("password1", "analytical engine notes"), ("password2", "analytical engine notes"));
        Assert.Contains("<li>A user with that username already exists.</li>", await taken.Content.ReadAsStringAsync());
    }
}
