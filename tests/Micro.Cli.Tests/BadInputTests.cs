using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Micro.Tests.BadInput;

namespace Micro.Cli.Tests;

/// <summary>
/// Thousands of malformed requests (<see cref="MalformedRequests"/>, from a fixed seed) to the sample app run as a real process in
/// Production over a migrated and seeded SQLite file: none may be a 5xx, and no answer may show a stack trace, an exception's type
/// or a path on the server. What a visitor posts must not break the pages others see either.
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
        var failures = await MalformedRequests.SendAsync(_baseAddress, RequestCount, Seed, [Path.GetDirectoryName(SampleAppProcess.Assembly)!]);

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
        // The links keep the rest of the query ({% querystring %}), escaped: every value of a repeated name, in order.
        Assert.Contains("href=\"?page=1&amp;utm=a+b&amp;utm=%3Cx%3E\" rel=\"prev\"", await http.GetStringAsync("/posts/?page=2&utm=a%20b&utm=%3Cx%3E"), StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", await http.GetStringAsync("/posts/?page=2147483647"), StringComparison.Ordinal);
        // As Django's get_page: below 1 is the last page too, and a page that is no number the first.
        Assert.Contains("Page 2 of 2", await http.GetStringAsync("/posts/?page=-5"), StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2", await http.GetStringAsync("/posts/?page=two"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/posts/?page=2147483647")).StatusCode);
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
