using Micro.Cli.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Cli.Tests;

/// <summary>The result of one command: its exit code and what it wrote.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>The <c>name=value</c> lines the test commands print, as a dictionary.</summary>
    public IReadOnlyDictionary<string, string> Values =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(static line => line.Split('=', 2))
            .Where(static parts => parts.Length == 2)
            .ToDictionary(static parts => parts[0], static parts => parts[1].TrimEnd('\r'));

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}

/// <summary>This project's own commands (TestApp/), built into one app shared by the in-process tests.</summary>
public sealed class TestAppFixture : IAsyncDisposable
{
    public TestAppFixture()
    {
        var builder = MicroApp.CreateBuilder([], typeof(TestCommands).Assembly);
        builder.Services.AddSingleton<Counter>();
        App = builder.Build();
    }

    public MicroApplication App { get; }

    /// <summary>Runs a command in process, as <c>app &lt;args&gt;</c> would.</summary>
    public async Task<CommandResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await App.CallCommandAsync(args, output, error);
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TestAppCollection : ICollectionFixture<TestAppFixture>
{
    public const string Name = "TestApp";
}
