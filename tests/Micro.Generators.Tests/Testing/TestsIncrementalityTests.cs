using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Testing;

/// <summary>The tests pipeline caches (see <see cref="PipelineIncrementalityTests"/>): editing a test's body regenerates nothing.</summary>
public sealed class TestsIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Testing.";

    protected override GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", """
            return MicroApp.Run(args);

            public sealed class Store { }

            public static class SiteTests
            {
                [Test]
                public static async Task Home_says_hello(MicroTestClient client) => (await client.GetAsync("/")).AssertContains("Hello");

                [Test]
                public static void Store_is_there(Store store, CancellationToken cancellationToken) { }
            }
            """),
        ("Tests.cs", """
            public static class MoreTests
            {
                [Test]
                public static async Task Page(MicroTestClient client) => (await client.GetAsync("/page/")).AssertStatus(200);
            }
            """));

    /// <summary>The first test's body grows: everything after it moves by some characters, no line moves.</summary>
    protected override Edit BodyEdit => new("Program.cs", "AssertContains(\"Hello\")", "AssertContains(\"Hello, World\")");

    protected override Edit BodyEditInAnotherFile => new("Tests.cs", "AssertStatus(200)", "AssertStatus(404)");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Program.cs", "public static void Store_is_there(Store store, CancellationToken cancellationToken)", "public static void Store_is_there(Store? store, CancellationToken cancellationToken)"),
        "Micro.Testing.MicroTests.g.cs",
        "GetService<global::Store>(services)");

    protected override string[] ModelTypes =>
        ["TestModel", "TestParameterModel", "TestTableModel", "LocationInfo", "Parsed", "EquatableArray"];
}
