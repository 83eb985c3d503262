using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

public sealed class SqliteChangeListTests(AdminServer server) : ChangeListTests(server), IClassFixture<AdminServer>;

public sealed class PostgreSqlChangeListTests(PostgreSqlAdminServer server) : ChangeListTests(server), IClassFixture<PostgreSqlAdminServer>;

/// <summary>The change list over twelve articles, five to a page: ordering, pages, search, filters and date links, and bad query strings.</summary>
public abstract partial class ChangeListTests(AdminServer server)
{
    private const string List = "/admin/newsroom/article/";

    private async Task<string> PageAsync(string query)
    {
        using var browser = await server.LoggedInAsync("editor");
        return await browser.GetStringAsync(List + query);
    }

    private async Task<HttpResponseMessage> ResponseAsync(string query)
    {
        using var browser = await server.LoggedInAsync("editor");
        return await browser.GetAsync(List + query);
    }

    [Fact]
    public async Task The_first_page_follows_the_model_ordering_and_counts_every_row()
    {
        var html = await PageAsync("");
        Assert.Equal(["Story 12", "Story 11", "Story 10", "Story 09", "Story 08"], AdminServer.RowTitles(html));
        Assert.Contains("<span class=\"count\">12 articles</span>", html);
        Assert.Contains("<span class=\"this-page\" aria-current=\"page\">1</span>", html);
        Assert.Contains("<a href=\"?p=3\">3</a>", html);
        Assert.Contains("<td>Ada</td>", html);
        Assert.Contains("<td>Published</td>", html);
        Assert.Contains("bool-yes", html);
    }

    [Fact]
    public async Task Methods_in_the_list_are_called_for_each_row()
    {
        // As Django's callables in list_display: a flag with its icon under its [Display] name, text escaped; neither sorts.
        var html = await PageAsync("");
        Assert.Contains("<th scope=\"col\">Long read?</th><th scope=\"col\">Teaser</th>", html);
        Assert.Contains("<td><span class=\"bool-yes\">✔ Yes</span></td><td>&lt;a needle…&gt;</td>\n", html);
        Assert.Contains("<td><span class=\"bool-no\">✘ No</span></td><td>&lt;hay&gt;</td>\n", html);
        Assert.Equal(3, html.Split("&lt;a needle…&gt;").Length);
    }

    [Fact]
    public async Task AdminDisplay_names_a_methods_header_the_column_that_sorts_it_and_its_empty_value()
    {
        // The default order (-Published) is "Newest first" ascending, and its header says so.
        var html = await PageAsync("");
        Assert.Contains("<th scope=\"col\" class=\"sorted ascending\" aria-sort=\"ascending\"><a href=\"?o=-6\">Newest first</a>", html);
        Assert.Contains("<th scope=\"col\">Readers</th>", html);
        Assert.Contains("<td>2024-08-28</td><td>(none yet)</td>", html);

        // "Newest first" sorts by Published descending when ascending, and the other way.
        var ascending = await PageAsync("?o=6");
        Assert.Equal(["Story 12", "Story 11", "Story 10", "Story 09", "Story 08"], AdminServer.RowTitles(ascending));
        Assert.Contains("<th scope=\"col\" class=\"sorted ascending\" aria-sort=\"ascending\"><a href=\"?o=-6\">Newest first</a>", ascending);
        var descending = await PageAsync("?o=-6");
        Assert.Equal(["Story 01", "Story 02", "Story 03", "Story 04", "Story 05"], AdminServer.RowTitles(descending));
        Assert.Contains("<th scope=\"col\" class=\"sorted descending\" aria-sort=\"descending\"><a href=\"?o=6\">Newest first</a>", descending);
    }

    [Fact]
    public async Task A_column_is_headed_by_its_display_name_as_its_form_field_is_labelled()
    {
        using var browser = await server.LoggedInAsync("super");
        Assert.Contains("<a href=\"?o=2\">E-mail address</a>", await browser.GetStringAsync("/admin/newsroom/writer/"));
        Assert.Contains("E-mail address:</label>", await browser.GetStringAsync("/admin/newsroom/writer/1/change/"));
    }

    [Theory]
    [InlineData("?p=2", new[] { "Story 07", "Story 06", "Story 05", "Story 04", "Story 03" })]
    [InlineData("?p=3", new[] { "Story 02", "Story 01" })]
    [InlineData("?o=1", new[] { "Story 01", "Story 02", "Story 03", "Story 04", "Story 05" })]
    [InlineData("?o=-1&p=3", new[] { "Story 02", "Story 01" })]
    [InlineData("?o=9.x.-.1", new[] { "Story 01", "Story 02", "Story 03", "Story 04", "Story 05" })]
    [InlineData("?q=needle", new[] { "Story 12", "Story 08", "Story 04" })]
    [InlineData("?q=NEEDLE+story", new[] { "Story 12", "Story 08", "Story 04" })]
    [InlineData("?q=%25", new string[0])]
    [InlineData("?q=_", new string[0])]
    [InlineData("?status__exact=1", new[] { "Story 10", "Story 07", "Story 04", "Story 01" })]
    [InlineData("?featured__exact=0&o=1", new[] { "Story 01", "Story 03", "Story 05", "Story 07", "Story 09" })]
    [InlineData("?writer__id__exact=2", new[] { "Story 12", "Story 11", "Story 10", "Story 09" })]
    [InlineData("?published__gte=2024-03-01&published__lt=2024-06-01", new[] { "Story 07", "Story 06", "Story 05", "Story 04", "Story 03" })]
    public async Task Pages_orderings_searches_and_filters_select_the_rows_django_would(string query, string[] titles)
    {
        Assert.Equal(titles, AdminServer.RowTitles(await PageAsync(query)));
    }

    [Fact]
    public async Task A_search_says_how_many_rows_match_out_of_all_and_keeps_the_other_parameters()
    {
        var html = await PageAsync("?q=needle&status__exact=0");
        Assert.Contains("1 result (<a href=\"?status__exact=0\">12 total</a>)", html);
        Assert.Contains("<input type=\"hidden\" name=\"status__exact\" value=\"0\">", html);
    }

    [Fact]
    public async Task The_sidebar_offers_each_filter_with_the_current_one_selected()
    {
        var html = await PageAsync("?status__exact=2");
        Assert.Contains("<h3>By Status</h3>", html);
        Assert.Contains("<li class=\"selected\"><a href=\"?status__exact=2\" aria-current=\"true\">Archived</a></li>", html);
        Assert.Contains("<a href=\"?status__exact=0\">Draft</a>", html);
        Assert.Contains("<a href=\"?status__exact=2&amp;writer__id__exact=1\">Ada</a>", html);
        Assert.Contains("<a href=\"?status__exact=2&amp;featured__exact=1\">Yes</a>", html);
        Assert.Contains(">This year</a>", html);
    }

    [Fact]
    public async Task Sortable_headers_toggle_and_mark_the_current_order()
    {
        var html = await PageAsync("?o=1");
        Assert.Contains("<th scope=\"col\" class=\"sorted ascending\" aria-sort=\"ascending\"><a href=\"?o=-1\">Title</a>", html);
        Assert.Contains("<a href=\"?o=2.1\">Status</a>", html);
    }

    [Fact]
    public async Task The_date_hierarchy_links_years_then_months()
    {
        var years = await PageAsync("");
        Assert.Contains("<a href=\"?published__gte=2024-01-01&amp;published__lt=2025-01-01\">2024</a>", years);
        var months = await PageAsync("?published__gte=2024-01-01&published__lt=2025-01-01");
        Assert.Contains(">March 2024</a>", months);
        Assert.Contains(">August 2024</a>", months);
        Assert.DoesNotContain(">September 2024</a>", months);

        // As Django's: the days that have articles, not every day between the first and the last.
        var days = await PageAsync("?published__gte=2024-08-01&published__lt=2024-09-01");
        Assert.Equal([">August 8<", ">August 28<"], DayLink().Matches(days).Select(static m => m.Value));
        Assert.Contains("‹ All dates</a>", days);

        // And with a search that finds fewer rows, only their months.
        var searched = await PageAsync("?q=needle&published__gte=2024-01-01&published__lt=2025-01-01");
        Assert.Equal([">March 2024<", ">June 2024<", ">August 2024<"], MonthLink().Matches(searched).Select(static m => m.Value));
    }

    [System.Text.RegularExpressions.GeneratedRegex(">August [0-9]+<")]
    private static partial System.Text.RegularExpressions.Regex DayLink();

    [System.Text.RegularExpressions.GeneratedRegex(">[A-Z][a-z]+ 2024<")]
    private static partial System.Text.RegularExpressions.Regex MonthLink();

    [Theory]
    [InlineData("?p=4")]
    [InlineData("?p=0")]
    [InlineData("?p=-1")]
    [InlineData("?p=99999999999999999999")]
    [InlineData("?status__exact=abc")]
    [InlineData("?status__exact=99999999999999999999")]
    [InlineData("?published__gte=yesterday")]
    [InlineData("?title__exact=x")]
    [InlineData("?password=x")]
    [InlineData("?featured__isnull=True")]
    public async Task A_query_the_list_does_not_understand_starts_over_flagged_as_django_does(string query)
    {
        var response = await ResponseAsync(query);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(List + "?e=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, (await ResponseAsync(query + "&e=1")).StatusCode);
    }

    [Fact]
    public async Task What_a_visitor_typed_comes_back_escaped()
    {
        var html = await PageAsync("?q=%3Cscript%3Ealert(1)%3C/script%3E");
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", html);
    }

    [Fact]
    public async Task The_list_of_a_model_without_list_display_shows_each_row_by_name()
    {
        using var browser = await server.LoggedInAsync("super");
        var html = await browser.GetStringAsync("/admin/newsroom/comment/");
        Assert.Contains(">First!</a>", html);
        Assert.Contains("<td>Story 01</td>", html);

        // A reference's select names its row as the target's admin does (Writer's Display is its name); the article's writer is an
        // autocomplete field, so the select holds that row only.
        var form = await browser.GetStringAsync($"/admin/newsroom/article/{server.ArticleId("story-01")}/change/");
        var ada = server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = 'Ada'");
        Assert.Contains($"<option value=\"{ada}\" selected>Ada</option>\n</select>", form);
        Assert.DoesNotContain(">Grace</option>", form);
    }
}
