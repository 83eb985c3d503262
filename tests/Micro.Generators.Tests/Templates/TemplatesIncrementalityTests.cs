using Micro.Generators.Shared;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// The templates pipeline caches (see <see cref="PipelineIncrementalityTests"/>): edits that don't change what reaches
/// templates leave every step Cached or Unchanged; a new tag or a new model member regenerates.
/// </summary>
public sealed class TemplatesIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Templates.";

    protected override GeneratorRun FirstRun() =>
        GeneratorRun.Start(
            TestCompilation.Create(("Program.cs", TemplateApps.Blog), ("Pages.cs", """
                public static class Pages
                {
                    [Route("about/", Name = "about")]
                    public static TemplateResult About() => Template.Render("post.html", new PostPage(new Post("about", Title(), 0), false));

                    private static string Title() => "About";
                }
                """)),
            TemplateApps.BlogTemplates.Select(static t => TestCompilation.TemplateFile(t.Name, t.Text)));

    protected override Edit BodyEdit => new("Program.cs", "value.Replace(\" \", \"\")", "value.Replace(\" \", \"_\")");

    protected override Edit BodyEditInAnotherFile => new("Pages.cs", "=> \"About\";", "=> \"About us\";");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Program.cs", "author = new { name = \"Ada\" }", "author = new { name = \"Ada\", age = 36 }"),
        "Micro.Templates.MicroTemplates.g.cs",
        "\"age\" => (true, global::Micro.Templates.TemplateAccessors.Box(instance.age)),");

    protected override string[] ModelTypes =>
        ["RenderCallModel", "AccessorModel", "AccessorMemberModel", "TagModel", "TagParameterModel", "TemplateFileModel", "TemplatesModel", "LocationInfo", "Parsed", "EquatableArray"];

    [Fact]
    public void NewTagRegeneratesAndIsKnownToTemplates()
    {
        var first = FirstRun();
        Assert.Empty(first.Diagnostics);
        var second = first.RerunWithNewFile("More.cs", "public static class More { [TemplateTag(Name = \"shout\")] public static string Loud(string value) => value; }");

        Assert.Contains(Outputs(second, TrackingNames.TemplateTags), static o => o.Reason == IncrementalStepRunReason.New);
        Assert.Equal("MICRO0046", Assert.Single(second.Diagnostics).Id);
    }
}
