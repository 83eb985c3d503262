using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Routing;

/// <summary>The same app gives the same output and the same diagnostics, whatever the order of its files.</summary>
public sealed class RoutesDeterminismTests
{
    private static readonly (string Path, string Source)[] s_files =
    [
        ("Program.cs", "return MicroApp.Run(args);"),
        ("Blog/Views.cs", """
            using System.Globalization;

            public static class BlogViews
            {
                [Route("blog/<yyyy:year>/", Name = "archive")]
                public static string Archive(int year) => $"{year}";

                [ErrorHandler(404)]
                public static string NotFound() => "blog: not found";
            }

            [RouteConverter("yyyy")]
            public sealed class BlogYear : RouteConverter<int>
            {
                public override string Regex => "[0-9]{4}";
                public override int ToValue(string value) => int.Parse(value, CultureInfo.InvariantCulture);
                public override string ToUrl(int value) => value.ToString(CultureInfo.InvariantCulture);
            }
            """),
        ("Shop/Views.cs", """
            using System.Globalization;

            public static class ShopViews
            {
                [Route("shop/<yyyy:year>/", Name = "archive")]
                public static string Archive(int year) => $"{year}";

                [Route("shop/", Name = "shop")]
                public static string Index() => "shop";

                [ErrorHandler(404)]
                public static string NotFound() => "shop: not found";
            }

            [RouteConverter("yyyy")]
            public sealed class ShopYear : RouteConverter<int>
            {
                public override string Regex => "[0-9]{4}";
                public override int ToValue(string value) => int.Parse(value, CultureInfo.InvariantCulture);
                public override string ToUrl(int value) => value.ToString("D4", CultureInfo.InvariantCulture);
            }
            """),
    ];

    [Fact]
    public void FileOrderChangesNothing()
    {
        var forward = TestCompilation.Run(s_files);
        var backward = TestCompilation.Run([.. s_files.Reverse()]);

        Assert.Equal(Describe(forward).Sources, Describe(backward).Sources);
        Assert.Equal(Describe(forward).Diagnostics, Describe(backward).Diagnostics);

        // The first declared (by file path, then position) wins each clash; the later one is reported. (Two routes named 'archive' are
        // no clash: reversing tries both, as Django does.)
        Assert.Equal(
            [
                "Shop/Views.cs(11,6): MICRO0011 Status 404 already has an error handler at Views.cs(8,6); keep one",
                "Shop/Views.cs(15,2): MICRO0010 Route converter ShopYear is invalid: the name 'yyyy' is also used by BlogYear at Views.cs(12,2)",
            ],
            Describe(forward).Diagnostics);
        Assert.Contains("new global::BlogYear()", forward.Source("Micro.Routing.MicroRoutes.g.cs"), StringComparison.Ordinal);
        Assert.Contains("\"blog: not found\"", forward.Input.SyntaxTrees.Single(static t => t.FilePath == "Blog/Views.cs").ToString(), StringComparison.Ordinal);
        Assert.Contains("ErrorHandlerDefinition(404, \"BlogViews.NotFound\"", forward.Source("Micro.Routing.MicroRoutes.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void RunningTwiceGivesTheSameText()
    {
        var first = TestCompilation.Run(RouteApps.BindingSources);
        var second = TestCompilation.Run(RouteApps.BindingSources);

        Assert.Equal(Describe(first).Sources, Describe(second).Sources);
    }

    private static (List<string> Sources, List<string> Diagnostics) Describe(GeneratorRun run) =>
        (run.Sources.Select(static s => s.HintName + "\n" + s.SourceText).ToList(),
         run.Diagnostics
             .Select(static d => (d.Location.GetLineSpan(), d))
             .OrderBy(static x => x.Item1.Path, StringComparer.Ordinal).ThenBy(static x => x.Item1.StartLinePosition)
             .Select(static x => $"{x.Item1.Path}({x.Item1.StartLinePosition.Line + 1},{x.Item1.StartLinePosition.Character + 1}): {x.d.Id} {x.d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
             .ToList());
}
