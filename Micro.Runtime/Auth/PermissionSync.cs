using Micro.Data;
using Micro.Data.Migrations;
using Micro.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>
/// Makes the view, add, change and delete permissions of every model, as Django's post_migrate signal: Micro's own (<c>auth.*_user</c>,
/// <c>sessions.*_session</c>) and the app's (<c>{label}.change_blogpost</c>, from the generated data model's list of models).
/// <c>migrate</c> runs it after applying migrations; it adds what is missing and never deletes.
/// </summary>
internal static class PermissionSync
{
    private static readonly string[] s_actions = ["view", "add", "change", "delete"];

    private static readonly (string Label, string Model)[] s_builtInModels =
    [
        ("auth", "User"),
        ("auth", "Group"),
        ("auth", "Permission"),
        ("sessions", "Session"),
    ];

    /// <summary>Every model's default permissions as (label, model class name).</summary>
    public static IEnumerable<(string Label, string Model)> Models(AppManifest manifest, string appLabel) =>
        s_builtInModels.Concat((manifest.Data?.Models ?? []).Select(model => (appLabel, model.Name)));

    public static void EnsureDefaultPermissions(IServiceProvider services, IDatabaseProvider provider)
    {
        // Only once Micro's auth tables exist.
        if (!new MigrationRunner(provider).Applied().Contains("auth.0001_initial"))
        {
            return;
        }

        var manifest = services.GetRequiredService<AppManifest>();
        var label = services.GetRequiredService<IOptions<MicroOptions>>().Value.AppLabelFor(manifest);
        using var scope = services.CreateScope();
        var auth = scope.ServiceProvider.GetRequiredService<AuthDb>();
        using var transaction = auth.BeginTransaction();
        var existing = auth.Permissions.ToList().Select(static p => p.FullName).ToHashSet(StringComparer.Ordinal);
        var missing = new List<Permission>();
        foreach (var (appLabel, model) in Models(manifest, label))
        {
            var lower = model.ToLowerInvariant();
            foreach (var action in s_actions)
            {
                var permission = new Permission
                {
                    AppLabel = appLabel,
                    Model = lower,
                    Codename = action + "_" + lower,
                    Name = $"Can {action} {Permission.VerboseName(model)}",
                };
                if (existing.Add(permission.FullName))
                {
                    missing.Add(permission);
                }
            }
        }

        if (missing.Count > 0)
        {
            auth.Permissions.BulkCreate(missing);
        }

        transaction.Commit();
    }
}
