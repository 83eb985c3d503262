using System.Text;
using Micro.Routing;

namespace Micro.Templates.Tests;

public class EngineTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("test", now.Offset, "test", "test");
    }

    private static readonly FixedClock s_clock = new(new DateTimeOffset(2024, 3, 5, 15, 4, 5, TimeSpan.FromHours(1)));

    [Fact]
    public void Now_tag_uses_the_engine_clock()
    {
        var engine = new TemplateEngine(new TemplateOptions { TimeProvider = s_clock });

        Assert.Equal("2024-03-05 15:04|Tuesday 5th of March|[]2024|03/05/2024", engine.Parse("{% now 'Y-m-d H:i' %}|{% now \"l jS \\o\\f F\" %}|[{% now 'Y' as year %}]{{ year }}|{% now 'SHORT_DATE_FORMAT' %}").Render());
    }

    [Fact]
    public void Timesince_and_timeuntil_default_to_the_engine_clock()
    {
        var engine = new TemplateEngine(new TemplateOptions { TimeProvider = s_clock });
        var context = T.Vars(("posted", new DateTime(2024, 3, 4, 12, 0, 0)), ("due", new DateTime(2024, 3, 19, 15, 4, 5)), ("aware", new DateTimeOffset(2024, 3, 5, 15, 8, 5, TimeSpan.Zero)));

        Assert.Equal("1\u00a0day, 3\u00a0hours|2\u00a0weeks|1\u00a0hour, 4\u00a0minutes", engine.Parse("{{ posted|timesince }}|{{ due|timeuntil }}|{{ aware|timeuntil }}").Render(context));
    }

    [Fact]
    public void Utc_datetimes_are_aware()
    {
        var engine = new TemplateEngine(new TemplateOptions { TimeProvider = s_clock });
        var utc = new DateTime(2024, 3, 5, 13, 4, 5, DateTimeKind.Utc);

        var html = engine.Parse("{{ t|date:'c O e' }}|{{ t|stringformat:'s' }}|{{ t|timesince }}|{{ t|json_script:'x'|striptags }}").Render(T.Vars(("t", utc)));

        Assert.Equal("2024-03-05T13:04:05+00:00 +0000 UTC|2024-03-05 13:04:05+00:00|1\u00a0hour|\"2024-03-05T13:04:05Z\"", html);
    }

    [Fact]
    public void Static_prefix_is_configurable()
    {
        var engine = new TemplateEngine(new TemplateOptions { StaticUrl = "https://cdn.example.com/assets/" });

        Assert.Equal("https://cdn.example.com/assets/css/site%20v2.css", engine.Parse("{% static 'css/site v2.css' %}").Render());
    }

    [Fact]
    public void Prefix_tags_give_the_static_and_media_urls()
    {
        var engine = new TemplateEngine(new TemplateOptions { StaticUrl = "/assets/", MediaUrl = "https://files.example.com/up&loads/" });

        Assert.Equal(
            "/assets/|https://files.example.com/up&amp;loads/|https://files.example.com/up&amp;loads/docs/a.txt",
            engine.Parse("{% get_static_prefix %}|{% get_media_prefix %}|{% get_media_prefix as media %}{{ media }}{{ name }}").Render(T.Vars(("name", "docs/a.txt"))));
        var error = Assert.Throws<TemplateSyntaxException>(() => engine.Parse("{% get_media_prefix url %}"));
        Assert.Contains("'get_media_prefix' takes no argument, or 'as name'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_resolver_receives_arguments()
    {
        var resolver = new RecordingResolver();
        var engine = new TemplateEngine(new TemplateOptions { UrlResolver = resolver });

        Assert.Equal("/x?a&amp;b", engine.Parse("{% url 'name' 1 'two' %}").Render());
        Assert.Equal(("name", "1,two", ""), resolver.Last);
        engine.Parse("{% url route_name a=1 b=x %}").Render(T.Vars(("route_name", "dyn"), ("x", "y")));
        Assert.Equal(("dyn", "", "a=1,b=y"), resolver.Last);
    }

    private sealed class RecordingResolver : ITemplateUrlResolver
    {
        public (string, string, string) Last { get; private set; }

        public string Reverse(string name, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> namedArguments)
        {
            Last = (name, string.Join(",", arguments), string.Join(",", namedArguments.Select(static p => p.Key + "=" + p.Value)));
            return "/x?a&b";
        }
    }

    [Fact]
    public void Autoescape_can_be_turned_off_for_the_engine()
    {
        var engine = new TemplateEngine(new TemplateOptions { Autoescape = false });

        Assert.Equal("<b> &lt;b&gt; &lt;b&gt;", engine.Parse("{{ s }} {{ s|escape }} {% autoescape on %}{{ s }}{% endautoescape %}").Render(T.Vars(("s", "<b>"))));
    }

    [Fact]
    public void Render_into_a_writer_or_builder()
    {
        var template = Template.Parse("{% for i in items %}{{ i }}{% endfor %}");
        var context = T.Vars(("items", Enumerable.Range(0, 1000).ToList()));
        var expected = string.Concat(Enumerable.Range(0, 1000));

        var writer = new StringWriter();
        template.Render(context, writer);
        var builder = new StringBuilder("prefix:");
        template.Render(context, builder);

        Assert.Equal(expected, writer.ToString());
        Assert.Equal("prefix:" + expected, builder.ToString());
    }

    [Fact]
    public void Renders_concurrently()
    {
        var template = Template.Parse("{% for i in items %}{% cycle 'a' 'b' %}{{ i }}{% ifchanged i %}!{% endifchanged %}{% endfor %}|{{ name }}");
        var results = new string[200];

        Parallel.For(0, results.Length, i => results[i] = template.Render(T.Vars(("items", Enumerable.Range(0, i % 7).ToList()), ("name", i))));

        for (var i = 0; i < results.Length; i++)
        {
            var expected = string.Concat(Enumerable.Range(0, i % 7).Select(static n => (n % 2 == 0 ? "a" : "b") + n + "!")) + "|" + i;
            Assert.Equal(expected, results[i]);
        }
    }

    [Fact]
    public void Rendering_inside_a_custom_tag_uses_its_own_state()
    {
        var library = new TemplateLibrary();
        var inner = new TemplateEngine().Parse("({% cycle 'x' 'y' %}{{ v }})");
        library.AddSimpleTag("inner", call => new SafeString(inner.Render(T.Vars(("v", call.Arguments[0])))));
        var engine = new TemplateEngine(new TemplateOptions { Library = library });

        Assert.Equal("a(x1)b(x2)", engine.Parse("{% for i in items %}{% cycle 'a' 'b' %}{% inner i %}{% endfor %}").Render(T.Vars(("items", T.List(1, 2)))));
    }

    [Fact]
    public void Lorem_random_text()
    {
        var html = Template.Parse("{% lorem 30 w random %}|{% lorem 3 p random %}|{% lorem 2 b %}").Render();
        var parts = html.Split('|');

        Assert.Equal(30, parts[0].Split(' ').Length);
        Assert.DoesNotContain("lorem ipsum dolor", parts[0]);
        Assert.Equal(3, parts[1].Split("\n\n").Length);
        Assert.All(parts[1].Split("\n\n"), static p => Assert.Matches(@"^<p>[A-Z][a-z, ]+[.?]( [A-Z][a-z, ]+[.?])*</p>$", p));
        Assert.StartsWith("Lorem ipsum dolor sit amet, consectetur adipisicing elit", parts[2]);
        Assert.Equal(2, parts[2].Split("\n\n").Length);
    }

    [Fact]
    public void Random_filter_picks_an_item()
    {
        var template = Template.Parse("{{ items|random }}");
        var seen = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            seen.Add(template.Render(T.Vars(("items", T.List("a", "b", "c")))));
        }

        Assert.Equal(["a", "b", "c"], seen.Order());
    }

    [Fact]
    public void String_if_invalid_with_tags()
    {
        var engine = new TemplateEngine(new TemplateOptions { StringIfInvalid = "INVALID" });

        var html = engine.Parse("{% if missing %}a{% else %}b{% endif %}|{% for x in missing %}x{% empty %}empty{% endfor %}|{% with v=missing %}{{ v }}{% endwith %}|{% firstof missing 'f' %}|{{ missing|upper }}").Render();

        Assert.Equal("b|empty|INVALID|f|INVALID", html);
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_independent_templates()
    {
        var engine = new TemplateEngine();

        Assert.NotSame(engine.Parse("x"), engine.Parse("x"));
        Assert.Equal("<string>", engine.Parse("x").Name);
        Assert.Equal("named.html", engine.Parse("x", "named.html").Name);
    }

    [Fact]
    public void A_value_written_by_its_ToString_costs_no_more_than_the_same_string()
    {
        // {% csrf_token %}'s value, an id type, an app's own object: Python's str() of them is their ToString, and writing it
        // must not build it again in a builder of its own.
        var engine = new TemplateEngine();
        var template = engine.Parse("<input value=\"{{ v }}\">{% if v %}{{ v|upper }}{% endif %}");
        var text = new string('k', 64);
        var asString = T.Vars(("v", text));
        var asObject = T.Vars(("v", new Written(text)));

        Assert.Equal(template.Render(asString), template.Render(asObject));
        Assert.Equal(Allocated(() => template.Render(asString)), Allocated(() => template.Render(asObject)));
    }

    private static long Allocated(Func<string> render)
    {
        render();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            render();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private sealed class Written(string text)
    {
        public override string ToString() => text;
    }
}
