namespace Micro.Templates.Tests;

/// <summary>Custom filters and tags, as the generator will register them from [TemplateTag] methods.</summary>
public class LibraryTests
{
    private static TemplateEngine EngineWith(Action<TemplateLibrary> register, params (string Name, string Text)[] templates)
    {
        var library = new TemplateLibrary();
        register(library);
        return new TemplateEngine(new TemplateOptions
        {
            Library = library,
            Loader = new InMemoryTemplateLoader(templates.Select(static t => new KeyValuePair<string, string>(t.Name, t.Text))),
        });
    }

    [Fact]
    public void Custom_filter_without_argument()
    {
        var engine = EngineWith(static library => library.AddFilter("shout", static (value, _, _) => TemplateValuesText(value).ToUpperInvariant() + "!"));

        Assert.Equal("HI &lt;B&gt;!", engine.Parse("{{ name|shout }}").Render(T.Vars(("name", "hi <b>"))));
    }

    [Fact]
    public void Custom_filter_with_argument()
    {
        var engine = EngineWith(static library => library.AddFilter("repeat", static (value, argument, _) => string.Concat(Enumerable.Repeat(TemplateValuesText(value), (int)argument!)), FilterArgument.Required));

        Assert.Equal("ababab|xx", engine.Parse("{{ 'ab'|repeat:3 }}|{{ s|repeat:n }}").Render(T.Vars(("s", "x"), ("n", 2))));
        Assert.Equal("Filter 'repeat' requires an argument, for example 'repeat:value'.", T.SyntaxError("{{ 'a'|repeat }}", engine).Description);
    }

    [Fact]
    public void Optional_argument_is_null_when_absent()
    {
        var engine = EngineWith(static library => library.AddFilter("arg", static (_, argument, _) => argument ?? "none", FilterArgument.Optional));

        Assert.Equal("none|given", engine.Parse("{{ 1|arg }}|{{ 1|arg:'given' }}").Render());
    }

    [Fact]
    public void Filter_that_takes_no_argument_refuses_one()
    {
        var engine = EngineWith(static library => library.AddFilter("plain", static (value, _, _) => value));

        Assert.Equal("Filter 'plain' takes no argument.", T.SyntaxError("{{ 1|plain:2 }}", engine).Description);
    }

    [Fact]
    public void Is_safe_keeps_safe_input_safe()
    {
        var engine = EngineWith(static library =>
        {
            library.AddFilter("wrap_safe", static (value, _, _) => "[" + TemplateValuesText(value) + "]", isSafe: true);
            library.AddFilter("wrap_unsafe", static (value, _, _) => "[" + TemplateValuesText(value) + "]");
        });

        var html = engine.Parse("{{ s|wrap_safe }} {{ s|wrap_unsafe }} {{ u|wrap_safe }}").Render(T.Vars(("s", new SafeString("<b>")), ("u", "<i>")));

        Assert.Equal("[<b>] [&lt;b&gt;] [&lt;i&gt;]", html);
    }

    [Fact]
    public void Needs_autoescape_gets_the_current_setting()
    {
        var engine = EngineWith(static library => library.AddFilter(
            "bold",
            static (value, _, autoescape) => new SafeString("<b>" + (autoescape ? System.Net.WebUtility.HtmlEncode(TemplateValuesText(value)) : TemplateValuesText(value)) + "</b>"),
            needsAutoescape: true));

        var html = engine.Parse("{{ s|bold }}{% autoescape off %}{{ s|bold }}{% endautoescape %}").Render(T.Vars(("s", "<i>")));

        Assert.Equal("<b>&lt;i&gt;</b><b><i></b>", html);
    }

    [Theory]
    [InlineData("upper")]
    [InlineData("date")]
    [InlineData("safe")]
    public void Filter_names_of_built_ins_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new TemplateLibrary().AddFilter(name, static (v, _, _) => v));

        Assert.StartsWith($"'{name}' is a built-in filter; a custom filter needs another name.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("dash-ed")]
    public void Filter_names_must_be_words(string name)
    {
        Assert.Throws<ArgumentException>(() => new TemplateLibrary().AddFilter(name, static (v, _, _) => v));
    }

    [Fact]
    public void A_name_can_be_added_once()
    {
        var library = new TemplateLibrary();
        library.AddFilter("x", static (v, _, _) => v);
        library.AddSimpleTag("t", static _ => "");

        Assert.Throws<ArgumentException>(() => library.AddFilter("x", static (v, _, _) => v));
        Assert.Throws<ArgumentException>(() => library.AddSimpleTag("t", static _ => ""));
    }

    [Theory]
    [InlineData("if")]
    [InlineData("for")]
    [InlineData("endif")]
    [InlineData("else")]
    [InlineData("url")]
    [InlineData("static")]
    [InlineData("block")]
    public void Tag_names_of_built_ins_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new TemplateLibrary().AddSimpleTag(name, static _ => ""));

        Assert.StartsWith($"'{name}' is a built-in tag; a custom tag needs another name.", error.Message);
    }

    [Fact]
    public void Simple_tag_with_positional_and_named_arguments()
    {
        var engine = EngineWith(static library => library.AddSimpleTag(
            "greet",
            static call => $"{call.Get(0, "greeting")}, {call.Get(1, "name")}{call.Get(2, "punctuation", "!")}",
            new TagParameters(["greeting", "name", "punctuation"], requiredCount: 2)));

        var html = engine.Parse("{% greet 'Hello' user %}|{% greet greeting='Hi' name='<Bo>' punctuation='?' %}|{% greet 'Yo' name=user %}").Render(T.Vars(("user", "Ada")));

        Assert.Equal("Hello, Ada!|Hi, &lt;Bo&gt;?|Yo, Ada!", html);
    }

    [Fact]
    public void Simple_tag_as_variable()
    {
        var engine = EngineWith(static library => library.AddSimpleTag("total", static call => call.Arguments.Sum(static a => (int)a!)));

        Assert.Equal("[]6", engine.Parse("[{% total 1 2 3 as sum %}]{{ sum }}").Render());
    }

    [Fact]
    public void Simple_tag_output_is_escaped_unless_safe()
    {
        var engine = EngineWith(static library =>
        {
            library.AddSimpleTag("raw", static _ => "<b>");
            library.AddSimpleTag("html", static _ => new SafeString("<b>"));
        });

        Assert.Equal("&lt;b&gt;<b>", engine.Parse("{% raw %}{% html %}").Render());
    }

    [Fact]
    public void Simple_tag_can_read_and_set_the_context()
    {
        var engine = EngineWith(static library => library.AddSimpleTag("remember", static call =>
        {
            call.Context.Set("remembered", "user was " + call.Context["user"]);
            return "";
        }));

        Assert.Equal("user was Ada", engine.Parse("{% remember %}{{ remembered }}").Render(T.Vars(("user", "Ada"))));
    }

    [Theory]
    [InlineData("{% greet %}", "'greet' did not receive value(s) for the argument(s): 'greeting', 'name'.")]
    [InlineData("{% greet 'a' %}", "'greet' did not receive value(s) for the argument(s): 'name'.")]
    [InlineData("{% greet 'a' 'b' 'c' 'd' %}", "'greet' received too many positional arguments.")]
    [InlineData("{% greet 'a' 'b' mood='x' %}", "'greet' received unexpected keyword argument 'mood'.")]
    [InlineData("{% greet name='a' name='b' %}", "'greet' received multiple values for keyword argument 'name'.")]
    [InlineData("{% greet name='a' 'b' %}", "'greet' received some positional argument(s) after some keyword argument(s).")]
    public void Simple_tag_arguments_are_checked_when_parsing(string template, string message)
    {
        var engine = EngineWith(static library => library.AddSimpleTag("greet", static _ => "", new TagParameters(["greeting", "name", "punctuation"], requiredCount: 2)));

        Assert.Equal(message, T.SyntaxError(template, engine).Description);
    }

    [Fact]
    public void Tag_with_extra_arguments_accepts_any_number()
    {
        var engine = EngineWith(static library => library.AddSimpleTag(
            "count",
            static call => call.Arguments.Count + "/" + call.NamedArguments.Count,
            new TagParameters(["first"], requiredCount: 1, acceptsExtraPositional: true, acceptsExtraNamed: true)));

        Assert.Equal("3/2", engine.Parse("{% count 1 2 3 a=1 b=2 %}").Render());
    }

    [Fact]
    public void Inclusion_tag_renders_its_template_with_only_the_returned_variables()
    {
        var engine = EngineWith(
            static library => library.AddInclusionTag("results", "results.html", static call => T.Vars(("items", call.Arguments[0]), ("title", "<Results>"))),
            ("results.html", "<h2>{{ title }}</h2>{% for i in items %}<li>{{ i }}</li>{% endfor %}[{{ secret }}]{% csrf_token %}"));

        var html = engine.Parse("{% results poll %}").Render(T.Vars(("poll", T.List("a", "b")), ("secret", "hidden"), ("csrf_token", "tok")));

        Assert.Equal("<h2>&lt;Results&gt;</h2><li>a</li><li>b</li>[]<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"tok\">", html);
    }

    [Fact]
    public void Inclusion_tag_keeps_autoescape_setting()
    {
        var engine = EngineWith(
            static library => library.AddInclusionTag("show", "show.html", static call => T.Vars(("v", call.Arguments[0]))),
            ("show.html", "{{ v }}"));

        Assert.Equal("<b>|&lt;b&gt;", engine.Parse("{% autoescape off %}{% show s %}{% endautoescape %}|{% show s %}").Render(T.Vars(("s", "<b>"))));
    }

    [Fact]
    public void Custom_tags_must_be_added_before_parsing()
    {
        var library = new TemplateLibrary();
        var engine = new TemplateEngine(new TemplateOptions { Library = library });

        Assert.Equal("Unknown tag 'later'. Register it as a custom tag, or check its spelling.", T.SyntaxError("{% later %}", engine).Description);
        library.AddSimpleTag("later", static _ => "now");
        Assert.Equal("now", engine.Parse("{% later %}").Render());
    }

    [Fact]
    public void Exception_in_a_custom_tag_names_template_and_line()
    {
        var engine = EngineWith(static library => library.AddSimpleTag("boom", static _ => throw new InvalidOperationException("kaboom")));

        var error = Assert.Throws<TemplateRenderException>(() => engine.Parse("ok\n\n{% boom %}", "page.html").Render());

        Assert.Equal("Error rendering template 'page.html', line 3: kaboom", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Filters_and_tags_are_visible_to_tools_through_the_symbols()
    {
        var library = new TemplateLibrary();
        library.AddFilter("shout", static (v, _, _) => v, FilterArgument.Optional);
        library.AddSimpleTag("greet", static _ => "");

        Assert.Equal(FilterArgument.Optional, library.FindFilter("shout")!.Argument);
        Assert.Equal(FilterArgument.Optional, library.FindFilter("date")!.Argument);
        Assert.Equal(TagKind.Simple, library.FindTag("greet")!.Kind);
        Assert.Null(library.FindTag("if"));
        Assert.Null(library.FindFilter("nope"));
    }

    private static string TemplateValuesText(object? value) => value?.ToString() ?? "None";
}
