using System.Net;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>Sign-up, login, a [LoginRequired] page, the session and logout in the native sample app (Production: Secure cookies).</summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativeAuthTests(NativeSampleApp app)
{
    [Fact]
    public async Task A_superuser_made_by_the_binary_logs_in_and_sees_a_page_behind_LoginRequired()
    {
        using var client = NewClient();
        var cookies = new Dictionary<string, string>();

        var anonymous = await SendAsync(client, cookies, HttpMethod.Get, "/account/");
        Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
        Assert.Equal("/accounts/login/?next=/account/", anonymous.Headers.Location?.OriginalString);

        var loginPage = await SendAsync(client, cookies, HttpMethod.Get, "/accounts/login/?next=/account/");
        Assert.Contains("name=\"next\" value=\"/account/\"", await loginPage.Content.ReadAsStringAsync());

        var wrong = await SendAsync(client, cookies, HttpMethod.Post, "/accounts/login/", ("username", "admin"), ("password", "wrong"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Please enter a correct username and password.", await wrong.Content.ReadAsStringAsync());

        var login = await SendAsync(client, cookies, HttpMethod.Post, "/accounts/login/",
            ("username", "admin"), ("password", NativeSampleApp.AdminPassword), ("next", "/account/"));
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/account/", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("; secure", cookie);
        Assert.Contains("; httponly", cookie);
        Assert.Contains("; samesite=lax", cookie);

        var first = await (await SendAsync(client, cookies, HttpMethod.Get, "/account/")).Content.ReadAsStringAsync();
        var second = await (await SendAsync(client, cookies, HttpMethod.Get, "/account/")).Content.ReadAsStringAsync();
        Assert.Contains("<h1>Hello, admin</h1>", first);
        Assert.Contains("seen this page 1 time in", first);
        Assert.Contains("seen this page 2 times in", second);
        Assert.Contains("You may edit blog posts.", first);
        Assert.Contains("<li>blog.change_blogpost</li>", first);

        var logout = await SendAsync(client, cookies, HttpMethod.Post, "/accounts/logout/");
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Empty(cookies);
        Assert.Equal(HttpStatusCode.Found, (await SendAsync(client, cookies, HttpMethod.Get, "/account/")).StatusCode);
    }

    [Fact]
    public async Task Sign_up_shows_the_validators_errors_then_logs_the_new_user_in()
    {
        using var client = NewClient();
        var cookies = new Dictionary<string, string>();

        var weak = await SendAsync(client, cookies, HttpMethod.Post, "/accounts/signup/",
            ("username", "native-ada"), ("email", "ada@example.com"), ("password1", "password"), ("password2", "password"));
        var weakPage = await weak.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("This password is too common.", weakPage);
        Assert.Contains("value=\"native-ada\"", weakPage);
        Assert.Empty(cookies);

        var created = await SendAsync(client, cookies, HttpMethod.Post, "/accounts/signup/",
            ("username", "native-ada"), ("email", "ada@example.com"), ("password1", "analytical engine notes"), ("password2", "analytical engine notes"));
        Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        Assert.Equal("/account/", created.Headers.Location?.OriginalString);
        var page = await (await SendAsync(client, cookies, HttpMethod.Get, "/account/")).Content.ReadAsStringAsync();
        Assert.Contains("<h1>Hello, native-ada</h1>", page);
        Assert.DoesNotContain("You may edit blog posts.", page);

        var taken = await SendAsync(client, cookies, HttpMethod.Post, "/accounts/signup/",
            ("username", "native-ada"), ("email", ""), ("password1", "analytical engine notes"), ("password2", "analytical engine notes"));
        Assert.Contains("A user with that username already exists.", await taken.Content.ReadAsStringAsync());
    }

    private HttpClient NewClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.Client.BaseAddress };

    /// <summary>Sends a request with the cookies so far (Secure ones too: the test talks plain HTTP) and keeps the ones set.</summary>
    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, Dictionary<string, string> cookies, HttpMethod method, string path, params (string Name, string Value)[] form)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(form.Select(static f => new KeyValuePair<string, string>(f.Name, f.Value)));
        }

        if (cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(static c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var lines))
        {
            foreach (var line in lines)
            {
                var pair = line.Split(';')[0].Split('=', 2);
                if (pair[1].Length == 0)
                {
                    cookies.Remove(pair[0]);
                }
                else
                {
                    cookies[pair[0]] = pair[1];
                }
            }
        }

        return response;
    }
}
