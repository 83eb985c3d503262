using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>
/// Django's <c>preserve_filters</c>: the pages opened from a filtered, sorted or searched change list carry its query as
/// <c>_changelist_filters</c>, and their links back and their redirects after a save or a delete return to the same list. Whatever
/// the parameter holds, the way back stays a query of that list.
/// </summary>
public sealed class PreservedFiltersTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Articles = "/admin/newsroom/article/";
    private const string Filters = "featured__exact=1&o=1";
    private const string Carried = "_changelist_filters=featured__exact%3D1%26o%3D1";

    [Fact]
    public async Task The_lists_links_carry_its_query_and_the_change_page_links_back_to_it()
    {
        using var browser = await server.LoggedInAsync("super");
        var id = server.ArticleId("story-02");

        var list = await browser.GetStringAsync(Articles + "?" + Filters);
        Assert.Contains($"<a href=\"{Articles}{id}/change/?{Carried}\">Story 02</a>", list);
        Assert.Contains($"<a href=\"{Articles}add/?{Carried}\" class=\"button addlink\">", list);

        var change = await browser.GetStringAsync($"{Articles}{id}/change/?{Carried}");
        Assert.Contains($"<a href=\"{Articles}?featured__exact=1&amp;o=1\">Articles</a>", change);
        Assert.Contains($"<a href=\"{Articles}{id}/history/?{Carried}\" class=\"button secondary historylink\">", change);
        Assert.Contains($"<a href=\"{Articles}{id}/delete/?{Carried}\" class=\"button danger deletelink\">", change);

        // Without the parameter, as before: the bare list.
        Assert.Contains($"<a href=\"{Articles}\">Articles</a>", await browser.GetStringAsync($"{Articles}{id}/change/"));
    }

    [Theory]
    [InlineData("_save", $"{Articles}?featured__exact=1&o=1")]
    [InlineData("_continue", "{change}?" + Carried)]
    [InlineData("_addanother", $"{Articles}add/?{Carried}")]
    public async Task A_save_goes_where_its_button_says_with_the_lists_query(string button, string expected)
    {
        using var browser = await server.LoggedInAsync("super");
        var change = $"{Articles}{server.ArticleId("story-04")}/change/";
        var page = await browser.GetStringAsync($"{change}?{Carried}");

        var response = await browser.PostAsync($"{change}?{Carried}", [.. PostedForm.Fields(page), (button, "Save")]);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected.Replace("{change}", change, StringComparison.Ordinal), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_delete_goes_back_to_the_filtered_list()
    {
        using var browser = await server.LoggedInAsync("super");
        var delete = $"{Articles}{server.ArticleId("story-10")}/delete/?{Carried}";
        Assert.Contains($"<a href=\"{Articles}?featured__exact=1&amp;o=1\">Article</a>", await browser.GetStringAsync(delete));

        var response = await browser.PostAsync(delete, ("post", "yes"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"{Articles}?featured__exact=1&o=1", response.Headers.Location?.OriginalString);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM \"Articles\" WHERE \"Slug\" = 'story-10'"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/path")]
    [InlineData("q=a\r\nLocation: https://evil.example/")]
    [InlineData("q=%0d%0aSet-Cookie:%20x=1")]
    [InlineData("_changelist_filters=q%3Dnested&_popup=1&q=kept")]
    [InlineData("%%%&&&===")]
    [InlineData("p=999999999999&o=banana")]
    public async Task Whatever_the_parameter_holds_the_way_back_is_a_query_of_this_list(string filters)
    {
        using var browser = await server.LoggedInAsync("super");
        var change = $"{Articles}{server.ArticleId("story-06")}/change/?_changelist_filters={Uri.EscapeDataString(filters)}";
        var page = await browser.GetAsync(change);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = PostedForm.Fields(await page.Content.ReadAsStringAsync());

        var response = await browser.PostAsync(change, [.. fields, ("_save", "Save")]);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(Articles, location);
        Assert.DoesNotContain('\r', location);
        Assert.DoesNotContain('\n', location);
        Assert.DoesNotContain("_changelist_filters", location);
        Assert.DoesNotContain("_popup", location);
        Assert.True((int)(await browser.GetAsync(location)).StatusCode < 500, location);
    }
}
