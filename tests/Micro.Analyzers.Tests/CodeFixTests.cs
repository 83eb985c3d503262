using Micro.Analyzers.Tests.Infrastructure;

namespace Micro.Analyzers.Tests;

/// <summary>
/// Each code fix: the exact text before and after, applied through a workspace as an editor does; the
/// fixed app has no Micro diagnostic left and compiles, generated code included.
/// </summary>
public sealed class CodeFixTests
{
    public sealed record Case(string Name, string Id, string Title, string Before, string After, int Occurrence = 0)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new(
    [
        // MICRO0003 (generator): the missing route value becomes a parameter, typed from its converter.
        new("route value parameter, int", "MICRO0003", "Add parameter 'int year'",
            """
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<int:year>/")]
                public static string Archive(int page = 1) => "";
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<int:year>/")]
                public static string Archive(int year, int page = 1) => "";
            }
            """),
        new("route value parameters, in pattern order", "MICRO0003", "Add parameters 'Guid id', 'string slug'",
            """
            return MicroApp.Run(args);

            public static class Notes
            {
                [Route("notes/<uuid:id>/<int:version>/<slug>/")]
                public static string Note(int version, IConfiguration configuration) => "";
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Notes
            {
                [Route("notes/<uuid:id>/<int:version>/<slug>/")]
                public static string Note(Guid id, int version, string slug, IConfiguration configuration) => "";
            }
            """),
        new("route value parameter of a custom converter", "MICRO0003", "Add parameter 'int year'",
            """
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<yyyy:year>/")]
                public static string Archive() => "";
            }

            [RouteConverter("yyyy")]
            public sealed class FourDigitYear : RouteConverter<int>
            {
                public override string Regex => "[0-9]{4}";
                public override int ToValue(string value) => int.Parse(value);
                public override string ToUrl(int value) => value.ToString("D4");
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<yyyy:year>/")]
                public static string Archive(int year) => "";
            }

            [RouteConverter("yyyy")]
            public sealed class FourDigitYear : RouteConverter<int>
            {
                public override string Regex => "[0-9]{4}";
                public override int ToValue(string value) => int.Parse(value);
                public override string ToUrl(int value) => value.ToString("D4");
            }
            """),
        new("route value parameter of each verb method", "MICRO0003", "Add parameter 'int id'",
            """
            return MicroApp.Run(args);

            [Route("articles/<int:id>/")]
            public static class ArticleView
            {
                public static string Get() => "";

                public static string Post([FromForm] string title) => title;
            }
            """,
            """
            return MicroApp.Run(args);

            [Route("articles/<int:id>/")]
            public static class ArticleView
            {
                public static string Get(int id) => "";

                public static string Post(int id, [FromForm] string title) => title;
            }
            """),

        // MICRO0061 (generator): a model without a key gets the conventional one.
        new("key for a model without one", "MICRO0061", "Add the key 'public int Id { get; set; }'",
            """
            return MicroApp.Run(args);

            [Model]
            public class Tag
            {
                public string Name { get; set; } = "";
            }
            """,
            """
            return MicroApp.Run(args);

            [Model]
            public class Tag
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }
            """),

        // MICRO0004 (generator)
        new("route value type from its converter", "MICRO0004", "Change the type of 'id' to Guid",
            """
            return MicroApp.Run(args);

            public static class Notes
            {
                [Route("notes/<uuid:id>/")]
                public static string Note(int id) => "";
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Notes
            {
                [Route("notes/<uuid:id>/")]
                public static string Note(Guid id) => "";
            }
            """),

        // MICRO0005 and MICRO0023 (generator): handlers generated code can't call.
        new("local function into a new class", "MICRO0005", "Move Home into a new static class Views",
            """
            Console.WriteLine(Home("a"));
            return MicroApp.Run(args);

            /// <summary>The home page.</summary>
            [Route("")]
            static string Home(string name = "World")
            {
                return $"Hello, {name}!";
            }

            public static class Site
            {
                [Route("about/")] public static string About() => "about";
            }
            """,
            """
            Console.WriteLine(Views.Home("a"));
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("about/")] public static string About() => "about";
            }

            public static class Views
            {
                /// <summary>The home page.</summary>
                [Route("")]
                public static string Home(string name = "World")
                {
                    return $"Hello, {name}!";
                }
            }
            """),
        new("local function into the existing class", "MICRO0005", "Move About into static class Views",
            """
            return MicroApp.Run(args);

            [Route("about/")] async Task<string> About() { await Task.Yield(); return "about"; }

            public static class Views
            {
                [Route("")] public static string Home() => "home";
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("")] public static string Home() => "home";

                [Route("about/")] public static async Task<string> About() { await Task.Yield(); return "about"; }
            }
            """),
        new("local command function into a new class", "MICRO0023", "Move Seed into a new static class Commands",
            """
            return MicroApp.Run(args);

            [Command(Help = "Seed the database")]
            static void Seed(TextWriter output, int count = 10) => output.WriteLine(count);
            """,
            """
            return MicroApp.Run(args);

            public static class Commands
            {
                [Command(Help = "Seed the database")]
                public static void Seed(TextWriter output, int count = 10) => output.WriteLine(count);
            }
            """),
        new("instance handler made static", "MICRO0005", "Make Home static",
            """
            return MicroApp.Run(args);

            public class Views
            {
                [Route("")]
                public string Home() => "home";
            }
            """,
            """
            return MicroApp.Run(args);

            public class Views
            {
                [Route("")]
                public static string Home() => "home";
            }
            """),
        new("private handler made public", "MICRO0005", "Make Home public",
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("")]
                static string Home() => "home";

                [Route("about/")] internal static string About() => "about";
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("")]
                public static string Home() => "home";

                [Route("about/")] internal static string About() => "about";
            }
            """),
        new("private containing class made internal", "MICRO0005", "Make Views internal",
            """
            return MicroApp.Run(args);

            public static class Site
            {
                private static class Views
                {
                    [Route("")] public static string Home() => "home";
                }
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Site
            {
                internal static class Views
                {
                    [Route("")] public static string Home() => "home";
                }
            }
            """),
        new("file-local class made visible", "MICRO0023", "Remove 'file' from Tools",
            """
            return MicroApp.Run(args);

            file static class Tools
            {
                [Command] public static void Seed() { }
            }
            """,
            """
            return MicroApp.Run(args);

            static class Tools
            {
                [Command] public static void Seed() { }
            }
            """),
        new("class-based command's Run made static", "MICRO0023", "Make Run static",
            """
            return MicroApp.Run(args);

            [Command]
            public class SeedCommand
            {
                public void Run() { }
            }
            """,
            """
            return MicroApp.Run(args);

            [Command]
            public class SeedCommand
            {
                public static void Run() { }
            }
            """),

        // MICRO0006 (generator)
        new("route names that make one Urls method", "MICRO0006", "Rename the route to 'Home_2'",
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("", Name = "home")] public static string Home() => "home";
                [Route("start/", Name = "Home")] public static string Start() => "start";
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("", Name = "home")] public static string Home() => "home";
                [Route("start/", Name = "Home_2")] public static string Start() => "start";
            }
            """),

        // MICRO0012 (generator)
        new("misspelt HTTP methods", "MICRO0012", "Use POST for PSOT, DELETE for del",
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("notes/", Methods = "GET, PSOT, del")] public static string Notes() => "";
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("notes/", Methods = "GET, POST, DELETE")] public static string Notes() => "";
            }
            """),

        // MICRO0020, MICRO0021, MICRO0024 (generator): command names.
        new("command named as a built-in", "MICRO0020", "Rename the command to 'my-routes'",
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command(Help = "List my routes")] public static void Routes() { }
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command("my-routes", Help = "List my routes")] public static void Routes() { }
            }
            """),
        new("duplicate command name", "MICRO0021", "Rename the command to 'sync-2'",
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command("sync")] public static void One() { }
                [Command("sync")] public static void Two() { }
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command("sync")] public static void One() { }
                [Command("sync-2")] public static void Two() { }
            }
            """),
        new("command name in kebab-case", "MICRO0024", "Rename the command to 'send-emails'",
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command("SendEmails")] public static void Send() { }
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command("send-emails")] public static void Send() { }
            }
            """),

        // MICRO0081
        new("nearest route name", "MICRO0081", "Use route 'year_archive'",
            """
            Console.WriteLine(Url.Reverse("year-archive", 2024));
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<int:year>/", Name = "year_archive")] public static string Archive(int year) => "";
            }
            """,
            """
            Console.WriteLine(Url.Reverse("year_archive", 2024));
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<int:year>/", Name = "year_archive")] public static string Archive(int year) => "";
            }
            """),

        // MICRO0083
        new("form route answers POST", "MICRO0083", "Answer POST (Methods = \"POST\")",
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("contact/", Name = "contact")]
                public static string Contact([FromForm] string email) => email;
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("contact/", Name = "contact", Methods = "POST")]
                public static string Contact([FromForm] string email) => email;
            }
            """),
        new("JSON route answers POST instead of GET", "MICRO0083", "Answer POST (Methods = \"POST\")",
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("notes/", Methods = "GET")]
                public static string Save([FromBody] Note note) => note.Title;
            }

            public sealed record Note(string Title);
            """,
            """
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("notes/", Methods = "POST")]
                public static string Save([FromBody] Note note) => note.Title;
            }

            public sealed record Note(string Title);
            """),

        // MICRO0084
        new("Methods removed from a class-based view", "MICRO0084", "Remove Methods",
            """
            return MicroApp.Run(args);

            [Route("articles/<int:id>/", Name = "article", Methods = "GET")]
            public static class ArticleView
            {
                public static string Get(int id) => "";
            }
            """,
            """
            return MicroApp.Run(args);

            [Route("articles/<int:id>/", Name = "article")]
            public static class ArticleView
            {
                public static string Get(int id) => "";
            }
            """),

        // MICRO0086
        new("ineffective attribute removed", "MICRO0086", "Remove [FromQuery]",
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command] public static void Seed([FromQuery] int count, [FromServices] IConfiguration configuration) { }
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command] public static void Seed(int count, [FromServices] IConfiguration configuration) { }
            }
            """),
        new("ineffective attribute removed from a list", "MICRO0086", "Remove [FromQuery]",
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command] public static void Seed([FromQuery, FromServices] IConfiguration configuration) { }
            }
            """,
            """
            return MicroApp.Run(args);

            public static class Tools
            {
                [Command] public static void Seed([FromServices] IConfiguration configuration) { }
            }
            """),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task FixIsApplied(Case @case)
    {
        var before = MicroAnalysis.Run(@case.Before);
        Assert.Contains(before.Diagnostics, d => d.Id == @case.Id);

        var after = await CodeFixRun.ApplyAsync(@case.Before, @case.Id, @case.Title, @case.Occurrence);

        Assert.Equal(@case.After, after);
        MicroAnalysis.Run(after).AssertClean();
    }

    /// <summary>Every code fix has a case above, for each diagnostic it fixes.</summary>
    [Fact]
    public void EveryFixIsCovered()
    {
        var fixable = MicroAnalysis.CodeFixes.SelectMany(static p => p.FixableDiagnosticIds).Distinct().Order(StringComparer.Ordinal);
        var covered = ((IEnumerable<object[]>)Cases).Select(static c => ((Case)c[0]).Id).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(fixable, covered);
    }
}
