using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Micro.Cli.Tests;

/// <summary>The sample app as a real process: <c>dotnet sample-app.dll &lt;args&gt;</c> in its output folder.</summary>
internal static class SampleAppProcess
{
    /// <summary>The built sample-app.dll.</summary>
    public static string Assembly { get; } = typeof(SampleAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "sample-app").Value!;

    /// <summary>How to start it with <paramref name="args"/>, output redirected, in a predictable environment.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The sample app's launch settings don't apply to `dotnet app.dll`; keep the environment predictable.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");
        return start;
    }
}
