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

    /// <summary>The built TestRunnerApp.dll, an app that is <c>return MicroApp.Run(args);</c> and its routes, tests and models.</summary>
    public static string RunApp { get; } = typeof(SampleAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "TestRunnerApp").Value!;

    /// <summary>How to start it with <paramref name="args"/>, output redirected, in a predictable environment.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args) => StartInfo(Assembly, args);

    /// <summary>As <see cref="StartInfo(IEnumerable{string})"/>, for the app built into <paramref name="assembly"/>.</summary>
    public static ProcessStartInfo StartInfo(string assembly, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(assembly);
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

    /// <summary>Runs <paramref name="start"/> to its end, killing it (and its children) if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<CommandResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}

/// <summary>A child process that never outlives its test: disposing it kills it (and its children) if it still runs.</summary>
internal sealed class ChildProcess(Process process) : IDisposable
{
    public int Id => process.Id;

    public int ExitCode => process.ExitCode;

    public StreamWriter StandardInput => process.StandardInput;

    public StreamReader StandardOutput => process.StandardOutput;

    public StreamReader StandardError => process.StandardError;

    public Task WaitForExitAsync() => process.WaitForExitAsync();

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}
