#if (database)
using System.ComponentModel.DataAnnotations;
#endif
using Micro;

// The whole app. `dotnet run` serves it at http://127.0.0.1:8000/; `dotnet run -- help` lists its commands.
return MicroApp.Run(args);

/// <summary>The site: each [Route] is a URL pattern with its view, as urls.py and views.py in one place.</summary>
public static class Site
{
#if (minimal)
    /// <summary>The home page: <c>/?name=Ada</c>.</summary>
    [Route("", Name = "home")]
    public static string Home(string name = "World") => $"Hello, {name}!";
#else
    /// <summary>The home page, rendered from templates/home.html: <c>/?name=Ada</c>.</summary>
    [Route("", Name = "home")]
    public static TemplateResult Home(string name = "World") =>
        Template.Render("home.html", new { title = "MySite", name });

    /// <summary>JSON: <c>/api/hello/Ada/</c>.</summary>
    [Route("api/hello/<name>/", Name = "api_hello")]
    public static Greeting Hello(string name) => new($"Hello, {name}!", Urls.Home());
#endif
}
#if (!minimal)

public sealed record Greeting(string Message, string Home);
#endif

/// <summary>Management commands, as Django's manage.py: <c>dotnet run -- greet Ada --times 2</c>.</summary>
public static class Commands
{
    /// <summary>Greet someone.</summary>
    /// <param name="name">Who to greet.</param>
    /// <param name="output">Where the command writes.</param>
    /// <param name="times">How many greetings.</param>
    [Command]
    public static void Greet([Argument] string name, TextWriter output, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            output.WriteLine($"Hello, {name}!");
        }
    }
}
#if (database)

/// <summary>
/// A note, in the table Notes of app.db. After changing a model: `dotnet run -- makemigrations`, then `-- migrate`.
/// </summary>
[Model]
public class Note
{
    public int Id { get; set; }

    [MaxLength(200)]
    public string Title { get; set; } = "";

    public string Body { get; set; } = "";
}

/// <summary>The notes: a page from the database, and a command that adds one.</summary>
public static class Notes
{
#if (minimal)
    /// <summary>Every note, as JSON.</summary>
    [Route("notes/", Name = "note_list")]
    public static List<Note> List(Db db) => db.Notes.OrderBy(n => n.Id).ToList();
#else
    /// <summary>Every note, rendered from templates/notes.html.</summary>
    [Route("notes/", Name = "note_list")]
    public static TemplateResult List(Db db) => ListPage(db.Notes.OrderBy(n => n.Id).ToList());

    private static TemplateResult ListPage(List<Note> notes) => Template.Render("notes.html", new { title = "Notes", notes });
#endif

    /// <summary>Add a note: <c>dotnet run -- add-note "Buy milk" --body "Two litres"</c>.</summary>
    /// <param name="title">The note's title.</param>
    /// <param name="db">The app's database.</param>
    /// <param name="body">The note's text.</param>
    [Command]
    public static string AddNote([Argument] string title, Db db, string body = "")
    {
        var note = db.Notes.Create(new Note { Title = title, Body = body });
        return $"Added note {note.Id}: {note.Title}";
    }
}
#endif

/// <summary>The app's tests, beside what they test: `dotnet run -- test` runs them, each with a fresh database.</summary>
public static class SiteTests
{
    [Test]
    public static async Task Home_greets_by_name(MicroTestClient client) =>
        (await client.GetAsync(Urls.Home() + "?name=Ada")).AssertStatus(200).AssertContains("Hello, Ada!");
#if (database)

    [Test]
    public static async Task The_notes_page_lists_the_notes(MicroTestClient client, Db db)
    {
        db.Notes.Create(new Note { Title = "Buy milk", Body = "Two litres" });
        (await client.GetAsync(Urls.NoteList())).AssertStatus(200).AssertContains("Buy milk");
    }
#endif
}
