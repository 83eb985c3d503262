// The generator's cost: a full run over an app of N routes, and the incremental pass after an edit elsewhere.
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Micro.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);

[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Preview);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [Params(10, 100, 1000)]
    public int Routes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(typeof(Micro.RouteAttribute).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var app = new System.Text.StringBuilder("using Micro;\nreturn MicroApp.Run(args);\npublic static class Views\n{\n");
        for (var i = 0; i < Routes; i++)
        {
            app.Append($"    [Route(\"item{i:0000}/<int:id>/<slug:tag>/\", Name = \"item{i}\")]\n");
            app.Append($"    public static string R{i}(int id, string tag) => tag + id;\n");
        }

        app.Append("}\n");
        var unrelated = CSharpSyntaxTree.ParseText("public static class Helpers { public static int Answer() => 42; }", s_parseOptions);
        _compilation = CSharpCompilation.Create("Bench",
            [CSharpSyntaxTree.ParseText(app.ToString(), s_parseOptions), unrelated],
            references, new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        _edited = _compilation.ReplaceSyntaxTree(unrelated,
            CSharpSyntaxTree.ParseText("public static class Helpers { public static int Answer() => 43; }", s_parseOptions));
        _warmDriver = NewDriver().RunGenerators(_compilation);
        var errors = _warmDriver.GetRunResult().Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The generator reported errors: " + string.Join("; ", errors));
        }
    }

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new MicroGenerator().AsSourceGenerator()], parseOptions: s_parseOptions);

    [Benchmark(Description = "full run")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "incremental, unrelated edit")]
    public GeneratorDriver IncrementalPass() => _warmDriver.RunGenerators(_edited);
}
