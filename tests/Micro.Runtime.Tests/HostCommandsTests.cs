using System.Net;
using System.Text;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Micro.Runtime.Tests;

/// <summary>
/// An existing ASP.NET Core app that mounts the test app: what it registers (<c>AddMicro()</c>: the app's <c>Db</c>, templates, JSON
/// metadata; its own services), how it runs Micro's commands (<c>CallMicroCommandAsync</c>) against the SQLite file it configured,
/// and the app's database routes working under its prefix afterwards.
/// </summary>
public sealed class HostCommandsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-host-commands-").FullName;
    private WebApplication _host = null!;

    public Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder([
            "--urls", "http://127.0.0.1:0", "--environment", "Production", "--Micro:Security:CsrfChecks=false",
            $"--ConnectionStrings:Default=Data Source={Path.Combine(_directory, "host.db")}",
        ]);
        builder.Logging.ClearProviders();
        builder.Services.AddMicro();
        Setup.AddServices(builder.Services);
        _host = builder.Build();
        _host.MapGet("/", (RequestDelegate)(context => context.Response.WriteAsync("the host's own page")));
        _host.MapMicro("site");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open: the temporary folder is cleaned up eventually.
        }
    }

    [Fact]
    public async Task The_host_migrates_its_database_and_the_apps_routes_use_it()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await _host.CallMicroCommandAsync(["migrate"], output, error);

        Assert.True(exit == 0, $"migrate exited with {exit}: {error}");
        Assert.Contains("Applying auth.0001", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "host.db")));

        // A second run has nothing left to apply.
        var again = new StringWriter();
        Assert.Equal(0, await _host.CallMicroCommandAsync(["migrate"], again, error));
        Assert.Contains("No migrations to apply", again.ToString(), StringComparison.Ordinal);

        await _host.StartAsync();
        using var client = Http.CreateClient(new Uri(_host.Urls.Single()));
        using (var scope = _host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Db>().Writers.CreateAsync(new Writer { Name = "Ada" });
        }

        var created = await client.PostAsync("/site/api/articles/", new StringContent("""{"title":"Hosted","slug":"hosted","writerId":1}""", Encoding.UTF8, "application/json"));
        var shown = await client.GetAsync("/site/articles/1/");

        Assert.Equal("created 1", await created.BodyAsync());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.StartsWith("Hosted|hosted|", await shown.BodyAsync(), StringComparison.Ordinal);
        Assert.Equal("the host's own page", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_host_runs_the_apps_own_commands_and_reports_unknown_ones()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var routes = await _host.CallMicroCommandAsync(["routes"], output, error);
        var unknown = await _host.CallMicroCommandAsync(["migrat"], output, error);

        Assert.Equal(0, routes);
        Assert.Contains("articles/<int:id>/", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("migrat", error.ToString(), StringComparison.Ordinal);
    }
}
