using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Micro.Commands;

/// <summary>Show the versions of the app, Micro and .NET.</summary>
[Command]
internal static class VersionCommand
{
    /// <summary>Prints one line per component.</summary>
    /// <param name="context">The running command.</param>
    public static void Run(CommandContext context)
    {
        var app = context.Manifest.Assembly;
        context.Out.WriteLine($"{app.GetName().Name} {VersionOf(app)}");
        context.Out.WriteLine($"Micro {VersionOf(typeof(VersionCommand).Assembly)}");
        context.Out.WriteLine($".NET {Environment.Version} ({RuntimeInformation.RuntimeIdentifier}{(RuntimeFeature.IsDynamicCodeSupported ? "" : ", native")})");
    }

    /// <summary>The informational version without the source revision that the SDK may append after '+'.</summary>
    private static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
