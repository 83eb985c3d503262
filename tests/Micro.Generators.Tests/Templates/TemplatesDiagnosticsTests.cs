using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// Each templates diagnostic: its ID, its exact message, and the exact text under its span, in the template file
/// (line and column) or in the C# source. The rest of the app is still generated and compiles.
/// </summary>
public sealed class TemplatesDiagnosticsTests
{
    private const string App = """
        return MicroApp.Run(args);

        public static class Site
        {
            [Route("", Name = "home")]
            public static TemplateResult Home() => Template.Render("page.html", new { title = "Home" });
        }

        [RouteGroup("shop", AppName = "shop")]
        public static class Shop
        {
            [Route("<int:id>/", Name = "item")]
            public static string Item(int id) => "item";
        }

        public static class Tags
        {
            [TemplateTag]
            public static string Shout(string value) => value.ToUpperInvariant();

            [TemplateTag(Kind = TemplateTagKind.SimpleTag)]
            public static string Greet(string name) => "Hello " + name;
        }
        """;

    public sealed record Case(string Name, string Template, string Id, string Message, string SpanText, int Line, int Column)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> TemplateCases => new(
    [
        new("unclosed tag", "<p>\n  {% if title %}open", "MICRO0040", "Template 'page.html': Unclosed tag 'if' (opened on line 2). Looking for one of: elif, else, endif.", "{% if title %}", 2, 3),
        new("unknown tag", "<p>\n  {% frobnicate %}", "MICRO0040", "Template 'page.html': Unknown tag 'frobnicate'. Register it as a custom tag, or check its spelling.", "{% frobnicate %}", 2, 3),
        new("unknown filter", "{{ title|nope }}", "MICRO0040", "Template 'page.html': Invalid filter: 'nope'.", "nope", 1, 10),
        new("argument to a filter without one", "{{ title|shout:'x' }}", "MICRO0040", "Template 'page.html': Filter 'shout' takes no argument.", "shout", 1, 10),
        new("built-in filter missing its argument", "{{ title|cut }}", "MICRO0040", "Template 'page.html': Filter 'cut' requires an argument, for example 'cut:value'.", "cut", 1, 10),
        new("custom tag missing its argument", "x\n{% greet %}", "MICRO0040", "Template 'page.html': 'greet' did not receive value(s) for the argument(s): 'name'.", "{% greet %}", 2, 1),
        new("missing static file", "<link href=\"{% static 'css/stie.css' %}\">", "MICRO0048", "Template 'page.html' links static file 'css/stie.css', which is not in static/; check the name or add the file", "'css/stie.css'", 1, 23),
        new("missing parent", "{% extends \"nope.html\" %}", "MICRO0041", "Template 'page.html' extends 'nope.html', which is not in templates/; check the name or add the file", "\"nope.html\"", 1, 12),
        new("missing include", "a\n  {% include 'part.html' %}", "MICRO0041", "Template 'page.html' includes 'part.html', which is not in templates/; check the name or add the file", "'part.html'", 2, 14),
        new("unknown route name", "<a href=\"{% url 'hom' %}\">", "MICRO0042", "Template 'page.html' reverses route 'hom', but no [Route] has Name = \"hom\"; check the name", "'hom'", 1, 17),
        new("unknown name in a namespace", "<a href=\"{% url 'shop:item' 1 %}\">{% url 'shop:itme' 1 %}", "MICRO0042", "Template 'page.html' reverses route 'shop:itme', but no [Route] has Name = \"shop:itme\"; check the name", "'shop:itme'", 1, 42),
    ]);

    [Theory]
    [MemberData(nameof(TemplateCases))]
    public void TemplateFile(Case c)
    {
        var run = TestCompilation.RunWithTemplates(App, ("page.html", c.Template));

        run.AssertCompilesCleanlyExcept(c.Id);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(c.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal($"{TestCompilation.AppDirectory}/templates/page.html", span.Path);
        Assert.Equal((c.Line, c.Column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(c.SpanText, run.TextUnder(diagnostic));
        Assert.Contains("Micro.Templates.MicroTemplates.g.cs", run.HintNames);
    }

    [Fact]
    public void Static_files_that_exist_paths_from_the_root_urls_and_variables_are_not_reported()
    {
        var run = GeneratorRun.Start(
            TestCompilation.Create(App),
            [
                TestCompilation.TemplateFile("page.html", "{% static 'css/site.css' %}{% static \"img/a b.png\" %}{% static '/favicon.ico' %}{% static 'https://cdn.example.com/x.js' %}{% static title %}"),
                TestCompilation.StaticFile("css/site.css"),
                TestCompilation.StaticFile("img/a b.png"),
            ]);

        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
    }

    public static TheoryData<Case> SourceCases => new(
    [
        new("clash with a built-in filter", """public static class More { [TemplateTag] public static string Upper(string value) => value; }""",
            "MICRO0045", "'upper' is a built-in filter; give the [TemplateTag] another Name", "TemplateTag", 0, 0),
        new("clash with a built-in tag", """public static class More { [TemplateTag(Kind = TemplateTagKind.SimpleTag)] public static string For(string value) => value; }""",
            "MICRO0045", "'for' is a built-in tag; give the [TemplateTag] another Name", "TemplateTag(Kind = TemplateTagKind.SimpleTag)", 0, 0),
        new("duplicate name", """public static class More { [TemplateTag(Name = "shout")] public static string Loud(string value) => value; }""",
            "MICRO0046", "'shout' is already the name of global::Tags.Shout; give one of them another Name", """TemplateTag(Name = "shout")""", 0, 0),
        new("instance method", """public class More { [TemplateTag] public string Loud(string value) => value; }""",
            "MICRO0044", "[TemplateTag] method More.Loud is invalid: it must be a static method of a class", "TemplateTag", 0, 0),
        new("filter with too many arguments", """public static class More { [TemplateTag] public static string Join(string a, string b, string c) => a; }""",
            "MICRO0044", "[TemplateTag] method More.Join is invalid: a filter takes the value and at most one argument", "TemplateTag", 0, 0),
        new("void", """public static class More { [TemplateTag] public static void Nothing(string a) { } }""",
            "MICRO0044", "[TemplateTag] method More.Nothing is invalid: it must return the value to render", "TemplateTag", 0, 0),
        new("inclusion tag without a template", """public static class More { [TemplateTag(Kind = TemplateTagKind.InclusionTag)] public static object Menu() => new(); }""",
            "MICRO0044", "[TemplateTag] method More.Menu is invalid: an inclusion tag needs Template = \"the/template.html\"", "TemplateTag(Kind = TemplateTagKind.InclusionTag)", 0, 0),
        new("rendering a missing template", """public static class More { public static TemplateResult Page() => Template.Render("pgae.html", null); }""",
            "MICRO0043", "Template 'pgae.html' is not in templates/; check the name or add the file", "\"pgae.html\"", 0, 0),
    ]);

    [Theory]
    [MemberData(nameof(SourceCases))]
    public void CSharpSource(Case c)
    {
        var run = TestCompilation.RunWithTemplates(App + "\n" + c.Template, ("page.html", "{{ title|shout }}"));

        run.AssertCompilesCleanlyExcept(c.Id);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(c.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(c.SpanText, run.TextUnder(diagnostic));
    }
}
