using System.Net;
using Micro.Package.Tests.Infrastructure;

namespace Micro.Package.Tests;

/// <summary>
/// The README's first example, a one-file app.cs with #:package Micro, as printed: `dotnet run app.cs` makes its
/// migrations, migrates, runs its command and serves its route and template page; `dotnet project convert` grows it
/// into a project that does the same.
/// </summary>
[Collection(PackagesCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FileAppTests(PackageWorkspace workspace)
{
    /// <summary>The README's app.cs after `makemigrations`, `migrate` and `add-note "Buy milk"`.</summary>
    private Task<MigratedFileApp> App => workspace.SharedAsync("file app", async () =>
    {
        var app = FileApp.Create(workspace, "file-app");
        var make = await app.RunAsync("makemigrations");
        Assert.True(make.ExitCode == 0, make.ToString());
        var migrate = await app.RunAsync("migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        var added = await app.RunAsync("add-note", "Buy milk");
        Assert.True(added.ExitCode == 0, added.ToString());
        return new MigratedFileApp(app, make, migrate, added);
    });

    private Task<RunningServer> Server => workspace.SharedAsync("file app server", async () => await (await App).App.ServeAsync());

    [Fact]
    public async Task ReferencesTheVersionBeingPacked()
    {
        var app = await App;
        Assert.StartsWith($"#:sdk Microsoft.NET.Sdk.Web\n#:package Micro@{workspace.Version}\n", app.App.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MakesItsMigrationsBesideAppCsAndAppliesThem()
    {
        var app = await App;
        Assert.Contains("Create table Notes (Id, Title)", app.MakeMigrations.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.App.Folder, "migrations", "0001_initial.sql")), app.MakeMigrations.ToString());
        Assert.True(File.Exists(Path.Combine(app.App.Folder, "migrations", "snapshot.json")), app.MakeMigrations.ToString());

        // The migration just written is built into the app by the next `dotnet run app.cs`, without touching app.cs.
        Assert.Contains("Applying 0001_initial... OK", app.Migrate.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.App.Folder, "app.db")), app.Migrate.ToString());
    }

    [Fact]
    public async Task RunsItsCommand()
    {
        var app = await App;
        Assert.EndsWith("Added note 1.\n", app.AddNote.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServesItsRouteAndTemplatePage()
    {
        var server = await Server;
        Assert.Equal("Hello, Ada!", await server.Client.GetStringAsync("/?name=Ada"));

        var notes = await server.Client.GetAsync("/notes/");
        var html = await notes.Content.ReadAsStringAsync();
        Assert.True(notes.StatusCode == HttpStatusCode.OK, html + server.Output);
        Assert.Contains("<li>Buy milk</li>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">Home</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConvertsIntoAProjectThatBuildsAndBehavesTheSame()
    {
        // A copy of the app with its migrations (not its database), converted by the SDK's own command.
        var app = await App;
        var folder = workspace.NewFolder("converted");
        var files = Directory.EnumerateFiles(app.App.Folder, "*", SearchOption.AllDirectories)
            .Where(static f => !f.Contains("/artifacts/", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("app.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var target = Path.Combine(folder, Path.GetRelativePath(app.App.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var convert = await workspace.DotnetAsync(folder, "project", "convert", "app.cs");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        var project = Path.Combine(folder, "app");
        Assert.True(File.Exists(Path.Combine(project, "app.csproj")), convert.ToString());
        Assert.True(File.Exists(Path.Combine(project, "templates", "notes.html")), convert.ToString());
        Assert.True(File.Exists(Path.Combine(project, "migrations", "0001_initial.sql")), convert.ToString());

        var build = await workspace.DotnetAsync(project, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Warnings);

        var migrate = await workspace.DotnetAsync(project, "run", "--no-build", "--", "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("Applying 0001_initial... OK", migrate.Output, StringComparison.Ordinal);
        var added = await workspace.DotnetAsync(project, "run", "--no-build", "--", "add-note", "Converted");
        Assert.True(added.ExitCode == 0, added.ToString());

        await using var server = await workspace.StartDotnetAsync(project, "run", "--no-build", "--");
        Assert.Equal("Hello, Ada!", await server.Client.GetStringAsync("/?name=Ada"));
        Assert.Contains("<li>Converted</li>", await server.Client.GetStringAsync("/notes/"), StringComparison.Ordinal);
    }

    private sealed record MigratedFileApp(FileApp App, ProcessResult MakeMigrations, ProcessResult Migrate, ProcessResult AddNote);
}
