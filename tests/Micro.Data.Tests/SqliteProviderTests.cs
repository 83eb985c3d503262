using Micro.Data;
using Micro.Data.Migrations;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>The SQLite provider's connection settings, on a real file, across pooled reopens.</summary>
public sealed class SqliteProviderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-sqlite-provider-").FullName;

    [Fact]
    public void EveryConnectionHasWalAndTheTimeoutsIncludingPooledOnes()
    {
        var provider = new SqliteProvider("Data Source=settings.db", _directory, TimeSpan.FromSeconds(7));

        // The first open configures the handle; later opens reuse pooled handles that keep their settings.
        for (var open = 0; open < 3; open++)
        {
            using var connection = provider.Open();
            Assert.Equal("wal", Pragma(connection, "journal_mode"));
            Assert.Equal("2", Pragma(connection, "synchronous")); // FULL: a committed write survives a power cut
            Assert.Equal("7000", Pragma(connection, "busy_timeout"));
            Assert.Equal("1", Pragma(connection, "foreign_keys"));
        }
    }

    [Fact]
    public void ForeignKeysAreSetOncePerConnectionNotByTheConnectionString()
    {
        var provider = new SqliteProvider("Data Source=keys.db", _directory);

        // Microsoft.Data.Sqlite runs a PRAGMA on every open for this keyword; the provider sets it once per handle.
        Assert.DoesNotContain("Foreign Keys", provider.ConnectionString, StringComparison.OrdinalIgnoreCase);
        using var connection = provider.Open();
        Assert.Equal("1", Pragma(connection, "foreign_keys"));
    }

    [Fact]
    public void ForeignKeysTurnedOffInTheConnectionStringStayOff()
    {
        var provider = new SqliteProvider("Data Source=off.db;Foreign Keys=False", _directory);

        for (var open = 0; open < 2; open++)
        {
            using var connection = provider.Open();
            Assert.Equal("0", Pragma(connection, "foreign_keys"));
        }
    }

    [Fact]
    public void AMigrationThatFailsWithForeignKeysOffLeavesNoPooledConnectionWithoutThem()
    {
        var provider = new SqliteProvider("Data Source=failed.db", _directory);
        var broken = new Migration("0001_broken",
        [
            new MigrationStatement("PRAGMA foreign_keys = 0;", OutsideTransaction: true),
            new MigrationStatement("CREATE TABLE broken (", OutsideTransaction: false),
        ]);

        Assert.ThrowsAny<SqliteException>(() => new MigrationRunner(provider).Apply(broken));

        using var connection = provider.Open();
        Assert.Equal("1", Pragma(connection, "foreign_keys"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string? Pragma(System.Data.Common.DbConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
