using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using BlogApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Micro.Data.Tests;

public sealed class SqliteWriteTests() : WriteTests(DatabaseKind.Sqlite);

public sealed class PostgreSqlWriteTests() : WriteTests(DatabaseKind.PostgreSql);

/// <summary>Creating, saving, updating and deleting rows, in and out of transactions, and the JSON routes that do it; a fresh database per test.</summary>
public abstract class WriteTests(DatabaseKind kind) : IAsyncLifetime
{
    private readonly BlogServer _server = new(kind);

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Migrate_applies_the_built_in_migrations_once()
    {
        Assert.Contains("Applying 0001_initial... OK", _server.MigrateOutput);
        var output = new StringWriter();
        Assert.Equal(0, Migrations.MigrationCommands.Migrate(_server.App.Services, output));
        Assert.Contains("No migrations to apply.", output.ToString());
        output = new StringWriter();
        Assert.Equal(0, Migrations.MigrationCommands.ShowMigrations(_server.App.Services, output));
        Assert.Contains("[X] 0001_initial", output.ToString());
    }

    [Fact]
    public void Blog_app_migrations_match_its_models()
    {
        // makemigrations --check reads the snapshot in tests/BlogApp/migrations, found from the generated project directory.
        var output = new StringWriter();
        Assert.Equal(0, Migrations.MigrationCommands.MakeMigrations(_server.App.Services, output, check: true));
        Assert.Equal("No changes detected", output.ToString().Trim());
    }

    [Fact]
    public async Task Create_save_and_delete_instances()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = await db.Authors.CreateAsync(new Author { Name = "Ada" });
        Assert.True(author.Id > 0);

        var post = new Post { Title = "Draft", Slug = "draft", Year = 2024, AuthorId = author.Id };
        await db.Posts.SaveAsync(post);
        Assert.True(post.Id > 0);

        post.Title = "Final";
        post.Rating = 3.5m;
        await db.Posts.SaveAsync(post);
        var reloaded = await db.Posts.GetAsync(post.Id);
        Assert.Equal("Final", reloaded.Title);
        Assert.Equal(3.5m, reloaded.Rating);
        Assert.True(reloaded.Published);
        Assert.Equal(1, await db.Posts.CountAsync());

        // An explicit key that no row has yet is inserted, as Django's save().
        var explicitKey = new Post { Id = 500, Title = "Explicit", Slug = "explicit", Year = 2024, AuthorId = author.Id };
        db.Posts.Save(explicitKey);
        Assert.Equal("Explicit", db.Posts.Get(500).Title);

        Assert.True(await db.Posts.DeleteAsync(post));
        Assert.False(db.Posts.Delete(post));
        Assert.Null(await db.Posts.FindAsync(post.Id));
    }

    [Fact]
    public async Task Queryset_update_and_delete_and_bulk_create()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = db.Authors.Create(new Author { Name = "Grace" });
        var posts = Enumerable.Range(1, 30).Select(i => new Post { Title = $"Post {i}", Slug = $"p{i}", Year = 2000 + (i % 3), AuthorId = author.Id }).ToList();
        Assert.Equal(30, await db.Posts.BulkCreateAsync(posts));
        Assert.Equal(30, posts.Select(static p => p.Id).Distinct().Count());
        Assert.All(posts, static p => Assert.True(p.Id > 0));

        Assert.Equal(10, await db.Posts.Filter(p => p.Year.Exact(2000)).UpdateAsync(p => p.Views.Set(42), p => p.Published.Set(false)));
        Assert.Equal(10, await db.Posts.Filter(p => p.Views.Exact(42) & p.Published.Exact(false)).CountAsync());
        Assert.Equal(30, db.Posts.Filter(p => p.Rating.IsNull()).Update(p => p.Rating.Set(1.5m)));
        Assert.Equal(10, await db.Posts.Filter(p => p.Year.Exact(2001)).DeleteAsync());
        Assert.Equal(20, await db.Posts.CountAsync());
        Assert.Throws<InvalidOperationException>(() => db.Posts.Take(3).Delete());

        // Deleting the author cascades to its posts (foreign keys are on).
        Assert.True(await db.Authors.DeleteAsync(author));
        Assert.Equal(0, await db.Posts.CountAsync());
    }

    [Fact]
    public async Task Rows_are_updated_and_deleted_by_aggregates_of_their_related_rows()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var authors = Enumerable.Range(0, 4).Select(i => db.Authors.Create(new Author { Name = $"Author {i}" })).ToList();
        db.Posts.BulkCreate(Enumerable.Range(0, 6).Select(i => new Post { Title = $"Post {i}", Slug = $"p{i}", Year = 2020, AuthorId = authors[i % 2].Id, Views = i }));

        // In an UPDATE or a DELETE, the subquery names the row being changed (the statement's alias), not a post's own columns.
        Assert.Equal(2, await db.Authors.Filter(a => a.Posts.Sum(p => p.Views).Gte(6)).UpdateAsync(a => a.Name.Set("Busy")));
        Assert.Equal(2, await db.Authors.Filter(a => a.Posts.Count().Exact(0)).DeleteAsync());
        Assert.Equal([(authors[0].Id, "Busy", 3), (authors[1].Id, "Busy", 3)], (await db.Authors.OrderBy(a => a.Id).ToListAsync(a => a.Posts.Count())).Select(r => (r.Row.Id, r.Row.Name, r.Value)));
        Assert.Equal(6, await db.Posts.CountAsync());
    }

    [Fact]
    public async Task A_sum_too_large_for_its_column_s_type_says_so()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = db.Authors.Create(new Author { Name = "Ada" });
        db.Posts.BulkCreate(Enumerable.Range(1, 2).Select(i => new Post { Title = $"Post {i}", Slug = $"post-{i}", Year = 2000, Views = int.MaxValue, AuthorId = author.Id }));

        var overflow = await Assert.ThrowsAsync<OverflowException>(() => db.Posts.SumAsync(p => p.Views));
        Assert.Equal("The SUM of Post.Views (4294967294) doesn't fit in Int32.", overflow.Message);
        Assert.Equal(int.MaxValue, await db.Posts.MaxAsync(p => p.Views));
        Assert.Equal(4000, db.Posts.Sum(p => p.Year));
    }

    [Fact]
    public async Task Dates_aggregate_to_the_earliest_and_the_latest()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = db.Authors.Create(new Author { Name = "Ada" });
        DateTime?[] published = [new DateTime(2021, 5, 1, 12, 30, 0), null, new DateTime(2020, 12, 31, 23, 59, 59, 500), new DateTime(2022, 1, 2, 3, 4, 5)];
        db.Posts.BulkCreate(published.Select((date, i) => new Post { Title = $"Post {i}", Slug = $"post-{i}", Year = 2000 + i, PublishedAt = date, AuthorId = author.Id }));

        // Django's aggregate(Max("pub_date")): NULLs left out, the values as the rows read them back.
        var read = db.Posts.OrderBy(p => p.Id).ToList().Select(static p => p.PublishedAt).ToArray();
        Assert.Equal(read[2], await db.Posts.MinAsync(p => p.PublishedAt));
        Assert.Equal(read[3], db.Posts.Max(p => p.PublishedAt));
        Assert.Equal(new DateTime(2020, 12, 31, 23, 59, 59, 500), db.Posts.Min(p => p.PublishedAt));
        Assert.Equal(read[0], await db.Posts.OrderBy(p => p.Id).Take(2).MaxAsync(p => p.PublishedAt));
        Assert.Null(await db.Posts.Filter(p => p.PublishedAt.IsNull()).MaxAsync(p => p.PublishedAt));
        Assert.Equal(2003, await db.Posts.Filter(p => p.PublishedAt.IsNull(false)).MaxAsync(p => p.Year));
    }

    [Fact]
    public async Task Dates_are_looked_up_and_listed_by_year_month_and_day()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = db.Authors.Create(new Author { Name = "Ada" });
        DateTime?[] published =
        [
            new DateTime(2021, 5, 1, 12, 30, 0), null, new DateTime(2020, 12, 31, 23, 59, 59, 500), new DateTime(2022, 1, 2, 3, 4, 5),
            new DateTime(2021, 12, 31), new DateTime(2021, 5, 20),
        ];
        db.Posts.BulkCreate(published.Select((date, i) => new Post { Title = $"Post {i}", Slug = $"post-{i}", Year = 2000 + i, PublishedAt = date, AuthorId = author.Id }));
        async Task<string> Posts(Func<QuerySet<Post>, QuerySet<Post>> query) =>
            string.Join(",", (await query(db.Posts).OrderBy(p => p.Id).ToListAsync()).Select(p => p.Slug[5..]));

        // Django's pub_date__year (a range, which an index serves), __month and __day; exclude() keeps the NULL date.
        Assert.Equal("0,4,5", await Posts(q => q.Filter(p => p.PublishedAt.Year(2021))));
        Assert.Equal("2", await Posts(q => q.Filter(p => p.PublishedAt.Year(2020))));
        Assert.Equal("0,5", await Posts(q => q.Filter(p => p.PublishedAt.Month(5))));
        Assert.Equal("2,4", await Posts(q => q.Filter(p => p.PublishedAt.Month(12) & p.PublishedAt.Day(31))));
        Assert.Equal("0", await Posts(q => q.Filter(p => p.PublishedAt.Year(2021) & p.PublishedAt.Day(1))));
        Assert.Equal("1,2,3,4", await Posts(q => q.Exclude(p => p.PublishedAt.Month(5))));
        Assert.Equal("1,2,3", await Posts(q => q.Exclude(p => p.PublishedAt.Year(2021))));
        // The first moment of the next year isn't in this one.
        db.Posts.Create(new Post { Title = "New year", Slug = "post-6", Year = 2022, PublishedAt = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc), AuthorId = author.Id });
        Assert.Equal("0,4,5", await Posts(q => q.Filter(p => p.PublishedAt.Year(2021))));
        Assert.Equal("3,6", await Posts(q => q.Filter(p => p.PublishedAt.Year(2022))));
        db.Posts.Filter(p => p.Slug.Exact("post-6")).Delete();

        // Numbers no date has match nothing, from a query string as from code.
        Assert.Equal("", await Posts(q => q.Filter(p => p.PublishedAt.Year(0) | p.PublishedAt.Year(10000) | p.PublishedAt.Month(13) | p.PublishedAt.Day(-1))));
        Assert.Equal("0,1,2,3,4,5", await Posts(q => q.Exclude(p => p.PublishedAt.Year(0))));

        // Django's dates(): each year, month or day once, as its first day, in order; NULLs left out; over the filtered rows.
        Assert.Equal([new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 1)], await db.Posts.DatesAsync(p => p.PublishedAt, DatePart.Year));
        Assert.Equal(
            [new DateOnly(2020, 12, 1), new DateOnly(2021, 5, 1), new DateOnly(2021, 12, 1), new DateOnly(2022, 1, 1)],
            db.Posts.Dates(p => p.PublishedAt, DatePart.Month));
        Assert.Equal(
            [new DateOnly(2022, 1, 2), new DateOnly(2021, 12, 31), new DateOnly(2021, 5, 20), new DateOnly(2021, 5, 1), new DateOnly(2020, 12, 31)],
            await db.Posts.DatesAsync(p => p.PublishedAt, DatePart.Day, descending: true));
        Assert.Equal([new DateOnly(2021, 5, 1), new DateOnly(2021, 12, 1)], await db.Posts.Filter(p => p.PublishedAt.Year(2021)).DatesAsync(p => p.PublishedAt, DatePart.Month));
        Assert.Empty(await db.Posts.Filter(p => p.PublishedAt.IsNull()).DatesAsync(p => p.PublishedAt, DatePart.Year));

        // Django's annotate(month=TruncMonth("pub_date")).values("month").annotate(Count("id")): an archive's months with their posts.
        var dated = db.Posts.Filter(p => p.PublishedAt.IsNull(false));
        Assert.Equal(
            [(new DateOnly(2020, 12, 1), 1), (new DateOnly(2021, 5, 1), 2), (new DateOnly(2021, 12, 1), 1), (new DateOnly(2022, 1, 1), 1)],
            (await dated.GroupBy(p => p.PublishedAt, DatePart.Month).ToListAsync(g => g.Count())).Select(static g => (g.Key!.Value, g.Value)));
        Assert.Equal((null, 1), (await db.Posts.GroupBy(p => p.PublishedAt, DatePart.Year).ToListAsync(g => g.Count())).Single(static g => g.Key is null));
        Assert.Equal([(new DateOnly(2021, 1, 1), 3)], await db.Posts.GroupBy(p => p.PublishedAt, DatePart.Year).OrderByDescending(g => g.Count())[..1].ToListAsync(g => g.Count()));
        Assert.Equal(
            [new DateOnly(2021, 12, 31), new DateOnly(2022, 1, 2)],
            (await dated.GroupBy(p => p.PublishedAt, DatePart.Day).Having(g => g.Key.Gte(new DateOnly(2021, 6, 1))).ToListAsync(g => g.Max(p => p.Year))).Select(static g => g.Key!.Value));
        var sliced = Assert.Throws<InvalidOperationException>(() => db.Posts.OrderBy(p => p.Id)[..2].Dates(p => p.PublishedAt, DatePart.Year));
        Assert.Equal("Can't list the dates of a query once it has been sliced (Skip, Take or [a..b]); list them first, then slice the list.", sliced.Message);
    }

    [Fact]
    public async Task Update_sets_values_the_database_computes_from_each_row()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = db.Authors.Create(new Author { Name = "Ada" });
        db.Posts.BulkCreate(Enumerable.Range(1, 3).Select(i => new Post { Title = $"Post {i}", Slug = $"post-{i}", Year = 2000 + i, Views = i * 10, AuthorId = author.Id }));
        int[] Views() => [.. db.Posts.OrderBy(p => p.Id).ToList().Select(static p => p.Views)];

        // Django's update(views=F("views") + 1), and the other operators, with the number on either side.
        Assert.Equal(3, await db.Posts.UpdateAsync(p => p.Views.Set(p.Views + 1)));
        Assert.Equal([11, 21, 31], Views());
        Assert.Equal(1, db.Posts.Filter(p => p.Slug.Exact("post-3")).Update(p => p.Views.Set(p.Views * 2 - 2)));
        Assert.Equal([11, 21, 60], Views());
        db.Posts.Update(p => p.Views.Set(100 - p.Views));
        Assert.Equal([89, 79, 40], Views());

        // Integer columns divide to a whole number, truncated towards zero on both databases, as C# does.
        db.Posts.Update(p => p.Views.Set((p.Views - 80) / 2));
        Assert.Equal([4, 0, -20], Views());

        // Columns with columns, and one column copied to another, text included.
        db.Posts.Update(p => p.Views.Set(p.Views + p.Year - p.Id), p => p.Title.Set(p.Slug));
        var posts = db.Posts.OrderBy(p => p.Id).ToList();
        Assert.Equal(posts.Select(static p => p.Slug), posts.Select(static p => p.Title));
        Assert.Equal(posts.Select(static (p, i) => new[] { 4, 0, -20 }[i] + p.Year - p.Id), posts.Select(static p => p.Views));

        // Decimals keep their value (SQLite keeps them as text and computes through REAL, as Django's do there); NULL stays NULL.
        db.Posts.Filter(p => p.Slug.Exact("post-1")).Update(p => p.Rating.Set(1.5m));
        Assert.Equal(3, db.Posts.Update(p => p.Rating.Set(p.Rating * 3m + 0.25m)));
        Assert.Equal([4.75m, null, null], db.Posts.OrderBy(p => p.Id).ToList().Select(static p => p.Rating));
        Assert.Equal(1, db.Posts.Filter(p => p.Rating.Exact(4.75m)).Count());

        // The key can't change, and arithmetic is for number columns: each says which column.
        var key = Assert.Throws<ArgumentException>(() => db.Posts.Update(p => p.Id.Set(p.Id + 1)));
        Assert.Contains("Post.Id", key.Message);
        var text = Assert.Throws<ArgumentException>(() => db.Posts.Update(p => p.Title.Set((ColumnExpression<Post, string>)p.Title + "!")));
        Assert.Contains("Title is a text column", text.Message);
        Assert.Equal(posts.Select(static p => p.Slug), db.Posts.OrderBy(p => p.Id).ToList().Select(static p => p.Title));
    }

    [Fact]
    public async Task Filters_compare_columns_of_the_same_row()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = db.Authors.Create(new Author { Name = "Ada" });
        db.Posts.BulkCreate(
        [
            new Post { Title = "a", Slug = "a", Year = 2001, Views = 5, Rating = 2m, AuthorId = author.Id },
            new Post { Title = "b", Slug = "b", Year = 2002, Views = 1, Rating = null, AuthorId = author.Id },
            new Post { Title = "c", Slug = "b-copy", Year = 2003, Views = 3, Rating = 10.5m, AuthorId = author.Id },
            new Post { Title = "d", Slug = "d", Year = 2004, Views = 4, Rating = 4m, AuthorId = author.Id },
        ]);
        async Task<string[]> Titles(QuerySet<Post> posts) => [.. (await posts.OrderBy(p => p.Id).ToListAsync()).Select(static p => p.Title)];

        // Django's filter(views__gt=F("year") - 2000) and the other lookups.
        Assert.Equal(["a"], await Titles(db.Posts.Filter(p => p.Views.Gt(p.Year - 2000))));
        Assert.Equal(["c", "d"], await Titles(db.Posts.Filter(p => p.Views.Exact(p.Year - 2000))));
        Assert.Equal(["a", "c", "d"], await Titles(db.Posts.Filter(p => p.Views.Gte(p.Year - 2000 + 1) | p.Views.Exact(p.Year - 2000))));
        Assert.Equal(["b"], await Titles(db.Posts.Filter(p => p.Views.Lt(p.Year - 2000))));
        Assert.Equal(["b", "c", "d"], await Titles(db.Posts.Filter(p => p.Views.Lte(p.Year - 2000))));
        Assert.Equal(["a", "b", "d"], await Titles(db.Posts.Filter(p => p.Title.Exact(p.Slug))));

        // Decimals compare as numbers on SQLite too (as text "10.5" < "4.0").
        Assert.Equal(["c"], await Titles(db.Posts.Filter(p => p.Rating.Gt(p.Rating - p.Rating + 4.5m))));
        Assert.Equal(["a", "d"], await Titles(db.Posts.Filter(p => p.Rating.Lte(p.Rating * 0m + 4m))));

        // As Django's exclude(rating=F("rating")): a row where either side is NULL is kept, since the comparison is unknown there.
        Assert.Equal(["b"], await Titles(db.Posts.Exclude(p => p.Rating.Exact(p.Rating))));
        Assert.Equal(["b"], await Titles(db.Posts.Exclude(p => p.Views.Gte(p.Year - 2000))));
    }

    [Fact]
    public async Task Relations_load_more_keys_than_one_query_takes()
    {
        // 1,201 authors: a relation's keys go 500 to a query, so three queries load them, the last with one key.
        using var scope = _server.Db();
        var db = scope.Value;
        var authors = Enumerable.Range(1, 1201).Select(static i => new Author { Name = $"Author {i}" }).ToList();
        Assert.Equal(1201, await db.Authors.BulkCreateAsync(authors));
        var posts = authors.Select(static (a, i) => new Post { Title = $"Post {i}", Slug = $"p{i}", AuthorId = a.Id }).ToList();
        posts.Add(new Post { Title = "Second", Slug = "second", AuthorId = authors[^1].Id });
        Assert.Equal(1202, await db.Posts.BulkCreateAsync(posts));

        var loaded = await db.Posts.Include(p => p.Author).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(1202, loaded.Count);
        Assert.All(loaded, static p => Assert.Equal(p.AuthorId, p.Author!.Id));
        Assert.Equal("Author 1201", loaded[^1].Author!.Name);
        Assert.Same(loaded[^2].Author, loaded[^1].Author);

        var withPosts = await db.Authors.Include(a => a.Posts).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(Enumerable.Repeat(1, 1200).Append(2), withPosts.Select(static a => a.Posts.Count));
        Assert.Equal(["p1200", "second"], withPosts[^1].Posts.Select(static p => p.Slug));
    }

    [Fact]
    public async Task Transactions_commit_or_roll_back()
    {
        using (var scope = _server.Db())
        {
            var db = scope.Value;
            await using (var transaction = await db.BeginTransactionAsync())
            {
                await db.Authors.CreateAsync(new Author { Name = "Rolled back" });
                Assert.Equal(1, await db.Authors.CountAsync());
            }

            Assert.Equal(0, await db.Authors.CountAsync());

            await using (var transaction = await db.BeginTransactionAsync())
            {
                await db.Authors.CreateAsync(new Author { Name = "Kept" });
                await transaction.CommitAsync();
            }
        }

        using var other = _server.Db();
        Assert.Equal(["Kept"], (await other.Value.Authors.ToListAsync()).Select(static a => a.Name));
    }

    [Fact]
    public async Task Constraints_are_enforced()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var author = await db.Authors.CreateAsync(new Author { Name = "A", Email = "same@example.org" });
        var dialect = db.Provider.Dialect;

        var taken = await Assert.ThrowsAnyAsync<DbException>(() => db.Authors.CreateAsync(new Author { Name = "B", Email = "same@example.org" }));
        Assert.Equal(["Email"], dialect.UniqueViolation(taken));
        Assert.False(dialect.IsForeignKeyViolation(taken));

        await db.Posts.CreateAsync(new Post { Title = "One", Slug = "one", AuthorId = author.Id });
        var pair = await Assert.ThrowsAnyAsync<DbException>(() => db.Posts.CreateAsync(new Post { Title = "Two", Slug = "one", AuthorId = author.Id }));
        Assert.Equal(["AuthorId", "Slug"], dialect.UniqueViolation(pair));

        var key = await Assert.ThrowsAnyAsync<DbException>(() => db.Authors.CreateAsync(new Author { Id = author.Id, Name = "Same key" }));
        Assert.Equal(["Id"], dialect.UniqueViolation(key));

        var orphan = await Assert.ThrowsAnyAsync<DbException>(() => db.Posts.CreateAsync(new Post { Title = "Orphan", Slug = "orphan", AuthorId = 12345 }));
        Assert.True(dialect.IsForeignKeyViolation(orphan));
        Assert.Null(dialect.UniqueViolation(orphan));
    }

    [Fact]
    public async Task Rows_written_by_micro_and_by_ef_core_read_back_on_both_sides()
    {
        using var scope = _server.App.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var author = new Author { Name = "EF" };
        context.Authors.Add(author);
        await context.SaveChangesAsync();
        context.Posts.Add(new Post { Title = "From EF", Slug = "ef", Year = 2023, AuthorId = author.Id, Rating = 2.25m, PublishedAt = new DateTime(2023, 1, 2, 3, 4, 5, DateTimeKind.Utc) });
        await context.SaveChangesAsync();

        var fromEf = await db.Posts.GetAsync(p => p.Slug.Exact("ef"));
        Assert.Equal((2.25m, new DateTime(2023, 1, 2, 3, 4, 5)), (fromEf.Rating!.Value, fromEf.PublishedAt!.Value));

        await db.Posts.CreateAsync(new Post { Title = "From Micro", Slug = "micro", Year = 2023, AuthorId = author.Id, Rating = 7.5m, PublishedAt = new DateTime(2024, 6, 7, 8, 9, 10) });
        var fromMicro = await context.Posts.AsNoTracking().SingleAsync(p => p.Slug == "micro" && p.PublishedAt > new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(7.5m, fromMicro.Rating);
    }

    [Fact]
    public async Task Routes_create_and_list_rows_as_json_and_answer_404_for_a_missing_row()
    {
        var client = _server.Client;
        var created = await client.PostAsJsonAsync("/authors/", new { name = "Ada", email = "ada@example.org" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var author = (await created.Content.ReadFromJsonAsync<AuthorJson>())!;

        var post = await client.PostAsJsonAsync("/posts/", new { title = "Hello", slug = "hello", year = 2024, authorId = author.Id });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var postJson = (await post.Content.ReadFromJsonAsync<PostJson>())!;
        Assert.Equal($"/posts/{postJson.Id}/", post.Headers.Location!.OriginalString);

        var list = (await client.GetFromJsonAsync<PostJson[]>("/posts/?year=2024"))!;
        Assert.Equal("Ada", Assert.Single(list).Author!.Name);
        Assert.Equal("Hello", (await client.GetFromJsonAsync<PostJson>($"/posts/{postJson.Id}/"))!.Title);
        var detail = (await client.GetFromJsonAsync<AuthorJson>($"/authors/{author.Id}/"))!;
        Assert.Equal("hello", Assert.Single(detail.Posts).Slug);

        var missing = await client.GetAsync("/posts/999/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var json = new HttpRequestMessage(HttpMethod.Get, "/authors/999/");
        json.Headers.Accept.ParseAdd("application/json");
        var problem = await client.SendAsync(json);
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Routes_answer_a_taken_unique_value_with_409_and_a_reference_to_no_row_with_400()
    {
        var client = _server.Client;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/authors/", new { name = "Ada", email = "ada@example.org" })).StatusCode);

        var taken = await client.PostAsJsonAsync("/authors/", new { name = "Other", email = "ada@example.org" });
        var orphan = await client.PostAsJsonAsync("/posts/", new { title = "Orphan", slug = "orphan", year = 2024, authorId = 999 });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("A row with the same Email already exists.", await taken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.Contains("A value refers to a row that doesn&#39;t exist.", await orphan.Content.ReadAsStringAsync());
    }

    private sealed record AuthorJson(int Id, string Name, string? Email, List<PostJson> Posts);

    private sealed record PostJson(int Id, string Title, string Slug, int Year, int AuthorId, AuthorJson? Author);

    [Fact]
    public async Task A_value_longer_than_its_MaxLength_is_refused_on_create_and_save()
    {
        using var scope = _server.Db();
        var db = scope.Value;

        var create = await Assert.ThrowsAsync<ValueTooLongException>(() => db.Authors.CreateAsync(new Author { Name = new string('n', 101) }));
        var author = await db.Authors.CreateAsync(new Author { Name = new string('n', 100) });
        author.Name += "!";
        var save = await Assert.ThrowsAsync<ValueTooLongException>(() => db.Authors.SaveAsync(author));

        // SQLite would have stored both: Micro checks [MaxLength] itself.
        Assert.Equal("Author.Name holds at most 100 characters; the value has 101.", create.Message);
        Assert.Equal("Author.Name holds at most 100 characters; the value has 101.", save.Message);
        Assert.Equal(new string('n', 100), (await db.Authors.GetAsync(author.Id)).Name);
    }
}
