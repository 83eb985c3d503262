using System.Net;
using Micro.Package.Tests.Infrastructure;

namespace Micro.Package.Tests;

/// <summary>
/// Apps made from the packages publish as one native binary with the ordinary commands (`dotnet publish -r linux-x64
/// -p:PublishAot=true`, `dotnet publish app.cs`): SQLite linked in, migrations and templates built in, nothing beside it.
/// </summary>
[Collection(PackagesCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativeTests(PackageWorkspace workspace)
{
    [Fact]
    public async Task ATemplateAppPublishesWithTheStandardCommandAndServesFromOneFile()
    {
        var app = await TemplateApp.CreateAsync(workspace, "native-site", "--database");
        var output = Path.Combine(app.Folder, "out");
        var publish = await workspace.DotnetAsync(app.Folder, "publish", "-r", "linux-x64", "-p:PublishAot=true", "-o", output);
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Empty(publish.Warnings);

        // The native compiler got the package's list of the types the host makes at run time (build/Micro.rd.xml).
        var compilerArguments = File.ReadAllLines(Directory.GetFiles(Path.Combine(app.Folder, "obj"), "native-site.ilc.rsp", SearchOption.AllDirectories).Single());
        var rdXml = Assert.Single(compilerArguments, static a => a.StartsWith("--rdxml:", StringComparison.Ordinal))["--rdxml:".Length..];
        Assert.StartsWith(Path.Combine(workspace.Environment["NUGET_PACKAGES"], "micro", workspace.Version) + "/", rdXml, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(workspace.RepositoryRoot, "Micro.Runtime", "build", "Micro.rd.xml")), File.ReadAllText(rdXml));

        await AssertOneNativeFileThatMigratesAndServesAsync(Path.Combine(output, "native-site"), async (client, run) =>
        {
            var added = await run(["add-note", "Native note"]);
            Assert.True(added.ExitCode == 0, added.ToString());
            var home = await client.GetStringAsync("/?name=Native");
            Assert.Contains("<h1>Hello, Native!</h1>", home, StringComparison.Ordinal);
            Assert.Contains("<li><strong>Native note</strong></li>", await client.GetStringAsync("/notes/"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AnAppCsPublishesWithDotnetPublishAndServesFromOneFile()
    {
        var app = FileApp.Create(workspace, "native-file-app");
        var make = await app.RunAsync("makemigrations");
        Assert.True(make.ExitCode == 0, make.ToString());

        var publish = await workspace.DotnetAsync(app.Folder, "publish", "app.cs");
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Empty(publish.Warnings);

        await AssertOneNativeFileThatMigratesAndServesAsync(Path.Combine(app.Folder, "artifacts", "app", "app"), async (client, run) =>
        {
            var added = await run(["add-note", "Native note"]);
            Assert.True(added.ExitCode == 0, added.ToString());
            Assert.Equal("Hello, Native!", await client.GetStringAsync("/?name=Native"));
            Assert.Contains("<li>Native note</li>", await client.GetStringAsync("/notes/"), StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// Copies the binary alone into an empty folder (no libe_sqlite3.so, no migrations, no templates beside it), migrates
    /// a new database with it, serves, and runs <paramref name="check"/> with an HTTP client and a way to run commands.
    /// </summary>
    private async Task AssertOneNativeFileThatMigratesAndServesAsync(
        string binary, Func<HttpClient, Func<string[], Task<ProcessResult>>, Task> check)
    {
        Assert.True(File.Exists(binary), binary + " was not published.");
        var beside = Directory.EnumerateFiles(Path.GetDirectoryName(binary)!).Select(Path.GetFileName).ToArray();
        Assert.DoesNotContain(beside, static name => name!.EndsWith(".so", StringComparison.Ordinal));

        var alone = workspace.NewFolder("run-" + Path.GetFileName(binary) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var copy = Path.Combine(alone, Path.GetFileName(binary));
        File.Copy(binary, copy); // with its permissions: it stays executable
        var environment = new Dictionary<string, string>(workspace.Environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        Task<ProcessResult> Run(params string[] arguments) => Processes.RunAsync(alone, PackageWorkspace.CommandTimeout, environment, copy, arguments);

        var migrate = await Run("migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("Applying 0001_initial... OK", migrate.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(alone, "app.db")), migrate.ToString());

        await using var server = await RunningServer.StartAsync(alone, PackageWorkspace.CommandTimeout, environment, copy);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/no/such/page/")).StatusCode);
        await check(server.Client, Run);
    }
}
