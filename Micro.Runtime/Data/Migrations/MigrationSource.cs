using System.Reflection;
using Micro.Hosting;

namespace Micro.Data.Migrations;

/// <summary>
/// The migrations of one app label, as Django lists them per app: Micro's own (<c>auth</c>, <c>sessions</c>), built into
/// Micro.Runtime and applied first, then the app's, built into the app's assembly.
/// </summary>
/// <param name="Label">The app label <c>showmigrations</c> prints above the list.</param>
/// <param name="Migrations">In order.</param>
/// <param name="IsBuiltIn">Micro's own migrations, recorded in the history table as <c>auth.0001_initial</c>; the app's are recorded by their bare name.</param>
internal sealed record MigrationSource(string Label, IReadOnlyList<Migration> Migrations, bool IsBuiltIn)
{
    /// <summary>The logical-name prefix of Micro's own migrations: <c>Micro.BuiltInMigrations/sqlite/auth/0001_initial.sql</c>.</summary>
    public const string BuiltInResourcePrefix = "Micro.BuiltInMigrations/";

    /// <summary>The labels of Micro's own migrations, in the order they are applied.</summary>
    public static IReadOnlyList<string> BuiltInLabels { get; } = ["auth", "sessions"];

    /// <summary>The admin's history table, made only in apps that register models with the admin (as Django's admin app is optional).</summary>
    public const string AdminLabel = "admin";

    /// <summary>The name the history table records for <paramref name="migration"/>.</summary>
    public string RecordedName(Migration migration) => IsBuiltIn ? Label + "." + migration.Name : migration.Name;

    /// <summary>
    /// Every source of the app, in the order <c>migrate</c> applies them: Micro's own for <paramref name="dialect"/>, then the
    /// app's (when it has a data model) under <paramref name="appLabel"/>.
    /// </summary>
    public static IReadOnlyList<MigrationSource> For(AppManifest manifest, SqlDialect dialect, string appLabel)
    {
        var sources = new List<MigrationSource>(BuiltIn(dialect, admin: manifest.Admin.Count > 0));
        if (manifest.Data is not null)
        {
            sources.Add(new MigrationSource(appLabel, MigrationRunner.Embedded(manifest.Assembly), IsBuiltIn: false));
        }

        return sources;
    }

    /// <summary>Micro's own migrations for <paramref name="dialect"/>.</summary>
    /// <exception cref="InvalidOperationException">Micro has none for this dialect.</exception>
    public static IReadOnlyList<MigrationSource> BuiltIn(SqlDialect dialect, bool admin = false)
    {
        var assembly = typeof(MigrationSource).Assembly;
        var sources = new List<MigrationSource>();
        foreach (var label in admin ? [.. BuiltInLabels, AdminLabel] : BuiltInLabels)
        {
            var prefix = $"{BuiltInResourcePrefix}{dialect.Name}/{label}/";
            var migrations = new List<Migration>();
            foreach (var resource in assembly.GetManifestResourceNames())
            {
                var name = resource.Replace('\\', '/');
                if (name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(Migration.Extension, StringComparison.Ordinal))
                {
                    migrations.Add(Read(assembly, resource));
                }
            }

            if (migrations.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Micro has no built-in '{label}' migrations for the {dialect.Name} dialect, so its users, groups and sessions can't be created in this database.");
            }

            sources.Add(new MigrationSource(label, [.. migrations.OrderBy(static m => m.Number).ThenBy(static m => m.Name, StringComparer.Ordinal)], IsBuiltIn: true));
        }

        return sources;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return Migration.Parse(Path.GetFileNameWithoutExtension(resource.Replace('\\', '/')), reader.ReadToEnd());
    }
}
