namespace Micro.Cli.Tests;

/// <summary>
/// What an app answers before its host is built (help, version, routes, a command's --help, command-line mistakes) and the
/// commands that need the host, as real processes of both kinds of app: the sample app builds itself
/// (<c>MicroApp.CreateBuilder(args)</c>, services, <c>Build()</c>, <c>Run()</c>), TestRunnerApp is <c>return MicroApp.Run(args);</c>.
/// </summary>
public sealed class BeforeTheHostTests : IDisposable
{
    private const string SampleApp = "sample-app";
    private const string RunApp = "TestRunnerApp";

    private readonly string _directory = Directory.CreateTempSubdirectory("micro-cli-host-").FullName;

    [Theory]
    [InlineData(SampleApp, "--help")]
    [InlineData(SampleApp, "-h")]
    [InlineData(RunApp, "--help")]
    [InlineData(RunApp, "help")]
    [InlineData(RunApp, "--traceback", "help")]
    public async Task Help_lists_the_commands(string app, params string[] args)
    {
        var result = await RunAsync(app, args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"Usage: {app} <command> [options]\nWithout a command, {app} serves the app (runserver).\n", result.Output);
        Assert.Contains("  runserver        Serve the app (the default command).\n", result.Output);
        Assert.EndsWith($"Run '{app} help <command>' to see a command's options.\n", result.Output);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData(SampleApp, "version")]
    [InlineData(SampleApp, "--version")]
    [InlineData(RunApp, "version")]
    [InlineData(RunApp, "--environment", "Production", "version")]
    public async Task Version_names_the_app_micro_and_dotnet(string app, params string[] args)
    {
        var result = await RunAsync(app, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"^{app} [0-9][^\n]*\nMicro [0-9][^\n]*\n\.NET [0-9][^\n]*\n$", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Routes_prints_the_url_table_of_an_app_that_is_only_MicroApp_Run()
    {
        var result = await RunAsync(RunApp, "routes");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("PATTERN", result.Output);
        Assert.Matches(@"\n/items/\s+items\s+GET,HEAD\s+Pages\.Items\s+Program\.cs\(\d+,\d+\)\n", result.Output);
        Assert.Matches(@"\n/items/new/\s+item_create\s+POST\s+Pages\.Create\s+Program\.cs\(\d+,\d+\)\n", result.Output);
    }

    [Theory]
    [InlineData(SampleApp, "greet", "Usage: sample-app greet <name> [options]\n\nGreet someone, as many times as asked.\n")]
    [InlineData(SampleApp, "routes", "Usage: sample-app routes\n\nList the URL table: pattern, name, methods, handler and where each route is declared.\n")]
    [InlineData(RunApp, "showmigrations", "Usage: TestRunnerApp showmigrations\n\nList the migrations, Micro's and the app's, and whether each is applied.\n")]
    [InlineData(RunApp, "version", "Usage: TestRunnerApp version\n\nShow the versions of the app, Micro and .NET.\n")]
    public async Task A_commands_help_shows_its_usage_whether_asked_with_help_or_with_its_option(string app, string command, string usage)
    {
        var option = await RunAsync(app, command, "--help");
        var help = await RunAsync(app, "help", command);

        Assert.Equal(0, option.ExitCode);
        Assert.StartsWith(usage, option.Output);
        Assert.Contains("  --traceback ", option.Output);
        Assert.Equal(option.Output, help.Output);
        Assert.Equal(0, help.ExitCode);
    }

    [Theory]
    [InlineData(SampleApp, "Unknown command 'gret'. Did you mean 'greet'?\nRun 'sample-app help' to see the commands.\n", "gret", "Ada")]
    [InlineData(SampleApp, "error: Unknown command 'gret'. Did you mean 'greet'?\nRun 'sample-app help' to see the commands.\n", "help", "gret")]
    [InlineData(RunApp, "Unknown command 'rotues'. Did you mean 'routes'?\nRun 'TestRunnerApp help' to see the commands.\n", "rotues")]
    [InlineData(RunApp, "error: unknown option --short.\nUsage: TestRunnerApp version\nRun 'TestRunnerApp help version' to see its options.\n", "version", "--short")]
    [InlineData(RunApp, "error: --contentRoot: the folder '/no/such/folder' doesn't exist.\n", "--contentRoot", "/no/such/folder", "version")]
    [InlineData(RunApp, "error: --urls needs a value, for example --urls http://127.0.0.1:8000.\n", "--urls")]
    public async Task A_mistake_on_the_command_line_is_a_usage_error_with_exit_code_2(string app, string error, params string[] args)
    {
        var result = await RunAsync(app, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_command_reads_configuration_from_the_environment_and_from_the_command_line()
    {
        var fromEnvironment = await RunAsync(SampleApp, new Dictionary<string, string> { ["Greeting"] = "Hey" }, "greet", "Ada");
        var fromAppSettings = await RunAsync(SampleApp, "greet", "Ada", "--traceback");

        Assert.Equal((0, "Hey, Ada!\n", ""), (fromEnvironment.ExitCode, fromEnvironment.Output, fromEnvironment.Error));
        Assert.Equal((0, "Hello, Ada!\n", ""), (fromAppSettings.ExitCode, fromAppSettings.Output, fromAppSettings.Error));
    }

    [Fact]
    public async Task Database_commands_take_the_connection_string_from_the_command_line_or_the_environment()
    {
        var database = Path.Combine(_directory, "app.db");
        var fromCommandLine = "--ConnectionStrings:Default=Data Source=" + database;
        var fromEnvironment = new Dictionary<string, string> { ["ConnectionStrings__Default"] = "Data Source=" + database };

        var before = await RunAsync(RunApp, "showmigrations", fromCommandLine);
        var migrate = await RunAsync(RunApp, fromEnvironment, "migrate");
        var after = await RunAsync(RunApp, fromCommandLine, "showmigrations");

        Assert.Equal(0, before.ExitCode);
        Assert.Contains(" [ ] 0001_initial\n", before.Output);
        Assert.DoesNotContain("[X]", before.Output);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("  Applying 0001_initial... OK\n", migrate.Output);
        Assert.Equal((0, before.Output.Replace("[ ]", "[X]")), (after.ExitCode, after.Output));
    }

    [Theory]
    [InlineData(SampleApp, "Liftoff!\n", "countdown", "--from", "0")]
    [InlineData(RunApp, "hello\n", "echo", "hello")]
    public async Task A_command_that_takes_nothing_from_the_app_runs_before_the_host_is_built(string app, string output, params string[] args)
    {
        // A host can't be built from this content root (its appsettings.json isn't JSON), so only a command that builds none runs.
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"), "{ \"Greeting\": ");
        var contentRoot = new[] { "--contentRoot", _directory };

        var hostFree = await RunAsync(app, [.. args, .. contentRoot]);
        string[] needsHost = app == SampleApp ? ["greet", "Ada"] : ["showmigrations"];
        var withHost = await RunAsync(app, [.. contentRoot, .. needsHost]);

        Assert.Equal((0, output, ""), (hostFree.ExitCode, hostFree.Output, hostFree.Error));
        Assert.Equal(2, withHost.ExitCode);
        Assert.StartsWith("error: Configuration file '", withHost.Error);
    }

    [Theory]
    [InlineData(SampleApp, "{\n  \"Greeting\": \"Hi\"\n  \"Other\": 1\n}\n", "line 3, column 3: '\"' is invalid after a value. Expected either ',', '}', or ']'.", "greet", "Ada")]
    [InlineData(SampleApp, "{ \"Greeting\": ", "line 1, column 15: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.")]
    [InlineData(RunApp, "{\n  \"A\": 1,\n  \"A\": 2\n}\n", ": A duplicate key 'A' was found.", "migrate")]
    [InlineData(RunApp, "[1, 2]", ": Top-level JSON element must be an object. Instead, 'Array' was found.", "showmigrations")]
    public async Task A_configuration_file_that_is_not_valid_json_is_one_line_naming_the_file_line_and_column_with_exit_code_2(
        string app, string json, string where, params string[] args)
    {
        var file = Path.Combine(_directory, "appsettings.json");
        File.WriteAllText(file, json);

        var result = await RunAsync(app, ["--contentRoot", _directory, .. args]);
        var traceback = await RunAsync(app, ["--contentRoot", _directory, "--traceback", .. args]);

        // No command is runserver: it stops there too, before any server starts.
        Assert.Equal((2, "", $"error: Configuration file '{file}'{(where.StartsWith(':') ? "" : ", ")}{where}\n"), (result.ExitCode, result.Output, result.Error));
        Assert.Equal(2, traceback.ExitCode);
        Assert.StartsWith($"System.IO.InvalidDataException: Failed to load configuration from file '{file}'.", traceback.Error);
        Assert.Contains("   at Micro.MicroAppBuilder..ctor(", traceback.Error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<CommandResult> RunAsync(string app, params string[] args) => RunAsync(app, new Dictionary<string, string>(), args);

    private static Task<CommandResult> RunAsync(string app, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = SampleAppProcess.StartInfo(app == RunApp ? SampleAppProcess.RunApp : SampleAppProcess.Assembly, args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return SampleAppProcess.RunAsync(start, TimeSpan.FromSeconds(60));
    }
}
