using System.Net;
using Micro.Admin.Tests.Infrastructure;
using static Micro.Admin.Tests.Infrastructure.PostedForm;
using Micro.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin.Tests;

/// <summary>
/// Inlines (<c>[AdminInline(typeof(Comment))]</c>, Django's <c>TabularInline</c>): an article's comments and a writer's articles edited on
/// their change and add pages, posted back as a browser posts the page; hostile management forms and keys; who may do what.
/// </summary>
public sealed class InlineTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Articles = "/admin/newsroom/article/";
    private const string Writers = "/admin/newsroom/writer/";

    private static string Change(string id) => $"{Articles}{id}/change/";

    private List<string> Comments(string articleId) => server.Query($"SELECT \"Text\" FROM \"Comments\" WHERE \"ArticleId\" = {articleId} ORDER BY \"Id\"");

    private string CommentId(string text) => server.Scalar($"SELECT \"Id\" FROM \"Comments\" WHERE \"Text\" = '{text}'");

    /// <summary>A new article with comments of its own, so each test changes rows no other test reads.</summary>
    private async Task<string> ArticleWithCommentsAsync(string slug, params string[] comments)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var article = await db.Articles.CreateAsync(new AdminApp.Article
        {
            Title = slug,
            Slug = slug,
            Body = "body",
            Published = new DateTime(2024, 3, 1, 9, 30, 0, DateTimeKind.Utc),
            WriterId = int.Parse(server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = 'Ada'")),
        });
        foreach (var text in comments)
        {
            await db.Comments.CreateAsync(new AdminApp.Comment { ArticleId = article.Id, Text = text });
        }

        return article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task CreateUserAsync(string name, params string[] permissions)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var auth = scope.ServiceProvider.GetRequiredService<AuthDb>();
        var user = await auth.CreateUserAsync(name, $"{name}@example.com", AdminServer.Password);
        user.IsStaff = true;
        await auth.Users.SaveAsync(user);
        await auth.GrantAsync(user, [.. permissions.Select(p => $"{AdminServer.Label}.{p}")]);
    }

    [Fact]
    public async Task The_change_page_shows_the_rows_with_their_keys_and_empty_forms_for_new_ones()
    {
        var id = await ArticleWithCommentsAsync("shown", "Nice piece", "<b>bold</b> claim");
        using var editor = await server.LoggedInAsync("editor");

        var page = await editor.GetStringAsync(Change(id));

        Assert.Contains("<h2>Comments</h2>", page);
        Assert.Contains("<input type=\"hidden\" name=\"comment_set-TOTAL_FORMS\" value=\"4\" id=\"id_comment_set-TOTAL_FORMS\">", page);
        Assert.Contains("<input type=\"hidden\" name=\"comment_set-INITIAL_FORMS\" value=\"2\"", page);
        Assert.Contains("<input type=\"hidden\" name=\"comment_set-MAX_NUM_FORMS\" value=\"1000\"", page);
        Assert.Contains($"<input type=\"hidden\" name=\"comment_set-0-id\" value=\"{CommentId("Nice piece")}\" id=\"id_comment_set-0-id\">", page);
        Assert.Contains("<p>Comment: Nice piece</p>", page);
        Assert.Contains("<input type=\"text\" name=\"comment_set-0-text\" value=\"Nice piece\" maxlength=\"500\" id=\"id_comment_set-0-text\">", page);

        // What a comment says is escaped, in its name and in its field.
        Assert.Contains("<p>Comment: &lt;b&gt;bold&lt;/b&gt; claim</p>", page);
        Assert.DoesNotContain("<b>bold</b>", page);

        // Two empty forms (Extra = 2), with no key and no delete box.
        Assert.Contains("<input type=\"text\" name=\"comment_set-3-text\" maxlength=\"500\" id=\"id_comment_set-3-text\">", page);

        // Django's empty form, which the admin's script copies for "Add another" (hidden until the script shows it).
        Assert.Contains("<template class=\"empty-form\">", page);
        Assert.Contains("<input type=\"text\" name=\"comment_set-__prefix__-text\" maxlength=\"500\" id=\"id_comment_set-__prefix__-text\">", page);
        Assert.Contains("<tr class=\"add-row\" hidden><td colspan=\"6\"><a href=\"#\">Add another Comment</a></td></tr>", page);
        Assert.Contains("<script src=\"/admin/static/inlines.js\" defer></script>", page);
        Assert.DoesNotContain("comment_set-2-id", page);
        Assert.Contains("<input type=\"checkbox\" name=\"comment_set-1-DELETE\"", page);
        Assert.DoesNotContain("comment_set-2-DELETE", page);
    }

    [Fact]
    public async Task One_save_changes_adds_and_deletes_rows_and_the_history_says_so()
    {
        var id = await ArticleWithCommentsAsync("edited", "Keep me", "Fix me", "Drop me");
        using var editor = await server.LoggedInAsync("editor");
        var fields = Fields(await editor.GetStringAsync(Change(id)));

        var response = await editor.PostAsync(Change(id), With(fields,
            ("title", "Edited"),
            ("comment_set-1-text", "Fixed"),
            ("comment_set-2-DELETE", "on"),
            ("comment_set-3-text", "  Brand new  ")));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(["Keep me", "Fixed", "Brand new"], Comments(id));
        var history = await editor.GetStringAsync($"{Articles}{id}/history/");
        Assert.Contains("Changed Title. Added comment “Brand new”. Changed Text for comment “Fixed”. Deleted comment “Drop me”.", WebUtility.HtmlDecode(history));
    }

    [Fact]
    public async Task Empty_forms_left_as_shown_add_nothing_and_an_unchanged_page_changes_nothing()
    {
        var id = await ArticleWithCommentsAsync("unchanged", "Only one");
        using var editor = await server.LoggedInAsync("editor");
        var fields = Fields(await editor.GetStringAsync(Change(id)));
        Assert.Contains(("comment_set-2-text", ""), fields);

        var response = await editor.PostAsync(Change(id), [.. fields]);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(["Only one"], Comments(id));
        Assert.Contains("No fields changed.", await editor.GetStringAsync($"{Articles}{id}/history/"));
    }

    [Fact]
    public async Task A_row_with_an_error_is_shown_again_and_nothing_is_saved()
    {
        var id = await ArticleWithCommentsAsync("invalid", "Stays");
        using var editor = await server.LoggedInAsync("editor");
        var fields = Fields(await editor.GetStringAsync(Change(id)));

        var response = await editor.PostAsync(Change(id), With(fields,
            ("title", "Not saved either"),
            ("comment_set-0-text", "Changed but not saved"),
            ("comment_set-1-text", new string('x', 501)),
            ("comment_set-2-text", "<script>alert(1)</script>")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Please correct the error below.", page);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_comment_set-1-text_error\"><li>Ensure this value has at most 500 characters (it has 501).</li></ul>", page);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.Equal(["Stays"], Comments(id));
        Assert.Equal("invalid", server.Scalar($"SELECT \"Title\" FROM \"Articles\" WHERE \"Id\" = {id}"));
    }

    [Fact]
    public async Task A_writer_is_added_with_articles_and_a_taken_slug_saves_neither()
    {
        using var browser = await server.LoggedInAsync("super");
        var fields = Fields(await browser.GetStringAsync(Writers + "add/"));
        Assert.Contains(("article_set-TOTAL_FORMS", "1"), fields);
        var writers = server.Scalar("SELECT COUNT(*) FROM \"Writers\"");

        var taken = await browser.PostAsync(Writers + "add/", With(fields,
            ("name", "Hedy"), ("email", "hedy@example.com"),
            ("article_set-0-title", "Frequency hopping"), ("article_set-0-slug", "story-01"), ("article_set-0-status", "Published"),
            ("article_set-0-published", "2024-02-03T04:05")));

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("<li>Article with this Slug already exists.</li>", await taken.Content.ReadAsStringAsync());
        Assert.Equal(writers, server.Scalar("SELECT COUNT(*) FROM \"Writers\""));

        var added = await browser.PostAsync(Writers + "add/", With(fields,
            ("name", "Hedy"), ("email", "hedy@example.com"),
            ("article_set-0-title", "Frequency hopping"), ("article_set-0-slug", "frequency-hopping"), ("article_set-0-status", "Published"),
            ("article_set-0-published", "2024-02-03T04:05")));

        Assert.Equal(HttpStatusCode.Found, added.StatusCode);
        Assert.Equal("Hedy", server.Scalar("SELECT w.\"Name\" FROM \"Articles\" a JOIN \"Writers\" w ON w.\"Id\" = a.\"WriterId\" WHERE a.\"Slug\" = 'frequency-hopping'"));
        Assert.Equal("1", server.Scalar("SELECT \"Status\" FROM \"Articles\" WHERE \"Slug\" = 'frequency-hopping'"));
    }

    [Fact]
    public async Task A_stacked_inline_shows_each_row_as_a_block_of_labelled_fields()
    {
        using var browser = await server.LoggedInAsync("super");
        var grace = server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = 'Grace'");
        var first = server.Scalar($"SELECT \"Title\" FROM \"Articles\" WHERE \"WriterId\" = {grace} ORDER BY \"Id\" LIMIT 1");

        var page = await browser.GetStringAsync($"{Writers}{grace}/change/");

        Assert.Contains("<fieldset class=\"module stacked\">", page);
        Assert.Contains($"<div class=\"inline-related has_original\" id=\"article_set-0\">\n      <h3><b>Article:</b> <span class=\"inline_label\">{first}</span> " +
            "<span class=\"delete\"><input type=\"checkbox\" name=\"article_set-0-DELETE\" id=\"id_article_set-0-DELETE\"> <label for=\"id_article_set-0-DELETE\">Delete</label></span></h3>", page);
        Assert.Contains("<label for=\"id_article_set-0-title\" class=\"required\">Title:</label>", page);
        var add = await browser.GetStringAsync(Writers + "add/");
        Assert.Contains("<span class=\"inline_label\">#1</span>", add);

        // The empty form "Add another" copies, numbered by the script; Grace's page is at MaxNum (4), so it has none.
        Assert.Contains("<div class=\"inline-related\" id=\"article_set-__prefix__\">\n      <h3><b>Article:</b> <span class=\"inline_label\">#__num__</span></h3>", add);
        Assert.Contains("<div class=\"add-row\" hidden><a href=\"#\">Add another Article</a></div>", add);
        Assert.DoesNotContain("empty-form", page);

        // A writer page the user may only view: the articles as labelled text.
        using var editor = await server.LoggedInAsync("editor");
        var viewed = await editor.GetStringAsync($"{Writers}{grace}/change/");
        Assert.Contains($"<div class=\"form-row\"><label>Title:</label><div class=\"readonly\">{first}</div></div>", viewed);
        Assert.DoesNotContain("article_set-0-title", viewed);
    }

    [Fact]
    public async Task MaxNum_stops_new_rows_but_never_the_saved_ones()
    {
        // Grace has four articles and her page edits at most four: no empty form, a new row refused, the saved ones still edited.
        using var browser = await server.LoggedInAsync("super");
        var grace = server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = 'Grace'");
        var page = await browser.GetStringAsync($"{Writers}{grace}/change/");
        var fields = Fields(page);
        Assert.Contains(("article_set-TOTAL_FORMS", "4"), fields);
        Assert.Contains("name=\"article_set-3-title\"", page);
        Assert.DoesNotContain("article_set-4-title", page);

        var refused = await browser.PostAsync($"{Writers}{grace}/change/", With(fields,
            ("article_set-TOTAL_FORMS", "5"), ("article_set-4-title", "One more"), ("article_set-4-slug", "one-more"),
            ("article_set-4-status", "Draft"), ("article_set-4-published", "2024-02-03T04:05")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<ul class=\"errorlist nonform\"><li>Please submit at most 4 forms.</li></ul>", await refused.Content.ReadAsStringAsync());
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM \"Articles\" WHERE \"Slug\" = 'one-more'"));

        var edited = await browser.PostAsync($"{Writers}{grace}/change/", With(fields, ("email", "grace@hopper.example"), ("article_set-3-title", "Retitled")));
        Assert.Equal(HttpStatusCode.Found, edited.StatusCode);
        Assert.Equal("grace@hopper.example", server.Scalar($"SELECT \"Email\" FROM \"Writers\" WHERE \"Id\" = {grace}"));
        Assert.Equal("1", server.Scalar($"SELECT COUNT(*) FROM \"Articles\" WHERE \"WriterId\" = {grace} AND \"Title\" = 'Retitled'"));
    }

    [Theory]
    [InlineData("another article's comment")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999999999999")]
    [InlineData("1 OR 1=1")]
    [InlineData("twice")]
    public async Task A_key_that_is_not_one_of_the_rows_is_refused_and_nothing_changes(string key)
    {
        var id = await ArticleWithCommentsAsync("keys-" + Math.Abs(key.GetHashCode()), "Mine");
        var other = await ArticleWithCommentsAsync("others-" + Math.Abs(key.GetHashCode()), "Theirs " + key.GetHashCode());
        var theirs = server.Scalar($"SELECT \"Id\" FROM \"Comments\" WHERE \"ArticleId\" = {other}");
        var mine = server.Scalar($"SELECT \"Id\" FROM \"Comments\" WHERE \"ArticleId\" = {id}");
        using var editor = await server.LoggedInAsync("editor");
        var fields = Fields(await editor.GetStringAsync(Change(id)));

        var posted = key switch
        {
            "another article's comment" => With(fields, ("comment_set-1-id", theirs), ("comment_set-1-text", "Hijacked")),
            "twice" => With(fields, ("comment_set-1-id", mine), ("comment_set-1-text", "Twice")),
            _ => With(fields, ("comment_set-1-id", key), ("comment_set-1-text", "Odd key")),
        };
        var response = await editor.PostAsync(Change(id), posted);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("(Hidden field id) Select a valid choice. That choice is not one of the available choices.", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Mine"], Comments(id));
        Assert.Equal(["Theirs " + key.GetHashCode()], Comments(other));
    }

    [Theory]
    [InlineData("", "0")]
    [InlineData("abc", "0")]
    [InlineData("-1", "0")]
    [InlineData("1e3", "0")]
    [InlineData("99999999999999", "0")]
    [InlineData("2001", "0")]
    [InlineData("3", null)]
    public async Task A_tampered_management_form_is_an_error_on_the_page_not_a_crash(string total, string? initial)
    {
        var id = await ArticleWithCommentsAsync("managed-" + Math.Abs((total + initial).GetHashCode()), "Untouched");
        using var editor = await server.LoggedInAsync("editor");
        var fields = Fields(await editor.GetStringAsync(Change(id)));

        var response = await editor.PostAsync(Change(id), With(Without(fields, static n => n.EndsWith("_FORMS", StringComparison.Ordinal)),
            [("comment_set-TOTAL_FORMS", total), .. initial is null ? Array.Empty<(string, string)>() : [("comment_set-INITIAL_FORMS", initial)], ("comment_set-0-text", "Changed")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(total == "2001"
            ? "<li>Please submit at most 1000 forms.</li>"
            : "<li>ManagementForm data is missing or has been tampered with. Missing fields: comment_set-TOTAL_FORMS, comment_set-INITIAL_FORMS. You may need to file a bug report if the issue persists.</li>", page);
        Assert.Equal(["Untouched"], Comments(id));
    }

    [Fact]
    public async Task A_post_without_the_inline_saves_the_row_and_leaves_its_rows_alone()
    {
        var id = await ArticleWithCommentsAsync("no-inline", "Left alone");
        using var editor = await server.LoggedInAsync("editor");
        var fields = Fields(await editor.GetStringAsync(Change(id)));

        var response = await editor.PostAsync(Change(id), With(Without(fields, static n => n.StartsWith("comment_set-", StringComparison.Ordinal)), ("title", "Row only")));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("Row only", server.Scalar($"SELECT \"Title\" FROM \"Articles\" WHERE \"Id\" = {id}"));
        Assert.Equal(["Left alone"], Comments(id));
    }

    [Fact]
    public async Task The_inline_follows_the_users_permissions_on_its_own_model()
    {
        var id = await ArticleWithCommentsAsync("permissions", "Guarded");

        // Without any permission on comments there is no inline.
        using var viewer = await server.LoggedInAsync("viewer");
        Assert.DoesNotContain("comment_set", await viewer.GetStringAsync(Change(id)));

        // The view permission alone: the rows as text, no empty form, no delete box; what a hostile post sends for them is ignored.
        await CreateUserAsync("reader", "view_article", "change_article", "view_comment");
        using var reader = await server.LoggedInAsync("reader");
        var page = await reader.GetStringAsync(Change(id));
        Assert.Contains("<p class=\"readonly\">Guarded</p>", page);
        Assert.DoesNotContain("name=\"comment_set-0-text\"", page);
        Assert.DoesNotContain("DELETE", page);
        Assert.DoesNotContain("empty-form", page);
        var fields = Fields(page);
        var response = await reader.PostAsync(Change(id), With(fields,
            ("comment_set-TOTAL_FORMS", "2"), ("comment_set-0-text", "Changed"), ("comment_set-0-DELETE", "on"), ("comment_set-1-text", "Added")));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(["Guarded"], Comments(id));

        // Change without delete: edited, never deleted.
        await CreateUserAsync("changer", "view_article", "change_article", "change_comment");
        using var changer = await server.LoggedInAsync("changer");
        var changerFields = Fields(await changer.GetStringAsync(Change(id)));
        Assert.DoesNotContain(changerFields, f => f.Name.EndsWith("-DELETE", StringComparison.Ordinal));
        await changer.PostAsync(Change(id), With(changerFields, ("comment_set-0-text", "Reworded"), ("comment_set-0-DELETE", "on")));
        Assert.Equal(["Reworded"], Comments(id));

        // A view-only page of the article shows its comments as text.
        await CreateUserAsync("onlooker", "view_article", "view_comment");
        using var onlooker = await server.LoggedInAsync("onlooker");
        var readOnly = await onlooker.GetStringAsync(Change(id));
        Assert.Contains("<p class=\"readonly\">Reworded</p>", readOnly);
        Assert.DoesNotContain("comment_set-TOTAL_FORMS", readOnly);
    }

    [Fact]
    public async Task Save_as_new_copies_the_rows_to_the_new_row_and_leaves_the_shown_ones()
    {
        var id = await ArticleWithCommentsAsync("original", "Copied", "Not copied");
        using var editor = await server.LoggedInAsync("editor");
        var fields = Fields(await editor.GetStringAsync(Change(id)));

        var response = await editor.PostAsync(Change(id), With(fields,
            ("slug", "the-copy"), ("comment_set-1-DELETE", "on"), ("comment_set-2-text", "New on the copy"), ("_saveasnew", "Save as new")));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var copy = server.Scalar("SELECT \"Id\" FROM \"Articles\" WHERE \"Slug\" = 'the-copy'");
        Assert.Equal(["Copied", "New on the copy"], Comments(copy));
        Assert.Equal(["Copied", "Not copied"], Comments(id));
    }
}
