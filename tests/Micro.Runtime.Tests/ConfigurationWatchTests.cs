using Micro.Hosting;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Logging;

namespace Micro.Runtime.Tests;

/// <summary>
/// A server watches the folder of its configuration files from <c>Build()</c> on, and stops when the app is disposed: a
/// process that builds many apps (a test run) would otherwise keep a watcher, and one of the user's inotify instances, for each.
/// </summary>
public sealed class ConfigurationWatchTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-watch-").FullName;

    public ConfigurationWatchTests() => File.WriteAllText(Path.Combine(_directory, "appsettings.json"), """{ "Greeting": "Howdy" }""");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_started_server_stops_watching_when_it_is_disposed()
    {
        var app = Build("--urls", "http://127.0.0.1:0");
        await app.StartAsync();
        var folder = Folder(app);
        Assert.True(folder.Watching);

        await app.StopAsync();
        await app.DisposeAsync();
        Assert.False(folder.Watching);
    }

    [Fact]
    public async Task A_server_built_and_never_started_stops_watching_when_it_is_disposed()
    {
        var app = Build("--urls", "http://127.0.0.1:0");
        var folder = Folder(app);
        Assert.True(folder.Watching);

        await app.DisposeAsync();
        Assert.False(folder.Watching);
    }

    [Fact]
    public async Task A_command_reads_the_files_once_and_watches_nothing()
    {
        var app = Build("check");
        Assert.Equal("Howdy", app.Web.Configuration["Greeting"]);
        Assert.DoesNotContain(JsonFiles(app), static source => source.ReloadOnChange);
        await app.DisposeAsync();
    }

    private MicroApplication Build(params string[] args)
    {
        var builder = MicroApp.CreateBuilder([.. args, "--contentRoot", _directory], typeof(ConverterViews).Assembly);
        builder.Logging.ClearProviders();
        Setup.AddServices(builder.Services);
        return builder.Build();
    }

    private static IEnumerable<JsonConfigurationSource> JsonFiles(MicroApplication app) =>
        ((IConfigurationBuilder)app.Web.Configuration).Sources.OfType<JsonConfigurationSource>();

    /// <summary>The watcher of the content root, which appsettings.json and appsettings.{Environment}.json share.</summary>
    private static TopFolderFileProvider Folder(MicroApplication app) =>
        Assert.Single(JsonFiles(app).Select(static source => source.FileProvider).OfType<TopFolderFileProvider>().Distinct());
}
