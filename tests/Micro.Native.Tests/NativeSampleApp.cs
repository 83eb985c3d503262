using System.Diagnostics;
using System.Text;
using Micro.Tests.Processes;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>
/// Publishes an app as a NativeAOT binary once (into its own artifacts folder, so it never races a JIT
/// build of the same projects) and starts it on a free loopback port.
/// </summary>
public abstract class NativeApp(string project, string binaryName) : IAsyncLifetime
{
    private Process? _server;
    private string? _artifacts;
    private readonly StringBuilder _serverOutput = new();

    /// <summary>Where the app runs: its working directory and the place for its files (a database).</summary>
    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("micro-native-run-").FullName;

    /// <summary>Environment variables for every run of the binary.</summary>
    protected Dictionary<string, string> Environment { get; } = [];

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
            "publish", project, "-r", "linux-x64", "-p:MicroNative=true", "--artifacts-path", artifacts, "-o", output);
        PublishOutput = publish.Output;
        Assert.True(publish.ExitCode == 0, "The native publish failed:\n" + publish.Output);
        BinaryPath = Path.Combine(output, binaryName);
        await BeforeServingAsync();

        // The published folder is the content root (appsettings.json); files the app writes go to WorkingDirectory.
        var start = new ProcessStartInfo(BinaryPath, ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--contentRoot", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory,
        };
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        _server = Process.Start(start)!;
        var address = await ListeningLine.WaitAsync(_server, _serverOutput, TimeSpan.FromSeconds(30));
        Client.BaseAddress = new Uri(address);
    }

    /// <summary>Runs before the server starts, with the binary published (for example <c>migrate</c>).</summary>
    protected virtual Task BeforeServingAsync() => Task.CompletedTask;

    /// <summary>Runs the published binary with <paramref name="arguments"/> (a command) to completion.</summary>
    public Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments) =>
        RunAsync(BinaryPath, WorkingDirectory, TimeSpan.FromSeconds(60), Environment, arguments);

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        Client.Dispose();
        foreach (var directory in new[] { _artifacts, WorkingDirectory })
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs a process to completion and returns its exit code and combined output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(fileName, workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
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
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        finally
        {
            // Never leave a child running, whatever ended the wait.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
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

/// <summary>The sample app: every routing feature, the app's commands, and its blog, migrated by the binary.</summary>
public sealed class NativeSampleApp : NativeApp
{
    /// <summary>The password of the superuser <c>admin</c>, made by the binary's createsuperuser before it serves.</summary>
    public const string AdminPassword = "a native passphrase";

    public NativeSampleApp()
        : base("sample-app", "sample-app")
    {
        Environment["ConnectionStrings__Default"] = "Data Source=" + Path.Combine(WorkingDirectory, "app.db");

        // Production, with the API's OpenAPI document and its page asked for.
        Environment["Micro__OpenApi__Enabled"] = "true";

        // Mail (password reset links) written to files the tests read.
        Environment["Micro__Email__Backend"] = "File";
        Environment["Micro__Email__FilePath"] = MailFolder;

        // Uploads stored beside the database, not in the published folder.
        Environment["Micro__MediaRoot"] = MediaRoot;
    }

    /// <summary>Where the binary stores uploaded files (its media root).</summary>
    public string MediaRoot => Path.Combine(WorkingDirectory, "media");

    /// <summary>Where the binary writes the emails it sends, one file each.</summary>
    public string MailFolder => Path.Combine(WorkingDirectory, "mail");

    protected override async Task BeforeServingAsync()
    {
        var migrate = await RunCommandAsync("migrate");
        Assert.True(migrate.ExitCode == 0, "migrate failed:\n" + migrate.Output);
        Environment["MICRO_SUPERUSER_PASSWORD"] = AdminPassword;
        var superuser = await RunCommandAsync("createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.com");
        var forgetful = await RunCommandAsync("createsuperuser", "--noinput", "--username", "forgetful", "--email", "forgetful@example.com");
        Environment.Remove("MICRO_SUPERUSER_PASSWORD");
        Assert.True(superuser.ExitCode == 0, "createsuperuser failed:\n" + superuser.Output);
        Assert.True(forgetful.ExitCode == 0, "createsuperuser failed:\n" + forgetful.Output);
    }
}

/// <summary>
/// The blog of the data tests, with models and committed migrations: the binary migrates a new SQLite
/// file with nothing beside it (migrations are embedded), then serves from it.
/// </summary>
public sealed class NativeBlogApp : NativeApp
{
    public NativeBlogApp()
        : base("tests/BlogApp", "BlogApp") =>
        Environment["ConnectionStrings__Default"] = "Data Source=" + Path.Combine(WorkingDirectory, "blog.db");

    public string MigrateOutput { get; private set; } = "";

    protected override async Task BeforeServingAsync()
    {
        var migrate = await RunCommandAsync("migrate");
        MigrateOutput = migrate.Output;
        Assert.True(migrate.ExitCode == 0, "migrate failed:\n" + migrate.Output);
    }
}
