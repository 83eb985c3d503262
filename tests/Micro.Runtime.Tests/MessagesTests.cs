using System.Net;
using System.Text.RegularExpressions;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

public sealed class MessagesTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task A_message_added_before_a_redirect_is_shown_once_on_the_next_page()
    {
        var cookie = await FlashAsync(app.Client, "Saved.");

        var (first, firstCookie) = await GetAsync(app.Client, "/sec/messages/", cookie);
        Assert.Equal(
            "<ul><li class=\"success\" data-level=\"25\">Saved.</li><li class=\"sticky warning\" data-level=\"30\">Check your input.</li></ul>",
            first.Trim());
        // Shown: the response clears the cookie.
        Assert.NotNull(firstCookie);
        Assert.Matches("^messages=;.*expires=Thu, 01 Jan 1970", firstCookie);

        var (second, _) = await GetAsync(app.Client, "/sec/messages/", cookie: null);
        Assert.Equal("<ul><li>none</li></ul>", second.Trim());
    }

    [Fact]
    public async Task The_cookie_is_signed_encrypted_and_hidden_from_scripts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sec/flash/")
        {
            Content = new FormUrlEncodedContent([new("text", "secret plan")]),
        };
        using var response = await app.Client.SendAsync(request);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(static c => c.StartsWith("messages=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("secret", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Counting_messages_does_not_use_them_up()
    {
        var cookie = await FlashAsync(app.Client, "Kept.");

        var (count, countCookie) = await GetAsync(app.Client, "/sec/messages/count/", cookie);
        Assert.Equal("2 waiting", count.Trim());
        Assert.Null(countCookie);

        var (shown, _) = await GetAsync(app.Client, "/sec/messages/", cookie);
        Assert.Contains("Kept.", shown);
    }

    [Fact]
    public async Task A_message_added_after_reading_waits_for_the_next_page()
    {
        var cookie = await FlashAsync(app.Client, "First.");

        var (page, nextCookie) = await GetAsync(app.Client, "/sec/messages/then-add/", cookie);
        Assert.Equal("<p>First.,Check your input.</p>", page.Trim());
        Assert.NotNull(nextCookie);

        var (next, _) = await GetAsync(app.Client, "/sec/messages/", Value(nextCookie));
        Assert.Equal("<ul><li class=\"info\" data-level=\"20\">added after reading</li></ul>", next.Trim());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_cookie_shows_no_messages_and_is_cleared(string value)
    {
        var (page, cookie) = await GetAsync(app.Client, "/sec/messages/", "messages=" + value);

        Assert.Equal("<ul><li>none</li></ul>", page.Trim());
        if (value.Length > 0)
        {
            Assert.NotNull(cookie);
            Assert.StartsWith("messages=;", cookie);
        }
    }

    [Fact]
    public async Task A_cookie_from_another_message_is_not_accepted_in_place_of_a_messages_cookie()
    {
        // A value protected for another purpose (here, one with a flipped byte) fails to unprotect.
        var cookie = await FlashAsync(app.Client, "Saved.");
        var value = cookie["messages=".Length..];
        var tampered = "messages=" + (value[^1] == 'A' ? value[..^1] + "B" : value[..^1] + "A");

        var (page, _) = await GetAsync(app.Client, "/sec/messages/", tampered);

        Assert.Equal("<ul><li>none</li></ul>", page.Trim());
    }

    [Fact]
    public async Task Too_many_messages_for_a_cookie_keep_the_newest()
    {
        var cookie = await FlashAsync(app.Client, new string('x', 100), count: 40);

        Assert.True(cookie.Length <= "messages=".Length + 2048, cookie.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (page, _) = await GetAsync(app.Client, "/sec/messages/", cookie);
        var shown = Regex.Matches(page, "<li class=\"success\"[^>]*>x+ (\\d+)</li>").Select(static m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(shown);
        Assert.True(shown.Count < 40);
        Assert.Equal(40, shown[^1]);
        Assert.Equal(Enumerable.Range(41 - shown.Count, shown.Count), shown);
        Assert.Contains("Check your input.", page);
    }

    [Fact]
    public async Task Templates_see_the_request()
    {
        var (page, _) = await GetAsync(app.Client, "/sec/request/?q=a%26b", cookie: null);

        Assert.Equal("GET /sec/request/ q=a&amp;b secure=False", page.Trim());
    }

    /// <summary>Posts to the flash view and returns the <c>messages=...</c> cookie its redirect sets.</summary>
    internal static async Task<string> FlashAsync(HttpClient client, string text, int count = 1)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sec/flash/")
        {
            Content = new FormUrlEncodedContent([new("text", text), new("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
        };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sec/messages/", response.Headers.Location?.OriginalString);
        return Value(response.Headers.GetValues("Set-Cookie").Single(static c => c.StartsWith("messages=", StringComparison.Ordinal)));
    }

    internal static async Task<(string Body, string? SetCookie)> GetAsync(HttpClient client, string path, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.SingleOrDefault(static c => c.StartsWith("messages=", StringComparison.Ordinal))
            : null;
        return (await response.BodyAsync(), setCookie);
    }

    private static string Value(string setCookie) => setCookie[..setCookie.IndexOf(';')];
}

public sealed class MessagesLoggingTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task A_forged_cookie_is_logged_at_debug_level_not_as_a_warning()
    {
        // Any client can send one; as in Django, it must not put a warning in the log for each request.
        var (page, _) = await MessagesTests.GetAsync(app.Client, "/sec/messages/", "messages=forged-by-a-client");

        Assert.Equal("<ul><li>none</li></ul>", page.Trim());
        var lines = app.Logs.Where(static line => line.Category == "Micro.Messages").ToList();
        var line = Assert.Single(lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, line.Level);
        Assert.StartsWith("The messages cookie could not be read and was discarded: ", line.Message);
    }
}
