namespace Micro.Templates.Tests;

/// <summary>Errors while rendering name the template and line where they happened.</summary>
public class RenderErrorTests
{
    private static TemplateEngine EngineWith(params (string Name, string Text)[] templates) =>
        new(new TemplateOptions { Loader = new InMemoryTemplateLoader(templates.Select(static t => new KeyValuePair<string, string>(t.Name, t.Text))) });

    [Fact]
    public void Missing_include_names_the_including_template_and_line()
    {
        var engine = EngineWith(("page.html", "a\nb\n{% include 'nope.html' %}"));

        var error = Assert.Throws<TemplateRenderException>(() => engine.Render("page.html"));

        Assert.Equal(("page.html", 3), (error.TemplateName, error.Line));
        Assert.IsType<TemplateNotFoundException>(error.InnerException);
        Assert.StartsWith("Error rendering template 'page.html', line 3: Template 'nope.html' does not exist", error.Message);
    }

    [Fact]
    public void Error_in_an_included_template_names_that_template()
    {
        var engine = EngineWith(("page.html", "{% include 'part.html' %}"), ("part.html", "x\n\n{{ 'a'|divisibleby:2 }}"));

        var error = Assert.Throws<TemplateRenderException>(() => engine.Render("page.html"));

        Assert.Equal(("part.html", 3), (error.TemplateName, error.Line));
    }

    [Fact]
    public void Error_in_a_child_block_names_the_child_template()
    {
        var engine = EngineWith(
            ("base.html", "1\n2\n{% block body %}{% endblock %}"),
            ("child.html", "{% extends 'base.html' %}\n{% block body %}\n\n\n{{ 5|divisibleby:0 }}{% endblock %}"));

        var error = Assert.Throws<TemplateRenderException>(() => engine.Render("child.html"));

        Assert.Equal(("child.html", 5), (error.TemplateName, error.Line));
        Assert.IsType<DivideByZeroException>(error.InnerException);
    }

    [Fact]
    public void Syntax_error_in_an_included_template_is_reported_as_such()
    {
        var engine = EngineWith(("page.html", "{% include 'part.html' %}"), ("part.html", "ok\n{% if %}"));

        var error = Assert.Throws<TemplateSyntaxException>(() => engine.Render("page.html"));

        Assert.Equal(("part.html", 2, 1), (error.TemplateName, error.Line, error.Column));
    }

    [Fact]
    public void Self_include_fails_instead_of_overflowing_the_stack()
    {
        var engine = EngineWith(("loop.html", "x{% include 'loop.html' %}"));

        var error = Assert.Throws<TemplateRenderException>(() => engine.Render("loop.html"));

        Assert.Contains("nested more than 64 deep", error.Message);
    }

    [Fact]
    public void Extends_cycle_is_reported()
    {
        var engine = EngineWith(("a.html", "{% extends 'b.html' %}"), ("b.html", "{% extends 'a.html' %}"));

        var error = Assert.Throws<TemplateRenderException>(() => engine.Render("a.html"));

        Assert.Contains("a.html -> b.html -> a.html", error.Message);
    }

    [Fact]
    public void Missing_variable_as_filter_argument_is_an_error_as_in_Django()
    {
        var error = Assert.Throws<TemplateRenderException>(() => Template.Parse("ok\n{{ x|default:nope }}", "p.html").Render());

        Assert.Equal(("p.html", 2), (error.TemplateName, error.Line));
        Assert.Contains("Variable 'nope' (the argument of filter 'default') does not exist.", error.Message);
    }

    [Fact]
    public void For_over_a_number_is_an_error()
    {
        var error = Assert.Throws<TemplateRenderException>(() => Template.Parse("{% for x in n %}{% endfor %}").Render(T.Vars(("n", 5))));

        Assert.Equal("'for' can't iterate over a value of type Int32 (5).", error.Description);
    }

    [Fact]
    public void Unpacking_the_wrong_number_of_values()
    {
        var error = Assert.Throws<TemplateRenderException>(() => Template.Parse("{% for a, b in rows %}{% endfor %}").Render(T.Vars(("rows", T.List(T.List(1, 2, 3))))));

        Assert.Equal("Need 2 values to unpack in for loop; got 3.", error.Description);
    }

    [Fact]
    public void Block_super_in_a_base_template_is_a_syntax_error_while_rendering()
    {
        // As Django: the template parses, and rendering it raises TemplateSyntaxError.
        var template = Template.Parse("{% block a %}{{ block.super }}{% endblock %}");
        var error = Assert.Throws<TemplateSyntaxException>(() => template.Render());

        Assert.Contains("block.super", error.Message);
        Assert.Equal((1, 1), (error.Line, error.Column));
    }
}
