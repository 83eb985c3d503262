namespace Micro.Cli.Tests;

/// <summary>Help, unknown commands and the built-in commands, in process.</summary>
[Collection(TestAppCollection.Name)]
public sealed class HelpAndBuiltInTests(TestAppFixture app)
{
    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_every_command_with_its_one_line_help(string arg)
    {
        var result = await app.RunAsync(arg);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: Micro.Cli.Tests <command> [options]\n", result.Output);
        var commands = Rows(result.Output, "Commands:");
        Assert.Contains(["scalars", "Every scalar type, each with a default."], commands);
        Assert.Contains(["explicit-name", "Help from the attribute."], commands);
        Assert.Contains(["import-data", "A class-based command: imports data."], commands);
        Assert.Contains(["send-http-emails", "A name derived from a PascalCase method name."], commands);
        Assert.Equal(commands.Select(static row => row[0]).Order(StringComparer.Ordinal), commands.Select(static row => row[0]));
        var builtIns = Rows(result.Output, "Built-in commands:");
        Assert.Equal(
            ["changepassword", "check", "clearsessions", "collectstatic", "createsuperuser", "dumpdata", "flush", "help", "loaddata", "makemigrations", "migrate", "openapi", "routes", "runserver", "showmigrations", "sqlflush", "sqlmigrate", "test", "version"],
            builtIns.Select(static row => row[0]));
        Assert.Contains(["runserver", "Serve the app (the default command)."], builtIns);
        Assert.Contains(["test", "Run the app's [Test] methods, each with a fresh database."], builtIns);
    }

    [Theory]
    [InlineData("help", "scalars")]
    [InlineData("scalars", "--help")]
    [InlineData("scalars", "-h")]
    [InlineData("scalars", "--count", "x", "--help")]
    public async Task A_command_help_shows_its_options_with_types_and_defaults(params string[] args)
    {
        var result = await app.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: Micro.Cli.Tests scalars [options]\n\nEvery scalar type, each with a default.\n", result.Output);
        var options = Rows(result.Output, "Options:");
        Assert.Contains(["-n, --count <int>", "An int. (default: 1)"], options);
        Assert.Contains(["--ratio <number>", "(default: 0.5)"], options);
        Assert.Contains(["--price <number>", "(default: 9.99)"], options);
        Assert.Contains(["--name <text>", "(default: none)"], options);
        Assert.Contains(["--id <uuid>"], options);
        Assert.Contains(["--day <date>"], options);
        Assert.Contains(["--wait <duration>"], options);
        Assert.Contains(["--letter <char>", "(default: a)"], options);
        Assert.Contains(["--color <Red|Green|Blue>", "(default: Green)"], options);
        Assert.Contains(["--limit <int>"], options);
        var globals = Rows(result.Output, "Global options:");
        Assert.Contains(["--traceback", "Show the stack trace when the command fails."], globals);
        Assert.Contains(["-h, --help", "Show this help."], globals);
    }

    [Fact]
    public async Task Help_shows_arguments_flags_arrays_and_required_options()
    {
        var positional = await app.RunAsync("help", "positional");
        var flags = await app.RunAsync("help", "flags");
        var arrays = await app.RunAsync("help", "arrays");
        var required = await app.RunAsync("help", "required");

        Assert.Equal([["<source>"], ["<copies>", "(int) (default: 1)"], ["<rest>..."]], Rows(positional.Output, "Arguments:"));
        Assert.Equal([["--dry-run"]], Rows(positional.Output, "Options:"));
        Assert.Equal([["--force"], ["--[no-]color"], ["--verbose"]], Rows(flags.Output, "Options:"));
        Assert.Equal([["--tag <text>...", "(repeatable)"], ["--number <int>...", "(repeatable)"], ["--colors <Red|Green|Blue>...", "(repeatable)"]], Rows(arrays.Output, "Options:"));
        Assert.Equal([["--to <text>", "(required)"], ["--port <int>", "(required)"], ["--cc <text>"]], Rows(required.Output, "Options:"));
    }

    [Fact]
    public async Task Help_of_a_class_based_command_uses_the_class_summary_and_the_run_method_parameters()
    {
        var result = await app.RunAsync("help", "import-data");

        Assert.StartsWith("Usage: Micro.Cli.Tests import-data <file> [options]\n\nA class-based command: imports data.\n", result.Output);
        Assert.Equal([["<file>", "The file to import."]], Rows(result.Output, "Arguments:"));
        Assert.Equal([["--batch <int>", "Rows per batch. (default: 100)"]], Rows(result.Output, "Options:"));
    }

    [Theory]
    [InlineData(new[] { "scalar" }, "Unknown command 'scalar'. Did you mean 'scalars'?")]
    [InlineData(new[] { "chekc" }, "Unknown command 'chekc'. Did you mean 'check'?")]
    [InlineData(new[] { "frobnicate" }, "Unknown command 'frobnicate'.\n")]
    [InlineData(new[] { "help", "rotues" }, "Unknown command 'rotues'. Did you mean 'routes'?")]
    public async Task Unknown_commands_suggest_the_nearest_name(string[] args, string message)
    {
        var result = await app.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error.Replace("error: ", ""));
        Assert.Contains("Run 'Micro.Cli.Tests help' to see the commands.", result.Error);
    }

    [Fact]
    public async Task Routes_prints_the_url_table()
    {
        var result = await app.RunAsync("routes");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^PATTERN\s+NAME\s+METHODS\s+HANDLER\s+SOURCE$", lines[0]);
        Assert.Matches(@"^/broken/\s+broken\s+GET,HEAD\s+BrokenRoutes\.Broken\s+TestCommands\.cs\(\d+,\d+\)$", lines[1]);
    }

    [Fact]
    public async Task Openapi_without_json_routes_says_there_is_no_document()
    {
        var result = await app.RunAsync("openapi");

        Assert.Equal((1, "", "The app has no JSON routes (none reads a JSON body or writes JSON), so it has no OpenAPI document.\n"), (result.ExitCode, result.Output, result.Error));
    }

    [Fact]
    public async Task Check_reports_routes_that_fail_to_build_and_commands_missing_services()
    {
        var result = await app.RunAsync("check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("route 'broken/' (BrokenRoutes.Broken, TestCommands.cs(", result.Error);
        Assert.Contains("parameter 'thing' has type global::Micro.Cli.Tests.TestApp.Unregistered, which is not a registered service", result.Error);
        Assert.Contains("command 'needs-unregistered' (TestCommands.NeedsUnregistered, TestCommands.cs(", result.Error);
        Assert.Contains("it needs the service Micro.Cli.Tests.TestApp.Unregistered, which is not registered.", result.Error);
        Assert.EndsWith("System check identified 2 issues.\n", result.Error);
    }

    [Fact]
    public async Task Version_names_the_app_micro_and_dotnet()
    {
        var result = await app.RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["Micro.Cli.Tests 0.1.0", "Micro 0.1.0", $".NET {Environment.Version} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})"],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The rows under a heading, up to the next blank line, split into their columns (two spaces or more apart).</summary>
    private static List<string[]> Rows(string text, string heading)
    {
        var lines = text.Split('\n');
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"no '{heading}' in:\n{text}");
        return lines.Skip(start + 1).TakeWhile(static line => line.Length > 0)
            .Select(static line =>
            {
                Assert.StartsWith("  ", line);
                return System.Text.RegularExpressions.Regex.Split(line.Trim(), " {2,}");
            })
            .ToList();
    }
}
