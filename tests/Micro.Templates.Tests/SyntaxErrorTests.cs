namespace Micro.Templates.Tests;

/// <summary>Every syntax error names the template, the line and the column of what is wrong.</summary>
public class SyntaxErrorTests
{
    [Fact]
    public void Unknown_tag_points_at_the_tag()
    {
        var error = T.SyntaxError("<p>\n  {% frobnicate x %}\n</p>");

        Assert.Equal("test.html", error.TemplateName);
        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Equal("Unknown tag 'frobnicate'. Register it as a custom tag, or check its spelling.", error.Description);
        Assert.Equal("test.html, line 2, column 3: Unknown tag 'frobnicate'. Register it as a custom tag, or check its spelling.", error.Message);
    }

    [Fact]
    public void Unknown_filter_points_at_the_filter_name()
    {
        var error = T.SyntaxError("a\nb {{ name|lower|shout }}");

        Assert.Equal(2, error.Line);
        Assert.Equal(17, error.Column);
        Assert.Equal("Invalid filter: 'shout'.", error.Description);
    }

    [Fact]
    public void Filter_that_needs_an_argument()
    {
        var error = T.SyntaxError("{{ a|add }}");

        Assert.Equal((1, 6), (error.Line, error.Column));
        Assert.Equal("Filter 'add' requires an argument, for example 'add:value'.", error.Description);
    }

    [Fact]
    public void Filter_that_takes_no_argument()
    {
        var error = T.SyntaxError("{% if x|upper:'y' %}{% endif %}");

        Assert.Equal((1, 9), (error.Line, error.Column));
        Assert.Equal("Filter 'upper' takes no argument.", error.Description);
    }

    [Fact]
    public void Wrong_end_tag_points_at_itself_and_names_the_open_tag()
    {
        var error = T.SyntaxError("line one\n{% for x in items %}\n  {% if x %}\n{% endfor %}");

        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Equal("Invalid block tag 'endfor' inside 'if' (line 3). Expected 'elif', 'else' or 'endif'.", error.Description);
    }

    [Fact]
    public void Missing_end_tag_at_end_of_template()
    {
        var error = T.SyntaxError("{% block content %}\n<p>{% if a %}x{% endif %}</p>\n");

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("Unclosed tag 'block' (opened on line 1). Looking for one of: endblock.", error.Description);
    }

    [Fact]
    public void Unclosed_comment()
    {
        var error = T.SyntaxError("x\n {% comment %}never closed");

        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("Unclosed tag 'comment'", error.Description);
    }

    [Theory]
    [InlineData("{% if a b %}{% endif %}", 9, "Unused 'b' at end of if expression.")]
    [InlineData("{% if a and %}{% endif %}", 1, "Unexpected end of expression in if tag.")]
    [InlineData("{% if == a %}{% endif %}", 7, "Not expecting '==' in this position in if tag.")]
    [InlineData("{% if a not b %}{% endif %}", 9, "Not expecting 'not' as infix operator in if tag.")]
    [InlineData("{% if a is == b %}{% endif %}", 12, "Not expecting '==' in this position in if tag.")]
    public void Bad_if_expressions(string template, int column, string message)
    {
        var error = T.SyntaxError(template);

        Assert.Equal((1, column), (error.Line, error.Column));
        Assert.Equal(message, error.Description);
    }

    [Fact]
    public void Error_inside_a_nested_tag_points_at_the_inner_tag()
    {
        var error = T.SyntaxError("{% if a %}\n  {% for x in %}{% endfor %}\n{% endif %}");

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.StartsWith("'for' statements should", error.Description);
    }

    [Theory]
    [InlineData("{{ _x }}", 4, "Variables and attributes may not begin with underscores: '_x'.")]
    [InlineData("{{ a._x }}", 4, "Variables and attributes may not begin with underscores: 'a._x'.")]
    [InlineData("{{ a b }}", 5, "Could not parse the remainder: ' b' from 'a b'.")]
    [InlineData("{{ a|upper b }}", 11, "Could not parse the remainder: ' b' from 'a|upper b'.")]
    [InlineData("{{ |upper }}", 4, "Could not find a variable at the start of '|upper'.")]
    [InlineData("{{ }}", 1, "Empty variable tag.")]
    [InlineData("{% %}", 1, "Empty block tag.")]
    public void Bad_variables(string template, int column, string message)
    {
        var error = T.SyntaxError(template);

        Assert.Equal((1, column), (error.Line, error.Column));
        Assert.Equal(message, error.Description);
    }

    [Fact]
    public void Duplicate_block_names()
    {
        var error = T.SyntaxError("{% block a %}{% endblock %}\n{% block a %}{% endblock %}");

        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.Equal("'block' tag with name 'a' appears more than once.", error.Description);
    }

    [Fact]
    public void Extends_must_come_first()
    {
        var error = T.SyntaxError("text is fine\n{% load x %}{% extends 'base.html' %}");

        Assert.Equal((2, 13), (error.Line, error.Column));
        Assert.Equal("'extends' must be the first tag in the template.", error.Description);
    }

    [Fact]
    public void Columns_count_from_the_tag_on_later_lines_with_tabs_and_unicode()
    {
        var error = T.SyntaxError("é\n\t日本 {{ x|nope }}");

        Assert.Equal((2, 10), (error.Line, error.Column));
    }

    [Fact]
    public void Templates_parsed_without_a_name_are_called_string()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => Template.Parse("{% nope %}"));

        Assert.Equal("<string>", error.TemplateName);
        Assert.StartsWith("<string>, line 1, column 1: ", error.Message);
    }

    [Fact]
    public void Else_with_arguments()
    {
        var error = T.SyntaxError("{% if a %}{% else if b %}{% endif %}");

        Assert.Equal((1, 11), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("{% include %}")]
    [InlineData("{% include 'a' with %}")]
    [InlineData("{% include 'a' only only %}")]
    [InlineData("{% extends %}")]
    [InlineData("{% extends 'a' 'b' %}")]
    [InlineData("{% with %}{% endwith %}")]
    [InlineData("{% cycle %}")]
    [InlineData("{% cycle undefined %}")]
    [InlineData("{% resetcycle %}")]
    [InlineData("{% url %}")]
    [InlineData("{% url 'a' 1 b=2 %}")]
    [InlineData("{% static %}")]
    [InlineData("{% now %}")]
    [InlineData("{% widthratio 1 2 %}")]
    [InlineData("{% regroup a by b %}")]
    [InlineData("{% templatetag %}")]
    [InlineData("{% lorem 1 2 3 %}")]
    [InlineData("{% firstof %}")]
    [InlineData("{% autoescape %}{% endautoescape %}")]
    [InlineData("{% block %}{% endblock %}")]
    [InlineData("{% filter %}{% endfilter %}")]
    [InlineData("{% endif %}")]
    [InlineData("{% else %}")]
    [InlineData("{% include 'a.html' with x %}")]
    [InlineData("{% for a,,b in c %}{% endfor %}")]
    [InlineData("{% verbatim %}never closed")]
    [InlineData("{{ x|date:'Y'|default }}")]
    [InlineData("{{ 'unterminated }}")]
    public void Malformed_tags_are_syntax_errors(string template)
    {
        var error = T.SyntaxError(template);

        Assert.Equal(1, error.Line);
        Assert.True(error.Column >= 1);
        Assert.False(string.IsNullOrWhiteSpace(error.Description));
    }

    [Fact]
    public void Relative_names_may_not_leave_the_template_folder()
    {
        var error = T.SyntaxError("{% include '../../secret.html' %}");

        Assert.Equal("The relative path ''../../secret.html'' points outside the file hierarchy that template 'test.html' is in.", error.Description);
    }
}

public class ClosingTagErrorTests
{
    [Theory]
    [InlineData("{% endif %}", "endif")]
    [InlineData("a {% else %}", "else")]
    [InlineData("{% for x in y %}{% endfor %}{% empty %}", "empty")]
    public void Closing_tag_without_an_opening_tag(string template, string command)
    {
        var error = T.SyntaxError(template);

        Assert.Equal($"Unexpected '{command}': there is no open tag here for it to continue or close.", error.Description);
    }
}

public class HostileTemplateTests
{
    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var template = string.Concat(Enumerable.Repeat("{% if x %}", 100_000)) + string.Concat(Enumerable.Repeat("{% endif %}", 100_000));

        var error = T.SyntaxError(template);

        Assert.Equal("Tags are nested more than 200 deep.", error.Description);
    }

    [Fact]
    public void Deep_if_expression_is_an_error_not_a_stack_overflow()
    {
        var error = T.SyntaxError("{% if " + string.Concat(Enumerable.Repeat("not ", 100_000)) + "x %}{% endif %}");

        Assert.Equal("The if expression is nested too deeply.", error.Description);
    }

    [Fact]
    public void Moderate_nesting_is_fine()
    {
        var template = string.Concat(Enumerable.Repeat("{% if x %}", 150)) + "deep" + string.Concat(Enumerable.Repeat("{% endif %}", 150));

        Assert.Equal("deep", T.Render(template, T.Vars(("x", true))));
        Assert.Equal("yes", T.Render("{% if " + string.Concat(Enumerable.Repeat("not ", 100)) + "x %}yes{% endif %}", T.Vars(("x", true))));
    }
}
