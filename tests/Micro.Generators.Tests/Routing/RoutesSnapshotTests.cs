using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Routing;

/// <summary>Snapshots of the routes pipeline's output for representative apps; each app also compiles cleanly.</summary>
public sealed class RoutesSnapshotTests
{
    private static readonly string[] s_routeFiles = ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Hosting.MicroManifest.g.cs"];

    // Apps whose routes read or write JSON also get the generated System.Text.Json metadata.
    private static readonly string[] s_routeAndJsonFiles = ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Json.MicroJsonResolver.g.cs", "Micro.Hosting.MicroManifest.g.cs"];

    [Fact]
    public void MinimalApp()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("")]
                public static string Home() => "Hello, World!";
            }
            """);

        Snapshot.Verify(run, s_routeFiles);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void NoRoutes()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                public static string Home() => "not a route";
            }
            """);

        Snapshot.Verify(run, []);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Converters() => VerifyApp(RouteApps.Converters);

    [Fact]
    public void RegexRoutes() => VerifyApp(RouteApps.RegexRoutes);

    [Fact]
    public void ClassBasedViews() => VerifyApp(RouteApps.ClassBasedViews);

    [Fact]
    public void BindingSources() => VerifyApp(RouteApps.BindingSources, s_routeAndJsonFiles);

    [Fact]
    public void ReturnKinds() => VerifyApp(RouteApps.ReturnKinds, s_routeAndJsonFiles);

    [Fact]
    public void SharedFactories() => VerifyApp(RouteApps.SharedFactories, s_routeAndJsonFiles);

    [Fact]
    public void BodyValidation() => VerifyApp(RouteApps.BodyValidation,
        ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Routing.MicroValidation.g.cs", "Micro.Json.MicroJsonResolver.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);

    [Fact]
    public void RouteGroups() => VerifyApp(RouteApps.RouteGroups);

    [Fact]
    public void NamespacedGroups() => VerifyApp(RouteApps.NamespacedGroups);

    [Fact]
    public void ErrorHandlers() => VerifyApp(RouteApps.ErrorHandlers);

    [Fact]
    public void NamedRoutes() => VerifyApp(RouteApps.NamedRoutes);

    [Fact]
    public void EndpointMetadata() => VerifyApp(RouteApps.EndpointMetadata);

    /// <summary>Routes spread over files are ordered by file, then by position, whatever the order of the files in the compilation.</summary>
    [Fact]
    public void SeveralFiles()
    {
        var run = TestCompilation.Run(
            ("Views/Blog.cs", """
                public static class Blog
                {
                    [Route("blog/", Name = "blog")]
                    public static string Index() => "blog";
                }
                """),
            ("Program.cs", """
                return MicroApp.Run(args);

                public static class Site
                {
                    [Route("", Name = "home")]
                    public static string Home() => "home";
                }
                """));

        Snapshot.Verify(run, s_routeFiles);
        run.AssertCompilesCleanly();
    }

    /// <summary>An invalid route is reported and left out; the rest of the app is generated.</summary>
    [Fact]
    public void InvalidRouteIsLeftOut()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("", Name = "home")]
                public static string Home() => "home";

                [Route("/about/", Name = "about")]
                public static string About() => "about";
            }
            """);

        Snapshot.Verify(run, s_routeFiles);
        Assert.Empty(run.Output.GetDiagnostics().Where(static d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    private static void VerifyApp(string source, string[]? hintNames = null, [System.Runtime.CompilerServices.CallerMemberName] string testMethod = "")
    {
        var run = TestCompilation.Run(source);
        Snapshot.Verify(run, hintNames ?? s_routeFiles, testMethod: testMethod);
        run.AssertCompilesCleanly();
    }
}
