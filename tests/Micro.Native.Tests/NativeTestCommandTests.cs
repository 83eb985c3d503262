using System.Text;
using System.Xml.Linq;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>
/// tests/TestRunnerApp published natively with its tests (-p:MicroTests=true): `./TestRunnerApp test` runs the same generated
/// routing, binding, templates and data code the deployed binary runs. Published once, into its own artifacts folder.
/// </summary>
public sealed class NativeTestRunnerApp : IAsyncLifetime
{
    private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "micro-native-" + Guid.NewGuid().ToString("N"));

    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("micro-native-run-").FullName;

    public string BinaryPath { get; private set; } = "";

    public string PublishOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var output = Path.Combine(_artifacts, "out");
        var publish = await NativeApp.RunAsync("dotnet", NativeApp.RepositoryRoot(), TimeSpan.FromMinutes(10),
            "publish", "tests/TestRunnerApp", "-r", "linux-x64", "-p:MicroNative=true", "-p:MicroTests=true", "--artifacts-path", _artifacts, "-o", output);
        PublishOutput = publish.Output;
        Assert.True(publish.ExitCode == 0, "The native publish failed:\n" + publish.Output);
        BinaryPath = Path.Combine(output, "TestRunnerApp");
    }

    public Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        NativeApp.RunAsync(BinaryPath, WorkingDirectory, TimeSpan.FromMinutes(2), arguments);

    public Task DisposeAsync()
    {
        foreach (var directory in new[] { _artifacts, WorkingDirectory })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return Task.CompletedTask;
    }
}

[Trait("Category", "Slow")]
public sealed class NativeTestCommandTests(NativeTestRunnerApp app) : IClassFixture<NativeTestRunnerApp>
{
    [Fact]
    public void The_publish_with_tests_has_no_trim_or_aot_warnings()
    {
        var warnings = app.PublishOutput.Split('\n').Where(line => line.Contains(": warning ", StringComparison.Ordinal)).ToArray();
        Assert.True(warnings.Length == 0, "The native publish warned:\n" + string.Join('\n', warnings));
    }

    [Fact]
    public async Task The_binary_runs_its_tests_and_a_failure_exits_1_with_its_file_and_line()
    {
        var (exitCode, output) = await app.RunAsync("test");

        Assert.True(exitCode == 1, output);
        Assert.StartsWith("Found 7 test(s).\n.....FE\n", output);
        Assert.Contains(
            $"FAIL: Home_says_goodbye (Failing.Home_says_goodbye)\n{new string('-', 70)}\n" +
            $"  File \"Program.cs\", line {LineOf("public static async Task Home_says_goodbye")}, in Failing.Home_says_goodbye\n" +
            $"  File \"Program.cs\", line {LineOf("AssertContains(\"Goodbye\")")}, in Failing.Home_says_goodbye\n" +
            "AssertionFailedException: Couldn't find 'Goodbye' in the response to GET /.\n",
            output);
        Assert.Contains($"ERROR: Not_ready (Failing.Not_ready)\n{new string('-', 70)}\n  File \"Program.cs\", line {LineOf("public static void Not_ready")}, in Failing.Not_ready\nInvalidOperationException: Not ready yet.\n", output);
        Assert.Contains("\nFAILED (failures=1, errors=1)\n", output);
    }

    [Fact]
    public async Task The_passing_tests_exit_0_and_write_a_junit_report()
    {
        var report = Path.Combine(app.WorkingDirectory, "report.xml");
        var (exitCode, output) = await app.RunAsync("test", "Passing", "Database", "--junit", report);

        Assert.True(exitCode == 0, output);
        Assert.EndsWith("\nOK\n", output);
        var suite = XDocument.Load(report).Root!.Element("testsuite")!;
        Assert.Equal(("5", "0", "0"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!));
        Assert.Equal(
            ["Passing.Home_says_hello", "Passing.The_environment_is_production", "Passing.An_error_is_the_plain_500_page", "Database.First_test_adds_an_item", "Database.Second_test_adds_an_item"],
            suite.Elements("testcase").Select(static c => (string)c.Attribute("classname")! + "." + (string)c.Attribute("name")!));
    }

    private static int LineOf(string text) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(NativeApp.RepositoryRoot(), "tests", "TestRunnerApp", "Program.cs")), line => line.Contains(text, StringComparison.Ordinal)) + 1;
}

/// <summary>A normal publish leaves the tests out: the sample app's binary has neither its tests nor a test runner.</summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativePublishWithoutTestsTests(NativeSampleApp app)
{
    [Fact]
    public async Task The_test_command_says_the_binary_was_published_without_tests()
    {
        var (exitCode, output) = await app.RunCommandAsync("test");

        Assert.Equal(1, exitCode);
        Assert.Contains("error: This binary was published without its tests. Publish with -p:MicroTests=true to run them with `test`.", output);
    }

    /// <summary>
    /// A native binary keeps the names of the methods it compiled (for stack traces), in UTF-8: the sample app's route handlers are
    /// there, its test methods and the test runner and client aren't.
    /// </summary>
    [Fact]
    public void The_binary_holds_none_of_the_tests_nor_the_test_runner()
    {
        var binary = File.ReadAllBytes(app.BinaryPath);
        Assert.True(IndexOf(binary, Encoding.UTF8.GetBytes("MonthArchive")) >= 0, "The route handler Site.MonthArchive is not in the binary.");
        foreach (var name in new[] { "Home_greets_by_name", "A_post_written_with_the_form_is_shown_after_the_redirect", "RunOneAsync", "MicroTestClient", "AssertContains" })
        {
            Assert.True(IndexOf(binary, Encoding.UTF8.GetBytes(name)) < 0, $"{name} is in the binary.");
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
