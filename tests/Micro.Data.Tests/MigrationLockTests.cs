using Micro.Data.Migrations;
using Micro.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// <c>migrate</c> started by several app instances at once (every process of a deploy) applies each migration once: the
/// others wait for the migration lock, then find nothing to do. Run on a SQLite file and on PostgreSQL.
/// </summary>
public sealed class MigrationLockTests
{
    [Fact]
    public Task Two_migrates_at_once_on_a_SQLite_file_apply_each_migration_once()
    {
        var directory = Path.Combine(Path.GetTempPath(), "micro-lock-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return RaceAsync("Data Source=" + Path.Combine(directory, "app.db"), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        });
    }

    [Fact]
    public Task Two_migrates_at_once_on_PostgreSQL_apply_each_migration_once()
    {
        var connectionString = PostgresServer.CreateDatabase("micro_lock");
        return RaceAsync(connectionString, () => PostgresServer.DropDatabase(connectionString));
    }

    [Fact]
    public Task A_pool_of_one_connection_still_migrates_on_PostgreSQL()
    {
        // The lock's connection is not the pool's, so the one pooled connection is there for the migrations.
        var connectionString = PostgresServer.CreateDatabase("micro_lock");
        return RaceAsync(connectionString + ";Maximum Pool Size=1", () => PostgresServer.DropDatabase(connectionString));
    }

    private static async Task RaceAsync(string connectionString, Action cleanUp)
    {
        var first = Build(connectionString);
        var second = Build(connectionString);
        try
        {
            // Both start while the lock is held, so that they contend for it when it is released.
            var held = new MigrationRunner(first.Services.GetRequiredService<IDatabaseProvider>()).Lock();
            var outputs = new[] { new StringWriter(), new StringWriter() };
            var runs = new[]
            {
                Task.Run(() => MigrationCommands.Migrate(first.Services, outputs[0])),
                Task.Run(() => MigrationCommands.Migrate(second.Services, outputs[1])),
            };
            Assert.False(runs.Any(static run => run.IsCompleted), "migrate ran while another held the lock");
            held.Dispose();
            var codes = await Task.WhenAll(runs);

            Assert.True(codes.All(static code => code == 0), string.Join("\n---\n", outputs.Select(static o => o.ToString())));
            var applied = outputs.Select(static o => o.ToString()).ToList();
            Assert.Single(applied, static text => text.Contains("Applying 0001_initial... OK", StringComparison.Ordinal));
            Assert.Single(applied, static text => text.Contains("No migrations to apply.", StringComparison.Ordinal));
            Assert.Contains("0001_initial", new MigrationRunner(first.Services.GetRequiredService<IDatabaseProvider>()).Applied());
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            cleanUp();
        }
    }

    private static MicroApplication Build(string connectionString)
    {
        var builder = MicroApp.CreateBuilder(
            ["--environment", "Production", "--ConnectionStrings:Default", connectionString],
            typeof(BlogApp.Post).Assembly);
        builder.Logging.ClearProviders();
        return builder.Build();
    }
}
