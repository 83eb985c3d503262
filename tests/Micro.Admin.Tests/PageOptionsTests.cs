using System.Net;
using Micro.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin.Tests;

/// <summary>
/// The options of <c>[Admin]</c> that shape its pages, on the article admin: Django's <c>search_help_text</c>, <c>actions_on_top</c> and
/// <c>actions_on_bottom</c>, <c>list_max_show_all</c> ("Show all"), <c>save_on_top</c> and <c>empty_value_display</c>.
/// </summary>
public sealed class PageOptionsTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Articles = "/admin/newsroom/article/";

    [Fact]
    public async Task The_search_box_has_its_help_text_and_the_actions_are_above_and_below_the_rows()
    {
        using var browser = await server.LoggedInAsync("super");

        var page = await browser.GetStringAsync(Articles);

        Assert.Contains("<div class=\"help\" id=\"searchbar_helptext\">Finds words in the title or the body.</div>", page);
        Assert.Equal(2, PageAssert.Count(page, "<select name=\"action\">"));
        Assert.Contains("name=\"index\" value=\"0\">Go</button>", page);
        Assert.Contains("name=\"index\" value=\"1\">Go</button>", page);
        PageAssert.InOrder(page, "name=\"index\" value=\"0\"", "<table id=\"result_list\">", "name=\"index\" value=\"1\"");

        // The writers' list has Django's default: one menu, above the rows.
        var writers = await browser.GetStringAsync("/admin/newsroom/writer/");
        Assert.DoesNotContain("name=\"index\" value=\"1\"", writers);
    }

    [Theory]
    [InlineData("1", new[] { "", "feature" })]
    [InlineData("0", new[] { "feature", "" })]
    [InlineData("not a number", new[] { "feature", "" })]
    [InlineData("7", new[] { "feature", "" })]
    public async Task The_go_pressed_says_which_menu_the_action_comes_from(string index, string[] menus)
    {
        using var browser = await server.LoggedInAsync("super");
        var id = server.ArticleId("story-03");
        server.Query($"UPDATE \"Articles\" SET \"Featured\" = 0 WHERE \"Id\" = {id}");

        var response = await browser.PostAsync(Articles, ("action", menus[0]), ("action", menus[1]), ("index", index), ("_selected_action", id));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("1", server.Scalar($"SELECT \"Featured\" FROM \"Articles\" WHERE \"Id\" = {id}"));
    }

    [Fact]
    public async Task The_menu_not_pressed_runs_nothing()
    {
        using var browser = await server.LoggedInAsync("super");
        var id = server.ArticleId("story-05");
        server.Query($"UPDATE \"Articles\" SET \"Featured\" = 0 WHERE \"Id\" = {id}");

        // "feature" chosen in the top menu, but the bottom "Go" pressed with nothing chosen there.
        var response = await browser.PostAsync(Articles, ("action", "feature"), ("action", ""), ("index", "1"), ("_selected_action", id));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("0", server.Scalar($"SELECT \"Featured\" FROM \"Articles\" WHERE \"Id\" = {id}"));
        Assert.Contains("No action selected.", await browser.GetStringAsync(Articles));
    }

    [Fact]
    public async Task Show_all_lists_every_row_found_on_one_page_until_there_are_too_many()
    {
        using var browser = await server.LoggedInAsync("super");

        // Twelve articles, five a page: "Show all" beside the pages.
        var first = await browser.GetStringAsync(Articles);
        Assert.Contains("<a href=\"?all=\" class=\"showall\">Show all</a>", first);
        Assert.Equal(5, AdminServer.RowTitles(first).Count);

        var all = await browser.GetStringAsync(Articles + "?all=");
        Assert.Equal(12, AdminServer.RowTitles(all).Count);
        Assert.DoesNotContain("class=\"showall\"", all);
        Assert.DoesNotContain("class=\"this-page\"", all);

        // The filters and the order stay; the page doesn't.
        var filtered = await browser.GetStringAsync(Articles + "?featured__exact=1&o=1&p=2");
        Assert.Contains("<a href=\"?featured__exact=1&amp;o=1&amp;all=\" class=\"showall\">Show all</a>", filtered);
        Assert.Equal(6, AdminServer.RowTitles(await browser.GetStringAsync(Articles + "?featured__exact=1&o=1&all=")).Count);

        // A page's worth or fewer: no link, since there is one page.
        Assert.DoesNotContain("class=\"showall\"", await browser.GetStringAsync(Articles + "?q=needle"));
    }

    [Fact]
    public async Task Show_all_is_not_offered_past_list_max_show_all_and_asking_for_it_pages_as_usual()
    {
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Db>();
            var writer = await db.Writers.CreateAsync(new AdminApp.Writer { Name = "Prolific", Email = "prolific@example.com" });
            for (var i = 0; i < 9; i++)
            {
                await db.Articles.CreateAsync(new AdminApp.Article { Title = $"Extra {i}", Slug = $"extra-{i}", WriterId = writer.Id, Published = DateTime.UtcNow });
            }
        }

        using var browser = await server.LoggedInAsync("super");

        // 21 articles, over the admin's ListMaxShowAll of 20.
        Assert.DoesNotContain("class=\"showall\"", await browser.GetStringAsync(Articles));
        Assert.Equal(5, AdminServer.RowTitles(await browser.GetStringAsync(Articles + "?all=")).Count);
    }

    [Fact]
    public async Task The_change_page_has_its_buttons_on_top_and_empty_values_as_the_admin_says()
    {
        using var browser = await server.LoggedInAsync("super");

        var page = await browser.GetStringAsync($"{Articles}{server.ArticleId("story-01")}/change/");

        Assert.Equal(2, PageAssert.Count(page, "<div class=\"submit-row\">"));
        PageAssert.InOrder(page, "<div class=\"submit-row\">", "field-title", "<div class=\"submit-row\">");
        Assert.Contains("<label>Kicker:</label><div class=\"readonly\">(empty)</div>", page);
        Assert.Contains("<label>Kicker:</label><div class=\"readonly\">Featured story</div>", await browser.GetStringAsync($"{Articles}{server.ArticleId("story-02")}/change/"));

        // The writers' page has Django's defaults: buttons below only.
        Assert.Equal(1, PageAssert.Count(await browser.GetStringAsync("/admin/newsroom/writer/add/"), "<div class=\"submit-row\">"));
    }
}
