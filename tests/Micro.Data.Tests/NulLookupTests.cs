using BlogApp;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// Text lookups compare every character of the value and of the column, NUL included: SQLite's LIKE stops at the first
/// NUL of either, so a LIKE-based IExact("alice\0x") matched "alice" (and IExact("alice") a stored "alice\0x").
/// </summary>
public sealed class NulLookupTests : IAsyncLifetime
{
    private readonly BlogServer _server = new();

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        using var scope = _server.Db();
        await scope.Value.Authors.BulkCreateAsync(
        [
            new Author { Name = "alice" },
            new Author { Name = "Alice\0Admin" },
            new Author { Name = "bob\0" },
        ]);
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    private async Task<string[]> Names(Func<Db, QuerySet<Author>> query)
    {
        using var scope = _server.Db();
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
    }

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
