using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using Micro.Analyzers.Routing;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Micro.Analyzers.Tests.Infrastructure;

/// <summary>
/// What a build of a test app reports: the generator runs over the compilation, then every Micro
/// analyzer over the output, as the compiler does. Diagnostics of both, on the app's own files.
/// </summary>
internal sealed class MicroAnalysis
{
    /// <summary>Every analyzer in Micro.Analyzers.</summary>
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [.. PublicInstances<DiagnosticAnalyzer>(typeof(UnreachableRouteAnalyzer).Assembly)];

    /// <summary>Every code fix in Micro.Analyzers.CodeFixes.</summary>
    public static readonly ImmutableArray<CodeFixProvider> CodeFixes = [.. PublicInstances<CodeFixProvider>(typeof(CodeFixes.Routing.AddRouteValueParameterCodeFix).Assembly)];

    private MicroAnalysis(GeneratorRun generator, ImmutableArray<Diagnostic> analyzerDiagnostics)
    {
        Generator = generator;
        AnalyzerDiagnostics = analyzerDiagnostics;
    }

    public GeneratorRun Generator { get; }

    public ImmutableArray<Diagnostic> AnalyzerDiagnostics { get; }

    /// <summary>The generator's diagnostics and the analyzers', in source order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics =>
        [.. Generator.Diagnostics.Concat(AnalyzerDiagnostics).OrderBy(static d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(static d => d.Location.SourceSpan.Start).ThenBy(static d => d.Id, StringComparer.Ordinal)];

    public static MicroAnalysis Run(string source) => Run(TestCompilation.Create(source));

    public static MicroAnalysis Run(params (string Path, string Source)[] files) => Run(TestCompilation.Create(files));

    public static MicroAnalysis Run(Compilation compilation)
    {
        var generator = GeneratorRun.Start(compilation);
        var withAnalyzers = generator.Output.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        // An analyzer that throws is reported as AD0001, not as an exception.
        var failures = diagnostics.Where(static d => d.Id == "AD0001").ToList();
        Assert.True(failures.Count == 0, "An analyzer threw:\n" + GeneratorRun.Format(failures));
        return new MicroAnalysis(generator, diagnostics);
    }

    /// <summary>The source text under a diagnostic's span, wherever it was reported (generator or analyzer).</summary>
    public string TextUnder(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        Assert.NotEqual(Location.None, location);
        var lineSpan = location.GetLineSpan();
        var tree = Generator.Input.SyntaxTrees.SingleOrDefault(t => t.FilePath == lineSpan.Path);
        Assert.True(tree is not null, $"{diagnostic.Id} is reported in {lineSpan.Path}, which is not a file of the app.");
        var text = tree.GetText();
        Assert.Equal(lineSpan.Span, text.Lines.GetLinePositionSpan(location.SourceSpan));
        return text.ToString(location.SourceSpan);
    }

    /// <summary>Each diagnostic as <c>ID: text under its span: message</c>, to compare whole lists at once.</summary>
    public IEnumerable<string> Describe() =>
        Diagnostics.Select(d => $"{d.Id}: {TextUnder(d)}: {d.GetMessage(CultureInfo.InvariantCulture)}");

    /// <summary>Asserts that nothing Micro reports remains and that the app, with its generated code, compiles without errors or warnings.</summary>
    public MicroAnalysis AssertClean()
    {
        Assert.True(Diagnostics.IsEmpty, "Micro reported:\n" + GeneratorRun.Format(Diagnostics));
        var problems = Generator.Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "The app doesn't compile cleanly:\n" + GeneratorRun.Format(problems));
        return this;
    }

    private static IEnumerable<T> PublicInstances<T>(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(static t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(static t => t.FullName, StringComparer.Ordinal)
            .Select(static t => (T)Activator.CreateInstance(t)!);
}
