using System.Net;
using System.Text.Json;
using Micro.Package.Tests.Infrastructure;

namespace Micro.Package.Tests;

/// <summary>`dotnet new micro`, installed offline from the built package, makes apps that build, serve, run commands and migrate.</summary>
[Collection(PackagesCollection.Name)]
[Trait("Category", "Slow")]
public sealed class TemplateTests(PackageWorkspace workspace)
{
    /// <summary>The database-backed app most tests use: `dotnet new micro --database`.</summary>
    private Task<TemplateApp> Site => workspace.SharedAsync("template app", () => TemplateApp.CreateAsync(workspace, "site", "--database"));

    private Task<RunningServer> Server => workspace.SharedAsync("template app server", async () => await (await Site).ServeAsync());

    [Fact]
    public async Task InstallsOfflineFromThePackageFile()
    {
        var install = await TemplateApp.InstallTemplatesAsync(workspace);
        Assert.Contains($"Micro.Templates@{workspace.Version}", install.Output, StringComparison.Ordinal);
        Assert.Contains("micro", install.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", new string[0], new[] { ".gitignore", "Program.cs", "Properties/launchSettings.json", "appsettings.json", "plain.csproj", "templates/base.html", "templates/home.html" })]
    [InlineData("minimal", new[] { "--minimal" }, new[] { ".gitignore", "Program.cs", "Properties/launchSettings.json", "minimal.csproj" })]
    [InlineData("minimal-db", new[] { "--minimal", "--database" }, new[] { ".gitignore", "Program.cs", "Properties/launchSettings.json", "migrations/0001_initial.sql", "migrations/snapshot.json", "minimal-db.csproj" })]
    public async Task EachVariantHasItsFilesAndBuildsWithoutWarnings(string name, string[] options, string[] files)
    {
        var app = await TemplateApp.CreateAsync(workspace, name, options);
        Assert.Equal(files, app.Files);
        Assert.Empty(app.Build.Warnings);
        Assert.Contains($"<PackageReference Include=\"Micro\" Version=\"{workspace.Version}\" />", File.ReadAllText(Path.Combine(app.Folder, name + ".csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabaseAppHasEveryFileAndBuildsWithoutWarnings()
    {
        var app = await Site;
        Assert.Equal(
            [
                ".gitignore", "Program.cs", "Properties/launchSettings.json", "appsettings.json", "migrations/0001_initial.sql",
                "migrations/snapshot.json", "site.csproj", "templates/base.html", "templates/home.html", "templates/notes.html",
            ],
            app.Files);
        Assert.Empty(app.Build.Warnings);
    }

    [Fact]
    public async Task ServesARouteAndATemplatePage()
    {
        var server = await Server;
        var home = await server.Client.GetAsync("/?name=Ada");
        var html = await home.Content.ReadAsStringAsync();
        Assert.True(home.StatusCode == HttpStatusCode.OK, html + server.Output);
        Assert.Equal("text/html; charset=utf-8", home.Content.Headers.ContentType?.ToString());
        Assert.Contains("<title>site</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Hello, Ada!</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/hello/Ada/\">", html, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/api/hello/Grace/"));
        Assert.Equal("Hello, Grace!", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("/", json.RootElement.GetProperty("home").GetString());
    }

    [Fact]
    public async Task RunsACommand()
    {
        var greet = await (await Site).RunAsync("greet", "Ada", "--times", "2");
        Assert.True(greet.ExitCode == 0, greet.ToString());
        Assert.EndsWith("Hello, Ada!\nHello, Ada!\n", greet.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsItsOwnTests()
    {
        var test = await (await Site).RunAsync("test");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Found 2 test(s).\n..\n", test.Output, StringComparison.Ordinal);
        Assert.EndsWith("\nOK\n", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigratesWithItsFirstMigrationAndServesFromTheDatabase()
    {
        var app = await Site;
        var migrate = await app.RunAsync("migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.True(File.Exists(Path.Combine(app.Folder, "app.db")), migrate.ToString());

        var shown = await app.RunAsync("showmigrations");
        Assert.Contains("[X] 0001_initial", shown.Output, StringComparison.Ordinal);

        // The migration the template ships is what makemigrations makes of its model.
        var check = await app.RunAsync("makemigrations", "--check");
        Assert.True(check.ExitCode == 0, check.ToString());

        var added = await app.RunAsync("add-note", "Template note", "--body", "from the command line");
        Assert.True(added.ExitCode == 0, added.ToString());

        var server = await Server;
        var notes = await server.Client.GetStringAsync("/notes/");
        Assert.Contains("<li><strong>Template note</strong>: from the command line</li>", notes, StringComparison.Ordinal);

        // The project's .gitignore leaves out what building, migrating and running made (the database, its WAL files and
        // migrate's lock file, bin/ and obj/): git would add only the project's own files.
        var environment = new Dictionary<string, string>();
        var init = await Processes.RunAsync(app.Folder, TimeSpan.FromMinutes(1), environment, "git", "init", "-q");
        Assert.True(init.ExitCode == 0, init.ToString());
        var status = await Processes.RunAsync(app.Folder, TimeSpan.FromMinutes(1), environment, "git", "status", "--porcelain", "--untracked-files=all");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(app.Files.Select(static file => "?? " + file), status.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }
}
