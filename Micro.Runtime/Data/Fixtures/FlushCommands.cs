using System.Data.Common;
using Micro.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Data.Fixtures;

/// <summary>Delete every row of the app's tables and of Micro's own, keeping the tables and the record of applied migrations (Django's flush).</summary>
[Command("flush")]
internal static class FlushCommand
{
    /// <summary>
    /// Empties the tables of the app's models, users, groups, permissions, sessions and the admin's history in one transaction, starts
    /// their keys again from 1, then makes the default permissions again as migrate does. Asks first unless --noinput.
    /// </summary>
    /// <param name="context">The running command.</param>
    /// <param name="noinput">Ask nothing: flush at once.</param>
    public static async Task<int> RunAsync(CommandContext context, bool noinput = false)
    {
        var provider = context.Services.GetRequiredService<IDatabaseProvider>();
        var flush = await DatabaseFlush.PlanAsync(context.Services, provider, context.CancellationToken);
        if (flush.Tables.Count == 0)
        {
            context.Out.WriteLine(flush.NothingToFlush);
            return 0;
        }

        if (!noinput)
        {
            context.Out.WriteLine($"This deletes every row of {provider.DisplayName}: the app's models, its users, groups, permissions and sessions, and");
            context.Out.WriteLine("the admin's history. The tables stay, and so does the record of applied migrations. It can't be undone.");
            context.Out.Write("Type 'yes' to flush the database, anything else to cancel: ");
            var answer = context.In.ReadLine()
                ?? throw new CommandException("Standard input ended before an answer, so nothing was deleted; use --noinput to flush without asking.");
            if (answer.Trim() != "yes")
            {
                context.Out.WriteLine("Flush cancelled.");
                return 0;
            }
        }

        await flush.RunAsync(context.CancellationToken);
        // As after migrate (Django's post_migrate): the default permissions of every model exist again.
        PermissionSync.EnsureDefaultPermissions(context.Services, provider);
        context.Out.WriteLine($"Flushed {flush.Tables.Count} table(s) of {provider.DisplayName}.");
        return 0;
    }
}

/// <summary>Print the SQL the flush command runs (Django's sqlflush).</summary>
[Command("sqlflush")]
internal static class SqlFlushCommand
{
    /// <summary>Prints the statements that empty the tables of the app and of Micro, for the configured database.</summary>
    /// <param name="context">The running command.</param>
    public static async Task<int> RunAsync(CommandContext context)
    {
        var provider = context.Services.GetRequiredService<IDatabaseProvider>();
        var flush = await DatabaseFlush.PlanAsync(context.Services, provider, context.CancellationToken);
        if (flush.Tables.Count == 0)
        {
            context.Error.WriteLine(flush.NothingToFlush);
            return 0;
        }

        context.Out.WriteLine("BEGIN;");
        foreach (var statement in flush.Statements)
        {
            context.Out.WriteLine(statement + ";");
        }

        context.Out.WriteLine("COMMIT;");
        return 0;
    }
}

/// <summary>
/// What flushing a database deletes: the tables of the app's models and of Micro's (users, groups, permissions and their links,
/// sessions, the admin's history) that the database has, never the record of applied migrations; and the statements that do it.
/// </summary>
internal sealed class DatabaseFlush
{
    private readonly IDatabaseProvider _provider;

    private DatabaseFlush(IDatabaseProvider provider, IReadOnlyList<string> tables, IReadOnlyList<string> statements)
    {
        _provider = provider;
        Tables = tables;
        Statements = statements;
    }

    public IReadOnlyList<string> Tables { get; }

    public IReadOnlyList<string> Statements { get; }

    /// <summary>What the commands say when the database has none of the tables (<see cref="Tables"/> is empty).</summary>
    public string NothingToFlush => $"Nothing to flush: {_provider.DisplayName} has none of the app's tables yet (the migrate command makes them).";

    /// <summary>Finds which of the tables flush empties the database has (a table the migrations haven't made yet is left out).</summary>
    /// <exception cref="CommandException">The database can't be reached.</exception>
    public static async Task<DatabaseFlush> PlanAsync(IServiceProvider services, IDatabaseProvider provider, CancellationToken cancellationToken)
    {
        var known = FixtureModels.From(services).Tables;
        var sqlite = provider.Dialect.Name == "sqlite";
        HashSet<string> existing;
        try
        {
            await using var db = new FixtureDatabase(provider);
            existing = await db.TablesAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            throw new CommandException($"{provider.DisplayName} can't be read: {exception.Message}");
        }

        var tables = known.Where(existing.Contains).Order(StringComparer.Ordinal).ToList();
        var dialect = provider.Dialect;
        var statements = new List<string>();
        if (tables.Count > 0 && sqlite)
        {
            // References are checked when the transaction commits, so the order of the deletes doesn't matter.
            statements.Add("PRAGMA defer_foreign_keys = ON");
            statements.AddRange(tables.Select(t => $"DELETE FROM {dialect.Quote(t)}"));
            if (existing.Contains("sqlite_sequence"))
            {
                // Keys start again from 1, as on PostgreSQL.
                statements.Add($"DELETE FROM \"sqlite_sequence\" WHERE \"name\" IN ({string.Join(", ", tables.Select(Literal))})");
            }
        }
        else if (tables.Count > 0)
        {
            statements.Add($"TRUNCATE {string.Join(", ", tables.Select(dialect.Quote))} RESTART IDENTITY");
        }

        return new DatabaseFlush(provider, tables, statements);
    }

    /// <summary>Runs the statements in one transaction: a database that refuses any of them keeps every row.</summary>
    /// <exception cref="CommandException">The database refused a statement; nothing was deleted.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = new FixtureDatabase(_provider);
            await using var transaction = await db.BeginTransactionAsync(cancellationToken);
            foreach (var statement in Statements)
            {
                await FixtureDatabase.ExecuteAsync(transaction, statement, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            throw new CommandException($"{_provider.DisplayName} couldn't be flushed: {exception.Message} Nothing was deleted.");
        }
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
