using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Routing;

/// <summary>
/// Each diagnostic of the routes pipeline: its ID, its exact message and the exact source text under its
/// span. The invalid route (or handler, or converter) is left out of the generated code, the rest of the
/// app is generated, and the output compiles: the generator emits nothing rather than broken code.
/// </summary>
public sealed class RoutesDiagnosticsTests
{
    /// <summary>One case: members added to <c>static class Site</c> (which has a valid <c>home</c> route) and types after it.</summary>
    public sealed record Case(string Name, string Members, string Types, string Id, string Message, string SpanText)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new(
    [
        // MICRO0001: invalid path() patterns.
        new("leading slash", """[Route("/about/")] public static string Bad() => "";""", "",
            "MICRO0001", """Route pattern '/about/' is invalid: patterns have no leading slash (write "about/")""", """Route("/about/")"""),
        new("unclosed value", """[Route("posts/<int:id/")] public static string Bad(int id) => "";""", "",
            "MICRO0001", "Route pattern 'posts/<int:id/' is invalid: '<' at position 7 is not closed with '>'", """Route("posts/<int:id/")"""),
        new("stray bracket", """[Route("posts/id>/")] public static string Bad() => "";""", "",
            "MICRO0001", "Route pattern 'posts/id>/' is invalid: '>' at position 9 has no matching '<'", """Route("posts/id>/")"""),
        new("value without name", """[Route("posts/<int:>/")] public static string Bad() => "";""", "",
            "MICRO0001", "Route pattern 'posts/<int:>/' is invalid: '<int:>' must name its value with an identifier, as in <int:year>", """Route("posts/<int:>/")"""),
        new("value captured twice", """[Route("<int:id>/<int:id>/")] public static string Bad(int id) => "";""", "",
            "MICRO0001", "Route pattern '<int:id>/<int:id>/' is invalid: the value 'id' is captured twice", """Route("<int:id>/<int:id>/")"""),
        new("query string", """[Route("search/?q=<q>")] public static string Bad(string q) => "";""", "",
            "MICRO0001", "Route pattern 'search/?q=<q>' is invalid: '?' can't be part of a URL path; query strings are bound to parameters", """Route("search/?q=<q>")"""),

        // MICRO0002
        new("unknown converter", """[Route("years/<year4:year>/")] public static string Bad(int year) => "";""", "",
            "MICRO0002", """Route pattern 'years/<year4:year>/' uses the unknown converter 'year4'; use int, str, slug, uuid, path or a class marked [RouteConverter("year4")]""",
            """Route("years/<year4:year>/")"""),

        // MICRO0003
        new("value without parameter", """[Route("posts/<int:id>/")] public static string Bad() => "";""", "",
            "MICRO0003", "Route pattern 'posts/<int:id>/' captures 'id', but Site.Bad has no parameter named 'id'; add one", """Route("posts/<int:id>/")"""),
        new("regex group without parameter", """[Route(@"^posts/(?P<id>[0-9]+)/$", Regex = true)] public static string Bad() => "";""", "",
            "MICRO0003", "Route pattern '^posts/(?P<id>[0-9]+)/$' captures 'id', but Site.Bad has no parameter named 'id'; add one",
            """Route(@"^posts/(?P<id>[0-9]+)/$", Regex = true)"""),

        // MICRO0004
        new("int converter into a date", """[Route("posts/<int:id>/")] public static string Bad(DateTime id) => "";""", "",
            "MICRO0004", "Parameter 'id' of type System.DateTime can't hold values of the 'int' converter; use int, long or string", "id"),
        new("uuid converter into an int", """[Route("notes/<uuid:id>/")] public static string Bad(int id) => "";""", "",
            "MICRO0004", "Parameter 'id' of type int can't hold values of the 'uuid' converter; use Guid or string", "id"),
        new("str converter into a complex type", """[Route("notes/<str:id>/")] public static string Bad(System.Text.StringBuilder id) => "";""", "",
            "MICRO0004", "Parameter 'id' of type System.Text.StringBuilder can't hold values of the 'str' converter; use string or a type with a static TryParse method", "id"),
        new("custom converter into another type", """[Route("years/<yyyy:year>/")] public static string Bad(string year) => "";""", FourDigitYear,
            "MICRO0004", "Parameter 'year' of type string can't hold values of the 'yyyy' converter; use int", """Route("years/<yyyy:year>/")"""),

        // MICRO0005
        new("instance method", "", """
            public class Views
            {
                [Route("bad/")] public string Bad() => "";
            }
            """,
            "MICRO0005", "Views.Bad can't be a handler: it is not static; make it static", """Route("bad/")"""),
        new("private method", """[Route("bad/")] private static string Bad() => "";""", "",
            "MICRO0005", "Site.Bad can't be a handler: it is private or protected; make it public or internal", """Route("bad/")"""),
        new("generic method", """[Route("bad/")] public static string Bad<T>() => "";""", "",
            "MICRO0005", "Site.Bad can't be a handler: it is generic; handlers can't have type parameters", """Route("bad/")"""),
        new("private containing type", "", """
            public static class Outer
            {
                private static class Views
                {
                    [Route("bad/")] public static string Bad() => "";
                }
            }
            """,
            "MICRO0005", "Views.Bad can't be a handler: its containing type Views is private or protected; make it public or internal", """Route("bad/")"""),
        new("generic containing type", "", """
            public static class Views<T>
            {
                [Route("bad/")] public static string Bad() => "";
            }
            """,
            "MICRO0005", "Views.Bad can't be a handler: its containing type Views is generic", """Route("bad/")"""),
        new("generic class-based view", "", """
            [Route("bad/")]
            public static class BadView<T>
            {
                public static string Get() => "";
            }
            """,
            "MICRO0005", "BadView can't be a handler: it is generic; class-based views can't have type parameters", """Route("bad/")"""),
        new("file-local class", "", """
            file static class Views
            {
                [Route("bad/")] public static string Bad() => "";
            }
            """,
            "MICRO0005", "Views.Bad can't be a handler: its containing type Views is file-local, and generated code in another file can't see it; remove 'file'", """Route("bad/")"""),
        new("local function", "", "",
            "MICRO0005", "Program.Bad can't be a handler: it is a local function, and generated code can't call local functions; move it into a static class (static class Views { [Route(...)] public static ... })",
            """Route("bad/")"""),

        // MICRO0006

        // MICRO0007
        new("ref parameter", """[Route("bad/")] public static string Bad(ref int page) => "";""", "",
            "MICRO0007", "Parameter 'page' of Site.Bad can't be bound: ref, out and in parameters can't be bound", "page"),
        new("complex type from the query", """[Route("bad/")] public static string Bad([FromQuery] Site.Filter filter) => "";""", "",
            "MICRO0007", "Parameter 'filter' of Site.Bad can't be bound: Site.Filter can't be read from text; use a string, a number, an enum, a type with a static TryParse method, or an array of them", "filter"),
        new("route attribute without a route value", """[Route("bad/")] public static string Bad([FromRoute] int id) => "";""", "",
            "MICRO0007", "Parameter 'id' of Site.Bad can't be bound: the route has no value named 'id'", "id"),
        new("regex group into a complex type", """[Route(@"^bad/(?P<filter>[a-z]+)/$", Regex = true)] public static string Bad(Site.Filter filter) => "";""", "",
            "MICRO0007", "Parameter 'filter' of Site.Bad can't be bound: a regex group is text; use string or a type with a static TryParse method", "filter"),
        new("keyed service with a non-string key", """[Route("bad/")] public static string Bad([FromKeyedServices(1)] Site.Filter filter) => "";""", "",
            "MICRO0007", "Parameter 'filter' of Site.Bad can't be bound: only string service keys are supported", "filter"),
        new("two bodies", """[Route("bad/", Methods = "POST")] public static string Bad([FromBody] Site.Filter filter, [FromBody] Site.Filter other) => "";""", "",
            "MICRO0007", "Parameter 'other' of Site.Bad can't be bound: a request has one body, and parameter 'filter' reads it already; put both in one type", "other"),
        new("a body and a form", """[Route("bad/", Methods = "POST")] public static string Bad([FromForm] string title, [FromBody] Site.Filter filter) => "";""", "",
            "MICRO0007", "Parameter 'filter' of Site.Bad can't be bound: a request has one body, and parameter 'title' reads it as a form; read every value from the form or from JSON", "filter"),

        new("ref struct parameter", """[Route("bad/")] public static string Bad([FromServices] Span<char> buffer) => "";""", "",
            "MICRO0007", "Parameter 'buffer' of Site.Bad can't be bound: System.Span<char> is a ref struct or a pointer, which generated code can't bind; use a string, an array or a class", "buffer"),

        // MICRO0008
        new("invalid regex", """[Route(@"^bad/(?P<id>[0-9]+/$", Regex = true)] public static string Bad(int id) => "";""", "",
            "MICRO0008", "Route regular expression '^bad/(?P<id>[0-9]+/$' is invalid: Invalid pattern '^bad/(?<id>[0-9]+/$' at offset 19. Not enough )'s.",
            """Route(@"^bad/(?P<id>[0-9]+/$", Regex = true)"""),

        // MICRO0009
        new("class-based view without verbs", "", """
            [Route("bad/")]
            public static class BadView
            {
                public static string Index() => "";
            }
            """,
            "MICRO0009", "Class-based view BadView has no public static Get, Post, Put, Patch or Delete method", """Route("bad/")"""),

        // MICRO0010
        new("converter not deriving from RouteConverter<T>", "", """
            [RouteConverter("bad")]
            public sealed class BadConverter
            {
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: it must derive from RouteConverter<T>", """RouteConverter("bad")"""),
        new("abstract converter", "", """
            [RouteConverter("bad")]
            public abstract class BadConverter : RouteConverter<int>
            {
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: it must be a non-abstract, non-generic class", """RouteConverter("bad")"""),
        new("converter without a parameterless constructor", "", """
            [RouteConverter("bad")]
            public sealed class BadConverter(int length) : RouteConverter<int>
            {
                public override string Regex => $"[0-9]{{{length}}}";
                public override int ToValue(string value) => int.Parse(value);
                public override string ToUrl(int value) => value.ToString();
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: it needs a public parameterless constructor", """RouteConverter("bad")"""),
        new("private converter", "", """
            public static class Converters
            {
                [RouteConverter("bad")]
                private sealed class BadConverter : RouteConverter<int>
                {
                    public override string Regex => "[0-9]+";
                    public override int ToValue(string value) => int.Parse(value);
                    public override string ToUrl(int value) => value.ToString();
                }
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: generated code can't create it; make it and its containing types public or internal, and not file-local", """RouteConverter("bad")"""),
        new("file-local converter", "", """
            [RouteConverter("bad")]
            file sealed class BadConverter : RouteConverter<int>
            {
                public override string Regex => "[0-9]+";
                public override int ToValue(string value) => int.Parse(value);
                public override string ToUrl(int value) => value.ToString();
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: generated code can't create it; make it and its containing types public or internal, and not file-local", """RouteConverter("bad")"""),
        new("converter name that can't be written in a pattern", "", """
            [RouteConverter("four-digits")]
            public sealed class BadConverter : RouteConverter<int>
            {
                public override string Regex => "[0-9]{4}";
                public override int ToValue(string value) => int.Parse(value);
                public override string ToUrl(int value) => value.ToString();
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: 'four-digits' can't be written in a pattern; name it with letters, digits and underscores, as in [RouteConverter(\"yyyy\")]",
            """RouteConverter("four-digits")"""),
        new("converter named as a built-in one", "", """
            [RouteConverter("int")]
            public sealed class BadConverter : RouteConverter<int>
            {
                public override string Regex => "[0-9]+";
                public override int ToValue(string value) => int.Parse(value);
                public override string ToUrl(int value) => value.ToString();
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: 'int' is the name of a built-in converter", """RouteConverter("int")"""),
        new("two converters with one name", "", FourDigitYear + """

            [RouteConverter("yyyy")]
            public sealed class BadConverter : RouteConverter<int>
            {
                public override string Regex => "[0-9]{4}";
                public override int ToValue(string value) => int.Parse(value);
                public override string ToUrl(int value) => value.ToString();
            }
            """,
            "MICRO0010", "Route converter BadConverter is invalid: the name 'yyyy' is also used by FourDigitYear at Program.cs(15,2)", """RouteConverter("yyyy")"""),

        // MICRO0011
        new("two handlers for one status", """
            [ErrorHandler(404)] public static string NotFound() => "not found";
            [ErrorHandler(404)] public static string Bad() => "";
            """, "",
            "MICRO0011", "Status 404 already has an error handler at Program.cs(8,6); keep one", "ErrorHandler(404)"),

        // MICRO0012
        new("unknown HTTP method", """[Route("bad/", Methods = "GET, FETCH")] public static string Bad() => "";""", "",
            "MICRO0012", "'FETCH' is not an HTTP method; use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS", """Route("bad/", Methods = "GET, FETCH")"""),

        // MICRO0014
        new("ref struct return", """[Route("bad/")] public static ReadOnlySpan<byte> Bad() => default;""", "",
            "MICRO0014", "Site.Bad returns System.ReadOnlySpan<byte>: a ref struct can't outlive the call or be serialized; return an array, a string or a record",
            """Route("bad/")"""),
        new("async void", """[Route("bad/")] public static async void Bad() => await Task.Yield();""", "",
            "MICRO0014", "Site.Bad returns async void: the response would be sent before it finishes; return Task", """Route("bad/")"""),
        new("error handler returning a ref struct", """[ErrorHandler(500)] public static Span<char> Bad() => default;""", "",
            "MICRO0014", "Site.Bad returns System.Span<char>: a ref struct can't outlive the call or be serialized; return an array, a string or a record",
            "ErrorHandler(500)"),

        // MICRO0017: a JSON type System.Text.Json refuses drops the routes that read or write it.
        new("two JSON constructors", """[Route("bad/", Methods = "POST")] public static string Bad(BadEvent value) => "";""", """
            public sealed class BadEvent
            {
                [System.Text.Json.Serialization.JsonConstructor] public BadEvent(int id) { }
                [System.Text.Json.Serialization.JsonConstructor] public BadEvent(string name) { }
            }
            """,
            "MICRO0017", "BadEvent can't be read or written as JSON: it has more than one [JsonConstructor]; keep one", "BadEvent"),
        new("two extension data members", """[Route("bad/")] public static BadEvent Bad() => new();""", """
            public sealed class BadEvent
            {
                [System.Text.Json.Serialization.JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? First { get; set; }
                [System.Text.Json.Serialization.JsonExtensionData] public Dictionary<string, object>? Second { get; set; }
            }
            """,
            "MICRO0017", "BadEvent can't be read or written as JSON: it has more than one [JsonExtensionData] member; keep one", "Second"),
        new("extension data of another type", """[Route("bad/")] public static List<BadEvent> Bad() => [];""", """
            public sealed class BadEvent
            {
                [System.Text.Json.Serialization.JsonExtensionData] public Dictionary<string, string>? Extra { get; set; }
            }
            """,
            "MICRO0017",
            "BadEvent can't be read or written as JSON: its [JsonExtensionData] member Extra must be a Dictionary<string, JsonElement>, a Dictionary<string, object> or a JsonObject",
            "Extra"),

        // MICRO0018: a group prefix that can't go before its routes' patterns; its routes are left out.
        new("group prefix with a leading slash", "", """
            [RouteGroup("/api")]
            public static class BadApi
            {
                [Route("items/")] public static string Items() => "";
            }
            """,
            "MICRO0018", "Route group '/api' on BadApi is invalid: a prefix has no leading slash (write \"api\")", "RouteGroup(\"/api\")"),
        new("group prefix with a value", "", """
            [RouteGroup("users/<int:id>")]
            public static class BadApi
            {
                [Route("items/")] public static string Items(int id) => "";
            }
            """,
            "MICRO0018", "Route group 'users/<int:id>' on BadApi is invalid: a prefix is literal text; capture values in each route's pattern", "RouteGroup(\"users/<int:id>\")"),
        new("group prefix with an empty segment", "", """
            [RouteGroup("api//v1")]
            public static class BadApi
            {
                [Route("items/")] public static string Items() => "";
            }
            """,
            "MICRO0018", "Route group 'api//v1' on BadApi is invalid: it has an empty segment ('//')", "RouteGroup(\"api//v1\")"),
        new("group namespace with a colon", "", """
            [RouteGroup("api", Namespace = "a:b")]
            public static class BadApi
            {
                [Route("items/", Name = "items")] public static string Items() => "";
            }
            """,
            "MICRO0018", "Route group 'api' on BadApi is invalid: Namespace \"a:b\" must be a non-empty name without ':' or spaces (':' separates namespaces when reversing)",
            "RouteGroup(\"api\", Namespace = \"a:b\")"),
        new("second mount of a group with an empty app name", "", """
            [RouteGroup("api", AppName = "api")]
            [RouteGroup("api2", AppName = "")]
            public static class BadApi
            {
                [Route("items/", Name = "items")] public static string Items() => "";
            }
            """,
            "MICRO0018", "Route group 'api2' on BadApi is invalid: AppName \"\" must be a non-empty name without ':' or spaces (':' separates namespaces when reversing)",
            "RouteGroup(\"api2\", AppName = \"\")"),

        // MICRO0019: a regex without named groups passes its groups positionally; the handler has too few parameters to take them.
        new("unnamed groups without parameters", """[Route(@"^archive/([0-9]{4})/([0-9]{2})/$", Regex = true)] public static string Bad(HttpContext context, int year) => "";""", "",
            "MICRO0019", "Route pattern '^archive/([0-9]{4})/([0-9]{2})/$' passes 2 unnamed group(s) positionally, but Site.Bad has 1 parameter(s) read from text to take them; add parameters, or name the groups (?P<name>...)",
            """Route(@"^archive/([0-9]{4})/([0-9]{2})/$", Regex = true)"""),

        // MICRO0074 (the forms' rule): an annotation of a JSON body's property that doesn't fit it.
        new("annotation a body can't use", """[Route("bad/", Methods = "POST")] public static string Bad(BadBody body) => "";""", """
            public sealed class BadBody
            {
                [System.ComponentModel.DataAnnotations.Range(1, 5)] public string Count { get; set; } = "";
            }
            """,
            "MICRO0074", "[Range] on BadBody.Count can't be used: [Range(min, max)] needs a number, not string; for dates use [Range(typeof(DateOnly), \"2020-01-01\", \"2030-12-31\")]",
            "System.ComponentModel.DataAnnotations.Range(1, 5)"),
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
    public void InvalidInputIsReportedAndLeftOut(Case @case)
    {
        var run = TestCompilation.Run(App(@case));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(@case.Id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(@case.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(@case.SpanText, run.TextUnder(diagnostic));
        Assert.EndsWith($"/docs/diagnostics/{@case.Id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);

        // The valid route is generated, nothing named Bad is, and what is generated compiles.
        var generated = string.Concat(run.Sources.Select(static s => s.SourceText.ToString()));
        Assert.Contains(" => Site.Home\n", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Bad", generated, StringComparison.Ordinal);
        var problems = run.Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Format(problems));
    }

    /// <summary>
    /// Several routes may share a name, as in Django: one <c>Urls</c> method per signature, reversing at run time with the last declared
    /// that fits. Two names that make one method (<c>places?</c>, <c>places+</c>) are a warning, and neither gets a method.
    /// </summary>
    [Fact]
    public void Shared_names_get_a_method_per_signature_and_colliding_names_none()
    {
        var run = TestCompilation.Run(App(new("names", """
            [Route("a/<int:x>/", Name = "dup")] public static string A(int x) => "";
            [Route("b/<slug:x>/", Name = "dup")] public static string B(string x) => "";
            [Route("c/", Name = "dup")] public static string C() => "";
            [Route("d/<int:y>/", Name = "dup")] public static string D(int y) => "";
            [Route("p1/", Name = "places?")] public static string P1() => "";
            [Route("p2/", Name = "places+")] public static string P2() => "";
            """, "", "", "", "")));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("MICRO0006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("The names 'places+' and 'places?' (at Program.cs(12,6)) would both be Urls.Places, so no typed method is made for them (a namespace keeps its class); reverse them by name, or rename one",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("""Route("p2/", Name = "places+")""", run.TextUnder(diagnostic));

        var urls = run.Source("Micro.Routing.Urls.g.cs");
        Assert.Contains("public static string Dup() =>", urls, StringComparison.Ordinal);
        Assert.Contains("public static string Dup(int y) =>", urls, StringComparison.Ordinal);
        Assert.Contains("public static string Dup(string x) =>", urls, StringComparison.Ordinal);
        Assert.DoesNotContain("Places", urls, StringComparison.Ordinal);
        var routes = run.Source("Micro.Routing.MicroRoutes.g.cs");
        // The routes' names, as fields of their records in the route data.
        Assert.Contains("\\u001fplaces?\\u001f", routes, StringComparison.Ordinal);
        Assert.Contains("\\u001fplaces+\\u001f", routes, StringComparison.Ordinal);
        var problems = run.Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Format(problems));
    }

    /// <summary>
    /// A namespace's class in <c>Urls</c> takes its name: a route named as a namespace (<c>blog</c> beside <c>blog:post</c>) and a
    /// route named as its own namespace (<c>news:news</c>, which would be <c>Urls.News.News</c>) are warned about and reversed by name.
    /// </summary>
    [Fact]
    public void Names_that_collide_with_a_namespace_class_get_no_method()
    {
        var run = TestCompilation.Run(App(new("namespaces", """
            [Route("blog-home/", Name = "blog")] public static string BlogHome() => "";
            """, """
            [RouteGroup("blog", Namespace = "blog")]
            public static class BlogViews
            {
                [Route("<int:pk>/", Name = "post")] public static string Post(int pk) => "";
            }

            [RouteGroup("news", Namespace = "news")]
            public static class NewsViews
            {
                [Route("", Name = "news")] public static string Index() => "";
                [Route("latest/", Name = "latest")] public static string Latest() => "";
            }
            """, "", "", "")));

        Assert.Equal(
            """
            MICRO0006: The names 'blog' and 'blog:post' (at Program.cs(18,6)) would both be Urls.Blog, so no typed method is made for them (a namespace keeps its class); reverse them by name, or rename one
            MICRO0006: The names 'news:news' and 'news' (at Program.cs(24,6)) would both be Urls.News.News, so no typed method is made for them (a namespace keeps its class); reverse them by name, or rename one
            """,
            string.Concat(run.Diagnostics.Select(static d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n")).TrimEnd());
        // Each is reported at the route that loses its method, where the code fix renames it.
        Assert.Equal(["""Route("blog-home/", Name = "blog")""", """Route("", Name = "news")"""], run.Diagnostics.Select(run.TextUnder));
        var urls = run.Source("Micro.Routing.Urls.g.cs");
        Assert.Contains("public static partial class Blog", urls, StringComparison.Ordinal);
        Assert.Contains("public static string Post(int pk) =>", urls, StringComparison.Ordinal);
        Assert.Contains("public static string Latest() =>", urls, StringComparison.Ordinal);
        Assert.DoesNotContain("string Blog(", urls, StringComparison.Ordinal);
        Assert.DoesNotContain("string News(", urls, StringComparison.Ordinal);
        var problems = run.Output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorRun.Format(problems));
    }

    /// <summary>A warning doesn't drop the route: a handler returning object is generated and still warned about.</summary>
    [Fact]
    public void ObjectReturnTypeWarnsAndIsGenerated()
    {
        var run = TestCompilation.Run(App(new("object", """[Route("status/")] public static object Status() => new { ok = true };""", "", "", "", "")));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("MICRO0013", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "Site.Status returns object, so its JSON depends on the value's run-time type, which a native binary can't serialize without metadata; declare the record or class it returns",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("""Route("status/")""", run.TextUnder(diagnostic));
        Assert.EndsWith("/docs/diagnostics/MICRO0013.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Contains(" => Site.Status\n", string.Concat(run.Sources.Select(static s => s.SourceText.ToString())), StringComparison.Ordinal);
    }

    /// <summary>Every route diagnostic (MICRO0001-0019) has a case above (errors) or a test of its own (warnings; JSON's in JsonDiagnosticsTests).</summary>
    [Fact]
    public void EveryDiagnosticIsCovered()
    {
        string[] warnings = ["MICRO0006", "MICRO0013", "MICRO0015", "MICRO0016"];
        var declared = typeof(Micro.Generators.Diagnostics.DiagnosticIds)
            .GetFields().Select(static f => (string)f.GetValue(null)!)
            .Where(static id => string.CompareOrdinal(id, "MICRO0020") < 0)
            .Order(StringComparer.Ordinal);
        var covered = ((IEnumerable<object[]>)Cases).Select(static c => ((Case)c[0]).Id).Where(static id => string.CompareOrdinal(id, "MICRO0020") < 0).Concat(warnings).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(declared, covered);
    }

    /// <summary>Errors in several routes are all reported, each once, in a stable order.</summary>
    [Fact]
    public void EveryInvalidRouteIsReported()
    {
        var run = TestCompilation.Run(App(new("several", """
            [Route("/a/")] public static string BadA() => "";
            [Route("b/<int:id>/")] public static string BadB() => "";
            [Route("c/<nope:id>/")] public static string BadC(int id) => "";
            """, "", "", "", "")));

        Assert.Equal(
            [
                "MICRO0001 Route(\"/a/\")",
                "MICRO0003 Route(\"b/<int:id>/\")",
                "MICRO0002 Route(\"c/<nope:id>/\")",
            ],
            run.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start).Select(d => $"{d.Id} {run.TextUnder(d)}"));
    }

    private static string App(Case @case) => @case.Name == "local function"
        ? """
            Console.WriteLine(Bad());
            return MicroApp.Run(args);

            [Route("bad/")] static string Bad() => "";

            public static class Site
            {
                [Route("", Name = "home")]
                public static string Home() => "home";
            }
            """
        : $$"""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("", Name = "home")]
                public static string Home() => "home";

            {{Indent(@case.Members)}}

                public sealed class Filter
                {
                }
            }

            {{@case.Types}}
            """;

    private static string Indent(string members) =>
        string.Join("\n", members.Split('\n').Select(static line => line.Length == 0 ? line : "    " + line));
}
