using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>
/// <c>RawIdFields</c> (Django's <c>raw_id_fields</c>): a comment's article edited as the article's key in a box, with no select of every
/// article; the key posted is looked for in the table, and anything else is an error on the field, never a 500 or a dangling reference.
/// </summary>
public sealed class RawIdTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Comments = "/admin/newsroom/comment/";

    [Fact]
    public async Task The_reference_is_a_box_holding_the_key_and_no_row_is_listed()
    {
        using var browser = await server.LoggedInAsync("super");
        var comment = server.Scalar("SELECT \"Id\" FROM \"Comments\" WHERE \"Text\" = 'First!'");

        var page = await browser.GetStringAsync($"{Comments}{comment}/change/");

        var article = server.ArticleId("story-01");
        Assert.Contains($"<input type=\"number\" name=\"article\" value=\"{article}\" required id=\"id_article\">", page);
        Assert.DoesNotContain("<select name=\"article\"", page);
        Assert.DoesNotContain("Story 12", page);

        // As Django's ForeignKeyRawIdWidget: a link to look keys up in the articles' list, and the name of the article the key points to.
        Assert.Contains(Lookup + $"&nbsp;<strong><a href=\"/admin/newsroom/article/{article}/change/\">Story 01</a></strong>", page);
        var add = await browser.GetStringAsync(Comments + "add/");
        Assert.Contains("<input type=\"number\" name=\"article\" required id=\"id_article\">" + Lookup + "</div>", add);
    }

    [Fact]
    public async Task The_lookup_list_in_a_popup_links_each_row_to_its_key_and_keeps_to_its_rows()
    {
        using var browser = await server.LoggedInAsync("super");
        var comment = server.Scalar("SELECT \"Id\" FROM \"Comments\" WHERE \"Text\" = 'First!'");
        Assert.Contains("<script src=\"/admin/static/related.js\" defer></script>", await browser.GetStringAsync($"{Comments}{comment}/change/"));

        var list = await browser.GetStringAsync("/admin/newsroom/article/?_popup=1");

        // As Django's popup: each row's link carries its key for the page that opened it; no header, actions, list edits or add link.
        var story = server.ArticleId("story-12");
        Assert.Contains($"<a href=\"/admin/newsroom/article/{story}/change/\" data-popup-opener=\"{story}\">Story 12</a>", list);
        Assert.Contains("<script src=\"/admin/static/related.js\" defer></script>", list);
        Assert.Contains("<body class=\" popup\">", list);
        Assert.Contains("<h1>Select article</h1>", list);
        Assert.DoesNotContain("id=\"header\"", list);
        Assert.DoesNotContain("_selected_action", list);
        Assert.DoesNotContain("name=\"action\"", list);
        Assert.DoesNotContain("Add article", list);
        Assert.DoesNotContain("results (", list); // Being a popup is not a filter.

        // Its search, pages and filters stay in the popup.
        Assert.Contains("<input type=\"hidden\" name=\"_popup\" value=\"1\">", list);
        Assert.Contains("<a href=\"?_popup=1&amp;p=2\">2</a>", list);
        var searched = await browser.GetStringAsync("/admin/newsroom/article/?_popup=1&q=Story+07");
        Assert.Contains($"data-popup-opener=\"{server.ArticleId("story-07")}\">Story 07</a>", searched);
        Assert.Single(searched.Split("data-popup-opener=").Skip(1));

        // A post to the popup's list runs nothing.
        var posted = await browser.PostAsync("/admin/newsroom/article/?_popup=1", ("action", "delete_selected"), ("_selected_action", story), ("index", "0"), ("post", "yes"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("1", server.Scalar($"SELECT COUNT(*) FROM \"Articles\" WHERE \"Id\" = {story}"));
    }

    [Fact]
    public async Task Only_a_user_who_may_see_the_target_gets_its_names_and_list()
    {
        using var browser = await server.LoggedInAsync("moderator");
        var comment = server.Scalar("SELECT \"Id\" FROM \"Comments\" WHERE \"Text\" = 'First!'");

        var page = await browser.GetStringAsync($"{Comments}{comment}/change/");

        Assert.Contains("name=\"article\"", page);
        Assert.DoesNotContain("related-lookup", page);
        Assert.DoesNotContain("Story 01", page);
    }

    private const string Lookup = "<a href=\"/admin/newsroom/article/\" class=\"related-lookup\" id=\"lookup_id_article\" title=\"Lookup\" target=\"_blank\" rel=\"noopener\">Lookup</a>";

    [Fact]
    public async Task A_key_that_names_a_row_saves()
    {
        using var browser = await server.LoggedInAsync("super");
        var article = server.ArticleId("story-07");

        var response = await browser.PostAsync(Comments + "add/", ("article", $" {article} "), ("text", "Raw and right"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(article, server.Scalar("SELECT \"ArticleId\" FROM \"Comments\" WHERE \"Text\" = 'Raw and right'"));
    }

    [Theory]
    [InlineData("999999", "Select a valid choice. That choice is not one of the available choices.")]
    [InlineData("0", "Select a valid choice. That choice is not one of the available choices.")]
    [InlineData("-3", "Select a valid choice. That choice is not one of the available choices.")]
    [InlineData("abc", "Enter a whole number.")]
    [InlineData("1 OR 1=1", "Enter a whole number.")]
    [InlineData("99999999999999999999", "Ensure this value is less than or equal to 2147483647.")]
    [InlineData("", "This field is required.")]
    public async Task A_key_that_names_no_row_is_an_error_on_the_field_and_nothing_is_saved(string key, string message)
    {
        using var browser = await server.LoggedInAsync("super");
        var text = "Dangling " + Math.Abs(key.GetHashCode());

        var response = await browser.PostAsync(Comments + "add/", ("article", key), ("text", text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<ul class=\"errorlist\" id=\"id_article_error\"><li>{message}</li></ul>", page);
        Assert.Contains(Lookup + "</div>", page); // No row is named for a key that names none.
        Assert.DoesNotContain("&nbsp;<strong>", page);
        Assert.Equal("0", server.Scalar($"SELECT COUNT(*) FROM \"Comments\" WHERE \"Text\" = '{text}'"));
    }
}
