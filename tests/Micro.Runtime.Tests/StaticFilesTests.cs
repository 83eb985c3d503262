using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>The app's static/ folder (built into the test app) served at /static/ and linked by {% static %}.</summary>
public sealed partial class StaticFilesTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static readonly string s_folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "static");

    private static byte[] Original(string name) => File.ReadAllBytes(Path.Combine(s_folder, name));

    /// <summary>The page's links, from {% static %}.</summary>
    private async Task<(string Css, string Png, string Variable, string Absolute)> LinksAsync(string name = "css/site.css")
    {
        var page = await app.Client.GetStringAsync("/static-page/?name=" + Uri.EscapeDataString(name));
        var match = Links().Match(page);
        Assert.True(match.Success, page);
        return (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
    }

    [GeneratedRegex("""href="([^"]+)"><img src="([^"]+)">([^|]*)\|(\S+)""")]
    private static partial Regex Links();

    [Fact]
    public async Task Static_links_name_files_by_a_hash_of_their_content()
    {
        var (css, png, variable, absolute) = await LinksAsync();

        Assert.Matches("^/static/css/site\\.[0-9a-f]{12}\\.css$", css);
        Assert.Matches("^/static/img/dot\\.[0-9a-f]{12}\\.png$", png);
        Assert.Equal(css, variable);
        Assert.Equal("/favicon.ico", absolute);
        // A name the app has no file for is linked as written, as Django's static tag without a manifest entry.
        Assert.Equal("/static/css/gone.css", (await LinksAsync("css/gone.css")).Variable);
    }

    [Fact]
    public async Task A_fingerprinted_name_is_cached_for_a_year_and_the_plain_name_is_revalidated()
    {
        var (css, _, _, _) = await LinksAsync();

        using var hashed = await app.Client.GetAsync(css);
        using var plain = await app.Client.GetAsync("/static/css/site.css");

        Assert.Equal(HttpStatusCode.OK, hashed.StatusCode);
        Assert.Equal(Original("css/site.css"), await hashed.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/css; charset=utf-8", hashed.MediaType());
        Assert.Equal("public, max-age=31536000, immutable", hashed.Header("Cache-Control"));
        Assert.Equal("nosniff", hashed.Header("X-Content-Type-Options"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("no-cache", plain.Header("Cache-Control"));
        Assert.Equal(hashed.Headers.ETag, plain.Headers.ETag);
        Assert.Contains(css.Split('.')[^2], plain.Headers.ETag!.Tag, StringComparison.Ordinal);
        Assert.NotNull(plain.Content.Headers.LastModified);
    }

    [Fact]
    public async Task A_current_copy_gets_a_304_by_etag_or_date()
    {
        using var first = await app.Client.GetAsync("/static/css/site.css");
        using var byTag = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css") { Headers = { IfNoneMatch = { first.Headers.ETag! } } };
        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css") { Headers = { IfModifiedSince = first.Content.Headers.LastModified } };
        using var otherTag = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css") { Headers = { IfNoneMatch = { new EntityTagHeaderValue("\"000000000000\"") } } };

        using var notModified = await app.Client.SendAsync(byTag);
        using var notModifiedSince = await app.Client.SendAsync(byDate);
        using var changed = await app.Client.SendAsync(otherTag);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip;q=0, br;q=0", null)]
    [InlineData("*", "br")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("", null)]
    public async Task Text_is_sent_compressed_as_the_client_accepts(string acceptEncoding, string? expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/css/site.css");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal("Accept-Encoding", response.Header("Vary"));
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Original("css/site.css"), expected switch
        {
            "br" => Decompress(body, static s => new BrotliStream(s, CompressionMode.Decompress)),
            "gzip" => Decompress(body, static s => new GZipStream(s, CompressionMode.Decompress)),
            _ => body,
        });
    }

    [Fact]
    public async Task Images_are_sent_as_they_are()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/img/dot.png");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        using var response = await app.Client.SendAsync(request);

        Assert.Equal("image/png", response.MediaType());
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Null(response.Header("Vary"));
        Assert.Equal(Original("img/dot.png"), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_sends_the_headers_without_the_body()
    {
        var raw = await Http.RawAsync(app.BaseAddress, "HEAD /static/css/site.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK", raw);
        Assert.Contains($"Content-Length: {Original("css/site.css").Length}", raw);
        Assert.EndsWith("\r\n\r\n", raw);
    }

    [Theory]
    [InlineData("/static/../appsettings.json")]
    [InlineData("/static/%2e%2e/appsettings.json")]
    [InlineData("/static/%2E%2E%2Fappsettings.json")]
    [InlineData("/static/..%2F..%2FProgram.cs")]
    [InlineData("/static/..%5C..%5CProgram.cs")]
    [InlineData("/static/css/..%2F..%2Ftemplates%2Fstatic%2Fpage.html")]
    [InlineData("/static/%252e%252e/appsettings.json")]
    [InlineData("/static/css%2Fsite.css")]
    [InlineData("/static//css/site.css")]
    [InlineData("/static/CSS/site.css")]
    [InlineData("/static/css/site.css/")]
    [InlineData("/static/css/site.css%00.png")]
    [InlineData("/static/css/site.000000000000.css")]
    [InlineData("/static/")]
    [InlineData("/static/css/")]
    public async Task Anything_but_a_file_of_static_is_a_404(string path)
    {
        var raw = await Http.RawAsync(app.BaseAddress, $"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Matches("^HTTP/1.1 (404|400) ", raw);
        Assert.DoesNotContain("\"Logging\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("static class", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_get_and_head_are_served()
    {
        using var post = await app.Client.PostAsync("/static/css/site.css", new StringContent(""));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private static byte[] Decompress(byte[] body, Func<Stream, Stream> decompressor)
    {
        using var input = decompressor(new MemoryStream(body));
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>
/// Development reads the project's static/ folder instead of the copy built into the app: an edited file is served at once, under a
/// new fingerprint, and the old fingerprinted name stops answering, so a page never gets yesterday's stylesheet.
/// </summary>
public sealed class DevelopmentStaticFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("micro-static-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_edited_file_is_served_at_once_under_a_new_fingerprint()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "css"));
        var path = Path.Combine(_folder, "css", "site.css");
        File.WriteAllText(path, "body { color: red; }");
        var files = new Micro.Static.StaticFiles(typeof(StaticFilesTests).Assembly, _folder);

        var before = files.Find("css/site.css")!;
        Assert.Equal("body { color: red; }", System.Text.Encoding.UTF8.GetString(before.Content));
        Assert.Same(before, files.FindHashed(before.HashedName));

        File.WriteAllText(path, "body { color: blue; }");
        var after = files.Find("css/site.css")!;
        Assert.Equal("body { color: blue; }", System.Text.Encoding.UTF8.GetString(after.Content));
        Assert.NotEqual(before.HashedName, after.HashedName);
        Assert.Null(files.FindHashed(before.HashedName));
        Assert.Same(after, files.FindHashed(after.HashedName));

        // A file the build didn't embed isn't served, even if it is in the folder: the published app wouldn't have it.
        File.WriteAllText(Path.Combine(_folder, "css", "new.css"), "p {}");
        Assert.Null(files.Find("css/new.css"));
    }
}
