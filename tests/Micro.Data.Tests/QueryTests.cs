using BlogApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>A fixed blog, read by every query operator. Nothing here writes.</summary>
public abstract class QueryFixture(DatabaseKind kind) : IAsyncLifetime
{
    public BlogServer Server { get; } = new(kind);

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        using var scope = Server.Db();
        var db = scope.Value;
        var ada = await db.Authors.CreateAsync(new Author { Name = "Ada", Email = "ada@example.org" });
        var grace = await db.Authors.CreateAsync(new Author { Name = "Grace" });
        var linus = await db.Authors.CreateAsync(new Author { Name = "Linus", Email = "linus@example.org" });
        await db.Authors.CreateAsync(new Author { Name = "Barbara" });
        await db.Posts.BulkCreateAsync(
        [
            new Post { Title = "Hello World", Slug = "hello", Year = 2019, AuthorId = ada.Id, Views = 10, Rating = 4.5m },
            new Post { Title = "hello again", Slug = "again", Year = 2020, AuthorId = ada.Id, Published = false },
            new Post { Title = "C# Tips", Slug = "tips", Year = 2021, AuthorId = grace.Id, Views = 5, Rating = 10.25m, PublishedAt = new DateTime(2021, 5, 1, 12, 30, 0) },
            new Post { Title = "100% Done_ok", Slug = "done", Year = 2022, AuthorId = grace.Id, Views = 7, Rating = 9.75m },
            new Post { Title = "Zebra", Slug = "zebra", Year = 2022, AuthorId = linus.Id, Views = 1 },
        ]);
    }

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class SqliteQueryFixture() : QueryFixture(DatabaseKind.Sqlite);

public sealed class PostgreSqlQueryFixture() : QueryFixture(DatabaseKind.PostgreSql);

public sealed class SqliteQueryTests(SqliteQueryFixture fixture) : QueryTests(fixture), IClassFixture<SqliteQueryFixture>
{
    protected override string ExpectedSql =>
        "SELECT t0.\"Id\", t0.\"Title\", t0.\"Slug\", t0.\"Year\", t0.\"Published\", t0.\"Views\", t0.\"Rating\", t0.\"PublishedAt\", t0.\"AuthorId\" " +
        "FROM \"Posts\" AS t0 WHERE (instr(t0.\"Title\", @p0) > 0 OR t0.\"Year\" >= @p1) ORDER BY t0.\"Title\" LIMIT @p2";

    /// <summary>SQLite puts NULLs first going up.</summary>
    protected override string[] ByRatingThenId => ["again", "zebra", "hello", "done", "tips"];

    protected override string[] ByRatingDescendingThenId => ["tips", "done", "hello", "again", "zebra"];
}

public sealed class PostgreSqlQueryTests(PostgreSqlQueryFixture fixture) : QueryTests(fixture), IClassFixture<PostgreSqlQueryFixture>
{
    protected override string ExpectedSql =>
        "SELECT t0.\"Id\", t0.\"Title\", t0.\"Slug\", t0.\"Year\", t0.\"Published\", t0.\"Views\", t0.\"Rating\", t0.\"PublishedAt\", t0.\"AuthorId\" " +
        "FROM \"Posts\" AS t0 WHERE (t0.\"Title\"::text LIKE @p0 ESCAPE '\\' OR t0.\"Year\" >= @p1) ORDER BY t0.\"Title\" LIMIT @p2";

    /// <summary>PostgreSQL puts NULLs last going up (and first going down), as Django leaves it.</summary>
    protected override string[] ByRatingThenId => ["hello", "done", "tips", "again", "zebra"];

    protected override string[] ByRatingDescendingThenId => ["again", "zebra", "tips", "done", "hello"];
}

/// <summary>Every query operator, on each database.</summary>
public abstract class QueryTests(QueryFixture fixture)
{
    /// <summary>The SQL of <see cref="Sql_binds_every_value_as_a_parameter"/>.</summary>
    protected abstract string ExpectedSql { get; }

    /// <summary>The posts by rating (NULL included), then by id.</summary>
    protected abstract string[] ByRatingThenId { get; }

    /// <summary>The posts by rating going down, then by id.</summary>
    protected abstract string[] ByRatingDescendingThenId { get; }

    private async Task<string[]> Slugs(Func<Db, QuerySet<Post>> query)
    {
        using var scope = fixture.Server.Db();
        return (await query(scope.Value).OrderBy(p => p.Id).ToListAsync()).Select(static p => p.Slug).ToArray();
    }

    [Fact]
    public async Task Exact_and_comparisons()
    {
        Assert.Equal(["done", "zebra"], await Slugs(db => db.Posts.Filter(p => p.Year.Exact(2022))));
        Assert.Equal(["done", "zebra"], await Slugs(db => db.Posts.Filter(p => p.Year.Gt(2021))));
        Assert.Equal(["tips", "done", "zebra"], await Slugs(db => db.Posts.Filter(p => p.Year.Gte(2021))));
        Assert.Equal(["hello"], await Slugs(db => db.Posts.Filter(p => p.Year.Lt(2020))));
        Assert.Equal(["hello", "again"], await Slugs(db => db.Posts.Filter(p => p.Year.Lte(2020))));
        Assert.Equal(["again", "tips"], await Slugs(db => db.Posts.Filter(p => p.Year.Range(2020, 2021))));
        Assert.Equal(["again"], await Slugs(db => db.Posts.Filter(p => p.Published.Exact(false))));
    }

    [Fact]
    public async Task In_with_values_and_with_none()
    {
        Assert.Equal(["hello", "tips"], await Slugs(db => db.Posts.Filter(p => p.Year.In(2019, 2021))));
        Assert.Equal(["hello", "tips"], await Slugs(db => db.Posts.Filter(p => p.Year.In(new List<int> { 2021, 2019 }))));
        Assert.Empty(await Slugs(db => db.Posts.Filter(p => p.Year.In())));
        Assert.Equal(5, (await Slugs(db => db.Posts.Exclude(p => p.Year.In()))).Length);
    }

    [Fact]
    public async Task Null_lookups()
    {
        Assert.Equal(["again", "zebra"], await Slugs(db => db.Posts.Filter(p => p.Rating.IsNull())));
        Assert.Equal(["hello", "tips", "done"], await Slugs(db => db.Posts.Filter(p => p.Rating.IsNull(false))));
        Assert.Equal(["again", "zebra"], await Slugs(db => db.Posts.Filter(p => p.Rating.Exact(null))));
        using var scope = fixture.Server.Db();
        Assert.Equal(["Grace", "Barbara"], (await scope.Value.Authors.Filter(a => a.Email.IsNull()).OrderBy(a => a.Id).ToListAsync()).Select(static a => a.Name));
    }

    [Fact]
    public async Task Text_lookups_respect_case_and_escape_wildcards()
    {
        Assert.Equal(["hello", "again"], await Slugs(db => db.Posts.Filter(p => p.Title.Contains("ello"))));
        Assert.Equal(["hello"], await Slugs(db => db.Posts.Filter(p => p.Title.Contains("Hello"))));
        Assert.Equal(["hello", "again"], await Slugs(db => db.Posts.Filter(p => p.Title.IContains("HELLO"))));
        Assert.Equal(["again"], await Slugs(db => db.Posts.Filter(p => p.Title.StartsWith("hello"))));
        Assert.Equal(["hello", "again"], await Slugs(db => db.Posts.Filter(p => p.Title.IStartsWith("HELLO"))));
        Assert.Equal(["again"], await Slugs(db => db.Posts.Filter(p => p.Title.EndsWith("again"))));
        Assert.Empty(await Slugs(db => db.Posts.Filter(p => p.Title.EndsWith("AGAIN"))));
        Assert.Equal(["hello"], await Slugs(db => db.Posts.Filter(p => p.Title.IEndsWith("WORLD"))));
        Assert.Equal(["hello"], await Slugs(db => db.Posts.Filter(p => p.Title.IExact("hello world"))));
        Assert.Empty(await Slugs(db => db.Posts.Filter(p => p.Title.Exact("hello world"))));

        // LIKE wildcards in a value are literal characters.
        Assert.Equal(["done"], await Slugs(db => db.Posts.Filter(p => p.Title.IContains("%"))));
        Assert.Equal(["done"], await Slugs(db => db.Posts.Filter(p => p.Title.IContains("_"))));
        Assert.Equal(5, (await Slugs(db => db.Posts.Filter(p => p.Title.Contains("")))).Length);
    }

    [Fact]
    public async Task Decimals_and_dates_compare_as_values()
    {
        // Stored as text ("10.25" < "9.75" as text): compared as numbers.
        Assert.Equal(["tips", "done"], await Slugs(db => db.Posts.Filter(p => p.Rating.Gt(9.5m))));
        using var scope = fixture.Server.Db();
        var byRating = await scope.Value.Posts.Filter(p => p.Rating.IsNull(false)).OrderByDescending(p => p.Rating).ToListAsync();
        Assert.Equal([10.25m, 9.75m, 4.5m], byRating.Select(static p => p.Rating!.Value));
        Assert.Equal(["tips"], await Slugs(db => db.Posts.Filter(p => p.PublishedAt.Gte(new DateTime(2021, 1, 1)))));
        Assert.Empty(await Slugs(db => db.Posts.Filter(p => p.PublishedAt.Gt(new DateTime(2021, 5, 1, 12, 30, 0)))));
        Assert.Equal(new DateTime(2021, 5, 1, 12, 30, 0), (await scope.Value.Posts.GetAsync(p => p.Slug.Exact("tips"))).PublishedAt);
    }

    [Fact]
    public async Task Nulls_sort_where_the_database_puts_them()
    {
        using var scope = fixture.Server.Db();
        var posts = scope.Value.Posts;
        Assert.Equal(ByRatingThenId, (await posts.OrderBy(p => p.Rating).ThenBy(p => p.Id).ToListAsync()).Select(static p => p.Slug));
        Assert.Equal(ByRatingDescendingThenId, (await posts.OrderByDescending(p => p.Rating).ThenBy(p => p.Id).ToListAsync()).Select(static p => p.Slug));
    }

    [Fact]
    public async Task Conditions_combine_and_exclude_keeps_nulls()
    {
        Assert.Equal(["hello", "done"], await Slugs(db => db.Posts.Filter(p => (p.Year.Exact(2019) | p.Year.Exact(2022)) & !p.Title.StartsWith("Z"))));
        Assert.Equal(["tips", "done"], await Slugs(db => db.Posts.Filter(p => p.Year.Gte(2021)).Filter(p => p.Rating.IsNull(false))));

        // As Django's exclude(): rows whose rating is NULL are not "greater than 5", so they stay.
        Assert.Equal(["hello", "again", "zebra"], await Slugs(db => db.Posts.Exclude(p => p.Rating.Gt(5m))));
    }

    [Fact]
    public async Task Ordering_slicing_counting()
    {
        using var scope = fixture.Server.Db();
        var posts = scope.Value.Posts;
        Assert.Equal(["done", "zebra", "tips", "again", "hello"],
            (await posts.OrderByDescending(p => p.Year).ThenBy(p => p.Title).ToListAsync()).Select(static p => p.Slug));
        Assert.Equal(["again", "tips"], (await posts.OrderBy(p => p.Id)[1..3].ToListAsync()).Select(static p => p.Slug));
        Assert.Equal(["again", "tips"], (await posts.OrderBy(p => p.Id).Skip(1).Take(2).ToListAsync()).Select(static p => p.Slug));
        Assert.Equal(["again"], (await posts.OrderBy(p => p.Id).Take(2).Skip(1).ToListAsync()).Select(static p => p.Slug));
        Assert.Equal(["done", "zebra"], (await posts.OrderBy(p => p.Id)[3..].ToListAsync()).Select(static p => p.Slug));
        Assert.Equal(5, await posts.CountAsync());
        Assert.Equal(2, posts.Filter(p => p.Year.Exact(2022)).Count());
        Assert.Equal(2, await posts.OrderBy(p => p.Id)[3..10].CountAsync());
        Assert.True(await posts.Filter(p => p.Slug.Exact("zebra")).ExistsAsync());
        Assert.False(posts.Filter(p => p.Year.Gt(3000)).Exists());
        Assert.Equal("hello", (await posts.FirstOrDefaultAsync())!.Slug);
        Assert.Null(await posts.Filter(p => p.Year.Gt(3000)).FirstOrDefaultAsync());
        Assert.Throws<InvalidOperationException>(() => posts.Take(1).Filter(p => p.Year.Exact(1)));
        Assert.Throws<NotSupportedException>(() => posts[^2..]);
    }

    [Fact]
    public async Task Aggregates_are_computed_by_the_database()
    {
        using var scope = fixture.Server.Db();
        var posts = scope.Value.Posts;

        // Django's aggregate(Sum("views")), Avg, Min, Max: views are 10, 0, 5, 7 and 1.
        Assert.Equal(23, await posts.SumAsync(p => p.Views));
        Assert.Equal(10104, posts.Sum(p => p.Year));
        Assert.Equal(4.6, (await posts.AverageAsync(p => p.Views))!.Value, 12);
        Assert.Equal(0, await posts.MinAsync(p => p.Views));
        Assert.Equal(10, posts.Max(p => p.Views));

        // A nullable decimal column: NULLs are left out, values compare as numbers (10.25 is above 9.75, though not as text),
        // and the mean of decimals is a decimal.
        Assert.Equal(24.5m, await posts.SumAsync(p => p.Rating));
        Assert.Equal(10.25m, await posts.MaxAsync(p => p.Rating));
        Assert.Equal(4.5m, posts.Min(p => p.Rating));
        decimal? mean = await posts.AverageAsync(p => p.Rating);
        Assert.Equal(8.1667m, Math.Round(mean!.Value, 4));

        // Over the filtered rows, and over a slice's rows in its order: the two most viewed, then the next two.
        Assert.Equal(13, await posts.Filter(p => p.Year.Gte(2021)).SumAsync(p => p.Views));
        Assert.Equal(17, await posts.OrderByDescending(p => p.Views).Take(2).SumAsync(p => p.Views));
        Assert.Equal(12, posts.OrderByDescending(p => p.Views)[1..3].Sum(p => p.Views));
        Assert.Equal(5, await posts.OrderByDescending(p => p.Views)[1..3].MinAsync(p => p.Views));

        // No rows: a sum of nothing is 0, as LINQ's; the others are null, as Django's.
        var none = posts.Filter(p => p.Year.Gt(3000));
        Assert.Equal(0, await none.SumAsync(p => p.Views));
        Assert.Equal(0m, none.Sum(p => p.Rating));
        Assert.Null(await none.AverageAsync(p => p.Views));
        Assert.Null(none.Average(p => p.Rating));
        Assert.Null(await none.MinAsync(p => p.Views));
        Assert.Null(await none.MaxAsync(p => p.Rating));
        Assert.Null(posts.Filter(p => p.Rating.IsNull()).Max(p => p.Rating));
    }

    [Fact]
    public async Task Groups_are_aggregated_by_the_database()
    {
        using var scope = fixture.Server.Db();
        var db = scope.Value;
        var posts = db.Posts;
        var names = (await db.Authors.ToListAsync()).ToDictionary(a => a.Id, a => a.Name);
        string Named<T>(IEnumerable<(int Key, T Value)> rows) => string.Join(", ", rows.Select(r => $"{names[r.Key]} {r.Value}"));

        // Django's values("author").annotate(Count("id")), in the key's order; Barbara has no posts, so no group.
        Assert.Equal("Ada 2, Grace 2, Linus 1", Named(await posts.GroupBy(p => p.AuthorId).ToListAsync(g => g.Count())));
        Assert.Equal("Ada 1, Grace 2, Linus 0", Named(posts.GroupBy(p => p.AuthorId).ToList(g => g.Count(p => p.Rating))));

        // Several aggregates in one query; decimals compare as numbers (10.25 is above 9.75, though not as text), NULLs are left out.
        var byAuthor = await posts.GroupBy(p => p.AuthorId).ToListAsync(g => (g.Count(), g.Sum(p => p.Views), g.Max(p => p.Rating), g.Average(p => p.Rating)));
        Assert.Equal(
            ["Ada 2 10 4.5 4.5", "Grace 2 12 10.25 10", "Linus 1 1  "],
            byAuthor.Select(r => $"{names[r.Key]} {r.Value1} {r.Value2} {r.Value3} {r.Value4:0.##}"));

        // Over the filtered rows only.
        Assert.Equal("Ada 1, Grace 2, Linus 1", Named(await posts.Filter(p => p.Published.Exact(true)).GroupBy(p => p.AuthorId).ToListAsync(g => g.Count())));

        // Ordered by an aggregate (ties by the key), and sliced: the years by views, then the busiest year.
        var years = await posts.GroupBy(p => p.Year).OrderByDescending(g => g.Sum(p => p.Views)).ToListAsync(g => g.Sum(p => p.Views));
        Assert.Equal([(2019, 10), (2022, 8), (2021, 5), (2020, 0)], years);
        Assert.Equal([(2022, 2)], await posts.GroupBy(p => p.Year).OrderByDescending(g => g.Count())[..1].ToListAsync(g => g.Count()));
        Assert.Equal([(2020, 1), (2019, 1)], posts.GroupBy(p => p.Year).OrderBy(g => g.Count()).ThenByDescending(g => g.Key)[1..3].ToList(g => g.Count()));

        // HAVING: Django's filter() after annotate(). A group with only NULLs is kept by a negation, as exclude() keeps it.
        Assert.Equal("Ada 2, Grace 2", Named(await posts.GroupBy(p => p.AuthorId).Having(g => g.Count().Gt(1)).ToListAsync(g => g.Count())));
        Assert.Equal("Grace 2", Named(await posts.GroupBy(p => p.AuthorId).Having(g => g.Max(p => p.Rating).Gt(5m)).ToListAsync(g => g.Count())));
        Assert.Equal("Ada 2, Linus 1", Named(await posts.GroupBy(p => p.AuthorId).Having(g => !g.Max(p => p.Rating).Gt(5m)).ToListAsync(g => g.Count())));
        Assert.Equal("Ada 10", Named(await posts.GroupBy(p => p.AuthorId).Having(g => g.Count().Gt(1) & g.Sum(p => p.Views).Lt(11)).ToListAsync(g => g.Sum(p => p.Views))));
        Assert.Equal("Ada 10, Linus 1", Named(await posts.GroupBy(p => p.AuthorId).Having(g => g.Count().Lt(2) | g.Average(p => p.Views).Gte(5.0)).Having(g => !g.Key.Exact(names.Single(n => n.Value == "Grace").Key)).ToListAsync(g => g.Sum(p => p.Views))));

        // Keys of other types: a flag, a nullable date (its NULL is a group too, as Django's), a decimal that sorts as a number.
        Assert.Equal([(false, 1), (true, 4)], await posts.GroupBy(p => p.Published).ToListAsync(g => g.Count()));
        var dates = await posts.GroupBy(p => p.PublishedAt).ToListAsync(g => g.Count());
        Assert.Equal(2, dates.Count);
        Assert.Equal(4, dates.Single(d => d.Key is null).Value);
        Assert.Equal(new DateTime(2021, 5, 1, 12, 30, 0), dates.Single(d => d.Key is not null).Key);
        var ratings = await posts.GroupBy(p => p.Rating).Having(g => g.Key.Gt(5m)).ToListAsync(g => g.Sum(p => p.Views));
        Assert.Equal([(9.75m, 7), (10.25m, 5)], ratings);
    }

    [Fact]
    public async Task Groups_refuse_what_they_cannot_do()
    {
        using var scope = fixture.Server.Db();
        var posts = scope.Value.Posts;
        var sliced = Assert.Throws<InvalidOperationException>(() => posts.OrderBy(p => p.Id)[..2].GroupBy(p => p.AuthorId));
        Assert.Equal("Can't group a query once it has been sliced (Skip, Take or [a..b]); group first, then slice.", sliced.Message);
        var having = Assert.Throws<InvalidOperationException>(() => posts.GroupBy(p => p.AuthorId)[..2].Having(g => g.Count().Gt(1)));
        Assert.Equal("Can't filter groups once they have been sliced ([a..b]); filter first, then slice.", having.Message);
        var nothing = Assert.Throws<ArgumentNullException>(() => posts.GroupBy(p => p.AuthorId).Having(g => g.Max(p => p.Rating).Gt(null)));
        Assert.StartsWith("MAX(Rating).Gt(null) compares with nothing.", nothing.Message, StringComparison.Ordinal);
        Assert.Empty(await posts.Filter(p => p.Year.Gt(3000)).GroupBy(p => p.AuthorId).ToListAsync(g => g.Count()));
    }

    [Fact]
    public async Task Get_find_and_not_found()
    {
        using var scope = fixture.Server.Db();
        var posts = scope.Value.Posts;
        var zebra = await posts.GetAsync(p => p.Slug.Exact("zebra"));
        Assert.Equal("Zebra", (await posts.GetAsync(zebra.Id)).Title);
        Assert.Equal("Zebra", posts.Get(zebra.Id).Title);
        Assert.Null(await posts.FindAsync(999));
        Assert.Equal(zebra.Id, posts.Find(zebra.Id)!.Id);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => posts.GetAsync(999));
        Assert.Equal("No Post with Id 999.", missing.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => posts.GetAsync(p => p.Year.Exact(1900)));
        await Assert.ThrowsAsync<MultipleObjectsReturnedException>(() => posts.GetAsync(p => p.Year.Exact(2022)));
    }

    [Fact]
    public async Task Relations_load_explicitly_and_filter()
    {
        using var scope = fixture.Server.Db();
        var db = scope.Value;
        var posts = await db.Posts.OrderBy(p => p.Id).ToListAsync();
        Assert.All(posts, static p => Assert.Null(p.Author));

        var withAuthors = await db.Posts.Include(p => p.Author).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(["Ada", "Ada", "Grace", "Grace", "Linus"], withAuthors.Select(static p => p.Author!.Name));

        var grace = await db.Authors.GetAsync(a => a.Name.Exact("Grace"));
        Assert.Empty(grace.Posts);
        await db.Authors.LoadAsync(grace, a => a.Posts);
        Assert.Equal(["tips", "done"], grace.Posts.Select(static p => p.Slug));

        var authors = await db.Authors.Include(a => a.Posts).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([2, 2, 1, 0], authors.Select(static a => a.Posts.Count));

        Assert.Equal(["hello", "again"], await Slugs(d => d.Posts.Filter(p => p.Author.Matches(a => a.Name.Exact("Ada")))));
        Assert.Equal(["tips", "done", "zebra"], await Slugs(d => d.Posts.Exclude(p => p.Author.Matches(a => a.Name.Exact("Ada")))));
        Assert.Equal(["Grace", "Linus"], (await db.Authors.Filter(a => a.Posts.Any(p => p.Year.Gte(2022))).OrderBy(a => a.Id).ToListAsync()).Select(static a => a.Name));
        Assert.Equal(["Barbara"], (await db.Authors.Exclude(a => a.Posts.Any()).ToListAsync()).Select(static a => a.Name));
    }

    [Fact]
    public async Task Related_rows_are_aggregated_for_every_row()
    {
        using var scope = fixture.Server.Db();
        var db = scope.Value;
        var authors = db.Authors.OrderBy(a => a.Id);
        static string Named<T>(IEnumerable<(Author Row, T Value)> rows) => string.Join(", ", rows.Select(r => $"{r.Row.Name} {r.Value}"));
        static string[] Names(IEnumerable<Author> rows) => rows.Select(static a => a.Name).ToArray();

        // Django's Author.objects.annotate(Count("post")): every author, Barbara (no posts) with 0, unlike a group of the posts.
        Assert.Equal("Ada 2, Grace 2, Linus 1, Barbara 0", Named(await authors.ToListAsync(a => a.Posts.Count())));
        Assert.Equal("Ada 1, Grace 2, Linus 0, Barbara 0", Named(authors.ToList(a => a.Posts.Count(p => p.Rating))));
        Assert.Equal("Ada 0, Grace 2, Linus 1, Barbara 0", Named(await authors.ToListAsync(a => a.Posts.Filter(p => p.Year.Gte(2021)).Count())));

        // Several values, each its own subquery, so two of one relation don't multiply (as two joins would): a sum of none is 0, an
        // extreme or a mean of none is null, decimals are compared as numbers (10.25 above 9.75).
        var values = await authors.ToListAsync(a => (a.Posts.Sum(p => p.Views), a.Posts.Max(p => p.Rating), a.Posts.Average(p => p.Views)));
        Assert.Equal(["Ada 10 4.5 5", "Grace 12 10.25 6", "Linus 1  1", "Barbara 0  "], values.Select(r => $"{r.Row.Name} {r.Value1} {r.Value2} {r.Value3:0.##}"));
        var drafts = authors.ToList(a => (a.Posts.Count(), a.Posts.Filter(p => p.Published.Exact(false)).Count(), a.Posts.Min(p => p.PublishedAt)));
        Assert.Equal(["Ada 2 1 ", "Grace 2 0 2021-05-01", "Linus 1 0 ", "Barbara 0 0 "], drafts.Select(r => $"{r.Row.Name} {r.Value1} {r.Value2} {r.Value3:yyyy-MM-dd}"));

        // Django's filter() after annotate(); a negation keeps the rows whose value is null (no posts), as exclude() does.
        Assert.Equal(["Ada", "Grace"], Names(await authors.Filter(a => a.Posts.Count().Gt(1)).ToListAsync()));
        Assert.Equal(["Barbara"], Names(await authors.Filter(a => a.Posts.Count().Exact(0)).ToListAsync()));
        Assert.Equal(["Linus", "Barbara"], Names(await authors.Filter(a => a.Posts.Sum(p => p.Views).Lt(5)).ToListAsync()));
        Assert.Equal(["Grace"], Names(await authors.Filter(a => a.Posts.Max(p => p.Rating).Gt(5m)).ToListAsync()));
        Assert.Equal(["Ada", "Linus", "Barbara"], Names(await authors.Exclude(a => a.Posts.Max(p => p.Rating).Gt(5m)).ToListAsync()));
        Assert.Equal(["Grace"], Names(await authors.Filter(a => a.Posts.Min(p => p.PublishedAt).Lt(new DateTime(2022, 1, 1))).ToListAsync()));
        Assert.Equal(["Grace", "Linus"], Names(await authors.Filter(a => a.Posts.Count().Gt(0) & !a.Posts.Any(p => p.Published.Exact(false))).ToListAsync()));
        Assert.Equal(["Ada"], Names(await authors.Filter(a => a.Posts.Filter(p => p.Author.Matches(w => w.Email.IsNull())).Count().Exact(0) & a.Posts.Any()).Take(1).ToListAsync()));

        // Ordered by a value (Django's order_by("-n")), then sliced.
        Assert.Equal(["Grace", "Ada", "Linus", "Barbara"], Names(await db.Authors.OrderByDescending(a => a.Posts.Sum(p => p.Views)).ThenBy(a => a.Name).ToListAsync()));
        Assert.Equal(["Barbara", "Linus"], Names(await db.Authors.OrderBy(a => a.Posts.Count()).ThenBy(a => a.Id)[..2].ToListAsync()));
        Assert.Equal("Ada 2, Grace 2", Named(await db.Authors.OrderByDescending(a => a.Posts.Count()).ThenBy(a => a.Name)[..2].ToListAsync(a => a.Posts.Count())));
        Assert.Equal(["Ada", "Grace"], Names(await db.Authors.OrderBy(a => a.Name).ThenByDescending(a => a.Posts.Count()).Filter(a => a.Posts.Any()).Take(2).ToListAsync()));
        Assert.Equal(3, await db.Authors.Filter(a => a.Posts.Count().Gte(1)).OrderBy(a => a.Posts.Count())[..3].CountAsync());

        // With Include: a filtered collection loads only its rows (Django's Prefetch with a queryset), whatever the values count.
        var published = await authors.Include(a => a.Posts.Filter(p => p.Published.Exact(true))).ToListAsync(a => a.Posts.Count());
        Assert.Equal(["Ada 1/2", "Grace 2/2", "Linus 1/1", "Barbara 0/0"], published.Select(r => $"{r.Row.Name} {r.Row.Posts.Count}/{r.Value}"));

        var nothing = Assert.Throws<ArgumentNullException>(() => db.Authors.Filter(a => a.Posts.Max(p => p.Rating).Gt(null)));
        Assert.StartsWith("Gt(null) on MAX(Rating) of Post compares with nothing.", nothing.Message, StringComparison.Ordinal);
        var sliced = Assert.Throws<InvalidOperationException>(() => db.Authors.OrderBy(a => a.Id)[..2].OrderBy(a => a.Posts.Count()));
        Assert.StartsWith("Can't order a query once it has been sliced", sliced.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_binds_every_value_as_a_parameter()
    {
        using var scope = fixture.Server.Db();
        var sql = scope.Value.Posts.Filter(p => p.Title.Contains("x'; DROP TABLE Posts; --") | p.Year.Gte(2022)).OrderBy(p => p.Title).Take(5).ToString();
        Assert.Equal(ExpectedSql, sql);
    }

    [Fact]
    public async Task Entity_framework_reads_the_same_rows_under_the_jit()
    {
        using var scope = fixture.Server.App.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var titles = await context.Posts.Where(p => p.Year == 2022).OrderBy(p => p.Id).Select(p => p.Title).ToListAsync();
        Assert.Equal(["100% Done_ok", "Zebra"], titles);
        var tips = await context.Posts.Include(p => p.Author).SingleAsync(p => p.Slug == "tips");
        Assert.Equal(10.25m, tips.Rating);
        Assert.Equal(new DateTime(2021, 5, 1, 12, 30, 0), tips.PublishedAt);
        Assert.Equal("Grace", tips.Author!.Name);
    }
}
