using System.Runtime.InteropServices;
using Micro.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Commands;

/// <summary>
/// Micro's built-in commands (<c>runserver</c>, <c>routes</c>, <c>check</c>, <c>version</c>, <c>help</c>...)
/// next to an app's own. Built-ins are <see cref="CommandAttribute"/> classes in Micro.Runtime, registered
/// by the same generator as an app's commands.
/// </summary>
public static class CommandRegistry
{
    private static readonly CommandDefinition[] s_builtIns = BuiltInCommands.Create();

    public static IReadOnlyList<CommandDefinition> BuiltIns => s_builtIns;

    /// <summary>The app's commands and the built-ins, sorted by name; a built-in wins a name clash (the generator reports those).</summary>
    public static IReadOnlyList<CommandDefinition> For(AppManifest manifest)
    {
        var byName = new Dictionary<string, CommandDefinition>(StringComparer.Ordinal);
        foreach (var command in manifest.Commands)
        {
            byName[command.Name] = command;
        }

        foreach (var command in BuiltIns)
        {
            byName[command.Name] = command;
        }

        return [.. byName.Values.OrderBy(static c => c.Name, StringComparer.Ordinal)];
    }

    internal static bool IsBuiltIn(CommandDefinition command) => Array.IndexOf(s_builtIns, command) >= 0;
}
