using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Paths match exactly, as in Django: case, trailing slash, and the APPEND_SLASH redirect.</summary>
public sealed class ExactMatchingTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Theory]
    [InlineData("/", "home")]
    [InlineData("/about/", "about")]
    [InlineData("/no-slash", "no slash")]
    [InlineData("/items/x-1/", "item x-1")]
    [InlineData("/mixed-seg/v2/spam/", "v2 spam")]
    public async Task The_exact_path_matches(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [InlineData("/About/")]
    [InlineData("/ABOUT/")]
    [InlineData("/No-Slash")]
    [InlineData("/conv/STR/x/")]
    [InlineData("/ITEMS/x-1/")]
    [InlineData("/mixed-seg/V2/spam/")]
    public async Task Paths_are_case_sensitive(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal($"custom 404 for {path} (404)", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/no-slash/")]    // a slash the pattern doesn't have: 404, no redirect either way
    [InlineData("/about//")]
    public async Task The_trailing_slash_is_part_of_the_path(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("/about", "/about/")]
    [InlineData("/about?x=1&y=a%20b", "/about/?x=1&y=a%20b")]
    [InlineData("/conv/int/5", "/conv/int/5/")]
    [InlineData("/re/articles/2024/03", "/re/articles/2024/03/")]
    [InlineData("/rev/greet/Zo%C3%AB%20%26%3F?q=%C3%A9", "/rev/greet/Zo%C3%AB%20&%3F/?q=%C3%A9")]
    public async Task A_GET_without_the_slash_is_redirected_to_the_path_with_it_keeping_the_query(string path, string location)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_HEAD_without_the_slash_is_redirected_too()
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/about?q=1"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/about/?q=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_redirect_target_is_served()
    {
        var redirect = await _client.GetAsync("/about");
        var response = await _client.GetAsync(redirect.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("about", await response.BodyAsync());
    }

    [Fact]
    public async Task A_POST_without_the_slash_is_not_redirected_because_the_body_would_be_lost()
    {
        var response = await _client.PostAsync("/submit", new StringContent("data"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);

        var withSlash = await _client.PostAsync("/submit/", new StringContent("data"));
        Assert.Equal(HttpStatusCode.OK, withSlash.StatusCode);
        Assert.Equal("submitted", await withSlash.BodyAsync());
    }

    [Fact]
    public async Task No_redirect_when_the_path_with_a_slash_would_not_match_either()
    {
        var response = await _client.GetAsync("/conv/int/abc");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
    // Django's CVE-2018-14574: the slash redirect must never send a browser to another host. Django answers the same
    // requests with the same Location (checked against Django 3.2's CommonMiddleware), except that ASP.NET Core leaves
    // %2F encoded in the path where Django decodes it ("/%2F/evil.example/landing/"): both stay on the site.
    [Theory]
    [InlineData("//evil.example/landing", "/%2Fevil.example/landing/")]
    [InlineData("//evil.example/landing?next=1", "/%2Fevil.example/landing/?next=1")]
    [InlineData("///evil.example/landing", "/%2F/evil.example/landing/")]
    [InlineData("/\\evil.example/landing", "/%5Cevil.example/landing/")]
    [InlineData("/\\/evil.example/landing", "/%5C/evil.example/landing/")]
    [InlineData("/%2F%2Fevil.example/landing", "/%2F%2Fevil.example/landing/")]
    [InlineData("/%5C%5Cevil.example/landing", "/%5C%5Cevil.example/landing/")]
    public async Task The_slash_redirect_never_points_to_another_host(string target, string location)
    {
        var raw = await Http.RawAsync(app.BaseAddress, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 301 ", raw, StringComparison.Ordinal);
        Assert.Contains($"\r\nLocation: {location}\r\n", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_escaped_redirect_target_is_served_on_this_site()
    {
        var response = await _client.GetAsync("/%2Fevil.example/landing/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("landing ", await response.BodyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reversed_url_never_starts_with_two_slashes()
    {
        Assert.Equal("/%2Fevil.example/landing/", Urls.Landing("/evil.example"));
        Assert.Equal("/%2Fevil.example/landing/", Url.Reverse("landing", "/evil.example"));
        Assert.Equal("/a/b/landing/", Urls.Landing("a/b"));
    }
}

/// <summary>MicroOptions.AppendSlash = false turns the redirect off.</summary>
public sealed class AppendSlashOffTests(NoAppendSlashApp app) : IClassFixture<NoAppendSlashApp>
{
    [Theory]
    [InlineData("/about")]
    [InlineData("/conv/int/5")]
    public async Task A_path_without_the_slash_is_a_404(string path)
    {
        var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal($"custom 404 for {path} (404)", await response.BodyAsync());
    }

    [Fact]
    public async Task The_path_with_the_slash_still_matches()
    {
        var response = await app.Client.GetAsync("/about/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("about", await response.BodyAsync());
    }
}
