using System.ComponentModel.DataAnnotations;

namespace Micro.Runtime.Tests.TestApp;

// Model forms over a real SQLite file (ModelFormTests): create, edit, unique checks, a reference as a select.

[Model]
public class Writer
{
    public int Id { get; set; }

    [MaxLength(50)]
    public string Name { get; set; } = "";

    public override string ToString() => Name;
}

[Model]
[Index(nameof(WriterId), nameof(Title), IsUnique = true)]
public class Article
{
    public int Id { get; set; }

    [MaxLength(100)]
    public string Title { get; set; } = "";

    [Unique, MaxLength(50)]
    public string Slug { get; set; } = "";

    public int Year { get; set; } = 2024;

    public string Body { get; set; } = "";

    public bool Published { get; set; } = true;

    public int WriterId { get; set; }

    public Writer? Writer { get; set; }
}

public sealed record NewArticle(string Title, string Slug, int WriterId);

/// <summary>A model form over a listed subset of the columns, the reference as a select of writers.</summary>
[Form(Model = typeof(Article), Fields = new[] { nameof(Article.Title), nameof(Article.Slug), nameof(Article.Year), nameof(Article.Body), nameof(Article.Writer) })]
public partial class ArticleForm
{
    public void Clean(FormErrors errors)
    {
        if (Year > 2100)
        {
            errors.Add(nameof(Year), "That is too far ahead.");
        }

        // A reference's field is found by its navigation too.
        if (Title.EndsWith("by nobody", StringComparison.Ordinal))
        {
            errors.Add(nameof(Article.Writer), "Somebody wrote it.");
        }
    }
}

/// <summary>A model form over every column but the key.</summary>
[Form(Model = typeof(Writer))]
public partial class WriterForm;

public static class ArticleViews
{
    [Route("articles/new/", Methods = "GET, POST", Name = "article_create")]
    public static async Task<IResult> Create(ArticleForm form, Db db) =>
        form.IsValid && await form.SaveAsync(db) is { } article
            ? Results.Redirect(Urls.ArticleShow(article.Id))
            : Template.Render("forms/page.html", new { form });

    [Route("articles/<int:id>/edit/", Methods = "GET, POST", Name = "article_edit")]
    public static async Task<IResult> Edit(int id, ArticleForm form, Db db)
    {
        form.Instance = await db.Articles.GetAsync(id);
        return form.IsValid && await form.SaveAsync(db) is { } article
            ? Results.Redirect(Urls.ArticleShow(article.Id))
            : Template.Render("forms/page.html", new { form });
    }

    [Route("articles/<int:id>/", Name = "article_show")]
    public static async Task<string> Show(int id, Db db)
    {
        var article = await db.Articles.GetAsync(id);
        return $"{article.Title}|{article.Slug}|{article.Year}|{article.Body}|{article.Published}|{article.WriterId}";
    }

    /// <summary>A JSON write without a form's checks: what the database refuses (a taken slug, no such writer) is the client's error.</summary>
    [Route("api/articles/", Methods = "POST")]
    public static async Task<string> CreateFromJson(NewArticle article, Db db)
    {
        var created = await db.Articles.CreateAsync(new Article { Title = article.Title, Slug = article.Slug, WriterId = article.WriterId });
        return $"created {created.Id}";
    }

    /// <summary>
    /// A writer's articles edited together (a formset of model forms, as Django's <c>modelformset_factory</c>): each article a form, one
    /// empty form for a new one, a "Delete" box on each; saved in one transaction, then the articles as text.
    /// </summary>
    [Route("writers/<int:writer>/articles/", Methods = "GET, POST", Name = "writer_articles")]
    public static async Task<IResult> WriterArticles(int writer, HttpContext context, Db db)
    {
        var rows = await db.Articles.Filter(a => a.WriterId.Exact(writer)).OrderBy(static a => a.Id).ToListAsync();
        var formset = await FormSet.BindAsync(context, new FormSetOptions { CanDelete = true }, rows.ConvertAll(static row => new ArticleForm { Instance = row }));
        if (!formset.IsValid || !await formset.SaveAsync(db))
        {
            return Template.Render("formsets/articles.html", new { formset });
        }

        var saved = await db.Articles.Filter(a => a.WriterId.Exact(writer)).OrderBy(static a => a.Id).ToListAsync();
        return Results.Text(string.Join("\n", saved.Select(static a => $"{a.Title}|{a.Slug}|{a.Year}")));
    }

    [Route("writers/new/", Methods = "GET, POST", Name = "writer_create")]
    public static IResult CreateWriter(WriterForm form, Db db) =>
        form.IsValid && form.Save(db) is { } writer
            ? Results.Text($"Writer {writer.Id}: {writer.Name}", statusCode: StatusCodes.Status201Created)
            : Template.Render("forms/page.html", new { form });
}
