using System.Net;
using System.Text.Json;
using AdminApp;
using Micro.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin.Tests;

public sealed class SqliteAutocompleteTests(AdminServer server) : AutocompleteTests(server), IClassFixture<AdminServer>;

public sealed class PostgreSqlAutocompleteTests(PostgreSqlAdminServer server) : AutocompleteTests(server), IClassFixture<PostgreSqlAdminServer>;

/// <summary>
/// <c>AutocompleteFields</c> (Django's <c>autocomplete_fields</c>): an article's writer is a select that holds the writer chosen only,
/// and <c>admin/autocomplete/</c> answers Django's JSON from the writers' admin (its search fields, order and view permission). Each
/// class has its own server, so the 25 writers added here are seen by these tests only.
/// </summary>
public abstract class AutocompleteTests(AdminServer server) : IAsyncLifetime
{
    private const string Articles = "/admin/newsroom/article/";
    private const string Search = "/admin/autocomplete/?app_label=newsroom&model_name=article&field_name=writer";
    private const string SearchBox = "<input type=\"search\" class=\"autocomplete-search\" data-url=\"/admin/autocomplete/?app_label=newsroom&amp;model_name=article&amp;field_name=writer\" data-for=\"id_writer\" placeholder=\"Search writers\" aria-label=\"Search writers\" aria-controls=\"id_writer\" autocomplete=\"off\" hidden>";

    public async Task InitializeAsync()
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        if (await db.Writers.CountAsync() > 2)
        {
            return;
        }

        // Added in reverse, so that the answers' order is the admin's (by name), not the table's.
        for (var i = 25; i >= 1; i--)
        {
            await db.Writers.CreateAsync(new Writer { Name = $"Penn {i:D2}", Email = $"penn{i:D2}@pens.example" });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string WriterId(string name) => server.Scalar($"SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = '{name}'");

    [Fact]
    public async Task The_select_holds_the_chosen_writer_only_with_a_search_box_and_its_script()
    {
        using var browser = await server.LoggedInAsync("editor");
        var ada = WriterId("Ada");

        var page = await browser.GetStringAsync($"{Articles}{server.ArticleId("story-01")}/change/");

        Assert.Contains($"<select name=\"writer\" id=\"id_writer\">\n  <option value=\"{ada}\" selected>Ada</option>\n</select>{SearchBox}", page);
        Assert.Contains("<script src=\"/admin/static/autocomplete.js\" defer></script>", page);
        Assert.DoesNotContain(">Grace</option>", page);
        Assert.DoesNotContain(">Penn 01</option>", page);

        var add = await browser.GetStringAsync(Articles + "add/");
        Assert.Contains("<select name=\"writer\" required id=\"id_writer\">\n  <option value=\"\" selected>---------</option>\n</select>" + SearchBox, add);
    }

    [Fact]
    public async Task The_search_answers_djangos_json_twenty_at_a_time_in_the_writers_order()
    {
        using var browser = await server.LoggedInAsync("editor");

        var first = await browser.GetAsync(Search + "&term=penn");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.True(first.Headers.CacheControl is { Private: true, NoStore: true }, first.Headers.CacheControl?.ToString());
        var (results, more) = Read(await first.Content.ReadAsStringAsync());
        Assert.Equal(Enumerable.Range(1, 20).Select(static i => $"Penn {i:D2}"), results.Select(static r => r.Text));
        Assert.Equal(WriterId("Penn 01"), results[0].Id);
        Assert.True(more);

        var (second, secondMore) = Read(await browser.GetStringAsync(Search + "&term=penn&page=2"));
        Assert.Equal(Enumerable.Range(21, 5).Select(static i => $"Penn {i:D2}"), second.Select(static r => r.Text));
        Assert.False(secondMore);

        // No term: every writer, by name.
        var (all, _) = Read(await browser.GetStringAsync(Search));
        Assert.Equal(["Ada", "Grace", "Penn 01"], all.Take(3).Select(static r => r.Text));
    }

    [Theory]
    [InlineData("GRACE", "Grace")]
    [InlineData("  ada   example.com ", "Ada")] // Every word, in one of the search fields (name, email).
    [InlineData("penn07 pens", "Penn 07")]
    [InlineData("ada grace", "")] // No writer has both.
    [InlineData("%", "")] // LIKE's wildcards are text.
    [InlineData("_", "")]
    [InlineData("' OR 1=1 --", "")]
    [InlineData("\"; DROP TABLE \"Writers\"; --", "")]
    [InlineData("<script>", "")]
    public async Task The_search_finds_every_word_as_text(string term, string found)
    {
        using var browser = await server.LoggedInAsync("editor");

        var (results, more) = Read(await browser.GetStringAsync(Search + "&term=" + Uri.EscapeDataString(term)));

        Assert.Equal(found, string.Join(",", results.Select(static r => r.Text)));
        Assert.False(more);
        Assert.Equal("27", server.Scalar("SELECT COUNT(*) FROM \"Writers\""));
    }

    [Fact]
    public async Task A_search_of_many_words_looks_for_the_first_32_and_is_never_a_server_error()
    {
        using var browser = await server.LoggedInAsync("editor");

        // 32 different words that Penn 07's email holds, then one that no writer's does: only the first 32 are looked for.
        const string email = "penn07@pens.example";
        var words = Enumerable.Range(1, email.Length).SelectMany(length => Enumerable.Range(0, email.Length - length + 1).Select(at => email.Substring(at, length)))
            .Where(static word => word.Contains('7')).Distinct().Take(32).Append("zzz").ToList();
        var (found, _) = Read(await browser.GetStringAsync(Search + "&term=" + Uri.EscapeDataString(string.Join(' ', words))));
        Assert.Equal(["Penn 07"], found.Select(static r => r.Text));

        // As many words as Kestrel lets a request line hold (8 KB): each would be a condition of the query.
        var many = string.Join('+', Enumerable.Range(1, 1300).Select(static i => "w" + i));
        var response = await browser.GetAsync(Search + "&term=" + many);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Read(await response.Content.ReadAsStringAsync()).Results);

        var list = await browser.GetAsync(Articles + "?q=" + many);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("<li class=\"warning\">Only the first 32 words of the search were looked for.</li>", await list.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("viewer")] // May view articles, not writers.
    [InlineData("moderator")]
    [InlineData("staffer")]
    public async Task A_user_who_may_not_view_the_writers_is_refused_and_gets_no_search_box(string user)
    {
        using var browser = await server.LoggedInAsync(user);

        var response = await browser.GetAsync(Search + "&term=a");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Ada", await response.Content.ReadAsStringAsync());
        if (user == "viewer")
        {
            var page = await browser.GetStringAsync($"{Articles}{server.ArticleId("story-01")}/change/");
            Assert.DoesNotContain("autocomplete", page);
        }
    }

    [Fact]
    public async Task Anyone_but_staff_is_sent_to_the_login_page()
    {
        using var browser = server.NewBrowser();

        var response = await browser.GetAsync(Search + "&term=a");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/admin/login/?next=/admin/autocomplete/%3Fapp_label%3Dnewsroom", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?model_name=article&field_name=writer")]
    [InlineData("?app_label=newsroom&field_name=writer")]
    [InlineData("?app_label=newsroom&model_name=article")]
    [InlineData("?app_label=newsroom&model_name=article&field_name=title")] // Not a reference.
    [InlineData("?app_label=newsroom&model_name=comment&field_name=article")] // A raw id field, not an autocomplete one.
    [InlineData("?app_label=newsroom&model_name=nothing&field_name=writer")]
    [InlineData("?app_label=auth&model_name=user&field_name=groups")]
    [InlineData("?app_label=newsroom&app_label=newsroom&model_name=article&field_name=writer")]
    [InlineData("?app_label=NEWSROOM&model_name=Article&field_name=Writer")]
    public async Task Anything_but_an_autocomplete_field_is_refused(string query)
    {
        using var browser = await server.LoggedInAsync("super");

        var response = await browser.GetAsync("/admin/autocomplete/" + query);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("2")] // Beyond the last page of "grace".
    [InlineData("99999999999")]
    [InlineData("107374184")] // Its first row's offset doesn't fit in an int.
    [InlineData("2147483647")]
    [InlineData("1.5")]
    [InlineData("+1")]
    [InlineData("١")] // An Arabic-Indic digit one.
    public async Task A_page_that_isnt_one_is_not_found(string page)
    {
        using var browser = await server.LoggedInAsync("editor");

        var response = await browser.GetAsync(Search + "&term=grace&page=" + Uri.EscapeDataString(page));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_writer_found_by_the_search_is_saved_and_shown_chosen()
    {
        using var browser = await server.LoggedInAsync("editor");
        var penn = WriterId("Penn 17");

        var response = await browser.PostAsync(Articles + "add/", Article("Found by search", "found-by-search", penn));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var id = server.ArticleId("found-by-search");
        Assert.Equal(penn, server.Scalar($"SELECT \"WriterId\" FROM \"Articles\" WHERE \"Id\" = {id}"));
        Assert.Contains($"<option value=\"{penn}\" selected>Penn 17</option>\n</select>", await browser.GetStringAsync($"{Articles}{id}/change/"));
    }

    [Fact]
    public async Task A_form_shown_again_keeps_the_writer_chosen()
    {
        using var browser = await server.LoggedInAsync("editor");
        var grace = WriterId("Grace");

        var response = await browser.PostAsync(Articles + "add/", Article("", "kept-writer", grace));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<ul class=\"errorlist\" id=\"id_title_error\"><li>This field is required.</li></ul>", page);
        Assert.Contains($"<option value=\"{grace}\" selected>Grace</option>\n</select>", page);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("1 OR 1=1")]
    [InlineData("99999999999999999999")]
    public async Task A_key_that_names_no_writer_is_an_error_on_the_field_and_nothing_is_saved(string key)
    {
        using var browser = await server.LoggedInAsync("editor");
        var slug = "dangling-" + Math.Abs(key.GetHashCode());

        var response = await browser.PostAsync(Articles + "add/", Article("Dangling", slug, key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<ul class=\"errorlist\" id=\"id_writer_error\"><li>Select a valid choice. That choice is not one of the available choices.</li></ul>", page);
        Assert.Contains("<option value=\"\">---------</option>\n</select>", page);
        Assert.Equal("0", server.Scalar($"SELECT COUNT(*) FROM \"Articles\" WHERE \"Slug\" = '{slug}'"));
    }

    private static (string Name, string Value)[] Article(string title, string slug, string writer) =>
        [("title", title), ("slug", slug), ("body", "Text"), ("status", "Published"), ("published", "2024-05-01T10:30"), ("writer", writer), ("_save", "Save")];

    private static (List<(string Id, string Text)> Results, bool More) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["results", "pagination"], root.EnumerateObject().Select(static p => p.Name));
        var results = root.GetProperty("results").EnumerateArray()
            .Select(static r => (r.GetProperty("id").GetString()!, r.GetProperty("text").GetString()!)).ToList();
        return (results, root.GetProperty("pagination").GetProperty("more").GetBoolean());
    }
}
