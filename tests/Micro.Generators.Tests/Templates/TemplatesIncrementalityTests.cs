using Micro.Generators.Shared;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// The templates pipeline caches: unrelated edits and method-body edits that don't change what reaches templates leave
/// every step Cached or Unchanged; a new tag or a new model member regenerates. Its models hold no Roslyn objects.
/// </summary>
public sealed class TemplatesIncrementalityTests
{
    private static readonly string[] s_trackedSteps = typeof(TrackingNames).GetFields()
        .Select(static f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal)
        .Where(static name => name.StartsWith("Micro.Templates.", StringComparison.Ordinal))
        .ToArray();

    private static GeneratorRun FirstRun() => TestCompilation.RunWithTemplates(TemplateApps.Blog, TemplateApps.BlogTemplates);

    [Fact]
    public void EveryTrackedStepRuns()
    {
        var run = FirstRun();

        Assert.Equal(5, s_trackedSteps.Length);
        Assert.All(s_trackedSteps, step => Assert.All(Outputs(run, step), static output => Assert.Equal(IncrementalStepRunReason.New, output.Reason)));
    }

    [Fact]
    public void UnrelatedNewFileChangesNothing()
    {
        var first = FirstRun();
        var second = first.RerunWithNewFile("Helpers.cs", "public static class Helpers { public static string Render(string a, object b) => a; }");

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void TagBodyEditChangesNothing()
    {
        var first = FirstRun();
        var second = first.RerunWithFile("Program.cs", Edit(first, "value.Replace(\" \", \"\")", "value.Replace(\" \", \"\").Trim()"));

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void NewModelMemberRegenerates()
    {
        var first = FirstRun();
        var second = first.RerunWithFile("Program.cs", Edit(first, "author = new { name = \"Ada\" }", "author = new { name = \"Ada\", age = 36 }"));

        Assert.Contains(Outputs(second, TrackingNames.TemplateRenderCalls), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"age\" => (true, global::Micro.Templates.TemplateAccessors.Box(instance.age)),", second.Source("Micro.Templates.MicroTemplates.g.cs"), StringComparison.Ordinal);
        second.AssertCompilesCleanly();
    }

    [Fact]
    public void NewTagRegeneratesAndIsKnownToTemplates()
    {
        var first = FirstRun();
        Assert.Empty(first.Diagnostics);
        var second = first.RerunWithNewFile("More.cs", "public static class More { [TemplateTag(Name = \"shout\")] public static string Loud(string value) => value; }");

        Assert.Contains(Outputs(second, TrackingNames.TemplateTags), static o => o.Reason == IncrementalStepRunReason.New);
        Assert.Equal("MICRO0046", Assert.Single(second.Diagnostics).Id);
    }

    [Fact]
    public void ModelsHoldNoRoslynObjects()
    {
        var run = FirstRun();
        var problems = new List<string>();
        var modelTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in s_trackedSteps)
        {
            foreach (var (output, index) in Outputs(run, step).Select(static (o, i) => (o, i)))
            {
                problems.AddRange(ModelGraph.FindForbidden(output.Value, $"{step}[{index}]"));
                modelTypes.UnionWith(ModelGraph.ModelTypes(output.Value));
            }
        }

        Assert.Empty(problems);
        Assert.Superset(
            new HashSet<string>(["RenderCallModel", "AccessorModel", "AccessorMemberModel", "TagModel", "TagParameterModel", "TemplateFileModel", "TemplatesModel", "LocationInfo", "Parsed", "EquatableArray"]),
            modelTypes);
    }

    private static void AssertNothingRegenerated(GeneratorRun first, GeneratorRun second)
    {
        foreach (var step in s_trackedSteps)
        {
            Assert.All(Outputs(second, step), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} produced {output.Reason} output: {output.Value}"));
        }

        Assert.All(second.Result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs), static output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"A source output ran again ({output.Reason})."));
        Assert.Equal(first.Sources.Select(static s => (s.HintName, s.SourceText.ToString())), second.Sources.Select(static s => (s.HintName, s.SourceText.ToString())));
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step) =>
        run.Result.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(static s => s.Outputs)
            : throw new InvalidOperationException($"The step {step} did not run.");

    private static string Edit(GeneratorRun run, string oldText, string newText)
    {
        var text = run.Input.SyntaxTrees.Single(static t => t.FilePath == "Program.cs").ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return text.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
