using Micro.Data;
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
            Assert.Equal("1", Pragma(connection, "synchronous")); // NORMAL
            Assert.Equal("7000", Pragma(connection, "busy_timeout"));
            Assert.Equal("1", Pragma(connection, "foreign_keys"));
        }
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
