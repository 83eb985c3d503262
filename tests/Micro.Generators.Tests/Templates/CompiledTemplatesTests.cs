using System.Text;
using System.Text.Json;
using Micro.Generators.Tests.Infrastructure;
using Micro.Templates;
using Micro.Templates.Tests;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// Templates compiled to C# by the generator render exactly as the interpreter does: the whole Django corpus
/// (DjangoCases/cases.json and its templates) compiled into one app and rendered both ways, and the blog app's typed models.
/// </summary>
public sealed class CompiledTemplatesTests
{
    private const string App = """
        return MicroApp.Run(args);

        public static class Site
        {
            [Route("")]
            public static string Home() => "";
        }
        """;

    [Fact]
    public void The_Django_corpus_renders_the_same_compiled_and_interpreted()
    {
        var cases = DjangoCases.LoadCases();
        var files = CorpusFiles(cases);
        var run = TestCompilation.RunWithTemplates(App, [.. files.Select(static f => (f.Key, f.Value))]);
        using var app = LoadedApp.Load(run.Output);
        var compiled = app.Manifest.CompiledTemplates;

        var compared = 0;
        var mismatches = new List<string>();
        foreach (var (name, testCase) in cases)
        {
            if (testCase.TryGetProperty("phase", out var phase) && phase.GetString() == "parse")
            {
                continue;
            }

            var invalid = testCase.TryGetProperty("string_if_invalid", out var value) ? value.GetString()! : "";
            var autoescape = !testCase.TryGetProperty("autoescape", out var flag) || flag.GetBoolean();
            var interpreted = DjangoCases.CreateEngine(invalid, autoescape, new InMemoryTemplateLoader(files));
            var fast = DjangoCases.CreateEngine(invalid, autoescape, new InMemoryTemplateLoader(files), compiled);
            var template = fast.GetTemplate(CaseName(name));
            Assert.True(template.IsCompiled, $"{name} was not compiled");
            Assert.False(interpreted.GetTemplate(CaseName(name)).IsCompiled);

            var expected = Render(interpreted, name, testCase);
            var actual = Render(fast, name, testCase);
            if (expected != actual)
            {
                mismatches.Add($"{name}:\n  interpreted: {expected}\n  compiled:    {actual}");
            }

            compared++;
        }

        Assert.True(compared > 250, $"only {compared} cases were compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} differ:\n" + string.Join("\n", mismatches.Take(20)));
    }

    [Fact]
    public void Typed_models_render_the_same_compiled_and_interpreted()
    {
        var run = TestCompilation.RunWithTemplates(TemplateApps.Blog, TemplateApps.BlogTemplates).AssertCompilesCleanly();
        using var app = LoadedApp.Load(run.Output);
        var templates = TemplateApps.BlogTemplates.ToDictionary(static t => t.Name, static t => t.Text);
        var interpreted = Engine(app, templates, compiled: false);
        var fast = Engine(app, templates, compiled: true);

        foreach (var (method, argument) in new (string, object)[] { ("Archive", 2024), ("Detail", "intro") })
        {
            var result = Assert.IsType<TemplateResult>(app.Call("Site", method, argument));
            var template = fast.GetTemplate(result.TemplateName);
            Assert.True(template.IsCompiled);
            var html = template.Render(result.Model);
            Assert.Equal(interpreted.GetTemplate(result.TemplateName).Render(result.Model), html);
            Assert.Contains(method == "Archive" ? "SECOND &lt;POST&gt;!" : "Title of intro (2)", html);
        }
    }

    [Fact]
    public void A_template_edited_since_the_build_renders_through_the_interpreter()
    {
        var run = TestCompilation.RunWithTemplates(TemplateApps.Blog, TemplateApps.BlogTemplates).AssertCompilesCleanly();
        using var app = LoadedApp.Load(run.Output);
        var templates = TemplateApps.BlogTemplates.ToDictionary(static t => t.Name, static t => t.Text);
        var loader = new InMemoryTemplateLoader(templates);
        var engine = new TemplateEngine(new TemplateOptions
        {
            Loader = loader,
            Library = app.Manifest.TemplateLibrary,
            Accessors = app.Manifest.TemplateAccessors,
            CompiledTemplates = app.Manifest.CompiledTemplates,
            UrlResolver = new RouteTableUrlResolver(app.Manifest.Routes),
        });
        var model = new Dictionary<string, object?> { ["name"] = "Ada", ["year"] = 2024 };
        Assert.True(engine.GetTemplate("tags/byline.html").IsCompiled);
        Assert.Equal("by Ada in 2024", engine.GetTemplate("tags/byline.html").Render(model));

        loader.Set("tags/byline.html", "{{ name|upper }} wrote it in {{ year }}");

        var edited = engine.GetTemplate("tags/byline.html");
        Assert.False(edited.IsCompiled);
        Assert.Equal("ADA wrote it in 2024", edited.Render(model));

        // Back to the built text: compiled again.
        loader.Set("tags/byline.html", templates["tags/byline.html"]);
        Assert.True(engine.GetTemplate("tags/byline.html").IsCompiled);
    }

    [Fact]
    public void An_error_names_the_template_and_line_of_the_innermost_node_as_the_interpreter_does()
    {
        var templates = new Dictionary<string, string>
        {
            ["page.html"] = "<ul>\n{% for item in items %}\n<li>{{ item|date:\"Y\" }}</li>\n{% endfor %}\n</ul>",
        };
        var run = TestCompilation.RunWithTemplates(App, [.. templates.Select(static t => (t.Key, t.Value))]);
        using var app = LoadedApp.Load(run.Output);
        var model = new Dictionary<string, object?> { ["items"] = new List<object?> { new Func<object?>(() => throw new InvalidOperationException("boom")) } };

        var interpreted = Assert.Throws<TemplateRenderException>(() => Engine(app, templates, compiled: false).GetTemplate("page.html").Render(model));
        var compiled = Engine(app, templates, compiled: true).GetTemplate("page.html");
        Assert.True(compiled.IsCompiled);
        var exception = Assert.Throws<TemplateRenderException>(() => compiled.Render(model));

        Assert.Equal(interpreted.Message, exception.Message);
        Assert.Contains("page.html", exception.Message);
        Assert.Equal(3, exception.Line);
    }

    private static TemplateEngine Engine(LoadedApp app, Dictionary<string, string> templates, bool compiled) => new(new TemplateOptions
    {
        Loader = new InMemoryTemplateLoader(templates),
        Library = app.Manifest.TemplateLibrary,
        Accessors = app.Manifest.TemplateAccessors,
        CompiledTemplates = compiled ? app.Manifest.CompiledTemplates : null,
        UrlResolver = new RouteTableUrlResolver(app.Manifest.Routes),
    });

    /// <summary>Reverses through the loaded app's own routes (tests load several apps into one process).</summary>
    private static string CaseName(string name) => "cases/" + name + ".html";

    private static Dictionary<string, string> CorpusFiles(Dictionary<string, JsonElement> cases)
    {
        var folder = Path.Combine(DjangoCases.CasesFolder(), "templates");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);
        foreach (var (name, testCase) in cases)
        {
            files[CaseName(name)] = testCase.GetProperty("template").GetString()!;
        }

        return files;
    }

    /// <summary>The output, or the error's type and message: both paths must fail alike too.</summary>
    private static string Render(TemplateEngine engine, string name, JsonElement testCase)
    {
        var context = testCase.TryGetProperty("context", out var json) ? CaseValues.Decode(json) : null;
        try
        {
            return engine.GetTemplate(CaseName(name)).Render(context);
        }
        catch (Exception exception)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }
}
