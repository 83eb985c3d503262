using System.Text;

namespace Micro.Data.Migrations;

/// <summary>One SQL statement of a migration.</summary>
/// <param name="Sql">The statement text, as the migration file holds it.</param>
/// <param name="OutsideTransaction">Runs outside the migration's transaction (SQLite ignores <c>PRAGMA foreign_keys</c> inside one).</param>
public sealed record MigrationStatement(string Sql, bool OutsideTransaction);

/// <summary>
/// A numbered SQL migration (<c>migrations/0002_posts_views.sql</c>). The file is plain SQL: each statement follows
/// a <c>-- micro:statement</c> line, and <c>-- micro:statement outside-transaction</c> marks the few that must run
/// outside the migration's transaction. Anything before the first marker is a comment.
/// </summary>
public sealed record Migration(string Name, IReadOnlyList<MigrationStatement> Statements)
{
    public const string Extension = ".sql";
    private const string Marker = "-- micro:statement";
    private const string OutsideMarker = "outside-transaction";

    /// <summary>The number that orders migrations: 2 for <c>0002_posts_views</c>.</summary>
    public int Number => int.TryParse(Name.AsSpan(0, Math.Max(0, Name.IndexOf('_') < 0 ? Name.Length : Name.IndexOf('_'))), out var number) ? number : 0;

    public static Migration Parse(string name, string text)
    {
        var statements = new List<MigrationStatement>();
        StringBuilder? current = null;
        var outside = false;
        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                Flush();
                current = new StringBuilder();
                outside = line.AsSpan(Marker.Length).Trim().SequenceEqual(OutsideMarker);
                continue;
            }

            current?.Append(rawLine.TrimEnd('\r')).Append('\n');
        }

        Flush();
        return new Migration(name, statements);

        void Flush()
        {
            var sql = current?.ToString().Trim();
            if (!string.IsNullOrEmpty(sql))
            {
                statements.Add(new MigrationStatement(sql, outside));
            }
        }
    }

    /// <summary>The file text, with a header saying what made it and how it is applied.</summary>
    public string Format(IEnumerable<string> summary)
    {
        var text = new StringBuilder();
        text.Append("-- Migration ").Append(Name).Append(", written by makemigrations.\n");
        foreach (var line in summary)
        {
            text.Append("--   ").Append(line).Append('\n');
        }

        text.Append("-- `migrate` applies it in one transaction; statements marked outside-transaction run outside it.\n");
        foreach (var statement in Statements)
        {
            text.Append('\n').Append(Marker);
            if (statement.OutsideTransaction)
            {
                text.Append(' ').Append(OutsideMarker);
            }

            text.Append('\n').Append(statement.Sql.Trim()).Append('\n');
        }

        return text.ToString();
    }
}
