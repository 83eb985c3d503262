using Micro.Hosting;
using Micro.Runtime.Tests.TestApp;

namespace Micro.Runtime.Tests;

/// <summary>
/// The test app's own templates, compiled by the generator, with a copy of its templates/ folder in front as Development
/// has it: an edited file renders through the interpreter at once, and through the compiled code again once it is as built.
/// </summary>
public sealed class CompiledTemplateReloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("micro-templates-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_edited_template_reloads_interpreted_and_compiled_again_when_restored()
    {
        var manifest = AppManifest.Create(typeof(ConverterViews).Assembly);
        var source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "templates", "res");
        Directory.CreateDirectory(Path.Combine(_folder, "res"));
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(_folder, "res", Path.GetFileName(file)));
        }

        var engine = new TemplateEngine(new TemplateOptions
        {
            Loader = new ChainTemplateLoader(new FileSystemTemplateLoader(_folder) { AutoReload = true }, new EmbeddedTemplateLoader(manifest.Assembly)),
            Accessors = manifest.TemplateAccessors,
            Library = manifest.TemplateLibrary,
            CompiledTemplates = manifest.CompiledTemplates,
            UrlResolver = new TemplateEngine.RouteUrlResolver(manifest.Routes),
        });
        var model = new { product = new Product("Widget", 9.5m, ["a", "b"]), note = "<b>" };
        var layout = Path.Combine(_folder, "res", "layout.html");
        var built = File.ReadAllText(layout);

        var page = engine.GetTemplate("res/page.html");
        Assert.True(page.IsCompiled);
        Assert.Equal("<title>Widget</title><a href=\"/res/text/\">Widget</a> 9.5 [a][b] &lt;b&gt;\n", page.Render(model));

        File.WriteAllText(layout, "<h1>{% block title %}{% endblock %}</h1>{% block body %}{% endblock %}");
        File.SetLastWriteTimeUtc(layout, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("<h1>Widget</h1><a href=\"/res/text/\">Widget</a> 9.5 [a][b] &lt;b&gt;", engine.GetTemplate("res/page.html").Render(model));
        Assert.False(engine.GetTemplate("res/layout.html").IsCompiled);
        Assert.True(engine.GetTemplate("res/page.html").IsCompiled);

        File.WriteAllText(layout, built);
        File.SetLastWriteTimeUtc(layout, DateTime.UtcNow.AddMinutes(2));
        Assert.True(engine.GetTemplate("res/layout.html").IsCompiled);
        Assert.Equal("<title>Widget</title><a href=\"/res/text/\">Widget</a> 9.5 [a][b] &lt;b&gt;\n", engine.GetTemplate("res/page.html").Render(model));
    }
}
