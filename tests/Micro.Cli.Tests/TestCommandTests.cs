using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;

namespace Micro.Cli.Tests;

/// <summary>
/// The <c>test</c> command as a real process: tests/TestRunnerApp has tests that pass, one that fails on purpose
/// (Failing.Home_says_goodbye) and one that throws (Failing.Not_ready); the sample app's own tests all pass.
/// </summary>
public sealed class TestCommandTests
{
    private static readonly string s_fixture = BuiltPath("TestRunnerApp");
    private static readonly string s_sampleApp = BuiltPath("sample-app");

    [Fact]
    public async Task Dotnet_run_test_reports_a_dot_per_test_then_each_failure_with_its_file_and_line()
    {
        // `dotnet run` applies the Development launch profile; the tests run in Production all the same (Passing.The_environment_is_production).
        var result = await RunAsync("dotnet", FixtureDirectory(), "run", "--no-build", "--", "test");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Found 7 test(s).\n.....FE\n", result.Output);
        Assert.Contains(
            $"""
            ======================================================================
            FAIL: Home_says_goodbye (Failing.Home_says_goodbye)
            ----------------------------------------------------------------------
              File "Program.cs", line {LineOf("public static async Task Home_says_goodbye")}, in Failing.Home_says_goodbye
              File "Program.cs", line {LineOf("AssertContains(\"Goodbye\")")}, in Failing.Home_says_goodbye
            AssertionFailedException: Couldn't find 'Goodbye' in the response to GET /.
            The body (text/plain; charset=utf-8):
            Hello from the fixture

            """.ReplaceLineEndings("\n"),
            result.Output);
        Assert.Contains(
            $"""
            ERROR: Not_ready (Failing.Not_ready)
            ----------------------------------------------------------------------
              File "Program.cs", line {LineOf("public static void Not_ready")}, in Failing.Not_ready
            InvalidOperationException: Not ready yet.
            """.ReplaceLineEndings("\n"),
            result.Output);
        Assert.Matches(@"\n-{70}\nRan 7 tests in [0-9]+\.[0-9]{3}s\n\nFAILED \(failures=1, errors=1\)\n$", result.Output);
    }

    [Fact]
    public async Task Tests_chosen_by_class_or_name_that_pass_exit_with_0()
    {
        var result = await RunFixtureAsync("test", "Passing", "Database.First_test_adds_an_item", "Second_test_adds_an_item");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Found 5 test\(s\)\.\n\.\.\.\.\.\n-{70}\nRan 5 tests in [0-9.]+s\n\nOK\n$", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_pattern_picks_tests_by_part_of_their_name_and_verbosity_2_names_each()
    {
        var result = await RunFixtureAsync("test", "-k", "goodbye", "-k", "hello", "-v", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "Found 2 test(s).\nHome_says_hello (Passing.Home_says_hello) ... ok\nHome_says_goodbye (Failing.Home_says_goodbye) ... FAIL\n",
            result.Output);
    }

    [Fact]
    public async Task Failfast_stops_at_the_first_failure_and_a_filter_that_matches_nothing_fails()
    {
        var failfast = await RunFixtureAsync("test", "Failing", "--failfast");
        Assert.Equal(1, failfast.ExitCode);
        Assert.Contains("\nRan 1 test in ", failfast.Output);

        var nothing = await RunFixtureAsync("test", "Nothing");
        Assert.Equal(1, nothing.ExitCode);
        Assert.Equal("Found 0 test(s).\nNo test matches: Nothing.\n", nothing.Output);
    }

    [Fact]
    public async Task Junit_writes_a_report_ci_can_read()
    {
        var report = Path.Combine(Directory.CreateTempSubdirectory("micro-junit-").FullName, "reports", "tests.xml");
        var result = await RunFixtureAsync("test", "--junit", report);

        Assert.Equal(1, result.ExitCode);
        var suite = XDocument.Load(report).Root!.Element("testsuite")!;
        Assert.Equal(("TestRunnerApp", "7", "1", "1"), ((string)suite.Attribute("name")!, (string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!));
        var cases = suite.Elements("testcase").ToDictionary(static c => (string)c.Attribute("classname")! + "." + (string)c.Attribute("name")!);
        Assert.Equal(7, cases.Count);
        Assert.Empty(cases["Passing.Home_says_hello"].Elements());

        var failure = cases["Failing.Home_says_goodbye"].Element("failure")!;
        Assert.Equal(("Program.cs", LineOf("public static async Task Home_says_goodbye").ToString()), ((string)cases["Failing.Home_says_goodbye"].Attribute("file")!, (string)cases["Failing.Home_says_goodbye"].Attribute("line")!));
        Assert.StartsWith("Couldn't find 'Goodbye' in the response to GET /.", (string)failure.Attribute("message")!);
        Assert.Equal("AssertionFailedException", (string)failure.Attribute("type")!);
        Assert.StartsWith($"Program.cs:{LineOf("AssertContains(\"Goodbye\")")}: AssertionFailedException: Couldn't find 'Goodbye'", failure.Value);

        var error = cases["Failing.Not_ready"].Element("error")!;
        Assert.Equal(("InvalidOperationException", "Not ready yet."), ((string)error.Attribute("type")!, (string)error.Attribute("message")!));
    }

    [Fact]
    public async Task The_sample_apps_own_tests_pass()
    {
        var result = await RunAsync("dotnet", Path.GetDirectoryName(s_sampleApp)!, s_sampleApp, "test");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Found 11 test\(s\)\.\n\.{11}\n-{70}\nRan 11 tests in [0-9.]+s\n\nOK\n$", result.Output);
    }

    [Fact]
    public async Task Help_lists_the_test_command_and_its_options()
    {
        var result = await RunFixtureAsync("help", "test");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: TestRunnerApp test [<names>...] [options]\n\nRun the app's [Test] methods, each with a fresh database", result.Output);
        Assert.Contains("--junit <text>", result.Output);
        Assert.Contains("-k, --pattern <text>", result.Output);
    }

    private static Task<CommandResult> RunFixtureAsync(params string[] args) => RunAsync("dotnet", FixtureDirectory(), [s_fixture, .. args]);

    private static string FixtureDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "TestRunnerApp"));

    /// <summary>The line (from 1) of the fixture's Program.cs that contains <paramref name="text"/>.</summary>
    private static int LineOf(string text) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(FixtureDirectory(), "Program.cs")), line => line.Contains(text, StringComparison.Ordinal)) + 1;

    private static string BuiltPath(string name) =>
        typeof(TestCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value!;

    private static async Task<CommandResult> RunAsync(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var result = await SampleAppProcess.RunAsync(start, TimeSpan.FromMinutes(2));

        // `dotnet run` announces the launch profile it applied before the app writes anything.
        var text = result.Output.ReplaceLineEndings("\n");
        text = text.StartsWith("Using launch settings", StringComparison.Ordinal) ? text[(text.IndexOf('\n') + 1)..] : text;
        return result with { Output = text };
    }
}
