using System.Net;
using System.Net.Http.Json;
using BlogApp;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// Text lookups with a NUL character. SQLite stores one, and its LIKE stops at the first NUL of either side, so every lookup
/// compares every character instead. PostgreSQL can't store one: a lookup with a NUL matches nothing, and a write fails with a
/// clear error (a 400 in a route), never a server error.
/// </summary>
public abstract class NulLookupTests(DatabaseKind kind) : IAsyncLifetime
{
    protected BlogServer Server { get; } = new(kind);

    /// <summary>The authors every test starts with.</summary>
    protected virtual string[] Seed => ["alice", "bob"];

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        using var scope = Server.Db();
        await scope.Value.Authors.BulkCreateAsync(Seed.Select(static name => new Author { Name = name }));
    }

    public Task DisposeAsync() => Server.DisposeAsync();

    protected async Task<string[]> Names(Func<Db, QuerySet<Author>> query)
    {
        using var scope = Server.Db();
        return (await query(scope.Value).OrderBy(a => a.Id).ToListAsync()).Select(static a => a.Name).ToArray();
    }

    [Fact]
    public async Task A_NUL_in_the_value_is_compared_not_the_end_of_it()
    {
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.IExact("alice\0x"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.IContains("alice\0x"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.IStartsWith("alice\0x"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.IEndsWith("x\0alice"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.Contains("alice\0x"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.StartsWith("alice\0x"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.EndsWith("x\0alice"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.Exact("alice\0x"))));
        Assert.Equal(["alice"], await Names(db => db.Authors.Filter(a => a.Name.In("alice\0x", "alice"))));
        Assert.Equal(Seed, await Names(db => db.Authors.Exclude(a => a.Name.IContains("alice\0x"))));
    }
}

public sealed class SqliteNulLookupTests() : NulLookupTests(DatabaseKind.Sqlite)
{
    protected override string[] Seed => ["alice", "Alice\0Admin", "bob\0"];

    [Fact]
    public async Task A_NUL_in_the_column_is_compared_not_the_end_of_it()
    {
        Assert.Equal(["alice"], await Names(db => db.Authors.Filter(a => a.Name.IExact("ALICE"))));
        Assert.Equal(["Alice\0Admin"], await Names(db => db.Authors.Filter(a => a.Name.IExact("alice\0admin"))));
        Assert.Equal(["bob\0"], await Names(db => db.Authors.Filter(a => a.Name.IExact("BOB\0"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.IExact("bob"))));
    }

    [Fact]
    public async Task Every_text_lookup_finds_a_value_with_a_NUL()
    {
        Assert.Equal(["Alice\0Admin"], await Names(db => db.Authors.Filter(a => a.Name.IContains("E\0A"))));
        Assert.Equal(["Alice\0Admin"], await Names(db => db.Authors.Filter(a => a.Name.IStartsWith("ALICE\0"))));
        Assert.Equal(["Alice\0Admin"], await Names(db => db.Authors.Filter(a => a.Name.IEndsWith("\0ADMIN"))));
        Assert.Equal(["Alice\0Admin"], await Names(db => db.Authors.Filter(a => a.Name.Contains("e\0A"))));
        Assert.Equal(["Alice\0Admin"], await Names(db => db.Authors.Filter(a => a.Name.StartsWith("Alice\0"))));
        Assert.Equal(["bob\0"], await Names(db => db.Authors.Filter(a => a.Name.EndsWith("b\0"))));
        Assert.Equal(["alice", "Alice\0Admin"], await Names(db => db.Authors.Filter(a => a.Name.IStartsWith("alice"))));
        Assert.Empty(await Names(db => db.Authors.Filter(a => a.Name.EndsWith("ALICE"))));
    }
}

public sealed class PostgreSqlNulLookupTests() : NulLookupTests(DatabaseKind.PostgreSql)
{
    [Fact]
    public async Task Ordering_comparisons_compare_the_text_before_the_NUL_as_the_whole_value_orders()
    {
        Assert.Equal(["bob"], await Names(db => db.Authors.Filter(a => a.Name.Gt("alice\0x"))));
        Assert.Equal(["bob"], await Names(db => db.Authors.Filter(a => a.Name.Gte("alice\0x"))));
        Assert.Equal(["alice"], await Names(db => db.Authors.Filter(a => a.Name.Lt("alice\0x"))));
        Assert.Equal(["alice", "bob"], await Names(db => db.Authors.Filter(a => a.Name.Lte("bob\0"))));
        Assert.Equal(["alice"], await Names(db => db.Authors.Filter(a => a.Name.Range("a\0", "alice\0"))));
    }

    [Fact]
    public async Task A_write_with_a_NUL_is_refused_naming_the_field_and_nothing_is_stored()
    {
        using var scope = Server.Db();
        var db = scope.Value;
        await using var transaction = await db.BeginTransactionAsync();

        var create = await Assert.ThrowsAsync<UnstorableValueException>(() => db.Authors.CreateAsync(new Author { Name = "eve\0" }));
        var alice = await db.Authors.GetAsync(a => a.Name.Exact("alice"));
        alice.Name = "alice\0admin";
        var save = await Assert.ThrowsAsync<UnstorableValueException>(() => db.Authors.SaveAsync(alice));
        var update = await Assert.ThrowsAsync<UnstorableValueException>(() => db.Authors.Filter(a => a.Name.Exact("bob")).UpdateAsync(a => a.Email.Set("b\0b@example.org")));

        Assert.Equal("Author.Name: PostgreSQL can't store text with a NUL character (\\0).", create.Message);
        Assert.Equal("Author.Name: PostgreSQL can't store text with a NUL character (\\0).", save.Message);
        Assert.Equal("Author.Email: PostgreSQL can't store text with a NUL character (\\0).", update.Message);

        // Refused before reaching the server: the transaction is still usable.
        await db.Authors.CreateAsync(new Author { Name = "eve" });
        await transaction.CommitAsync();
        Assert.Equal(["alice", "bob", "eve"], await Names(d => d.Authors));
    }

    [Fact]
    public async Task Routes_answer_a_NUL_with_400_or_no_match_never_500()
    {
        var created = await Server.Client.PostAsJsonAsync("/authors/", new { name = "mallory\0", email = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);

        var search = await Server.Client.GetAsync("/posts/?q=a%00b");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal("[]", await search.Content.ReadAsStringAsync());
        Assert.Equal(["alice", "bob"], await Names(d => d.Authors));
    }
}
