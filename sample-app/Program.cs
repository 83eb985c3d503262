// The Micro sample app: one file, every routing feature, templates, models, a model form and management commands. Serve it with `dotnet run --project sample-app`; `dotnet run --project sample-app -- help` lists its commands.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;
using Micro;
using Micro.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

// Services and middleware are added in code, not settings. `return MicroApp.Run(args);` alone also works.
var builder = MicroApp.CreateBuilder(args);
builder.Services.AddSingleton<NoteStore>();
builder.Services.AddSingleton<ChatRooms>();

// The app's label names its permissions (blog.change_blogpost) and its section of showmigrations; set in code, it is the same
// for the server and for commands run from any folder.
builder.Services.Configure<MicroOptions>(options => options.AppLabel = "blog");
var app = builder.Build();

app.Use(async (context, next) =>
{
    context.Response.Headers["X-Served-By"] = "Micro";
    await next(context);
});

// Any request delegate or ASP.NET Core pipeline branch mounts under a prefix, with the prefix in PathBase.
app.Mount("legacy", context => context.Response.WriteAsync($"legacy app: base={context.Request.PathBase} path={context.Request.Path}"));

// Django's auth views: accounts/login/, accounts/logout/, accounts/password_change/ (templates/registration/ overrides their pages).
app.MapAuth("accounts");

return app.Run();

/// <summary>
/// Live pages: a chat room over a WebSocket (open <c>/chat/lobby/</c> in two tabs) and the server's clock over server-sent
/// events (<c>/clock/</c>).
/// </summary>
public static class Live
{
    [Route("chat/<slug:room>/", Name = "chat")]
    public static TemplateResult ChatPage(string room) => Template.Render("live/chat.html", new { room });

    /// <summary>The room's socket: every JSON message goes to everyone in the room, signed with the user's name.</summary>
    [Route("ws/chat/<slug:room>/", Name = "chat_socket")]
    public static async Task ChatSocket(string room, WebSocketConnection socket, ChatRooms rooms, CurrentUser user)
    {
        var name = user.IsAuthenticated ? user.Username : "guest";
        using var member = rooms.Join(room, socket);
        await rooms.BroadcastAsync(room, new ChatMessage("server", $"{name} joined"));
        while (socket.IsOpen)
        {
            try
            {
                if (await socket.ReceiveJsonAsync<ChatMessage>() is not { } message)
                {
                    break;
                }

                await rooms.BroadcastAsync(room, message with { From = name });
            }
            catch (System.Text.Json.JsonException)
            {
                await socket.SendJsonAsync(new ChatMessage("server", "That wasn't a chat message: send {\"text\": \"...\"}."));
            }
        }
    }

    [Route("clock/", Name = "clock_page")]
    public static TemplateResult ClockPage() => Template.Render("live/clock.html", new { });
}

/// <summary>A chat message: who sent it and what it says.</summary>
public sealed record ChatMessage(string From, string Text);

/// <summary>Who is in each chat room (in this process; several processes would share rooms through Redis).</summary>
public sealed class ChatRooms
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<WebSocketConnection, bool>> _rooms = new();

    /// <summary>Adds the socket to the room until the result is disposed.</summary>
    public IDisposable Join(string room, WebSocketConnection socket)
    {
        var members = _rooms.GetOrAdd(room, static _ => new());
        members[socket] = true;
        return new Leaving(() => members.TryRemove(socket, out _));
    }

    public async Task BroadcastAsync(string room, ChatMessage message)
    {
        if (_rooms.TryGetValue(room, out var members))
        {
            foreach (var member in members.Keys)
            {
                await member.SendJsonAsync(message);
            }
        }
    }

    private sealed class Leaving(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}

/// <summary>One event of the clock stream.</summary>
public sealed record ClockTick(int Number, DateTimeOffset Time);

/// <summary>Function-based views.</summary>
public static class Site
{
    /// <summary>The home page: <c>/?name=Ada</c>. Configuration comes from appsettings.json, the environment and the command line.</summary>
    [Route("", Name = "home")]
    public static string Home(IConfiguration configuration, string name = "World") =>
        $"{configuration["Greeting"] ?? "Hello"}, {name}!";

    /// <summary>A typed route value and an optional query value, answered as JSON.</summary>
    [Route("blog/<int:year>/", Name = "year_archive")]
    public static Archive YearArchive(int year, int page = 1) =>
        new(year, page, year < int.MaxValue ? Urls.YearArchive(year + 1) : null, year is >= 0 and <= 9999 ? Url.Reverse("post_detail", year, "hello-world") : null);

    /// <summary>A custom converter (<c>yyyy</c>) and a slug.</summary>
    [Route("blog/<yyyy:year>/<slug:slug>/", Name = "post_detail")]
    public static IResult PostDetail(int year, string slug) =>
        slug == "missing" ? Results.NotFound() : Results.Content($"<h1>{slug}</h1><p>{year}</p>", "text/html");

    /// <summary>The <c>path</c> converter captures slashes.</summary>
    [Route("files/<path:file>", Name = "file")]
    public static string File(string file) => $"file: {file}";

    /// <summary>A regex route with named groups, as Django's <c>re_path()</c>.</summary>
    [Route(@"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", Regex = true, Name = "month_archive")]
    public static string MonthArchive(int year, int month) =>
        year >= 1 && month is >= 1 and <= 12
            ? new DateOnly(year, month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : throw new NotFoundException($"There is no month {month} of year {year}.");

    /// <summary>Query values (repeated into an array) and a header.</summary>
    [Route("search/", Name = "search")]
    public static SearchResult Search(string q, string[] tag, [FromHeader(Name = "Accept-Language")] string? language, int limit = 10) =>
        new(q, tag, language, limit);

    /// <summary>A JSON body in, a 201 with a Location header out. An API for scripts, so no CSRF token (Django's @csrf_exempt).</summary>
    [CsrfExempt]
    [Route("notes/", Methods = "POST", Name = "create_note")]
    public static Created<Note> CreateNote(NewNote note, NoteStore notes)
    {
        var saved = notes.Add(note);
        return TypedResults.Created(Urls.Note(saved.Id), saved);
    }

    /// <summary>A <c>uuid</c> route value bound to a Guid, an async handler, a service, typed results.</summary>
    [Route("notes/<uuid:id>/", Name = "note")]
    public static async Task<Results<Ok<Note>, NotFound>> Note(Guid id, NoteStore notes, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return notes.Find(id) is { } note ? TypedResults.Ok(note) : TypedResults.NotFound();
    }

    /// <summary>Nested records, lists, dictionaries and enums as JSON, without reflection (also in the native binary).</summary>
    [Route("status/", Name = "status")]
    public static Status Status() =>
        new(Health.Ok, DateTimeOffset.UnixEpoch, [new Link("home", Urls.Home()), new Link("search", Urls.Search())], new() { ["notes"] = 0 });

    /// <summary>
    /// A page cached for a minute, as Django's <c>cache_page</c>: one request counts the posts, the others get its response
    /// from the cache (in Redis when <c>ConnectionStrings:Redis</c> is set, so every process of the site answers the same).
    /// </summary>
    [Route("stats/", Name = "stats")]
    [CachePage(60)]
    public static async Task<string> Stats(Db db) =>
        $"{await db.BlogPosts.CountAsync()} posts, counted at {DateTimeOffset.UtcNow:O} by process {Environment.ProcessId}.";

    /// <summary>Form fields.</summary>
    [Route("contact/", Methods = "POST", Name = "contact")]
    public static string Contact([FromForm] string email, [FromForm] string message) =>
        $"Thanks {email}, we got your {message.Length}-character message.";

    /// <summary>
    /// Server-sent events: the server's clock once a second, as JSON events named "tick", until the client goes away
    /// (in a page: <c>new EventSource("/events/clock/").addEventListener("tick", ...)</c>).
    /// </summary>
    [Route("events/clock/", Name = "clock")]
    public static async IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<ClockTick>> Clock(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            yield return new(new ClockTick(n, DateTimeOffset.UtcNow), "tick") { EventId = n.ToString(CultureInfo.InvariantCulture) };
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>
    /// A WebSocket: a route that takes a <see cref="WebSocketConnection"/> answers WebSocket requests (in a page:
    /// <c>new WebSocket("ws://host/ws/echo/")</c>); it echoes text as "echo: ..." until the client closes.
    /// </summary>
    [Route("ws/echo/", Name = "ws_echo")]
    public static async Task Echo(WebSocketConnection socket)
    {
        while (await socket.ReceiveTextAsync() is { } text)
        {
            await socket.SendTextAsync("echo: " + text);
        }
    }

    /// <summary>A redirect to a named route.</summary>
    [Route("go-home/", Name = "go_home")]
    public static IResult GoHome() => Results.Redirect(Urls.Home());

    /// <summary>Any status code.</summary>
    [Route("teapot/")]
    public static IResult Teapot() => Results.StatusCode(StatusCodes.Status418ImATeapot);

    /// <summary>An unhandled exception: a detailed page in Development, the 500 handler in Production.</summary>
    [Route("boom/")]
    public static string Boom() => throw new InvalidOperationException("Boom!");

    [ErrorHandler(404)]
    public static IResult NotFound(HttpContext context) =>
        Results.Content($"<h1>Nothing at {System.Net.WebUtility.HtmlEncode(context.Request.Path)}</h1><p><a href=\"{Urls.Home()}\">Home</a></p>",
            "text/html", statusCode: StatusCodes.Status404NotFound);

    [ErrorHandler(500)]
    public static string ServerError(ErrorInfo error) => $"Sorry, something broke ({error.StatusCode}).";
}

/// <summary>
/// Pages rendered from templates/ (embedded into the app, checked at build time). Models are anonymous objects or
/// typed records; the generator makes their members readable in templates without reflection.
/// </summary>
public static class Pages
{
    /// <summary>
    /// A list page: an anonymous-object model, a layout, an include, {% url %} links, a custom filter and tag, and 10 notes a page
    /// (<c>?page=2</c>; the page is text, as Django's <c>request.GET.get("page")</c>, so no number a visitor types is an error).
    /// </summary>
    [Route("pages/notes/", Name = "note_list")]
    public static TemplateResult NoteList(NoteStore notes, string? who = null, string? page = null) =>
        Template.Render("notes/list.html", new { title = "Notes", who, page_obj = Paginator.GetPage(notes.All(), page, perPage: 10) });

    /// <summary>A typed model: a record with a list of records. Four digits, as the post links in the page need.</summary>
    [Route("pages/blog/<yyyy:year>/", Name = "blog_archive")]
    public static TemplateResult BlogArchive(int year) =>
        Template.Render("blog/archive.html", new YearPosts(year, [new Post("Hello world", "hello-world", 3), new Post("Templates <3", "templates", 0)]));
}

public sealed record Post(string Title, string Slug, int CommentCount);

public sealed record YearPosts(int Year, List<Post> Posts);

/// <summary>Template filters and tags, as Django's templatetags modules.</summary>
public static class TemplateTags
{
    /// <summary><c>{{ title|remove_spaces }}</c></summary>
    [TemplateTag]
    public static string RemoveSpaces(string value) => value.Replace(" ", "", StringComparison.Ordinal);

    /// <summary><c>{{ title|shout }}</c> or <c>{{ title|shout:"?" }}</c></summary>
    [TemplateTag]
    public static string Shout(string value, string punctuation = "!") => value.ToUpperInvariant() + punctuation;

    /// <summary><c>{% greet "Ada" %}</c>, <c>{% greet name greeting="Hi" %}</c> or <c>{% greet "Ada" as text %}</c></summary>
    [TemplateTag(Kind = TemplateTagKind.SimpleTag)]
    public static string Greet(string name, string greeting = "Hello") => $"{greeting}, {name}!";
}

/// <summary>A class-based view: one static method per HTTP verb; other verbs get a 405 with an Allow header.</summary>
[Route("articles/<int:id>/", Name = "article")]
public static class ArticleView
{
    public static string Get(int id) => $"Article {id}";

    public static IResult Post(int id, [FromForm] string title) =>
        Results.Text($"Renamed article {id} to {title}");
}

/// <summary>A custom path converter, as Django's <c>register_converter()</c>.</summary>
[RouteConverter("yyyy")]
public sealed class FourDigitYear : RouteConverter<int>
{
    public override string Regex => "[0-9]{4}";

    public override int ToValue(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    public override string ToUrl(int value) => value.ToString("D4", CultureInfo.InvariantCulture);
}

/// <summary>Written as "Ok" rather than 0: System.Text.Json's attributes work as with its own generator.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Health>))]
public enum Health { Ok, Degraded }

public sealed record Link(string Rel, string Href);

public sealed record Status(
    Health Health,
    [property: JsonPropertyName("checked_at")] DateTimeOffset Time,
    List<Link> Links,
    Dictionary<string, int> Counts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Warning = null);

public sealed record Archive(int Year, int Page, string? Next, string? FirstPost);

public sealed record SearchResult(string Query, string[] Tags, string? Language, int Limit);

/// <summary>A JSON body without a title is a 400 that names it.</summary>
public sealed record NewNote([property: JsonRequired] string Title, string Body);

public sealed record Note(Guid Id, string Title, string Body);

/// <summary>An in-memory store, registered as a singleton service.</summary>
public sealed class NoteStore
{
    private readonly ConcurrentDictionary<Guid, Note> _notes = new();

    public Note Add(NewNote note)
    {
        var saved = new Note(Guid.NewGuid(), note.Title, note.Body);
        _notes[saved.Id] = saved;
        return saved;
    }

    public Note? Find(Guid id) => _notes.GetValueOrDefault(id);

    public List<Note> All() => _notes.Values.OrderBy(static note => note.Title, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Management commands: <c>dotnet run -- greet Ada --times 3 --shout</c>, or <c>./sample-app greet Ada</c>
/// for the native binary. <c>dotnet run -- help</c> lists them with the built-in ones.
/// </summary>
public static class Commands
{
    /// <summary>Greet someone, as many times as asked.</summary>
    /// <param name="name">Who to greet.</param>
    /// <param name="output">The command's output (standard output).</param>
    /// <param name="configuration">The app's configuration, a service like any other.</param>
    /// <param name="times">How many greetings.</param>
    /// <param name="shout">Upper-case the greeting.</param>
    /// <param name="punctuation">What ends each greeting.</param>
    [Command]
    public static void Greet(
        [Argument] string name,
        TextWriter output,
        IConfiguration configuration,
        [Option(Short = 't')] int times = 1,
        bool shout = false,
        string punctuation = "!")
    {
        var greeting = $"{configuration["Greeting"] ?? "Hello"}, {name}{punctuation}";
        for (var i = 0; i < times; i++)
        {
            output.WriteLine(shout ? greeting.ToUpperInvariant() : greeting);
        }
    }

    /// <summary>Count down, one number per interval. Ctrl+C stops it cleanly (exit code 130).</summary>
    /// <param name="output">The command's output.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    /// <param name="from">The first number.</param>
    /// <param name="interval">Seconds between numbers.</param>
    [Command]
    public static async Task Countdown(TextWriter output, CancellationToken cancellationToken, int from = 3, double interval = 1.0)
    {
        for (var i = from; i > 0; i--)
        {
            output.WriteLine(i);
            await output.FlushAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(interval), cancellationToken);
        }

        output.WriteLine("Liftoff!");
    }

    /// <summary>Fail on purpose, to show how scripts see failures: exit with a code, or throw.</summary>
    /// <param name="code">The exit code to return.</param>
    /// <param name="raise">Throw an exception instead (exit code 1; add --traceback for the stack trace).</param>
    [Command("fail")]
    public static int Fail(int code = 3, bool raise = false) =>
        raise ? throw new InvalidOperationException("Failing on purpose.") : code;
}

public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>Add notes to the note store. A class-based command: its static Run method handles it.</summary>
[Command(Help = "Add notes, one per title, to the note store.")]
public static class AddNotesCommand
{
    /// <param name="titles">One note per title.</param>
    /// <param name="notes">The note store service.</param>
    /// <param name="priority">How urgent the notes are.</param>
    /// <param name="tag">A tag for every note; repeat the option for several.</param>
    /// <param name="body">The text of every note.</param>
    /// <param name="due">When the notes are due.</param>
    public static string Run(
        [Argument] string[] titles,
        NoteStore notes,
        Priority priority = Priority.Normal,
        string[]? tag = null,
        string? body = null,
        DateOnly? due = null)
    {
        var lines = titles.Select(title =>
        {
            var note = notes.Add(new NewNote(title, body ?? ""));
            var tags = tag is { Length: > 0 } ? " [" + string.Join(", ", tag) + "]" : "";
            var dueText = due is { } date ? $" due {date:yyyy-MM-dd}" : "";
            return $"{note.Id:N}: {title} ({priority}){tags}{dueText}";
        });
        return string.Join(Environment.NewLine, lines);
    }
}

// ---- The blog: models in SQLite (sample-app/app.db), a JSON API, and a command that seeds it. ----
// `dotnet run --project sample-app -- migrate`, then `-- seed`, then browse /api/posts/ (documented at /docs/).

/// <summary>A blog author; <see cref="Posts"/> is the reverse of <see cref="BlogPost.Author"/>, loaded explicitly.</summary>
/// <remarks>The admin's author page edits the author's posts too, one line each (Django's <c>TabularInline</c>).</remarks>
[Model, Admin(ListDisplay = new[] { nameof(Name) }, SearchFields = new[] { nameof(Name) }, Ordering = new[] { nameof(Name) })]
[AdminInline(typeof(BlogPost), Fields = new[] { nameof(BlogPost.Title), nameof(BlogPost.Slug), nameof(BlogPost.Year), nameof(BlogPost.Published) }, Extra = 1)]
public class Author
{
    public int Id { get; set; }

    [System.ComponentModel.DataAnnotations.MaxLength(100)]
    public string Name { get; set; } = "";

    public List<BlogPost> Posts { get; set; } = [];

    /// <summary>How an author shows, in the post form's select of authors too (Django's <c>__str__</c>).</summary>
    public override string ToString() => Name;
}

/// <summary>A blog post, in the table <c>BlogPosts</c>, with a foreign key to its author.</summary>
[Model]
[Admin(
    ListDisplay = new[] { nameof(Title), nameof(Year), nameof(Author), nameof(Published) },
    ListEditable = new[] { nameof(Published) },
    SearchFields = new[] { nameof(Title), nameof(Slug), nameof(Body) },
    ListFilter = new[] { nameof(Published), nameof(Author), nameof(Created) },
    Ordering = new[] { "-" + nameof(Year), nameof(Title) },
    ReadonlyFields = new[] { nameof(Created) },
    DateHierarchy = nameof(Created),
    ListPerPage = 20,
    Display = nameof(Title),
    Actions = new[] { nameof(Publish), nameof(Unpublish) },
    AutocompleteFields = new[] { nameof(Author) })]
[AdminFieldset(Fields = new[] { nameof(Title), nameof(Slug), nameof(Author), nameof(Body) })]
[AdminFieldset("Publishing", Fields = new[] { nameof(Year), nameof(Published), nameof(Created) }, Collapse = true)]
public class BlogPost
{
    public int Id { get; set; }

    [System.ComponentModel.DataAnnotations.MaxLength(200)]
    public string Title { get; set; } = "";

    [Unique, System.ComponentModel.DataAnnotations.MaxLength(200)]
    [AdminPrepopulated(nameof(Title))]
    public string Slug { get; set; } = "";

    [Index]
    public int Year { get; set; }

    public string Body { get; set; } = "";

    /// <summary>Whether the post is out; the admin lists and filters by it.</summary>
    public bool Published { get; set; } = true;

    /// <summary>When the post was written (UTC): the admin's date links and date filter.</summary>
    public DateTime Created { get; set; } = DateTime.UtcNow;

    public int AuthorId { get; set; }

    public Author? Author { get; set; }

    /// <summary>The post's page, as Django's <c>get_absolute_url</c>: the admin's change page links to it ("View on site").</summary>
    public string GetAbsoluteUrl() => Urls.PostDetail(Year, Slug);

    /// <summary>Admin actions on the posts ticked in the list, as Django's <c>@admin.action</c>.</summary>
    [AdminAction(Description = "Publish selected blog posts")]
    public static async Task<string> Publish(Micro.Data.QuerySet<BlogPost> rows, CancellationToken cancellationToken) =>
        Changed(await rows.UpdateAsync(cancellationToken, static p => p.Published.Set(true)), "published");

    [AdminAction(Description = "Unpublish selected blog posts")]
    public static async Task<string> Unpublish(Micro.Data.QuerySet<BlogPost> rows, CancellationToken cancellationToken) =>
        Changed(await rows.UpdateAsync(cancellationToken, static p => p.Published.Set(false)), "unpublished");

    private static string Changed(int count, string what) => $"{count} post{(count == 1 ? " was" : "s were")} {what}.";
}

public sealed record NewBlogPost(string Title, string Slug, int Year, string Body, int AuthorId);

/// <summary>
/// Help pages mounted twice, as Django's <c>include()</c> with namespaces: <c>/help/</c> is the app <c>help</c>'s default instance and
/// <c>/support/</c> its instance <c>support</c>. Reversing <c>"help:topic"</c> (by name, typed, or <c>{% url %}</c>) gives the URL in the
/// instance that is answering; <c>"support:topic"</c> always the support one.
/// </summary>
[RouteGroup("help", AppName = "help")]
[RouteGroup("support", AppName = "help", Namespace = "support")]
public static class HelpPages
{
    [Route("", Name = "index")]
    public static string Index(ResolverMatch match) =>
        $"Help ({match.Namespace}): start with {Url.Reverse("help:topic", "routing")}, or ask at {Urls.Support.Index()}.";

    [Route("<slug:topic>/", Name = "topic")]
    public static string Topic(string topic, ResolverMatch match) =>
        $"Help on {topic}, answered by {match.ViewName}; back to {Urls.Help.Index()}.";
}

/// <summary>What a JSON API answers a body it can't save with: a message per field.</summary>
public sealed record ApiErrors(Dictionary<string, string> Errors);

/// <summary>
/// The blog's JSON API over the database, under <c>/api/</c> (a route group, as Django's <c>include()</c>). Its OpenAPI
/// document, written by the generator, is at <c>/openapi.json</c> and read at <c>/docs/</c> (in Development, or with
/// <c>Micro:OpenApi:Enabled=true</c>); the doc comments below are its operations' summaries.
/// </summary>
[RouteGroup("api", Tags = new[] { "blog" })]
public static class BlogApi
{
    /// <summary>Posts, newest first, optionally of one year or matching a search, 10 a page (past the last, the last), with their authors.</summary>
    [Route("posts/", Name = "api_posts")]
    public static async Task<List<BlogPost>> Posts(Db db, int? year = null, string? q = null, int page = 1)
    {
        var posts = db.BlogPosts.OrderByDescending(p => p.Year).ThenBy(p => p.Id);
        if (year is not null)
        {
            posts = posts.Filter(p => p.Year.Exact(year.Value));
        }

        if (!string.IsNullOrEmpty(q))
        {
            posts = posts.Filter(p => p.Title.IContains(q) | p.Body.IContains(q));
        }

        return [.. await Paginator.GetPageAsync(posts.Include(p => p.Author), page, perPage: 10)];
    }

    /// <summary>One post; a missing one is a 404.</summary>
    [Route("posts/<int:id>/", Name = "api_post")]
    public static async Task<BlogPost> Post(int id, Db db)
    {
        var post = await db.BlogPosts.GetAsync(id);
        await db.BlogPosts.LoadAsync(post, p => p.Author);
        return post;
    }

    /// <summary>An author with their posts.</summary>
    [Route("authors/<int:id>/", Name = "api_author")]
    public static async Task<Author> Author(int id, Db db)
    {
        var author = await db.Authors.GetAsync(id);
        await db.Authors.LoadAsync(author, a => a.Posts);
        return author;
    }

    /// <summary>
    /// Creates a post from a JSON body: 201 with its URL, or 400 saying which values can't be saved (a slug its page's URL
    /// couldn't hold would break every list that links to it). A taken slug is a 409 and an unknown author a 400, from Micro.
    /// </summary>
    [CsrfExempt]
    [Route("posts/", Methods = "POST", Name = "api_create_post")]
    public static async Task<Results<Created<BlogPost>, BadRequest<ApiErrors>>> Create(NewBlogPost post, Db db)
    {
        var errors = new Dictionary<string, string>();
        if (post.Title.Length is 0 or > 200)
        {
            errors["title"] = "Enter a title of 1 to 200 characters.";
        }

        if (post.Slug.Length is 0 or > 200 || !post.Slug.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors["slug"] = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens (at most 200).";
        }

        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(new ApiErrors(errors));
        }

        var created = await db.BlogPosts.CreateAsync(new BlogPost
        {
            Title = post.Title,
            Slug = post.Slug,
            Year = post.Year,
            Body = post.Body,
            AuthorId = post.AuthorId,
        });
        return TypedResults.Created(Urls.ApiPost(created.Id), created);
    }
}

/// <summary>
/// The blog's HTML pages, rendered from the database through templates. Values from the Db can stay <c>var</c>: the
/// generator types them with the data layer it writes, and the templates read them through generated accessors.
/// </summary>
public static class BlogPages
{
    /// <summary>The posts, newest first, 10 a page (<c>?page=2</c>, Django's <c>Paginator</c>), or those of one year (<c>?year=2021</c>).</summary>
    [Route("posts/", Name = "post_list")]
    public static async Task<TemplateResult> List(Db db, int? year = null, string? page = null)
    {
        var posts = db.BlogPosts.OrderByDescending(p => p.Year).ThenBy(p => p.Id);
        if (year is not null)
        {
            posts = posts.Filter(p => p.Year.Exact(year.Value));
        }

        return Template.Render("posts/list.html", new { year, page_obj = await Paginator.GetPageAsync(posts.Include(p => p.Author), page, perPage: 10) });
    }

    /// <summary>
    /// The authors, busiest first, each with its number of published posts and its latest year (Django's
    /// <c>annotate(Count("post", filter=Q(published=True)), Max("post__year"))</c>): an author with no posts is listed with 0.
    /// </summary>
    [Route("authors/", Name = "author_list")]
    public static async Task<TemplateResult> Authors(Db db)
    {
        var authors = await db.Authors
            .OrderByDescending(a => a.Posts.Filter(p => p.Published.Exact(true)).Count())
            .ThenBy(a => a.Name)
            .ToListAsync(a => (a.Posts.Filter(p => p.Published.Exact(true)).Count(), a.Posts.Max(p => p.Year)));
        return Template.Render("posts/authors.html", new { authors });
    }

    /// <summary>
    /// A new post from a model form, as a Django view: GET shows the empty form (the author a select of the authors), a
    /// POST with errors shows it again with each message beside its field and what was typed kept, a valid POST saves
    /// the post (a taken slug is a field error) and redirects to it. "posts/new/" is literal, so it wins over the slug route.
    /// </summary>
    [Route("posts/new/", Methods = "GET, POST", Name = "post_create")]
    public static async Task<IResult> Create(PostForm form, Db db, HttpContext context) =>
        form.IsValid && await form.SaveAsync(db) is { } post
            ? Saved(context, post)
            : Template.Render("posts/form.html", new { form, heading = "Write a post" });

    /// <summary>The same form over an existing post: <c>Instance</c> fills it on GET and is updated on a valid POST.</summary>
    [Route("posts/<slug:slug>/edit/", Methods = "GET, POST", Name = "post_edit")]
    public static async Task<IResult> Edit(string slug, PostForm form, Db db, HttpContext context)
    {
        form.Instance = await db.BlogPosts.GetAsync(p => p.Slug.Exact(slug));
        return form.IsValid && await form.SaveAsync(db) is { } post
            ? Saved(context, post)
            : Template.Render("posts/form.html", new { form, heading = "Edit " + form.Instance.Title });
    }

    /// <summary>
    /// An author's posts edited together, a formset of <see cref="PostForm"/>s (Django's <c>modelformset_factory</c>): a form per post
    /// (its key posted back hidden, so a post changes only this author's posts), one empty form for a new post, a "Delete" box on each.
    /// A valid post deletes, changes and adds in one transaction and comes back to the page with a message.
    /// </summary>
    [Route("authors/<int:id>/posts/", Methods = "GET, POST", Name = "author_posts")]
    public static async Task<IResult> AuthorPosts(int id, Db db, HttpContext context)
    {
        var author = await db.Authors.GetAsync(id);
        var posts = await db.BlogPosts.Filter(p => p.AuthorId.Exact(id)).OrderBy(static p => p.Id).ToListAsync();
        var formset = await FormSet.BindAsync(context, new FormSetOptions { CanDelete = true }, posts.ConvertAll(static post => new PostForm { Instance = post }));
        if (formset.IsValid && await formset.SaveAsync(db))
        {
            Messages.Success(context, $"The posts of {author.Name} were saved.");
            return Results.Redirect(Urls.AuthorPosts(id));
        }

        return Template.Render("posts/bulk.html", new { author, formset });
    }

    /// <summary>
    /// The published posts and the blog's lists for search engines (Django's sitemaps): <c>/sitemap.xml</c>, each post with the time it
    /// was written, its slug and time read alone (<c>values_list</c>).
    /// </summary>
    [Route("sitemap.xml", Name = "sitemap")]
    public static async Task<SitemapResult> SiteMap(Db db)
    {
        List<(string Slug, DateTime Created)> posts =
            await db.BlogPosts.Filter(p => p.Published.Exact(true)).OrderBy(p => p.Id).ValuesList(p => (p.Slug, p.Created)).ToListAsync();
        return Sitemap.Render(
            Sitemap.Section(posts, static post => Urls.PostPage(post.Slug), lastModified: static post => post.Created, changeFrequency: ChangeFrequency.Weekly),
            Sitemap.Section([Urls.PostList(), Urls.AuthorList()], static path => path, changeFrequency: ChangeFrequency.Daily, priority: 1.0));
    }

    /// <summary>The ten latest published posts as an RSS 2.0 feed (Django's syndication framework): <c>/feed/</c>.</summary>
    [Route("feed/", Name = "feed")]
    public static async Task<FeedResult> Feed(Db db)
    {
        var posts = await db.BlogPosts.Filter(p => p.Published.Exact(true)).OrderByDescending(p => p.Created).ThenByDescending(p => p.Id)[..10]
            .Include(p => p.Author).ToListAsync();
        return new SyndicationFeed { Title = "Micro blog", Link = Urls.PostList(), Description = "The latest posts." }.Render(posts.Select(static p =>
            new FeedItem(p.Title, Urls.PostPage(p.Slug)) { Description = p.Body, PubDate = p.Created, AuthorName = p.Author?.Name }));
    }

    /// <summary>After a save, as Django's SuccessMessageMixin: a flash message the next page (the post) shows once.</summary>
    private static IResult Saved(HttpContext context, BlogPost post)
    {
        Messages.Success(context, $"The post “{post.Title}” was saved.");
        return Results.Redirect(Urls.PostPage(post.Slug));
    }

    /// <summary>One post by its slug; an unknown slug is a 404.</summary>
    [Route("posts/<slug:slug>/", Name = "post_page")]
    public static async Task<TemplateResult> Detail(string slug, Db db)
    {
        var post = await db.BlogPosts.GetAsync(p => p.Slug.Exact(slug));
        await db.BlogPosts.LoadAsync(post, p => p.Author);
        return Template.Render("posts/detail.html", new { post });
    }
}

/// <summary>
/// A model form, as Django's <c>ModelForm</c>: the listed columns of <see cref="BlogPost"/> are its fields, with the model's
/// annotations (<c>[MaxLength]</c>, <c>[Unique]</c>), and its <see cref="BlogPost.Author"/> is a select of the authors. A
/// property declared here over a column adds checks to it; <c>Clean</c> checks across fields.
/// </summary>
[Form(Model = typeof(BlogPost), Fields = new[] { nameof(BlogPost.Title), nameof(BlogPost.Slug), nameof(BlogPost.Year), nameof(BlogPost.Body), nameof(BlogPost.Author) })]
public partial class PostForm
{
    [System.ComponentModel.DataAnnotations.RegularExpression("^[-a-zA-Z0-9_]+$",
        ErrorMessage = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.")]
    [System.ComponentModel.DataAnnotations.Display(Description = "The end of the post's address: letters, digits and hyphens.")]
    public string Slug { get; set; } = "";

    public void Clean(FormErrors errors)
    {
        // As Django's clean(): it runs after every field, so it skips a field that already has an error (Year "abc" is 0 here).
        if (!errors.Contains(nameof(Year)) && Year is < 1990 or > 2100)
        {
            errors.Add(nameof(Year), "Choose a year between 1990 and 2100.");
        }

        if (Title.Length > 0 && string.Equals(Title, Body, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("The body repeats the title; write a little more.");
        }
    }
}

/// <summary>Fill the blog with sample authors and posts (run `migrate` first).</summary>
[Command(Help = "Fill the blog with sample authors and posts (run migrate first).")]
public static class SeedCommand
{
    /// <param name="db">The app's database.</param>
    /// <param name="authors">How many authors.</param>
    /// <param name="posts">How many posts per author.</param>
    public static async Task<string> RunAsync(Db db, int authors = 2, int posts = 3)
    {
        await using var transaction = await db.BeginTransactionAsync();
        var start = await db.Authors.CountAsync();
        for (var a = 1; a <= authors; a++)
        {
            var author = await db.Authors.CreateAsync(new Author { Name = $"Author {start + a}" });
            await db.BlogPosts.BulkCreateAsync(Enumerable.Range(1, posts).Select(p => new BlogPost
            {
                Title = $"Post {p} by {author.Name}",
                Slug = $"author-{author.Id}-post-{p}",
                Year = 2020 + p,
                Body = $"Words about topic {p}.",
                AuthorId = author.Id,
            }));
        }

        await transaction.CommitAsync();
        return $"The blog has {await db.Authors.CountAsync()} authors and {await db.BlogPosts.CountAsync()} posts.";
    }
}

// ---- Users: sign-up, login (MapAuth above), a page only logged-in users see, and the session. ----
// `dotnet run --project sample-app -- createsuperuser` makes an admin; `-- changepassword <name>` changes a password.

/// <summary>
/// Sign up, as Django's <c>UserCreationForm</c>: the fields and the match of the two passwords are the form's; the username's
/// availability and the password validators need services, so the view adds their complaints to the form's errors.
/// </summary>
[Form]
public partial class SignUpForm
{
    [System.ComponentModel.DataAnnotations.MaxLength(150)]
    [System.ComponentModel.DataAnnotations.Display(Description = "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.")]
    public string Username { get; set; } = "";

    [System.ComponentModel.DataAnnotations.EmailAddress]
    public string? Email { get; set; }

    [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
    [System.ComponentModel.DataAnnotations.Display(Name = "Password")]
    public string Password1 { get; set; } = "";

    [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
    [System.ComponentModel.DataAnnotations.Display(Name = "Password confirmation", Description = "Enter the same password as before, for verification.")]
    public string Password2 { get; set; } = "";

    public void Clean(FormErrors errors)
    {
        if (!errors.Contains(nameof(Password1)) && !errors.Contains(nameof(Password2)) && Password1 != Password2)
        {
            errors.Add(nameof(Password2), "The two password fields didn’t match.");
        }
    }
}

/// <summary>The sign-up page: a new user is logged in, welcomed with a flash message and sent to their account page.</summary>
public static class SignUp
{
    [Route("accounts/signup/", Methods = "GET, POST", Name = "signup")]
    public static async Task<IResult> Page(SignUpForm form, HttpContext context, AuthDb auth, PasswordValidation validation)
    {
        if (form.IsValid && await auth.CheckUsernameAsync(form.Username) is { } problem)
        {
            form.Errors.Add(nameof(SignUpForm.Username), problem);
        }

        if (form.IsValid)
        {
            foreach (var complaint in validation.Validate(form.Password2, new User { Username = form.Username, Email = form.Email ?? "" }))
            {
                form.Errors.Add(nameof(SignUpForm.Password2), complaint);
            }
        }

        if (!form.IsValid)
        {
            return Template.Render("accounts/signup.html", new { form, help_texts = validation.HelpTexts });
        }

        var user = await auth.CreateUserAsync(form.Username, form.Email ?? "", form.Password2);
        await context.LoginAsync(user);
        Messages.Success(context, $"Welcome, {user.Username}! Your account is ready.");
        return Results.Redirect(Urls.Account());
    }
}

/// <summary>An uploaded text file (Django's <c>FileField</c> in a form): only .txt and .md, never empty.</summary>
[Form]
public partial class WordCountForm
{
    [System.ComponentModel.DataAnnotations.FileExtensions(Extensions = "txt,md")]
    [System.ComponentModel.DataAnnotations.Display(Description = "A .txt or .md file.")]
    public IFormFile Document { get; set; } = null!;
}

/// <summary>Counts the lines and words of an uploaded text file; nothing is kept.</summary>
public static class WordCount
{
    [Route("files/count/", Methods = "GET, POST", Name = "word_count")]
    public static async Task<TemplateResult> Page(WordCountForm form, CancellationToken cancellationToken)
    {
        if (!form.IsValid)
        {
            return Template.Render("files/count.html", new { form });
        }

        using var reader = new StreamReader(form.Document.OpenReadStream());
        var text = await reader.ReadToEndAsync(cancellationToken);
        var lines = text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Template.Render("files/count.html", new { form, name = form.Document.FileName, bytes = form.Document.Length, lines, words });
    }
}

/// <summary>
/// A photo and its caption (Django's <c>FileField</c> on a model): the image is stored under <c>media/photos/2026/12/</c>, the column
/// holds its name, and the app serves it at <c>/media/</c>. The admin edits it too, with "Currently" and "Change".
/// </summary>
[Model, Admin(ListDisplay = new[] { nameof(Caption), nameof(Image), nameof(Width), nameof(Height) }, SearchFields = new[] { nameof(Caption) },
    ReadonlyFields = new[] { nameof(Width), nameof(Height) })]
public class Photo
{
    public int Id { get; set; }

    [System.ComponentModel.DataAnnotations.MaxLength(200)]
    public string Caption { get; set; } = "";

    /// <summary>
    /// A picture (Django's <c>ImageField</c>): its content must be a PNG, JPEG, GIF, WebP, BMP or ICO image, and saving it writes its
    /// size in pixels into <see cref="Width"/> and <see cref="Height"/>. Templates read <c>{{ photo.image.url }}</c>.
    /// </summary>
    [ImageField(UploadTo = "photos/%Y/%m/", WidthField = nameof(Width), HeightField = nameof(Height))]
    [System.ComponentModel.DataAnnotations.MaxLength(100)]
    public string Image { get; set; } = "";

    public int? Width { get; set; }

    public int? Height { get; set; }

    public override string ToString() => Caption;
}

[Form(Model = typeof(Photo), Fields = new[] { nameof(Photo.Caption), nameof(Photo.Image) })]
public partial class PhotoForm;

/// <summary>The newest photos, and a form that adds one.</summary>
public static class Photos
{
    [Route("photos/", Methods = "GET, POST", Name = "photos")]
    public static async Task<IResult> Gallery(PhotoForm form, Db db)
    {
        if (form.IsValid && await form.SaveAsync(db) is not null)
        {
            return Results.Redirect(Urls.Photos());
        }

        var photos = await db.Photos.OrderByDescending(static p => p.Id).Take(50).ToListAsync();
        return Template.Render("photos/gallery.html", new { form, photos });
    }
}

/// <summary>The account page.</summary>
public static class Accounts
{
    /// <summary>Only for logged-in users (others go to the login page and come back); the session counts the visits.</summary>
    [Route("account/", Name = "account")]
    [LoginRequired]
    public static async Task<TemplateResult> Account(CurrentUser user, Session session)
    {
        var visits = (session.GetInt32("account_visits") ?? 0) + 1;
        session.SetInt32("account_visits", visits);
        var permissions = (await user.GetPermissionsAsync()).Order(StringComparer.Ordinal).ToList();
        return Template.Render("accounts/account.html", new Dictionary<string, object?>
        {
            ["visits"] = visits,
            ["permissions"] = permissions,
        });
    }
}

// ---- Tests, beside the routes they test: `dotnet run --project sample-app -- test` runs them, each with a fresh database, as
// Django's `manage.py test`; `./sample-app test` runs them in a native binary published with -p:MicroTests=true. ----

/// <summary>The sample app's tests. Each takes the test client (the app on 127.0.0.1, Production, its own SQLite file) and services.</summary>
public static class SiteTests
{
    [Test]
    public static async Task An_uploaded_file_has_its_words_counted(MicroTestClient client)
    {
        using var upload = new MultipartFormDataContent { { new StringContent("one two\nthree\n"), "document", "notes.txt" } };
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Urls.WordCount()) { Content = upload });
        response.AssertContains("notes.txt: 14 bytes, 2 lines, 3 words.");
    }

    [Test]
    public static async Task Home_greets_by_name(MicroTestClient client) =>
        (await client.GetAsync(Urls.Home() + "?name=Ada")).AssertStatus(200).AssertContains("Hello, Ada!");

    [Test]
    public static async Task Go_home_redirects_to_the_home_page(MicroTestClient client) =>
        (await client.GetAsync(Urls.GoHome(), follow: true)).AssertRedirects(Urls.Home()).AssertContains("Hello, World!");

    [Test]
    public static async Task The_notes_page_renders_its_template_with_a_title(MicroTestClient client) =>
        (await client.GetAsync(Urls.NoteList() + "?who=Ada"))
            .AssertTemplateUsed("notes/list.html")
            .AssertTemplateUsed("base.html")
            .AssertContext("title", "Notes")
            .AssertContains("<h1>NOTES!</h1>", html: true);

    [Test]
    public static async Task An_unknown_post_is_a_404_page(MicroTestClient client) =>
        (await client.GetAsync(Urls.PostPage("missing"))).AssertStatus(404).AssertNotContains("Traceback", statusCode: 404);

    [Test]
    public static async Task The_api_answers_with_the_posts_of_the_database(MicroTestClient client, Db db)
    {
        var author = await db.Authors.CreateAsync(new Author { Name = "Ada" });
        await db.BlogPosts.CreateAsync(new BlogPost { Title = "Engines", Slug = "engines", Year = 1843, Body = "Notes.", AuthorId = author.Id });

        var response = await client.GetAsync(Urls.ApiPosts());
        response.AssertStatus(200);
        var posts = response.Json<List<BlogPost>>()!;
        if (posts is not [{ Title: "Engines", Author.Name: "Ada" }])
        {
            throw new AssertionFailedException($"Expected the one post, got {posts.Count}.");
        }
    }

    [Test]
    public static async Task A_post_written_with_the_form_is_shown_after_the_redirect(MicroTestClient client, Db db)
    {
        var author = await db.Authors.CreateAsync(new Author { Name = "Ada" });
        client.EnforceCsrfChecks = true;                                     // the form's token goes with the post, as a browser's would
        (await client.GetAsync(Urls.PostCreate())).AssertContains("csrfmiddlewaretoken");

        var response = await client.PostAsync(Urls.PostCreate(), new Dictionary<string, string>
        {
            ["title"] = "First post",
            ["slug"] = "first",
            ["year"] = "2024",
            ["body"] = "Some words.",
            ["author"] = author.Id.ToString(CultureInfo.InvariantCulture),
        }, follow: true);

        response.AssertRedirects(Urls.PostPage("first")).AssertTemplateUsed("posts/detail.html").AssertContains("By Ada, 2024");
    }

    [Test]
    public static async Task A_forgotten_password_is_set_again_with_the_mailed_link(MicroTestClient client, AuthDb auth)
    {
        await auth.CreateUserAsync("ada", "ada@example.com", "correct horse battery staple");
        (await client.PostAsync("/accounts/password_reset/", [new("email", "ada@example.com")])).AssertRedirects("/accounts/password_reset/done/");

        // Mail is kept in memory in tests, as Django's mail.outbox.
        if (client.Outbox is not [{ To: ["ada@example.com"] } mail] || mail.Body.IndexOf("/accounts/reset/", StringComparison.Ordinal) is not (>= 0 and var at))
        {
            throw new AssertionFailedException($"Expected one email with a reset link to ada@example.com; the outbox has {client.Outbox.Count}.");
        }

        var link = new Uri(new Uri("http://host"), mail.Body[at..mail.Body.IndexOf('\n', at)].Trim()).PathAndQuery;
        var form = (await client.GetAsync(link, follow: true)).AssertContains("Choose a new password");
        (await client.PostAsync(form.Url, [new("new_password1", "a new horse battery"), new("new_password2", "a new horse battery")]))
            .AssertRedirects("/accounts/reset/done/");
        if (!await client.LoginAsync("ada", "a new horse battery"))
        {
            throw new AssertionFailedException("The new password doesn't log in.");
        }
    }

    /// <summary>A test's database starts with the fixtures it names (fixtures/welcome.json), as Django's TestCase.fixtures.</summary>
    [Test(Fixtures = ["welcome"])]
    public static async Task The_welcome_post_comes_from_a_fixture(MicroTestClient client, Db db)
    {
        (await client.GetAsync(Urls.PostPage("welcome"))).AssertContains("Welcome to the blog").AssertContains("The editors");
        var authors = await db.Authors.CountAsync();
        if (authors != 1)
        {
            throw new AssertionFailedException($"The fixture has one author; the test database has {authors}.");
        }
    }

    [Test]
    public static async Task A_photo_is_stored_and_served_from_a_media_folder_of_the_tests_own(MicroTestClient client, Db db, Micro.Files.IFileStorage files)
    {
        // The header of a one-pixel PNG: an [ImageField] reads the content, not the name.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
        using var upload = new MultipartFormDataContent { { new StringContent("Test"), "caption" }, { new ByteArrayContent(png), "image", "a b.png" } };
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Urls.Photos()) { Content = upload })).AssertRedirects(Urls.Photos());

        var photo = await db.Photos.GetAsync(p => p.Caption.Exact("Test"));
        if (!photo.Image.EndsWith("/a_b.png", StringComparison.Ordinal) || !files.Exists(photo.Image) || photo.Width != 1 || photo.Height != 1
            || !((Micro.Files.FileSystemStorage)files).Root.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
        {
            throw new AssertionFailedException($"The photo was stored as '{photo.Image}' ({photo.Width} x {photo.Height}) under {((Micro.Files.FileSystemStorage)files).Root}.");
        }

        (await client.GetAsync(files.Url(photo.Image))).AssertContains("PNG");
        (await client.GetAsync(Urls.Photos())).AssertContains($"<img src=\"{files.Url(photo.Image)}\" alt=\"Test\" width=\"1\" height=\"1\">");
    }

    [Test]
    public static async Task The_account_page_is_for_logged_in_users(MicroTestClient client, AuthDb auth)
    {
        (await client.GetAsync(Urls.Account())).AssertRedirects("/accounts/login/?next=/account/");

        await client.ForceLoginAsync(await auth.CreateUserAsync("ada", "ada@example.com", "correct horse battery staple"));
        (await client.GetAsync(Urls.Account())).AssertContains("Hello, ada").AssertContext("visits", 1);
        (await client.GetAsync(Urls.Account())).AssertContext("visits", 2);
    }
}
