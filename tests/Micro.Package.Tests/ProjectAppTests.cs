using System.Net.Http.Json;
using System.Text.Json;
using Micro.Package.Tests.Infrastructure;

namespace Micro.Package.Tests;

/// <summary>
/// An app outside the repository is an ordinary ASP.NET Core project: the README's project file and example, as printed,
/// with ordinary ASP.NET Core code beside them, build with the SDK's defaults and no warning, and run.
/// </summary>
[Collection(PackagesCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ProjectAppTests(PackageWorkspace workspace)
{
    /// <summary>What any web app may do: sessions, authorization, a minimal API lambda, next to Micro's routes.</summary>
    private const string OrdinaryAspNetCore = """
        using Micro;

        public static class Ordinary
        {
            public static MicroApplication Build(string[] args)
            {
                var builder = MicroApp.CreateBuilder(args);
                builder.Services.AddDistributedMemoryCache();
                builder.Services.AddSession();
                builder.Services.AddAuthorization();
                var app = builder.Build();
                app.UseSession();
                app.UseAuthorization();
                app.MapGet("/ping", (HttpContext context) => Results.Text("pong from " + context.Request.Path));
                return app;
            }
        }
        """;

    [Fact]
    public async Task TheReadmesProjectBuildsAsPrintedBesideOrdinaryAspNetCoreCodeAndServes()
    {
        var folder = workspace.NewFolder("readme-project");
        Readme.Write(workspace.RepositoryRoot, "MySite.csproj", folder);
        Readme.Write(workspace.RepositoryRoot, "Program.cs", folder);
        File.WriteAllText(Path.Combine(folder, "Ordinary.cs"), OrdinaryAspNetCore);
        Assert.Contains($"<PackageReference Include=\"Micro\" Version=\"{workspace.Version}\" />", Readme.File(workspace.RepositoryRoot, "MySite.csproj"), StringComparison.Ordinal);

        var build = await workspace.DotnetAsync(folder, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Warnings);

        await using var server = await workspace.StartDotnetAsync(folder, "run", "--no-build", "--");
        Assert.Equal("Hello, Ada!", await server.Client.GetStringAsync("/?name=Ada"));
        using var archive = JsonDocument.Parse(await server.Client.GetStringAsync("/blog/2024/?page=2"));
        Assert.Equal("/blog/2025/", archive.RootElement.GetProperty("next").GetString());
        var echo = await server.Client.PostAsJsonAsync("/echo/", new { year = 2024, page = 1, next = "/blog/2025/" });
        using var echoed = JsonDocument.Parse(await echo.Content.ReadAsStringAsync());
        Assert.Equal(2, echoed.RootElement.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task OnLinuxX64AnAppRunsMicrosPrecompiledCodeInsteadOfCompilingIt()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return;
        }

        var folder = workspace.NewFolder("precompiled-project");
        Readme.Write(workspace.RepositoryRoot, "MySite.csproj", folder);
        Readme.Write(workspace.RepositoryRoot, "Program.cs", folder);
        var build = await workspace.DotnetAsync(folder, "build");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Warnings);

        // The runtime's list of the methods it compiles: the app's own are there, Micro's command runner is not.
        var compiled = Path.Combine(folder, "jit.txt");
        var environment = new Dictionary<string, string>(workspace.Environment) { ["DOTNET_JitStdOutFile"] = compiled, ["DOTNET_JitDisasmSummary"] = "1" };
        var help = await Processes.RunAsync(folder, PackageWorkspace.CommandTimeout, environment, "dotnet", Path.Combine("bin", "Debug", "net10.0", "MySite.dll"), "help");
        Assert.True(help.ExitCode == 0, help.ToString());
        var methods = File.ReadAllText(compiled);
        Assert.Contains("Program:<Main>$", methods, StringComparison.Ordinal);
        Assert.DoesNotContain("Micro.Commands.CommandRunner:", methods, StringComparison.Ordinal);
    }
}
