namespace Micro.Templates.Tests;

/// <summary>
/// Where current Django (5.x) differs from the 3.2 the Django cases are generated with, Micro follows current Django. The
/// expectations are Django 5.2's, as its filters and tags are written (its own tests have the same cases).
/// </summary>
public class CurrentDjangoTests
{
    private static readonly TemplateEngine s_engine = new(new TemplateOptions());

    private static string Render(string template, params (string Name, object? Value)[] values) =>
        s_engine.Parse(template).Render(T.Vars(values));

    /// <summary>Django 3.2's answers for decimals and integers to a fixed number of places, the filter's fast path.</summary>
    [Theory]
    [InlineData("2.675", 2, "2.68")]
    [InlineData("-0.001", 2, "0.00")]
    [InlineData("-2.5", 0, "-3")]
    [InlineData("1234.5", 3, "1234.500")]
    [InlineData("0.0049", 2, "0.00")]
    [InlineData("-1.005", 2, "-1.01")]
    public void Floatformat_rounds_decimals_half_up_to_fixed_places(string value, int places, string expected) =>
        Assert.Equal(expected, Render("{{ v|floatformat:" + places + " }}", ("v", decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData(7, 2, "7.00")]
    [InlineData(-7, 0, "-7")]
    [InlineData(1_000_000_000_000_000L, 1, "1000000000000000.0")]
    public void Floatformat_gives_integers_fixed_places(long value, int places, string expected) =>
        Assert.Equal(expected, Render("{{ v|floatformat:" + places + " }}", ("v", value)));

    /// <summary>Django 5.1's querystring (5.2's positional mappings), rendered without a request: the mappings, then the names.</summary>
    [Theory]
    [InlineData("{% querystring %}", "?")]
    [InlineData("{% querystring a=1 b=\"x y\" %}", "?a=1&amp;b=x+y")]
    [InlineData("{% querystring d %}", "?a=1&amp;b=x&amp;b=y")]
    [InlineData("{% querystring d a=None b=2 %}", "?b=2")]
    [InlineData("{% querystring d b=nones %}", "?a=1")]
    [InlineData("{% querystring d e a=3 %}", "?a=3&amp;b=x&amp;b=y&amp;e=%C3%A9+%26+co")]
    [InlineData("{% querystring flag=True n=2.5 %}", "?flag=True&amp;n=2.5")]
    [InlineData("{% querystring q=\"café & co\" as link %}<a href=\"{{ link }}\">", "<a href=\"?q=caf%C3%A9+%26+co\">")]
    [InlineData("{% autoescape off %}{% querystring a=1 b=2 %}{% endautoescape %}", "?a=1&b=2")]
    public void Querystring_sets_and_removes_names_of_the_mappings_given(string template, string expected) =>
        Assert.Equal(expected, Render(template,
            ("d", new Dictionary<string, object?> { ["a"] = "1", ["b"] = new[] { "x", "y" }, ["c"] = null }),
            ("e", new Dictionary<string, object?> { ["e"] = "é & co" }),
            ("nones", new object?[] { null, null })));

    [Theory]
    [InlineData("{% querystring a=1 d %}", "'querystring' received some positional argument(s) after some keyword argument(s).")]
    [InlineData("{% querystring a=1 a=2 %}", "'querystring' received multiple values for keyword argument 'a'.")]
    public void Querystring_arguments_in_the_wrong_order_or_twice_are_syntax_errors(string template, string message) =>
        Assert.Contains(message, T.SyntaxError(template).Message, StringComparison.Ordinal);

    [Fact]
    public void Querystring_of_something_that_isnt_a_mapping_says_so()
    {
        var error = Assert.ThrowsAny<Exception>(() => Render("{% querystring 5 %}"));
        Assert.Contains("'querystring' takes mappings (such as request.GET or a dictionary) before its name=value arguments; got 5.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapeseq_escapes_each_item_so_a_join_under_autoescape_off_is_safe()
    {
        Assert.Equal(
            "&lt;i&gt;, &amp;, <b>|&lt;i&gt;,&amp;,<b>",
            Render(
                "{{ items|escapeseq|join:\", \" }}|{% autoescape off %}{{ items|escapeseq|join:\",\" }}{% endautoescape %}",
                ("items", new object[] { "<i>", "&", new SafeString("<b>") })));
    }

    [Fact]
    public void Join_leaves_its_joiner_alone_under_autoescape_off()
    {
        Assert.Equal(
            "<i><br>x|&lt;i&gt;&lt;br&gt;x",
            Render("{% autoescape off %}{{ h|join:sep }}{% endautoescape %}|{{ h|join:sep }}", ("h", new[] { "<i>", "x" }), ("sep", "<br>")));
    }

    [Fact]
    public void Json_script_without_an_id_writes_a_script_without_one()
    {
        Assert.Equal(
            "<script type=\"application/json\">{\"a\": \"\\u003C/script\\u003E\"}</script>",
            Render("{{ v|json_script }}", ("v", new Dictionary<string, object?> { ["a"] = "</script>" })));
    }

    [Theory]
    [InlineData("{{ 5|floatformat:\"x\" }}", "5")]
    [InlineData("{{ \"3.5\"|floatformat:\"x\" }}", "3.5")]
    [InlineData("{{ 2.25|floatformat:\"1.5\" }}", "2.25")]
    [InlineData("{{ 1234.5|floatformat:\"1gu\" }} {{ 1234.5|floatformat:\"0u\" }} {{ 2|floatformat:\"u\" }}", "1,234.5 1235 2")]
    [InlineData("{{ \"abc\"|floatformat:\"x\" }}", "")]
    public void Floatformat_with_an_argument_that_is_not_a_whole_number_gives_the_value_back(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
