using System.Globalization;
using Micro.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Analyzers.Tests;

/// <summary>
/// Each analyzer rule: the one diagnostic a mistake gets (ID, exact text under its span, exact message,
/// severity, help page), with the generator run first as in a build, and the app still compiling.
/// </summary>
public sealed class AnalyzerDiagnosticsTests
{
    public sealed record Case(string Name, string Members, string Types, string Statements, string Id, string SpanText, string Message)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new(
    [
        // MICRO0080: routes that never answer.
        new("same pattern, same methods", """
            [Route("posts/<int:id>/")] public static string Post(int id) => "";
            [Route("posts/<int:pk>/")] public static string Other(int pk) => "";
            """, "", "",
            "MICRO0080", """Route("posts/<int:pk>/")""",
            "Route 'posts/<int:pk>/' never answers GET, HEAD: route 'posts/<int:id>/' at Program.cs(8,6) matches every URL it matches and is tried first, because it has the same pattern and is declared earlier; change a pattern, the methods or the Order"),
        new("same pattern, overlapping methods", """
            [Route("notes/", Methods = "GET, POST")] public static string Notes() => "";
            [Route("notes/", Methods = "POST, PUT")] public static string Save() => "";
            """, "", "",
            "MICRO0080", """Route("notes/", Methods = "POST, PUT")""",
            "Route 'notes/' never answers POST: route 'notes/' at Program.cs(8,6) matches every URL it matches and is tried first, because it has the same pattern and is declared earlier; change a pattern, the methods or the Order"),
        new("path route with a lower Order", """
            [Route("<path:rest>", Order = -1)] public static string Everything(string rest) => "";
            [Route("blog/<int:year>/")] public static string Archive(int year) => "";
            """, "", "",
            "MICRO0080", """Route("blog/<int:year>/")""",
            "Route 'blog/<int:year>/' never answers GET, HEAD: route '<path:rest>' at Program.cs(8,6) matches every URL it matches and is tried first, because its Order (-1) is lower than this route's (0); change a pattern, the methods or the Order"),
        new("a broader value declared first", """
            [Route("tags/<str:tag>/")] public static string Tag(string tag) => "";
            [Route("tags/<slug:slug>/")] public static string Slug(string slug) => "";
            """, "", "",
            "MICRO0080", """Route("tags/<slug:slug>/")""",
            "Route 'tags/<slug:slug>/' never answers GET, HEAD: route 'tags/<str:tag>/' at Program.cs(8,6) matches every URL it matches and is tried first, because it is declared earlier and is as specific; change a pattern, the methods or the Order"),
        new("same regular expression", """
            [Route(@"^y/(?P<year>[0-9]{4})/$", Regex = true)] public static string Year(int year) => "";
            [Route(@"^y/(?P<year>[0-9]{4})/$", Regex = true)] public static string Again(int year) => "";
            """, "", "",
            "MICRO0080", """Route(@"^y/(?P<year>[0-9]{4})/$", Regex = true)""",
            "Route '^y/(?P<year>[0-9]{4})/$' never answers GET, HEAD: route '^y/(?P<year>[0-9]{4})/$' at Program.cs(8,6) matches every URL it matches and is tried first, because it has the same pattern and is declared earlier; change a pattern, the methods or the Order"),
        new("class-based view after a function route", """
            [Route("articles/<int:id>/")] public static string Article(int id) => "";
            """, """
            [Route("articles/<int:id>/")]
            public static class ArticleView
            {
                public static string Get(int id) => "";
                public static string Post(int id) => "";
            }
            """, "",
            "MICRO0080", """Route("articles/<int:id>/")""",
            "Route 'articles/<int:id>/' never answers GET, HEAD: route 'articles/<int:id>/' at Program.cs(8,6) matches every URL it matches and is tried first, because it has the same pattern and is declared earlier; change a pattern, the methods or the Order"),

        // MICRO0081
        new("unknown route name", "", "", """Console.WriteLine(Url.Reverse("hom"));""",
            "MICRO0081", "\"hom\"",
            "No route is named 'hom', so reversing it throws NoReverseMatchException; did you mean 'home'?"),
        new("unknown route name without a near one", "", "", """Console.WriteLine(Url.Reverse("checkout"));""",
            "MICRO0081", "\"checkout\"",
            "No route is named 'checkout', so reversing it throws NoReverseMatchException; name a route with [Route(..., Name = \"checkout\")]"),

        new("unknown name in a namespace", "", """
            [RouteGroup("polls", AppName = "polls")]
            public static class Polls
            {
                [Route("<int:pk>/", Name = "detail")] public static string Detail(int pk) => "";
            }
            """, """Console.WriteLine(Url.Reverse("polls:detial", 1));""",
            "MICRO0081", "\"polls:detial\"",
            "No route is named 'polls:detial', so reversing it throws NoReverseMatchException; did you mean 'polls:detail'?"),

        // MICRO0082
        new("too few values", """[Route("blog/<int:year>/<slug:slug>/", Name = "post")] public static string Post(int year, string slug) => "";""", "",
            """Console.WriteLine(Url.Reverse("post", 2024));""",
            "MICRO0082", """Url.Reverse("post", 2024)""",
            "Reversing route 'post' throws NoReverseMatchException: it takes 2 values (year, slug), and 1 value is given"),
        new("values for a route without any", "", "", """Console.WriteLine(Url.Reverse("home", 1));""",
            "MICRO0082", """Url.Reverse("home", 1)""",
            "Reversing route 'home' throws NoReverseMatchException: it takes 0 values, and 1 value is given"),
        new("a value its converter refuses", """[Route("blog/<int:year>/", Name = "archive")] public static string Archive(int year) => "";""", "",
            """Console.WriteLine(Url.Reverse("archive", "latest"));""",
            "MICRO0082", "\"latest\"",
            "Reversing route 'archive' throws NoReverseMatchException: 'latest' is not a valid value for 'year' (it must match [0-9]+)"),
        new("a value its regex group refuses", """[Route(@"^y/(?P<year>[0-9]{4})/$", Regex = true, Name = "year")] public static string Year(int year) => "";""", "",
            """Console.WriteLine(Url.Reverse("year", 24));""",
            "MICRO0082", "24",
            "Reversing route 'year' throws NoReverseMatchException: '24' is not a valid value for 'year' (it must match [0-9]{4})"),
        new("a regex that can't be reversed", """[Route(@"^w/(?:rss|atom)/$", Regex = true, Name = "weird")] public static string Weird() => "";""", "",
            """Console.WriteLine(Url.Reverse("weird"));""",
            "MICRO0082", "\"weird\"",
            "Reversing route 'weird' throws NoReverseMatchException: its pattern is a regular expression that can't be reversed (an alternation '|', or a construct such as '(?i)'), as in Django"),
        new("too many values for an optional group", """[Route(@"^w(?P<x>[0-9]+)?/$", Regex = true, Name = "weird")] public static string Weird(string? x) => "";""", "",
            """Console.WriteLine(Url.Reverse("weird", 1, 2));""",
            "MICRO0082", "Url.Reverse(\"weird\", 1, 2)",
            "Reversing route 'weird' throws NoReverseMatchException: it takes 0 values or 1 value, and 2 values are given"),
        new("too few values for a namespaced route", "", """
            [RouteGroup("polls", AppName = "polls")]
            public static class Polls
            {
                [Route("<int:pk>/", Name = "detail")] public static string Detail(int pk) => "";
            }
            """, """Console.WriteLine(Url.Reverse("polls:detail"));""",
            "MICRO0082", """Url.Reverse("polls:detail")""",
            "Reversing route 'polls:detail' throws NoReverseMatchException: it takes 1 value (pk), and 0 values are given"),

        // MICRO0083
        new("form field on a GET route", """[Route("contact/")] public static string Contact([FromForm] string email) => email;""", "", "",
            "MICRO0083", "email",
            "Parameter 'email' reads the request body, but Site.Contact answers only GET and HEAD, whose requests have no body; answer POST with [Route(..., Methods = \"POST\")]"),
        new("JSON body on an explicit GET route", """[Route("notes/", Methods = "GET")] public static string Save([FromBody] Note note) => "";""", "public sealed record Note(string Title);", "",
            "MICRO0083", "note",
            "Parameter 'note' reads the request body, but Site.Save answers only GET, whose requests have no body; answer POST with [Route(..., Methods = \"POST\")]"),
        new("uploaded file in a view's Get", "", """
            [Route("upload/")]
            public static class UploadView
            {
                public static string Get(IFormFile file) => file.FileName;
            }
            """, "",
            "MICRO0083", "file",
            "Parameter 'file' reads the request body, but UploadView.Get answers only GET, whose requests have no body; read it in a Post method"),

        // MICRO0084
        new("Methods on a class-based view", "", """
            [Route("articles/<int:id>/", Methods = "GET, POST")]
            public static class ArticleView
            {
                public static string Get(int id) => "";
            }
            """, "",
            "MICRO0084", "Methods = \"GET, POST\"",
            "Methods is ignored on class-based view ArticleView, which answers the verbs it has methods for (GET, HEAD, OPTIONS); remove Methods, and add a static Post method to answer POST"),
        new("Methods naming a view's verbs", "", """
            [Route("articles/<int:id>/", Methods = "GET")]
            public static class ArticleView
            {
                public static string Get(int id) => "";
            }
            """, "",
            "MICRO0084", "Methods = \"GET\"",
            "Methods is ignored on class-based view ArticleView, which answers the verbs it has methods for (GET, HEAD, OPTIONS); remove Methods"),

        // MICRO0085
        new("HttpContext in a command", "", """
            public static class Tools
            {
                [Command] public static void Seed(HttpContext context) { }
            }
            """, "",
            "MICRO0085", "context",
            "Parameter 'context' of command Tools.Seed is HttpContext, which exists only while a request is handled, and commands run outside requests; take what it carries as an argument or an option"),
        new("form file in a class-based command", "", """
            [Command]
            public static class ImportCommand
            {
                public static void Run(IFormFile? file) { }
            }
            """, "",
            "MICRO0085", "file",
            "Parameter 'file' of command ImportCommand.Run is IFormFile, which exists only while a request is handled, and commands run outside requests; take what it carries as an argument or an option"),
        new("the session in a command", "", """
            public static class Tools
            {
                [Command] public static void Seed(Session session) { }
            }
            """, "",
            "MICRO0085", "session",
            "Parameter 'session' of command Tools.Seed is Session, which exists only while a request is handled, and commands run outside requests; take what it carries as an argument or an option"),
        new("the current user in a command", "", """
            public static class Tools
            {
                [Command] public static void Seed(CurrentUser user) { }
            }
            """, "",
            "MICRO0085", "user",
            "Parameter 'user' of command Tools.Seed is CurrentUser, which exists only while a request is handled, and commands run outside requests; take what it carries as an argument or an option"),

        // MICRO0086
        new("Option on a route handler", """[Route("search/")] public static string Search([Option] string q) => q;""", "", "",
            "MICRO0086", "Option",
            "[Option] on parameter 'q' has no effect: Site.Search is not a command; remove it"),
        new("FromQuery on a command", "", """
            public static class Tools
            {
                [Command] public static void Seed([FromQuery] int count) { }
            }
            """, "",
            "MICRO0086", "FromQuery",
            "[FromQuery] on parameter 'count' has no effect: Tools.Seed is a command, and commands read no request; remove it"),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MistakeIsReported(Case @case)
    {
        var analysis = MicroAnalysis.Run(TestApp.With(@case.Members, @case.Types, @case.Statements));

        var diagnostic = Assert.Single(analysis.Diagnostics);
        Assert.Equal(@case.Id, diagnostic.Id);
        Assert.Equal(@case.SpanText, analysis.TextUnder(diagnostic));
        Assert.Equal(@case.Message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.EndsWith($"/docs/diagnostics/{@case.Id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Equal(diagnostic.Descriptor.DefaultSeverity, diagnostic.Severity);

        // A rule of the analyzers: what it reports is valid C#, and the generator generated it.
        var errors = analysis.Generator.Output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, Generators.Tests.Infrastructure.GeneratorRun.Format(errors));
    }

    /// <summary>Across files, routes are declared in file path order, as the generator registers them, whatever the order of the compilation's files.</summary>
    [Fact]
    public void DeclarationOrderIsFileByFile()
    {
        var analysis = MicroAnalysis.Run(
            ("Views/Notes.cs", """
                public static class Notes
                {
                    [Route("notes/<uuid:id>/")] public static string Note(Guid id) => "";
                }
                """),
            ("Program.cs", "return MicroApp.Run(args);"),
            ("Views/Blog.cs", """
                public static class Blog
                {
                    [Route("notes/<slug:slug>/")] public static string Post(string slug) => "";
                }
                """));

        Assert.Equal(
            ["MICRO0080: Route(\"notes/<uuid:id>/\"): Route 'notes/<uuid:id>/' never answers GET, HEAD: route 'notes/<slug:slug>/' at Blog.cs(3,6) matches every URL it matches and is tried first, because it is declared earlier and is as specific; change a pattern, the methods or the Order"],
            analysis.Describe());
        Assert.Equal("Views/Notes.cs", Assert.Single(analysis.Diagnostics).Location.GetLineSpan().Path);
    }

    /// <summary>Routes in [RouteGroup] classes are compared by their whole pattern, prefixes included, as the generator builds them.</summary>
    [Fact]
    public void GroupPrefixesArePartOfThePattern()
    {
        var analysis = MicroAnalysis.Run(
            ("Program.cs", """
                return MicroApp.Run(args);

                public static class Pages
                {
                    [Route("posts/")] public static string Posts() => "";
                    [Route("api/posts/")] public static string Shadowing() => "";
                }

                [RouteGroup("api", Tags = new[] { "api" })]
                public static class Api
                {
                    [Route("posts/")] public static string Posts() => "";
                }
                """));

        Assert.Equal(
            ["MICRO0080: Route(\"posts/\"): Route 'api/posts/' never answers GET, HEAD: route 'api/posts/' at Program.cs(6,6) matches every URL it matches and is tried first, because it has the same pattern and is declared earlier; change a pattern, the methods or the Order"],
            analysis.Describe());
    }

    /// <summary>Every analyzer rule has a case above.</summary>
    [Fact]
    public void EveryRuleIsCovered()
    {
        var rules = MicroAnalysis.Analyzers.SelectMany(static a => a.SupportedDiagnostics).Select(static d => d.Id).Order(StringComparer.Ordinal);
        var covered = ((IEnumerable<object[]>)Cases).Select(static c => ((Case)c[0]).Id).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(rules, covered);
    }
}
