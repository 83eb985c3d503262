using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// Every Template.Render call site gets accessors for its model, including parts typed from the generated Db. A part
/// typed from code another generator writes has no type while Micro's generator runs: that is a warning at the model,
/// never a silently empty page.
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

    /// <summary>
    /// Values typed from the generated Db (<c>var</c> locals, awaited query sets, key lookups) are typed again with the
    /// data layer's generated declarations, so their models get accessors as declared types do.
    /// </summary>
    [Theory]
    [InlineData("public static async Task<TemplateResult> Page(Db db) { var post = await db.Items.GetAsync(p => p.Id.Exact(1)); return Template.Render(\"p.html\", new { post }); }", "new { post = default(global::Item)! }")]
    [InlineData("public static async Task<TemplateResult> Page(Db db, int id) { var post = await db.Items.GetAsync(id); return Template.Render(\"p.html\", new { post }); }", "new { post = default(global::Item)! }")]
    [InlineData("public static async Task<TemplateResult> Page(Db db) => Template.Render(\"p.html\", new { title = \"x\", posts = await db.Items.ToListAsync() });", "new { title = default(string)!, posts = default(global::System.Collections.Generic.List<global::Item>)! }")]
    [InlineData("public static async Task<TemplateResult> Page(Db db) { var items = db.Items.Filter(p => p.Title.IContains(\"a\")).OrderBy(p => p.Id); var page = await items.Take(10).ToListAsync(); return Template.Render(\"p.html\", new { page, count = await items.CountAsync() }); }", "new { page = default(global::System.Collections.Generic.List<global::Item>)!, count = default(int)! }")]
    [InlineData("public static TemplateResult Page(Db db) { var post = db.Items.Find(3); return Template.Render(\"p.html\", post!); }", "Register<global::Item>")]
    public void ModelsTypedFromTheGeneratedDbGetAccessors(string page, string expected)
    {
        var run = TestCompilation.Run(App(page));

        Assert.Empty(run.Diagnostics);
        var templates = Templates(run);
        Assert.Contains(expected, templates, StringComparison.Ordinal);
        Assert.Contains("Register<global::Item>", templates, StringComparison.Ordinal);
        run.AssertCompilesCleanly();
    }

    /// <summary>A part typed from code another generator writes is still unknown: a warning at the model, never a silently empty page.</summary>
    [Fact]
    public void AModelTypedFromAnotherGeneratorsCodeIsAWarning()
    {
        var run = TestCompilation.Run(App("public static TemplateResult Page() { var title = Strings.FromAnotherGenerator(); return Template.Render(\"p.html\", new { title, count = 1 }); }"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("MICRO0047", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("new { title, count = 1 }", run.TextUnder(diagnostic));
        Assert.Equal(
            "Template 'p.html' can't read 'title': its type comes from code another generator writes, which Micro's generator can't see, so it would render empty; declare its type or pass a record",
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
