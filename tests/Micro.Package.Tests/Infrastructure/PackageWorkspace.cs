using System.Reflection;
using System.Security;

namespace Micro.Package.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackageWorkspace>
{
    public const string Name = "packages";
}

/// <summary>
/// The packages as a user gets them: packs Micro and Micro.Templates into artifacts/packages (as `dotnet pack` at the
/// repository root does), then makes a folder outside the repository whose nuget.config points at artifacts/packages and
/// at the machine's usual package sources. Apps made under <see cref="Root"/> see no file or setting of the repository.
/// </summary>
/// <remarks>
/// Packages of one version are cached by NuGet forever, so the apps restore into a package folder of their own: a Micro
/// built by an earlier run (or by a developer's quick start) can't stand in for the one just packed. The machine's
/// package folder is one of the sources, mapped to every package but Micro's, so the rest restores without downloads.
/// </remarks>
public sealed class PackageWorkspace : IAsyncLifetime
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, Task> _shared = [];
    private readonly List<IAsyncDisposable> _disposables = [];

    public PackageWorkspace()
    {
        var metadata = typeof(PackageWorkspace).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(static a => a.Key, static a => a.Value);
        RepositoryRoot = metadata["RepositoryRoot"]!;
        Version = metadata["MicroVersion"]!;
        Root = Directory.CreateTempSubdirectory("micro-package-").FullName;
        _environment = new()
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
    }

    public string RepositoryRoot { get; }

    /// <summary>The version the packages get (MicroVersion in Directory.Build.props).</summary>
    public string Version { get; }

    public string PackagesFolder => Path.Combine(RepositoryRoot, "artifacts", "packages");

    public string MicroPackage => Path.Combine(PackagesFolder, $"Micro.{Version}.nupkg");

    public string MicroSymbolsPackage => Path.Combine(PackagesFolder, $"Micro.{Version}.snupkg");

    public string TemplatesPackage => Path.Combine(PackagesFolder, $"Micro.Templates.{Version}.nupkg");

    /// <summary>The folder outside the repository where the apps are made.</summary>
    public string Root { get; }

    /// <summary>Where `dotnet new` keeps its installed templates for these tests (not the user's own list).</summary>
    public string TemplateHive => Path.Combine(Root, ".template-hive");

    /// <summary>The output of the two `dotnet pack` runs.</summary>
    public string PackOutput { get; private set; } = "";

    public IReadOnlyDictionary<string, string> Environment => _environment;

    public async Task InitializeAsync()
    {
        // The machine's own NuGet settings, asked before this folder has a nuget.config and a package folder of its own.
        var sources = await DotnetAsync(Root, "nuget", "list", "source", "--format", "short");
        var locals = await DotnetAsync(Root, "nuget", "locals", "global-packages", "--list");
        Assert.True(sources.ExitCode == 0 && locals.ExitCode == 0, sources + "\n" + locals);

        // Packed into their own build folder, so that they never race the Debug builds of the same projects.
        var build = Path.Combine(RepositoryRoot, "artifacts", "package-tests");
        foreach (var project in new[] { "Micro.Runtime/Micro.Runtime.csproj", "templates/Micro.Templates.csproj" })
        {
            var pack = await DotnetAsync(RepositoryRoot, "pack", project, "--artifacts-path", build);
            PackOutput += pack.Output;
            Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack);
        }

        _environment["NUGET_PACKAGES"] = Path.Combine(Root, ".nuget-packages");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), NuGetConfig(
            usualSources: sources.Output.Split('\n').Where(static line => line.StartsWith("E ", StringComparison.Ordinal)).Select(static line => line[2..].Trim()),
            machinePackages: locals.Output.Split("global-packages:", 2).ElementAtOrDefault(1)?.Trim()));
    }

    private string NuGetConfig(IEnumerable<string> usualSources, string? machinePackages)
    {
        var sources = new List<(string Key, string Value)>();
        if (machinePackages is { Length: > 0 } && Directory.Exists(machinePackages))
        {
            sources.Add(("machine-packages", machinePackages));
        }

        sources.AddRange(usualSources.Select(static (source, i) => ($"source{i + 1}", source)));
        static string Xml(string value) => SecurityElement.Escape(value);
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="micro" value="{Xml(PackagesFolder)}" />
            {string.Concat(sources.Select(static s => $"    <add key=\"{s.Key}\" value=\"{Xml(s.Value)}\" />\n"))}  </packageSources>
              <packageSourceMapping>
                <packageSource key="micro">
                  <package pattern="Micro" />
                  <package pattern="Micro.Templates" />
                </packageSource>
            {string.Concat(sources.Select(static s => $"    <packageSource key=\"{s.Key}\">\n      <package pattern=\"*\" />\n    </packageSource>\n"))}  </packageSourceMapping>
            </configuration>
            """;
    }

    /// <summary>A new, empty folder under <see cref="Root"/>.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    public Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] arguments) =>
        Processes.RunAsync(workingDirectory, BuildTimeout, Environment, "dotnet", arguments);

    /// <summary>Starts a server with <c>dotnet</c> and these arguments (for example <c>run app.cs</c>) on a free port.</summary>
    public Task<RunningServer> StartDotnetAsync(string workingDirectory, params string[] arguments) =>
        RunningServer.StartAsync(workingDirectory, BuildTimeout, Environment, "dotnet", arguments);

    /// <summary>
    /// One app (or server) for every test that asks for <paramref name="key"/>: made on first use, disposed with the
    /// workspace when it is <see cref="IAsyncDisposable"/>.
    /// </summary>
    public Task<T> SharedAsync<T>(string key, Func<Task<T>> create)
    {
        lock (_shared)
        {
            if (!_shared.TryGetValue(key, out var task))
            {
                _shared[key] = task = CreateAndTrackAsync(create);
            }

            return (Task<T>)task;
        }
    }

    private async Task<T> CreateAndTrackAsync<T>(Func<Task<T>> create)
    {
        var value = await create();
        if (value is IAsyncDisposable disposable)
        {
            lock (_disposables)
            {
                _disposables.Add(disposable);
            }
        }

        return value;
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        DeleteFileBasedAppOutputs();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// `dotnet run app.cs` builds into a folder of the user's (one per app.cs path). Best effort: remove those of the
    /// app.cs files made here, found by the entry point path the SDK writes into build-start.cache.
    /// </summary>
    private void DeleteFileBasedAppOutputs()
    {
        var runFiles = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData), "dotnet", "runfile");
        if (!Directory.Exists(runFiles))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(runFiles))
        {
            try
            {
                var marker = Path.Combine(folder, "build-start.cache");
                if (File.Exists(marker) && File.ReadAllText(marker).StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
