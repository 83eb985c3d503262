using Micro.Generators.Shared;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Routing;

/// <summary>The routes pipeline caches (see <see cref="PipelineIncrementalityTests"/>), and route changes regenerate.</summary>
public sealed class RoutesIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Routes.";

    /// <summary>An app with every kind of input the pipeline reads, including an invalid route, over two files.</summary>
    protected override GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", RouteApps.NamedRoutes),
        ("Errors.cs", """
            public static class Errors
            {
                [ErrorHandler(404)]
                public static string NotFound(HttpContext context) => "not found";

                [Route("/invalid/")]
                public static string Invalid() => "";
            }

            [RouteGroup("api", Tags = new[] { "api" })]
            public static class Api
            {
                [Route("ping/")]
                public static string Ping() => "pong";
            }
            """));

    /// <summary>A handler's body grows without moving any line: positions after it shift, lines and columns don't.</summary>
    protected override Edit BodyEdit => new("Program.cs", "public static string Home() => \"home\";", "public static string Home() => \"a much longer home page\";");

    protected override Edit BodyEditInAnotherFile => new("Errors.cs", "=> \"not found\";", "=> $\"Nothing at {context.Request.Path}\";");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Program.cs", "public static string File(string file) => file;", "public static string File(string file, bool download = false) => file;"),
        "Micro.Routing.MicroRoutes.g.cs",
        "global::Site.File(p_file, p_download)");

    protected override string[] ModelTypes =>
    [
        "RouteModel", "HandlerModel", "ParameterModel", "ParseModel", "ReturnModel", "PatternPart", "ConverterModel",
        "ErrorHandlerModel", "RouteTableModel", "DiagnosticInfo", "LocationInfo", "Parsed", "EquatableArray",
    ];

    [Fact]
    public void TheAppGetsItsRoutesAndManifest()
    {
        Assert.Equal(["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Hosting.MicroManifest.g.cs"], FirstRun().HintNames);
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
        Assert.Contains(CodeOutputs(second), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public static string Feed() =>", second.Source("Micro.Routing.Urls.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void RenamedRouteRegenerates()
    {
        var first = FirstRun();
        var text = first.Input.SyntaxTrees.Single(static t => t.FilePath == "Program.cs").ToString();
        var second = first.RerunWithFile("Program.cs", text.Replace("Name = \"year_archive\"", "Name = \"archive_by_year\"", StringComparison.Ordinal));

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.RouteTable)).Reason);
        Assert.Contains("public static string ArchiveByYear(int year) =>", second.Source("Micro.Routing.Urls.g.cs"), StringComparison.Ordinal);
    }
}
