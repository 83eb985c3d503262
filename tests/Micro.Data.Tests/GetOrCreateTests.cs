using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using BlogApp;
using Xunit;

namespace Micro.Data.Tests;

public sealed class SqliteGetOrCreateTests() : GetOrCreateTests(DatabaseKind.Sqlite);

public sealed class PostgreSqlGetOrCreateTests() : GetOrCreateTests(DatabaseKind.PostgreSql)
{
    [Fact]
    public async Task In_a_transaction_the_row_another_request_inserted_first_is_the_row_and_the_transaction_goes_on()
    {
        // PostgreSQL only: on SQLite a transaction holds the write lock, so no other request can insert while it is open.
        using var scope = Server.Db();
        var db = scope.Value;
        await using (var transaction = await db.BeginTransactionAsync())
        {
            var (row, created) = await db.Authors.GetOrCreateAsync(a => a.Email.Exact("ada@example.com"), () =>
            {
                InsertElsewhere(new Author { Name = "First", Email = "ada@example.com" });
                return new Author { Name = "Ada", Email = "ada@example.com" };
            });

            Assert.False(created);
            Assert.Equal("First", row.Name);
            // The failed insert was undone alone: the transaction still takes statements, and commits them.
            await db.Authors.CreateAsync(new Author { Name = "Bo" });
            await transaction.CommitAsync();
        }

        Assert.Equal(["Bo", "First"], await NamesAsync());
    }
}

/// <summary>Django's get_or_create and update_or_create on SQLite and PostgreSQL: a fresh database per test.</summary>
public abstract class GetOrCreateTests(DatabaseKind kind) : IAsyncLifetime
{
    protected BlogServer Server { get; } = new(kind);

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();

    [Fact]
    public async Task Gets_the_row_or_creates_it_once()
    {
        using var scope = Server.Db();
        var db = scope.Value;
        var made = 0;
        Author Make()
        {
            made++;
            return new Author { Name = "Ada", Email = "ada@example.com" };
        }

        var (first, created) = await db.Authors.GetOrCreateAsync(a => a.Email.Exact("ada@example.com"), Make);
        Assert.True(created);
        Assert.True(first.Id > 0);

        var (again, createdAgain) = await db.Authors.GetOrCreateAsync(a => a.Email.Exact("ada@example.com"), Make);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);

        var (synchronous, createdSynchronously) = db.Authors.GetOrCreate(a => a.Email.Exact("ada@example.com"), Make);
        Assert.False(createdSynchronously);
        Assert.Equal(first.Id, synchronous.Id);
        Assert.Equal(1, made);
        Assert.Equal(1, await db.Authors.CountAsync());
    }

    [Fact]
    public async Task The_row_another_request_inserted_since_the_lookup_is_the_row()
    {
        using var scope = Server.Db();
        var (row, created) = await scope.Value.Authors.GetOrCreateAsync(a => a.Email.Exact("ada@example.com"), () =>
        {
            // Another request wins the race: its row is in the table by the time this one inserts.
            InsertElsewhere(new Author { Name = "First", Email = "ada@example.com" });
            return new Author { Name = "Ada", Email = "ada@example.com" };
        });

        Assert.False(created);
        Assert.Equal("First", row.Name);
        Assert.Equal(["First"], await NamesAsync());
    }

    [Fact]
    public async Task A_unique_value_of_a_row_the_lookup_misses_is_the_error_and_the_transaction_goes_on()
    {
        using var scope = Server.Db();
        var db = scope.Value;
        await db.Authors.CreateAsync(new Author { Name = "Ada", Email = "ada@example.com" });
        await using (var transaction = await db.BeginTransactionAsync())
        {
            await Assert.ThrowsAnyAsync<DbException>(() =>
                db.Authors.GetOrCreateAsync(a => a.Name.Exact("Bo"), () => new Author { Name = "Bo", Email = "ada@example.com" }));

            // Only the insert was undone: on PostgreSQL a failed statement would otherwise refuse every later one.
            await db.Authors.CreateAsync(new Author { Name = "Cy" });
            await transaction.CommitAsync();
        }

        Assert.Equal(["Ada", "Cy"], await NamesAsync());
    }

    [Fact]
    public async Task More_than_one_match_is_an_error_and_creates_nothing()
    {
        using var scope = Server.Db();
        var db = scope.Value;
        await db.Authors.BulkCreateAsync([new Author { Name = "Bo" }, new Author { Name = "Bo" }]);

        var error = await Assert.ThrowsAsync<MultipleObjectsReturnedException>(() =>
            db.Authors.GetOrCreateAsync(a => a.Name.Exact("Bo"), () => throw new InvalidOperationException("Nothing should be made.")));
        Assert.Equal("More than one Author matches the lookup, so there is no one row to get or update: look up by unique columns.", error.Message);
        Assert.Throws<MultipleObjectsReturnedException>(() =>
            db.Authors.UpdateOrCreate(a => a.Name.Exact("Bo"), a => a.Name = "Changed", () => new Author { Name = "Bo" }));

        Assert.Equal(["Bo", "Bo"], await NamesAsync());
    }

    [Fact]
    public async Task Updates_the_row_or_creates_it()
    {
        using (var scope = Server.Db())
        {
            var db = scope.Value;
            var updates = 0;
            var (row, created) = await db.Authors.UpdateOrCreateAsync(
                a => a.Email.Exact("ada@example.com"), a => { updates++; a.Name = "Ada L."; }, () => new Author { Name = "Ada", Email = "ada@example.com" });
            Assert.True(created);
            Assert.Equal("Ada", row.Name);
            Assert.Equal(0, updates);

            var (updated, createdAgain) = await db.Authors.UpdateOrCreateAsync(
                a => a.Email.Exact("ada@example.com"), a => { updates++; a.Name = "Ada L."; }, () => throw new InvalidOperationException("Nothing should be made."));
            Assert.False(createdAgain);
            Assert.Equal(row.Id, updated.Id);
            Assert.Equal(1, updates);

            var (_, createdSynchronously) = db.Authors.UpdateOrCreate(a => a.Email.Exact("ada@example.com"), a => a.Name += " (1815)", () => new Author());
            Assert.False(createdSynchronously);
        }

        Assert.Equal(["Ada L. (1815)"], await NamesAsync());
    }

    [Fact]
    public async Task Update_or_create_joins_the_open_transaction()
    {
        using var scope = Server.Db();
        var db = scope.Value;
        await db.Authors.CreateAsync(new Author { Name = "Ada", Email = "ada@example.com" });
        await using (var transaction = await db.BeginTransactionAsync())
        {
            await db.Authors.UpdateOrCreateAsync(a => a.Email.Exact("ada@example.com"), a => a.Name = "Changed", () => new Author());
            await db.Authors.UpdateOrCreateAsync(a => a.Email.Exact("bo@example.com"), a => a.Name = "Changed", () => new Author { Name = "Bo", Email = "bo@example.com" });
            await transaction.RollbackAsync();
        }

        Assert.Equal(["Ada"], await NamesAsync());
    }

    [Fact]
    public async Task Updates_of_one_row_at_once_all_count()
    {
        // Each request reads the row, adds one and saves it: without the row locked from the lookup to the save, some would be lost.
        const int Workers = 8;
        const int Each = 5;
        using (var scope = Server.Db())
        {
            await scope.Value.Authors.CreateAsync(new Author { Name = "Ada" });
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Each; i++)
            {
                using var scope = Server.Db();
                await scope.Value.Posts.UpdateOrCreateAsync(
                    p => p.AuthorId.Exact(1) & p.Slug.Exact("hits"),
                    p => p.Views++,
                    () => new Post { Title = "Hits", Slug = "hits", Year = 2026, AuthorId = 1, Views = 1 });
            }
        })));

        using var check = Server.Db();
        var post = await check.Value.Posts.GetAsync(p => p.Slug.Exact("hits"));
        Assert.Equal(Workers * Each, post.Views);
        Assert.Equal(1, await check.Value.Posts.CountAsync());
    }

    [Fact]
    public async Task A_route_puts_an_author_by_email()
    {
        var created = await Server.Client.PutAsJsonAsync("/authors/", new { name = "Ada", email = "ada@example.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<Author>())!.Id;
        Assert.Equal($"/authors/{id}/", created.Headers.Location?.OriginalString);

        var renamed = await Server.Client.PutAsJsonAsync("/authors/", new { name = "Ada Lovelace", email = "ada@example.com" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(id, (await renamed.Content.ReadFromJsonAsync<Author>())!.Id);

        var noEmail = await Server.Client.PutAsJsonAsync("/authors/", new { name = "Bo" });
        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        Assert.Contains("An author is put by email: send one.", await noEmail.Content.ReadAsStringAsync());
        Assert.Equal(["Ada Lovelace"], await NamesAsync());
    }

    /// <summary>Inserts <paramref name="author"/> through another <c>Db</c>, as another request would.</summary>
    protected void InsertElsewhere(Author author)
    {
        using var other = Server.Db();
        other.Value.Authors.Create(author);
    }

    protected async Task<List<string>> NamesAsync()
    {
        using var scope = Server.Db();
        return [.. (await scope.Value.Authors.OrderBy(a => a.Name).ToListAsync()).Select(static a => a.Name)];
    }
}
