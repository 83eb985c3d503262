using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Data.Fixtures;

/// <summary>Write the rows of the app's models and of Micro's (users, groups, sessions) as a JSON fixture, to standard output or a file (Django's dumpdata).</summary>
[Command("dumpdata")]
internal static class DumpDataCommand
{
    /// <summary>Writes every row of the models named (all of them by default), each model after those it references.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="models">An app label (every model of it: the app's, or auth, sessions, admin) or app_label.Model, as many as wanted; all of them when none.</param>
    /// <param name="indent">Spaces to indent the JSON by; one line without it.</param>
    /// <param name="output">A file to write instead of standard output.</param>
    /// <param name="exclude">An app label or model (app_label.Model) to leave out; repeat it for several.</param>
    /// <param name="naturalForeign">Write the groups and permissions a user or group is linked to by their natural keys (a group's name; a permission's codename, app label and model) rather than their keys.</param>
    /// <param name="pks">Only the rows with these keys, comma-separated (1,2,3); with one model named.</param>
    public static async Task<int> RunAsync(CommandContext context, [Argument] string[]? models = null, int? indent = null, string? output = null, string[]? exclude = null, bool naturalForeign = false, string? pks = null)
    {
        var fixtures = FixtureModels.From(context.Services);
        if (indent is < 0 or > 16)
        {
            throw new CommandUsageException($"--indent must be from 0 to 16 spaces, not {indent}.");
        }

        await using var db = new FixtureDatabase(context.Services.GetRequiredService<IDatabaseProvider>());
        var tables = await db.TablesAsync(context.CancellationToken);
        var chosen = fixtures.Choose(models ?? [], exclude ?? [], tables, out var problem) ?? throw new CommandUsageException(problem);
        var keys = pks?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (keys is not null && (models is not [_] || chosen.Count != 1))
        {
            throw new CommandUsageException("--pks takes the keys of one model: name exactly one (dumpdata blog.Post --pks 1,2).");
        }

        // Text as it is (quotes, '&', '+', letters beyond ASCII), escaped only where JSON requires: a fixture is a file, not HTML.
        var options = new JsonWriterOptions { Indented = indent > 0, IndentSize = indent is > 0 ? indent.Value : 2, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        // A file is written beside the output and moved over it once whole: a dump that fails halfway leaves an older fixture as it was.
        var partial = output is null ? null : output + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
        var count = 0;
        try
        {
            await using (Stream stream = partial is null ? new MemoryStream() : File.Create(partial))
            {
                await using (var writer = new Utf8JsonWriter(stream, options))
                {
                    writer.WriteStartArray();
                    foreach (var model in chosen)
                    {
                        var links = new List<(string Field, ILookup<long, object> Keys)>();
                        foreach (var link in FixtureModels.Links(model))
                        {
                            links.Add((link.Field, await db.ReadLinksAsync(link, naturalForeign, context.CancellationToken)));
                        }

                        foreach (var values in await model.ReadAllValuesAsync(db, context.CancellationToken))
                        {
                            if (keys is not null && !keys.Contains(Convert.ToString(values[model.KeyIndex], CultureInfo.InvariantCulture)!))
                            {
                                continue;
                            }

                            // Only users and groups have links, and their keys are numbers (a session's is text).
                            var linked = links.Count == 0 ? [] : links.Select(l => (l.Field, l.Keys[Convert.ToInt64(values[model.KeyIndex], CultureInfo.InvariantCulture)]));
                            Fixture.WriteObject(writer, fixtures.Name(model), model, values, linked);
                            count++;
                        }
                    }

                    writer.WriteEndArray();
                }

                if (stream is MemoryStream memory)
                {
                    context.Out.WriteLine(Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
                    return 0;
                }
            }

            File.Move(partial!, output!, overwrite: true);
        }
        finally
        {
            if (partial is not null)
            {
                File.Delete(partial);
            }
        }

        context.Error.WriteLine($"Wrote {count} object(s) to {output}.");
        return 0;
    }
}

/// <summary>Load rows from JSON fixtures into the database, in one transaction (Django's loaddata).</summary>
[Command("loaddata")]
internal static class LoadDataCommand
{
    /// <summary>
    /// Saves every object of the fixtures: a row whose key exists is updated, another inserted. Nothing is saved when any object
    /// is wrong or a reference points to no row.
    /// </summary>
    /// <param name="context">The running command.</param>
    /// <param name="fixtures">A fixture file: a path, or a name in the project's fixtures/ folder (".json" may be left out); - reads standard input.</param>
    /// <param name="ignorenonexistent">Skip the objects of models and the fields the app no longer has, rather than refuse the fixture.</param>
    /// <param name="exclude">An app label or model (app_label.Model) whose objects to skip; repeat it for several.</param>
    public static async Task<int> RunAsync(CommandContext context, [Argument] string[] fixtures, [Option(Short = 'i')] bool ignorenonexistent = false, [Option(Short = 'e')] string[]? exclude = null)
    {
        var (installed, read) = await LoadAsync(context.Services, fixtures, context.CancellationToken, new FixtureLoadOptions(context.In, ignorenonexistent, exclude ?? []));
        // Django's words, with "(of N)" when some objects were skipped.
        context.Out.WriteLine($"Installed {installed} object(s){(installed == read ? "" : $" (of {read})")} from {fixtures.Length} fixture(s)");
        return 0;
    }

    /// <summary>
    /// Loads <paramref name="fixtures"/> into the app's database in one transaction and returns the number of objects saved and read (the
    /// <c>loaddata</c> command, and a test's <see cref="TestAttribute.Fixtures"/>).
    /// </summary>
    /// <exception cref="CommandException">A fixture isn't there or is wrong: the message says where; nothing was saved.</exception>
    public static async Task<(int Installed, int Read)> LoadAsync(IServiceProvider services, IReadOnlyList<string> fixtures, CancellationToken cancellationToken, FixtureLoadOptions? options = null)
    {
        options ??= new FixtureLoadOptions(null, IgnoreNonexistent: false, Exclude: []);
        var models = FixtureModels.From(services);
        var excluded = models.Excluded(options.Exclude, out var unknown) ?? throw new CommandUsageException(unknown);
        var rows = new List<(ModelInfo Model, FixtureRowReader Row)>();
        var documents = new List<JsonDocument>();
        var read = 0;
        try
        {
            foreach (var fixture in fixtures)
            {
                var fromInput = fixture == "-" && options.Input is not null;
                var file = fromInput ? "stdin" : models.Find(fixture, out var looked) ?? throw new CommandException($"No fixture named '{fixture}' (looked for {looked}).");
                JsonDocument document;
                try
                {
                    if (fromInput)
                    {
                        document = JsonDocument.Parse(await options.Input!.ReadToEndAsync(cancellationToken));
                    }
                    else
                    {
                        await using var stream = File.OpenRead(file);
                        document = await JsonDocument.ParseAsync(stream, default, cancellationToken);
                    }
                }
                catch (JsonException exception)
                {
                    var line = (exception.LineNumber ?? 0) + 1;
                    throw new CommandException($"{Path.GetFileName(file)}, line {line.ToString(CultureInfo.InvariantCulture)}: not valid JSON ({FirstSentence(exception.Message)}). Nothing was loaded.");
                }

                documents.Add(document);
                rows.AddRange(Fixture.Read(file, document, models, excluded, options.IgnoreNonexistent));
                read += document.RootElement.GetArrayLength();
            }

            await using var db = new FixtureDatabase(services.GetRequiredService<IDatabaseProvider>());
            await using var transaction = await db.BeginTransactionAsync(cancellationToken);
            var sqlite = db.Provider.Dialect.Name == "sqlite";
            if (sqlite)
            {
                // References are checked when the transaction commits, so a fixture's rows may come in any order (Django turns the
                // checks off while it loads, then checks every row).
                await FixtureDatabase.ExecuteAsync(transaction, "PRAGMA defer_foreign_keys = ON", cancellationToken);
            }

            var linked = new List<(FixtureRowReader Row, long Key)>();
            foreach (var (model, row) in rows)
            {
                try
                {
                    var key = await model.SaveAsync(db, row, cancellationToken);
                    if (row.Links.Count > 0)
                    {
                        linked.Add((row, Convert.ToInt64(key, CultureInfo.InvariantCulture)));
                    }
                }
                catch (DbException exception)
                {
                    throw new FixtureException($"{row.Where}: the database refused the row: {exception.Message}");
                }
                catch (Exception exception) when (exception is ValueTooLongException or UnstorableValueException)
                {
                    throw new FixtureException($"{row.Where}: {exception.Message}");
                }
            }

            // Links after every row, so that they may point to rows later in the fixtures.
            foreach (var (row, key) in linked)
            {
                await SaveLinksAsync(transaction, db.Provider.Dialect, models, row, key, cancellationToken);
            }

            if (sqlite)
            {
                await CheckReferencesAsync(transaction, models, cancellationToken);
            }
            else
            {
                await ResetSequencesAsync(transaction, db.Provider.Dialect, rows.Select(static r => r.Model).Distinct(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return (rows.Count, read);
        }
        catch (FixtureException exception)
        {
            throw new CommandException(exception.Message + " Nothing was loaded.");
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    /// <summary>
    /// Sets the object's many-to-many fields, as Django does: the links a field names replace the row's links of that field (a field
    /// left out keeps them). A natural key is looked up among the rows the database has by then.
    /// </summary>
    private static async Task SaveLinksAsync(Transaction transaction, SqlDialect d, FixtureModels models, FixtureRowReader row, long key, CancellationToken cancellationToken)
    {
        foreach (var (link, keys) in row.Links)
        {
            var targets = new SortedSet<long>();
            foreach (var element in keys.EnumerateArray())
            {
                targets.Add(element.ValueKind == JsonValueKind.Number
                    ? element.GetInt32()
                    : await NaturalKeyAsync(transaction, d, link, [.. element.EnumerateArray().Select(static p => p.GetString()!)], cancellationToken)
                        ?? throw new FixtureException($"{row.Where}, field '{link.Field}': no {models.Name(link.Target)} has the natural key {FixtureRowReader.Shown(element)}."));
            }

            var own = key.ToString(CultureInfo.InvariantCulture);
            try
            {
                await FixtureDatabase.ExecuteAsync(transaction, $"DELETE FROM {d.Quote(link.Table)} WHERE {d.Quote(link.OwnColumn)} = {own}", cancellationToken);
                foreach (var target in targets)
                {
                    await FixtureDatabase.ExecuteAsync(transaction,
                        $"INSERT INTO {d.Quote(link.Table)} ({d.Quote(link.OwnColumn)}, {d.Quote(link.OtherColumn)}) VALUES ({own}, {target.ToString(CultureInfo.InvariantCulture)})",
                        cancellationToken);
                }
            }
            catch (DbException exception)
            {
                throw new FixtureException($"{row.Where}, field '{link.Field}': the database refused a link: {exception.Message}");
            }
        }
    }

    /// <summary>The key of the row of <paramref name="link"/>'s target whose natural key is <paramref name="parts"/>, if there is one.</summary>
    private static async Task<long?> NaturalKeyAsync(Transaction transaction, SqlDialect d, FixtureLink link, string[] parts, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.DbTransaction;
        var conditions = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = parts[i];
            command.Parameters.Add(parameter);
            conditions.Add($"{d.Quote(link.NaturalKey[i].Name)} = {parameter.ParameterName}");
        }

        command.CommandText = $"SELECT {d.Quote(link.Target.Key.Name)} FROM {d.Quote(link.Target.Table)} WHERE {string.Join(" AND ", conditions)}";
        return await command.ExecuteScalarAsync(cancellationToken) is { } found and not DBNull ? Convert.ToInt64(found, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>SQLite's list of rows whose reference points to no row, as one error naming the first few.</summary>
    private static async Task CheckReferencesAsync(Transaction transaction, FixtureModels models, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.DbTransaction;
        command.CommandText = "PRAGMA foreign_key_check";
        var broken = new List<string>();
        var brokenLinks = new List<(FixtureLink Link, long RowId)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                var rowId = reader.IsDBNull(1) ? "?" : reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
                var parent = reader.GetString(2);
                if (FixtureModels.LinkOfTable(table) is { } link && !reader.IsDBNull(1))
                {
                    brokenLinks.Add((link, reader.GetInt64(1)));
                    continue;
                }

                var model = models.All.FirstOrDefault(m => m.Table == table);
                var target = models.All.FirstOrDefault(m => m.Table == parent);
                broken.Add($"{(model is null ? table : models.Name(model))} pk {rowId} refers to a {(target is null ? parent : models.Name(target))} that doesn't exist");
            }
        }

        // A link's row of its own says little: name the row it belongs to and the key that points nowhere.
        foreach (var (link, rowId) in brokenLinks)
        {
            command.CommandText = $"SELECT \"{link.OwnColumn}\", \"{link.OtherColumn}\" FROM \"{link.Table}\" WHERE rowid = {rowId.ToString(CultureInfo.InvariantCulture)}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                broken.Add($"{models.Name(link.Owner)} pk {reader.GetInt64(0).ToString(CultureInfo.InvariantCulture)}, field '{link.Field}', names {reader.GetInt64(1).ToString(CultureInfo.InvariantCulture)}, which is no {models.Name(link.Target)}");
            }
        }

        if (broken.Count > 0)
        {
            throw new FixtureException($"The fixtures' references don't all point to rows: {string.Join("; ", broken.Take(5))}{(broken.Count > 5 ? $"; and {broken.Count - 5} more" : "")}.");
        }
    }

    /// <summary>
    /// PostgreSQL assigns keys from a sequence that rows inserted with their own key don't advance: after loading, each model's
    /// sequence continues after its largest key (Django's sequence reset), so the next new row doesn't collide.
    /// </summary>
    private static async Task ResetSequencesAsync(Transaction transaction, SqlDialect dialect, IEnumerable<ModelInfo> models, CancellationToken cancellationToken)
    {
        foreach (var model in models.Where(static m => m.Key.IsAutoIncrement))
        {
            var table = dialect.Quote(model.Table);
            var key = dialect.Quote(model.Key.Name);
            await FixtureDatabase.ExecuteAsync(transaction,
                $"SELECT setval(pg_get_serial_sequence('{table.Replace("'", "''", StringComparison.Ordinal)}', '{model.Key.Name.Replace("'", "''", StringComparison.Ordinal)}'), COALESCE(MAX({key}), 1), MAX({key}) IS NOT NULL) FROM {table}",
                cancellationToken);
        }
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].TrimEnd('.');
}

/// <summary>How <c>loaddata</c> reads its fixtures.</summary>
/// <param name="Input">Where the fixture <c>-</c> is read from (standard input); none outside a command.</param>
/// <param name="IgnoreNonexistent">Skip objects of models and fields the app doesn't have (Django's <c>--ignorenonexistent</c>).</param>
/// <param name="Exclude">App labels and models whose objects are skipped.</param>
internal sealed record FixtureLoadOptions(TextReader? Input, bool IgnoreNonexistent, IReadOnlyList<string> Exclude);

/// <summary>A <see cref="Database"/> of the app's provider, for the fixture commands, which don't need the app's generated <c>Db</c>.</summary>
internal sealed class FixtureDatabase(IDatabaseProvider provider) : Database(provider)
{
    /// <summary>Runs one statement inside <paramref name="transaction"/>.</summary>
    public static async Task ExecuteAsync(Transaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.DbTransaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The names of the tables the database has.</summary>
    public async Task<HashSet<string>> TablesAsync(CancellationToken cancellationToken)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(Provider.Dialect.Name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = ANY (current_schemas(false)) AND table_type = 'BASE TABLE'", cancellationToken))
        {
            tables.Add((string)row[0]!);
        }

        return tables;
    }

    /// <summary>
    /// The keys each row of <paramref name="link"/>'s owner is linked to, in key order; with <paramref name="natural"/>, each as its natural
    /// key (a <c>string[]</c>).
    /// </summary>
    public async Task<ILookup<long, object>> ReadLinksAsync(FixtureLink link, bool natural, CancellationToken cancellationToken)
    {
        var d = Provider.Dialect;
        var sql = natural
            ? $"SELECT l.{d.Quote(link.OwnColumn)}, {string.Join(", ", link.NaturalKey.Select(c => "t." + d.Quote(c.Name)))} FROM {d.Quote(link.Table)} l " +
              $"JOIN {d.Quote(link.Target.Table)} t ON t.{d.Quote(link.Target.Key.Name)} = l.{d.Quote(link.OtherColumn)} ORDER BY 1, l.{d.Quote(link.OtherColumn)}"
            : $"SELECT {d.Quote(link.OwnColumn)}, {d.Quote(link.OtherColumn)} FROM {d.Quote(link.Table)} ORDER BY 1, 2";
        var links = new List<(long Owner, object Key)>();
        await foreach (var row in QueryAsync(sql, cancellationToken))
        {
            var owner = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
            links.Add((owner, natural ? row.Skip(1).Select(static part => (string)part!).ToArray() : Convert.ToInt64(row[1], CultureInfo.InvariantCulture)));
        }

        return links.ToLookup(static l => l.Owner, static l => l.Key);
    }

    private async IAsyncEnumerable<object?[]> QueryAsync(string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await Provider.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            yield return row;
        }
    }
}
