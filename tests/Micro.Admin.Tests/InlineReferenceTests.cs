using System.Net;
using System.Text.RegularExpressions;
using Micro.Admin.Tests.Infrastructure;
using Micro.Auth;
using Microsoft.Extensions.DependencyInjection;
using static Micro.Admin.Tests.Infrastructure.PostedForm;

namespace Micro.Admin.Tests;

/// <summary>
/// An inline's references that load no options (<c>[AdminInline(typeof(Comment), AutocompleteFields = ..., RawIdFields = ...)]</c>, Django's
/// inline <c>autocomplete_fields</c> and <c>raw_id_fields</c>) and its prepopulated fields: an article's comments name the writer who
/// answered (a search) and the one who approved (a key), each row and the empty form alike; the keys posted are checked; the search
/// answers for the inline's field only.
/// </summary>
public sealed partial class InlineReferenceTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Articles = "/admin/newsroom/article/";
    private const string Search = "/admin/autocomplete/?app_label=newsroom&model_name=comment&field_name=";

    private string Writer(string name) => server.Scalar($"SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = '{name}'");

    /// <summary>A new article with one comment, answered by Ada and approved by Grace.</summary>
    private async Task<string> ArticleAsync(string slug)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var article = await db.Articles.CreateAsync(new AdminApp.Article
        {
            Title = slug,
            Slug = slug,
            Body = "body",
            Published = new DateTime(2024, 3, 1, 9, 30, 0, DateTimeKind.Utc),
            WriterId = int.Parse(Writer("Ada")),
        });
        await db.Comments.CreateAsync(new AdminApp.Comment { ArticleId = article.Id, Text = "Answered", ReplierId = int.Parse(Writer("Ada")), ApproverId = int.Parse(Writer("Grace")) });
        return article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Each_row_has_a_search_for_its_replier_and_a_key_box_naming_its_approver()
    {
        var id = await ArticleAsync("inline-widgets");
        string clipping;
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Db>();
            clipping = (await db.Clippings.CreateAsync(new AdminApp.Clipping { Title = "Quoted", Scan = "clippings/quoted.png" })).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var super = await server.LoggedInAsync("super");

        var page = await super.GetStringAsync($"{Articles}{id}/change/");

        // The clipping is an ordinary select, its options loaded once for every row; each row's replier still holds its own writer.
        Assert.Contains(clipping, Options(page, "comment_set-0-clipping"));
        Assert.Contains(clipping, Options(page, "comment_set-1-clipping"));

        // The replier's select holds only the writer chosen (no other writer is loaded), with the search box beside it.
        Assert.Equal(["", Writer("Ada")], Options(page, "comment_set-0-replier"));
        Assert.Contains("<input type=\"search\" class=\"autocomplete-search\" data-url=\"" + Search.Replace("&", "&amp;", StringComparison.Ordinal) + "replier\" data-for=\"id_comment_set-0-replier\"", page);
        // The approver is a key, with Django's lookup link and the name of the writer it points to.
        Assert.Contains($"<input type=\"number\" name=\"comment_set-0-approver\" value=\"{Writer("Grace")}\" id=\"id_comment_set-0-approver\">"
            + "<a href=\"/admin/newsroom/writer/\" class=\"related-lookup\" id=\"lookup_id_comment_set-0-approver\" title=\"Lookup\" target=\"_blank\" rel=\"noopener\">Lookup</a>"
            + $"&nbsp;<strong><a href=\"/admin/newsroom/writer/{Writer("Grace")}/change/\">Grace</a></strong>", page);

        // The empty rows and the form "Add another" copies have theirs too, and the page loads the scripts they need.
        Assert.Equal([""], Options(page, "comment_set-1-replier"));
        Assert.Contains("data-for=\"id_comment_set-__prefix__-replier\"", page);
        Assert.Contains("id=\"lookup_id_comment_set-__prefix__-approver\"", page);
        Assert.Contains("<script src=\"/admin/static/autocomplete.js\" defer></script>", page);
        Assert.Contains("<script src=\"/admin/static/related.js\" defer></script>", page);
    }

    [Fact]
    public async Task A_user_who_may_not_view_writers_gets_neither_the_search_nor_the_lookup()
    {
        var id = await ArticleAsync("inline-no-writers");
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var auth = scope.ServiceProvider.GetRequiredService<AuthDb>();
            var user = await auth.CreateUserAsync("commenter", "commenter@example.com", AdminServer.Password);
            user.IsStaff = true;
            await auth.Users.SaveAsync(user);
            await auth.GrantAsync(user, [.. new[] { "view_article", "change_article", "view_comment", "change_comment", "add_comment" }.Select(p => $"{AdminServer.Label}.{p}")]);
        }

        using var commenter = await server.LoggedInAsync("commenter");
        var page = await commenter.GetStringAsync($"{Articles}{id}/change/");

        Assert.Equal(["", Writer("Ada")], Options(page, "comment_set-0-replier"));
        Assert.DoesNotContain("autocomplete-search", page);
        Assert.DoesNotContain("related-lookup", page);
        Assert.DoesNotContain("<strong><a href=\"/admin/newsroom/writer/", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await commenter.GetAsync(Search + "replier&term=a")).StatusCode);
    }

    [Fact]
    public async Task The_search_answers_for_the_inlines_autocomplete_field_and_for_nothing_else()
    {
        using var super = await server.LoggedInAsync("super");

        var found = await super.GetStringAsync(Search + "replier&term=gra");
        Assert.Equal($"{{\"results\":[{{\"id\":\"{Writer("Grace")}\",\"text\":\"Grace\"}}],\"pagination\":{{\"more\":false}}}}", found);

        foreach (var query in new[]
        {
            Search + "approver&term=gra", // a raw id field, not a search
            Search + "text&term=gra",
            Search + "article&term=story",
            "/admin/autocomplete/?app_label=newsroom&model_name=commentary&field_name=replier&term=gra",
            "/admin/autocomplete/?app_label=auth&model_name=comment&field_name=replier&term=gra",
            "/admin/autocomplete/?model_name=comment&field_name=replier",
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await super.GetAsync(query)).StatusCode);
        }
    }

    [Theory]
    [InlineData("replier", "99999", "Select a valid choice. That choice is not one of the available choices.")]
    [InlineData("approver", "99999", "Select a valid choice. That choice is not one of the available choices.")]
    [InlineData("approver", "1 OR 1=1", "Enter a whole number.")]
    [InlineData("approver", "-1", "Select a valid choice. That choice is not one of the available choices.")]
    [InlineData("approver", "99999999999999999999", "Ensure this value is less than or equal to 2147483647.")]
    public async Task A_key_that_names_no_writer_is_an_error_on_its_row_and_nothing_is_saved(string field, string key, string error)
    {
        var slug = $"inline-bad-{field}-{(uint)key.GetHashCode(StringComparison.Ordinal)}";
        var id = await ArticleAsync(slug);
        using var super = await server.LoggedInAsync("super");
        var fields = Fields(await super.GetStringAsync($"{Articles}{id}/change/"));

        var response = await super.PostAsync($"{Articles}{id}/change/", With(fields, ("title", "Not saved"), ("comment_set-1-text", "New"), ($"comment_set-1-{field}", key)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<ul class=\"errorlist\" id=\"id_comment_set-1-{field}_error\"><li>{WebUtility.HtmlEncode(error)}</li></ul>", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Answered"], server.Query($"SELECT \"Text\" FROM \"Comments\" WHERE \"ArticleId\" = {id}"));
        Assert.Equal(slug, server.Scalar($"SELECT \"Title\" FROM \"Articles\" WHERE \"Id\" = {id}"));
    }

    [Fact]
    public async Task Keys_that_name_writers_save_with_the_row_new_and_changed()
    {
        var id = await ArticleAsync("inline-good-keys");
        using var super = await server.LoggedInAsync("super");
        var fields = Fields(await super.GetStringAsync($"{Articles}{id}/change/"));

        var response = await super.PostAsync($"{Articles}{id}/change/", With(fields,
            ("comment_set-0-approver", Writer("Ada")),
            ("comment_set-1-text", "New"), ("comment_set-1-replier", Writer("Grace")), ("comment_set-1-approver", Writer("Grace"))));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(
            [$"Answered|{Writer("Ada")}|{Writer("Ada")}", $"New|{Writer("Grace")}|{Writer("Grace")}"],
            server.Query($"SELECT \"Text\", \"ReplierId\", \"ApproverId\" FROM \"Comments\" WHERE \"ArticleId\" = {id} ORDER BY \"Id\""));
    }

    [Fact]
    public async Task The_slug_of_each_inline_row_and_of_the_rows_added_later_fills_from_its_title()
    {
        using var super = await server.LoggedInAsync("super");

        var page = await super.GetStringAsync("/admin/newsroom/writer/add/");

        var fields = WebUtility.HtmlDecode(DataFields().Match(page).Groups[1].Value);
        Assert.Equal(
            "[{\"id\":\"id_article_set-0-slug\",\"from\":[\"id_article_set-0-title\"],\"maxLength\":100},"
            + "{\"id\":\"id_article_set-__prefix__-slug\",\"from\":[\"id_article_set-__prefix__-title\"],\"maxLength\":100}]",
            fields);
    }

    /// <summary>The values of the options of the select named <paramref name="name"/>.</summary>
    private static List<string> Options(string page, string name)
    {
        var select = Regex.Match(page, $"<select name=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"No select {name}.");
        return [.. OptionValue().Matches(select.Groups[1].Value).Select(static m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();

    [GeneratedRegex("id=\"prepopulated-fields\" data-fields=\"([^\"]*)\"")]
    private static partial Regex DataFields();
}
