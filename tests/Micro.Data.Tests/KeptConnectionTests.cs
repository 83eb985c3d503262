using System.Data.Common;
using BlogApp;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// SQLite connections kept open between queries with their statements prepared: a query run again gets its new values, sees
/// another connection's schema changes, and nothing stays open once the app stops. A fresh database per test.
/// </summary>
public sealed class KeptConnectionTests : IAsyncLifetime
{
    private readonly BlogServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_query_run_again_binds_its_new_values()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        var authors = Enumerable.Range(1, 5).Select(static i => new Author { Name = $"Author {i}", Email = $"a{i}@example.org" }).ToList();
        await db.Authors.BulkCreateAsync(authors);

        // The same text each time, with another key and another string.
        foreach (var author in authors)
        {
            Assert.Equal(author.Name, (await db.Authors.GetAsync(author.Id)).Name);
            Assert.Equal(author.Id, (await db.Authors.GetAsync(a => a.Email.Exact(author.Email!))).Id);
        }

        Assert.Null(await db.Authors.FindAsync(999));
    }

    [Fact]
    public async Task More_texts_than_a_connection_keeps_still_run()
    {
        // A connection keeps its last 64 texts; 100 texts of 1 to 100 keys, then the first ones again.
        using var scope = _server.Db();
        var db = scope.Value;
        var authors = Enumerable.Range(1, 100).Select(static i => new Author { Name = $"Author {i}" }).ToList();
        await db.Authors.BulkCreateAsync(authors);
        for (var round = 0; round < 2; round++)
        {
            for (var count = 1; count <= 100; count++)
            {
                var keys = authors.Take(count).Select(static a => a.Id).ToArray();
                Assert.Equal(count, await db.Authors.Filter(a => a.Id.In(keys)).CountAsync());
            }
        }
    }

    [Fact]
    public async Task A_query_run_again_sees_another_connections_schema_change()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        await db.Authors.CreateAsync(new Author { Name = "Before" });
        Assert.Equal(["Before"], (await db.Authors.ToListAsync()).Select(static a => a.Name));

        // Another process (a migration, the shell) changes the table under the prepared statement.
        using (var other = new SqliteConnection($"Data Source={_server.DatabasePath};Pooling=False"))
        {
            other.Open();
            Execute(other, """ALTER TABLE "Authors" ADD COLUMN "Extra" TEXT; CREATE INDEX "authors_extra" ON "Authors" ("Extra"); UPDATE "Authors" SET "Name" = 'After';""");
        }

        Assert.Equal(["After"], (await db.Authors.ToListAsync()).Select(static a => a.Name));
    }

    [Fact]
    public async Task A_failed_bulk_create_leaves_no_transaction_open()
    {
        using (var scope = _server.Db())
        {
            var db = scope.Value;
            await Assert.ThrowsAnyAsync<DbException>(() => db.Authors.BulkCreateAsync(
                [new Author { Name = "A", Email = "same@example.org" }, new Author { Name = "B", Email = "same@example.org" }]));
            Assert.Equal(0, await db.Authors.CountAsync());
        }

        // A connection kept in a transaction would hold the write lock: another writer that doesn't wait would fail.
        using var other = new SqliteConnection($"Data Source={_server.DatabasePath};Pooling=False");
        other.Open();
        Execute(other, """PRAGMA busy_timeout = 0; INSERT INTO "Authors" ("Name") VALUES ('Elsewhere');""");
        using var again = _server.Db();
        Assert.Equal(["Elsewhere"], (await again.Value.Authors.ToListAsync()).Select(static a => a.Name));
    }

    [Fact]
    public async Task Stopping_the_app_closes_the_connections_it_kept()
    {
        // Queries at once, so that several connections are kept.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var scope = _server.Db();
            await scope.Value.Posts.Include(p => p.Author).ToListAsync();
        })));
        Assert.NotEmpty(OpenDescriptors(_server.DatabasePath));

        await _server.StopAppAsync();
        using (var connection = new SqliteConnection($"Data Source={_server.DatabasePath}"))
        {
            // Microsoft.Data.Sqlite's own pool of this file; others may be in use by tests running beside this one.
            SqliteConnection.ClearPool(connection);
        }

        Assert.Empty(OpenDescriptors(_server.DatabasePath));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>This process's open files that are the database or its WAL files.</summary>
    private static List<string> OpenDescriptors(string databasePath) =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(static fd => fd.LinkTarget)
            .OfType<string>()
            .Where(target => target.StartsWith(databasePath, StringComparison.Ordinal))];
}
