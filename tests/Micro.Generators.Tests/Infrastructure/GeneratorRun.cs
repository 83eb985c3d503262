using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>One run of the generator: its input, its output compilation and what it reported.</summary>
public sealed class GeneratorRun
{
    private GeneratorRun(GeneratorDriver driver, Compilation input)
    {
        Driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var driverDiagnostics);
        Input = input;
        Output = output;
        ReportedDiagnostics = driverDiagnostics;
        Result = Driver.GetRunResult().Results.Single();
        Assert.Empty(driverDiagnostics.Where(static d => d.Id is "CS8784" or "CS8785")); // the generator threw
        Assert.Null(Result.Exception);
    }

    public GeneratorDriver Driver { get; }

    public Compilation Input { get; }

    /// <summary>The input with the generated sources added.</summary>
    public Compilation Output { get; }

    public GeneratorRunResult Result { get; }

    /// <summary>What the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>What the compiler makes of <see cref="Diagnostics"/>: <c>#pragma</c>s and configured severities applied, as a build shows them.</summary>
    public ImmutableArray<Diagnostic> ReportedDiagnostics { get; }

    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    public IEnumerable<string> HintNames => Sources.Select(static s => s.HintName);

    public string Source(string hintName) =>
        Sources.SingleOrDefault(s => s.HintName == hintName).SourceText?.ToString()
        ?? throw new InvalidOperationException($"The generator produced no {hintName}; it produced: {string.Join(", ", HintNames)}.");

    public static GeneratorRun Start(Compilation input) => new(TestCompilation.CreateDriver(), input);

    /// <summary>Starts with additional files (templates) beside the compilation.</summary>
    public static GeneratorRun Start(Compilation input, IEnumerable<AdditionalText> additionalTexts, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var texts = additionalTexts.ToImmutableArray();
        return new(TestCompilation.CreateDriver(texts, buildProperties), input) { AdditionalTexts = texts };
    }

    public ImmutableArray<AdditionalText> AdditionalTexts { get; private init; } = [];

    /// <summary>Runs the same driver again over an edited compilation, as the IDE does after an edit.</summary>
    public GeneratorRun Rerun(Compilation edited) => new(Driver, edited) { AdditionalTexts = AdditionalTexts };

    /// <summary>Replaces the text of the file at <paramref name="path"/> and runs again.</summary>
    public GeneratorRun RerunWithFile(string path, string source)
    {
        var old = Input.SyntaxTrees.Single(t => t.FilePath == path);
        return Rerun(Input.ReplaceSyntaxTree(old, TestCompilation.Parse(path, source)));
    }

    /// <summary>Adds a file and runs again.</summary>
    public GeneratorRun RerunWithNewFile(string path, string source) =>
        Rerun(Input.AddSyntaxTrees(TestCompilation.Parse(path, source)));

    /// <summary>
    /// Asserts that the output compilation (input plus generated code) has no errors and no warnings,
    /// as a build with TreatWarningsAsErrors, and that the generator reported nothing.
    /// </summary>
    public GeneratorRun AssertCompilesCleanly()
    {
        Assert.True(Diagnostics.IsEmpty, "The generator reported:\n" + Format(Diagnostics));
        var problems = Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "The output compilation has errors or warnings:\n" + Format(problems));
        return this;
    }

    /// <summary>
    /// The input text under a diagnostic's span. The generator reports locations by file, span and line
    /// span; this also checks that the line span names the same text.
    /// </summary>
    public string TextUnder(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        Assert.NotEqual(Location.None, location);
        var lineSpan = location.GetLineSpan();
        var text = Input.SyntaxTrees.SingleOrDefault(t => t.FilePath == lineSpan.Path)?.GetText()
            ?? AdditionalTexts.SingleOrDefault(t => t.Path == lineSpan.Path)?.GetText();
        Assert.True(text is not null, $"{diagnostic.Id} is reported in {lineSpan.Path}, which is not a file of the compilation.");
        Assert.Equal(lineSpan.Span, text.Lines.GetLinePositionSpan(location.SourceSpan));
        return text.ToString(location.SourceSpan);
    }

    /// <summary>As <see cref="AssertCompilesCleanly"/>, when the generator is expected to report the given IDs.</summary>
    public GeneratorRun AssertCompilesCleanlyExcept(params string[] expectedIds)
    {
        Assert.Equal(expectedIds.Order(StringComparer.Ordinal), Diagnostics.Select(static d => d.Id).Order(StringComparer.Ordinal));
        var problems = Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "The output compilation has errors or warnings:\n" + Format(problems));
        return this;
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(static d => d.ToString()));
}
