using System.Net;
using System.Text.Json;
using BlogApp;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// PostgreSQL statements kept prepared on each pooled connection, and what happens when a migration changes a prepared query's
/// columns while the app runs. One pooled connection, so every request runs on the connection the test inspects.
/// </summary>
public sealed class PreparedStatementTests : IAsyncLifetime
{
    private readonly BlogServer _server = new(DatabaseKind.PostgreSql, ";Maximum Pool Size=1");

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        var seeded = await _server.Client.PostAsync("seed/?authors=2&posts=3", null);
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_query_run_again_is_prepared_on_the_server()
    {
        var pages = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            pages.Add(await _server.Client.GetStringAsync("posts/"));
        }

        Assert.Single(pages.Distinct());
        Assert.Equal(6, JsonDocument.Parse(pages[0]).RootElement.GetArrayLength());
        Assert.Contains(await PreparedAsync(), statement => statement.Contains("FROM \"Posts\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_whose_query_a_migration_changed_since_it_was_prepared_still_serves()
    {
        string before = "";
        for (var i = 0; i < 6; i++)
        {
            before = await _server.Client.GetStringAsync("posts/");
        }

        Assert.Contains(await PreparedAsync(), statement => statement.Contains("FROM \"Posts\"", StringComparison.Ordinal));
        // As `migrate` in another process would: the prepared statement's result now has a column of another type.
        await AlterTitleAsync();

        var after = await _server.Client.GetAsync("posts/");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(before, await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task In_a_transaction_the_stale_statement_is_the_callers_error_and_the_next_query_runs()
    {
        using var scope = _server.Db();
        var db = scope.Value;
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(6, (await Titles(db)).Count);
        }

        await AlterTitleAsync();
        await using (var transaction = await db.BeginTransactionAsync())
        {
            // The error aborted the transaction, so running the query again inside it could only fail differently.
            var exception = await Assert.ThrowsAsync<PostgresException>(() => Titles(db));
            Assert.Equal(PostgresErrorCodes.FeatureNotSupported, exception.SqlState);
        }

        Assert.Equal(6, (await Titles(db)).Count);
    }

    private static Task<List<Post>> Titles(Db db) => db.Posts.OrderBy(p => p.Id).ToListAsync();

    private async Task<List<string>> PreparedAsync()
    {
        var provider = _server.App.Services.GetRequiredService<IDatabaseProvider>();
        await using var connection = await provider.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT statement FROM pg_prepared_statements";
        var statements = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    private async Task AlterTitleAsync()
    {
        var provider = (PostgreSqlProvider)_server.App.Services.GetRequiredService<IDatabaseProvider>();
        var connectionString = new NpgsqlConnectionStringBuilder(provider.ConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "ALTER TABLE \"Posts\" ALTER COLUMN \"Title\" TYPE text";
        await command.ExecuteNonQueryAsync();
    }
}
