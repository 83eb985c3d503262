using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Templates;

/// <summary>Snapshots of the templates pipeline's output: the module initializer with the app's tags and accessors.</summary>
public sealed class TemplatesSnapshotTests
{
    private static readonly string[] s_files = ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Templates.MicroTemplates.g.cs", "Micro.Templates.MicroCompiledTemplates.g.cs", "Micro.Hosting.MicroManifest.g.cs"];

    [Fact]
    public void Blog()
    {
        var run = TestCompilation.RunWithTemplates(TemplateApps.Blog, TemplateApps.BlogTemplates);

        Snapshot.Verify(run, s_files);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void AnonymousCollections()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("")]
                public static TemplateResult Home() =>
                    Template.Render("home.html", new { items = new[] { new { n = 1 } }, list = new List<Post>(), nested = new { when = DateTime.UnixEpoch, tags = new Dictionary<string, Post>() } });

                // Types generated code can't spell get no accessor (and break nothing).
                public static TemplateResult Generic<T>(T item) => Template.Render("home.html", new { item, hidden = new Hidden() });

                private sealed class Hidden
                {
                    public string Secret { get; } = "";
                }
            }

            public sealed class Post
            {
                public string Title { get; set; } = "";
                public int? Score { get; init; }
                public string this[int index] => "";
                public static string Ignored => "";
                private string Hidden => "";
            }
            """);

        Snapshot.Verify(run, ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Templates.MicroTemplates.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void NoTemplates()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("")]
                public static string Home() => "no templates";
            }
            """);

        Assert.DoesNotContain("Micro.Templates.MicroTemplates.g.cs", run.HintNames);
        run.AssertCompilesCleanly();
    }
}
