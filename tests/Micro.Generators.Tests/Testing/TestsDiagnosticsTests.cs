using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Testing;

/// <summary>The test registry's diagnostics: the ID, the source text under each span (the method's name, at its file and line), and the message.</summary>
public sealed class TestsDiagnosticsTests
{
    [Fact]
    public void Tests_generated_code_can_not_call_are_refused()
    {
        var run = Generate("""
            public class Checks
            {
                [Test] public void Instance(MicroTestClient client) { }
                [Test] private static void Hidden() { }
                [Test] public static void Generic<T>() { }
            }
            """);

        Assert.Equal([("MICRO0030", "Instance"), ("MICRO0030", "Hidden"), ("MICRO0030", "Generic")], Describe(run));
        Assert.Equal("Checks.Instance can't be a test: it is not static; make it static", Message(run, 0));
        Assert.Equal("Checks.Hidden can't be a test: it is private or protected; make it public or internal", Message(run, 1));
        Assert.Equal("Checks.Generic can't be a test: it is generic; tests can't have type parameters", Message(run, 2));
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(4, 23), run.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start).First().Location.GetLineSpan().StartLinePosition);
        Assert.DoesNotContain("Micro.Testing.MicroTests.g.cs", run.HintNames);
    }

    [Fact]
    public void A_test_returns_nothing_or_a_task()
    {
        var run = Generate("""
            public static class Checks
            {
                [Test] public static int Number() => 1;
                [Test] public static Task<int> Later() => Task.FromResult(1);
                [Test] public static async void Fire() => await Task.Yield();
            }
            """);

        Assert.Equal([("MICRO0030", "Number"), ("MICRO0030", "Later"), ("MICRO0030", "Fire")], Describe(run));
        Assert.Equal("Checks.Number can't be a test: it returns int; a test returns nothing, a Task or a ValueTask", Message(run, 0));
        Assert.Equal("Checks.Later can't be a test: it returns System.Threading.Tasks.Task<int>; a test returns nothing, a Task or a ValueTask", Message(run, 1));
        Assert.Equal("Checks.Fire can't be a test: it is async void, so the runner can't wait for it; return a Task", Message(run, 2));
    }

    [Fact]
    public void Parameters_no_value_can_be_given_for_are_refused()
    {
        var run = Generate("""
            public static class Checks
            {
                [Test] public static void Counts(ref int count) { }
                [Test] public static void Spans(System.Span<char> buffer) { }
            }
            """);

        Assert.Equal([("MICRO0030", "Counts"), ("MICRO0030", "Spans")], Describe(run));
        Assert.Equal("Checks.Counts can't be a test: its parameter 'count' can't be given: ref, out and in parameters can't be bound", Message(run, 0));
        Assert.StartsWith("Checks.Spans can't be a test: its parameter 'buffer' can't be given: System.Span<char> is a ref struct or a pointer", Message(run, 1));
    }

    [Fact]
    public void A_local_function_is_refused_with_where_to_move_it()
    {
        var run = TestCompilation.Run("""
            [Test] static void Local() { }
            return MicroApp.Run(args);
            """);

        Assert.Equal([("MICRO0030", "Local")], Describe(run));
        Assert.StartsWith("Local can't be a test: it is a local function, and generated code can't call local functions; move it into a static class", Message(run, 0));
    }

    [Fact]
    public void Two_tests_of_one_name_are_refused()
    {
        var run = Generate("""
            public static class Checks
            {
                [Test] public static void Same(MicroTestClient client) { }
                [Test] public static void Same(MicroTestClient client, CancellationToken cancellationToken) { }
            }
            """);

        Assert.Equal([("MICRO0031", "Same")], Describe(run));
        Assert.Equal("Another test is named 'Checks.Same' (Program.cs(5,31)); give one of them another name", Message(run, 0));
        Assert.Equal(6, run.Diagnostics[0].Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    private static GeneratorRun Generate(string source) => TestCompilation.Run("return MicroApp.Run(args);\n\n" + source);

    private static List<Diagnostic> Sorted(GeneratorRun run) => [.. run.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start)];

    private static IEnumerable<(string Id, string Text)> Describe(GeneratorRun run) => Sorted(run).Select(d => (d.Id, run.TextUnder(d)));

    private static string Message(GeneratorRun run, int index) => Sorted(run)[index].GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
