using BlogApp;
using Xunit;

namespace Micro.Data.Tests;

public sealed class SqliteRowPickingTests() : RowPickingTests(DatabaseKind.Sqlite);

public sealed class PostgreSqlRowPickingTests() : RowPickingTests(DatabaseKind.PostgreSql);

/// <summary>
/// Django's last(), reverse(), latest(), earliest(), in_bulk(), bulk_update() and select_for_update() on SQLite and PostgreSQL:
/// a fresh database per test, with one author and five posts.
/// </summary>
public abstract class RowPickingTests(DatabaseKind kind) : IAsyncLifetime
{
    private readonly BlogServer _server = new(kind);

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        using var scope = _server.Db();
        var author = await scope.Value.Authors.CreateAsync(new Author { Name = "Ada", Email = "ada@example.com" });
        // Years 2022, 2024, 2021, 2024, 2023: two posts share the latest year.
        await scope.Value.Posts.BulkCreateAsync(new[] { 2022, 2024, 2021, 2024, 2023 }.Select((year, i) =>
            new Post { Title = $"Post {i + 1}", Slug = $"post-{i + 1}", Year = year, AuthorId = author.Id }));
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Last_and_reverse_follow_the_ordering_or_the_key()
    {
        using var scope = _server.Db();
        var posts = scope.Value.Posts;

        Assert.Equal("post-5", (await posts.LastOrDefaultAsync())!.Slug);
        Assert.Equal("post-4", (await posts.OrderBy(p => p.Year).ThenBy(p => p.Id).LastOrDefaultAsync())!.Slug);
        Assert.Equal("post-3", posts.OrderByDescending(p => p.Year).LastOrDefault()!.Slug);
        Assert.Equal(["post-4", "post-2", "post-5", "post-1", "post-3"],
            (await posts.OrderBy(p => p.Year).ThenBy(p => p.Id).Reverse().ToListAsync()).Select(static p => p.Slug));
        Assert.Equal(["post-5", "post-4", "post-3", "post-2", "post-1"], (await posts.Reverse().ToListAsync()).Select(static p => p.Slug));
        Assert.Null(await posts.Filter(p => p.Year.Gt(3000)).LastOrDefaultAsync());

        var sliced = Assert.Throws<InvalidOperationException>(() => posts.Take(2).Reverse());
        Assert.Equal("Can't reverse a query once it has been sliced (Skip, Take or [a..b]); reverse first, then slice.", sliced.Message);
    }

    [Fact]
    public async Task Latest_and_earliest_pick_by_a_field_with_ties_by_key_and_none_is_a_404()
    {
        using var scope = _server.Db();
        var posts = scope.Value.Posts;

        Assert.Equal("post-4", (await posts.LatestAsync(p => p.Year)).Slug);
        Assert.Equal("post-3", (await posts.EarliestAsync(p => p.Year)).Slug);
        Assert.Equal("post-1", posts.Earliest(p => p.Title).Slug);
        Assert.Equal("post-5", (await posts.Filter(p => p.Year.Lt(2024)).LatestAsync(p => p.Year)).Slug);

        var none = await Assert.ThrowsAsync<NotFoundException>(() => posts.Filter(p => p.Year.Gt(3000)).LatestAsync(p => p.Year));
        Assert.Equal("No Post matches the given query.", none.Message);
    }

    [Fact]
    public async Task In_bulk_maps_the_values_found_to_their_rows()
    {
        using var scope = _server.Db();
        var db = scope.Value;

        var byId = await db.Posts.InBulkAsync(p => p.Id, [1, 3, 99, 3]);
        Assert.Equal([1, 3], byId.Keys.Order());
        Assert.Equal("post-3", byId[3].Slug);

        var bySlug = db.Posts.Filter(p => p.Year.Exact(2024)).InBulk(p => p.Slug, ["post-2", "post-1", "post-4"]);
        Assert.Equal(["post-2", "post-4"], bySlug.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, bySlug["post-4"].Id);
        Assert.Empty(await db.Posts.InBulkAsync(p => p.Id, []));

        // More values than one query takes: read a few hundred at a time.
        await db.Authors.BulkCreateAsync(Enumerable.Range(2, 1200).Select(static i => new Author { Name = $"A{i}" }));
        var authors = await db.Authors.InBulkAsync(a => a.Id, Enumerable.Range(1, 1300));
        Assert.Equal(1201, authors.Count);
        Assert.Equal("A1201", authors[1201].Name);
    }

    [Fact]
    public async Task Bulk_update_saves_only_the_fields_named_in_one_transaction()
    {
        using (var scope = _server.Db())
        {
            var db = scope.Value;
            var posts = await db.Posts.Filter(p => p.Year.Exact(2024)).ToListAsync();
            foreach (var post in posts)
            {
                post.Views = post.Id * 10;
                post.Title = "Not saved";
            }

            Assert.Equal(2, await db.Posts.BulkUpdateAsync(posts, p => p.Views));
            Assert.Equal(0, db.Posts.BulkUpdate([], p => p.Views));

            Assert.Equal("BulkUpdate() needs the fields to save, such as p => p.Views. (Parameter 'fields')",
                (await Assert.ThrowsAsync<ArgumentException>(() => db.Posts.BulkUpdateAsync(posts))).Message);
            Assert.Equal("BulkUpdate() can't change the key Post.Id. (Parameter 'fields')",
                (await Assert.ThrowsAsync<ArgumentException>(() => db.Posts.BulkUpdateAsync(posts, p => p.Id))).Message);
            Assert.Equal("Every Post given to BulkUpdate() needs a key: save a new one with CreateAsync or SaveAsync. (Parameter 'entities')",
                (await Assert.ThrowsAsync<ArgumentException>(() => db.Posts.BulkUpdateAsync([.. posts, new Post { Title = "New" }], p => p.Views))).Message);

            // A value the column can't hold fails the whole update: the rows before it are as they were.
            posts[0].Views = 1;
            posts[1].Slug = new string('x', 201);
            await Assert.ThrowsAsync<ValueTooLongException>(() => db.Posts.BulkUpdateAsync(posts, p => p.Views, p => p.Slug));
        }

        using var check = _server.Db();
        Assert.Equal(["post-1|Post 1|0", "post-2|Post 2|20", "post-3|Post 3|0", "post-4|Post 4|40", "post-5|Post 5|0"],
            (await check.Value.Posts.OrderBy(p => p.Id).ToListAsync()).Select(static p => $"{p.Slug}|{p.Title}|{p.Views}"));
    }

    [Fact]
    public async Task Select_for_update_locks_the_rows_in_a_transaction_and_is_an_error_outside_one()
    {
        using (var scope = _server.Db())
        {
            var query = scope.Value.Posts.Filter(p => p.Id.Exact(1)).SelectForUpdate();
            Assert.Equal(kind == DatabaseKind.PostgreSql, query.ToString().EndsWith(" FOR UPDATE", StringComparison.Ordinal));
            var outside = await Assert.ThrowsAsync<InvalidOperationException>(() => query.ToListAsync());
            Assert.Equal("SelectForUpdate() locks rows until the transaction ends: read it inside one (await db.BeginTransactionAsync()).", outside.Message);
        }

        // Each worker reads the row locked, adds one and saves it: none overwrites another's count.
        const int Workers = 6;
        const int Each = 5;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Each; i++)
            {
                using var scope = _server.Db();
                var db = scope.Value;
                await using var transaction = await db.BeginTransactionAsync();
                var post = await db.Posts.SelectForUpdate().GetAsync(p => p.Id.Exact(1));
                post.Views++;
                await db.Posts.SaveAsync(post);
                await transaction.CommitAsync();
            }
        })));

        using var check = _server.Db();
        Assert.Equal(Workers * Each, (await check.Value.Posts.GetAsync(1)).Views);
    }
}
