using Micro.Admin;
using Micro.Auth;
using Micro.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.Data.Fixtures;

/// <summary>
/// A many-to-many field in fixtures: the keys of the rows a row is linked to through a link table, as Django writes
/// <c>"groups": [1, 2]</c> (or, with natural keys, <c>"groups": [["editors"]]</c>).
/// </summary>
/// <param name="Owner">The model whose rows have the field.</param>
/// <param name="Field">The field's name in <c>fields</c>.</param>
/// <param name="Table">The link table.</param>
/// <param name="OwnColumn">The link table's column holding the owner's key.</param>
/// <param name="OtherColumn">The link table's column holding the linked row's key.</param>
/// <param name="Target">The model linked to.</param>
internal sealed record FixtureLink(ModelInfo Owner, string Field, string Table, string OwnColumn, string OtherColumn, ModelInfo Target)
{
    /// <summary>The target's natural key (Django's <c>natural_key()</c>): a permission's codename, app label and model; a group's name.</summary>
    public IReadOnlyList<ColumnInfo> NaturalKey { get; } = ReferenceEquals(Target, PermissionModel.Instance)
        ? [PermissionModel.CodenameColumn, PermissionModel.AppLabelColumn, PermissionModel.ModelColumn]
        : [GroupModel.NameColumn];
}

/// <summary>
/// The models fixtures hold: the app's under its label, and Micro's under Django's labels (<c>auth.user</c>, <c>auth.group</c>,
/// <c>auth.permission</c>, <c>sessions.session</c>, <c>admin.logentry</c>), with their many-to-many fields; and where fixture files are found.
/// </summary>
internal sealed class FixtureModels
{
    /// <summary>Micro's models, each after those it refers to.</summary>
    private static readonly (string Label, ModelInfo Model)[] s_micro =
    [
        ("auth", PermissionModel.Instance),
        ("auth", GroupModel.Instance),
        ("auth", UserModel.Instance),
        ("sessions", SessionRecordModel.Instance),
        ("admin", LogEntryModel.Instance),
    ];

    private static readonly FixtureLink[] s_links =
    [
        new(GroupModel.Instance, "permissions", "auth_group_permissions", "group_id", "permission_id", PermissionModel.Instance),
        new(UserModel.Instance, "groups", "auth_user_groups", "user_id", "group_id", GroupModel.Instance),
        new(UserModel.Instance, "user_permissions", "auth_user_user_permissions", "user_id", "permission_id", PermissionModel.Instance),
    ];

    private readonly string _label;
    private readonly string _folder;
    private readonly Dictionary<ModelInfo, string> _labels = [];

    private FixtureModels(string label, IReadOnlyList<ModelInfo> app, string folder)
    {
        _label = label;
        _folder = folder;
        App = app;
        foreach (var model in app)
        {
            _labels[model] = label;
        }

        foreach (var (micro, model) in s_micro)
        {
            _labels[model] = micro;
        }

        All = [.. app, .. s_micro.Select(static m => m.Model)];
    }

    /// <summary>Every model fixtures may hold: the app's, then Micro's.</summary>
    public IReadOnlyList<ModelInfo> All { get; }

    /// <summary>The app's own models.</summary>
    public IReadOnlyList<ModelInfo> App { get; }

    /// <summary>The tables of every model fixtures may hold and of the many-to-many links (the tables flush empties).</summary>
    public IEnumerable<string> Tables => All.Select(static m => m.Table).Concat(s_links.Select(static l => l.Table)).Distinct(StringComparer.Ordinal);

    public static FixtureModels From(IServiceProvider services)
    {
        var manifest = services.GetRequiredService<Hosting.AppManifest>();
        var label = services.GetRequiredService<IOptions<MicroOptions>>().Value.AppLabelFor(manifest);
        return new FixtureModels(label, manifest.Data?.Models ?? [], Migrations.MigrationCommands.ProjectFolder(services, manifest, "fixtures"));
    }

    /// <summary>The many-to-many fields of <paramref name="model"/> (a user's groups and permissions, a group's permissions).</summary>
    public static IEnumerable<FixtureLink> Links(ModelInfo model) => s_links.Where(link => ReferenceEquals(link.Owner, model));

    /// <summary>The many-to-many field whose link table is <paramref name="table"/>, if it is one.</summary>
    public static FixtureLink? LinkOfTable(string table) => s_links.FirstOrDefault(link => link.Table == table);

    public string Name(ModelInfo model) => Fixture.ModelName(_labels[model], model);

    /// <summary>The models a fixture may name, for errors: the app's, then Micro's.</summary>
    public string Names() =>
        (App.Count == 0 ? "" : string.Join(", ", App.Select(Name)) + "; ") + "Micro's: " + string.Join(", ", s_micro.Select(m => Name(m.Model)));

    /// <summary>
    /// The models <c>dumpdata</c> writes, in the order it writes them (each after the models it refers to): those named (a label is all
    /// of its models), less those excluded; without names, the app's models and those of Micro's whose tables <paramref name="tables"/>
    /// has. Null with a problem to show.
    /// </summary>
    public List<ModelInfo>? Choose(string[] names, string[] excluded, IReadOnlySet<string> tables, out string problem)
    {
        problem = "";
        var chosen = new List<ModelInfo>();
        if (names.Length == 0)
        {
            // The app's models always (a database without their tables is an error); Micro's when migrate has made their tables.
            chosen.AddRange(All.Where(m => App.Contains(m) || tables.Contains(m.Table)));
        }

        foreach (var name in names)
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

        // Micro's models refer only to Micro's, and come first; the app's follow in the order of their references.
        return [.. s_micro.Select(static m => m.Model).Where(chosen.Contains), .. Fixture.InDependencyOrder([.. App.Where(chosen.Contains)])];
    }

    /// <summary>The models <c>loaddata --exclude</c> names (labels or models); null with a problem to show when a name is none.</summary>
    public HashSet<ModelInfo>? Excluded(IReadOnlyList<string> names, out string problem)
    {
        problem = "";
        var excluded = new HashSet<ModelInfo>();
        foreach (var name in names)
        {
            if (Matching(name) is not { } models)
            {
                problem = Unknown(name);
                return null;
            }

            excluded.UnionWith(models);
        }

        return excluded;
    }

    private List<ModelInfo>? Matching(string name)
    {
        var labelled = All.Where(m => string.Equals(_labels[m], name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (labelled.Count > 0)
        {
            return labelled;
        }

        return All.FirstOrDefault(m => string.Equals(Name(m), name, StringComparison.OrdinalIgnoreCase)) is { } model ? [model] : null;
    }

    private string Unknown(string name) =>
        $"No model or app label '{name}'. The app label is {_label}; its models are: {(App.Count == 0 ? "none" : string.Join(", ", App.Select(Name)))}. " +
        $"Micro's are: {string.Join(", ", s_micro.Select(m => Name(m.Model)))}.";

    /// <summary>The fixture's file: the path as given, else under the project's <c>fixtures/</c> folder, each with ".json" added when it has no extension.</summary>
    public string? Find(string fixture, out string looked)
    {
        var names = Path.HasExtension(fixture) ? [fixture] : new[] { fixture, fixture + ".json" };
        var candidates = names.Concat(names.Where(static n => !Path.IsPathRooted(n)).Select(n => Path.Combine(_folder, n))).Distinct().ToList();
        looked = string.Join(", ", candidates.Select(Path.GetFullPath));
        return candidates.FirstOrDefault(File.Exists);
    }
}
