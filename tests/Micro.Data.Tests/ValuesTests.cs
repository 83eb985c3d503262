using System.Net.Http.Json;
using BlogApp;
using Xunit;

namespace Micro.Data.Tests;

public sealed class SqliteValuesTests() : ValuesTests(DatabaseKind.Sqlite);

public sealed class PostgreSqlValuesTests() : ValuesTests(DatabaseKind.PostgreSql);

/// <summary>
/// Django's values_list(), values() and distinct() on SQLite and PostgreSQL: a fresh database per test, with two authors and five
/// posts (three by Ada, two by Grace), two of them rated and dated.
/// </summary>
public abstract class ValuesTests(DatabaseKind kind) : IAsyncLifetime
{
    private readonly BlogServer _server = new(kind);

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        using var scope = _server.Db();
        var db = scope.Value;
        var ada = await db.Authors.CreateAsync(new Author { Name = "Ada", Email = "ada@example.com" });
        var grace = await db.Authors.CreateAsync(new Author { Name = "Grace" });
        await db.Posts.BulkCreateAsync(
        [
            new Post { Title = "Engines", Slug = "engines", Year = 2022, AuthorId = ada.Id, Views = 5, Rating = 4.50m, PublishedAt = new DateTime(2022, 3, 1, 9, 30, 0) },
            new Post { Title = "Notes", Slug = "notes", Year = 2024, AuthorId = ada.Id, Views = 1 },
            new Post { Title = "Cards", Slug = "cards", Year = 2022, AuthorId = ada.Id, Views = 9, Published = false },
            new Post { Title = "Compilers", Slug = "compilers", Year = 2024, AuthorId = grace.Id, Views = 7, Rating = 12.25m, PublishedAt = new DateTime(2024, 5, 6, 7, 8, 9) },
            new Post { Title = "Bugs", Slug = "bugs", Year = 2021, AuthorId = grace.Id, Views = 2 },
        ]);
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task One_field_is_a_list_of_its_values_read_as_the_row_reads_them()
    {
        using var scope = _server.Db();
        var posts = scope.Value.Posts;

        Assert.Equal(["Bugs", "Cards", "Compilers", "Engines", "Notes"], await posts.OrderBy(p => p.Title).ValuesList(p => p.Title).ToListAsync());
        Assert.Equal([2024, 2024], posts.Filter(p => p.Year.Gt(2022)).ValuesList(p => p.Year).ToList());

        // Nullable values: null where the row has none; decimals and times as the rows have them (SQLite keeps both as text).
        var ordered = posts.OrderBy(p => p.Id);
        Assert.Equal([4.50m, null, null, 12.25m, null], await ordered.ValuesList(p => p.Rating).ToListAsync());
        Assert.Equal((await ordered.ToListAsync()).Select(static p => p.PublishedAt), await ordered.ValuesList(p => p.PublishedAt).ToListAsync());
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9), (await ordered.ValuesList(p => p.PublishedAt).ToListAsync())[3]);
        Assert.Equal(["ada@example.com", null], await scope.Value.Authors.OrderBy(a => a.Id).ValuesList(a => a.Email).ToListAsync());

        // Only the column asked for is read.
        Assert.Matches("^SELECT \\w+\\.\"?Title\"? FROM \"?Posts\"? AS \\w+$", posts.ValuesList(p => p.Title).ToString());
        Assert.Empty(await posts.Filter(p => p.Year.Gt(3000)).ValuesList(p => p.Title).ToListAsync());
    }

    [Fact]
    public async Task Several_fields_are_tuples_and_values_are_dictionaries_by_field_name()
    {
        using var scope = _server.Db();
        var posts = scope.Value.Posts.OrderBy(p => p.Id);

        var pairs = await posts.ValuesList(p => (p.Slug, p.Published)).ToListAsync();
        Assert.Equal([("engines", true), ("notes", true), ("cards", false), ("compilers", true), ("bugs", true)], pairs);
        var (slug, year, views) = posts.Filter(p => p.Slug.Exact("compilers")).ValuesList(p => (p.Slug, p.Year, p.Views)).ToList().Single();
        Assert.Equal(("compilers", 2024, 7), (slug, year, views));
        var four = await posts.Take(1).ValuesList(p => (p.Id, p.Title, p.Rating, p.PublishedAt)).ToListAsync();
        Assert.Equal((1, "Engines", (decimal?)4.50m, (DateTime?)new DateTime(2022, 3, 1, 9, 30, 0)), four.Single());

        var rows = await posts.Values(p => p.Title, p => p.AuthorId, p => p.Rating).ToListAsync();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["title", "author_id", "rating"], rows[0].Keys);
        Assert.Equal("Engines", rows[0]["title"]);
        Assert.Equal(4.50m, rows[0]["rating"]);
        Assert.Null(rows[1]["rating"]);

        // No fields: every field, as Django's values().
        var whole = (await posts.Skip(3).Values().ToListAsync())[0];
        Assert.Equal(["id", "title", "slug", "year", "published", "views", "rating", "published_at", "author_id"], whole.Keys);
        Assert.Equal("compilers", whole["slug"]);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9), whole["published_at"]);
    }

    [Fact]
    public async Task Distinct_gives_each_value_once_and_counts_them()
    {
        using var scope = _server.Db();
        var posts = scope.Value.Posts;

        Assert.Equal([2021, 2022, 2024], await posts.OrderBy(p => p.Year).ValuesList(p => p.Year).Distinct().ToListAsync());
        Assert.Equal([2024, 2022, 2021], posts.OrderByDescending(p => p.Year).ValuesList(p => p.Year).Distinct().ToList());
        Assert.Equal([2024, 2022], await posts.OrderByDescending(p => p.Year).ValuesList(p => p.Year).Distinct()[..2].ToListAsync());
        Assert.Equal([(1, 2022), (1, 2024), (2, 2021), (2, 2024)],
            await posts.OrderBy(p => p.AuthorId).ThenBy(p => p.Year).ValuesList(p => (p.AuthorId, p.Year)).Distinct().ToListAsync());

        // Counting: the authors who wrote, the years written in; without Distinct() every row counts.
        Assert.Equal(2, await posts.ValuesList(p => p.AuthorId).Distinct().CountAsync());
        Assert.Equal(3, posts.ValuesList(p => p.Year).Distinct().Count());
        Assert.Equal(5, await posts.ValuesList(p => p.Year).CountAsync());
        Assert.Equal(1, await posts.Filter(p => p.Year.Exact(2022)).ValuesList(p => p.Year).Distinct().CountAsync());
        Assert.Equal(2, await posts.OrderBy(p => p.Year).ValuesList(p => p.Year).Distinct().Skip(1).CountAsync());
        Assert.Equal(3, (await posts.Values(p => p.Year).Distinct().ToListAsync()).Count);
        Assert.Equal(posts.ValuesList(p => p.Year).ToList().Distinct().Order(), (await posts.ValuesList(p => p.Year).Distinct().ToListAsync()).Order());
    }

    [Fact]
    public async Task Distinct_counts_the_values_the_query_is_ordered_by_as_Django_does()
    {
        using var scope = _server.Db();
        var posts = scope.Value.Posts;

        // Ordered by views, each row's views are selected too: five (author, views) pairs, so five "distinct" authors, in the views' order.
        var byViews = posts.OrderByDescending(p => p.Views).ValuesList(p => p.AuthorId).Distinct();
        Assert.Equal([1, 2, 1, 2, 1], await byViews.ToListAsync());
        Assert.Equal(5, await byViews.CountAsync());
        Assert.Contains("ORDER BY 2 DESC", byViews.ToString(), StringComparison.Ordinal);

        // Ordered by the field read (or not at all), each value once.
        Assert.Equal([2, 1], await posts.OrderByDescending(p => p.AuthorId).ValuesList(p => p.AuthorId).Distinct().ToListAsync());
        Assert.Equal([1, 2], (await posts.ValuesList(p => p.AuthorId).Distinct().ToListAsync()).Order());

        // Ordered by a value of each row's related rows (a subquery): that value is selected too.
        var authors = scope.Value.Authors.OrderByDescending(a => a.Posts.Count()).ValuesList(a => a.Name).Distinct();
        Assert.Equal(["Ada", "Grace"], await authors.ToListAsync());
    }

    [Fact]
    public async Task Distinct_after_a_slice_or_with_a_lock_is_an_error_that_says_what_to_do()
    {
        using var scope = _server.Db();
        var posts = scope.Value.Posts;

        var sliced = Assert.Throws<InvalidOperationException>(() => posts.Take(2).ValuesList(p => p.Year).Distinct());
        Assert.Equal("Can't make a query distinct once it has been sliced (Skip, Take or [a..b]); call Distinct() first, then slice.", sliced.Message);
        Assert.Throws<InvalidOperationException>(() => posts.ValuesList(p => p.Year)[1..].Distinct());

        var locked = Assert.Throws<InvalidOperationException>(() => posts.SelectForUpdate().ValuesList(p => p.Year).Distinct());
        Assert.Equal("SelectForUpdate() can't lock distinct values, which are no one row: lock the rows, or read the values without Distinct().", locked.Message);

        // A lock without Distinct() reads the values in a transaction, as rows.
        Assert.Equal(kind == DatabaseKind.PostgreSql, posts.SelectForUpdate().ValuesList(p => p.Views).ToString().EndsWith(" FOR UPDATE", StringComparison.Ordinal));
        await Assert.ThrowsAsync<InvalidOperationException>(() => posts.SelectForUpdate().ValuesList(p => p.Views).ToListAsync());
        await using var transaction = await scope.Value.BeginTransactionAsync();
        Assert.Equal(24, (await posts.SelectForUpdate().ValuesList(p => p.Views).ToListAsync()).Sum());
    }

    [Fact]
    public async Task A_route_lists_the_years_written_in()
    {
        var years = await _server.Client.GetFromJsonAsync<int[]>("/posts/years/");
        Assert.Equal([2024, 2022, 2021], years!);
    }
}
