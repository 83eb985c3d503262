namespace Micro.Templates.Tests;

public class LoaderTests
{
    private static readonly DateTime s_start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Extends_and_include_through_folders()
    {
        using var folder = new TempFolder()
            .Write("base.html", "<h1>{% block title %}Site{% endblock %}</h1>{% block body %}{% endblock %}")
            .Write("blog/list.html", "{% extends 'base.html' %}{% block title %}Blog | {{ block.super }}{% endblock %}{% block body %}{% for p in posts %}{% include 'blog/_item.html' %}{% endfor %}{% endblock %}")
            .Write("blog/_item.html", "<li>{{ p }}</li>");
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) });

        var html = engine.Render("blog/list.html", T.Vars(("posts", T.List("a", "<b>"))));

        Assert.Equal("<h1>Blog | Site</h1><li>a</li><li>&lt;b&gt;</li>", html);
    }

    [Fact]
    public void A_chain_prefers_the_folder_in_development_and_falls_back_to_the_built_in_copies()
    {
        // How a Micro app loads templates in development: the project's folder (reloaded) over the ones embedded in the assembly.
        using var folder = new TempFolder();
        var embedded = new InMemoryTemplateLoader([new("page.html", "embedded {% include 'part.html' %}"), new("part.html", "part")]);
        var engine = new TemplateEngine(new TemplateOptions
        {
            Loader = new ChainTemplateLoader(new FileSystemTemplateLoader(folder.Path) { AutoReload = true }, embedded),
        });
        Assert.Equal("embedded part", engine.Render("page.html"));

        folder.Write("page.html", "edited {% include 'part.html' %}", s_start);
        Assert.Equal("edited part", engine.Render("page.html"));

        folder.Write("page.html", "edited again", s_start.AddMinutes(1));
        Assert.Equal("edited again", engine.Render("page.html"));

        File.Delete(System.IO.Path.Combine(folder.Path, "page.html"));
        Assert.Equal("embedded part", engine.Render("page.html"));
        Assert.Contains("in-memory templates", Assert.Throws<TemplateNotFoundException>(() => engine.Render("missing.html")).Message);
    }

    [Fact]
    public void Templates_are_parsed_once_and_cached()
    {
        using var folder = new TempFolder().Write("page.html", "v1", s_start);
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) });
        var first = engine.GetTemplate("page.html");

        folder.Write("page.html", "v2, edited", s_start.AddMinutes(1));

        Assert.Same(first, engine.GetTemplate("page.html"));
        Assert.Equal("v1", engine.Render("page.html"));
    }

    [Fact]
    public void Auto_reload_picks_up_edited_files()
    {
        using var folder = new TempFolder().Write("page.html", "v1", s_start);
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) { AutoReload = true } });
        var first = engine.GetTemplate("page.html");
        Assert.Same(first, engine.GetTemplate("page.html"));

        folder.Write("page.html", "v2 {{ x }}", s_start.AddMinutes(1));

        Assert.NotSame(first, engine.GetTemplate("page.html"));
        Assert.Equal("v2 1", engine.Render("page.html", T.Vars(("x", 1))));
    }

    [Fact]
    public void Auto_reload_follows_edits_to_parents_and_includes()
    {
        using var folder = new TempFolder()
            .Write("base.html", "[{% block b %}{% endblock %}]", s_start)
            .Write("part.html", "part1", s_start)
            .Write("page.html", "{% extends 'base.html' %}{% block b %}{% include 'part.html' %}{% endblock %}", s_start);
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) { AutoReload = true } });
        Assert.Equal("[part1]", engine.Render("page.html"));

        folder.Write("base.html", "<{% block b %}{% endblock %}>", s_start.AddMinutes(1));
        folder.Write("part.html", "part2", s_start.AddMinutes(1));

        Assert.Equal("<part2>", engine.Render("page.html"));
    }

    [Fact]
    public void Auto_reload_reports_a_new_syntax_error_and_recovers_after_the_fix()
    {
        using var folder = new TempFolder().Write("page.html", "ok", s_start);
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) { AutoReload = true } });
        Assert.Equal("ok", engine.Render("page.html"));

        folder.Write("page.html", "line\n{% if %}", s_start.AddMinutes(1));
        var error = Assert.Throws<TemplateSyntaxException>(() => engine.Render("page.html"));
        Assert.Equal(("page.html", 2), (error.TemplateName, error.Line));

        folder.Write("page.html", "fixed", s_start.AddMinutes(2));
        Assert.Equal("fixed", engine.Render("page.html"));
    }

    [Fact]
    public void Deleted_file_is_not_found_after_reload()
    {
        using var folder = new TempFolder().Write("page.html", "ok", s_start);
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) { AutoReload = true } });
        Assert.Equal("ok", engine.Render("page.html"));

        File.Delete(Path.Combine(folder.Path, "page.html"));

        Assert.Throws<TemplateNotFoundException>(() => engine.Render("page.html"));
    }

    [Fact]
    public void Missing_template_names_the_folders_searched()
    {
        using var folder = new TempFolder();
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) });

        var error = Assert.Throws<TemplateNotFoundException>(() => engine.GetTemplate("nope/missing.html"));

        Assert.Equal("nope/missing.html", error.TemplateName);
        Assert.Equal($"Template 'nope/missing.html' does not exist (looked in the folder {folder.Path}).", error.Message);
    }

    [Fact]
    public void Folders_are_searched_in_order()
    {
        using var first = new TempFolder().Write("a.html", "first a");
        using var second = new TempFolder().Write("a.html", "second a").Write("b.html", "second b");
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(first.Path, second.Path) });

        Assert.Equal("first a|second b", engine.Render("a.html") + "|" + engine.Render("b.html"));
    }

    [Theory]
    [InlineData("../outside.html")]
    [InlineData("sub/../../outside.html")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public void Names_cannot_leave_the_folder(string name)
    {
        using var parent = new TempFolder().Write("outside.html", "secret").Write("templates/in.html", "in");
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(Path.Combine(parent.Path, "templates")) });

        Assert.Throws<TemplateNotFoundException>(() => engine.GetTemplate(name));
        Assert.Equal("in", engine.Render("in.html"));
    }

    [Fact]
    public void Without_a_loader_only_strings_can_be_parsed()
    {
        var engine = new TemplateEngine();

        var error = Assert.Throws<TemplateRenderException>(() => engine.Parse("{% include 'x.html' %}").Render());

        var notFound = Assert.IsType<TemplateNotFoundException>(error.InnerException);
        Assert.Contains("has no loader", notFound.Message);
    }

    [Fact]
    public void In_memory_loader_serves_and_replaces_templates()
    {
        var loader = new InMemoryTemplateLoader([new("base.html", "<{% block b %}base{% endblock %}>"), new("page.html", "{% extends 'base.html' %}{% block b %}page{% endblock %}")]);
        var engine = new TemplateEngine(new TemplateOptions { Loader = loader });
        Assert.Equal("<page>", engine.Render("page.html"));

        loader.Set("base.html", "[{% block b %}{% endblock %}]");

        Assert.Equal("[page]", engine.Render("page.html"));
        Assert.True(loader.Remove("page.html"));
        Assert.Throws<TemplateNotFoundException>(() => engine.Render("page.html"));
    }

    [Fact]
    public void Select_template_takes_the_first_that_exists()
    {
        var engine = new TemplateEngine(new TemplateOptions { Loader = new InMemoryTemplateLoader([new("b.html", "B"), new("c.html", "C")]) });

        Assert.Equal("B", engine.SelectTemplate(["a.html", "b.html", "c.html"]).Render());
        var error = Assert.Throws<TemplateNotFoundException>(() => engine.SelectTemplate(["x.html", "y.html"]));
        Assert.Contains("'x.html', 'y.html'", error.Message);
    }

    [Fact]
    public void Bodies_rendered_to_text_stay_apart_when_renders_follow_and_nest_on_one_thread()
    {
        // block.super, filter and spaceless render a body to text in a builder that the thread keeps for the next one: nested
        // and successive renders must each get a clear builder of their own.
        var engine = new TemplateEngine();
        var root = engine.Parse("[{% block a %}root-a{% endblock %}|{% block b %}root-b{% endblock %}]", "root");
        var middle = engine.Parse(
            "{% extends root %}{% block a %}mid-a<{{ block.super }}>{% endblock %}{% block b %}{% filter upper %}mid-b{{ block.super }}{% endfilter %}{% endblock %}",
            "middle");
        var child = engine.Parse(
            "{% extends middle %}{% block a %}{% spaceless %}<i> {{ block.super }} </i>  <b>x</b>{% endspaceless %}{% endblock %}{% block b %}child-b/{{ block.super }}/{{ other }}{% endblock %}",
            "child");
        var other = engine.Parse("{% extends root %}{% block b %}other-b+{{ block.super }}{% endblock %}", "other");

        for (var round = 0; round < 3; round++)
        {
            var nested = other.Render(T.Vars(("root", root)));
            Assert.Equal("[root-a|other-b+root-b]", nested);
            Assert.Equal(
                "[<i> mid-a<root-a></i><b>x</b>|child-b/MID-BROOT-B/[root-a|other-b+root-b]]",
                child.Render(T.Vars(("root", root), ("middle", middle), ("other", nested))));
        }
    }

    [Fact]
    public void Extends_accepts_a_template_object()
    {
        var engine = new TemplateEngine();
        var parent = engine.Parse("<{% block a %}parent{% endblock %}>", "parent");
        var child = engine.Parse("{% extends layout %}{% block a %}child+{{ block.super }}{% endblock %}");

        Assert.Equal("<child+parent>", child.Render(T.Vars(("layout", parent))));
    }

    [Fact]
    public void Include_accepts_a_template_object()
    {
        var engine = new TemplateEngine();
        var part = engine.Parse("({{ x }})");

        Assert.Equal("a(1)b", engine.Parse("a{% include part with x=1 %}b").Render(T.Vars(("part", part))));
    }

    [Fact]
    public void Source_and_name_are_kept()
    {
        using var folder = new TempFolder().Write("x/y.html", "hello");
        var engine = new TemplateEngine(new TemplateOptions { Loader = new FileSystemTemplateLoader(folder.Path) });

        var template = engine.GetTemplate("x/y.html");

        Assert.Equal("x/y.html", template.Name);
        Assert.Equal(Path.Combine(folder.Path, "x", "y.html"), template.Source!.Origin);
        Assert.Equal("hello", template.Source.Text);
    }
}
