using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Hosting;

/// <summary>The manifest step caches (see <see cref="PipelineIncrementalityTests"/>): only a new kind of part changes it.</summary>
public sealed class ManifestIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Hosting.";

    protected override GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", """
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("", Name = "home")]
                public static string Home() => "home";

                [Route("notes/<int:id>/", Name = "note")]
                public static Note Note(int id) => new(id, "note " + id);
            }

            public sealed record Note(int Id, string Title);
            """),
        ("Tools.cs", """
            public static class Tools
            {
                [Command]
                public static string Greet([Argument] string name) => "Hello, " + name;
            }
            """));

    protected override Edit BodyEdit => new("Program.cs", "=> \"home\";", "=> \"the home page\";");

    protected override Edit BodyEditInAnotherFile => new("Tools.cs", "\"Hello, \"", "\"Hello there, \"");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Tools.cs", "public static class Tools", "public static class Tools { [TemplateTag] public static string Shout(string value) => value; } public static class More"),
        "Micro.Hosting.MicroManifest.g.cs",
        "templateLibrary: global::Micro.Generated.MicroTemplates.CreateLibrary()");

    protected override string[] ModelTypes => ["ManifestModel"];
}
