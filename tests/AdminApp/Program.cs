// A newsroom with writers, articles and comments, every model in the admin: `dotnet run --project tests/AdminApp -- migrate`,
// `-- createsuperuser`, then `dotnet run --project tests/AdminApp` and open /admin/.
using System.ComponentModel.DataAnnotations;
using Micro;

return MicroApp.Run(args);

namespace AdminApp
{
    public enum Status
    {
        Draft,
        Published,
        Archived,
    }

    [Model, Admin(ListDisplay = new[] { nameof(Name), nameof(Email) }, ListEditable = new[] { nameof(Email) }, SearchFields = new[] { nameof(Name), nameof(Email) }, Ordering = new[] { nameof(Name) }, Display = nameof(Name))]
    [AdminInline(typeof(Article), Fields = new[] { nameof(Article.Title), nameof(Article.Slug), nameof(Article.Status), nameof(Article.Published) }, Extra = 1, MaxNum = 4, Stacked = true)]
    public class Writer
    {
        public int Id { get; set; }

        [MaxLength(100)]
        public string Name { get; set; } = "";

        [MaxLength(200), Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        public List<Article> Articles { get; set; } = [];

        public override string ToString() => Name;
    }

    [Model]
    [Admin(
        ListDisplay = new[] { nameof(Title), nameof(Status), nameof(Featured), nameof(Writer), nameof(Published), nameof(PublishedDay), nameof(Readers), nameof(IsLongRead), nameof(Teaser) },
        SearchFields = new[] { nameof(Title), nameof(Body) },
        ListFilter = new[] { nameof(Status), nameof(Featured), nameof(Writer), nameof(Published) },
        Ordering = new[] { "-" + nameof(Published), nameof(Title) },
        ListPerPage = 5,
        ReadonlyFields = new[] { nameof(Views), nameof(Teaser), nameof(Kicker) },
        Actions = new[] { nameof(Feature), nameof(Archive), nameof(CountWords) },
        SaveAs = true,
        DateHierarchy = nameof(Published),
        Display = nameof(Title),
        AutocompleteFields = new[] { nameof(Writer) },
        SaveOnTop = true,
        ListMaxShowAll = 20,
        SearchHelpText = "Finds words in the title or the body.",
        ActionsOnBottom = true,
        EmptyValueDisplay = "(empty)")]
    [AdminFieldset(Fields = new[] { nameof(Title), nameof(Slug), nameof(Writer), nameof(Body) })]
    [AdminFieldset("Publishing", Fields = new[] { nameof(Status), nameof(Featured), nameof(Published), nameof(Views), nameof(Teaser), nameof(Kicker) },
        Description = "When and how the article <em>appears</em>.", Collapse = true)]
    [AdminInline(typeof(Comment), Extra = 2, AutocompleteFields = new[] { nameof(Comment.Replier) }, RawIdFields = new[] { nameof(Comment.Approver) })]
    public class Article
    {
        public int Id { get; set; }

        [MaxLength(200)]
        public string Title { get; set; } = "";

        [Unique, MaxLength(100), RegularExpression("^[-a-z0-9]+$", ErrorMessage = "Enter a valid slug.")]
        [AdminPrepopulated(nameof(Title))]
        public string Slug { get; set; } = "";

        public string Body { get; set; } = "";

        public Status Status { get; set; }

        public bool Featured { get; set; }

        [Index]
        public DateTime Published { get; set; }

        public int Views { get; set; }

        public int WriterId { get; set; }

        public Writer? Writer { get; set; }

        public List<Comment> Comments { get; set; } = [];

        /// <summary>Shown in the list as Django shows a callable in list_display: a flag with its icon, under its [Display] name.</summary>
        [Display(Name = "Long read?")]
        public bool IsLongRead() => Body.Length > 5;

        /// <summary>As Django's <c>@admin.display</c>: a header of its own, sorted by a column the other way (newest first when ascending).</summary>
        [AdminDisplay(Description = "Newest first", Ordering = "-" + nameof(Published))]
        public string PublishedDay() => Published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        [AdminDisplay(Description = "Readers", EmptyValue = "(none yet)")]
        public int? Readers() => Views == 0 ? null : Views;

        /// <summary>Admin actions, as Django's: the rows chosen in the list, and a message back.</summary>
        [AdminAction(Description = "Mark selected articles as featured")]
        public static async Task<string> Feature(Micro.Data.QuerySet<Article> rows, CancellationToken cancellationToken) =>
            $"{await rows.UpdateAsync(cancellationToken, static a => a.Featured.Set(true))} articles featured.";

        [AdminAction(Permission = "delete")]
        public static void Archive(Micro.Data.QuerySet<Article> rows) => rows.Update(static a => a.Status.Set(Status.Archived));

        /// <summary>Needs only the view permission, and answers with its own response instead of a message.</summary>
        [AdminAction(Description = "Count the words", Permission = "view")]
        public static async Task CountWords(Micro.Data.QuerySet<Article> rows, Microsoft.AspNetCore.Http.HttpContext context)
        {
            var words = (await rows.ToListAsync(context.RequestAborted)).Sum(static a => a.Body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"{words} words");
        }

        /// <summary>Shown read-only; empty for an article that isn't featured, which the page shows as the admin's EmptyValueDisplay.</summary>
        public string? Kicker() => Featured ? "Featured story" : null;

        public string Teaser(int length = 8) => Body.Length <= length ? $"<{Body}>" : $"<{Body[..length]}…>";

        /// <summary>Django's get_absolute_url: the change page links here ("View on site").</summary>
        public string GetAbsoluteUrl() => $"/articles/{Slug}/";
    }

    [Model, Admin(ListDisplay = new[] { "__str__", nameof(Article) }, RawIdFields = new[] { nameof(Article) })]
    public class Comment
    {
        public int Id { get; set; }

        public int ArticleId { get; set; }

        public Article? Article { get; set; }

        [MaxLength(500)]
        public string Text { get; set; } = "";

        /// <summary>The writer who answered it: chosen by a search in the article's comments (an inline's autocomplete field).</summary>
        public int? ReplierId { get; set; }

        public Writer? Replier { get; set; }

        /// <summary>The writer who approved it: given by key in the article's comments (an inline's raw id field).</summary>
        public int? ApproverId { get; set; }

        public Writer? Approver { get; set; }

        /// <summary>The clipping it quotes: a select of every clipping in the article's comments, beside the search and the key box.</summary>
        public int? ClippingId { get; set; }

        public Clipping? Clipping { get; set; }

        public override string ToString() => Text.Length > 30 ? Text[..30] + "…" : Text;

        /// <summary>A comment that is a link is "on the site" at that link: what the admin makes of a URL that comes from the data.</summary>
        public string? GetAbsoluteUrl() => Text.Contains(':', StringComparison.Ordinal) || Text.StartsWith('/') ? Text : null;
    }

    /// <summary>A scanned clipping: a required file and an optional one, edited as uploads (Django's FileField in the admin).</summary>
    [Model, Admin(ListDisplay = new[] { nameof(Title), nameof(Scan) })]
    [AdminInline(typeof(ClippingPage), Extra = 1, Exclude = new[] { nameof(ClippingPage.Width), nameof(ClippingPage.Height) })]
    public class Clipping
    {
        public int Id { get; set; }

        [MaxLength(100)]
        public string Title { get; set; } = "";

        [FileField(UploadTo = "clippings/%Y/"), MaxLength(100)]
        public string Scan { get; set; } = "";

        [FileField(UploadTo = "notes/")]
        public string? Notes { get; set; }

        public List<ClippingPage> Pages { get; set; } = [];

        public override string ToString() => Title;
    }

    /// <summary>A page of a clipping, added and replaced in the clipping's own page (an inline with a file column).</summary>
    [Model]
    public class ClippingPage
    {
        public int Id { get; set; }

        public int ClippingId { get; set; }

        public Clipping? Clipping { get; set; }

        /// <summary>Its size in pixels is kept in <see cref="Width"/> and <see cref="Height"/>, which the inline doesn't show.</summary>
        [ImageField(UploadTo = "pages/", WidthField = nameof(Width), HeightField = nameof(Height))]
        public string Image { get; set; } = "";

        public int Width { get; set; }

        public int? Height { get; set; }

        public override string ToString() => Image;
    }

    /// <summary>A model the admin doesn't show: it has no [Admin].</summary>
    [Model]
    public class AuditRecord
    {
        public int Id { get; set; }

        public string Message { get; set; } = "";
    }

    /// <summary>The site's own page beside the admin: the newest articles, as a blog's list page.</summary>
    public static class Site
    {
        [Route("articles/", Name = "articles")]
        public static async Task<TemplateResult> Articles(Db db)
        {
            List<Article> articles = await db.Articles.OrderByDescending(static a => a.Published).Take(100).Include(static a => a.Writer).ToListAsync();
            return Template.Render("articles.html", new { articles });
        }
    }

    public static class Commands
    {
        /// <summary>Adds <paramref name="articles"/> articles by one writer, each with a comment, for the benchmark and the scale tests.</summary>
        [Command("seed-articles")]
        public static async Task<string> SeedArticles(Db db, int articles = 100)
        {
            var writer = await db.Writers.CreateAsync(new Writer { Name = "Bulk Writer", Email = "bulk@example.com" });
            var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            const int chunk = 1000;
            for (var done = 0; done < articles; done += chunk)
            {
                await db.Articles.BulkCreateAsync(Enumerable.Range(done, Math.Min(chunk, articles - done)).Select(i => new Article
                {
                    Title = $"Article {i:D6}",
                    Slug = $"article-{i:D6}",
                    Body = i % 10 == 0 ? "needle in the text" : "plain text",
                    Status = (Status)(i % 3),
                    Featured = i % 2 == 0,
                    Published = start.AddHours(i),
                    WriterId = writer.Id,
                }));
            }

            var first = (await db.Articles.Filter(a => a.WriterId.Exact(writer.Id)).OrderBy(static a => a.Id).FirstOrDefaultAsync())!.Id;
            for (var done = 0; done < articles; done += chunk)
            {
                await db.Comments.BulkCreateAsync(Enumerable.Range(done, Math.Min(chunk, articles - done))
                    .Select(i => new Comment { ArticleId = first + i, Text = $"Comment {i:D6} on an article" }));
            }

            return $"Added {articles} articles with a comment each.";
        }
    }
}
