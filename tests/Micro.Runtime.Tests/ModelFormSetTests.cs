using System.Globalization;
using System.Net;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>
/// Formsets of model forms over a real database (TestApp/ArticleViews.cs, <c>writers/{id}/articles/</c>), as Django's
/// <c>modelformset_factory</c>: a writer's articles each a form with its key in a hidden field, changed, added and deleted in one save;
/// a post paired with the rows the page showed by their keys, never another row; a taken unique value undoing the whole save. Run on a
/// SQLite file and on PostgreSQL.
/// </summary>
public abstract class ModelFormSetTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : MicroAppFixture
{
    private const string NotOneOfThem = "(Hidden field id) Select a valid choice. That choice is not one of the available choices.";

    [Fact]
    public async Task The_page_shows_each_row_with_its_key_and_an_empty_form()
    {
        var (writer, first, second) = await WriterWithTwoArticlesAsync("Shown");

        var page = await app.Client.GetStringAsync($"/writers/{writer}/articles/");

        Assert.Contains("<input type=\"hidden\" name=\"form-TOTAL_FORMS\" value=\"3\" id=\"id_form-TOTAL_FORMS\"><input type=\"hidden\" name=\"form-INITIAL_FORMS\" value=\"2\"", page);
        Assert.Contains($"<input type=\"hidden\" name=\"form-0-id\" value=\"{first}\" id=\"id_form-0-id\">", page);
        Assert.Contains($"<input type=\"hidden\" name=\"form-1-id\" value=\"{second}\" id=\"id_form-1-id\">", page);
        Assert.Contains("<input type=\"text\" name=\"form-1-slug\" value=\"shown-2\" maxlength=\"50\" id=\"id_form-1-slug\">", page);
        Assert.Contains($"<option value=\"{writer}\" selected>Shown</option>", page);
        Assert.Contains("<input type=\"text\" name=\"form-2-title\" maxlength=\"100\" id=\"id_form-2-title\">", page);
        Assert.DoesNotContain("form-2-id", page);
    }

    [Fact]
    public async Task One_save_changes_deletes_and_adds_rows()
    {
        var (writer, first, second) = await WriterWithTwoArticlesAsync("Saver");

        var response = await PostAsync(writer, 3, 2,
            Row(0, first, "Saver one, edited", "saver-1", writer),
            Row(1, second, "Saver two", "saver-2", writer, delete: true),
            Row(2, null, "Saver three", "saver-3", writer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Saver one, edited|saver-1|2024\nSaver three|saver-3|2024", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_as_shown_saves_nothing_and_adds_no_row()
    {
        var (writer, first, second) = await WriterWithTwoArticlesAsync("Still");

        var response = await PostAsync(writer, 3, 2,
            Row(0, first, "Still 1", "still-1", writer), Row(1, second, "Still 2", "still-2", writer),
            [new("form-2-title", ""), new("form-2-slug", ""), new("form-2-year", "2024"), new("form-2-body", ""), new("form-2-writer", "")]);

        Assert.Equal("Still 1|still-1|2024\nStill 2|still-2|2024", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("other")]
    [InlineData("text")]
    [InlineData("missing")]
    [InlineData("twice")]
    [InlineData("negative")]
    [InlineData("sql")]
    [InlineData("huge")]
    public async Task A_key_that_isnt_one_of_the_pages_rows_changes_nothing(string kind)
    {
        var (writer, first, second) = await WriterWithTwoArticlesAsync("Guard " + kind);
        var (_, otherFirst, _) = await WriterWithTwoArticlesAsync("Victim " + kind);
        var key = kind switch
        {
            "other" => otherFirst.ToString(CultureInfo.InvariantCulture),
            "text" => "abc",
            "missing" => null,
            "twice" => first.ToString(CultureInfo.InvariantCulture),
            "negative" => "-1",
            "sql" => "1 OR 1=1",
            _ => "99999999999999999999999",
        };
        var rows = Row(1, null, "Hijacked", $"hijacked-{kind}", writer).Where(static p => p.Key != "form-1-id").ToList();
        if (key is not null)
        {
            rows.Add(new("form-1-id", key));
        }

        var response = await PostAsync(writer, 2, 2, Row(0, first, "Guard 1", $"guard-{kind}-1", writer), rows);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<ul class=\"errorlist nonfield\"><li>{NotOneOfThem}</li></ul>", page);
        Assert.Equal($"Guard {kind} 1|guard-{kind}-1\nGuard {kind} 2|guard-{kind}-2", await TitlesAsync(writer));
        Assert.Equal($"Victim {kind} 1|victim-{kind}-1\nVictim {kind} 2|victim-{kind}-2", await TitlesAsync(otherFirst, byArticle: true));
        _ = second;
    }

    [Fact]
    public async Task A_taken_unique_value_undoes_the_whole_save()
    {
        var (writer, first, second) = await WriterWithTwoArticlesAsync("Undo");
        await WriterWithTwoArticlesAsync("Taken");

        // The first row is deleted, then the second's new slug is another writer's: the deletion is undone with it.
        var response = await PostAsync(writer, 3, 2,
            Row(0, first, "Undo 1", "undo-1", writer, delete: true),
            Row(1, second, "Undo 2", "taken-1", writer),
            Row(2, null, "Undo 3", "undo-3", writer));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_form-1-slug_error\"><li>Article with this Slug already exists.</li></ul>", page);
        Assert.Equal("Undo 1|undo-1\nUndo 2|undo-2", await TitlesAsync(writer));
    }

    [Fact]
    public async Task A_tampered_management_form_changes_nothing()
    {
        var (writer, first, _) = await WriterWithTwoArticlesAsync("Tamper");

        var response = await app.Client.PostAsync($"/writers/{writer}/articles/", new FormUrlEncodedContent(
            Row(0, first, "Tampered", "tamper-x", writer).Append(new("form-TOTAL_FORMS", "x")).Append(new("form-INITIAL_FORMS", "1"))));

        Assert.Contains("ManagementForm data is missing or has been tampered with.", await response.Content.ReadAsStringAsync());
        Assert.Equal("Tamper 1|tamper-1\nTamper 2|tamper-2", await TitlesAsync(writer));
    }

    [Fact]
    public async Task Mistakes_in_the_app_are_said_plainly()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();

        var noRow = Assert.Throws<ArgumentException>(() => FormSet.Create<ArticleForm>(initial: [new ArticleForm()]));
        Assert.Contains("The initial form 0 of a formset of ArticleForm shows no row: set each initial form's Instance", noRow.Message);

        var invalid = FormSet.Bind<ArticleForm>(new FormCollection(new() { ["form-TOTAL_FORMS"] = "1", ["form-INITIAL_FORMS"] = "0", ["form-0-title"] = "t" }));
        Assert.Contains("Only a valid formset is saved", (await Assert.ThrowsAsync<InvalidOperationException>(() => invalid.SaveAsync(db))).Message);

        var plain = FormSet.Create<ArticleEntryForm>();
        Assert.Contains("ArticleEntryForm isn't a model form", (await Assert.ThrowsAsync<InvalidOperationException>(() => plain.SaveAsync(db))).Message);
    }

    private async Task<(int Writer, int First, int Second)> WriterWithTwoArticlesAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var writer = await db.Writers.CreateAsync(new Writer { Name = name });
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        var first = await db.Articles.CreateAsync(new Article { Title = name + " 1", Slug = slug + "-1", Body = "b", WriterId = writer.Id });
        var second = await db.Articles.CreateAsync(new Article { Title = name + " 2", Slug = slug + "-2", Body = "b", WriterId = writer.Id });
        return (writer.Id, first.Id, second.Id);
    }

    /// <summary>The titles and slugs of a writer's articles (or of the writer of <paramref name="id"/>'s article), one per line.</summary>
    private async Task<string> TitlesAsync(int id, bool byArticle = false)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var writer = byArticle ? (await db.Articles.GetAsync(id)).WriterId : id;
        var rows = await db.Articles.Filter(a => a.WriterId.Exact(writer)).OrderBy(static a => a.Id).ToListAsync();
        return string.Join("\n", rows.Select(static a => $"{a.Title}|{a.Slug}"));
    }

    private static List<KeyValuePair<string, string>> Row(int index, int? id, string title, string slug, int writer, bool delete = false)
    {
        var prefix = "form-" + index.ToString(CultureInfo.InvariantCulture) + "-";
        var row = new List<KeyValuePair<string, string>>
        {
            new(prefix + "title", title), new(prefix + "slug", slug), new(prefix + "year", "2024"), new(prefix + "body", "b"),
            new(prefix + "writer", writer.ToString(CultureInfo.InvariantCulture)),
        };
        if (id is { } key)
        {
            row.Add(new(prefix + "id", key.ToString(CultureInfo.InvariantCulture)));
        }

        if (delete)
        {
            row.Add(new(prefix + "DELETE", "on"));
        }

        return row;
    }

    private Task<HttpResponseMessage> PostAsync(int writer, int total, int initial, params List<KeyValuePair<string, string>>[] rows) =>
        app.Client.PostAsync($"/writers/{writer}/articles/", new FormUrlEncodedContent(rows.SelectMany(static r => r).Concat(
        [
            new("form-TOTAL_FORMS", total.ToString(CultureInfo.InvariantCulture)),
            new("form-INITIAL_FORMS", initial.ToString(CultureInfo.InvariantCulture)),
        ])));
}

public sealed class SqliteModelFormSetTests(DatabaseApp app) : ModelFormSetTests<DatabaseApp>(app);

public sealed class PostgreSqlModelFormSetTests(PostgreSqlDatabaseApp app) : ModelFormSetTests<PostgreSqlDatabaseApp>(app);
