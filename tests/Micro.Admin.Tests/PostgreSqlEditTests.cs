using System.Net;
using AdminApp;
using Micro.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin.Tests;

/// <summary>The admin's writes on PostgreSQL: an add with its history entry, a taken unique value, a delete that takes its comments, and users' groups and permissions.</summary>
public sealed class PostgreSqlEditTests(PostgreSqlAdminServer server) : IClassFixture<PostgreSqlAdminServer>
{
    private const string Articles = "/admin/newsroom/article/";

    private static (string, string)[] Article(string title, string slug, params (string, string)[] more) =>
        [("title", title), ("slug", slug), ("body", "Text"), ("status", "Published"), ("published", "2024-05-01T10:30"), ("writer", "2"), .. more];

    private async Task<T> WithDbAsync<T>(Func<Db, Task<T>> work)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Db>());
    }

    [Fact]
    public async Task Adding_saves_the_row_in_UTC_and_logs_it()
    {
        using var browser = await server.LoggedInAsync("editor");

        var response = await browser.PostAsync(Articles + "add/", [.. Article("Fresh news", "pg-fresh-news", ("featured", "on"), ("_save", "Save"))]);

        Assert.True(response.StatusCode == HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        var article = await WithDbAsync(db => db.Articles.GetAsync(a => a.Slug.Exact("pg-fresh-news")));
        Assert.Equal(("Fresh news", true, new DateTime(2024, 5, 1, 10, 30, 0, DateTimeKind.Utc), DateTimeKind.Utc), (article.Title, article.Featured, article.Published, article.Published.Kind));
        Assert.Equal(["Fresh news|1"], server.Query($"SELECT object_repr, action_flag FROM django_admin_log WHERE object_id = '{article.Id}' AND model_name = 'article'"));
    }

    [Fact]
    public async Task A_taken_unique_value_is_an_error_on_its_field()
    {
        using var browser = await server.LoggedInAsync("editor");

        var response = await browser.PostAsync(Articles + "add/", [.. Article("Copy", "story-05")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Article with this Slug already exists.", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await WithDbAsync(db => db.Articles.Filter(a => a.Slug.Exact("story-05")).CountAsync()));
    }

    [Fact]
    public async Task Inline_comments_are_added_changed_and_deleted_with_the_row_in_one_transaction()
    {
        var article = await WithDbAsync(async db =>
        {
            var row = await db.Articles.GetAsync(a => a.Slug.Exact("story-02"));
            await db.Comments.CreateAsync(new Comment { ArticleId = row.Id, Text = "Old" });
            await db.Comments.CreateAsync(new Comment { ArticleId = row.Id, Text = "Gone" });
            return row;
        });
        var ids = server.Query($"SELECT \"Id\" FROM \"Comments\" WHERE \"ArticleId\" = {article.Id} ORDER BY \"Id\"");
        using var browser = await server.LoggedInAsync("editor");
        (string, string)[] Post(string title, string added) =>
        [
            .. Article(title, "story-02", ("comment_set-TOTAL_FORMS", "3"), ("comment_set-INITIAL_FORMS", "2"),
                ("comment_set-0-id", ids[0]), ("comment_set-0-text", "Renewed"), ("comment_set-1-id", ids[1]), ("comment_set-1-text", "Gone"),
                ("comment_set-1-DELETE", "on"), ("comment_set-2-text", added)),
        ];

        // A comment over 500 characters: the whole save is refused, the row's title included.
        var refused = await browser.PostAsync($"{Articles}{article.Id}/change/", Post("Not saved", new string('x', 501)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(["Old", "Gone"], server.Query($"SELECT \"Text\" FROM \"Comments\" WHERE \"ArticleId\" = {article.Id} ORDER BY \"Id\""));

        var saved = await browser.PostAsync($"{Articles}{article.Id}/change/", Post("Story 02", "Fresh"));
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        Assert.Equal(["Renewed", "Fresh"], server.Query($"SELECT \"Text\" FROM \"Comments\" WHERE \"ArticleId\" = {article.Id} ORDER BY \"Id\""));
        Assert.Contains("{\"added\": {\"name\": \"comment\", \"object\": \"Fresh\"}}, {\"changed\": {\"fields\": [\"Text\"], \"name\": \"comment\", \"object\": \"Renewed\"}}, {\"deleted\": {\"name\": \"comment\", \"object\": \"Gone\"}}]",
            server.Query($"SELECT change_message FROM django_admin_log WHERE object_id = '{article.Id}' AND model_name = 'article'").Single());
    }

    [Fact]
    public async Task Deleting_takes_the_comments_along_and_logs_it()
    {
        using var browser = await server.LoggedInAsync("super");
        var id = server.ArticleId("story-01");

        var response = await browser.PostAsync($"{Articles}{id}/delete/", ("post", "yes"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal((0, "0"), (await WithDbAsync(db => db.Articles.Filter(a => a.Slug.Exact("story-01")).CountAsync()), server.Scalar($"SELECT COUNT(*) FROM \"Comments\" WHERE \"ArticleId\" = {id}")));
        Assert.Equal(["Story 01|3"], server.Query($"SELECT object_repr, action_flag FROM django_admin_log WHERE object_id = '{id}' AND model_name = 'article'"));
    }

    [Fact]
    public async Task A_user_is_added_then_given_groups_and_permissions_in_one_save()
    {
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Micro.Auth.AuthDb>().GetOrCreateGroupAsync("pg editors");
        }

        var group = server.Scalar("SELECT id FROM auth_group WHERE name = 'pg editors'");
        var permission = server.Scalar("SELECT id FROM auth_permission WHERE app_label = 'newsroom' AND codename = 'view_article'");
        using var browser = await server.LoggedInAsync("super");

        var added = await browser.PostAsync("/admin/auth/user/add/", ("username", "pg-newcomer"), ("password1", "plum tree evening 42"), ("password2", "plum tree evening 42"));
        Assert.True(added.StatusCode == HttpStatusCode.Found, await added.Content.ReadAsStringAsync());
        var change = added.Headers.Location!.OriginalString;
        var id = server.Scalar("SELECT id FROM auth_user WHERE username = 'pg-newcomer'");
        Assert.Equal($"/admin/auth/user/{id}/change/", change);

        var refused = await browser.PostAsync(change, ("username", "pg-newcomer"), ("email", "pg@example.com"), ("is_active", "on"), ("is_staff", "on"), ("groups", group), ("user_permissions", "2147483648"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("|False", server.Scalar($"SELECT email, is_staff FROM auth_user WHERE id = {id}"));

        var saved = await browser.PostAsync(change, ("username", "pg-newcomer"), ("email", "pg@example.com"), ("is_active", "on"), ("is_staff", "on"), ("groups", group), ("user_permissions", permission));
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        Assert.Equal("pg@example.com|True", server.Scalar($"SELECT email, is_staff FROM auth_user WHERE id = {id}"));
        Assert.Equal([group], server.Query($"SELECT group_id FROM auth_user_groups WHERE user_id = {id}"));
        Assert.Equal([permission], server.Query($"SELECT permission_id FROM auth_user_user_permissions WHERE user_id = {id}"));
        Assert.Equal(["pg-newcomer"], AdminServer.RowTitles(await browser.GetStringAsync($"/admin/auth/user/?groups__id__exact={group}")));
        using var newcomer = await server.LoggedInAsync("pg-newcomer", "plum tree evening 42");
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync(Articles)).StatusCode);
    }
}
