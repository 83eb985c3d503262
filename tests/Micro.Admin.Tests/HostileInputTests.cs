using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>
/// Hostile query strings and posts across the admin's pages: whatever they hold, the answer is the page, a redirect, a 400, 403 or
/// 404, never a server error. (A search of a thousand words, and an autocomplete page past an int's offset, were 500s.)
/// </summary>
public sealed class HostileInputTests(AdminServer server) : IClassFixture<AdminServer>
{
    private static readonly string[] s_values =
    [
        "", "0", "-1", "99999999999999999999", "2147483648", "-2147483649", "1e400", "NaN", "abc", "%00", "%ff%fe", "'", "\"", "1;DROP",
        "%2F", "..%2F..", new string('a', 3000), "2024-13-45", "9999-12-31", "0001-01-01", "1.5", "true", "null", "%E2%80%AE", "1%00",
        "107374184", string.Join('+', Enumerable.Range(1, 1200).Select(static i => "w" + i)),
    ];

    [Fact]
    public async Task No_query_string_is_a_server_error()
    {
        using var browser = await server.LoggedInAsync("super");
        string[] keys = ["q", "term", "page", "o", "p", "e", "status__exact", "featured__exact", "writer__id__exact", "published__gte", "published__lt", "published__year", "published__month", "published__day", "writer__isnull", "title__exact", "_popup", "id__in", "writer", "x"];
        string[] lists = ["/admin/newsroom/article/", "/admin/newsroom/comment/", "/admin/newsroom/writer/", "/admin/auth/user/", "/admin/autocomplete/?app_label=newsroom&model_name=article&field_name=writer"];
        var failures = new List<string>();
        foreach (var key in keys)
        {
            foreach (var value in s_values)
            {
                foreach (var list in lists)
                {
                    await CheckAsync(browser.GetAsync(list + (list.Contains('?') ? "&" : "?") + key + "=" + value), $"GET {list} {key}={value}", failures);
                }
            }
        }

        foreach (var value in s_values)
        {
            foreach (var page in new[] { "/admin/newsroom/article/{0}/change/", "/admin/newsroom/article/{0}/delete/", "/admin/newsroom/article/{0}/history/", "/admin/auth/user/{0}/password/", "/admin/{0}/", "/admin/newsroom/{0}/" })
            {
                var path = string.Format(page, value);
                await CheckAsync(browser.GetAsync(path), "GET " + path, failures);
            }
        }

        foreach (var order in new[] { string.Join('.', Enumerable.Range(1, 2000)), string.Join('.', Enumerable.Repeat("-1", 2000)), "1..2", ".", "-", "--1" })
        {
            await CheckAsync(browser.GetAsync("/admin/newsroom/article/?o=" + order), "GET o=" + order, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task No_posted_value_is_a_server_error()
    {
        using var browser = await server.LoggedInAsync("super");
        string[] values = ["", "0", "-1", "99999999999999999999", "2147483648", "1e400", "NaN", "Infinity", "abc", "\0", "\uFFFE", "'", "\"", "<script>", new string('a', 100_000), "2024-13-45T99:99", "9999-12-31T23:59", "0001-01-01T00:00", "1.5", "on", "true", "__prefix__", "1,2", " 1 "];
        string[] fields = ["title", "slug", "body", "status", "featured", "published", "writer", "views", "comment_set-TOTAL_FORMS", "comment_set-INITIAL_FORMS", "comment_set-0-id", "comment_set-0-text", "comment_set-0-DELETE", "_saveasnew", "_continue"];
        var article = server.ArticleId("story-03");
        var failures = new List<string>();
        foreach (var field in fields)
        {
            foreach (var value in values)
            {
                List<(string Name, string Value)> form =
                [
                    ("title", "T"), ("slug", "hostile-" + Math.Abs((field + value).GetHashCode())), ("body", "b"), ("status", "Draft"), ("published", "2024-01-01T00:00"), ("writer", "1"),
                    ("comment_set-TOTAL_FORMS", "1"), ("comment_set-INITIAL_FORMS", "0"), ("comment_set-MIN_NUM_FORMS", "0"), ("comment_set-MAX_NUM_FORMS", "1000"),
                ];
                form.RemoveAll(f => f.Name == field);
                form.Add((field, value));
                foreach (var page in new[] { "/admin/newsroom/article/add/", $"/admin/newsroom/article/{article}/change/", "/admin/newsroom/writer/add/?_popup=1" })
                {
                    await CheckAsync(browser.PostAsync(page, [.. form]), $"POST {page} {field}={Shown(value)}", failures);
                }
            }
        }

        foreach (var value in values)
        {
            await CheckAsync(browser.PostAsync("/admin/newsroom/writer/", ("form-TOTAL_FORMS", "1"), ("form-INITIAL_FORMS", "1"), ("form-0-id", value), ("form-0-email", value), ("_save", "Save")), "POST list edit " + Shown(value), failures);
            await CheckAsync(browser.PostAsync("/admin/newsroom/article/", ("action", value), ("_selected_action", value), ("index", "0"), ("select_across", value)), "POST action " + Shown(value), failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task CheckAsync(Task<HttpResponseMessage> request, string what, List<string> failures)
    {
        using var response = await request;
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{(int)response.StatusCode} for {Shown(what)}");
        }
    }

    private static string Shown(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
