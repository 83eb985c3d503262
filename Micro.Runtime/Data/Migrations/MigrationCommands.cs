using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Micro.Data.Migrations;

/// <summary>
/// The migration commands, as Django's: <c>makemigrations</c>, <c>migrate</c>, <c>showmigrations</c>,
/// <c>sqlmigrate</c>. Each writes to a <see cref="TextWriter"/> and returns an exit code (0 success, 1 failure, 2 usage).
/// </summary>
public static class MigrationCommands
{
    public static IReadOnlyList<string> Names { get; } = ["makemigrations", "migrate", "showmigrations", "sqlmigrate"];

    /// <summary>
    /// Diffs the models against <c>migrations/snapshot.json</c> and writes the next numbered SQL migration and the new
    /// snapshot into <c>migrations/</c> beside Program.cs. With <paramref name="check"/>, writes nothing and fails
    /// when changes are pending. Needs EF Core, so it runs under the JIT only.
    /// </summary>
    public static int MakeMigrations(IServiceProvider services, TextWriter output, string? name = null, bool check = false)
    {
        if (!TryGetData(services, output, out var data))
        {
            return 1;
        }

        if (!EntityFrameworkFeature.IsSupported || data.EntityFramework is null)
        {
            output.WriteLine("makemigrations compares the models with EF Core, which runs under the JIT only: run `dotnet run -- makemigrations`.");
            output.WriteLine("A native binary applies the migrations built into it (migrate) but doesn't make new ones.");
            return 1;
        }

        var directory = MigrationsDirectory(services, data);
        return MakeMigrationsCore(services, data, directory, output, name, check);
    }

    [RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    private static int MakeMigrationsCore(IServiceProvider services, DataModel data, string directory, TextWriter output, string? name, bool check)
    {
        var snapshotPath = Path.Combine(directory, ModelSnapshot.FileName);
        var previous = File.Exists(snapshotPath) ? ModelSnapshot.FromJson(File.ReadAllText(snapshotPath)) : null;

        // One plan per database from the same snapshot: the operations are the same, the SQL is each database's own.
        var plans = Plan(data, previous);
        var plan = plans[0].Plan;
        if (plans.All(static p => !p.Plan.HasChanges))
        {
            output.WriteLine("No changes detected");
            return 0;
        }

        var existing = MigrationRunner.FromDirectory(directory);
        var number = existing.Count == 0 ? 1 : existing.Max(static m => m.Number) + 1;
        var suffix = string.IsNullOrWhiteSpace(name) ? plan.SuggestName(first: previous is null) : Sanitize(name);
        var migration = new Migration($"{number:D4}_{suffix}", plans.ToDictionary(
            static p => p.Database.Name, static p => p.Plan.Statements, StringComparer.Ordinal));

        output.WriteLine(check ? "Changes not yet in a migration:" : $"Migrations for {Path.GetFileName(Path.GetDirectoryName(directory))}:");
        if (!check)
        {
            output.WriteLine($"  {Path.Combine(directory, migration.Name + Migration.Extension)}");
        }

        foreach (var line in plan.Summary)
        {
            output.WriteLine($"    - {line}");
        }

        foreach (var loss in plan.Destructive)
        {
            output.WriteLine($"  Warning: this migration {loss}.");
        }

        if (check)
        {
            output.WriteLine("Run makemigrations to write them.");
            return 1;
        }

        var lacking = existing.Where(static m => MigrationDatabase.All.Any(d => !m.Supports(d.Name))).ToList();
        if (lacking.Count > 0)
        {
            output.WriteLine($"  Note: {string.Join(", ", lacking.Select(static m => m.Name))} {(lacking.Count == 1 ? "has" : "have")} no SQL for " +
                "some databases; `makemigrations --fill-databases` writes it.");
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, migration.Name + Migration.Extension), migration.Format(plan.Summary));
        File.WriteAllText(snapshotPath, plan.Snapshot.ToJson());
        return 0;
    }

    [RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    private static List<(MigrationDatabase Database, MigrationPlan Plan)> Plan(DataModel data, ModelSnapshot? previous)
    {
        var plans = new List<(MigrationDatabase, MigrationPlan)>();
        foreach (var database in MigrationDatabase.All)
        {
            using var context = data.EntityFramework!.CreateContext(database.Configure);
            plans.Add((database, MigrationPlanner.Plan(context, previous, database)));
        }

        return plans;
    }

    /// <summary>
    /// Writes the SQL that migrations made before Micro wrote PostgreSQL's lack, so that the same <c>migrations/</c> folder
    /// migrates every database: the last migration gets the SQL that creates the whole schema of <c>snapshot.json</c>, the
    /// earlier ones an empty part (the history keeps the same names everywhere); parts of those databases that later
    /// makemigrations runs wrote are written again the same way. The SQLite parts are left as they are.
    /// Refuses while the models have changes no migration holds, and warns about SQL written by hand, which it can't carry over.
    /// </summary>
    public static int FillDatabases(IServiceProvider services, TextWriter output)
    {
        if (!TryGetData(services, output, out var data))
        {
            return 1;
        }

        if (!EntityFrameworkFeature.IsSupported || data.EntityFramework is null)
        {
            output.WriteLine("makemigrations --fill-databases writes SQL with EF Core, which runs under the JIT only: run `dotnet run -- makemigrations --fill-databases`.");
            return 1;
        }

        return FillDatabasesCore(data, MigrationsDirectory(services, data), output);
    }

    [RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    private static int FillDatabasesCore(DataModel data, string directory, TextWriter output)
    {
        var existing = MigrationRunner.FromDirectory(directory);
        var missing = MigrationDatabase.All.Where(d => existing.Any(m => !m.Supports(d.Name))).ToList();
        if (existing.Count == 0 || missing.Count == 0)
        {
            output.WriteLine(existing.Count == 0 ? "No migrations yet: makemigrations writes every database's SQL." : "Every migration has SQL for every database.");
            return 0;
        }

        var snapshotPath = Path.Combine(directory, ModelSnapshot.FileName);
        if (!File.Exists(snapshotPath))
        {
            output.WriteLine($"{snapshotPath} is missing: the schema the migrations make can't be known without it.");
            return 1;
        }

        var snapshot = ModelSnapshot.FromJson(File.ReadAllText(snapshotPath));
        if (Plan(data, snapshot).Any(static p => p.Plan.HasChanges))
        {
            output.WriteLine("The models have changes no migration holds yet: run makemigrations first, then --fill-databases.");
            return 1;
        }

        // Every part of those databases is written again, including parts later makemigrations runs wrote: the schema is known
        // only as it is now, and no database of that kind can have applied any of them (migrate refuses a part that is missing).
        var schemas = new Dictionary<string, IReadOnlyList<MigrationStatement>>(StringComparer.Ordinal);
        foreach (var database in missing)
        {
            using var context = data.EntityFramework!.CreateContext(database.Configure);
            schemas[database.Name] = MigrationPlanner.Plan(context, previous: null, database).Statements;
        }

        var last = existing[^1];
        var handWritten = new List<string>();
        foreach (var migration in existing)
        {
            var databases = new Dictionary<string, IReadOnlyList<MigrationStatement>>(migration.Databases, StringComparer.Ordinal);
            foreach (var database in missing)
            {
                databases[database.Name] = ReferenceEquals(migration, last) ? schemas[database.Name] : [];
            }

            // Statements that don't shape the schema (data written by hand) can't be derived from the snapshot.
            handWritten.AddRange(migration.Databases.Values.SelectMany(static s => s)
                .Where(static s => !IsSchemaStatement(s.Sql))
                .Select(s => $"{migration.Name}: {s.Sql.Split('\n')[0]}"));

            var path = Path.Combine(directory, migration.Name + Migration.Extension);
            var summary = File.ReadLines(path).Skip(1).TakeWhile(static l => l.StartsWith("--   ", StringComparison.Ordinal)).Select(static l => l[5..]);
            var note = existing.Count == 1 ? null // Exactly what makemigrations writes today.
                : ReferenceEquals(migration, last)
                ? $"Its {string.Join(" and ", missing.Select(static d => d.Name))} part creates the whole schema of every migration up to here (makemigrations --fill-databases)."
                : $"Its {string.Join(" and ", missing.Select(static d => d.Name))} part is empty: {last.Name} creates the whole schema there (makemigrations --fill-databases).";
            File.WriteAllText(path, new Migration(migration.Name, databases).Format(summary.ToList(), note));
            output.WriteLine($"  {path}: {string.Join(", ", missing.Select(static d => d.Name))} {(ReferenceEquals(migration, last) ? "creates the schema" : "empty")}");
        }

        foreach (var line in handWritten)
        {
            output.WriteLine($"  Warning: not carried over to {string.Join(", ", missing.Select(static d => d.Name))}, write it there by hand: {line}");
        }

        return 0;
    }

    private static bool IsSchemaStatement(string sql)
    {
        var text = sql.TrimStart();
        return text.StartsWith("CREATE ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("ALTER ", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DROP ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA ", StringComparison.OrdinalIgnoreCase)
            // SQLite's table rebuilds copy the rows into the new table.
            || (text.StartsWith("INSERT INTO \"ef_temp_", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Applies the migrations the database hasn't seen, in order: Micro's own (<c>auth</c>, <c>sessions</c>) first, then the
    /// app's; then makes sure every model has its view, add, change and delete permissions, as Django's post_migrate does.
    /// </summary>
    public static int Migrate(IServiceProvider services, TextWriter output)
    {
        var provider = services.GetRequiredService<IDatabaseProvider>();
        var runner = new MigrationRunner(provider);
        var data = services.GetService<DataModel>();
        var sources = Sources(services, provider);
        output.WriteLine($"Database: {provider.DisplayName}");

        // Several processes may migrate at once (every instance of a deploy): one applies, the others wait and find nothing to do.
        IDisposable migrationLock;
        try
        {
            migrationLock = runner.Lock();
        }
        catch (System.Data.Common.DbException exception)
        {
            output.WriteLine($"Can't reach {provider.DisplayName}: {exception.Message}");
            output.WriteLine("Check ConnectionStrings:Default (appsettings.json, the environment or --ConnectionStrings:Default).");
            return 1;
        }

        using (migrationLock)
        {
            return MigrateLocked(services, output, provider, runner, data, sources);
        }
    }

    private static int MigrateLocked(
        IServiceProvider services, TextWriter output, IDatabaseProvider provider, MigrationRunner runner, DataModel? data, IReadOnlyList<MigrationSource> sources)
    {
        if (!TryGetApplied(runner, provider, output, out var applied))
        {
            return 1;
        }

        var pending = sources.SelectMany(source => source.Migrations.Where(m => !applied.Contains(source.RecordedName(m))).Select(m => (source, m))).ToList();
        var unwritten = pending.Where(p => !p.m.Supports(provider.Dialect.Name)).Select(p => p.source.RecordedName(p.m)).ToList();
        if (unwritten.Count > 0)
        {
            output.WriteLine($"No migration was applied: {string.Join(", ", unwritten)} {(unwritten.Count == 1 ? "has" : "have")} no SQL for {provider.Dialect.Name}.");
            output.WriteLine("They were written before makemigrations wrote SQL for every database: run `dotnet run -- makemigrations --fill-databases`, then rebuild.");
            return 1;
        }

        if (data is not null)
        {
            WarnAboutUnbuilt(services, data, MigrationRunner.Embedded(data.Manifest.Assembly), output);
        }

        if (pending.Count == 0)
        {
            output.WriteLine(data is not null && MigrationRunner.Embedded(data.Manifest.Assembly).Count == 0
                ? "No migrations to apply: the app has none yet. Make them with `dotnet run -- makemigrations`."
                : "No migrations to apply.");
        }
        else
        {
            output.WriteLine("Running migrations:");
            foreach (var (source, migration) in pending)
            {
                output.Write($"  Applying {source.RecordedName(migration)}...");
                try
                {
                    runner.Apply(migration, source.RecordedName(migration));
                }
                catch (System.Data.Common.DbException exception)
                {
                    output.WriteLine(" FAILED");
                    output.WriteLine($"  {exception.Message}");
                    output.WriteLine($"  The statements of {source.RecordedName(migration)} that ran in its transaction were rolled back; later migrations were not applied.");
                    return 1;
                }

                output.WriteLine(" OK");
            }
        }

        Auth.PermissionSync.EnsureDefaultPermissions(services, provider);
        return 0;
    }

    /// <summary>Lists the migrations under their app labels, Micro's own first, <c>[X]</c> for applied ones, as Django's showmigrations.</summary>
    public static int ShowMigrations(IServiceProvider services, TextWriter output)
    {
        var provider = services.GetRequiredService<IDatabaseProvider>();
        var data = services.GetService<DataModel>();
        var sources = Sources(services, provider);
        if (!TryGetApplied(new MigrationRunner(provider), provider, output, out var applied))
        {
            return 1;
        }

        foreach (var source in sources)
        {
            output.WriteLine(source.Label);
            if (source.Migrations.Count == 0)
            {
                output.WriteLine(" (no migrations)");
            }

            foreach (var migration in source.Migrations)
            {
                output.WriteLine($" [{(applied.Contains(source.RecordedName(migration)) ? "X" : " ")}] {migration.Name}");
            }
        }

        var known = sources.SelectMany(static source => source.Migrations.Select(source.RecordedName)).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in applied.Where(a => !known.Contains(a)).Order(StringComparer.Ordinal))
        {
            output.WriteLine($" [X] {unknown} (applied, but not in this app)");
        }

        if (data is not null)
        {
            WarnAboutUnbuilt(services, data, MigrationRunner.Embedded(data.Manifest.Assembly), output);
        }

        return 0;
    }

    /// <summary>
    /// As Django's runserver: when the database lacks some of the app's migrations (or Micro's own), says so and how to
    /// apply them, so that a "no such table" later is not a surprise. Never stops the server. Apps without models are
    /// not checked: they have no database until they use sessions or users.
    /// </summary>
    public static void WarnAboutPending(IServiceProvider services, Microsoft.Extensions.Logging.ILogger logger)
    {
        var data = services.GetService<DataModel>();
        if (data is null)
        {
            return;
        }

        try
        {
            var provider = services.GetRequiredService<IDatabaseProvider>();
            var applied = new MigrationRunner(provider).Applied();
            var pending = Sources(services, provider)
                .SelectMany(source => source.Migrations.Select(source.RecordedName))
                .Where(name => !applied.Contains(name))
                .ToList();
            if (pending.Count > 0)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger,
                    "The database lacks {Count} of the app's migrations ({Migrations}); pages that use the models, sessions or users will fail until you run the migrate command.",
                    pending.Count, string.Join(", ", pending));
            }
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "Could not check the database's migrations: {Message}", exception.Message);
        }
    }

    /// <summary>
    /// Prints the SQL of a migration: <c>sqlmigrate 0002</c> (the app's, by name or number prefix), <c>sqlmigrate auth 0001</c>
    /// or <c>sqlmigrate auth.0001</c> (Micro's own, by label).
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="output">Where the SQL goes.</param>
    /// <param name="name">The migration, or the label of Micro's own followed by <paramref name="migration"/>.</param>
    /// <param name="migration">With a label in <paramref name="name"/>: the migration.</param>
    /// <param name="database">The database whose SQL to print (<c>sqlite</c>, <c>postgresql</c>); the configured one by default.</param>
    public static int SqlMigrate(IServiceProvider services, TextWriter output, string name, string? migration = null, string? database = null)
    {
        var provider = services.GetRequiredService<IDatabaseProvider>();
        SqlDialect? dialect = database switch
        {
            null => provider.Dialect,
            "sqlite" => SqliteDialect.Instance,
            "postgresql" => PostgreSqlDialect.Instance,
            _ => null,
        };
        if (dialect is null)
        {
            output.WriteLine($"--database must be sqlite or postgresql, not '{database}'.");
            return 2;
        }

        var sources = Sources(services, dialect);
        string? label = null;
        if (migration is not null)
        {
            (label, name) = (name, migration);
        }
        else if (name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && sources.Any(s => s.Label == name[..dot]))
        {
            (label, name) = (name[..dot], name[(dot + 1)..]);
        }

        var source = label is null ? sources.FirstOrDefault(static s => !s.IsBuiltIn) : sources.FirstOrDefault(s => s.Label == label);
        if (source is null)
        {
            output.WriteLine(label is null
                ? "This app has no [Model] classes, so it has no migrations of its own; Micro's are `sqlmigrate auth 0001` and `sqlmigrate sessions 0001`."
                : $"No app labelled '{label}'. The labels are: {string.Join(", ", sources.Select(static s => s.Label))}.");
            return 2;
        }

        var migrations = source.Migrations;
        var matches = migrations.Where(m => m.Name == name).ToList();
        if (matches.Count == 0)
        {
            matches = migrations.Where(m => m.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
        }

        if (matches.Count != 1)
        {
            output.WriteLine(matches.Count == 0
                ? $"No migration named '{name}' in {source.Label}. It has: {(migrations.Count == 0 ? "none" : string.Join(", ", migrations.Select(static m => m.Name)))}."
                : $"'{name}' matches several migrations ({string.Join(", ", matches.Select(static m => m.Name))}); give more of the name.");
            return 2;
        }

        if (!matches[0].Supports(dialect.Name))
        {
            output.WriteLine($"{source.RecordedName(matches[0])} has no SQL for {dialect.Name}: run `dotnet run -- makemigrations --fill-databases`.");
            return 1;
        }

        var inTransaction = false;
        foreach (var statement in matches[0].StatementsFor(dialect.Name))
        {
            if (statement.OutsideTransaction == inTransaction)
            {
                output.WriteLine(inTransaction ? "COMMIT;" : "BEGIN;");
                inTransaction = !inTransaction;
            }

            output.WriteLine(statement.OutsideTransaction ? "-- outside the transaction" : "");
            output.WriteLine(statement.Sql);
        }

        if (inTransaction)
        {
            output.WriteLine("COMMIT;");
        }

        return 0;
    }

    /// <summary>Micro's migrations and the app's, in the order they are applied.</summary>
    private static IReadOnlyList<MigrationSource> Sources(IServiceProvider services, IDatabaseProvider provider) => Sources(services, provider.Dialect);

    private static IReadOnlyList<MigrationSource> Sources(IServiceProvider services, SqlDialect dialect)
    {
        var manifest = services.GetRequiredService<Hosting.AppManifest>();
        var label = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MicroOptions>>().Value.AppLabelFor(manifest);
        return MigrationSource.For(manifest, dialect, label);
    }

    /// <summary>Where <c>makemigrations</c> writes: <c>migrations/</c> in the project directory, else in the content root.</summary>
    public static string MigrationsDirectory(IServiceProvider services, DataModel data) => ProjectFolder(services, data.Manifest, "migrations");

    /// <summary>A folder beside Program.cs (<c>migrations</c>, <c>fixtures</c>): in the project directory, else in the content root.</summary>
    internal static string ProjectFolder(IServiceProvider services, Hosting.AppManifest manifest, string folder)
    {
        var root = manifest.ProjectDirectory is { } project && Directory.Exists(project)
            ? project
            : services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return Path.Combine(root, folder);
    }

    /// <summary>Migrations on disk that the running build doesn't contain yet (made since the last build).</summary>
    private static void WarnAboutUnbuilt(IServiceProvider services, DataModel data, IReadOnlyList<Migration> embedded, TextWriter output)
    {
        var directory = MigrationsDirectory(services, data);
        foreach (var missing in MigrationRunner.FromDirectory(directory).Where(d => embedded.All(e => e.Name != d.Name)))
        {
            output.WriteLine($"  Note: {missing.Name} is in {directory} but not built into the app yet; rebuild (`dotnet run` does) to apply it.");
        }
    }

    private static bool TryGetApplied(MigrationRunner runner, IDatabaseProvider provider, TextWriter output, [NotNullWhen(true)] out HashSet<string>? applied)
    {
        try
        {
            applied = runner.Applied();
            return true;
        }
        catch (System.Data.Common.DbException exception)
        {
            output.WriteLine($"Can't read the migration history of {provider.DisplayName}: {exception.Message}");
            output.WriteLine("Check ConnectionStrings:Default (appsettings.json, the environment or --ConnectionStrings:Default) and that its folder exists.");
            applied = null;
            return false;
        }
    }

    private static bool TryGetData(IServiceProvider services, TextWriter output, [NotNullWhen(true)] out DataModel? data)
    {
        data = services.GetService<DataModel>();
        if (data is null)
        {
            output.WriteLine("This app has no [Model] classes, so it has no database to migrate.");
            return false;
        }

        return true;
    }

    private static string Sanitize(string name) =>
        new(name.Trim().ToLowerInvariant().Select(static c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
