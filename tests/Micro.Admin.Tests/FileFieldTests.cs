using System.Globalization;
using System.Net;
using System.Text;
using Micro.Admin.Tests.Infrastructure;
using Micro.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin.Tests;

/// <summary>
/// File columns in the admin (the clipping admin, <c>[FileField]</c> columns): the add and change pages post multipart (Django's
/// <c>has_file_field</c>), an upload is stored under the media root and named in the row, the change page shows it as
/// "Currently" with Django's "Clear" and "Change", and its history records the column only when its file changed.
/// </summary>
public sealed class FileFieldTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Clippings = "/admin/newsroom/clipping/";

    private static readonly string s_year = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_add_page_posts_multipart_and_the_pages_without_files_do_not()
    {
        using var browser = await server.LoggedInAsync("super");

        var add = await browser.GetStringAsync(Clippings + "add/");
        var article = await browser.GetStringAsync("/admin/newsroom/article/add/");

        Assert.Contains("<form enctype=\"multipart/form-data\" method=\"post\" id=\"clipping_form\"", add);
        Assert.Contains("<input type=\"file\" name=\"scan\" required id=\"id_scan\">", add);
        Assert.Contains("<input type=\"file\" name=\"notes\" id=\"id_notes\">", add);
        Assert.DoesNotContain("multipart", article, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clipping_is_added_with_its_files_and_its_change_page_shows_them()
    {
        using var browser = await server.LoggedInAsync("super");

        var id = await AddAsync(browser, "Front page", ("scan", "front page.txt", "scanned"), ("notes", "notes.txt", "a note"));

        Assert.Equal($"Front page|clippings/{s_year}/front_page.txt|notes/notes.txt", Row(id));
        Assert.Equal("scanned", await File.ReadAllTextAsync(Path.Combine(server.MediaRoot, "clippings", s_year, "front_page.txt")));
        var page = await browser.GetStringAsync($"{Clippings}{id}/change/");
        Assert.Contains($"Currently: <a href=\"/media/clippings/{s_year}/front_page.txt\">clippings/{s_year}/front_page.txt</a><br>\nChange:\n<input type=\"file\" name=\"scan\" id=\"id_scan\">", page);
        Assert.Contains("<input type=\"checkbox\" name=\"notes-clear\" id=\"notes-clear_id\">\n<label for=\"notes-clear_id\">Clear</label>", page);
        Assert.Equal("scanned", await browser.GetStringAsync($"/media/clippings/{s_year}/front_page.txt"));
    }

    [Fact]
    public async Task A_change_keeps_the_files_not_sent_clears_the_one_ticked_and_logs_only_what_changed()
    {
        using var browser = await server.LoggedInAsync("super");
        var id = await AddAsync(browser, "Kept scan", ("scan", "kept.txt", "kept"), ("notes", "old-notes.txt", "old"));
        var scan = Row(id).Split('|')[1];

        using var renamed = await PostAsync(browser, $"{Clippings}{id}/change/", [("title", "Kept scan, renamed"), ("_save", "Save")]);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal($"Kept scan, renamed|{scan}|notes/old-notes.txt", Row(id));

        using var cleared = await PostAsync(browser, $"{Clippings}{id}/change/", [("title", "Kept scan, renamed"), ("notes-clear", "on"), ("_save", "Save")]);
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal($"Kept scan, renamed|{scan}|", Row(id));

        using var replaced = await PostAsync(browser, $"{Clippings}{id}/change/", [("title", "Kept scan, renamed"), ("_save", "Save")], ("scan", "new.txt", "new"));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal($"Kept scan, renamed|clippings/{s_year}/new.txt|", Row(id));

        Assert.Equal(
            ["[{\"changed\": {\"fields\": [\"Scan\"]}}]", "[{\"changed\": {\"fields\": [\"Notes\"]}}]", "[{\"changed\": {\"fields\": [\"Title\"]}}]", "[{\"added\": {}}]"],
            server.Query($"SELECT change_message FROM django_admin_log WHERE object_id = '{id}' AND model_name = 'clipping' ORDER BY id DESC"));
    }

    [Fact]
    public async Task The_list_and_the_view_only_page_link_the_files()
    {
        using (var browser = await server.LoggedInAsync("super"))
        {
            await AddAsync(browser, "Linked", ("scan", "linked.txt", "linked"));
        }

        var id = server.Scalar("SELECT \"Id\" FROM \"Clippings\" WHERE \"Title\" = 'Linked'");
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var auth = scope.ServiceProvider.GetRequiredService<Micro.Auth.AuthDb>();
            var user = await auth.CreateUserAsync("clipping-viewer", "clipping-viewer@example.com", AdminServer.Password);
            user.IsStaff = true;
            await auth.Users.SaveAsync(user);
            await auth.GrantAsync(user, "newsroom.view_clipping");
        }

        using var viewer = await server.LoggedInAsync("clipping-viewer");
        var list = await viewer.GetStringAsync(Clippings);
        var page = await viewer.GetStringAsync($"{Clippings}{id}/change/");

        var link = $"<a href=\"/media/clippings/{s_year}/linked.txt\">clippings/{s_year}/linked.txt</a>";
        Assert.Contains($"<td>{link}</td>", list);
        Assert.Contains($"<label>Scan:</label><div class=\"readonly\">{link}</div>", page);
        Assert.Contains("<label>Notes:</label><div class=\"readonly\">-</div>", page);
        Assert.DoesNotContain("type=\"file\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inline_row_holding_only_a_file_is_added_and_kept_when_its_page_is_saved_again()
    {
        using var browser = await server.LoggedInAsync("super");
        var add = await browser.GetStringAsync(Clippings + "add/");
        Assert.Contains("<input type=\"file\" name=\"clippingpage_set-0-image\" accept=\"image/*\" id=\"id_clippingpage_set-0-image\">", add);

        // The page's image column is an [ImageField]: text named .png is no picture.
        using (var refused = await PostAsync(browser, Clippings + "add/", [("title", "Not a picture"), ("clippingpage_set-TOTAL_FORMS", "1"), ("clippingpage_set-INITIAL_FORMS", "0"), ("_save", "Save")],
            ("scan", "cover.txt", "cover"), ("clippingpage_set-0-image", "page.png", "only text")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Upload a valid image. The file you uploaded was either not an image or a corrupted image.", await refused.Content.ReadAsStringAsync());
            Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM \"Clippings\" WHERE \"Title\" = 'Not a picture'"));
        }

        var id = await AddAsync(browser, "With pages", [("clippingpage_set-TOTAL_FORMS", "1"), ("clippingpage_set-INITIAL_FORMS", "0")],
            ("scan", "cover.txt", "cover"), ("clippingpage_set-0-image", "page one.png", Encoding.Latin1.GetString(TestImages.OfPng(1200, 900))));
        // The image's size, read from its header, is in the columns the inline doesn't show.
        var page = server.Scalar($"SELECT \"Id\" || '|' || \"Image\" || '|' || \"Width\" || '|' || \"Height\" FROM \"ClippingPages\" WHERE \"ClippingId\" = {id}").Split('|');
        Assert.Equal(["pages/page_one.png", "1200", "900"], page[1..]);
        Assert.DoesNotContain("clippingpage_set-0-width", add, StringComparison.Ordinal);
        Assert.Equal(TestImages.OfPng(1200, 900), await File.ReadAllBytesAsync(Path.Combine(server.MediaRoot, "pages", "page_one.png")));

        var change = await browser.GetStringAsync($"{Clippings}{id}/change/");
        Assert.Contains("Currently: <a href=\"/media/pages/page_one.png\">pages/page_one.png</a><br>\nChange:\n<input type=\"file\" name=\"clippingpage_set-0-image\" accept=\"image/*\" id=\"id_clippingpage_set-0-image\">", change);

        // Saved again without files: the row's file and the page's stay as they were.
        using var again = await PostAsync(browser, $"{Clippings}{id}/change/",
            [("title", "With pages"), ("clippingpage_set-TOTAL_FORMS", "1"), ("clippingpage_set-INITIAL_FORMS", "1"), ("clippingpage_set-0-id", page[0]), ("_save", "Save")]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("pages/page_one.png|1200|900", server.Scalar($"SELECT \"Image\" || '|' || \"Width\" || '|' || \"Height\" FROM \"ClippingPages\" WHERE \"ClippingId\" = {id}"));

        // A new image replaces the size.
        using var replaced = await PostAsync(browser, $"{Clippings}{id}/change/",
            [("title", "With pages"), ("clippingpage_set-TOTAL_FORMS", "1"), ("clippingpage_set-INITIAL_FORMS", "1"), ("clippingpage_set-0-id", page[0]), ("_save", "Save")],
            ("clippingpage_set-0-image", "page two.gif", Encoding.Latin1.GetString(TestImages.OfGif(64, 48))));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal("pages/page_two.gif|64|48", server.Scalar($"SELECT \"Image\" || '|' || \"Width\" || '|' || \"Height\" FROM \"ClippingPages\" WHERE \"ClippingId\" = {id}"));
    }

    [Fact]
    public async Task A_clipping_without_its_scan_is_refused_and_nothing_is_stored()
    {
        using var browser = await server.LoggedInAsync("super");

        using var response = await PostAsync(browser, Clippings + "add/", [("title", "No scan"), ("_save", "Save")], ("notes", "lonely.txt", "alone"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This field is required.", html);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM \"Clippings\" WHERE \"Title\" = 'No scan'"));
        Assert.False(File.Exists(Path.Combine(server.MediaRoot, "notes", "lonely.txt")));
    }

    private Task<string> AddAsync(Browser browser, string title, params (string Field, string FileName, string Body)[] files) =>
        AddAsync(browser, title, [], files);

    private async Task<string> AddAsync(Browser browser, string title, (string Name, string Value)[] fields, params (string Field, string FileName, string Body)[] files)
    {
        using var response = await PostAsync(browser, Clippings + "add/", [("title", title), ("_save", "Save"), .. fields], files);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return server.Scalar($"SELECT \"Id\" FROM \"Clippings\" WHERE \"Title\" = '{title}'");
    }

    private static Task<HttpResponseMessage> PostAsync(Browser browser, string path, (string Name, string Value)[] fields, params (string Field, string FileName, string Body)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, body) in files)
        {
            // Latin-1 maps each character to the byte of its code: text and a picture's bytes alike.
            content.Add(new ByteArrayContent(Encoding.Latin1.GetBytes(body)), field, fileName);
        }

        return browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    private string Row(string id) =>
        string.Join("|", server.Query($"SELECT \"Title\" || '|' || \"Scan\" || '|' || COALESCE(\"Notes\", '') FROM \"Clippings\" WHERE \"Id\" = {id}"));
}
