using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>
/// The same caching checks for every pipeline: after an unrelated edit or a method-body edit (in the file of the
/// attributes and in another file) every tracked step of the pipeline is Cached or Unchanged and no source is written
/// again; a signature edit regenerates; the models hold no Roslyn objects that would keep old compilations alive.
/// Each pipeline's test class says what its app is and what to edit.
/// </summary>
public abstract class PipelineIncrementalityTests
{
    /// <summary>The prefix of the pipeline's step names in <see cref="TrackingNames"/>, such as <c>Micro.Routes.</c>.</summary>
    protected abstract string StepPrefix { get; }

    /// <summary>A run over an app with every kind of input the pipeline reads, in two files: <c>Program.cs</c> and another.</summary>
    protected abstract GeneratorRun FirstRun();

    /// <summary>A method-body edit in <c>Program.cs</c> that moves no line.</summary>
    protected abstract Edit BodyEdit { get; }

    /// <summary>A method-body edit in the other file.</summary>
    protected abstract Edit BodyEditInAnotherFile { get; }

    /// <summary>An edit that changes what the pipeline generates, and a line the new source must contain.</summary>
    protected abstract (Edit Edit, string HintName, string Expected) SignatureEdit { get; }

    /// <summary>Model types the walk must reach, so that finding no Roslyn object in them means something.</summary>
    protected abstract string[] ModelTypes { get; }

    private string[] TrackedSteps => typeof(TrackingNames).GetFields()
        .Select(static f => (string)f.GetValue(null)!)
        .Where(name => name.StartsWith(StepPrefix, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void EveryTrackedStepRuns()
    {
        var run = FirstRun();

        Assert.NotEmpty(TrackedSteps);
        Assert.All(TrackedSteps, step => Assert.All(Outputs(run, step), static output => Assert.Equal(IncrementalStepRunReason.New, output.Reason)));
    }

    [Fact]
    public void UnrelatedNewFileChangesNothing()
    {
        var first = FirstRun();
        var second = first.RerunWithNewFile("Helpers.cs", """
            public static class Helpers
            {
                public static string Shout(string text) => text.ToUpperInvariant() + "!";

                public static string Render(string name, object model) => name;
            }
            """);

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void UnrelatedClassInTheSameFileChangesNothing()
    {
        var first = FirstRun();
        var second = first.RerunWithFile("Program.cs", first.Input.SyntaxTrees.Single(static t => t.FilePath == "Program.cs") + """

            public sealed class Unrelated
            {
                public int Value { get; set; }
            }
            """);

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void MethodBodyEditChangesNothing()
    {
        var first = FirstRun();

        AssertNothingRegenerated(first, Apply(first, BodyEdit));
    }

    [Fact]
    public void MethodBodyEditInAnotherFileChangesNothing()
    {
        var first = FirstRun();
        Assert.NotEqual("Program.cs", BodyEditInAnotherFile.Path);

        AssertNothingRegenerated(first, Apply(first, BodyEditInAnotherFile));
    }

    [Fact]
    public void SignatureEditRegenerates()
    {
        var first = FirstRun();
        var (edit, hintName, expected) = SignatureEdit;
        var second = Apply(first, edit);

        Assert.Contains(TrackedSteps.SelectMany(step => Outputs(second, step)), static o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Contains(CodeOutputs(second), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(expected, second.Source(hintName), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsHoldNoRoslynObjects()
    {
        var run = FirstRun();
        var problems = new List<string>();
        var modelTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in TrackedSteps)
        {
            foreach (var (output, index) in Outputs(run, step).Select(static (o, i) => (o, i)))
            {
                problems.AddRange(ModelGraph.FindForbidden(output.Value, $"{step}[{index}]"));
                modelTypes.UnionWith(ModelGraph.ModelTypes(output.Value));
            }
        }

        Assert.Empty(problems);
        Assert.Superset(new HashSet<string>(ModelTypes), modelTypes);
    }

    private void AssertNothingRegenerated(GeneratorRun first, GeneratorRun second)
    {
        foreach (var step in TrackedSteps)
        {
            Assert.All(Outputs(second, step), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} produced {output.Reason} output: {output.Value}"));
        }

        Assert.All(CodeOutputs(second), static output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"A source output ran again ({output.Reason}): {output.Value}"));
        Assert.Equal(first.Sources.Select(static s => (s.HintName, s.SourceText.ToString())), second.Sources.Select(static s => (s.HintName, s.SourceText.ToString())));
        Assert.Equal(first.Diagnostics.Select(static d => d.ToString()), second.Diagnostics.Select(static d => d.ToString()));
    }

    protected static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step) =>
        run.Result.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(static s => s.Outputs)
            : throw new InvalidOperationException($"The step {step} did not run.");

    /// <summary>
    /// The outputs that write sources. Those that report diagnostics read the compilation (to place each diagnostic in
    /// its syntax tree, where <c>#pragma</c>s apply) and run after every edit by design.
    /// </summary>
    protected static IEnumerable<(object Value, IncrementalStepRunReason Reason)> CodeOutputs(GeneratorRun run) =>
        run.Result.TrackedOutputSteps.SelectMany(static s => s.Value)
            .Where(static step => !step.Inputs.Any(static input => ReadsCompilation(input.Source.Outputs[input.OutputIndex].Value)))
            .SelectMany(static s => s.Outputs);

    private static bool ReadsCompilation(object value) =>
        value is System.Runtime.CompilerServices.ITuple tuple && Enumerable.Range(0, tuple.Length).Any(i => tuple[i] is Compilation);

    private static GeneratorRun Apply(GeneratorRun run, Edit edit)
    {
        var text = run.Input.SyntaxTrees.Single(t => t.FilePath == edit.Path).ToString();
        Assert.Contains(edit.Old, text, StringComparison.Ordinal);
        return run.RerunWithFile(edit.Path, text.Replace(edit.Old, edit.New, StringComparison.Ordinal));
    }

    /// <summary>Replaces <paramref name="Old"/> by <paramref name="New"/> in the file at <paramref name="Path"/>.</summary>
    public sealed record Edit(string Path, string Old, string New);
}
