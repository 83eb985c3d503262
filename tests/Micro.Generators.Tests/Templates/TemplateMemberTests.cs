using System.Globalization;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Templates;

/// <summary>
/// MICRO0049: a template reads a member the type of the model it is rendered with doesn't have (Django renders it as
/// nothing). Each case's message, file, line, column and the text under the span; and what is not reported: names the
/// template doesn't know the type of, members of framework types, lists and dictionaries, members a derived type has.
/// </summary>
public sealed class TemplateMemberTests
{
    private const string App = """
        using System.Collections.Generic;

        return MicroApp.Run(args);

        public class Question
        {
            public int Id { get; set; }
            public string QuestionText { get; set; } = "";
            public List<Choice> Choices { get; set; } = [];
            public Author? Author { get; set; }
            public System.DateTime Published { get; set; }
            public Dictionary<string, Choice> ByName { get; set; } = [];
            public bool WasPublishedRecently() => true;
            public bool PublishedSince(System.DateTime when) => true;
        }

        public class Choice
        {
            public string ChoiceText { get; set; } = "";
            public int Votes;
        }

        public class Author
        {
            public string Name { get; set; } = "";
        }

        public class Shape
        {
            public string Title { get; set; } = "";
        }

        public sealed class Circle : Shape
        {
            public double Radius { get; set; }
        }

        public static class Site
        {
            [Route("<int:id>/", Name = "detail")]
            public static TemplateResult Detail(int id) =>
                Template.Render("page.html", new { question = new Question { Id = id }, shape = (Shape)new Circle(), circle = new Circle(), title = "Poll" });
        }
        """;

    public sealed record Case(string Name, string Template, string Message, string SpanText, int Line, int Column)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new(
    [
        new("Django's reverse accessor", "<h1>{{ question.question_text }}</h1>\n<ul>{% for c in question.choice_set.all %}<li>{{ c }}</li>{% endfor %}</ul>",
            "Template 'page.html' reads 'question.choice_set.all', but Question has no public property, field or parameterless method 'choice_set', so it renders empty; did you mean 'choices'?",
            "choice_set", 2, 26),
        new("a typo inside a loop", "{% for choice in question.choices %}\n  {{ choice.choice_txt }}\n{% endfor %}",
            "Template 'page.html' reads 'choice.choice_txt', but Choice has no public property, field or parameterless method 'choice_txt', so it renders empty; did you mean 'choice_text'?",
            "choice_txt", 2, 13),
        new("a method that needs an argument", "{% if question.was_published_recently %}new{% endif %}{% if question.published_since %}{% endif %}",
            "Template 'page.html' reads 'question.published_since', but Question has no public property, field or parameterless method 'published_since', so it renders empty",
            "published_since", 1, 70),
        new("through a nullable reference", "{{ question.author.nmae }}",
            "Template 'page.html' reads 'question.author.nmae', but Author has no public property, field or parameterless method 'nmae', so it renders empty; did you mean 'name'?",
            "nmae", 1, 20),
        new("a name from with", "{% with q=question %}{{ q.questio_text }}{% endwith %}",
            "Template 'page.html' reads 'q.questio_text', but Question has no public property, field or parameterless method 'questio_text', so it renders empty; did you mean 'question_text'?",
            "questio_text", 1, 27),
        new("a filter's argument", "{{ question.id|add:question.idd }}",
            "Template 'page.html' reads 'question.idd', but Question has no public property, field or parameterless method 'idd', so it renders empty; did you mean 'id'?",
            "idd", 1, 29),
        new("an if comparison", "{% if question.author.name == \"Ada\" or question.autor %}x{% endif %}",
            "Template 'page.html' reads 'question.autor', but Question has no public property, field or parameterless method 'autor', so it renders empty; did you mean 'author'?",
            "autor", 1, 49),
        new("regroup's grouper, on each item", "{% regroup question.choices by vote as groups %}{% for g in groups %}{{ g.grouper }}{% endfor %}",
            "Template 'page.html' reads 'vote', but Choice has no public property, field or parameterless method 'vote', so it renders empty; did you mean 'votes'?",
            "vote", 1, 32),
        new("an item by index", "{{ question.choices.0.text }}",
            "Template 'page.html' reads 'question.choices.0.text', but Choice has no public property, field or parameterless method 'text', so it renders empty",
            "text", 1, 23),
        new("the anonymous model's own object", "{{ circle.radius }}{{ shape.radius }}{{ circle.diameter }}",
            "Template 'page.html' reads 'circle.diameter', but Circle has no public property, field or parameterless method 'diameter', so it renders empty",
            "diameter", 1, 48),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_member_where_the_template_reads_it(Case c)
    {
        var run = TestCompilation.RunWithTemplates(App, ("page.html", c.Template));

        run.AssertCompilesCleanlyExcept("MICRO0049");
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("MICRO0049", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(c.Message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal($"{TestCompilation.AppDirectory}/templates/page.html", span.Path);
        Assert.Equal((c.Line, c.Column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(c.SpanText, run.TextUnder(diagnostic));
    }

    [Fact]
    public void What_the_build_cannot_know_is_not_reported()
    {
        var run = TestCompilation.RunWithTemplates(App, ("page.html", """
            {{ question.QuestionText }}{{ question.question_text }}{{ question.choices.0.votes }}{{ question.choices|length }}
            {{ question.choices.count }}{{ question.published.year }}{{ question.published.anything }}{{ question.by_name.first.votes }}
            {{ user.username }}{{ request.path }}{{ titel }}{{ title.upper }}{{ csrf_token }}
            {% for a, b in question.choices %}{{ a.x }}{{ forloop.counter }}{% endfor %}
            {% for choice in question.choices %}{{ forloop.parentloop }}{% empty %}{{ choice.nothing }}{% endfor %}
            {% with q=question|default:shape %}{{ q.radius }}{% endwith %}
            {% url 'detail' 1 as question %}{{ question.whatever }}
            {{ shape.radius }}
            """));

        run.AssertCompilesCleanly();
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void A_parent_template_is_checked_except_the_blocks_the_child_replaces()
    {
        var run = TestCompilation.RunWithTemplates(
            App,
            ("base.html", "<title>{% block title %}{{ question.nope }}{% endblock %}</title>\n{% block body %}{% endblock %}\n<footer>{{ question.footr }}</footer>"),
            ("middle.html", "{% extends 'base.html' %}{% block body %}{{ question.middle_typo }}{% endblock %}"),
            ("page.html", "{% extends 'middle.html' %}{% block title %}{{ title }}{% endblock %}{% block body %}{{ block.super }}{{ question.page_typo }}{% endblock %}outside {{ question.never_rendered }}"));

        Assert.Equal(
            [
                "base.html(3,21): 'footr'",
                "middle.html(1,54): 'middle_typo'",
                "page.html(1,115): 'page_typo'",
            ],
            Found(run));
    }

    [Fact]
    public void A_replaced_block_that_renders_block_super_keeps_the_parent_s_checked()
    {
        var run = TestCompilation.RunWithTemplates(
            App,
            ("base.html", "{% block title %}{{ question.nope }}{% endblock %}"),
            ("page.html", "{% extends 'base.html' %}{% block title %}{{ block.super }}!{% endblock %}"));

        Assert.Equal(["base.html(1,30): 'nope'"], Found(run));
    }

    [Fact]
    public void An_included_template_is_checked_with_the_names_the_include_gives_it()
    {
        var run = TestCompilation.RunWithTemplates(
            App,
            ("_choice.html", "{{ choice.choice_text }}{{ choice.count }}{{ question.titl }}"),
            ("page.html", "{% for c in question.choices %}{% include '_choice.html' with choice=c only %}{% endfor %}{% include '_choice.html' with choice=question %}"));

        // With "only" the include doesn't see the question (not checked); the second include sees it, and reads a Question as the choice.
        Assert.Equal(
            [
                "_choice.html(1,11): 'choice_text'",
                "_choice.html(1,35): 'count'",
                "_choice.html(1,35): 'count'",
                "_choice.html(1,55): 'titl'",
            ],
            Found(run));
        Assert.Equal(
            [
                "Template '_choice.html' reads 'choice.count', but Choice has no public property, field or parameterless method 'count', so it renders empty",
                "Template '_choice.html' reads 'choice.count', but Question has no public property, field or parameterless method 'count', so it renders empty",
            ],
            run.Diagnostics.Select(static d => d.GetMessage(CultureInfo.InvariantCulture)).Where(static m => m.Contains("'count'")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_inclusion_tag_s_template_is_checked_against_what_the_tag_returns()
    {
        var run = TestCompilation.RunWithTemplates(
            App + """

                public static class Tags
                {
                    public sealed record Byline(string Name, int Year);

                    [TemplateTag(Template = "tags/byline.html")]
                    public static Byline ByLine(Author author) => new(author.Name, 2024);
                }
                """,
            ("tags/byline.html", "<p>{{ name }}, {{ year }}, {{ nmae }}</p>"),
            ("tags/other.html", "{{ byline.name }}"),
            ("page.html", "{% by_line question.author %}"));

        // Its own names are the record's members; a name it lacks isn't reported at the root (it may come from elsewhere).
        Assert.Empty(Found(run));

        run = TestCompilation.RunWithTemplates(
            App + """

                public static class Tags
                {
                    public sealed record Byline(Author Author, int Year);

                    [TemplateTag(Template = "tags/byline.html")]
                    public static Byline ByLine(Author author) => new(author, 2024);
                }
                """,
            ("tags/byline.html", "<p>{{ author.name }} ({{ year }}), {{ author.nmae }}</p>"),
            ("page.html", "{% by_line question.author %}"));

        Assert.Equal(["byline.html(1,46): 'nmae'"], Found(run));
        Assert.Equal(
            "Template 'tags/byline.html' reads 'author.nmae', but Author has no public property, field or parameterless method 'nmae', so it renders empty; did you mean 'name'?",
            Assert.Single(run.Diagnostics).GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_model_typed_from_the_generated_data_layer_is_checked()
    {
        var run = TestCompilation.RunWithTemplates("""
            return MicroApp.Run(args);

            [Model]
            public class Post
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
            }

            public static class Site
            {
                [Route("<int:id>/")]
                public static async System.Threading.Tasks.Task<TemplateResult> Detail(int id, Db db)
                {
                    var post = await db.Posts.GetAsync(id);
                    return Template.Render("page.html", new { post });
                }
            }
            """, ("page.html", "{{ post.title }}{{ post.titel }}"));

        Assert.Equal(["page.html(1,25): 'titel'"], Found(run));
    }

    /// <summary>Each MICRO0049 as <c>file(line,column): 'text under it'</c>, sorted, after checking that the app still compiles and nothing else is reported.</summary>
    private static string[] Found(GeneratorRun run) =>
        [.. run.AssertCompilesCleanlyExcept([.. run.Diagnostics.Select(static _ => "MICRO0049")]).Diagnostics
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): '{run.TextUnder(d)}'";
            })
            .Order(StringComparer.Ordinal)];
}
