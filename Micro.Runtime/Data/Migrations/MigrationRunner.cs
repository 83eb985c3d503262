using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Micro.Data.Migrations;

/// <summary>
/// Applies SQL migrations with plain ADO.NET, so that it works in a native binary: each migration in a
/// transaction (the statements marked outside-transaction run between), recorded in a history table.
/// </summary>
public sealed class MigrationRunner(IDatabaseProvider provider)
{
    /// <summary>The table that records applied migrations, as Django's <c>django_migrations</c>.</summary>
    public const string HistoryTable = "__micro_migrations";

    /// <summary>The logical-name prefix of migrations embedded by Micro.App.targets.</summary>
    public const string ResourcePrefix = "Micro.Migrations/";

    /// <summary>The migrations built into <paramref name="assembly"/>, in order.</summary>
    public static IReadOnlyList<Migration> Embedded(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(Migration.Extension, StringComparison.OrdinalIgnoreCase)
                || name.IndexOf('/', ResourcePrefix.Length) >= 0)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(Migration.Parse(Path.GetFileNameWithoutExtension(name), reader.ReadToEnd()));
        }

        return Sorted(migrations);
    }

    /// <summary>The migrations in a <c>migrations/</c> folder, in order.</summary>
    public static IReadOnlyList<Migration> FromDirectory(string directory) =>
        Directory.Exists(directory)
            ? Sorted(Directory.EnumerateFiles(directory, "*" + Migration.Extension)
                .Select(static path => Migration.Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path))))
            : [];

    private static List<Migration> Sorted(IEnumerable<Migration> migrations) =>
        migrations.OrderBy(static m => m.Number).ThenBy(static m => m.Name, StringComparer.Ordinal).ToList();

    /// <summary>The names of the applied migrations (none when the history table doesn't exist yet).</summary>
    public HashSet<string> Applied()
    {
        using var connection = provider.Open();
        EnsureHistory(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Quote("name")} FROM {Quote(HistoryTable)}";
        using var reader = command.ExecuteReader();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    /// <summary>Applies <paramref name="migration"/> and records it; on failure rolls back what is in the open transaction and throws.</summary>
    public void Apply(Migration migration) => Apply(migration, migration.Name);

    /// <summary>As <see cref="Apply(Migration)"/>, recorded in the history table as <paramref name="recordedName"/> (<c>auth.0001_initial</c>).</summary>
    public void Apply(Migration migration, string recordedName)
    {
        using var connection = provider.Open();
        EnsureHistory(connection);
        DbTransaction? transaction = null;
        try
        {
            foreach (var statement in migration.StatementsFor(provider.Dialect.Name))
            {
                if (statement.OutsideTransaction)
                {
                    transaction?.Commit();
                    transaction?.Dispose();
                    transaction = null;
                    Execute(connection, null, statement.Sql);
                }
                else
                {
                    transaction ??= connection.BeginTransaction();
                    Execute(connection, transaction, statement.Sql);
                }
            }

            transaction ??= connection.BeginTransaction();
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = $"INSERT INTO {Quote(HistoryTable)} ({Quote("name")}, {Quote("applied")}) VALUES (@name, @applied)";
                AddParameter(record, "@name", recordedName);
                AddParameter(record, "@applied", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch when (connection is SqliteConnection sqlite)
        {
            // A failure between a rebuild's `PRAGMA foreign_keys = 0` and `= 1` would leave the pooled connection
            // without foreign keys, and the provider sets them once per connection: retire it instead.
            SqliteConnection.ClearPool(sqlite);
            throw;
        }
        finally
        {
            transaction?.Dispose();
        }
    }

    /// <summary>
    /// Takes the migration lock, waiting while another process holds it, so that <c>migrate</c> started by several processes at
    /// once applies each migration once: PostgreSQL's advisory lock on a connection held until disposed; for a SQLite file, an
    /// exclusive lock on <c>{file}-migrate.lock</c> beside it. In-memory and other databases need none.
    /// </summary>
    public IDisposable Lock() => provider switch
    {
        PostgreSqlProvider postgres => PostgreSqlMigrationLock.Take(postgres),
        SqliteProvider { IsFile: true } sqlite => FileMigrationLock.Take(sqlite.DataSource + "-migrate.lock"),
        _ => FileMigrationLock.None,
    };

    private void EnsureHistory(DbConnection connection) =>
        Execute(connection, null,
            $"CREATE TABLE IF NOT EXISTS {Quote(HistoryTable)} ({Quote("name")} TEXT NOT NULL PRIMARY KEY, {Quote("applied")} TEXT NOT NULL)");

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private string Quote(string name) => provider.Dialect.Quote(name);
}

/// <summary>
/// PostgreSQL's session-level advisory lock, held by a connection of its own outside the pool (so that a pool of one connection
/// still has it for the migrations) and released when it is disposed.
/// </summary>
internal sealed class PostgreSqlMigrationLock : IDisposable
{
    // Any constant both sides agree on: "MicroMig" in ASCII. Advisory locks are per database.
    private const long Key = 0x4D6963726F4D6967;

    private readonly DbConnection _connection;

    private PostgreSqlMigrationLock(DbConnection connection) => _connection = connection;

    public static PostgreSqlMigrationLock Take(PostgreSqlProvider provider)
    {
        var connection = provider.OpenUnpooled();
        try
        {
            Execute(connection, "SELECT pg_advisory_lock(@key)");
            return new PostgreSqlMigrationLock(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Execute(_connection, "SELECT pg_advisory_unlock(@key)");
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and with it the lock.
        }
        finally
        {
            _connection.Dispose();
        }
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var key = command.CreateParameter();
        key.ParameterName = "@key";
        key.Value = Key;
        command.Parameters.Add(key);
        command.ExecuteNonQuery();
    }
}

/// <summary>An exclusive lock on a file (an OS lock that ends with the process, so a killed <c>migrate</c> never leaves it held).</summary>
internal sealed class FileMigrationLock(FileStream? file) : IDisposable
{
    public static FileMigrationLock None { get; } = new(null);

    public static FileMigrationLock Take(string path)
    {
        while (true)
        {
            try
            {
                return new FileMigrationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another migrate holds it: wait for it to finish.
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose() => file?.Dispose();
}
