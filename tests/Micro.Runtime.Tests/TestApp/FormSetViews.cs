using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

// Formsets over real HTTP: Django's documented example (articles with a title and a date), and one with its counts checked.

/// <summary>An article of Django's formset example.</summary>
[Form]
public partial class ArticleEntryForm
{
    [MaxLength(100)]
    public string Title { get; set; } = "";

    public DateOnly? PubDate { get; set; }
}

public static class FormSetViews
{
    private static readonly FormSetOptions s_articles = new() { Extra = 2, CanDelete = true, MaxNum = 5 };

    private static readonly FormSetOptions s_limited = new() { Prefix = "entry", Extra = 0, MinNum = 2, ValidateMin = true, MaxNum = 3, ValidateMax = true };

    /// <summary>The article the page starts with (Django's <c>initial</c>): given again when the page is posted.</summary>
    private static ArticleEntryForm[] Initial() => [new() { Title = "Django is now open source", PubDate = new DateOnly(2005, 7, 15) }];

    /// <summary>Articles: kept and deleted ones as text when the formset is valid, else the page again with its errors.</summary>
    [Route("formsets/articles/", Methods = "GET, POST", Name = "formset_articles")]
    public static async Task<IResult> Articles(HttpContext context)
    {
        var formset = await FormSet.BindAsync(context, s_articles, Initial());
        if (formset.IsBound && formset.FilledForms.GroupBy(static f => f.Title).Any(static g => g.Count() > 1))
        {
            // Django's BaseFormSet.clean(): a check across the forms.
            formset.AddError("Articles in a set must have distinct titles.");
        }

        if (!formset.IsValid)
        {
            return Template.Render("formsets/articles.html", new { formset });
        }

        var lines = formset.FilledForms.Select(static f => $"kept {f.Title}|{f.PubDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}")
            .Concat(formset.DeletedForms.Select(static f => $"deleted {f.Title}"))
            .Append($"changed {string.Join(",", formset.Forms.Select((f, i) => (f, i)).Where(p => formset.HasChanged(p.f)).Select(static p => p.i))}");
        return Results.Text(string.Join("\n", lines));
    }

    /// <summary>The articles' formset as Django's <c>as_p</c>, bound or not, for the comparison with Django.</summary>
    [Route("formsets/articles/as-p/", Methods = "GET, POST", Name = "formset_articles_p")]
    public static async Task<IResult> ArticlesAsP(HttpContext context) =>
        Template.Render("formsets/as_p.html", new { formset = await FormSet.BindAsync(context, s_articles, Initial()) });

    private static readonly FormSetOptions s_ordered = new() { CanOrder = true, CanDelete = true, MaxNum = 5 };

    /// <summary>Two articles to put in order (Django's <c>can_order</c>): their titles in the order posted, else the formset again as <c>as_p</c>.</summary>
    [Route("formsets/ordered/", Methods = "GET, POST", Name = "formset_ordered")]
    public static async Task<IResult> Ordered(HttpContext context)
    {
        var formset = await FormSet.BindAsync<ArticleEntryForm>(context, s_ordered, [new() { Title = "First" }, new() { Title = "Second" }]);
        return formset.IsValid
            ? Results.Text(string.Join(",", formset.OrderedForms.Select(static f => f.Title)))
            : Template.Render("formsets/as_p.html", new { formset });
    }

    /// <summary>Between two and three entries, under the prefix <c>entry</c>, laid out field by field.</summary>
    [Route("formsets/limited/", Methods = "GET, POST", Name = "formset_limited")]
    public static async Task<IResult> Limited(HttpContext context)
    {
        var formset = await FormSet.BindAsync<ArticleEntryForm>(context, s_limited);
        return formset.IsValid
            ? Results.Text(string.Join(",", formset.FilledForms.Select(static f => f.Title)))
            : Template.Render("formsets/limited.html", new { formset });
    }
}
