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

    /// <summary>
    /// The next line of standard output (null at its end). When none comes within <paramref name="timeout"/>, the test fails
    /// with what the process was doing: each thread's state, kernel wait channel and CPU time, the machine's load, and what
    /// the process wrote to standard error before it was killed.
    /// </summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        try
        {
            return await process.StandardOutput.ReadLineAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No line on standard output from process {process.Id} in {timeout.TotalSeconds:0} s.\n{await DescribeAndKillAsync()}");
        }
    }

    private async Task<string> DescribeAndKillAsync()
    {
        var text = new StringBuilder();
        text.Append("Load average: ").Append(ReadProc("/proc/loadavg")).Append('\n');
        var tasks = $"/proc/{process.Id}/task";
        if (!process.HasExited && Directory.Exists(tasks))
        {
            foreach (var task in Directory.EnumerateDirectories(tasks).Order(StringComparer.Ordinal))
            {
                // /proc/<pid>/task/<tid>/stat: the fields after the command's closing parenthesis start with the state;
                // user and system time are the 12th and 13th of them, in clock ticks.
                var stat = ReadProc(task + "/stat");
                var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var cpu = fields.Length > 12 ? $"{fields[11]}+{fields[12]} ticks" : "?";
                text.Append($"  thread {Path.GetFileName(task)} '{ReadProc(task + "/comm")}': state {(fields.Length > 0 ? fields[0] : "?")}, ")
                    .Append($"waiting in {ReadProc(task + "/wchan")}, cpu {cpu}\n");
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        try
        {
            text.Append("Standard error:\n").Append(await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // The test reads standard error itself, or the pipe stays open in a grandchild.
            text.Append("(standard error not read: ").Append(exception.Message).Append(')');
        }

        return text.ToString();
    }

    private static string ReadProc(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }

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
