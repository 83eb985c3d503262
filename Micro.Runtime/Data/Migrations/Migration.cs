using System.Text;

namespace Micro.Data.Migrations;

/// <summary>One SQL statement of a migration.</summary>
/// <param name="Sql">The statement text, as the migration file holds it.</param>
/// <param name="OutsideTransaction">Runs outside the migration's transaction (SQLite ignores <c>PRAGMA foreign_keys</c> inside one).</param>
public sealed record MigrationStatement(string Sql, bool OutsideTransaction);

/// <summary>
/// A numbered SQL migration (<c>migrations/0002_posts_views.sql</c>), with the SQL of each database Micro supports. The file is
/// plain SQL: a <c>-- micro:database postgresql</c> line starts the part of one database (named as <see cref="SqlDialect.Name"/>);
/// in it each statement follows a <c>-- micro:statement</c> line, and <c>-- micro:statement outside-transaction</c> marks the
/// few that must run outside the migration's transaction. A file without database lines, as makemigrations wrote them before
/// it wrote PostgreSQL's SQL too, is SQLite's alone. Anything before the first marker is a comment.
/// </summary>
public sealed record Migration
{
    public const string Extension = ".sql";

    /// <summary>The database a file without <c>-- micro:database</c> lines is written for.</summary>
    public const string DefaultDatabase = "sqlite";

    private const string StatementMarker = "-- micro:statement";
    private const string DatabaseMarker = "-- micro:database";
    private const string OutsideMarker = "outside-transaction";

    /// <param name="name">The file name without its extension: <c>0002_posts_views</c>.</param>
    /// <param name="databases">The statements of each database, by dialect name; an empty list means the migration changes nothing there.</param>
    public Migration(string name, IReadOnlyDictionary<string, IReadOnlyList<MigrationStatement>> databases)
    {
        Name = name;
        Databases = databases;
    }

    /// <summary>A migration for one database (SQLite unless named).</summary>
    public Migration(string name, IReadOnlyList<MigrationStatement> statements, string database = DefaultDatabase)
        : this(name, new Dictionary<string, IReadOnlyList<MigrationStatement>>(StringComparer.Ordinal) { [database] = statements })
    {
    }

    public string Name { get; }

    /// <summary>The statements of each database the file has SQL for, by dialect name (<c>sqlite</c>, <c>postgresql</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MigrationStatement>> Databases { get; }

    /// <summary>The number that orders migrations: 2 for <c>0002_posts_views</c>.</summary>
    public int Number => int.TryParse(Name.AsSpan(0, Math.Max(0, Name.IndexOf('_') < 0 ? Name.Length : Name.IndexOf('_'))), out var number) ? number : 0;

    /// <summary>Whether the file has SQL for <paramref name="database"/> (a dialect name).</summary>
    public bool Supports(string database) => Databases.ContainsKey(database);

    /// <summary>The statements for <paramref name="database"/> (a dialect name).</summary>
    /// <exception cref="MigrationException">The file has no SQL for that database.</exception>
    public IReadOnlyList<MigrationStatement> StatementsFor(string database) =>
        Databases.TryGetValue(database, out var statements)
            ? statements
            : throw new MigrationException(
                $"Migration {Name} has SQL for {string.Join(" and ", Databases.Keys)} only, not {database}. " +
                "Run `dotnet run -- makemigrations --fill-databases` to write the SQL other databases lack, then rebuild.");

    /// <summary>Reads a migration file; statements outside any <c>-- micro:database</c> part belong to <paramref name="defaultDatabase"/>.</summary>
    public static Migration Parse(string name, string text, string defaultDatabase = DefaultDatabase)
    {
        var databases = new Dictionary<string, List<MigrationStatement>>(StringComparer.Ordinal);
        string? database = null;
        StringBuilder? current = null;
        var outside = false;
        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.StartsWith(DatabaseMarker, StringComparison.Ordinal))
            {
                Flush();
                current = null;
                database = line[DatabaseMarker.Length..].Trim();
                if (database.Length == 0)
                {
                    throw new MigrationException($"Migration {name}: a '{DatabaseMarker}' line must name the database (sqlite, postgresql).");
                }

                if (databases.ContainsKey(database))
                {
                    throw new MigrationException($"Migration {name} has two parts for the database {database}.");
                }

                databases[database] = [];
                continue;
            }

            if (line.StartsWith(StatementMarker, StringComparison.Ordinal))
            {
                Flush();
                current = new StringBuilder();
                outside = line.AsSpan(StatementMarker.Length).Trim().SequenceEqual(OutsideMarker);
                continue;
            }

            current?.Append(rawLine.TrimEnd('\r')).Append('\n');
        }

        Flush();
        return new Migration(name, databases.ToDictionary(
            static pair => pair.Key, static pair => (IReadOnlyList<MigrationStatement>)pair.Value, StringComparer.Ordinal));

        void Flush()
        {
            var sql = current?.ToString().Trim();
            if (string.IsNullOrEmpty(sql))
            {
                return;
            }

            if (database is null)
            {
                database = defaultDatabase;
                databases[database] = [];
            }

            databases[database].Add(new MigrationStatement(sql, outside));
        }
    }

    /// <summary>The file text, with a header saying what made it and how it is applied.</summary>
    public string Format(IEnumerable<string> summary, string? note = null)
    {
        var text = new StringBuilder();
        text.Append("-- Migration ").Append(Name).Append(", written by makemigrations.\n");
        foreach (var line in summary)
        {
            text.Append("--   ").Append(line).Append('\n');
        }

        if (note is not null)
        {
            text.Append("-- ").Append(note).Append('\n');
        }

        text.Append("-- `migrate` applies the part of the configured database in one transaction; statements marked outside-transaction run outside it.\n");
        foreach (var (database, statements) in Databases.OrderBy(static pair => DatabaseOrder(pair.Key)).ThenBy(static pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(DatabaseMarker).Append(' ').Append(database).Append('\n');
            if (statements.Count == 0)
            {
                text.Append("-- (nothing to change)\n");
            }

            for (var i = 0; i < statements.Count; i++)
            {
                text.Append(i == 0 ? "" : "\n").Append(StatementMarker);
                if (statements[i].OutsideTransaction)
                {
                    text.Append(' ').Append(OutsideMarker);
                }

                text.Append('\n').Append(statements[i].Sql.Trim()).Append('\n');
            }
        }

        return text.ToString();
    }

    // SQLite first, as makemigrations writes it.
    private static int DatabaseOrder(string database) => database == DefaultDatabase ? 0 : 1;
}

/// <summary>A migration that can't be read or applied as it is; the message says which and what to do.</summary>
public sealed class MigrationException(string message) : InvalidOperationException(message);
