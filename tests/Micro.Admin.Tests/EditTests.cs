using System.Net;
using Micro.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin.Tests;

/// <summary>Adding, changing and deleting rows: validation, the three save buttons, the history, and what a delete takes along.</summary>
public sealed class EditTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Articles = "/admin/newsroom/article/";

    private static (string, string)[] Article(string title, string slug, string writer = "1", params (string, string)[] more) =>
        [("title", title), ("slug", slug), ("body", "Text"), ("status", "Published"), ("published", "2024-05-01T10:30"), ("writer", writer), .. more];

    [Fact]
    public async Task Adding_saves_the_row_logs_it_and_goes_back_to_the_list_with_a_message()
    {
        using var browser = await server.LoggedInAsync("editor");
        var response = await browser.PostAsync(Articles + "add/", [.. Article("Fresh news", "fresh-news", "2", ("featured", "on"), ("_save", "Save"))]);
        Assert.True(response.StatusCode == HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        Assert.Equal(Articles, response.Headers.Location!.OriginalString);
        Assert.Equal("Fresh news|1|1|2024-05-01 10:30:00|2", server.Scalar("SELECT Title, Status, Featured, Published, WriterId FROM Articles WHERE Slug = 'fresh-news'"));
        var list = await browser.GetStringAsync(Articles);
        Assert.Contains("The article “Fresh news” was added successfully.", list);

        var id = server.ArticleId("fresh-news");
        var editor = server.Scalar("SELECT id FROM auth_user WHERE username = 'editor'");
        Assert.Equal($"{editor}|newsroom|article|{id}|Fresh news|1", server.Scalar(
            $"SELECT user_id, app_label, model_name, object_id, object_repr, action_flag FROM django_admin_log WHERE object_id = '{id}' AND model_name = 'article'"));
    }

    [Fact]
    public async Task An_invalid_form_comes_back_with_each_error_by_its_field_and_what_was_typed_escaped()
    {
        using var browser = await server.LoggedInAsync("editor");
        var response = await browser.PostAsync(Articles + "add/", [.. Article("<b>Bold</b> claim", "Not a slug!", "999", ("published", "tomorrow"))]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Please correct the errors below.", html);
        Assert.Contains("Enter a valid slug.", html);
        Assert.Contains("Select a valid choice. That choice is not one of the available choices.", html);
        Assert.Contains("Enter a valid date/time.", html);
        Assert.Contains("value=\"&lt;b&gt;Bold&lt;/b&gt; claim\"", html);
        Assert.DoesNotContain("<b>Bold</b>", html);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM Articles WHERE Title LIKE '%Bold%'"));

        var missing = await browser.PostAsync(Articles + "add/", ("title", ""), ("slug", ""), ("writer", "1"));
        var required = await missing.Content.ReadAsStringAsync();
        Assert.Contains("<ul class=\"errorlist\" id=\"id_title_error\"><li>This field is required.</li></ul>", required);
        Assert.Contains("<label for=\"id_title\" class=\"required\">Title:</label>", required);
    }

    [Fact]
    public async Task A_taken_unique_value_is_an_error_on_its_field()
    {
        using var browser = await server.LoggedInAsync("editor");
        var response = await browser.PostAsync(Articles + "add/", [.. Article("Copy", "story-05")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Article with this Slug already exists.", await response.Content.ReadAsStringAsync());
        Assert.Equal("1", server.Scalar("SELECT COUNT(*) FROM Articles WHERE Slug = 'story-05'"));
    }

    [Fact]
    public async Task Save_and_add_another_and_save_and_continue_go_where_they_say()
    {
        using var browser = await server.LoggedInAsync("editor");
        var another = await browser.PostAsync(Articles + "add/", [.. Article("One more", "one-more", "1", ("_addanother", "Save and add another"))]);
        Assert.Equal(Articles + "add/", another.Headers.Location!.OriginalString);
        Assert.Contains("You may add another article below.", await browser.GetStringAsync(Articles + "add/"));

        var next = await browser.PostAsync(Articles + "add/", [.. Article("Keep going", "keep-going", "1", ("_continue", "Save and continue editing"))]);
        var id = server.ArticleId("keep-going");
        Assert.Equal($"{Articles}{id}/change/", next.Headers.Location!.OriginalString);
        var page = await browser.GetStringAsync($"{Articles}{id}/change/");
        Assert.Contains("You may edit it again below.", page);
        Assert.Contains("value=\"Keep going\"", page);
        Assert.Contains("<option value=\"1\" selected>", page);
    }

    [Fact]
    public async Task Save_as_new_adds_a_row_from_the_form_and_leaves_the_one_shown_as_it_was()
    {
        using var browser = await server.LoggedInAsync("editor");
        var id = server.ArticleId("story-06");
        var before = server.Scalar($"SELECT Title, Slug, Status FROM Articles WHERE Id = {id}");
        Assert.Contains("<input type=\"submit\" value=\"Save as new\" name=\"_saveasnew\"", await browser.GetStringAsync($"{Articles}{id}/change/"));

        var taken = await browser.PostAsync($"{Articles}{id}/change/", [.. Article("Story 06 again", "story-06", "1", ("_saveasnew", "Save as new"))]);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("Article with this Slug already exists.", await taken.Content.ReadAsStringAsync());

        var response = await browser.PostAsync($"{Articles}{id}/change/", [.. Article("Story 06 again", "story-06-again", "1", ("_saveasnew", "Save as new"))]);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var copy = server.ArticleId("story-06-again");
        Assert.NotEqual(id, copy);
        Assert.Equal($"{Articles}{copy}/change/", response.Headers.Location!.OriginalString);
        Assert.Equal(before, server.Scalar($"SELECT Title, Slug, Status FROM Articles WHERE Id = {id}"));
        Assert.Equal("Story 06 again|1", server.Scalar($"SELECT object_repr, action_flag FROM django_admin_log WHERE object_id = '{copy}' AND model_name = 'article'"));

        // It adds a row: without the add permission it is refused (and isn't offered).
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var auth = scope.ServiceProvider.GetRequiredService<Micro.Auth.AuthDb>();
            var changer = await auth.CreateUserAsync("changer", "changer@example.com", AdminServer.Password);
            changer.IsStaff = true;
            await auth.Users.SaveAsync(changer);
            await auth.GrantAsync(changer, "newsroom.view_article", "newsroom.change_article");
        }

        using var changerBrowser = await server.LoggedInAsync("changer");
        Assert.DoesNotContain("_saveasnew", await changerBrowser.GetStringAsync($"{Articles}{id}/change/"));
        var refused = await changerBrowser.PostAsync($"{Articles}{id}/change/", [.. Article("Sneaky copy", "sneaky-copy", "1", ("_saveasnew", "Save as new"))]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM Articles WHERE Slug = 'sneaky-copy'"));
    }

    [Fact]
    public async Task The_change_page_links_to_the_row_on_the_site_only_with_a_safe_address()
    {
        using var browser = await server.LoggedInAsync("super");
        var article = await browser.GetStringAsync($"{Articles}{server.ArticleId("story-02")}/change/");
        Assert.Contains("<li><a href=\"/articles/story-02/\" class=\"button secondary viewsitelink\">View on site</a></li>", article);
        Assert.DoesNotContain("viewsitelink", await browser.GetStringAsync("/admin/newsroom/writer/1/change/"));

        var article1 = server.ArticleId("story-01");
        string[] links = ["https://example.org/quoted", "/articles/story-01/#c", "javascript:alert(1)", "//evil.example/x", "/\\evil.example/x", "data:text/html,hi", "mailto:a@example.com"];
        foreach (var link in links)
        {
            Assert.Equal(HttpStatusCode.Found, (await browser.PostAsync("/admin/newsroom/comment/add/", ("article", article1), ("text", link))).StatusCode);
            var id = server.Query($"SELECT \"Id\" FROM \"Comments\" WHERE \"Text\" = '{link.Replace("'", "''", StringComparison.Ordinal)}'").Single();
            var page = await browser.GetStringAsync($"/admin/newsroom/comment/{id}/change/");
            var safe = link.StartsWith("https:", StringComparison.Ordinal) || link.StartsWith("/articles/", StringComparison.Ordinal);
            Assert.True(safe == page.Contains("viewsitelink", StringComparison.Ordinal), link);
            Assert.DoesNotContain("href=\"javascript:", page);
        }
    }

    [Fact]
    public async Task Changing_a_row_records_which_fields_changed_and_ignores_read_only_ones()
    {
        using var browser = await server.LoggedInAsync("editor");
        var id = server.ArticleId("story-06");
        var response = await browser.PostAsync($"{Articles}{id}/change/",
            ("title", "Story six, revised"), ("slug", "story-06"), ("body", "hay"), ("status", "Draft"), ("featured", "on"), ("published", "2024-04-30T00:00"),
            ("writer", "1"), ("views", "999"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("Story six, revised|0", server.Scalar($"SELECT Title, Views FROM Articles WHERE Id = {id}"));

        var history = await browser.GetStringAsync($"{Articles}{id}/history/");
        Assert.Contains("<td>editor</td><td>Changed Title.</td>", history);
        var page = await browser.GetStringAsync($"{Articles}{id}/change/");
        Assert.Contains("<label>Views:</label><div class=\"readonly\">0</div>", page);
        Assert.DoesNotContain("name=\"views\"", page);
        // A method among the read-only fields, as Django's callables in readonly_fields: called, and escaped.
        Assert.Contains("<label>Teaser:</label><div class=\"readonly\">&lt;hay&gt;</div>", page);
    }

    [Fact]
    public async Task Deleting_lists_the_rows_that_go_with_it_then_deletes_them_all()
    {
        using var browser = await server.LoggedInAsync("editor");
        var id = server.ArticleId("story-01");
        var confirm = await browser.GetStringAsync($"{Articles}{id}/delete/");
        Assert.Contains("Are you sure you want to delete the article “Story 01”?", confirm);
        Assert.Contains("<li>Comment: First!</li><li>Comment: Second thoughts</li>", confirm);

        var response = await browser.PostAsync($"{Articles}{id}/delete/", ("post", "yes"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Articles, response.Headers.Location!.OriginalString);
        Assert.Equal("0", server.Scalar($"SELECT COUNT(*) FROM Articles WHERE Id = {id}"));
        Assert.Equal("0", server.Scalar($"SELECT COUNT(*) FROM Comments WHERE ArticleId = {id}"));
        Assert.Equal("Story 01|3", server.Scalar($"SELECT object_repr, action_flag FROM django_admin_log WHERE object_id = '{id}' AND model_name = 'article'"));
        Assert.Contains("The article “Story 01” was deleted successfully.", await browser.GetStringAsync(Articles));
    }

    [Fact]
    public async Task The_bulk_delete_action_confirms_then_deletes_the_selected_rows()
    {
        using var browser = await server.LoggedInAsync("editor");
        string[] ids = [server.ArticleId("story-09"), server.ArticleId("story-10")];
        var confirm = await browser.PostAsync(Articles, ("action", "delete_selected"), ("_selected_action", ids[0]), ("_selected_action", ids[1]));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var html = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("Are you sure you want to delete the selected articles?", html);
        Assert.Contains("Article: Story 09", html);
        Assert.Contains("Article: Story 10", html);
        Assert.Contains("<h2>Summary</h2>\n<ul><li>Articles: 2</li></ul>", html);
        Assert.Equal("2", server.Scalar($"SELECT COUNT(*) FROM Articles WHERE Id IN ({ids[0]}, {ids[1]})"));

        var done = await browser.PostAsync(Articles, ("action", "delete_selected"), ("_selected_action", ids[0]), ("_selected_action", ids[1]), ("post", "yes"));
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal("0", server.Scalar($"SELECT COUNT(*) FROM Articles WHERE Id IN ({ids[0]}, {ids[1]})"));
        Assert.Contains("Successfully deleted 2 articles.", await browser.GetStringAsync(Articles));

        var none = await browser.PostAsync(Articles, ("action", "delete_selected"), ("post", "yes"));
        Assert.Equal(HttpStatusCode.Found, none.StatusCode);
        Assert.Contains("Items must be selected in order to perform actions on them. No items have been changed.", await browser.GetStringAsync(Articles));

        var bogus = await browser.PostAsync(Articles, ("action", "drop_table"), ("_selected_action", "1"));
        Assert.Equal(HttpStatusCode.Found, bogus.StatusCode);
        Assert.Contains("No action selected.", await browser.GetStringAsync(Articles));
    }

    [Fact]
    public async Task Select_all_deletes_every_row_the_filters_match_across_pages()
    {
        using var browser = await server.LoggedInAsync("editor");
        for (var i = 1; i <= 7; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await browser.PostAsync(Articles + "add/", [.. Article($"Across {i}", $"across-{i}")])).StatusCode);
        }

        var confirm = await browser.PostAsync(Articles + "?q=Across", ("action", "delete_selected"), ("select_across", "1"), ("_selected_action", server.ArticleId("across-1")));
        var html = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("<ul><li>Articles: 7</li></ul>", html);
        Assert.DoesNotContain("name=\"_selected_action\"", html);

        var done = await browser.PostAsync(Articles + "?q=Across", ("action", "delete_selected"), ("select_across", "1"), ("post", "yes"));
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM Articles WHERE Title LIKE 'Across%'"));
        Assert.Contains("Successfully deleted 7 articles.", await browser.GetStringAsync(Articles));
        Assert.NotEqual("0", server.Scalar("SELECT COUNT(*) FROM Articles"));
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("abc")]
    [InlineData("99999999999999999999999")]
    public async Task A_row_that_does_not_exist_sends_the_user_to_the_index_with_a_message(string id)
    {
        using var browser = await server.LoggedInAsync("editor");
        var response = await browser.GetAsync($"{Articles}{id}/change/");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/admin/", response.Headers.Location!.OriginalString);
        Assert.Contains($"Article with ID “{id}” doesn’t exist. Perhaps it was deleted?", await browser.GetStringAsync("/admin/"));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_without_saving()
    {
        using var browser = await server.LoggedInAsync("editor");
        var response = await browser.PostJsonAsync(Articles + "add/", "{\"title\":\"json\"}");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var huge = await browser.PostAsync(Articles + "add/", [.. Article(new string('x', 5_000_000), "huge")]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(Articles + "%00/change/")).StatusCode);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM Articles WHERE Slug IN ('json', 'huge')"));
    }

    [Fact]
    public async Task The_app_overrides_an_admin_template_with_its_own()
    {
        using var browser = await server.LoggedInAsync("editor");
        var response = await browser.PostAsync("/admin/logout/");
        Assert.Contains("See you soon in the newsroom.", await response.Content.ReadAsStringAsync());
    }
}
