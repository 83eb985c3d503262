using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// Every Template.Render call site gets accessors for its model. A model part typed from generated code (the Db)
/// has no type while the generator runs: that is a warning at the model, never a silently empty page.
/// </summary>
public sealed class RenderCallDetectionTests
{
    [Theory]
    [InlineData("public static TemplateResult Page() => Template.Render(\"p.html\", new { post = new Item() });")]
    [InlineData("public static async Task<TemplateResult> Page() { await Task.Yield(); return Template.Render(\"p.html\", new { post = new Item() }); }")]
    [InlineData("public static async Task<TemplateResult> Page(Db db) { Item post = await db.Items.GetAsync(p => p.Id.Exact(1)); return Template.Render(\"p.html\", new { post }); }")]
    [InlineData("public static async Task<TemplateResult> Page(Db db) { List<Item> posts = await db.Items.ToListAsync(); return Template.Render(\"p.html\", new { posts }); }")]
    public void TypedModelsGetAccessors(string page)
    {
        var run = TestCompilation.Run(App(page));

        Assert.Empty(run.Diagnostics);
        Assert.Contains("Register<global::Item>", Templates(run), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static async Task<TemplateResult> Page(Db db) { var post = await db.Items.GetAsync(p => p.Id.Exact(1)); return Template.Render(\"p.html\", new { post }); }", "new { post }", "'post'")]
    [InlineData("public static async Task<TemplateResult> Page(Db db) => Template.Render(\"p.html\", new { title = \"x\", posts = await db.Items.ToListAsync() });", "new { title = \"x\", posts = await db.Items.ToListAsync() }", "'posts'")]
    public void AModelTypedFromGeneratedCodeIsAWarning(string page, string spanText, string members)
    {
        var run = TestCompilation.Run(App(page));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("MICRO0047", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(spanText, run.TextUnder(diagnostic));
        Assert.Equal(
            $"Template 'p.html' can't read {members}: its type comes from generated code (such as the Db's query sets), which the generator can't see, so it renders empty; declare the type (List<Post> posts = await ...) or pass a record",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string App(string page) => $$"""
        return MicroApp.Run(args);

        [Model]
        public class Item
        {
            public int Id { get; set; }
            public string Title { get; set; } = "";
        }

        public static class Pages
        {
            [Route("p/")]
            {{page}}
        }
        """;

    private static string Templates(GeneratorRun run) =>
        run.Sources.Single(static s => s.HintName == "Micro.Templates.MicroTemplates.g.cs").SourceText.ToString();
}
