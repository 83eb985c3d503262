using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Micro.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Testing;

/// <summary>
/// Run the app's [Test] methods, each with a fresh database. The report is Django's test runner's: a dot per test, then each
/// failure with its message and the test's file and line. Exits with 1 when a test fails.
/// </summary>
[Command("test")]
internal static class TestCommand
{
    public const string Name = "test";

    /// <summary>Runs the tests one after another, in the Production environment unless --environment says otherwise.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="names">Run only these tests: a name (Class.Method), a class, or a method name.</param>
    /// <param name="pattern">Run only tests whose name contains this text; may be repeated.</param>
    /// <param name="junit">Also write the results to this file as JUnit XML, for CI.</param>
    /// <param name="failfast">Stop at the first failure.</param>
    /// <param name="verbosity">0: only the summary; 1: a dot per test; 2: a line per test.</param>
    public static Task<int> RunAsync(
        CommandContext context,
        [Argument] string[]? names = null,
        [Option(Short = 'k')] string[]? pattern = null,
        string? junit = null,
        bool failfast = false,
        [Option(Short = 'v')] int verbosity = 1) =>
        // Not an async method: its state machine's resume points would keep the runner reachable when the switch is off.
        TestingFeature.IsSupported
            ? RunTestsAsync(context, names, pattern, junit, failfast, verbosity)
            : throw new CommandException("This binary was published without its tests. Publish with -p:MicroTests=true to run them with `test`.");

    private static async Task<int> RunTestsAsync(CommandContext context, string[]? names, string[]? pattern, string? junit, bool failfast, int verbosity)
    {
        var output = context.Out;
        var all = context.App.Manifest.Tests;
        var tests = all.Where(test => Selected(test, names ?? [], pattern ?? [])).ToList();
        output.WriteLine(all.Count == 0
            ? "Found 0 test(s). Mark static methods with [Test] to add some."
            : $"Found {tests.Count} test(s).");
        if (tests.Count == 0)
        {
            if (all.Count == 0 || (names is null && pattern is null))
            {
                return CommandRunner.Success;
            }

            output.WriteLine($"No test matches: {string.Join(", ", [.. names ?? [], .. pattern ?? []])}.");
            return CommandRunner.Failure;
        }

        var app = context.App;
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync(context.CancellationToken);
        var results = new List<TestResult>();
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var test in tests)
            {
                if (verbosity >= 2)
                {
                    output.Write($"{test.MethodName} ({test.Name}) ... ");
                }

                var result = await RunOneAsync(app, test, context.CancellationToken);
                results.Add(result);
                if (verbosity >= 2)
                {
                    output.WriteLine(result.Outcome switch { Outcome.Passed => "ok", Outcome.Failed => "FAIL", _ => "ERROR" });
                }
                else if (verbosity == 1)
                {
                    output.Write(result.Outcome switch { Outcome.Passed => ".", Outcome.Failed => "F", _ => "E" });
                    output.Flush();
                }

                if (failfast && result.Outcome != Outcome.Passed)
                {
                    break;
                }
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);

            // The last test's database: the process usually ends without disposing the app.
            app.Services.GetService<TestDatabase>()?.Dispose();
        }

        clock.Stop();
        if (verbosity == 1)
        {
            output.WriteLine();
        }

        WriteFailures(output, results);
        var failures = results.Count(static r => r.Outcome == Outcome.Failed);
        var errors = results.Count(static r => r.Outcome == Outcome.Error);
        output.WriteLine(Rule('-'));
        output.WriteLine($"Ran {results.Count} test{(results.Count == 1 ? "" : "s")} in {clock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s");
        output.WriteLine();
        var parts = new List<string>();
        if (failures > 0)
        {
            parts.Add($"failures={failures}");
        }

        if (errors > 0)
        {
            parts.Add($"errors={errors}");
        }

        output.WriteLine(parts.Count == 0 ? "OK" : $"FAILED ({string.Join(", ", parts)})");
        if (junit is not null)
        {
            WriteJUnit(junit, CommandRunner.ProgramName(app.Manifest), results, clock.Elapsed);
        }

        return parts.Count == 0 ? CommandRunner.Success : CommandRunner.Failure;
    }

    internal enum Outcome
    {
        Passed,
        Failed,
        Error,
    }

    internal sealed record TestResult(TestDefinition Test, Outcome Outcome, Exception? Exception, TimeSpan Duration);

    /// <summary>Whether a test is one the command line asked for: every test when it names none.</summary>
    internal static bool Selected(TestDefinition test, IReadOnlyList<string> names, IReadOnlyList<string> patterns)
    {
        var named = names.Count == 0 || names.Any(name => test.Name == name || test.ClassName == name || test.MethodName == name);
        var matched = patterns.Count == 0 || patterns.Any(pattern => test.Name.Contains(pattern, StringComparison.Ordinal));
        return named && matched;
    }

    private static async Task<TestResult> RunOneAsync(MicroApplication app, TestDefinition test, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            // Each test starts with an empty outbox, as Django's mail.outbox.
            app.Services.GetService<Mail.MemoryEmailSender>()?.Clear();
            await using var client = MicroTestClient.ForRunningApp(app);
            if (test.Fixtures.Count > 0)
            {
                await client.LoadFixturesAsync([.. test.Fixtures]);
            }

            await using var scope = app.Services.CreateAsyncScope();
            await test.Run(client, scope.ServiceProvider, cancellationToken);
            return new TestResult(test, Outcome.Passed, null, clock.Elapsed);
        }
        catch (AssertionFailedException failure)
        {
            return new TestResult(test, Outcome.Failed, failure, clock.Elapsed);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new TestResult(test, Outcome.Error, exception, clock.Elapsed);
        }
    }

    private static void WriteFailures(TextWriter output, List<TestResult> results)
    {
        foreach (var result in results.Where(static r => r.Outcome != Outcome.Passed))
        {
            var test = result.Test;
            output.WriteLine(Rule('='));
            output.WriteLine($"{(result.Outcome == Outcome.Failed ? "FAIL" : "ERROR")}: {test.MethodName} ({test.Name})");
            output.WriteLine(Rule('-'));
            output.WriteLine($"  File \"{test.FilePath}\", line {test.Line.ToString(CultureInfo.InvariantCulture)}, in {test.Name}");
            if (result.Exception is AssertionFailedException { Line: > 0 } failure && Where(test, failure) is { } assertion)
            {
                output.WriteLine($"  File \"{assertion}\", line {failure.Line.ToString(CultureInfo.InvariantCulture)}, in {test.Name}");
            }

            output.WriteLine(Message(result.Exception!));
            if (result.Outcome == Outcome.Error)
            {
                // The stack trace of an unexpected exception says where it came from; an assertion's message says enough.
                output.WriteLine(result.Exception!.StackTrace);
            }

            output.WriteLine();
        }
    }

    /// <summary>The failed assertion's file as the test's is shown (relative to the project) when it is the same file, else its name.</summary>
    private static string? Where(TestDefinition test, AssertionFailedException failure)
    {
        if (failure.FilePath is not { } path)
        {
            return null;
        }

        var normalized = path.Replace('\\', '/');
        return normalized.EndsWith("/" + test.FilePath, StringComparison.Ordinal) || normalized == test.FilePath
            ? test.FilePath
            : Path.GetFileName(normalized);
    }

    private static string Message(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    private static string Rule(char c) => new(c, 70);

    /// <summary>The results as JUnit XML: one testsuite for the app, a testcase per test with its failure or error.</summary>
    internal static void WriteJUnit(string path, string suite, IReadOnlyList<TestResult> results, TimeSpan elapsed)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new System.Text.UTF8Encoding(false) });
        string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        string Count(Outcome outcome) => results.Count(r => r.Outcome == outcome).ToString(CultureInfo.InvariantCulture);

        writer.WriteStartDocument();
        writer.WriteStartElement("testsuites");
        writer.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("failures", Count(Outcome.Failed));
        writer.WriteAttributeString("errors", Count(Outcome.Error));
        writer.WriteAttributeString("time", Seconds(elapsed));
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", suite);
        writer.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("failures", Count(Outcome.Failed));
        writer.WriteAttributeString("errors", Count(Outcome.Error));
        writer.WriteAttributeString("skipped", "0");
        writer.WriteAttributeString("time", Seconds(elapsed));
        foreach (var result in results)
        {
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("classname", result.Test.ClassName);
            writer.WriteAttributeString("name", result.Test.MethodName);
            writer.WriteAttributeString("file", result.Test.FilePath);
            writer.WriteAttributeString("line", result.Test.Line.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("time", Seconds(result.Duration));
            if (result.Exception is { } exception)
            {
                writer.WriteStartElement(result.Outcome == Outcome.Failed ? "failure" : "error");
                writer.WriteAttributeString("message", exception.Message);
                writer.WriteAttributeString("type", exception.GetType().Name);
                var (file, line) = exception is AssertionFailedException { Line: > 0 } failure && Where(result.Test, failure) is { } assertion
                    ? (assertion, failure.Line)
                    : (result.Test.FilePath, result.Test.Line);
                writer.WriteString($"{file}:{line.ToString(CultureInfo.InvariantCulture)}: {Message(exception)}");
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
}
