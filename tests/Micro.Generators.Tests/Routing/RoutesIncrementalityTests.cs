using Micro.Generators.Shared;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Routing;

/// <summary>
/// The pipeline caches: after an unrelated edit or a method-body edit every tracked step is Cached or
/// Unchanged and no source is produced again; a signature edit regenerates. Its models hold no Roslyn
/// objects that would keep old compilations alive.
/// </summary>
public sealed class RoutesIncrementalityTests
{
    /// <summary>Every routes step name in <see cref="TrackingNames"/> (other pipelines have tests of their own).</summary>
    private static readonly string[] s_trackedSteps = typeof(TrackingNames).GetFields()
        .Select(static f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal)
        .Where(static name => name.StartsWith("Micro.Routes.", StringComparison.Ordinal))
        .ToArray();

    /// <summary>An app with every kind of input the pipeline reads, including an invalid route, over two files.</summary>
    private static GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", RouteApps.NamedRoutes),
        ("Errors.cs", """
            public static class Errors
            {
                [ErrorHandler(404)]
                public static string NotFound(HttpContext context) => "not found";

                [Route("/invalid/")]
                public static string Invalid() => "";
            }
            """));

    [Fact]
    public void EveryTrackedStepRuns()
    {
        var run = FirstRun();

        Assert.Equal(s_trackedSteps, run.Result.TrackedSteps.Keys.Where(s_trackedSteps.Contains).Order(StringComparer.Ordinal));
        Assert.All(s_trackedSteps, step => Assert.All(Outputs(run, step), static output => Assert.Equal(IncrementalStepRunReason.New, output.Reason)));
        Assert.Equal(["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Hosting.MicroManifest.g.cs"], run.HintNames);
    }

    [Fact]
    public void UnrelatedNewFileChangesNothing()
    {
        var first = FirstRun();
        var second = first.RerunWithNewFile("Helpers.cs", """
            public static class Helpers
            {
                public static string Shout(string text) => text.ToUpperInvariant() + "!";
            }
            """);

        AssertNothingRegenerated(first, second);
    }

    [Fact]
    public void UnrelatedClassInTheSameFileChangesNothing()
    {
        var first = FirstRun();
        var second = first.RerunWithFile("Errors.cs", first.Input.SyntaxTrees.Single(static t => t.FilePath == "Errors.cs").ToString() + """

            public sealed class Unrelated
            {
                public int Value { get; set; }
            }
            """);

        AssertNothingRegenerated(first, second);
    }

    /// <summary>A handler's body grows without moving any line: positions after it shift, lines and columns don't.</summary>
    [Fact]
    public void MethodBodyEditChangesNothing()
    {
        var first = FirstRun();
        var edited = Edit(first, "Program.cs", "public static string Home() => \"home\";", "public static string Home() => \"a much longer home page\";");

        AssertNothingRegenerated(first, first.RerunWithFile("Program.cs", edited));
    }

    [Fact]
    public void MethodBodyEditInAnotherFileChangesNothing()
    {
        var first = FirstRun();
        var edited = Edit(first, "Errors.cs", "=> \"not found\";", "=> $\"Nothing at {context.Request.Path}\";");

        AssertNothingRegenerated(first, first.RerunWithFile("Errors.cs", edited));
    }

    [Fact]
    public void NewParameterRegenerates()
    {
        var first = FirstRun();
        var second = first.RerunWithFile("Program.cs", Edit(first, "Program.cs", "public static string File(string file) => file;", "public static string File(string file, bool download = false) => file;"));

        Assert.Contains(Outputs(second, TrackingNames.RouteTargets), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.RouteTable)).Reason);
        Assert.Contains(SourceOutputs(second), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("global::Site.File(p_file, p_download)", second.Source("Micro.Routing.MicroRoutes.g.cs"), StringComparison.Ordinal);
        second.AssertCompilesCleanlyExcept("MICRO0001");
    }

    [Fact]
    public void NewRouteRegenerates()
    {
        var first = FirstRun();
        var second = first.RerunWithNewFile("Feeds.cs", """
            public static class Feeds
            {
                [Route("feed/", Name = "feed")]
                public static string Feed() => "<rss/>";
            }
            """);

        Assert.Contains(Outputs(second, TrackingNames.RouteTargets), static o => o.Reason == IncrementalStepRunReason.New);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.RouteTable)).Reason);
        Assert.Contains(SourceOutputs(second), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public static string Feed() =>", second.Source("Micro.Routing.Urls.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void RenamedRouteRegenerates()
    {
        var first = FirstRun();
        var second = first.RerunWithFile("Program.cs", Edit(first, "Program.cs", "Name = \"year_archive\"", "Name = \"archive_by_year\""));

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.RouteTable)).Reason);
        Assert.Contains("public static string ArchiveByYear(int year) =>", second.Source("Micro.Routing.Urls.g.cs"), StringComparison.Ordinal);
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

        // The walk reached every kind of model, so the absence above means something.
        Assert.Superset(
            new HashSet<string>(["RouteModel", "HandlerModel", "ParameterModel", "ParseModel", "ReturnModel", "PatternPart", "ConverterModel",
                "ErrorHandlerModel", "RouteTableModel", "DiagnosticInfo", "LocationInfo", "Parsed", "EquatableArray"]),
            modelTypes);
    }

    private static void AssertNothingRegenerated(GeneratorRun first, GeneratorRun second)
    {
        foreach (var step in s_trackedSteps)
        {
            var outputs = Outputs(second, step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} produced {output.Reason} output: {output.Value}"));
        }

        Assert.All(SourceOutputs(second), static output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"A source output ran again ({output.Reason})."));
        Assert.Equal(first.Sources.Select(static s => (s.HintName, s.SourceText.ToString())), second.Sources.Select(static s => (s.HintName, s.SourceText.ToString())));
        Assert.Equal(first.Diagnostics.Select(static d => d.ToString()), second.Diagnostics.Select(static d => d.ToString()));
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step) =>
        run.Result.TrackedSteps.TryGetValue(step, out var steps)
            ? steps.SelectMany(static s => s.Outputs)
            : throw new InvalidOperationException($"The step {step} did not run.");

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRun run) =>
        run.Result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs);

    private static string Edit(GeneratorRun run, string path, string oldText, string newText)
    {
        var text = run.Input.SyntaxTrees.Single(t => t.FilePath == path).ToString();
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        return text.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
