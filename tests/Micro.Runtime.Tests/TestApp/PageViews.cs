using Micro.Templates;

namespace Micro.Runtime.Tests.TestApp;

// Django's Paginator over a query's rows and a list (PaginatorTests): a page through the compiled template and the interpreter, and
// the strict page number a 404 when it names no page.

public static class PageViews
{
    /// <summary>A writer's articles, 3 a page (a last page of 1 joins the one before), through the compiled template.</summary>
    [Route("paged/writers/<int:id>/", Name = "paged_articles")]
    public static async Task<TemplateResult> Articles(int id, Db db, string? page = null) =>
        Template.Render("paged/articles.html", new { page_obj = await Page(id, db, page) });

    /// <summary>The same page through the template's text parsed at run time.</summary>
    [Route("paged/writers/<int:id>/interpreted/", Name = "paged_articles_interpreted")]
    public static async Task<string> Interpreted(int id, Db db, TemplateEngine engine, string? page = null) =>
        engine.Parse(engine.Options.Loader!.Load("paged/articles.html")!.Text).Render(new { page_obj = await Page(id, db, page) });

    /// <summary>Page numbers of a list, with Django's elided range: the strict number, so one that names no page is a 404.</summary>
    [Route("paged/numbers/", Name = "paged_numbers")]
    public static string Numbers(string? page = null, int count = 100)
    {
        var paginator = new Paginator(count, perPage: 2);
        var number = paginator.ValidateNumber(page);
        var items = Paginator.GetPage(Enumerable.Range(1, count).ToList(), number, perPage: 2);
        return $"{string.Join(",", items)}|{string.Join(" ", paginator.GetElidedPageRange(number))}";
    }

    /// <summary>Links to other pages that keep the rest of the query (Django's <c>{% querystring %}</c>), through the compiled template.</summary>
    [Route("paged/links/", Name = "paged_links")]
    public static TemplateResult Links(string? page = null) => Template.Render("paged/links.html", LinkValues(page));

    /// <summary>The same links through the template's text parsed at run time, rendered for the request.</summary>
    [Route("paged/links/interpreted/", Name = "paged_links_interpreted")]
    public static string LinksInterpreted(TemplateEngine engine, Microsoft.AspNetCore.Http.HttpContext context, string? page = null) =>
        engine.Parse(engine.Options.Loader!.Load("paged/links.html")!.Text).Render(LinkValues(page), context);

    /// <summary>What a template reads of <c>request.GET</c> (Django's QueryDict), through the compiled template.</summary>
    [Route("paged/query/")]
    public static TemplateResult Query() => Template.Render("paged/query.html", new Dictionary<string, object?>());

    /// <summary>The same through the template's text parsed at run time.</summary>
    [Route("paged/query/interpreted/")]
    public static string QueryInterpreted(TemplateEngine engine, Microsoft.AspNetCore.Http.HttpContext context) =>
        engine.Parse(engine.Options.Loader!.Load("paged/query.html")!.Text).Render(new Dictionary<string, object?>(), context);

    private static Dictionary<string, object?> LinkValues(string? page) => new()
    {
        ["page_obj"] = Paginator.GetPage(Enumerable.Range(1, 10).ToList(), page, perPage: 2),
        ["tags"] = new List<string?> { "a b", null, "c&d" },
    };

    private static Task<Micro.Page<Article>> Page(int id, Db db, string? page) =>
        Paginator.GetPageAsync(db.Articles.Filter(a => a.WriterId.Exact(id)).OrderBy(a => a.Id), page, perPage: 3, orphans: 1);
}
