namespace Micro.Generators.Tests.Routing;

/// <summary>Test apps for the routes pipeline, each a whole <c>Program.cs</c>.</summary>
internal static class RouteApps
{
    /// <summary>Every built-in converter, a custom <c>[RouteConverter]</c>, and converters bound to other fitting types.</summary>
    public const string Converters = """
        using System.Globalization;

        return MicroApp.Run(args);

        public static class Blog
        {
            [Route("posts/<int:id>/", Name = "post")]
            public static string Post(int id) => $"post {id}";

            [Route("big/<int:number>/", Name = "big")]
            public static string Big(long number) => $"big {number}";

            [Route("tags/<tag>/", Name = "tag")]
            public static string Tag(string tag) => $"tag {tag}";

            [Route("authors/<str:name>/", Name = "author")]
            public static string Author(string name) => $"author {name}";

            [Route("pages/<slug:slug>/", Name = "page")]
            public static string Page(string slug) => $"page {slug}";

            [Route("notes/<uuid:id>/", Name = "note")]
            public static string Note(Guid id) => $"note {id}";

            [Route("raw-notes/<uuid:id>/", Name = "raw_note")]
            public static string RawNote(string id) => $"raw note {id}";

            [Route("files/<path:file>", Name = "file")]
            public static string File(string file) => $"file {file}";

            [Route("archive/<yyyy:year>/<int:month>/", Name = "archive")]
            public static string Archive(int year, int month) => $"archive {year}-{month}";
        }

        /// <summary>Four digits, as Django's documentation's example of register_converter().</summary>
        [RouteConverter("yyyy")]
        public sealed class FourDigitYear : RouteConverter<int>
        {
            public override string Regex => "[0-9]{4}";

            public override int ToValue(string value) => int.Parse(value, CultureInfo.InvariantCulture);

            public override string ToUrl(int value) => value.ToString("D4", CultureInfo.InvariantCulture);
        }
        """;

    /// <summary>
    /// Regex routes, reversed as Django's normalize reads them: named groups, an optional unnamed group (a way without it and one
    /// with it), unnamed groups bound to the handler's parameters in order (the optional one to a parameter with a default),
    /// an escaped literal, and an alternation, which can't be reversed.
    /// </summary>
    public const string RegexRoutes = """
        return MicroApp.Run(args);

        public static class Archive
        {
            [Route(@"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", Regex = true, Name = "month_archive")]
            public static string Month(int year, int month) => $"{year}-{month}";

            [Route(@"^articles/(?P<slug>[-a-z0-9]+)(/comments)?/$", Regex = true, Name = "article")]
            public static string Article(string slug) => slug;

            [Route(@"^about\.html$", Regex = true, Name = "about")]
            public static string About() => "about";

            [Route(@"^pages/([0-9]+)/(?:([a-z]+)/)?$", Regex = true, Name = "page")]
            public static string Page(HttpContext context, int number, string sort = "date") => $"{number} {sort}";

            [Route(@"^feed\.(?:rss|atom)$", Regex = true, Name = "feed")]
            public static string Feed() => "feed";
        }
        """;

    /// <summary>Class-based views: verbs with and without a body, and a view that answers OPTIONS itself.</summary>
    public const string ClassBasedViews = """
        return MicroApp.Run(args);

        [Route("articles/<int:id>/", Name = "article")]
        public static class ArticleView
        {
            public static string Get(int id) => $"article {id}";

            public static IResult Post(int id, [FromForm] string title) => Results.Text($"renamed {id} to {title}");

            public static void Delete(int id)
            {
            }

            // Not a verb: ignored.
            public static string Helper() => "";
        }

        [Route("ping/")]
        public static class PingView
        {
            public static string Get() => "pong";

            public static IResult Options(HttpContext context) => Results.Text("custom options");
        }
        """;

    /// <summary>Every binding source: route, query, header, form, file, body, service, HttpContext, CancellationToken, arrays, defaults, nullable.</summary>
    public const string BindingSources = """
        using System.Security.Claims;

        return MicroApp.Run(args);

        public interface IClock
        {
            DateTime Now { get; }
        }

        public sealed class FixedClock : IClock
        {
            public DateTime Now => new(2001, 1, 1);
        }

        public sealed class Greeter
        {
            public string Greet(string name) => $"Hello, {name}!";
        }

        public sealed record NewItem(string Title, int Quantity);

        public enum Sort
        {
            Newest,
            Oldest,
        }

        public static class Api
        {
            [Route("items/<int:id>/")]
            public static string Show(
                int id,
                string q,
                string[] tag,
                int[] rating,
                int? limit,
                string? note,
                [FromQuery(Name = "from")] DateOnly? since,
                [FromHeader(Name = "X-Request-Id")] string? requestId,
                [FromHeader] int version,
                [FromRoute(Name = "id")] long sameId,
                IClock clock,
                [FromServices] Greeter greeter,
                HttpContext context,
                CancellationToken cancellationToken,
                Sort sort = Sort.Newest,
                int page = 1,
                string greeting = "Hi",
                bool verbose = false,
                double scale = 1.5) =>
                $"{id} {q} {page}";

            [Route("items/", Methods = "POST")]
            public static IResult Create(NewItem item, Greeter greeter) => Results.Created("/items/1/", item);

            [Route("items/<int:id>/", Methods = "PUT, PATCH")]
            public static IResult Replace(int id, [FromBody] NewItem? item) => Results.Ok(item);

            [Route("upload/", Methods = "POST")]
            public static string Upload(
                [FromForm] string title,
                [FromForm(Name = "tag")] string[] tags,
                IFormFile file,
                [FromForm(Name = "thumb")] IFormFile? thumbnail,
                [FromForm] int count = 1) =>
                $"{title} {file.FileName}";

            [Route("raw/", Methods = "POST")]
            public static string Raw(
                IFormCollection form,
                IFormFileCollection files,
                HttpRequest request,
                HttpResponse response,
                ClaimsPrincipal user,
                [FromKeyedServices("utc")] IClock clock,
                [FromKeyedServices("local")] IClock? localClock) =>
                $"{form.Count} {files.Count}";
        }
        """;

    /// <summary>Every return kind: text, IResult, a JSON record, an anonymous object, Task, ValueTask, void.</summary>
    public const string ReturnKinds = """
        using Microsoft.AspNetCore.Http.HttpResults;

        return MicroApp.Run(args);

        public sealed record Point(int X, int Y);
        public sealed record Greeting(string Message, int Count);

        public static class Returns
        {
            [Route("text/")]
            public static string Text() => "text";

            [Route("nullable-text/")]
            public static string? NullableText() => null;

            [Route("result/")]
            public static IResult Result() => Results.Ok();

            [Route("typed-result/")]
            public static Ok<Point> TypedResult() => TypedResults.Ok(new Point(1, 2));

            [Route("json/")]
            public static Point Json() => new(1, 2);

            [Route("json-list/")]
            public static List<Point> JsonList() => [new(1, 2)];

            [Route("greeting/")]
            public static Greeting Hello() => new("hi", 2);

            [Route("task/")]
            public static async Task TaskOnly() => await Task.Yield();

            [Route("task-text/")]
            public static Task<string> TaskText() => Task.FromResult("text");

            [Route("task-json/")]
            public static async Task<Point> TaskJson()
            {
                await Task.Yield();
                return new Point(3, 4);
            }

            [Route("value-task/")]
            public static ValueTask ValueTaskOnly() => ValueTask.CompletedTask;

            [Route("value-task-result/")]
            public static ValueTask<IResult> ValueTaskResult() => ValueTask.FromResult(Results.NoContent());

            [Route("void/", Methods = "POST")]
            public static void Void()
            {
            }
        }
        """;

    /// <summary>
    /// Routes that bind the same way, to share a factory: three with an int and a slug (one with nullable annotations of its
    /// own), two awaited ones taking a query value and a service, two that return nothing; and routes that must not share:
    /// the same types under another route value name, a long where the others take an int, and two GET routes whose
    /// parameter may be a service (their check names the handler in its message).
    /// </summary>
    public const string SharedFactories = """
        return MicroApp.Run(args);

        public sealed class Counter
        {
            private int _count;

            public int Next() => ++_count;
        }

        public static class Items
        {
            [Route("items/<int:id>/<slug:tag>/", Name = "item")]
            public static string Item(int id, string tag) => $"item {tag} {id}";

            [Route("things/<int:id>/<slug:tag>/", Name = "thing")]
            public static string Thing(int id, string tag) => $"thing {tag} {id}";

        #nullable enable
            [Route("maybe/<int:id>/<slug:tag>/", Name = "maybe")]
            public static string? Maybe(int id, string? tag) => tag == "none" ? null : $"maybe {tag} {id}";
        #nullable restore

            [Route("other/<int:pk>/<slug:tag>/", Name = "other")]
            public static string Other(int pk, string tag) => $"other {tag} {pk}";

            [Route("long/<int:id>/<slug:tag>/", Name = "long")]
            public static string Long(long id, string tag) => $"long {tag} {id}";

            [Route("first/", Name = "first")]
            public static async Task<string> First(string q, [FromServices] Counter counter)
            {
                await Task.Yield();
                return $"first {q} {counter.Next()}";
            }

            [Route("second/", Name = "second")]
            public static async Task<string> Second(string q, [FromServices] Counter counter)
            {
                await Task.Yield();
                return $"second {q} {counter.Next()}";
            }

            [Route("touch/", Name = "touch", Methods = "POST")]
            public static void Touch(Counter counter) => counter.Next();

            [Route("poke/", Name = "poke", Methods = "POST")]
            public static void Poke(Counter counter) => counter.Next();

            [Route("count/", Name = "count")]
            public static string Count(Counter counter) => $"count {counter.Next()}";

            [Route("tally/", Name = "tally")]
            public static string Tally(Counter counter) => $"tally {counter.Next()}";
        }
        """;

    /// <summary>App-wide error handlers, one of them for two statuses.</summary>
    public const string ErrorHandlers = """
        return MicroApp.Run(args);

        public static class Site
        {
            [Route("")]
            public static string Home() => "home";

            [ErrorHandler(404)]
            public static IResult NotFound(HttpContext context) => Results.Text($"Nothing at {context.Request.Path}", statusCode: 404);

            [ErrorHandler(500)]
            public static string ServerError(ErrorInfo error) => $"Sorry ({error.StatusCode}).";

            [ErrorHandler(401)]
            [ErrorHandler(403)]
            public static async Task Denied(HttpContext context, CancellationToken cancellationToken) =>
                await context.Response.WriteAsync("denied", cancellationToken);
        }
        """;

    /// <summary>Named routes of every kind, for the typed <c>Urls</c> methods.</summary>
    public const string NamedRoutes = """
        using System.Globalization;

        return MicroApp.Run(args);

        public static class Site
        {
            [Route("", Name = "home")]
            [Route("index/", Name = "index")]
            public static string Home() => "home";

            [Route("blog/<int:year>/", Name = "year_archive")]
            public static string YearArchive(int year, int page = 1) => $"{year} {page}";

            [Route("blog/<int:year>/<slug:slug>/", Name = "post-detail")]
            public static string PostDetail(int year, string slug) => $"{year} {slug}";

            [Route("files/<path:file>", Name = "file")]
            public static string File(string file) => file;

            [Route("users/<uuid:id>/", Name = "user.profile")]
            public static string User(Guid id) => id.ToString();

            [Route(@"^archive/(?P<year>[0-9]{4})/$", Regex = true, Name = "regex_archive")]
            public static string RegexArchive(int year) => $"{year}";

            [Route(@"^(?P<slug>[a-z]+)/(?:print|pdf)/$", Regex = true, Name = "not_reversible")]
            public static string NotReversible(string slug) => slug;

            [Route("years/<yyyy:year>/", Name = "year")]
            public static string Year(int year) => $"{year}";

            [Route("unnamed/")]
            public static string Unnamed() => "unnamed";
        }

        [Route("articles/<int:id>/", Name = "article")]
        public static class ArticleView
        {
            public static IResult Post(int id) => Results.Ok();

            public static string Get(int id) => $"article {id}";
        }

        [RouteConverter("yyyy")]
        public sealed class FourDigitYear : RouteConverter<int>
        {
            public override string Regex => "[0-9]{4}";

            public override int ToValue(string value) => int.Parse(value, CultureInfo.InvariantCulture);

            public override string ToUrl(int value) => value.ToString("D4", CultureInfo.InvariantCulture);
        }
        """;

    /// <summary>
    /// Attributes of handlers and class-based views that become endpoint metadata: ASP.NET Core's authorization, Micro's, and an
    /// app's own with every kind of argument; a verb method's own authorization; Session and CurrentUser parameters.
    /// </summary>
    public const string EndpointMetadata = """
        using Microsoft.AspNetCore.Authorization;

        return MicroApp.Run(args);

        public enum Shade { Light, Dark = 7 }

        [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
        public sealed class TagAttribute(string name, Shade shade, Type type, params int[] numbers) : Attribute
        {
            public string Name { get; } = name;
            public Shade Shade { get; } = shade;
            public Type Type { get; } = type;
            public int[] Numbers { get; } = numbers;
            public double Weight { get; set; }
            public char Letter { get; set; }
            public string? Note { get; set; }
        }

        public static class Pages
        {
            [Route("admin/", Name = "admin")]
            [Authorize(Roles = "editors", Policy = "Staff")]
            public static string Admin() => "admin";

            [Route("open/")]
            [AllowAnonymous]
            public static string Open(Session session) => session.GetString("theme") ?? "none";

            [Route("mine/")]
            [LoginRequired]
            [Tag("mine", Shade.Dark, typeof(List<string>), 1, 2, Weight = 1.5, Letter = 'x', Note = null)]
            public static string Mine(CurrentUser user) => user.Username;

            [Route("edit/", Methods = "GET, POST")]
            [PermissionRequired("blog.change_post", "blog.view_post")]
            [StaffRequired]
            public static string Edit() => "edit";

            [Route("plain/")]
            [System.ComponentModel.Description("kept as metadata too")]
            public static string Plain() => "plain";
        }

        [Route("posts/<int:id>/", Name = "post")]
        [LoginRequired]
        [Tag("view", Shade.Light, typeof(string))]
        public static class PostView
        {
            public static string Get(int id) => $"post {id}";

            [PermissionRequired("blog.change_post")]
            public static string Post(int id, CurrentUser user) => $"saved {id} by {user.Username}";

            [Authorize(Roles = "admins")]
            public static void Delete(int id)
            {
            }
        }
        """;

    /// <summary>JSON bodies with DataAnnotations, nested objects and lists of objects: checked by generated code.</summary>
    public const string BodyValidation = """
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;

        return MicroApp.Run(args);

        public sealed record NewPost(
            [property: Required, MaxLength(20)] string Title,
            [property: Range(1, 5)] int Stars,
            [property: EmailAddress, JsonPropertyName("e_mail")] string? Contact = null);

        public sealed class NewOrder
        {
            [Required(ErrorMessage = "{0} is needed."), Display(Name = "Customer name")]
            public string Customer { get; set; } = "";

            public Address? ShipTo { get; set; }

            [MinLength(1)]
            public List<OrderLine> Lines { get; set; } = [];

            public Dictionary<string, OrderLine> ByName { get; set; } = [];

            public string? Note { get; set; }
        }

        public sealed class Address
        {
            [RegularExpression("[0-9]{5}")]
            public string? Zip { get; set; }
        }

        public sealed class OrderLine
        {
            [Range(1, 100)]
            public int Quantity { get; set; }

            public string Password { get; set; } = "";

            [Compare(nameof(Password))]
            public string Confirm { get; set; } = "";
        }

        public sealed class Unchecked
        {
            public string Name { get; set; } = "";
        }

        public static class Api
        {
            /// <summary>Creates a post.</summary>
            /// <param name="post">The post to create.</param>
            [Route("posts/", Methods = "POST")]
            public static NewPost Create(NewPost post) => post;

            [Route("orders/", Methods = "POST, PUT")]
            public static string Order([FromBody] NewOrder? order) => order?.Customer ?? "none";

            [Route("plain/", Methods = "POST")]
            public static string Plain(Unchecked value) => value.Name;
        }
        """;

    /// <summary>Routes in [RouteGroup] classes: prefixes (nested), tags, and the group's attributes as every route's metadata.</summary>
    public const string RouteGroups = """
        using Microsoft.AspNetCore.Authorization;

        return MicroApp.Run(args);

        [RouteGroup("api/v1", Tags = new[] { "posts" })]
        [Authorize]
        public static class PostsApi
        {
            [Route("posts/", Name = "posts")]
            public static string List() => "posts";

            [Route("posts/<int:id>/", Name = "post")]
            [AllowAnonymous]
            public static string Show(int id) => $"post {id}";

            [Route(@"^archive/(?P<year>[0-9]{4})/$", Regex = true, Name = "archive")]
            public static string Archive(string year) => year;

            [RouteGroup("comments/", Tags = new[] { "comments" })]
            public static class Comments
            {
                [Route("<int:id>/", Name = "comment")]
                public static string Show(int id) => $"comment {id}";

                [Route("thread/")]
                public static class Thread
                {
                    public static string Get() => "thread";
                }
            }
        }

        public static class Site
        {
            [Route("")]
            public static string Home() => "home";
        }
        """;

    /// <summary>Namespaced groups: an app mounted twice (a default instance and another), and a namespace nested in another.</summary>
    public const string NamespacedGroups = """
        return MicroApp.Run(args);

        [RouteGroup("polls", AppName = "polls")]
        [RouteGroup("author-polls", AppName = "polls", Namespace = "author-polls")]
        public static class Polls
        {
            [Route("", Name = "index")]
            public static string Index() => "index";

            [Route("<int:pk>/", Name = "detail")]
            public static string Detail(int pk) => $"poll {pk}";
        }

        [RouteGroup("outer", Namespace = "outer")]
        public static class Outer
        {
            [RouteGroup("inner", Namespace = "inner")]
            public static class Inner
            {
                [Route("<slug:slug>/", Name = "item")]
                public static string Item(string slug) => slug;
            }
        }

        public static class Site
        {
            [Route("", Name = "home")]
            public static string Home() => "home";
        }
        """;
}
