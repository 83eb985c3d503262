using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.Data.Fixtures;

/// <summary>Write the rows of the app's models as a JSON fixture, to standard output or a file (Django's dumpdata).</summary>
[Command("dumpdata")]
internal static class DumpDataCommand
{
    /// <summary>Writes every row of the models named (all of them by default), each model after those it references.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="models">The app label (every model) or app_label.Model, as many as wanted; all of the app's models when none.</param>
    /// <param name="indent">Spaces to indent the JSON by; one line without it.</param>
    /// <param name="output">A file to write instead of standard output.</param>
    /// <param name="exclude">A model (app_label.Model) to leave out; repeat it for several.</param>
    public static async Task<int> RunAsync(CommandContext context, [Argument] string[]? models = null, int? indent = null, string? output = null, string[]? exclude = null)
    {
        var fixtures = FixtureModels.From(context.Services);
        if (indent is < 0 or > 16)
        {
            throw new CommandUsageException($"--indent must be from 0 to 16 spaces, not {indent}.");
        }

        var chosen = fixtures.Choose(models ?? [], exclude ?? [], out var problem) ?? throw new CommandUsageException(problem);

        await using var db = new FixtureDatabase(context.Services.GetRequiredService<IDatabaseProvider>());
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
                    foreach (var model in Fixture.InDependencyOrder(chosen))
                    {
                        foreach (var values in await model.ReadAllValuesAsync(db, context.CancellationToken))
                        {
                            Fixture.WriteObject(writer, fixtures.Name(model), model, values);
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
    /// <param name="fixtures">A fixture file: a path, or a name in the project's fixtures/ folder (".json" may be left out).</param>
    public static async Task<int> RunAsync(CommandContext context, [Argument] string[] fixtures)
    {
        var count = await LoadAsync(context.Services, fixtures, context.CancellationToken);
        context.Out.WriteLine($"Installed {count} object(s) from {fixtures.Length} fixture(s)");
        return 0;
    }

    /// <summary>
    /// Loads <paramref name="fixtures"/> into the app's database in one transaction and returns the number of objects saved (the
    /// <c>loaddata</c> command, and a test's <see cref="TestAttribute.Fixtures"/>).
    /// </summary>
    /// <exception cref="CommandException">A fixture isn't there or is wrong: the message says where; nothing was saved.</exception>
    public static async Task<int> LoadAsync(IServiceProvider services, IReadOnlyList<string> fixtures, CancellationToken cancellationToken)
    {
        var models = FixtureModels.From(services);
        if (models.All.Count == 0)
        {
            throw new CommandException("This app has no [Model] classes, so a fixture has nothing to load into.");
        }

        var rows = new List<(ModelInfo Model, FixtureRowReader Row)>();
        var documents = new List<JsonDocument>();
        try
        {
            foreach (var fixture in fixtures)
            {
                var file = models.Find(fixture, out var looked) ?? throw new CommandException($"No fixture named '{fixture}' (looked for {looked}).");
                JsonDocument document;
                try
                {
                    await using var stream = File.OpenRead(file);
                    document = await JsonDocument.ParseAsync(stream, default, cancellationToken);
                }
                catch (JsonException exception)
                {
                    var line = (exception.LineNumber ?? 0) + 1;
                    throw new CommandException($"{Path.GetFileName(file)}, line {line.ToString(CultureInfo.InvariantCulture)}: not valid JSON ({FirstSentence(exception.Message)}). Nothing was loaded.");
                }

                documents.Add(document);
                rows.AddRange(Fixture.Read(file, document, models.All, models.Name));
            }

            await using var db = new FixtureDatabase(services.GetRequiredService<IDatabaseProvider>());
            await using var transaction = await db.BeginTransactionAsync(cancellationToken);
            var sqlite = db.Provider.Dialect.Name == "sqlite";
            if (sqlite)
            {
                // References are checked when the transaction commits, so a fixture's rows may come in any order (Django turns the
                // checks off while it loads, then checks every row).
                await ExecuteAsync(transaction, "PRAGMA defer_foreign_keys = ON", cancellationToken);
            }

            foreach (var (model, row) in rows)
            {
                try
                {
                    await model.SaveAsync(db, row, cancellationToken);
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

            if (sqlite)
            {
                await CheckReferencesAsync(transaction, models, cancellationToken);
            }
            else
            {
                await ResetSequencesAsync(transaction, db.Provider.Dialect, rows.Select(static r => r.Model).Distinct(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return rows.Count;
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

    /// <summary>SQLite's list of rows whose reference points to no row, as one error naming the first few.</summary>
    private static async Task CheckReferencesAsync(Transaction transaction, FixtureModels models, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.DbTransaction;
        command.CommandText = "PRAGMA foreign_key_check";
        var broken = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                var rowId = reader.IsDBNull(1) ? "?" : reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
                var parent = reader.GetString(2);
                var model = models.All.FirstOrDefault(m => m.Table == table);
                var target = models.All.FirstOrDefault(m => m.Table == parent);
                broken.Add($"{(model is null ? table : models.Name(model))} pk {rowId} refers to a {(target is null ? parent : models.Name(target))} that doesn't exist");
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
            await ExecuteAsync(transaction,
                $"SELECT setval(pg_get_serial_sequence('{table.Replace("'", "''", StringComparison.Ordinal)}', '{model.Key.Name.Replace("'", "''", StringComparison.Ordinal)}'), COALESCE(MAX({key}), 1), MAX({key}) IS NOT NULL) FROM {table}",
                cancellationToken);
        }
    }

    private static async Task ExecuteAsync(Transaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.DbTransaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].TrimEnd('.');
}

/// <summary>The models fixtures can hold, the app's own under its label, and where fixture files are found.</summary>
internal sealed class FixtureModels
{
    private readonly string _label;
    private readonly string _folder;

    private FixtureModels(string label, IReadOnlyList<ModelInfo> models, string folder)
    {
        _label = label;
        All = models;
        _folder = folder;
    }

    public IReadOnlyList<ModelInfo> All { get; }

    public static FixtureModels From(IServiceProvider services)
    {
        var manifest = services.GetRequiredService<Hosting.AppManifest>();
        var label = services.GetRequiredService<IOptions<MicroOptions>>().Value.AppLabelFor(manifest);
        return new FixtureModels(label, manifest.Data?.Models ?? [], Migrations.MigrationCommands.ProjectFolder(services, manifest, "fixtures"));
    }

    public string Name(ModelInfo model) => Fixture.ModelName(_label, model);

    /// <summary>The models <c>dumpdata</c> writes: those named (a label is all of them), less those excluded; null with a problem to show.</summary>
    public List<ModelInfo>? Choose(string[] names, string[] excluded, out string problem)
    {
        problem = "";
        if (All.Count == 0)
        {
            problem = "This app has no [Model] classes, so there is nothing to dump.";
            return null;
        }

        var chosen = new List<ModelInfo>();
        foreach (var name in names.Length == 0 ? [_label] : names)
        {
            if (Matching(name) is not { } models)
            {
                problem = Unknown(name);
                return null;
            }

            chosen.AddRange(models.Where(m => !chosen.Contains(m)));
        }

        foreach (var name in excluded)
        {
            if (Matching(name) is not { } models)
            {
                problem = Unknown(name);
                return null;
            }

            chosen.RemoveAll(models.Contains);
        }

        return chosen;
    }

    private List<ModelInfo>? Matching(string name)
    {
        if (string.Equals(name, _label, StringComparison.OrdinalIgnoreCase))
        {
            return [.. All];
        }

        return All.FirstOrDefault(m => string.Equals(Name(m), name, StringComparison.OrdinalIgnoreCase)) is { } model ? [model] : null;
    }

    private string Unknown(string name) =>
        $"No model or app label '{name}'. The app label is {_label}; its models are: {string.Join(", ", All.Select(Name))}.";

    /// <summary>The fixture's file: the path as given, else under the project's <c>fixtures/</c> folder, each with ".json" added when it has no extension.</summary>
    public string? Find(string fixture, out string looked)
    {
        var names = Path.HasExtension(fixture) ? [fixture] : new[] { fixture, fixture + ".json" };
        var candidates = names.Concat(names.Where(static n => !Path.IsPathRooted(n)).Select(n => Path.Combine(_folder, n))).Distinct().ToList();
        looked = string.Join(", ", candidates.Select(Path.GetFullPath));
        return candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>A <see cref="Database"/> of the app's provider, for the fixture commands, which don't need the app's generated <c>Db</c>.</summary>
internal sealed class FixtureDatabase(IDatabaseProvider provider) : Database(provider);
