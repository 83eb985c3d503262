using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>Who may see and do what: every page needs an active staff user and the model permission for its action.</summary>
public sealed class AccessTests(AdminServer server) : IClassFixture<AdminServer>
{
    private static readonly string[] Pages =
    [
        "/admin/", "/admin/newsroom/", "/admin/newsroom/article/", "/admin/newsroom/article/add/",
        "/admin/newsroom/article/1/change/", "/admin/newsroom/article/1/delete/", "/admin/newsroom/article/1/history/",
    ];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_admin_login_with_the_page_to_come_back_to()
    {
        using var browser = server.NewBrowser();
        foreach (var page in Pages)
        {
            var response = await browser.GetAsync(page + "?q=a b");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/admin/login/?next=" + page + "%3Fq%3Da%2520b", response.Headers.Location!.OriginalString);
        }
    }

    [Theory]
    [InlineData("member")]
    [InlineData("retired")]
    [InlineData("nobody")]
    public async Task Only_active_staff_can_log_in_to_the_admin(string username)
    {
        using var browser = server.NewBrowser();
        var response = await browser.PostAsync("/admin/login/", ("username", username), ("password", AdminServer.Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please enter the correct username and password for a staff account.", await response.Content.ReadAsStringAsync());
        Assert.Null(browser.SessionId);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/admin/")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/", "/admin/")]
    [InlineData("https://evil.example/admin/", "/admin/")]
    [InlineData("/\\evil.example", "/admin/")]
    [InlineData("/admin/newsroom/article/?q=x", "/admin/newsroom/article/?q=x")]
    public async Task The_login_page_redirects_only_within_the_site(string next, string expected)
    {
        using var browser = server.NewBrowser();
        var response = await browser.PostAsync("/admin/login/", ("username", "super"), ("password", AdminServer.Password), ("next", next));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Staff_without_permissions_see_an_empty_index_and_get_403_elsewhere()
    {
        using var browser = await server.LoggedInAsync("staffer");
        var index = await browser.GetStringAsync("/admin/");
        Assert.Contains("You don’t have permission to view or edit anything.", index);
        foreach (var page in Pages.Skip(2))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task A_view_permission_shows_the_list_and_a_read_only_page_and_nothing_more()
    {
        using var browser = await server.LoggedInAsync("viewer");
        var index = await browser.GetStringAsync("/admin/");
        Assert.Contains("/admin/newsroom/article/\">Articles</a>", index);
        Assert.DoesNotContain("/admin/newsroom/writer/", index);
        Assert.DoesNotContain("/admin/newsroom/article/add/", index);

        var list = await browser.GetStringAsync("/admin/newsroom/article/");
        Assert.Contains("<h1>Select article to view</h1>", list);
        Assert.DoesNotContain("delete_selected", list);
        Assert.DoesNotContain("Add article", list);

        var id = server.ArticleId("story-01");
        var page = await browser.GetStringAsync($"/admin/newsroom/article/{id}/change/");
        Assert.Contains("<h1>View article</h1>", page);
        Assert.DoesNotContain("<input type=\"text\" name=\"title\"", page);
        Assert.Contains("<div class=\"readonly\">Story 01</div>", page);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync($"/admin/newsroom/article/{id}/change/", ("title", "Hacked"), ("slug", "story-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/newsroom/article/add/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/admin/newsroom/article/{id}/delete/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/admin/newsroom/article/", ("action", "delete_selected"), ("_selected_action", id), ("post", "yes"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/newsroom/writer/")).StatusCode);
        Assert.Equal("Story 01", server.Scalar($"SELECT Title FROM Articles WHERE Id = {id}"));
    }

    [Fact]
    public async Task An_add_permission_alone_adds_but_does_not_list()
    {
        using var browser = await server.LoggedInAsync("adder");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/newsroom/article/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/newsroom/article/add/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/admin/newsroom/article/{server.ArticleId("story-02")}/change/")).StatusCode);
    }

    [Fact]
    public async Task The_superuser_sees_every_registered_model_and_not_the_others()
    {
        using var browser = await server.LoggedInAsync("super");
        var index = await browser.GetStringAsync("/admin/");
        Assert.Contains(">Articles</a>", index);
        Assert.Contains(">Comments</a>", index);
        Assert.Contains(">Writers</a>", index);
        Assert.DoesNotContain("audit", index, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/newsroom/auditrecord/")).StatusCode);
    }

    [Fact]
    public async Task Posts_without_the_csrf_token_are_refused_and_change_nothing()
    {
        using var browser = await server.LoggedInAsync("super");
        browser.SendsCsrfToken = false;
        var id = server.ArticleId("story-03");
        var response = await browser.PostAsync($"/admin/newsroom/article/{id}/delete/", ("post", "yes"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var add = await browser.PostAsync("/admin/newsroom/article/add/", ("title", "Forged"), ("slug", "forged"), ("status", "Draft"), ("published", "2024-01-01T00:00"), ("writer", "1"));
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal("1", server.Scalar($"SELECT COUNT(*) FROM Articles WHERE Id = {id}"));
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM Articles WHERE Slug = 'forged'"));
    }

    [Fact]
    public async Task Logging_out_takes_a_post_and_ends_the_session()
    {
        using var browser = await server.LoggedInAsync("super");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await browser.GetAsync("/admin/logout/")).StatusCode);
        var response = await browser.PostAsync("/admin/logout/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Logged out", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task The_stylesheet_is_served_from_the_binary_with_an_etag()
    {
        using var browser = server.NewBrowser();
        var response = await browser.GetAsync("/admin/static/admin.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var etag = response.Headers.ETag!.Tag;
        var again = new HttpRequestMessage(HttpMethod.Get, "/admin/static/admin.css");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await browser.SendAsync(again)).StatusCode);
    }
}
