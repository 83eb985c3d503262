namespace Micro.Templates.Tests;

/// <summary>The parsed tree is plain data that tools (the generator, a check command) can walk.</summary>
public class SyntaxTreeTests
{
    private const string Page = """
        {% extends "layouts/base.html" %}
        {% block content %}
          {% for post in posts|dictsort:"date" %}
            <a href="{% url 'post_detail' year=post.year slug=post.slug %}">{{ post.title|truncatewords:5|upper }}</a>
            {% if post.tags|length > 2 and not hidden %}{% include "tags.html" with tags=post.tags only %}{% endif %}
          {% endfor %}
          <img src="{% static 'logo.png' %}">
        {% endblock %}
        """;

    [Fact]
    public void Finds_every_filter_with_its_location()
    {
        var template = Template.Parse(Page, "page.html");

        var filters = template.Nodes.Walk().SelectMany(static node => node.Expressions).SelectMany(static e => e.Filters).Select(static f => $"{f.Name}@{f.Location.Line}:{f.Location.Column}").ToList();

        Assert.Equal(["dictsort@3:24", "truncatewords@4:83", "upper@4:99", "length@5:21"], filters);
    }

    [Fact]
    public void Finds_url_names_and_template_references()
    {
        var nodes = Template.Parse(Page).Nodes.Walk().ToList();

        var urls = nodes.OfType<UrlNode>().Select(static u => (u.RouteName.ConstantString, u.Arguments.Count, string.Join(",", u.NamedArguments.Select(static a => a.Name)))).ToList();
        var extends = nodes.OfType<ExtendsNode>().Single();
        var include = nodes.OfType<IncludeNode>().Single();

        Assert.Equal([("post_detail", 0, "year,slug")], urls);
        Assert.Equal("layouts/base.html", extends.Parent.ConstantString);
        Assert.Equal(["content"], extends.Blocks.Keys);
        Assert.Equal(("tags.html", true, "tags"), (include.Template.ConstantString, include.Only, include.Assignments.Single().Name));
        Assert.Equal("logo.png", nodes.OfType<StaticNode>().Single().Path.ConstantString);
    }

    [Fact]
    public void If_conditions_are_trees()
    {
        var node = Template.Parse("{% if a or b and not c == 'x' %}{% endif %}").Nodes.OfType<IfNode>().Single();

        var condition = node.Branches[0].Condition!;

        Assert.Equal("(a or (b and (not (c == 'x'))))", condition.ToString());
        Assert.Equal(["a", "b", "c", "'x'"], condition.Operands.Select(static o => o.Text));
    }

    [Fact]
    public void Variables_and_literals()
    {
        var expression = Template.Parse("{{ user.profile.name|default:'anon' }}").Nodes.OfType<VariableNode>().Single().Expression;

        var variable = Assert.IsType<VariableOperand>(expression.Operand);
        Assert.Equal(["user", "profile", "name"], variable.Segments);
        var argument = Assert.IsType<LiteralOperand>(expression.Filters.Single().Argument);
        Assert.Equal("anon", argument.Value);
        Assert.True(argument.IsString);
    }

    [Fact]
    public void Nodes_know_their_tag_location()
    {
        var nodes = Template.Parse("a\n  {% if x %}\n    {{ y }}{% endif %}").Nodes.Walk().ToList();

        Assert.Equal(["TextNode@1:1", "IfNode@2:3", "TextNode@2:13", "VariableNode@3:5"], nodes.Select(static n => $"{n.GetType().Name}@{n.Location.Line}:{n.Location.Column}"));
    }

    [Fact]
    public void Lexer_tokens_carry_positions()
    {
        var tokens = Lexer.Tokenize("ab{{ x }}\n{% if y %}{# c #}");

        Assert.Equal(
            ["Text 'ab' 1:1", "Variable 'x' 1:3", "Text '\n' 1:10", "Block 'if y' 2:1", "Comment 'c' 2:11"],
            tokens.Select(static t => $"{t.Kind} '{t.Contents}' {t.Line}:{t.Column}"));
    }
}
