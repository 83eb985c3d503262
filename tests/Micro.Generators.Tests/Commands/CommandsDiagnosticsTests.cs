using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Commands;

/// <summary>The commands generator's diagnostics: the ID, the source text under each span, and the message.</summary>
public sealed class CommandsDiagnosticsTests
{
    [Fact]
    public void A_command_with_a_built_in_name_is_refused()
    {
        var run = Generate("""
            public static class Tools
            {
                [Command] public static void Routes() { }
                [Command("check")] public static void Verify() { }
            }
            """);

        Assert.Equal([("MICRO0020", "Command"), ("MICRO0020", "Command(\"check\")")], Describe(run));
        Assert.Equal("The command name 'routes' belongs to a built-in command; choose another name ([Command(\"my-routes\")])", Message(run, 0));
    }

    [Fact]
    public void Duplicate_command_names_are_refused()
    {
        var run = Generate("""
            public static class A { [Command("sync")] public static void One() { } }
            public static class B { [Command("sync")] public static void Two() { } }
            [Command] public static class SyncCommand { public static void Run() { } }
            """);

        Assert.Equal([("MICRO0021", "Command(\"sync\")"), ("MICRO0021", "Command")], Describe(run));
        Assert.Equal("The command name 'sync' is also used at Program.cs(3,26); command names must be unique", Message(run, 0));
    }

    [Fact]
    public void Parameters_that_can_not_be_bound_are_refused()
    {
        var run = Generate("""
            public readonly struct Point { }
            public static class Tools
            {
                [Command]
                public static void Import(List<string> names, [Option] System.IO.Stream data, Point point, object anything, ref int count, [Argument] Point[] points) { }
            }
            """);

        Assert.Equal(
            [("MICRO0022", "names"), ("MICRO0022", "data"), ("MICRO0022", "point"), ("MICRO0022", "anything"), ("MICRO0022", "count"), ("MICRO0022", "points")],
            Describe(run));
        Assert.Equal(
            "Parameter 'names' of command Tools.Import can't be bound: System.Collections.Generic.List<string> is a collection; take several values as an array (string[])",
            Message(run, 0));
        Assert.EndsWith("System.IO.Stream can't be read from text; use a string, a number, a bool, an enum, a type with a static TryParse method, or an array of them", Message(run, 1));
    }

    /// <summary>A ref struct or a pointer can't be stored, resolved or parsed: refused even where a service would be taken.</summary>
    [Fact]
    public void Ref_structs_and_pointers_are_refused()
    {
        var run = Generate("""
            public static class Tools
            {
                [Command] public static void Parse([FromServices] System.Span<char> buffer) { }
            }
            """);

        Assert.Equal([("MICRO0022", "buffer")], Describe(run));
        Assert.Equal(
            "Parameter 'buffer' of command Tools.Parse can't be bound: System.Span<char> is a ref struct or a pointer, which generated code can't bind; use a string, a number, a bool, an enum, a type with a static TryParse method, or an array of them",
            Message(run, 0));
    }

    [Fact]
    public void Handlers_generated_code_can_not_call_are_refused()
    {
        var run = Generate("""
            public class Tools
            {
                [Command] public void Instance() { }
                [Command] private static void Hidden() { }
                [Command] public static void Generic<T>() { }
            }
            """);

        Assert.Equal([("MICRO0023", "Command"), ("MICRO0023", "Command"), ("MICRO0023", "Command")], Describe(run));
        Assert.Equal("Tools.Instance can't be a command: it is not static; make it static", Message(run, 0));
        Assert.Equal("Tools.Hidden can't be a command: it is private or protected; make it public or internal", Message(run, 1));
        Assert.Equal("Tools.Generic can't be a command: it is generic; commands can't have type parameters", Message(run, 2));
    }

    [Fact]
    public void Invalid_command_and_option_names_are_refused()
    {
        var run = Generate("""
            public static class Tools
            {
                [Command("Send Mail")] public static void A() { }
                [Command] public static void B([Option(Name = "dry_run")] bool dryRun, [Option(Short = '1')] int count = 0) { }
            }
            """);

        Assert.Equal([("MICRO0024", "Command(\"Send Mail\")"), ("MICRO0024", "dryRun"), ("MICRO0022", "count")], Describe(run));
        Assert.Equal("'Send Mail' is not a valid command name; use lower-case letters, digits and dashes, starting with a letter (for example 'send-emails')", Message(run, 0));
        Assert.Equal("'dry_run' is not a valid option name; use lower-case letters, digits and dashes, starting with a letter (for example 'send-emails')", Message(run, 1));
    }

    [Fact]
    public void A_class_based_command_needs_exactly_one_run_method()
    {
        var run = Generate("""
            [Command] public static class NothingCommand { public static void Execute() { } }
            [Command] public static class BothCommand { public static void Run() { } public static Task RunAsync() => Task.CompletedTask; }
            [Command] public class InstanceCommand { public void Run() { } }
            """);

        Assert.Equal([("MICRO0025", "Command"), ("MICRO0025", "Command"), ("MICRO0023", "Command")], Describe(run));
        Assert.Equal("Class-based command NothingCommand has no Run or RunAsync method; give it exactly one static Run or RunAsync method", Message(run, 0));
        Assert.Equal("Class-based command BothCommand has several Run and RunAsync methods; give it exactly one static Run or RunAsync method", Message(run, 1));
        Assert.Equal("InstanceCommand.Run can't be a command: it is not static; make it static", Message(run, 2));
    }

    [Fact]
    public void Unsupported_return_types_are_refused()
    {
        var run = Generate("""
            public static class Tools
            {
                [Command] public static bool Ok() => true;
                [Command] public static async void Fire() { await Task.Yield(); }
                [Command] public static Task<long> Count() => Task.FromResult(1L);
            }
            """);

        Assert.Equal([("MICRO0026", "Command"), ("MICRO0026", "Command"), ("MICRO0026", "Command")], Describe(run));
        Assert.Equal("Command Tools.Ok returns bool; return void, int (the exit code) or string (printed), or a Task or ValueTask of them", Message(run, 0));
        Assert.Contains("returns async void;", Message(run, 1));
        Assert.Contains("returns System.Threading.Tasks.Task<long>;", Message(run, 2));
    }

    [Fact]
    public void Option_names_must_be_unique_and_leave_the_global_ones_alone()
    {
        var run = Generate("""
            public static class Tools
            {
                [Command]
                public static void Deploy(bool help, string environment, [Option(Short = 'h')] int hosts, [Option(Name = "target")] string a, [Option(Name = "target")] string b, bool color, bool noColor) { }
            }
            """);

        Assert.Equal(["MICRO0027", "MICRO0027", "MICRO0027", "MICRO0027", "MICRO0027"], Sorted(run).Select(static d => d.Id));
        Assert.Equal(
            [
                "Option '--help' of command Tools.Deploy is reserved for the global option --help; rename the parameter or set [Option(Name = ...)]",
                "Option '--environment' of command Tools.Deploy is reserved for the global option --environment; rename the parameter or set [Option(Name = ...)]",
                "Option '-h' of command Tools.Deploy is reserved for the global option -h, --help; rename the parameter or set [Option(Name = ...)]",
                "Option '--target' of command Tools.Deploy is also the option of parameter 'a'; rename the parameter or set [Option(Name = ...)]",
                "Option '--no-color' of command Tools.Deploy is also the option of parameter 'color'; rename the parameter or set [Option(Name = ...)]",
            ],
            run.Diagnostics.Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Positional_arguments_must_be_parseable_in_order()
    {
        var run = Generate("""
            public static class Tools
            {
                [Command] public static void Copy([Argument] string? from, [Argument] string to) { }
                [Command] public static void Join([Argument] string[] parts, [Argument] string separator) { }
            }
            """);

        Assert.Equal([("MICRO0028", "Command"), ("MICRO0028", "Command")], Describe(run));
        Assert.Equal("Argument 'to' of command Tools.Copy is required but follows the optional argument 'from'; put required arguments first", Message(run, 0));
        Assert.Equal("Argument 'parts' of command Tools.Join takes all the remaining values, so it must be the last argument", Message(run, 1));
    }

    private static GeneratorRun Generate(string source) => TestCompilation.Run("return MicroApp.Run(args);\n\n" + source);

    private static List<Diagnostic> Sorted(GeneratorRun run) => [.. run.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start)];

    /// <summary>The ID and the source text under the span of each diagnostic, in source order.</summary>
    private static IEnumerable<(string Id, string Text)> Describe(GeneratorRun run) => Sorted(run).Select(d => (d.Id, run.TextUnder(d)));

    private static string Message(GeneratorRun run, int index) => Sorted(run)[index].GetMessage(System.Globalization.CultureInfo.InvariantCulture);
}
