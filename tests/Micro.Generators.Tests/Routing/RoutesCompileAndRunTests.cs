using Micro.Generators.Tests.Infrastructure;
using Micro.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Generators.Tests.Routing;

/// <summary>
/// The generated code compiled with the app, loaded into a collectible context and run: the URL table
/// its module initializer registers, the typed <c>Urls</c> methods, and its request delegates.
/// </summary>
public sealed class RoutesCompileAndRunTests
{
    public static TheoryData<string> Apps => new()
    {
        nameof(RouteApps.Converters),
        nameof(RouteApps.RegexRoutes),
        nameof(RouteApps.ClassBasedViews),
        nameof(RouteApps.BindingSources),
        nameof(RouteApps.ReturnKinds),
        nameof(RouteApps.ErrorHandlers),
        nameof(RouteApps.NamedRoutes),
        nameof(RouteApps.EndpointMetadata),
    };

    [Theory]
    [MemberData(nameof(Apps))]
    public void EveryAppRegistersOneDefinitionPerRoute(string app)
    {
        var source = (string)typeof(RouteApps).GetField(app)!.GetValue(null)!;
        var run = TestCompilation.Run(source).AssertCompilesCleanly();
        using var loaded = LoadedApp.Load(run.Output);

        var routeAttributes = CountOccurrences(source, "[Route(");
        var errorHandlerAttributes = CountOccurrences(source, "[ErrorHandler(");
        Assert.Equal(routeAttributes, loaded.Manifest.Routes.Routes.Count);
        Assert.Equal(errorHandlerAttributes, loaded.Manifest.Routes.ErrorHandlers.Count);
    }

    /// <summary>The sample app, the project's showcase, compiles cleanly with its generated code and registers every route.</summary>
    [Fact]
    public void SampleAppCompilesAndLoads()
    {
        var path = Path.GetFullPath(Path.Combine(Snapshot.ProjectDirectory, "..", "..", "sample-app", "Program.cs"));
        var source = File.ReadAllText(path);
        var run = TestCompilation.Run(source).AssertCompilesCleanly();
        using var app = LoadedApp.Load(run.Output);

        // Each [Route] once (its source is where it is declared), and once more for each further mount of its group: the help pages
        // are mounted at help/ and support/.
        Assert.Equal(CountOccurrences(source, "[Route("), app.Manifest.Routes.Routes.Select(static r => r.Source).Distinct().Count());
        Assert.Equal(
            ["help/", "help/<slug:topic>/", "support/", "support/<slug:topic>/"],
            app.Manifest.Routes.Routes.Where(static r => r.AppName == "help").Select(static r => r.Pattern).Order(StringComparer.Ordinal));
        Assert.Equal(app.Manifest.Routes.Routes.Count, app.Manifest.Routes.Routes.Select(static r => r.Source).Distinct().Count() + 2);
        Assert.Equal(CountOccurrences(source, "[ErrorHandler("), app.Manifest.Routes.ErrorHandlers.Count);
        Assert.Equal("/", Url(app, "Home"));
    }

    [Fact]
    public void ManifestDescribesEachRoute()
    {
        using var app = Load(RouteApps.NamedRoutes);

        var routes = app.Manifest.Routes.Routes
            .Select(static r => $"{r.Pattern} | {r.Name} | {string.Join(",", r.Methods)} | {r.Handler} | {r.Source} | regex={r.IsRegex} | reversible={r.Parts is not null || r.Reversals is not null} | order={r.Order}")
            .ToList();

        Assert.Equal(
            [
                " | home | GET,HEAD | Site.Home | Program.cs(7,6) | regex=False | reversible=True | order=0",
                "index/ | index | GET,HEAD | Site.Home | Program.cs(8,6) | regex=False | reversible=True | order=0",
                "blog/<int:year>/ | year_archive | GET,HEAD | Site.YearArchive | Program.cs(11,6) | regex=False | reversible=True | order=0",
                "blog/<int:year>/<slug:slug>/ | post-detail | GET,HEAD | Site.PostDetail | Program.cs(14,6) | regex=False | reversible=True | order=0",
                "files/<path:file> | file | GET,HEAD | Site.File | Program.cs(17,6) | regex=False | reversible=True | order=0",
                "users/<uuid:id>/ | user.profile | GET,HEAD | Site.User | Program.cs(20,6) | regex=False | reversible=True | order=0",
                "^archive/(?P<year>[0-9]{4})/$ | regex_archive | GET,HEAD | Site.RegexArchive | Program.cs(23,6) | regex=True | reversible=True | order=0",
                "^(?P<slug>[a-z]+)/(?:print|pdf)/$ | not_reversible | GET,HEAD | Site.NotReversible | Program.cs(26,6) | regex=True | reversible=False | order=0",
                "years/<yyyy:year>/ | year | GET,HEAD | Site.Year | Program.cs(29,6) | regex=False | reversible=True | order=0",
                "unnamed/ |  | GET,HEAD | Site.Unnamed | Program.cs(32,6) | regex=False | reversible=True | order=0",
                "articles/<int:id>/ | article | GET,HEAD,POST,OPTIONS | ArticleView | Program.cs(36,2) | regex=False | reversible=True | order=0",
            ],
            routes);

        var regexRoute = app.Manifest.Routes.FindByName("regex_archive")!;
        Assert.Equal("^archive/(?<year>[0-9]{4})/$", regexRoute.Regex);
        Assert.Null(regexRoute.Parts);
        Assert.Equal(["archive/", "(year:[0-9]{4})", "/"], Assert.Single(regexRoute.Reversals!).Select(Describe));

        var custom = app.Manifest.Routes.FindByName("year")!;
        Assert.Equal(["years/", "(year:[0-9]{4})", "/"], custom.Parts!.Select(Describe));
        Assert.Equal("FourDigitYear", custom.Parts![1].Converter!.GetType().Name);
    }

    /// <summary>The generated route data separates its fields with control characters; a pattern holding them reads back whole.</summary>
    [Fact]
    public void PatternsWithTheRouteDatasOwnCharactersReadBackWhole()
    {
        using var app = Load("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("a\u001fb\u001e<int:n>\u001d\u001b1\u0000/", Name = "odd\u001fname")]
                public static string Odd(int n) => "odd";

                [Route("next/", Name = "next")]
                public static string Next() => "next";

                [Route("café/日本/😀/<slug:s>/", Name = "unicode")]
                public static string Unicode(string s) => s;
            }
            """);

        // Ordinal: xunit's default comparison of string sequences doesn't tell these control characters apart.
        var routes = app.Manifest.Routes.Routes;
        Assert.Equal(["a\u001fb\u001e<int:n>\u001d\u001b1\0/", "next/", "café/日本/😀/<slug:s>/"], routes.Select(static r => r.Pattern), StringComparer.Ordinal);
        Assert.Equal(["odd\u001fname", "next", "unicode"], routes.Select(static r => r.Name), StringComparer.Ordinal);
        Assert.Equal(["a\u001fb\u001e", "(n:[0-9]+)", "\u001d\u001b1\0/"], routes[0].Parts!.Select(Describe), StringComparer.Ordinal);
        Assert.Equal(["café/日本/😀/", "(s:[-a-zA-Z0-9_]+)", "/"], routes[2].Parts!.Select(Describe), StringComparer.Ordinal);
    }

    /// <summary>
    /// The route data is UTF-8 (a <c>u8</c> literal); a pattern with a lone surrogate, which UTF-8 can't hold, has the table written
    /// as a string instead, and reads back whole.
    /// </summary>
    [Fact]
    public void A_pattern_that_UTF8_cant_hold_reads_back_whole()
    {
        var utf8 = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("café/", Name = "cafe")]
                public static string Cafe() => "café";
            }
            """).AssertCompilesCleanly();
        Assert.Contains("ReadOnlySpan<byte> Routes =>", utf8.Source("Micro.Routing.MicroRoutes.g.cs"), StringComparison.Ordinal);

        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("lone\uD800/", Name = "lone")]
                public static string Lone() => "lone";

                [Route("café/", Name = "cafe")]
                public static string Cafe() => "café";
            }
            """).AssertCompilesCleanly();
        Assert.Contains("private const string Routes =", run.Source("Micro.Routing.MicroRoutes.g.cs"), StringComparison.Ordinal);
        using var app = LoadedApp.Load(run.Output);
        Assert.Equal(["lone\uD800/", "café/"], app.Manifest.Routes.Routes.Select(static r => r.Pattern), StringComparer.Ordinal);
    }

    [Fact]
    public void UrlsMethodsReverseNamedRoutes()
    {
        using var app = Load(RouteApps.NamedRoutes);
        var id = Guid.Parse("8d3c6f1e-4b7a-4c1d-9e2f-0a1b2c3d4e5f");

        Assert.Equal("/", Url(app, "Home"));
        Assert.Equal("/index/", Url(app, "Index"));
        Assert.Equal("/blog/2024/", Url(app, "YearArchive", 2024));
        Assert.Equal("/blog/2024/hello-world/", Url(app, "PostDetail", 2024, "hello-world"));
        Assert.Equal("/files/docs/read%20me.txt", Url(app, "File", "docs/read me.txt"));
        Assert.Equal("/users/8d3c6f1e-4b7a-4c1d-9e2f-0a1b2c3d4e5f/", Url(app, "UserProfile", id));
        Assert.Equal("/archive/1999/", Url(app, "RegexArchive", 1999));
        Assert.Equal("/years/0007/", Url(app, "Year", 7));
        Assert.Equal("/articles/5/", Url(app, "Article", 5));

        // A value its converter doesn't match can't make a URL.
        var error = Assert.Throws<NoReverseMatchException>(() => Url(app, "YearArchive", -1));
        Assert.Contains("'-1' is not a valid value for 'year'", error.Message, StringComparison.Ordinal);

        // The typed methods are the only way in: one per named route, with the route's values as parameters.
        var urls = app.Assembly.GetType("Micro.Urls", throwOnError: true)!;
        var methods = urls.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(static m => !m.IsDefined(typeof(ObsoleteAttribute), inherit: false))
            .Select(static m => $"{m.Name}({string.Join(", ", m.GetParameters().Select(static p => $"{p.ParameterType.Name} {p.Name}"))})")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "Article(Int32 id)",
                "File(String file)",
                "Home()",
                "Index()",
                "PostDetail(Int32 year, String slug)",
                "RegexArchive(Int32 year)",
                "UserProfile(Guid id)",
                "Year(Int32 year)",
                "YearArchive(Int32 year)",
            ],
            methods);

        // A named route that can't be reversed has a method whose use is a compile error that says why.
        var obsolete = (ObsoleteAttribute)urls.GetMethod("NotReversible")!.GetCustomAttributes(typeof(ObsoleteAttribute), inherit: false).Single();
        Assert.True(obsolete.IsError);
        Assert.Equal(
            "The route 'not_reversible' (^(?P<slug>[a-z]+)/(?:print|pdf)/$) is a regular expression that can't be reversed (an alternation '|', or a construct such as '(?i)'), as in Django.",
            obsolete.Message);
        var use = TestCompilation.Run(RouteApps.NamedRoutes.Replace("=> slug;", "=> slug + Urls.NotReversible();", StringComparison.Ordinal));
        var useError = Assert.Single(use.Output.GetDiagnostics(), static d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("CS0619", useError.Id);
    }

    [Fact]
    public async Task RouteValuesAreConverted()
    {
        using var app = Load(RouteApps.Converters);
        var services = TestRequest.Services();

        Assert.Equal("post 42", (await Send(app, "post", services, ("id", "42"))).Body);
        Assert.Equal("big 9000000000", (await Send(app, "big", services, ("number", "9000000000"))).Body);
        Assert.Equal("note 8d3c6f1e-4b7a-4c1d-9e2f-0a1b2c3d4e5f", (await Send(app, "note", services, ("id", "8d3c6f1e-4b7a-4c1d-9e2f-0a1b2c3d4e5f"))).Body);
        Assert.Equal("file a/b/c.txt", (await Send(app, "file", services, ("file", "a/b/c.txt"))).Body);
        Assert.Equal("archive 7-12", (await Send(app, "archive", services, ("year", "0007"), ("month", "12"))).Body);

        // A value the parameter's type can't hold names nothing: 404, as in Django.
        Assert.Equal(404, (await Send(app, "post", services, ("id", "99999999999"))).StatusCode);
        Assert.Equal(404, (await Send(app, "archive", services, ("year", "20x4"), ("month", "1"))).StatusCode);
    }

    [Fact]
    public async Task ParametersAreBoundFromEverySource()
    {
        var run = TestCompilation.Run(RouteApps.BindingSources.Replace(
            "$\"{id} {q} {page}\"",
            "$\"id={id} q={q} tags={string.Join('+', tag)} ratings={string.Join('+', rating)} limit={limit} note={note} since={since:yyyy-MM-dd} " +
            "request={requestId} version={version} same={sameId} clock={clock.Now:yyyy} greet={greeter.Greet(q)} path={context.Request.Path} " +
            "cancel={cancellationToken.CanBeCanceled} sort={sort} page={page} greeting={greeting} verbose={verbose} scale={scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"",
            StringComparison.Ordinal));
        using var app = LoadedApp.Load(run.AssertCompilesCleanly().Output);
        var clockType = app.Assembly.GetType("IClock", throwOnError: true)!;
        var services = TestRequest.Services(services =>
        {
            services.AddSingleton(clockType, app.Assembly.GetType("FixedClock", throwOnError: true)!);
            services.AddSingleton(app.Assembly.GetType("Greeter", throwOnError: true)!);
        });
        var show = app.Manifest.Routes.Routes[0].CreateRequestDelegate;
        var id = new Dictionary<string, string> { ["id"] = "7" };

        var full = await TestRequest.SendAsync(show, services, query: "?q=ada&tag=a&tag=b&rating=4&rating=5&limit=3&note=hi&from=2024-02-29&sort=OLDEST&page=2&greeting=Yo&verbose=true&scale=2.5",
            routeValues: id, configure: request =>
            {
                request.Path = "/items/7/";
                request.Headers["X-Request-Id"] = "r1";
                request.Headers["version"] = "3";
            });
        Assert.Equal(200, full.StatusCode);
        Assert.Equal(
            "id=7 q=ada tags=a+b ratings=4+5 limit=3 note=hi since=2024-02-29 request=r1 version=3 same=7 clock=2001 greet=Hello, ada! path=/items/7/ " +
            "cancel=False sort=Oldest page=2 greeting=Yo verbose=True scale=2.5",
            full.Body);

        var defaults = await TestRequest.SendAsync(show, services, query: "?q=ada", routeValues: id, configure: static r => r.Headers["version"] = "1");
        Assert.Equal(
            "id=7 q=ada tags= ratings= limit= note= since= request= version=1 same=7 clock=2001 greet=Hello, ada! path= " +
            "cancel=False sort=Newest page=1 greeting=Hi verbose=False scale=1.5",
            defaults.Body);

        // Bad input is a 400 that names the parameter, never a 500.
        var missing = await TestRequest.SendAsync(show, services, routeValues: id, configure: static r => r.Headers["version"] = "1");
        Assert.Equal((400, "The query string parameter 'q' is required (text)."), (missing.StatusCode, missing.Body));
        var invalid = await TestRequest.SendAsync(show, services, query: "?q=a&rating=4&rating=five", routeValues: id, configure: static r => r.Headers["version"] = "1");
        Assert.Equal((400, "The query string parameter 'rating' must be an integer; 'five' is not."), (invalid.StatusCode, invalid.Body));
        var badEnum = await TestRequest.SendAsync(show, services, query: "?q=a&sort=sideways", routeValues: id, configure: static r => r.Headers["version"] = "1");
        Assert.Equal((400, "The query string parameter 'sort' must be one of Newest, Oldest; 'sideways' is not."), (badEnum.StatusCode, badEnum.Body));
        var noHeader = await TestRequest.SendAsync(show, services, query: "?q=a", routeValues: id);
        Assert.Equal((400, "The header parameter 'version' is required (an integer)."), (noHeader.StatusCode, noHeader.Body));
    }

    [Fact]
    public async Task FormsFilesAndBodiesAreRead()
    {
        using var app = Load(RouteApps.BindingSources.Replace(
            "Results.Ok(item)", "Results.Text(item is null ? $\"{id}: none\" : $\"{id}: {item.Title} x{item.Quantity}\")", StringComparison.Ordinal)
            .Replace("$\"{title} {file.FileName}\"", "$\"{title} [{string.Join(',', tags)}] {file.FileName} {thumbnail?.FileName ?? \"-\"} {count}\"", StringComparison.Ordinal));
        var services = TestRequest.Services(services => services.AddSingleton(app.Assembly.GetType("Greeter", throwOnError: true)!));
        var routes = app.Manifest.Routes.Routes;
        var replace = routes.Single(static r => r.Handler == "Api.Replace").CreateRequestDelegate;
        var upload = routes.Single(static r => r.Handler == "Api.Upload").CreateRequestDelegate;
        var create = routes.Single(static r => r.Handler == "Api.Create").CreateRequestDelegate;
        var id = new Dictionary<string, string> { ["id"] = "3" };

        var replaced = await TestRequest.SendAsync(replace, services, "PUT", routeValues: id, configure: TestRequest.Json("""{"title":"Pen","quantity":2}"""));
        Assert.Equal((200, "3: Pen x2"), (replaced.StatusCode, replaced.Body));
        var optional = await TestRequest.SendAsync(replace, services, "PUT", routeValues: id);
        Assert.Equal((200, "3: none"), (optional.StatusCode, optional.Body));
        var notJson = await TestRequest.SendAsync(replace, services, "PUT", routeValues: id, configure: TestRequest.Form("title=Pen"));
        Assert.Equal(415, notJson.StatusCode);
        var malformed = await TestRequest.SendAsync(replace, services, "PUT", routeValues: id, configure: TestRequest.Json("""{"title":"""));
        Assert.Equal(400, malformed.StatusCode);
        using (var problem = System.Text.Json.JsonDocument.Parse(malformed.Body))
        {
            Assert.StartsWith("The JSON body for parameter 'item' is invalid: ", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Without a registered service of its type, an unattributed complex parameter is the JSON body.
        var created = await TestRequest.SendAsync(create, services, "POST", configure: TestRequest.Json("""{"title":"Pen","quantity":2}"""));
        Assert.Equal((201, "/items/1/"), (created.StatusCode, created.Headers.Location.ToString()));
        var noBody = await TestRequest.SendAsync(create, services, "POST");
        Assert.Equal((400, "The body parameter 'item' is required: send it as a JSON request body."), (noBody.StatusCode, noBody.Body));

        var uploaded = await TestRequest.SendAsync(upload, services, "POST", configure: request =>
        {
            var form = new Microsoft.AspNetCore.Http.FormCollection(
                new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["title"] = "Report", ["tag"] = new(["a", "b"]) },
                new Microsoft.AspNetCore.Http.FormFileCollection { FormFile("file", "report.pdf") });
            request.ContentType = "multipart/form-data; boundary=x";
            request.Form = form;
        });
        Assert.Equal((200, "Report [a,b] report.pdf - 1"), (uploaded.StatusCode, uploaded.Body));

        var noFile = await TestRequest.SendAsync(upload, services, "POST", configure: TestRequest.Form("title=Report"));
        Assert.Equal((400, "The form file parameter 'file' is required (an uploaded file)."), (noFile.StatusCode, noFile.Body));
        var notForm = await TestRequest.SendAsync(upload, services, "POST", configure: TestRequest.Json("{}"));
        Assert.Equal(415, notForm.StatusCode);
    }

    [Fact]
    public async Task JsonBodiesAreCheckedAgainstTheirAnnotations()
    {
        using var app = Load(RouteApps.BodyValidation);
        var services = TestRequest.Services();
        var routes = app.Manifest.Routes.Routes;
        var create = routes.Single(static r => r.Handler == "Api.Create").CreateRequestDelegate;
        var order = routes.Single(static r => r.Handler == "Api.Order").CreateRequestDelegate;
        var plain = routes.Single(static r => r.Handler == "Api.Plain").CreateRequestDelegate;

        var valid = await TestRequest.SendAsync(create, services, "POST", configure: TestRequest.Json("""{"title":"Hi","stars":2,"e_mail":"a@example.com"}"""));
        Assert.Equal((200, """{"title":"Hi","stars":2,"e_mail":"a@example.com"}"""), (valid.StatusCode, valid.Body));

        var invalid = await TestRequest.SendAsync(create, services, "POST", configure: TestRequest.Json("""{"title":"","stars":0,"e_mail":"nope"}"""));
        Assert.Equal(400, invalid.StatusCode);
        Assert.Equal(
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"title":["This field is required."],"stars":["Ensure this value is greater than or equal to 1."],"e_mail":["Enter a valid email address."]}}""",
            invalid.Body);

        var nested = await TestRequest.SendAsync(order, services, "PUT", configure: TestRequest.Json(
            """{"customer":" ","shipTo":{"zip":"abc"},"lines":[{"quantity":1},{"quantity":200,"password":"a","confirm":"b"}],"byName":{"x":{"quantity":0}}}"""));
        Assert.Equal(400, nested.StatusCode);
        Assert.Contains(
            """errors":{"customer":["Customer name is needed."],"shipTo.zip":["Enter a valid value."],"lines[1].quantity":["Ensure this value is less than or equal to 100."],"lines[1].confirm":["'Confirm' and 'Password' do not match."]}""",
            nested.Body, StringComparison.Ordinal);

        var noLines = await TestRequest.SendAsync(order, services, "POST", configure: TestRequest.Json("""{"customer":"Ada","lines":[]}"""));
        Assert.Contains("""lines":["Ensure this list has at least 1 item (it has 0)."]""", noLines.Body, StringComparison.Ordinal);

        var none = await TestRequest.SendAsync(order, services, "POST");
        Assert.Equal((200, "none"), (none.StatusCode, none.Body));
        var plainBody = await TestRequest.SendAsync(plain, services, "POST", configure: TestRequest.Json("""{"name":""}"""));
        Assert.Equal(200, plainBody.StatusCode);
    }

    [Fact]
    public async Task ClassBasedViewsDispatchOnTheMethod()
    {
        using var app = Load(RouteApps.ClassBasedViews);
        var services = TestRequest.Services();
        var article = app.Manifest.Routes.FindByName("article")!.CreateRequestDelegate;
        var id = new Dictionary<string, string> { ["id"] = "5" };

        Assert.Equal("article 5", (await TestRequest.SendAsync(article, services, "GET", routeValues: id)).Body);
        Assert.Equal("article 5", (await TestRequest.SendAsync(article, services, "HEAD", routeValues: id)).Body);
        Assert.Equal("renamed 5 to New", (await TestRequest.SendAsync(article, services, "POST", routeValues: id, configure: TestRequest.Form("title=New"))).Body);
        var deleted = await TestRequest.SendAsync(article, services, "DELETE", routeValues: id);
        Assert.Equal((200, ""), (deleted.StatusCode, deleted.Body));
        var options = await TestRequest.SendAsync(article, services, "OPTIONS", routeValues: id);
        Assert.Equal("GET, HEAD, POST, DELETE, OPTIONS", options.Headers.Allow.ToString());
        Assert.Equal(405, (await TestRequest.SendAsync(article, services, "PUT", routeValues: id)).StatusCode);

        var ping = app.Manifest.Routes.Routes.Single(static r => r.Pattern == "ping/").CreateRequestDelegate;
        Assert.Equal("custom options", (await TestRequest.SendAsync(ping, services, "OPTIONS")).Body);
    }

    [Fact]
    public async Task ReturnValuesAreWritten()
    {
        using var app = Load(RouteApps.ReturnKinds);
        var services = TestRequest.Services();

        async Task<TestResponse> Get(string pattern) =>
            await TestRequest.SendAsync(app.Manifest.Routes.Routes.Single(r => r.Pattern == pattern).CreateRequestDelegate, services,
                pattern == "void/" ? "POST" : "GET");

        var text = await Get("text/");
        Assert.Equal(("text", "text/plain; charset=utf-8"), (text.Body, text.Headers.ContentType.ToString()));
        Assert.Equal((200, ""), ((await Get("nullable-text/")).StatusCode, (await Get("nullable-text/")).Body));
        Assert.Equal("""{"x":1,"y":2}""", (await Get("typed-result/")).Body);
        var json = await Get("json/");
        Assert.Equal(("""{"x":1,"y":2}""", "application/json; charset=utf-8"), (json.Body, json.Headers.ContentType.ToString()));
        Assert.Equal("""[{"x":1,"y":2}]""", (await Get("json-list/")).Body);
        Assert.Equal("""{"message":"hi","count":2}""", (await Get("greeting/")).Body);
        Assert.Equal((200, ""), ((await Get("task/")).StatusCode, (await Get("task/")).Body));
        Assert.Equal("text", (await Get("task-text/")).Body);
        Assert.Equal("""{"x":3,"y":4}""", (await Get("task-json/")).Body);
        Assert.Equal(200, (await Get("value-task/")).StatusCode);
        Assert.Equal(204, (await Get("value-task-result/")).StatusCode);
        Assert.Equal(200, (await Get("void/")).StatusCode);
    }

    /// <summary>
    /// Routes that bind the same way share one factory, which takes the handler as a delegate: each route still calls its own
    /// handler, with its own values, and a handler with nullable annotations of its own shares without a warning.
    /// </summary>
    [Fact]
    public async Task Routes_that_bind_the_same_way_share_a_factory_and_call_their_own_handler()
    {
        var run = TestCompilation.Run(RouteApps.SharedFactories).AssertCompilesCleanly();
        var routes = run.Source("Micro.Routing.MicroRoutes.g.cs");

        // int and slug (item, thing, maybe), awaited with a service (first, second), nothing returned (touch, poke); other,
        // long, count and tally keep their own.
        Assert.Equal(3, CountOccurrences(routes, "RequestDelegate CreateShared"));
        Assert.Equal(7, CountOccurrences(routes, "(services, new global::System."));
        using var app = LoadedApp.Load(run.Output);
        var counterType = app.Assembly.GetType("Counter", throwOnError: true)!;
        var services = TestRequest.Services(services => services.AddSingleton(counterType));

        Assert.Equal("item red 7", (await Send(app, "item", services, ("id", "7"), ("tag", "red"))).Body);
        Assert.Equal("thing blue 8", (await Send(app, "thing", services, ("id", "8"), ("tag", "blue"))).Body);
        Assert.Equal("maybe green 9", (await Send(app, "maybe", services, ("id", "9"), ("tag", "green"))).Body);
        Assert.Equal((200, ""), await StatusAndBody(Send(app, "maybe", services, ("id", "9"), ("tag", "none"))));
        Assert.Equal("other gold 10", (await Send(app, "other", services, ("pk", "10"), ("tag", "gold"))).Body);
        Assert.Equal("long grey 9000000000", (await Send(app, "long", services, ("id", "9000000000"), ("tag", "grey"))).Body);
        Assert.Equal(404, (await Send(app, "thing", services, ("id", "9000000000"), ("tag", "grey"))).StatusCode);

        Assert.Equal("first a 1", (await SendTo(app, "first", services, "GET", "?q=a")).Body);
        Assert.Equal("second b 2", (await SendTo(app, "second", services, "GET", "?q=b")).Body);
        Assert.Equal(400, (await SendTo(app, "second", services, "GET", "")).StatusCode);
        Assert.Equal(200, (await SendTo(app, "touch", services, "POST", "")).StatusCode);
        Assert.Equal(200, (await SendTo(app, "poke", services, "POST", "")).StatusCode);
        Assert.Equal("first c 5", (await SendTo(app, "first", services, "GET", "?q=c")).Body);
        Assert.Equal("count 6", (await SendTo(app, "count", services, "GET", "")).Body);
        Assert.Equal("tally 7", (await SendTo(app, "tally", services, "GET", "")).Body);
    }

    private static async Task<(int, string)> StatusAndBody(Task<TestResponse> response)
    {
        var result = await response;
        return (result.StatusCode, result.Body);
    }

    private static Task<TestResponse> SendTo(LoadedApp app, string routeName, IServiceProvider services, string method, string query) =>
        TestRequest.SendAsync(app.Manifest.Routes.FindByName(routeName)!.CreateRequestDelegate, services, method, query);

    [Fact]
    public async Task ErrorHandlersAreRegisteredPerStatus()
    {
        using var app = Load(RouteApps.ErrorHandlers);
        var services = TestRequest.Services();
        var handlers = app.Manifest.Routes.ErrorHandlers;

        Assert.Equal(["401 Site.Denied", "403 Site.Denied", "404 Site.NotFound", "500 Site.ServerError"], handlers.Select(static h => $"{h.StatusCode} {h.Handler}"));

        var notFound = await TestRequest.SendAsync(handlers[2].CreateRequestDelegate, services, configure: static r => r.Path = "/missing/");
        Assert.Equal((404, "Nothing at /missing/"), (notFound.StatusCode, notFound.Body));
        var serverError = await TestRequest.SendAsync(handlers[3].CreateRequestDelegate, services, configure: static r => r.HttpContext.Response.StatusCode = 500);
        Assert.Equal("Sorry (500).", serverError.Body);
        Assert.Equal("denied", (await TestRequest.SendAsync(handlers[0].CreateRequestDelegate, services)).Body);
    }

    /// <summary>Each handler's attributes are its endpoint's metadata, created with their arguments; Micro's own markers are not.</summary>
    [Fact]
    public void HandlerAttributesBecomeEndpointMetadata()
    {
        using var app = Load(RouteApps.EndpointMetadata);
        var routes = app.Manifest.Routes.Routes.ToDictionary(static r => r.Pattern);

        var authorize = Assert.IsAssignableFrom<Microsoft.AspNetCore.Authorization.IAuthorizeData>(Assert.Single(routes["admin/"].Metadata));
        Assert.Equal("editors", authorize.Roles);
        Assert.Equal("Staff", authorize.Policy);

        Assert.IsAssignableFrom<Microsoft.AspNetCore.Authorization.IAllowAnonymous>(Assert.Single(routes["open/"].Metadata));

        var mine = routes["mine/"].Metadata;
        Assert.Equal(2, mine.Count);
        Assert.IsType<LoginRequiredAttribute>(mine[0]);
        dynamic tag = mine[1];
        Assert.Equal("TagAttribute", mine[1].GetType().Name);
        Assert.Equal("mine", (string)tag.Name);
        Assert.Equal(7, (int)tag.Shade);
        Assert.Equal(typeof(List<string>), (Type)tag.Type);
        Assert.Equal([1, 2], (int[])tag.Numbers);
        Assert.Equal(1.5, (double)tag.Weight);
        Assert.Equal('x', (char)tag.Letter);
        Assert.Null((string?)tag.Note);

        var edit = routes["edit/"].Metadata;
        Assert.Equal(["blog.change_post", "blog.view_post"], Assert.IsType<PermissionRequiredAttribute>(edit[0]).Permissions);
        Assert.IsType<StaffRequiredAttribute>(edit[1]);
        Assert.Equal("kept as metadata too", Assert.IsType<System.ComponentModel.DescriptionAttribute>(Assert.Single(routes["plain/"].Metadata)).Description);

        // A class-based view's class attributes are its endpoint's; its [Route] is not metadata.
        var post = routes["posts/<int:id>/"].Metadata;
        Assert.Equal(2, post.Count);
        Assert.IsType<LoginRequiredAttribute>(post[0]);
        Assert.Equal("TagAttribute", post[1].GetType().Name);
        Assert.DoesNotContain(app.Manifest.Routes.Routes.SelectMany(static r => r.Metadata), static m => m is RouteAttribute);
    }

    /// <summary>A verb method's own authorization is checked when that verb is called: the verbs share one endpoint.</summary>
    [Fact]
    public async Task A_class_based_views_verb_checks_its_own_authorization()
    {
        using var app = Load(RouteApps.EndpointMetadata);
        var route = app.Manifest.Routes.Routes.Single(static r => r.Pattern == "posts/<int:id>/");
        var root = TestRequest.Services(static services =>
        {
            services.AddAuthentication(static o => o.DefaultScheme = "Test").AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestAuthHandler>("Test", null);
            services.AddAuthorization();
        });
        var routeValues = new Dictionary<string, string> { ["id"] = "7" };

        // A scope per request, as a server makes: authentication handlers belong to one request.
        IServiceProvider Request() => root.CreateScope().ServiceProvider;

        // GET has no attributes of its own (the class's [LoginRequired] is the endpoint's, for the middleware).
        Assert.Equal("post 7", (await TestRequest.SendAsync(route.CreateRequestDelegate, Request(), "GET", routeValues: routeValues)).Body);

        // POST requires a permission: an anonymous request is challenged, and the handler doesn't run.
        var anonymous = await TestRequest.SendAsync(route.CreateRequestDelegate, Request(), "POST", routeValues: routeValues);
        Assert.Equal(401, anonymous.StatusCode);
        Assert.Equal("", anonymous.Body);

        // DELETE requires the admins role: a user without it is forbidden, one with it gets through.
        var editor = await TestRequest.SendAsync(route.CreateRequestDelegate, Request(), "DELETE", routeValues: routeValues,
            configure: static request => request.HttpContext.User = User("editors"));
        Assert.Equal(403, editor.StatusCode);
        var admin = await TestRequest.SendAsync(route.CreateRequestDelegate, Request(), "DELETE", routeValues: routeValues,
            configure: static request => request.HttpContext.User = User("admins"));
        Assert.Equal(200, admin.StatusCode);
    }

    /// <summary>A signed-in user in <paramref name="role"/>, as the authentication middleware would have set it.</summary>
    private static System.Security.Claims.ClaimsPrincipal User(string role) => new(new System.Security.Claims.ClaimsIdentity(
        [new(System.Security.Claims.ClaimTypes.Name, "tester"), new(System.Security.Claims.ClaimTypes.Role, role)], "Test"));

    /// <summary>A scheme for challenges (401) and forbids (403); it never authenticates by itself.</summary>
    private sealed class TestAuthHandler(
        Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions> options,
        Microsoft.Extensions.Logging.ILoggerFactory logger,
        System.Text.Encodings.Web.UrlEncoder encoder)
        : Microsoft.AspNetCore.Authentication.AuthenticationHandler<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<Microsoft.AspNetCore.Authentication.AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Microsoft.AspNetCore.Authentication.AuthenticateResult.NoResult());
    }

    private static LoadedApp Load(string source) => LoadedApp.Load(TestCompilation.Run(source).AssertCompilesCleanly().Output);

    private static string Url(LoadedApp app, string method, params object?[] values) => (string)app.Call("Micro.Urls", method, values)!;

    private static Task<TestResponse> Send(LoadedApp app, string routeName, IServiceProvider services, params (string Key, string Value)[] routeValues) =>
        TestRequest.SendAsync(app.Manifest.Routes.FindByName(routeName)!.CreateRequestDelegate, services, routeValues: routeValues.ToDictionary(static v => v.Key, static v => v.Value));

    private static string Describe(RoutePart part) => part.IsLiteral ? part.Text! : $"({part.Name}:{part.ValueRegex})";

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private static Microsoft.AspNetCore.Http.IFormFile FormFile(string name, string fileName) =>
        new Microsoft.AspNetCore.Http.FormFile(new MemoryStream([1, 2, 3]), 0, 3, name, fileName);
}
