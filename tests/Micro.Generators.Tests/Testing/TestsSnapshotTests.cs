using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Testing;

/// <summary>Snapshots of the test registry: every kind of test method and parameter, files relative to the project, and a publish without tests.</summary>
public sealed class TestsSnapshotTests
{
    private const string Program = """
        return MicroApp.Run(args);

        public sealed class Store { }

        public static class SiteTests
        {
            [Test]
            public static async Task Home_says_hello(MicroTestClient client, CancellationToken cancellationToken) =>
                (await client.GetAsync("/", cancellationToken: cancellationToken)).AssertContains("Hello");

            [Test]
            public static void Store_is_a_service(Store store, Store? optional) { }

            [Test]
            internal static ValueTask Nothing_to_await() => default;

            [Test(Fixtures = ["authors", "fixtures/posts.json"])]
            public static void With_fixtures(MicroTestClient client) { }
        }
        """;

    private const string MoreTests = """
        namespace Blog.Tests;

        internal static class PostTests
        {
            [Test]
            public static Task Posts_page(MicroTestClient client, IServiceProvider services) => Task.CompletedTask;
        }
        """;

    private static readonly (string, string)[] s_files = [("/app/Program.cs", Program), ("/app/Tests/PostTests.cs", MoreTests)];

    [Fact]
    public void EveryKindOfTest()
    {
        var run = GeneratorRun.Start(TestCompilation.Create(s_files), [], new Dictionary<string, string>());

        Snapshot.Verify(run, ["Micro.Testing.MicroTests.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary><c>dotnet publish</c> sets MicroTests=false: no registry, so the native compiler drops the tests.</summary>
    [Fact]
    public void A_build_without_tests_registers_none()
    {
        var run = GeneratorRun.Start(TestCompilation.Create(s_files), [], new Dictionary<string, string> { ["MicroTests"] = "false" });

        Assert.Empty(run.HintNames);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Tests_beside_routes_go_into_the_same_manifest()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("", Name = "home")] public static string Home() => "Hello";

                [Test] public static async Task Home_says_hello(MicroTestClient client) => (await client.GetAsync(Urls.Home())).AssertContains("Hello");
            }
            """);

        Assert.Contains("Micro.Testing.MicroTests.g.cs", run.HintNames);
        var manifest = run.Sources.Single(static s => s.HintName == "Micro.Hosting.MicroManifest.g.cs").SourceText.ToString();
        Assert.Contains("routes: global::Micro.Generated.MicroRoutes.Table,", manifest);
        Assert.Contains("tests: global::Micro.Generated.MicroTests.Create());", manifest);
        Assert.Empty(run.Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
