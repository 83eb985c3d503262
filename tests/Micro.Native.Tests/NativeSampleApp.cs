using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>
/// Publishes sample-app as a NativeAOT binary once (into its own artifacts folder, so it never races
/// a JIT build of the same projects) and starts it on a free loopback port.
/// </summary>
public sealed class NativeSampleApp : IAsyncLifetime
{
    private Process? _server;
    private string? _artifacts;
    private readonly StringBuilder _serverOutput = new();

    public string PublishOutput { get; private set; } = "";

    public string BinaryPath { get; private set; } = "";

    public HttpClient Client { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public string ServerOutput
    {
        get
        {
            lock (_serverOutput)
            {
                return _serverOutput.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var artifacts = _artifacts = Path.Combine(Path.GetTempPath(), "micro-native-" + Guid.NewGuid().ToString("N"));
        var output = Path.Combine(artifacts, "out");
        var publish = await RunAsync("dotnet", root, TimeSpan.FromMinutes(10),
            "publish", "sample-app", "-r", "linux-x64", "-p:MicroNative=true", "--artifacts-path", artifacts, "-o", output);
        PublishOutput = publish.Output;
        Assert.True(publish.ExitCode == 0, "The native publish failed:\n" + publish.Output);
        BinaryPath = Path.Combine(output, "sample-app");

        _server = Process.Start(new ProcessStartInfo(BinaryPath, ["--urls", "http://127.0.0.1:0", "--environment", "Production"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = output,
        })!;
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_serverOutput)
            {
                _serverOutput.AppendLine(e.Data);
            }

            var match = Regex.Match(e.Data, @"Now listening on: (http://\S+)");
            if (match.Success)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }

        _server.OutputDataReceived += OnLine;
        _server.ErrorDataReceived += OnLine;
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Client.BaseAddress = new Uri(address);
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        Client.Dispose();
        if (_artifacts is not null && Directory.Exists(_artifacts))
        {
            Directory.Delete(_artifacts, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs a process to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        using var process = Process.Start(start)!;
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
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Micro.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Micro.sln was not found above " + AppContext.BaseDirectory);
    }
}
