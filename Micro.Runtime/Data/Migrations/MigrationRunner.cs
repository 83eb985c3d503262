using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

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
            foreach (var statement in migration.Statements)
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
