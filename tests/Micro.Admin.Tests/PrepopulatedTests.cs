using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>
/// Django's <c>prepopulated_fields</c> over HTTP: the article's pages tell the admin's <c>prepopulate.js</c> which input fills which, and
/// the script is served. What the script does in a browser is in <see cref="BrowserTests"/>.
/// </summary>
public sealed class PrepopulatedTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Script = "<script src=\"/admin/static/prepopulate.js\" id=\"prepopulated-fields\" data-fields=\"[{&quot;id&quot;:&quot;id_slug&quot;,&quot;from&quot;:[&quot;id_title&quot;],&quot;maxLength&quot;:100}]\" defer></script>";

    [Fact]
    public async Task The_add_and_change_pages_say_the_slug_fills_from_the_title()
    {
        using var browser = await server.LoggedInAsync("editor");

        Assert.Contains(Script, await browser.GetStringAsync("/admin/newsroom/article/add/"));
        Assert.Contains(Script, await browser.GetStringAsync($"/admin/newsroom/article/{server.ArticleId("story-02")}/change/"));

        // Nothing to fill on a page without prepopulated fields, nor on a page that edits nothing.
        Assert.DoesNotContain("prepopulate.js", await browser.GetStringAsync("/admin/newsroom/comment/add/"));
        using var viewer = await server.LoggedInAsync("viewer");
        Assert.DoesNotContain("prepopulate.js", await viewer.GetStringAsync($"/admin/newsroom/article/{server.ArticleId("story-02")}/change/"));
    }

    [Fact]
    public async Task The_script_is_served_to_anyone_with_its_etag()
    {
        using var anonymous = server.NewBrowser();

        var response = await anonymous.GetAsync("/admin/static/prepopulate.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("const urlify = (text, maxLength) =>", await response.Content.ReadAsStringAsync());
    }
}
