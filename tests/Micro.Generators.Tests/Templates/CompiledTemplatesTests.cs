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
    public void A_models_key_is_its_pk_as_in_Django()
    {
        const string app = """
            using System.ComponentModel.DataAnnotations;

            return MicroApp.Run(args);

            public static class Site
            {
                [Route("<int:id>/", Name = "detail")]
                public static TemplateResult Page(int id) =>
                    Template.Render("page.html", new { question = new Question { Id = id }, country = new Country { Code = "fr" }, tag = new Tag { TagId = 7 } });
            }

            [Model]
            public class Question
            {
                public int Id { get; set; }
            }

            [Model]
            public class Country
            {
                [Key]
                public string Code { get; set; } = "";
                public int Id { get; set; }
            }

            [Model]
            public class Tag
            {
                public int TagId { get; set; }
            }
            """;
        var templates = new Dictionary<string, string>
        {
            ["page.html"] = "{{ question.pk }}|{{ country.pk }}|{{ tag.pk }}|{% url 'detail' question.pk %}|{% if question.pk == 42 %}same{% endif %}",
        };
        var run = TestCompilation.RunWithTemplates(app, [.. templates.Select(static t => (t.Key, t.Value))]).AssertCompilesCleanly();
        using var loaded = LoadedApp.Load(run.Output);
        var result = Assert.IsType<TemplateResult>(loaded.Call("Site", "Page", 42));

        var interpreted = Engine(loaded, templates, compiled: false).GetTemplate("page.html").Render(result.Model);
        var compiled = Engine(loaded, templates, compiled: true).GetTemplate("page.html");
        Assert.True(compiled.IsCompiled);
        Assert.Equal("42|fr|7|/42/|same", interpreted);
        Assert.Equal(interpreted, compiled.Render(result.Model));
    }

    [Fact]
    public void Methods_that_need_no_argument_are_called_as_Django_calls_them()
    {
        const string app = """
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("")]
                public static TemplateResult Page() => Template.Render("page.html", new { question = new Question(), other = new Other() });
            }

            public class Entry
            {
                public virtual string Kind() => "entry";
            }

            public class Question : Entry
            {
                public int Calls { get; private set; }
                public bool WasPublishedRecently() => true;
                public int Count() => ++Calls;
                public string Greeting(string name = "World") => $"Hello, {name} <3";
                public string Joined(params string[] parts) => "[" + string.Join(",", parts) + "]";
                public override string Kind() => "question";
                public string Needs(int x) => "never";
                public System.Threading.Tasks.Task<int> LoadAsync() => System.Threading.Tasks.Task.FromResult(1);
                public void Reset() => Calls = 0;
                [AltersData] public int Purge() => Calls = -100;
                public System.ReadOnlySpan<char> Chars() => "never";
                public System.ReadOnlySpan<char> Letters => "never";
                public override string ToString() => "Q";
            }

            public struct Other
            {
                public readonly int Answer() => 42;
            }
            """;
        var templates = new Dictionary<string, string>
        {
            // Each lookup calls the method again, as Django's does; one that needs an argument, is async, returns nothing or a span, or
            // is marked [AltersData] (Django's alters_data) isn't read, nor is a span property (neither can be an object).
            ["page.html"] = "{% if question.was_published_recently %}new{% endif %}|{{ question.count }}{{ question.Count }}|{{ question.greeting }}|"
                + "{{ question.joined }}|{{ question.kind }}|{{ question.needs }}|{{ question.load_async }}|{{ question.reset }}{{ question.purge }}{{ question.chars }}{{ question.letters }}|{{ question.calls }}|"
                + "{{ question.to_string }}|{{ other.answer|add:1 }}|{% with n=question.count %}{{ n }}{{ n }}{% endwith %}",
        };
        // The build says which aren't read (MICRO0049), and no more.
        var run = TestCompilation.RunWithTemplates(app, [.. templates.Select(static t => (t.Key, t.Value))])
            .AssertCompilesCleanlyExcept("MICRO0049", "MICRO0049", "MICRO0049", "MICRO0049", "MICRO0049", "MICRO0049", "MICRO0049");
        Assert.Equal(["needs", "load_async", "reset", "purge", "chars", "letters", "to_string"], run.Diagnostics.Select(run.TextUnder));
        using var loaded = LoadedApp.Load(run.Output);

        foreach (var compiledTemplates in new[] { false, true })
        {
            var result = Assert.IsType<TemplateResult>(loaded.Call("Site", "Page"));
            var template = Engine(loaded, templates, compiled: compiledTemplates).GetTemplate("page.html");
            Assert.Equal(compiledTemplates, template.IsCompiled);
            Assert.Equal("new|12|Hello, World &lt;3|[]|question||||2||43|33", template.Render(result.Model));
        }
    }

    [Fact]
    public void Filters_written_from_a_members_type_render_as_the_interpreter_applies_them()
    {
        const string app = """
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("")]
                public static TemplateResult Prices() => Template.Render("prices.html", new { items = Items(), other = "<other>" });

                public static List<Product> Items() =>
                [
                    new() { Price = 2.345m, Count = -7, Total = long.MaxValue, Note = null },
                    new() { Price = -0.004m, Count = int.MaxValue, Total = 0, Note = "" },
                    new() { Price = -2.5m, Count = 0, Total = -12, Note = "a<b>&'\"" },
                    new() { Price = 1234567.5m, Count = 3, Total = 5, Note = "MiXeD Ünïcode" },
                    new() { Price = 3m, Count = 1, Total = 1, Note = "x" },
                    new() { Price = 79228162514264337593543950335m, Count = 1, Total = 1, Note = "max" },
                ];
            }

            public sealed class Product
            {
                public decimal Price { get; init; }
                public int Count { get; init; }
                public long Total { get; init; }
                public string? Note { get; init; }
            }
            """;
        var templates = new Dictionary<string, string>
        {
            ["prices.html"] = "{% for p in items %}[{{ p.Price|floatformat:2 }} {{ p.Price|floatformat:0 }} {{ p.Price|floatformat:-2 }} "
                + "{{ p.Price|floatformat:20 }} {{ p.Price|floatformat:25 }} {{ p.Count|floatformat:1 }} {{ p.Total|floatformat:3 }} "
                + "{{ p.Note|default:\"<none>\" }} {{ p.Note|default:other }} {{ p.Note|upper }} {{ p.Note|lower }}]\n{% endfor %}",
        };
        var run = TestCompilation.RunWithTemplates(app, [.. templates.Select(static t => (t.Key, t.Value))]).AssertCompilesCleanly();
        var source = run.Sources.Single(static s => s.HintName == "Micro.Templates.MicroCompiledTemplates.g.cs").SourceText.ToString();
        Assert.Contains("WriteFloatFormat(output, ((global::Product)value", source);
        Assert.Contains("WriteDefault(context, output, ((global::Product)value", source);
        using var loaded = LoadedApp.Load(run.Output);
        var result = Assert.IsType<TemplateResult>(loaded.Call("Site", "Prices"));

        // Values of other types in the same places go through the filters as the interpreter applies them.
        var mixed = new Dictionary<string, object?>
        {
            ["other"] = new SafeString("<safe>"),
            ["items"] = new List<object?>
            {
                new Dictionary<string, object?> { ["Price"] = 1.5, ["Count"] = "7", ["Total"] = null, ["Note"] = "<i>" },
                loaded.Call("Site", "Items") is System.Collections.IList typed ? typed[2] : null,
                null,
            },
        };
        foreach (var autoescape in new[] { true, false })
        {
            foreach (var model in new[] { result.Model, mixed })
            {
                var interpreted = Engine(loaded, templates, compiled: false, autoescape).GetTemplate("prices.html");
                var compiled = Engine(loaded, templates, compiled: true, autoescape).GetTemplate("prices.html");
                Assert.True(compiled.IsCompiled);
                Assert.Equal(interpreted.Render(model), compiled.Render(model));
            }
        }

        // Django 3.2's output for the same values (the largest decimal left out: Django 3.2 rounds it through a float).
        var lines = Engine(loaded, templates, compiled: true, autoescape: true).GetTemplate("prices.html").Render(result.Model).Split('\n');
        Assert.Equal("[2.35 2 2.35 2.34500000000000000000 2.3450000000000000000000000 -7.0 9223372036854775807.000 <none> &lt;other&gt; NONE none]", lines[0]);
        Assert.Equal("[0.00 0 0.00 -0.00400000000000000000 -0.0040000000000000000000000 2147483647.0 0.000 <none> &lt;other&gt;  ]", lines[1]);
        Assert.Equal("[-2.50 -3 -2.50 -2.50000000000000000000 -2.5000000000000000000000000 0.0 -12.000 a&lt;b&gt;&amp;&#x27;&quot; a&lt;b&gt;&amp;&#x27;&quot; A&lt;B&gt;&amp;&#x27;&quot; a&lt;b&gt;&amp;&#x27;&quot;]", lines[2]);
        Assert.Equal("[1234567.50 1234568 1234567.50 1234567.50000000000000000000 1234567.5000000000000000000000000 3.0 5.000 MiXeD Ünïcode MiXeD Ünïcode MIXED ÜNÏCODE mixed ünïcode]", lines[3]);
        Assert.Equal("[3.00 3 3 3.00000000000000000000 3.0000000000000000000000000 1.0 1.000 x x X x]", lines[4]);
        Assert.StartsWith("[79228162514264337593543950335.00 79228162514264337593543950335 ", lines[5]);
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

    private static TemplateEngine Engine(LoadedApp app, Dictionary<string, string> templates, bool compiled, bool autoescape = true) => new(new TemplateOptions
    {
        Autoescape = autoescape,
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
