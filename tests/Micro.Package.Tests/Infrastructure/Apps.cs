namespace Micro.Package.Tests.Infrastructure;

/// <summary>A project made by `dotnet new micro` under the workspace, built once.</summary>
public sealed class TemplateApp
{
    private readonly PackageWorkspace _workspace;

    private TemplateApp(PackageWorkspace workspace, string name, ProcessResult creation, string[] files, ProcessResult build)
    {
        _workspace = workspace;
        Name = name;
        Folder = Path.Combine(workspace.Root, name);
        Creation = creation;
        Files = files;
        Build = build;
    }

    public string Name { get; }

    public string Folder { get; }

    public ProcessResult Creation { get; }

    /// <summary>The files the template made, relative to the app's folder, sorted.</summary>
    public string[] Files { get; }

    public ProcessResult Build { get; }

    /// <summary>Installs Micro.Templates from its package file (once), as `dotnet new install path.nupkg` does offline.</summary>
    public static Task<ProcessResult> InstallTemplatesAsync(PackageWorkspace workspace) =>
        workspace.SharedAsync("templates installed", async () =>
        {
            var install = await workspace.DotnetAsync(workspace.Root, "new", "install", workspace.TemplatesPackage, "--debug:custom-hive", workspace.TemplateHive);
            Assert.True(install.ExitCode == 0, install.ToString());
            return install;
        });

    /// <summary>`dotnet new micro -o NAME OPTIONS`, then `dotnet build`.</summary>
    public static async Task<TemplateApp> CreateAsync(PackageWorkspace workspace, string name, params string[] options)
    {
        await InstallTemplatesAsync(workspace);
        var creation = await workspace.DotnetAsync(workspace.Root, ["new", "micro", "-o", name, .. options, "--debug:custom-hive", workspace.TemplateHive]);
        Assert.True(creation.ExitCode == 0, creation.ToString());
        var folder = Path.Combine(workspace.Root, name);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var build = await workspace.DotnetAsync(folder, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        return new TemplateApp(workspace, name, creation, files, build);
    }

    /// <summary>`dotnet run --no-build -- ARGS`: a command of the app.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        _workspace.DotnetAsync(Folder, ["run", "--no-build", "--", .. arguments]);

    /// <summary>`dotnet run --no-build`: the app's server, on a free port.</summary>
    public Task<RunningServer> ServeAsync() => _workspace.StartDotnetAsync(Folder, "run", "--no-build", "--");
}

/// <summary>The README's one-file app (app.cs and templates/notes.html, as printed) in a folder of its own.</summary>
public sealed class FileApp
{
    private readonly PackageWorkspace _workspace;

    private FileApp(PackageWorkspace workspace, string folder)
    {
        _workspace = workspace;
        Folder = folder;
    }

    public string Folder { get; }

    public string Source => File.ReadAllText(Path.Combine(Folder, "app.cs"));

    public static FileApp Create(PackageWorkspace workspace, string name)
    {
        var folder = workspace.NewFolder(name);
        Readme.Write(workspace.RepositoryRoot, "app.cs", folder);
        Readme.Write(workspace.RepositoryRoot, "templates/notes.html", folder);
        return new FileApp(workspace, folder);
    }

    /// <summary>`dotnet run app.cs -- ARGS`.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        _workspace.DotnetAsync(Folder, ["run", "app.cs", "--", .. arguments]);

    /// <summary>`dotnet run app.cs`: the app's server, on a free port.</summary>
    public Task<RunningServer> ServeAsync() => _workspace.StartDotnetAsync(Folder, "run", "app.cs", "--");
}
