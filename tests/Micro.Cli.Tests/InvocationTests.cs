using Micro.Cli.Tests.TestApp;
using Micro.Commands;
using Micro.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Micro.Cli.Tests;

/// <summary>How the command line splits between the command and ASP.NET Core's host, and what a command starts.</summary>
public sealed class InvocationTests
{
    [Fact]
    public void Global_options_reach_the_host_and_a_command_options_do_not()
    {
        var builder = MicroApp.CreateBuilder(
            ["--environment", "Staging", "scalars", "--count", "3", "--urls=http://127.0.0.1:0", "--Greeting=Hi"],
            typeof(TestCommands).Assembly);

        Assert.Equal("Staging", builder.Environment.EnvironmentName);
        Assert.Equal("http://127.0.0.1:0", builder.Configuration["urls"]);
        Assert.Null(builder.Configuration["count"]);
        Assert.Null(builder.Configuration["Greeting"]);
    }

    [Fact]
    public void Without_a_command_every_argument_is_configuration_for_the_server()
    {
        var builder = MicroApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Greeting=Hi", "Mode=fast"], typeof(TestCommands).Assembly);

        Assert.Equal("http://127.0.0.1:0", builder.Configuration["urls"]);
        Assert.Equal("Hi", builder.Configuration["Greeting"]);
        Assert.Equal("fast", builder.Configuration["Mode"]);
    }

    [Fact]
    public async Task A_command_runs_without_starting_the_host_or_building_endpoints()
    {
        var started = new HostStartRecorder();
        var builder = MicroApp.CreateBuilder(["version"], typeof(TestCommands).Assembly);
        builder.Services.AddSingleton<IHostedService>(started);
        await using var app = builder.Build();
        using var output = new StringWriter();

        // The test app has a route whose endpoint can't be built (see `check`): building endpoints would throw.
        var exitCode = await app.CallCommandAsync(["version"], output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Micro.Cli.Tests ", output.ToString());
        Assert.False(started.Started);
    }

    [Fact]
    public void Only_a_command_that_takes_nothing_from_the_app_runs_without_the_host()
    {
        var commands = CommandRegistry.For(AppManifest.Create(typeof(TestCommands).Assembly)).ToDictionary(static c => c.Name);

        // Command-line values, the output and the cancellation token are the command's own.
        Assert.True(commands["scalars"].RunsWithoutHost);
        Assert.True(commands["positional"].RunsWithoutHost);
        Assert.True(commands["wait-for-cancel"].RunsWithoutHost);
        Assert.True(commands["exit-with"].RunsWithoutHost);
        Assert.True(commands["import-data"].RunsWithoutHost);

        // A service or the CommandContext (which carries the app and its services) needs the built app.
        Assert.False(commands["injected"].RunsWithoutHost);
        Assert.False(commands["needs-unregistered"].RunsWithoutHost);
        Assert.All(CommandRegistry.BuiltIns, static builtIn => Assert.False(builtIn.RunsWithoutHost, builtIn.Name));
    }

    private sealed class HostStartRecorder : IHostedService
    {
        public bool Started { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
