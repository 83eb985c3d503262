// Micro's side of the HTTP benchmarks: the TechEmpower plaintext, JSON and Fortunes tests written as a Micro user would
// (Fortunes renders templates/fortunes.html, which the generator compiles to C#), and a blog's list page as a Django site
// serves it (templates/blog/; the Django app renders the same files).
using Micro;

var builder = MicroApp.CreateBuilder(args);

// As the baseline and the ceiling: without a logging provider ASP.NET Core skips its per-request logging scope,
// so every server measures the framework rather than console logging.
builder.Logging.ClearProviders();
return builder.Build().Run();

public static class Bench
{
    [Route("plaintext", Name = "plaintext")]
    public static string Plaintext() => "Hello, World!";

    [Route("json", Name = "json")]
    public static JsonMessage Json() => new("Hello, World!");

    [Route("fortunes", Name = "fortunes")]
    public static async Task<TemplateResult> Fortunes(Db db)
    {
        var fortunes = await db.Fortunes.ToListAsync();
        fortunes.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        fortunes.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
        return Template.Render("fortunes.html", new { fortunes });
    }

    private const int PostsPerPage = 20;

    /// <summary>
    /// The blog page: the newest posts with their authors (a count and a join), 20 a page, in a template that extends a base
    /// with an included navigation, and two links reversed for each post.
    /// </summary>
    [Route("posts/", Name = "post_list")]
    public static async Task<TemplateResult> Posts(Db db, int page = 1)
    {
        var posts = db.BlogPosts.OrderByDescending(p => p.Year).ThenBy(p => p.Id);
        var pages = Math.Max(1, (await posts.CountAsync() + PostsPerPage - 1) / PostsPerPage);
        page = Math.Clamp(page, 1, pages);
        return Template.Render("blog/posts.html", new
        {
            posts = await posts.Include(p => p.Author).Skip((page - 1) * PostsPerPage).Take(PostsPerPage).ToListAsync(),
            page, pages, next = page < pages ? page + 1 : (int?)null,
        });
    }

    [Route("posts/<slug:slug>/", Name = "post_page")]
    public static string Post(string slug) => slug;

    [Route("authors/<int:id>/", Name = "author_page")]
    public static string AuthorPage(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record JsonMessage(string message);

[Model]
public class Fortune
{
    public int Id { get; set; }
    public string Message { get; set; } = "";
}

[Model]
public class Author
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

[Model]
public class BlogPost
{
    public int Id { get; set; }

    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public int Year { get; set; }

    public string Body { get; set; } = "";

    public int AuthorId { get; set; }

    public Author? Author { get; set; }
}
