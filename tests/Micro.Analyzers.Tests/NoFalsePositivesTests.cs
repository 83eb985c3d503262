using System.Reflection;
using Micro.Analyzers.Tests.Infrastructure;
using Micro.Generators.Tests.Infrastructure;

namespace Micro.Analyzers.Tests;

/// <summary>Code that is right, including code close to each mistake, gets no diagnostic at all.</summary>
public sealed class NoFalsePositivesTests
{
    public sealed record Case(string Name, string Members, string Types = "", string Statements = "")
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new(
    [
        // Routes that look alike but each answer something.
        new("a literal segment beats a value", """
            [Route("posts/<slug:slug>/")] public static string Post(string slug) => "";
            [Route("posts/new/")] public static string New() => "";
            """),
        new("a more specific route declared after a general one", """
            [Route("<path:rest>")] public static string Everything(string rest) => "";
            [Route("blog/<int:year>/")] public static string Archive(int year) => "";
            """),
        new("the same pattern for different methods", """
            [Route("notes/")] public static string List() => "";
            [Route("notes/", Methods = "POST")] public static string Create([FromForm] string title) => title;
            """),
        new("a narrower value declared first", """
            [Route("tags/<int:id>/")] public static string ById(int id) => "";
            [Route("tags/<str:tag>/")] public static string ByName(string tag) => "";
            """),
        new("a lower Order on a route that doesn't match everything", """
            [Route("blog/<int:year>/", Order = -1)] public static string Archive(int year) => "";
            [Route("blog/<slug:slug>/")] public static string Post(string slug) => "";
            """),
        new("a trailing slash makes another URL", """
            [Route("about/")] public static string About() => "";
            [Route("about")] public static string AboutWithoutSlash() => "";
            """),
        new("path values can't be empty", """
            [Route("files/<path:file>", Order = -1)] public static string File(string file) => "";
            [Route("files/")] public static string Files() => "";
            """),
        new("a str value can hold what a path value can't", """
            [Route("<path:rest>", Order = -1)] public static string Everything(string rest) => "";
            [Route("<str:name>")] public static string Name(string name) => "";
            """),
        new("a custom converter compared with a built-in one", """
            [Route("years/<str:year>/")] public static string Text(string year) => "";
            [Route("years/<yyyy:year>/")] public static string Year(int year) => "";
            """, FourDigitYear),
        new("different regular expressions", """
            [Route(@"^y/(?P<year>[0-9]{4})/$", Regex = true)] public static string Year(int year) => "";
            [Route(@"^y/(?P<year>[0-9]{2})/$", Regex = true)] public static string ShortYear(int year) => "";
            """),
        new("a class-based view answering other verbs than a function route", """
            [Route("articles/<int:id>/", Methods = "DELETE")] public static string Delete(int id) => "";
            """, """
            [Route("articles/<int:id>/")]
            public static class ArticleView
            {
                public static string Get(int id) => "";
            }
            """),

        // Reversing.
        new("reversing existing routes with fitting values", """
            [Route("blog/<int:year>/<slug:slug>/", Name = "post")] public static string Post(int year, string slug) => "";
            [Route(@"^y/(?P<year>[0-9]{4})/$", Regex = true, Name = "year")] public static string Year(int year) => "";
            """, "", """
            var year = DateTime.Now.Year;
            Console.WriteLine(Url.Reverse("home") + Url.Reverse("post", 2024, "hello-world") + Url.Reverse("post", year, "x"));
            Console.WriteLine(Url.Reverse("year", 2024) + Url.Reverse("post", new Dictionary<string, object?> { ["year"] = 1 }));
            object?[] values = [2024, "hello"];
            Console.WriteLine(Url.Reverse("post", values) + Url.Reverse(Console.ReadLine()!));
            Console.WriteLine(Url.Reverse("login") + Url.Reverse("password_change_done"));   // MapAuth's views
            """),
        new("reversing namespaced routes by instance and by app name", "", """
            [RouteGroup("polls", AppName = "polls")]
            [RouteGroup("author-polls", AppName = "polls", Namespace = "author-polls")]
            public static class Polls
            {
                [Route("<int:pk>/", Name = "detail")] public static string Detail(int pk) => "";

                [RouteGroup("results", Namespace = "results")]
                public static class Results
                {
                    [Route("", Name = "all")] public static string All() => "";
                }
            }
            """, """
            Console.WriteLine(Url.Reverse("polls:detail", 1) + Url.Reverse("author-polls:detail", 2) + Url.Reverse("polls:results:all"));
            Console.WriteLine(Url.Reverse("author-polls:results:all") + Url.Reverse("admin:index") + Url.Reverse("admin:autocomplete"));
            Console.WriteLine(Url.Reverse("admin:inlines_script") + Url.Reverse("admin:autocomplete_script") + Url.Reverse("admin:related_script"));
            """),

        // Bodies.
        new("a form on a route that answers POST", """
            [Route("contact/", Methods = "GET, POST")] public static string Contact([FromForm] string? email) => email ?? "";
            [Route("upload/", Methods = "PUT")] public static string Upload(IFormFile file) => file.FileName;
            [Route("notes/<int:id>/", Methods = "DELETE")] public static string Delete(int id, [FromBody] Note reason) => "";
            """, """
            public sealed record Note(string Title);

            [Route("articles/")]
            public static class ArticleView
            {
                public static string Get() => "";
                public static string Post([FromForm] string title) => title;
            }
            """),

        // Commands.
        new("commands with what they may take", "", """
            public static class Tools
            {
                [Command] public static void Seed(TextWriter output, CancellationToken cancellationToken, [FromServices] IConfiguration configuration, [Option(Short = 'c')] int count = 1) { }
                [Command, Route("export/")] public static string Export([FromQuery] string? format = null) => format ?? "";
            }

            [Command]
            public static class ImportCommand
            {
                public static void Run([Argument] string path, CommandContext context) { }
            }
            """),
        new("a route handler taking HttpContext", """[Route("who/")] public static string Who(HttpContext context, [FromQuery] string? q) => q ?? "";"""),
    ]);

    private const string FourDigitYear = """
        [RouteConverter("yyyy")]
        public sealed class FourDigitYear : RouteConverter<int>
        {
            public override string Regex => "[0-9]{4}";
            public override int ToValue(string value) => int.Parse(value);
            public override string ToUrl(int value) => value.ToString("D4");
        }
        """;

    [Theory]
    [MemberData(nameof(Cases))]
    public void NothingIsReported(Case @case) =>
        MicroAnalysis.Run(TestApp.With(@case.Members, @case.Types, @case.Statements)).AssertClean();

    /// <summary>The sample app uses every routing feature and commands: built with the generator, nothing is reported.</summary>
    [Fact]
    public void SampleAppHasNoDiagnostics()
    {
        var root = typeof(NoFalsePositivesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(static a => a.Key == "RepositoryRoot").Value!;
        var source = File.ReadAllText(Path.Combine(root, "sample-app", "Program.cs"));

        var analysis = MicroAnalysis.Run(source);

        Assert.NotEmpty(analysis.Generator.Sources);
        analysis.AssertClean();
    }

    /// <summary>A mistake the generator reports isn't reported again, in other words, by an analyzer.</summary>
    [Theory]
    [InlineData("MICRO0005", """
        Console.WriteLine(Url.Reverse("home", 1));
        return MicroApp.Run(args);

        [Route("<int:id>/", Name = "home")] static string Home(int id) => "";
        """)]
    [InlineData("MICRO0009", """
        return MicroApp.Run(args);

        [Route("articles/", Methods = "GET")]
        public static class ArticleView
        {
            public static string Index() => "";
        }
        """)]
    [InlineData("MICRO0006", """
        Console.WriteLine(Url.Reverse("Home", 1));
        return MicroApp.Run(args);

        public static class Views
        {
            [Route("", Name = "home")] public static string Home() => "";
            [Route("<int:id>/", Name = "Home")] public static string Other(int id) => "";
        }
        """)]
    public void GeneratorMistakesAreReportedOnce(string id, string source) =>
        Assert.Equal([id], MicroAnalysis.Run(source).Diagnostics.Select(static d => d.Id));

    /// <summary>A library without routes may reverse the names of the app that hosts it.</summary>
    [Fact]
    public void ReversingWithoutRoutesIsLeftAlone()
    {
        var analysis = MicroAnalysis.Run("""
            Console.WriteLine(Url.Reverse("defined_by_the_host", 1, 2));
            """);

        Assert.Empty(analysis.Diagnostics);
    }
}
