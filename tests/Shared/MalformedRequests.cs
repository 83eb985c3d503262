using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Micro.Tests.BadInput;

/// <summary>
/// Malformed requests to the sample app, built from a seed so that a failure repeats: random methods, paths, route and query values,
/// bodies and content types, and raw requests a client library would refuse to send (off-site slash redirects, a malformed chunked
/// body, bytes no URL has). Used by the sample app's bad-input tests under the JIT (Micro.Cli.Tests) and as a native binary
/// (Micro.Native.Tests).
/// </summary>
public static class MalformedRequests
{
    /// <summary>
    /// Sends <paramref name="count"/> requests to the sample app at <paramref name="baseAddress"/>, then the pages every visitor sees;
    /// returns what went wrong: a 5xx, an answer that shows a stack trace, an exception's type or a path on the server (the common
    /// ones and <paramref name="serverPaths"/>), or a page that no longer answers 200.
    /// </summary>
    public static async Task<List<string>> SendAsync(Uri baseAddress, int count, int seed, IReadOnlyList<string> serverPaths)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        for (var i = 0; i < count; i++)
        {
            var (description, status, body) = i % 10 == 9
                ? await SendRawAsync(baseAddress, RawRequest(random))
                : await SendAsync(http, baseAddress, Request(random));
            if (status >= 500 || Leaks(body, serverPaths) is { } leak)
            {
                failures.Add($"{description} -> {status}{(status >= 500 ? "" : " leaks " + Leaks(body, serverPaths))}");
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

        return failures;
    }

    private static string? Leaks(string body, IReadOnlyList<string> more)
    {
        foreach (var sign in s_leaks.Concat(more))
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
        Path.GetTempPath(),
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
        if (random.Next(4) == 0)
        {
            // A body Kestrel reads for the app: a chunk size that isn't one, or a chunk longer than it says.
            var path = Pick(random, ["/api/posts/", "/posts/new/", "/contact/", "/accounts/login/", "/notes/"]);
            var contentType = Pick(random, ["application/json", "application/x-www-form-urlencoded"]);
            var chunks = Pick(random, ["zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}}}}\r\n0\r\n\r\n", "-1\r\n\r\n", "ffffffffffffffff\r\nx\r\n0\r\n\r\n"]);
            return $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}";
        }

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

    private static async Task<(string, int, string)> SendAsync(HttpClient http, Uri baseAddress, (string Description, HttpRequestMessage Message) request)
    {
        using var message = request.Message;
        message.RequestUri = new UriBuilder(message.RequestUri!) { Port = baseAddress.Port }.Uri;
        using var response = await http.SendAsync(message);
        return (request.Description, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(string, int, string)> SendRawAsync(Uri baseAddress, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var status = int.Parse(response.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        return ("raw " + request[..request.IndexOf('\r')], status, response);
    }
}
