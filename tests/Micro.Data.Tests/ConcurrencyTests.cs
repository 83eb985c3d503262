using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace Micro.Data.Tests;

public sealed class SqliteConcurrencyTests() : ConcurrencyTests(DatabaseKind.Sqlite);

public sealed class PostgreSqlConcurrencyTests() : ConcurrencyTests(DatabaseKind.PostgreSql);

/// <summary>
/// Many requests writing at once (to one SQLite file, where WAL and the busy timeout serialize them, or to PostgreSQL over the
/// pool), and nothing is lost.
/// </summary>
public abstract class ConcurrencyTests(DatabaseKind kind) : IAsyncLifetime
{
    private const int Requests = 120;
    private const int Parallelism = 12;

    private readonly BlogServer _server = new(kind);

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Parallel_posts_all_land()
    {
        var author = await _server.Client.PostAsJsonAsync("/authors/", new { name = "Writer" });
        Assert.Equal(HttpStatusCode.Created, author.StatusCode);

        // Separate clients, so that requests really run on separate connections at the same time.
        var clients = Enumerable.Range(0, Parallelism).Select(_ => new HttpClient { BaseAddress = _server.Client.BaseAddress }).ToArray();
        try
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(worker => Task.Run(async () =>
            {
                var codes = new List<HttpStatusCode>();
                for (var i = worker; i < Requests; i += Parallelism)
                {
                    using var response = await clients[worker].PostAsJsonAsync("/posts/", new { title = $"Post {i}", slug = $"post-{i}", year = 2000 + i, authorId = 1 });
                    codes.Add(response.StatusCode);
                }

                return codes;
            })));

            Assert.All(statuses.SelectMany(static s => s), static status => Assert.Equal(HttpStatusCode.Created, status));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        Assert.Equal(Requests, await _server.Client.GetFromJsonAsync<int>("/posts/count/"));
        using var scope = _server.Db();
        var slugs = (await scope.Value.Posts.ToListAsync()).Select(static p => p.Slug).ToHashSet();
        Assert.Equal(Enumerable.Range(0, Requests).Select(static i => $"post-{i}").ToHashSet(), slugs);
    }
}
