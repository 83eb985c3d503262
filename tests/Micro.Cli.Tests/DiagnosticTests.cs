using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Cli.Tests;

/// <summary>
/// The generator's command diagnostics: the ID and the source text under each one's span. The generator
/// runs in memory over a small app that references the built Micro.Runtime.
/// </summary>
public sealed class DiagnosticTests
{
    private static readonly Lazy<IIncrementalGenerator> s_generator = new(static () =>
    {
        var path = typeof(DiagnosticTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(static a => a.Key == "Micro.Generators").Value!;
        var type = Assembly.LoadFrom(path).GetType("Micro.Generators.MicroGenerator", throwOnError: true)!;
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    });

    private static readonly Lazy<MetadataReference[]> s_references = new(static () =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(MicroApp).Assembly.Location)
            .Distinct()
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    [Fact]
    public void A_command_with_a_built_in_name_is_refused()
    {
        var diagnostics = Generate("""
            public static class Tools
            {
                [Command] public static void Routes() { }
                [Command("check")] public static void Verify() { }
            }
            """).Diagnostics;

        Assert.Equal([("MICRO0020", "Command"), ("MICRO0020", "Command(\"check\")")], diagnostics.Select(Describe));
        Assert.Equal("The command name 'routes' belongs to a built-in command; choose another name ([Command(\"my-routes\")])", diagnostics[0].GetMessage());
    }

    [Fact]
    public void Duplicate_command_names_are_refused()
    {
        var diagnostics = Generate("""
            public static class A { [Command("sync")] public static void One() { } }
            public static class B { [Command("sync")] public static void Two() { } }
            [Command] public static class SyncCommand { public static void Run() { } }
            """).Diagnostics;

        Assert.Equal([("MICRO0021", "Command(\"sync\")"), ("MICRO0021", "Command")], diagnostics.Select(Describe));
        Assert.Equal("The command name 'sync' is also used at Program.cs(2,26); command names must be unique", diagnostics[0].GetMessage());
    }

    [Fact]
    public void Parameters_that_can_not_be_bound_are_refused()
    {
        var diagnostics = Generate("""
            using System.Collections.Generic;
            public readonly struct Point { }
            public static class Tools
            {
                [Command]
                public static void Import(List<string> names, [Option] System.IO.Stream data, Point point, object anything, ref int count, [Argument] Point[] points) { }
            }
            """).Diagnostics;

        Assert.Equal(
            [("MICRO0022", "names"), ("MICRO0022", "data"), ("MICRO0022", "point"), ("MICRO0022", "anything"), ("MICRO0022", "count"), ("MICRO0022", "points")],
            diagnostics.Select(Describe));
        Assert.Equal(
            "Parameter 'names' of command Tools.Import can't be bound: System.Collections.Generic.List<string> is a collection; take several values as an array (string[])",
            diagnostics[0].GetMessage());
        Assert.EndsWith("System.IO.Stream can't be read from text; use a string, a number, a bool, an enum, a type with a static TryParse method, or an array of them", diagnostics[1].GetMessage());
    }

    /// <summary>A ref struct or a pointer can't be stored, resolved or parsed: refused even where a service would be taken.</summary>
    [Fact]
    public void Ref_structs_and_pointers_are_refused()
    {
        var diagnostics = Generate("""
            public static class Tools
            {
                [Command] public static void Parse([FromServices] System.Span<char> buffer) { }
            }
            """).Diagnostics;

        Assert.Equal([("MICRO0022", "buffer")], diagnostics.Select(Describe));
        Assert.Equal(
            "Parameter 'buffer' of command Tools.Parse can't be bound: System.Span<char> is a ref struct or a pointer, which generated code can't bind; use a string, a number, a bool, an enum, a type with a static TryParse method, or an array of them",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public void Handlers_generated_code_can_not_call_are_refused()
    {
        var diagnostics = Generate("""
            public class Tools
            {
                [Command] public void Instance() { }
                [Command] private static void Hidden() { }
                [Command] public static void Generic<T>() { }
            }
            """).Diagnostics;

        Assert.Equal([("MICRO0023", "Command"), ("MICRO0023", "Command"), ("MICRO0023", "Command")], diagnostics.Select(Describe));
        Assert.Equal("Tools.Instance can't be a command: it is not static; make it static", diagnostics[0].GetMessage());
        Assert.Equal("Tools.Hidden can't be a command: it is private or protected; make it public or internal", diagnostics[1].GetMessage());
        Assert.Equal("Tools.Generic can't be a command: it is generic; commands can't have type parameters", diagnostics[2].GetMessage());
    }

    [Fact]
    public void Invalid_command_and_option_names_are_refused()
    {
        var diagnostics = Generate("""
            public static class Tools
            {
                [Command("Send Mail")] public static void A() { }
                [Command] public static void B([Option(Name = "dry_run")] bool dryRun, [Option(Short = '1')] int count = 0) { }
            }
            """).Diagnostics;

        Assert.Equal([("MICRO0024", "Command(\"Send Mail\")"), ("MICRO0024", "dryRun"), ("MICRO0022", "count")], diagnostics.Select(Describe));
        Assert.Equal("'Send Mail' is not a valid command name; use lower-case letters, digits and dashes, starting with a letter (for example 'send-emails')", diagnostics[0].GetMessage());
        Assert.Equal("'dry_run' is not a valid option name; use lower-case letters, digits and dashes, starting with a letter (for example 'send-emails')", diagnostics[1].GetMessage());
    }

    [Fact]
    public void A_class_based_command_needs_exactly_one_run_method()
    {
        var diagnostics = Generate("""
            [Command] public static class NothingCommand { public static void Execute() { } }
            [Command] public static class BothCommand { public static void Run() { } public static System.Threading.Tasks.Task RunAsync() => System.Threading.Tasks.Task.CompletedTask; }
            [Command] public class InstanceCommand { public void Run() { } }
            """).Diagnostics;

        Assert.Equal([("MICRO0025", "Command"), ("MICRO0025", "Command"), ("MICRO0023", "Command")], diagnostics.Select(Describe));
        Assert.Equal("Class-based command NothingCommand has no Run or RunAsync method; give it exactly one static Run or RunAsync method", diagnostics[0].GetMessage());
        Assert.Equal("Class-based command BothCommand has several Run and RunAsync methods; give it exactly one static Run or RunAsync method", diagnostics[1].GetMessage());
        Assert.Equal("InstanceCommand.Run can't be a command: it is not static; make it static", diagnostics[2].GetMessage());
    }

    [Fact]
    public void Unsupported_return_types_are_refused()
    {
        var diagnostics = Generate("""
            public static class Tools
            {
                [Command] public static bool Ok() => true;
                [Command] public static async void Fire() { await System.Threading.Tasks.Task.Yield(); }
                [Command] public static System.Threading.Tasks.Task<long> Count() => System.Threading.Tasks.Task.FromResult(1L);
            }
            """).Diagnostics;

        Assert.Equal([("MICRO0026", "Command"), ("MICRO0026", "Command"), ("MICRO0026", "Command")], diagnostics.Select(Describe));
        Assert.Equal("Command Tools.Ok returns bool; return void, int (the exit code) or string (printed), or a Task or ValueTask of them", diagnostics[0].GetMessage());
        Assert.Contains("returns async void;", diagnostics[1].GetMessage());
        Assert.Contains("returns System.Threading.Tasks.Task<long>;", diagnostics[2].GetMessage());
    }

    [Fact]
    public void Option_names_must_be_unique_and_leave_the_global_ones_alone()
    {
        var diagnostics = Generate("""
            public static class Tools
            {
                [Command]
                public static void Deploy(bool help, string environment, [Option(Short = 'h')] int hosts, [Option(Name = "target")] string a, [Option(Name = "target")] string b, bool color, bool noColor) { }
            }
            """).Diagnostics;

        Assert.Equal(["MICRO0027", "MICRO0027", "MICRO0027", "MICRO0027", "MICRO0027"], diagnostics.Select(static d => d.Id));
        Assert.Equal(
            [
                "Option '--help' of command Tools.Deploy is reserved for the global option --help; rename the parameter or set [Option(Name = ...)]",
                "Option '--environment' of command Tools.Deploy is reserved for the global option --environment; rename the parameter or set [Option(Name = ...)]",
                "Option '-h' of command Tools.Deploy is reserved for the global option -h, --help; rename the parameter or set [Option(Name = ...)]",
                "Option '--target' of command Tools.Deploy is also the option of parameter 'a'; rename the parameter or set [Option(Name = ...)]",
                "Option '--no-color' of command Tools.Deploy is also the option of parameter 'color'; rename the parameter or set [Option(Name = ...)]",
            ],
            diagnostics.Select(static d => d.GetMessage()));
    }

    [Fact]
    public void Positional_arguments_must_be_parseable_in_order()
    {
        var diagnostics = Generate("""
            public static class Tools
            {
                [Command] public static void Copy([Argument] string? from, [Argument] string to) { }
                [Command] public static void Join([Argument] string[] parts, [Argument] string separator) { }
            }
            """).Diagnostics;

        Assert.Equal([("MICRO0028", "Command"), ("MICRO0028", "Command")], diagnostics.Select(Describe));
        Assert.Equal("Argument 'to' of command Tools.Copy is required but follows the optional argument 'from'; put required arguments first", diagnostics[0].GetMessage());
        Assert.Equal("Argument 'parts' of command Tools.Join takes all the remaining values, so it must be the last argument", diagnostics[1].GetMessage());
    }

    [Theory]
    [InlineData(DocumentationMode.None)]
    [InlineData(DocumentationMode.Diagnose)]
    public void Valid_commands_generate_code_that_compiles_cleanly_with_help_from_doc_comments(DocumentationMode documentation)
    {
        var result = Generate("""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public enum Level { Low, High }

            public sealed class Store { }

            /// <summary>Tools for the tests.</summary>
            public static class Tools
            {
                /// <summary>Seed the database. Creates sample rows.</summary>
                /// <param name="count">How many <c>rows</c> to create.</param>
                [Command]
                public static async Task<int> Seed(
                    [Argument] string table,
                    Store store,
                    TextWriter output,
                    CommandContext context,
                    CancellationToken cancellationToken,
                    int[] ids,
                    [Option(Short = 'c')] int count = 10,
                    bool dryRun = false,
                    bool? verbose = null,
                    Level level = Level.High,
                    string[]? tags = null,
                    Guid? id = null,
                    decimal price = 1.5m,
                    [Argument] string[]? more = null)
                {
                    await Task.Yield();
                    return 0;
                }

                [Command(Help = "From the attribute.")]
                public static string? Echo([Argument] string? text = null) => text;
            }

            /// <summary>Import data.</summary>
            [Command]
            public static class ImportCommand
            {
                /// <param name="file">The file.</param>
                public static ValueTask RunAsync([Argument] FileKind file) => default;
            }

            public enum FileKind { Csv, Json }
            """, documentation);

        Assert.Empty(result.Diagnostics);
        var compiled = result.Compilation.GetDiagnostics();
        Assert.Empty(compiled.Where(static d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(compiled.Where(static d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "Program.cs"));
        var generated = Assert.Single(result.Sources, static s => s.HintName == "Micro.Commands.MicroCommands.g.cs").SourceText.ToString();
        Assert.Contains("help: \"Seed the database.\",", generated);
        Assert.Contains("description: \"Seed the database. Creates sample rows.\",", generated);
        Assert.Contains("\"count\", 'c', \"<int>\", \"How many rows to create.\", \"10\"", generated);
        Assert.Contains("help: \"From the attribute.\",", generated);
        Assert.Contains("name: \"import\",", generated);
        Assert.Contains("help: \"Import data.\",", generated);
        Assert.Contains("\"file\", '\\0', \"<Csv|Json>\", \"The file.\"", generated);
    }

    [Theory]
    [InlineData("public static class Other { public static int X() => 1; }", null)]
    [InlineData(null, "output.WriteLine(\"changed\");")]
    public void Unrelated_and_body_edits_leave_the_commands_pipeline_cached(string? newFile, string? newBody)
    {
        const string Source = """
            using System.IO;
            public static class Tools
            {
                /// <summary>Say hello.</summary>
                [Command] public static void Hello(TextWriter output, int times = 1) { output.WriteLine("hello"); }
            }
            """;
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var tree = CSharpSyntaxTree.ParseText("using Micro;\n" + Source, parseOptions, path: "Program.cs");
        var compilation = CSharpCompilation.Create("App", [tree], s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [s_generator.Value.AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        var edited = newFile is not null
            ? compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(newFile, parseOptions, path: "Other.cs"))
            : compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(tree.ToString().Replace("output.WriteLine(\"hello\");", newBody!), parseOptions, path: "Program.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { "Micro.Commands.Targets", "Micro.Commands.Host", "Micro.Commands.Table" })
        {
            var reasons = result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }
    }

    /// <summary>The ID and the source text under the span (the generator's locations carry the path and span, not the tree).</summary>
    private static (string Id, string Text) Describe(Diagnostic diagnostic)
    {
        Assert.Equal("Program.cs", diagnostic.Location.GetLineSpan().Path);
        var span = diagnostic.Location.SourceSpan;
        return (diagnostic.Id, s_lastSource.Value!.Substring(span.Start, span.Length));
    }

    private static readonly AsyncLocal<string> s_lastSource = new();

    private static (ImmutableArray<Diagnostic> Diagnostics, Compilation Compilation, ImmutableArray<GeneratedSourceResult> Sources) Generate(
        string source,
        DocumentationMode documentation = DocumentationMode.None)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, documentation);
        s_lastSource.Value = "using Micro;\n" + source;
        var tree = CSharpSyntaxTree.ParseText(s_lastSource.Value, parseOptions, path: "Program.cs");
        var compilation = CSharpCompilation.Create(
            "App",
            [tree],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([s_generator.Value.AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        return (result.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start).ToImmutableArray(), output, result.GeneratedSources);
    }
}
