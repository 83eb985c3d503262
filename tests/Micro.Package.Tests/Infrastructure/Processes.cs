using System.Diagnostics;
using System.Text;
using Micro.Tests.Processes;

namespace Micro.Package.Tests.Infrastructure;

/// <summary>What a finished process returned and wrote (standard output, then standard error).</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>The lines of the output that are compiler or MSBuild warnings.</summary>
    public string[] Warnings =>
        Output.Split('\n').Where(static line => line.Contains(": warning ", StringComparison.Ordinal)).Distinct().ToArray();

    public override string ToString() => $"{Command}\nexit {ExitCode}\n{Output}";
}

/// <summary>Runs commands as real processes, with a bounded time and an environment of their own.</summary>
public static class Processes
{
    public static async Task<ProcessResult> RunAsync(
        string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, string fileName, params string[] arguments)
    {
        var command = fileName + " " + string.Join(' ', arguments);
        using var process = Process.Start(StartInfo(workingDirectory, environment, fileName, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` in {workingDirectory} did not finish within {timeout}.");
        }

        return new ProcessResult(command, process.ExitCode, (await stdout + await stderr).Replace("\r\n", "\n"));
    }

    public static ProcessStartInfo StartInfo(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}

/// <summary>
/// A web server started by a command (<c>dotnet run</c>, a native binary) on a free loopback port: the command gets
/// <c>--urls http://127.0.0.1:0</c> and the address comes from ASP.NET Core's "Now listening on" line.
/// The process and its children are killed on dispose.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningServer(Process process) => _process = process;

    public HttpClient Client { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RunningServer> StartAsync(
        string workingDirectory, TimeSpan startTimeout, IReadOnlyDictionary<string, string> environment, string fileName, params string[] arguments)
    {
        var start = Processes.StartInfo(workingDirectory, environment, fileName, [.. arguments, "--urls", "http://127.0.0.1:0"]);
        var server = new RunningServer(Process.Start(start)!);
        try
        {
            server.Client.BaseAddress = new Uri(await ListeningLine.WaitAsync(server._process, server._output, startTimeout));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Client.Dispose();
    }
}
