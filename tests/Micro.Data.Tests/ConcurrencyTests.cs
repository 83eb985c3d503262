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

        var statuses = await SendInParallelAsync((client, i) => client.PostAsJsonAsync("/posts/", new { title = $"Post {i}", slug = $"post-{i}", year = 2000 + i, authorId = 1 }));

        Assert.All(statuses, static status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.Equal(Requests, await _server.Client.GetFromJsonAsync<int>("/posts/count/"));
        using var scope = _server.Db();
        var slugs = (await scope.Value.Posts.ToListAsync()).Select(static p => p.Slug).ToHashSet();
        Assert.Equal(Enumerable.Range(0, Requests).Select(static i => $"post-{i}").ToHashSet(), slugs);
    }

    [Fact]
    public async Task Parallel_increments_in_the_database_all_count()
    {
        // The route adds one with Update(p => p.Views.Set(p.Views + 1)), as Django's F("views") + 1: the database adds, so no
        // request overwrites another's count, as reading the row, adding one and saving it would.
        Assert.Equal(HttpStatusCode.Created, (await _server.Client.PostAsJsonAsync("/authors/", new { name = "Writer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _server.Client.PostAsJsonAsync("/posts/", new { title = "Popular", slug = "popular", year = 2024, authorId = 1 })).StatusCode);

        var statuses = await SendInParallelAsync((client, _) => client.PostAsync("/posts/1/view/", content: null));

        Assert.All(statuses, static status => Assert.Equal(HttpStatusCode.OK, status));
        using var scope = _server.Db();
        Assert.Equal(Requests, (await scope.Value.Posts.GetAsync(1)).Views);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.PostAsync("/posts/2/view/", content: null)).StatusCode);
    }

    /// <summary>Sends <see cref="Requests"/> requests from <see cref="Parallelism"/> workers at once; the statuses.</summary>
    private async Task<List<HttpStatusCode>> SendInParallelAsync(Func<HttpClient, int, Task<HttpResponseMessage>> send)
    {
        // Separate clients, so that requests really run on separate connections at the same time.
        var clients = Enumerable.Range(0, Parallelism).Select(_ => new HttpClient { BaseAddress = _server.Client.BaseAddress }).ToArray();
        try
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(worker => Task.Run(async () =>
            {
                var codes = new List<HttpStatusCode>();
                for (var i = worker; i < Requests; i += Parallelism)
                {
                    using var response = await send(clients[worker], i);
                    codes.Add(response.StatusCode);
                }

                return codes;
            })));
            return [.. statuses.SelectMany(static s => s)];
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
