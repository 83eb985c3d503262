namespace Micro.Generators.Tests.Templates;

/// <summary>Test apps that render templates.</summary>
internal static class TemplateApps
{
    /// <summary>Every kind of model and tag: an anonymous object with a list of records, a typed model, filters, simple and inclusion tags.</summary>
    public const string Blog = """
        return MicroApp.Run(args);

        public static class Site
        {
            [Route("", Name = "home")]
            public static string Home() => "home";

            [Route("blog/<int:year>/", Name = "year_archive")]
            public static TemplateResult Archive(int year) =>
                Template.Render("archive.html", new { year, posts = Posts(year), author = new { name = "Ada" } });

            [Route("posts/<slug:slug>/", Name = "post")]
            public static TemplateResult Detail(string slug) => Template.Render("post.html", new PostPage(new Post(slug, "Title of " + slug, 2), true));

            public static List<Post> Posts(int year) => [new Post("hello", "Hello world", 1), new Post("second", "Second <post>", 0)];
        }

        public sealed record Post(string Slug, string Title, int CommentCount);

        public sealed record PostPage(Post Post, bool ShowComments);

        public static class Tags
        {
            [TemplateTag]
            public static string RemoveSpaces(string value) => value.Replace(" ", "");

            [TemplateTag]
            public static string Shout(string value, string punctuation = "!") => value.ToUpperInvariant() + punctuation;

            [TemplateTag(Name = "times", IsSafe = true)]
            public static string Repeat(string value, int count) => string.Concat(Enumerable.Repeat(value, count));

            [TemplateTag(NeedsAutoescape = true)]
            public static SafeString Bold(string value, bool autoescape) => new("<b>" + (autoescape ? System.Net.WebUtility.HtmlEncode(value) : value) + "</b>");

            [TemplateTag(Kind = TemplateTagKind.SimpleTag)]
            public static string Greet(string name, string greeting = "Hello") => $"{greeting}, {name}!";

            [TemplateTag(Template = "tags/byline.html")]
            public static Dictionary<string, object?> Byline(string name, int year) => new() { ["name"] = name, ["year"] = year };
        }
        """;

    public static readonly (string Name, string Text)[] BlogTemplates =
    [
        ("base.html", """<title>{% block title %}Blog{% endblock %}</title><a href="{% url 'home' %}">home</a>{% block content %}{% endblock %}"""),
        ("archive.html", """
            {% extends "base.html" %}{% block title %}{{ year }}{% endblock %}{% block content %}
            {% for post in posts %}<a href="{% url 'post' post.slug %}">{{ post.title|shout }}</a> {{ post.comment_count }} {{ post.Title|remove_spaces }}
            {% endfor %}{% greet author.name greeting="Hi" %} {{ "ab"|times:3 }} {{ "<x>"|bold }} {% byline author.name year %}{% endblock %}
            """),
        ("post.html", """{% include "base.html" %}{{ post.title }}{% if show_comments %} ({{ post.comment_count }}){% endif %}"""),
        ("tags/byline.html", """by {{ name }} in {{ year }}"""),
    ];
}
