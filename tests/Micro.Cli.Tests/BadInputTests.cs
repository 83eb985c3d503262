using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Micro.Cli.Tests;

/// <summary>
/// Thousands of malformed requests, from a fixed seed, to the sample app run as a real process in Production over a
/// migrated and seeded SQLite file: none may be a 5xx, and no answer may show a stack trace, an exception's type or a
/// path on the server. What a visitor posts must not break the pages others see either.
/// </summary>
public sealed partial class BadInputTests : IAsyncLifetime
{
    private const int Seed = 20261203;
    private const int RequestCount = 3000;

    private readonly string _directory = Directory.CreateTempSubdirectory("micro-bad-input-").FullName;
    private Process? _server;
    private Uri _baseAddress = null!;

    private string Database => $"--ConnectionStrings:Default=Data Source={Path.Combine(_directory, "blog.db")}";

    public async Task InitializeAsync()
    {
        Assert.Equal(0, await RunToEndAsync("migrate", Database));
        Assert.Equal(0, await RunToEndAsync("seed", "--authors", "3", "--posts", "4", Database));
        _server = Start("runserver", "127.0.0.1:0", "--environment", "Production", Database);
        while (true)
        {
            var line = await _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null)
            {
                Assert.Fail("The sample app stopped before serving: " + await _server.StandardError.ReadToEndAsync());
            }

            if (ServingAt().Match(line) is { Success: true } match)
            {
                _baseAddress = new Uri(match.Groups[1].Value);
                break;
            }
        }

        // Keep reading what the server logs, so that it never blocks on a full pipe.
        _ = _server.StandardOutput.ReadToEndAsync();
        _ = _server.StandardError.ReadToEndAsync();
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The temporary folder is cleaned up eventually.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task No_malformed_request_is_a_server_error_or_leaks_internals()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _baseAddress };
        for (var i = 0; i < RequestCount; i++)
        {
            var (description, status, body) = i % 10 == 9
                ? await SendRawAsync(RawRequest(random))
                : await SendAsync(http, Request(random));
            if (status >= 500 || Leaks(body) is { } leak)
            {
                failures.Add($"{description} -> {status}{(status >= 500 ? "" : " leaks " + Leaks(body))}");
            }
        }

        // The pages every visitor sees still work after all of that.
        foreach (var page in new[] { "/", "/posts/", "/posts/?page=2", "/api/posts/", "/pages/notes/", "/accounts/signup/" })
        {
            var response = await http.GetAsync(page);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"GET {page} afterwards -> {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {RequestCount} requests failed (seed {Seed}):\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task What_a_visitor_posts_never_breaks_the_pages_others_see()
    {
        using var http = new HttpClient { BaseAddress = _baseAddress };
        string Post(string slug, int author = 1) =>
            $$"""{"title":"t","slug":"{{JsonEncodedText.Encode(slug)}}","year":2024,"body":"b","authorId":{{author}}}""";

        // A slug its page's URL couldn't hold would make every list that links to it fail.
        foreach (var slug in new[] { "not a slug", "", "line\n", "nul\0", "a/b", "café", new string('s', 201) })
        {
            var refused = await http.PostAsync("/api/posts/", new StringContent(Post(slug), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"slug\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/posts/", new StringContent(Post("author-1-post-1"), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/posts/", new StringContent(Post("orphan", author: 999), Encoding.UTF8, "application/json"))).StatusCode);

        // The 12 seeded posts, 10 a page; a page number past the end (or one whose offset would overflow) shows the last page.
        var first = await http.GetStringAsync("/posts/");
        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("href=\"?page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", await http.GetStringAsync("/posts/?page=2147483647"), StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", await http.GetStringAsync("/posts/?page=-5"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/posts/?page=2147483647")).StatusCode);
    }

    private static string? Leaks(string body)
    {
        foreach (var sign in s_leaks)
        {
            if (body.Contains(sign, StringComparison.Ordinal))
            {
                return sign;
            }
        }

        return null;
    }

    // A stack trace, an exception type or a path of the server's files.
    private static readonly string[] s_leaks =
    [
        "   at ", "Exception:", "Exception<", "System.", "Microsoft.", "Micro.Runtime", ".cs:line", "/tmp/", "/home/", "/work/",
        Path.GetTempPath(), Path.GetDirectoryName(SampleAppProcess.Assembly)!,
    ];

    private static readonly string[] s_paths =
    [
        "/", "/blog/{int}/", "/blog/{int}/{slug}/", "/files/{text}", "/archive/{int}/{int}/", "/search/", "/notes/", "/notes/{text}/",
        "/status/", "/contact/", "/go-home/", "/pages/notes/", "/pages/blog/{int}/", "/articles/{int}/", "/api/posts/",
        "/api/posts/{int}/", "/api/authors/{int}/", "/posts/", "/posts/new/", "/posts/{slug}/", "/posts/{slug}/edit/",
        "/accounts/login/", "/accounts/logout/", "/accounts/signup/", "/account/", "/legacy/{text}", "/{text}", "/{text}/{text}",
    ];

    private static readonly string[] s_numbers =
    [
        "0", "1", "-1", "2024", "9999", "12345", "2147483647", "2147483648", "-2147483649", "9223372036854775808",
        "99999999999999999999999", "1e9", "1.5", "1,5", "0x10", "", " ", "NaN", "Infinity", "٣", "１２",
    ];

    private static readonly string[] s_texts =
    [
        "a", "hello-world", "author-1-post-1", "", "%00", "a%00b", "%0A", "%0D%0A", "%2F", "%2F%2Fevil.example", "%5C", "..", "%2e%2e",
        "%C0%AF", "%FF", "%E2%80%AE", "caf%C3%A9", "%F0%9F%92%A9", "<script>", "'\"", "%25", "%%", "%zz", "a b", "a+b", "a;b",
        "%7B%7B", "{% url %}", "null", "true", "[]", "{}", new string('x', 300), new string('a', 5000), "%u0041", "\u202e",
    ];

    private static readonly string[] s_queryKeys = ["page", "year", "q", "tag", "limit", "name", "who", "next", "id", "per-page"];

    private static readonly string[] s_jsonBodies =
    [
        "", "{", "}", "null", "[]", "[1,2]", "\"text\"", "1e999", "{\"title\":null}", "{\"title\":1}",
        "{\"title\":\"t\",\"slug\":\"s\",\"year\":2024,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"t\",\"slug\":\"not a slug\",\"year\":2024,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"t\",\"slug\":\"author-1-post-1\",\"year\":2024,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"t\",\"slug\":\"orphan\",\"year\":2024,\"body\":\"b\",\"authorId\":999999}",
        "{\"title\":\"t\",\"slug\":\"big\",\"year\":99999999999,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"t\",\"slug\":\"neg\",\"year\":-5,\"body\":\"b\",\"authorId\":-1}",
        "{\"title\":\"t\",\"slug\":\"nul\\u0000\",\"year\":2024,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"t\",\"slug\":\"line\\n\",\"year\":2024,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"t\",\"slug\":\"\",\"year\":2024,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"" + new string('t', 5000) + "\",\"slug\":\"long\",\"year\":2024,\"body\":\"b\",\"authorId\":1}",
        "{\"title\":\"t\",\"body\":\"b\"}", "{\"title\":\"t\",\"body\":\"b\",\"extra\":{\"deep\":[[[[[[[[[[1]]]]]]]]]]}}",
        new string('[', 5000), "{\"title\":\"\\ud800\"}", "{\"title\":\"t\",\"title\":\"u\"}",
    ];

    private static readonly string[] s_contentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-7", "application/json; charset=nope",
        "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "application/xml", "",
    ];

    // Requests are built against this placeholder and sent to the server's address.
    private const string Authority = "http://127.0.0.1";

    private static (string Description, HttpRequestMessage Message) Request(Random random)
    {
        var method = Pick(random, ["GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"]);
        var path = Fill(random, Pick(random, s_paths));
        if (random.Next(3) == 0)
        {
            path += "?" + string.Join("&", Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{Pick(random, s_queryKeys)}={Value(random)}"));
        }

        // An absolute URI, so that a path starting with "//" stays a path rather than naming a host.
        var message = new HttpRequestMessage(new HttpMethod(method), new Uri(Authority + path, UriKind.Absolute));
        if (method is "POST" or "PUT" or "PATCH" || random.Next(10) == 0)
        {
            var contentType = Pick(random, s_contentTypes);
            var body = contentType.Contains("json", StringComparison.Ordinal) || random.Next(2) == 0
                ? Pick(random, s_jsonBodies)
                : string.Join("&", Enumerable.Range(0, random.Next(0, 6)).Select(_ => $"{Pick(random, ["title", "slug", "year", "body", "author", "email", "message", "username", "password1", "password2", "csrfmiddlewaretoken"])}={Value(random)}"));
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType.Length > 0)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (random.Next(4) == 0)
        {
            message.Headers.TryAddWithoutValidation("Accept", Pick(random, ["application/json", "text/html", "*/*", "application/json, text/html"]));
        }

        if (random.Next(8) == 0)
        {
            message.Headers.TryAddWithoutValidation("Cookie", Pick(random, ["csrftoken=x", "sessionid=%00", "messages=garbage", "sessionid=" + new string('a', 300)]));
        }

        return ($"{method} {path}", message);
    }

    private static string RawRequest(Random random)
    {
        var target = Pick(random,
        [
            "//evil.example", "//evil.example/", "/\\evil.example", "///evil.example", "/%2F%2Fevil.example", "/posts", "/blog/2024",
            "/api/posts/?page=2147483647", "/api/posts/?page=99999999999", "/blog/2147483647/", "/blog/2147483648/", "/archive/2024/13/",
            "/archive/0000/01/", "/posts/%0A/", "/regex/1/%0A", "/files/%00", "/%", "/%zz/", "/posts/?year=-1", "/search/?q=%00",
        ]);
        return $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    private static string Fill(Random random, string template)
    {
        var result = new StringBuilder();
        var rest = template.AsSpan();
        while (rest.IndexOf('{') is var open and >= 0)
        {
            result.Append(rest[..open]);
            var close = rest.IndexOf('}');
            result.Append(rest[(open + 1)..close] switch
            {
                "int" => Pick(random, s_numbers),
                "slug" => random.Next(2) == 0 ? Pick(random, ["author-1-post-1", "author-2-post-3", "missing"]) : Pick(random, s_texts),
                _ => Pick(random, s_texts),
            });
            rest = rest[(close + 1)..];
        }

        return result.Append(rest).ToString();
    }

    private static string Value(Random random) => random.Next(2) == 0 ? Pick(random, s_numbers) : Pick(random, s_texts);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private async Task<(string, int, string)> SendAsync(HttpClient http, (string Description, HttpRequestMessage Message) request)
    {
        using var message = request.Message;
        message.RequestUri = new UriBuilder(message.RequestUri!) { Port = _baseAddress.Port }.Uri;
        using var response = await http.SendAsync(message);
        return (request.Description, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(string, int, string)> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_baseAddress.Host, _baseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var status = int.Parse(response.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        return ("raw " + request[..request.IndexOf('\r')], status, response);
    }

    private static Process Start(params string[] args) => Process.Start(SampleAppProcess.StartInfo(args))!;

    private async Task<int> RunToEndAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }

    [GeneratedRegex(@"Micro is serving sample-app \(\w+\) at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingAt();
}
