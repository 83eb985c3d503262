using System.Globalization;
using System.Net;
using System.Text;
using Micro.Runtime.Tests.Infrastructure;
using static Micro.Runtime.Tests.FileUploadTests;

namespace Micro.Runtime.Tests;

/// <summary>
/// A model's <c>[FileField]</c> columns, as Django's <c>FileField</c>, over real HTTP, a SQLite file and a media folder
/// (TestApp/DocumentViews.cs): a model form stores uploads under the media root (the column holds the name), an edit keeps,
/// replaces or clears them with Django's "Currently", "Clear" and "Change", and the app serves them at the media URL, pages and
/// scripts as sandboxed downloads. Hostile names are stored under safe names inside the folder, and a row that can't be saved
/// leaves no file behind.
/// </summary>
public sealed class StoredFileTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    private static readonly string s_year = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_new_page_is_multipart_with_a_required_and_an_optional_file_input()
    {
        var html = await app.Client.GetStringAsync("/documents/new/");

        Assert.Contains("<form method=\"post\" enctype=\"multipart/form-data\">", html);
        Assert.Contains("<input type=\"file\" name=\"file\" required id=\"id_file\">", html);
        Assert.Contains("<input type=\"file\" name=\"attachment\" id=\"id_attachment\">", html);
        Assert.DoesNotContain("Currently", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_is_stored_under_its_folder_and_served_at_the_media_url()
    {
        var id = await CreateAsync("Stored", File("file", "My notes (v2).txt", "hello"), File("attachment", "extra.txt", "more bytes"));

        var shown = await app.Client.GetStringAsync($"/documents/{id}/");

        var name = $"documents/{s_year}/My_notes_v2.txt";
        Assert.Equal($"Stored|{name} (5 bytes) /media/{name}|attachments/extra.txt (10 bytes) /media/attachments/extra.txt", shown);
        Assert.Equal("hello", await System.IO.File.ReadAllTextAsync(Path.Combine(app.MediaRoot, "documents", s_year, "My_notes_v2.txt")));
        using var served = await app.Client.GetAsync("/media/" + name);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/plain", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("hello", await served.Content.ReadAsStringAsync());
        Assert.Null(served.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task A_name_taken_gets_a_free_one_and_the_first_file_is_kept()
    {
        var first = await CreateAsync("Twice one", File("file", "same.txt", "first"));
        var second = await CreateAsync("Twice two", File("file", "same.txt", "second"));

        var firstName = StoredName(await app.Client.GetStringAsync($"/documents/{first}/"));
        var secondName = StoredName(await app.Client.GetStringAsync($"/documents/{second}/"));

        Assert.Equal($"documents/{s_year}/same.txt", firstName);
        Assert.Matches($"^documents/{s_year}/same_[A-Za-z0-9]{{7}}\\.txt$", secondName);
        Assert.Equal("first", await app.Client.GetStringAsync("/media/" + firstName));
        Assert.Equal("second", await app.Client.GetStringAsync("/media/" + secondName));
    }

    [Fact]
    public async Task The_edit_page_shows_the_files_kept_and_an_edit_without_files_keeps_them()
    {
        var id = await CreateAsync("Kept", File("file", "kept.txt", "kept"), File("attachment", "kept-too.txt", "also"));
        var before = await app.Client.GetStringAsync($"/documents/{id}/");

        var html = await app.Client.GetStringAsync($"/documents/{id}/edit/");

        // The required file: no "Clear" box, and the input no longer required. The optional one: Django's "Clear" box.
        Assert.Contains($"Currently: <a href=\"/media/documents/{s_year}/kept.txt\">documents/{s_year}/kept.txt</a><br>\nChange:\n<input type=\"file\" name=\"file\" id=\"id_file\">", html);
        Assert.Contains(
            "Currently: <a href=\"/media/attachments/kept-too.txt\">attachments/kept-too.txt</a>\n<input type=\"checkbox\" name=\"attachment-clear\" id=\"attachment-clear_id\">\n"
            + "<label for=\"attachment-clear_id\">Clear</label><br>\nChange:\n<input type=\"file\" name=\"attachment\" id=\"id_attachment\">",
            html);

        var response = await app.Client.PostAsync($"/documents/{id}/edit/", Form(("title", "Kept, renamed")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before.Replace("Kept|", "Kept, renamed|", StringComparison.Ordinal), await app.Client.GetStringAsync($"/documents/{id}/"));
    }

    [Fact]
    public async Task An_edit_replaces_a_file_and_clear_empties_the_optional_one()
    {
        var id = await CreateAsync("Replaced", File("file", "old.txt", "old"), File("attachment", "gone.txt", "gone"));

        var response = await app.Client.PostAsync($"/documents/{id}/edit/",
            Form(("title", "Replaced"), File("file", "new.txt", "new!"), ("attachment-clear", "on")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"Replaced|documents/{s_year}/new.txt (4 bytes) /media/documents/{s_year}/new.txt|-", await app.Client.GetStringAsync($"/documents/{id}/"));

        // As Django: the files a row no longer names stay in the storage (another row, or a backup, may name them).
        Assert.True(System.IO.File.Exists(Path.Combine(app.MediaRoot, "documents", s_year, "old.txt")));
    }

    [Fact]
    public async Task Clear_on_the_required_file_keeps_it()
    {
        var id = await CreateAsync("Required kept", File("file", "required.txt", "must stay"));
        var before = await app.Client.GetStringAsync($"/documents/{id}/");

        var response = await app.Client.PostAsync($"/documents/{id}/edit/", Form(("title", "Required kept"), ("file-clear", "on")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await app.Client.GetStringAsync($"/documents/{id}/"));
    }

    [Fact]
    public async Task A_file_sent_with_clear_ticked_is_Djangos_contradiction_and_changes_nothing()
    {
        var id = await CreateAsync("Contradiction", File("file", "c.txt", "c"), File("attachment", "keep.txt", "keep"));
        var before = await app.Client.GetStringAsync($"/documents/{id}/");

        var response = await app.Client.PostAsync($"/documents/{id}/edit/",
            Form(("title", "Contradiction"), File("attachment", "other.txt", "other"), ("attachment-clear", "on")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("attachment", "Please either submit a file or check the clear checkbox, not both.")], FormBindingTests.FieldErrors(html));
        Assert.Contains("Currently: <a href=\"/media/attachments/keep.txt\">", html);
        Assert.Equal(before, await app.Client.GetStringAsync($"/documents/{id}/"));
        Assert.False(System.IO.File.Exists(Path.Combine(app.MediaRoot, "attachments", "other.txt")));
    }

    [Theory]
    [InlineData(null, "This field is required.")]
    [InlineData("empty.txt", "The submitted file is empty.")]
    [InlineData("image.gif", "File extension “gif” is not allowed. Allowed extensions are: txt, html, svg, pdf, png.")]
    public async Task A_new_document_without_a_good_file_is_an_error_on_its_field(string? name, string error)
    {
        using var content = name is null ? Form(("title", "No file")) : Form(("title", "No file"), File("file", name, name == "empty.txt" ? "" : "gif"));

        var response = await app.Client.PostAsync("/documents/new/", content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("file", error)], FormBindingTests.FieldErrors(html));
        Assert.Contains("<input type=\"file\" name=\"file\" required aria-invalid=\"true\"", html);
    }

    [Fact]
    public async Task A_form_posted_without_the_multipart_encoding_is_told_so()
    {
        var response = await app.Client.PostAsync("/documents/new/", new FormUrlEncodedContent([new("title", "Plain"), new("file", "notes.txt")]));

        Assert.Equal([("file", "No file was submitted. Check the encoding type on the form.")], FormBindingTests.FieldErrors(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_row_that_cant_be_saved_leaves_no_file_behind()
    {
        await CreateAsync("Taken title", File("file", "first-owner.txt", "one"));
        var before = MediaFiles();

        var response = await app.Client.PostAsync("/documents/new/", Form(("title", "Taken title"), File("file", "orphan.txt", "two"), File("attachment", "orphan-too.txt", "three")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("title", "Document with this Title already exists.")], FormBindingTests.FieldErrors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, MediaFiles());
    }

    [Fact]
    public async Task A_file_that_cant_be_stored_takes_the_rows_other_new_files_with_it()
    {
        var before = MediaFiles();

        var response = await app.Client.PostAsync("/documents/full-disk/", Form(("title", "Full disk"), File("file", "stored-first.txt", "one"), File("attachment", "no-room.txt", "two")));

        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        Assert.Equal("not saved: No space left on device; rows 0", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, MediaFiles());
    }

    [Theory]
    [InlineData("../../../etc/passwd.txt", "passwd.txt")]
    [InlineData("..\\..\\windows\\win.txt", "win.txt")]
    [InlineData("<script>alert(1)</script>.txt", "script.txt")]
    [InlineData("<img src=x onerror=alert(1)>.txt", "img_srcx_onerroralert1.txt")]
    [InlineData("a b,c'd.txt", "a_bcd.txt")]
    [InlineData("名前 です.txt", "名前_です.txt")]
    public async Task A_hostile_name_is_stored_under_a_safe_one_inside_the_media_root(string sent, string stored)
    {
        var id = await CreateAsync("Hostile " + Guid.NewGuid().ToString("N")[..8], File("file", sent, "bytes"));

        var name = StoredName(await app.Client.GetStringAsync($"/documents/{id}/"));

        Assert.StartsWith($"documents/{s_year}/", name);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(Path.GetFileNameWithoutExtension(stored))}(_[A-Za-z0-9]{{7}})?\\.txt$", name.Split('/')[^1]);
        Assert.StartsWith(app.MediaRoot + Path.DirectorySeparatorChar, Path.GetFullPath(Path.Combine(app.MediaRoot, name)));
        Assert.Equal("bytes", await app.Client.GetStringAsync("/media/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString))));
    }

    [Fact]
    public async Task A_name_with_no_letter_or_digit_is_refused()
    {
        var response = await app.Client.PostAsync("/documents/new/", Form(("title", "Punctuation"), File("file", "!!!", "bytes")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("file", "The submitted file's name has no letter or digit; rename it and submit it again.")], FormBindingTests.FieldErrors(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_name_longer_than_the_column_is_an_error_and_one_that_fits_only_without_its_folder_is_shortened()
    {
        var refused = await app.Client.PostAsync("/documents/new/", Form(("title", "Too long"), File("file", new string('a', 200) + ".txt", "x")));
        Assert.Equal([("file", "Ensure this filename has at most 60 characters (it has 204).")], FormBindingTests.FieldErrors(await refused.Content.ReadAsStringAsync()));

        // 56 characters fit the column's 60, but not after "documents/2026/": the stored name is cut before its extension.
        var id = await CreateAsync("Just fits", File("file", new string('b', 52) + ".txt", "y"));
        var name = StoredName(await app.Client.GetStringAsync($"/documents/{id}/"));
        Assert.Equal(60, name.Length);
        Assert.EndsWith("bbb.txt", name);
    }

    [Theory]
    [InlineData("page.html", "<script>alert(document.cookie)</script>", "text/html")]
    [InlineData("drawing.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "image/svg+xml")]
    public async Task Uploaded_pages_and_scripts_are_served_as_sandboxed_downloads(string fileName, string body, string type)
    {
        var id = await CreateAsync("Active " + fileName, File("file", fileName, body));
        var name = StoredName(await app.Client.GetStringAsync($"/documents/{id}/"));

        using var served = await app.Client.GetAsync("/media/" + name);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(type, served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("sandbox", string.Join(",", served.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", served.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/media/%2e%2e/app.db")]
    [InlineData("/media/..%2fapp.db")]
    [InlineData("/media/documents/")]
    [InlineData("/media/")]
    [InlineData("/media/nothing-here.txt")]
    public async Task Nothing_outside_the_media_root_nor_a_folder_listing_is_served(string path)
    {
        await CreateAsync("Root " + Guid.NewGuid().ToString("N")[..8], File("file", "root.txt", "r"));

        using var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void A_media_url_that_is_the_static_url_stops_the_app_with_a_clear_error()
    {
        var builder = MicroApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Micro:MediaUrl=/static/"], typeof(TestApp.ConverterViews).Assembly);
        TestApp.Setup.AddServices(builder.Services);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Equal("Micro:MediaUrl and the static URL are both '/static/': uploaded files would share an address with the app's static files. Give them different values.", error.Message);
    }

    private async Task<int> CreateAsync(string title, params (string Field, string FileName, ByteArrayContent Content)[] files)
    {
        using var content = Form([("title", title), .. files.Cast<object>()]);
        var response = await app.Client.PostAsync("/documents/new/", content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[2], CultureInfo.InvariantCulture);
    }

    /// <summary>The first file column's stored name, from the document's page.</summary>
    private static string StoredName(string shown) => shown.Split('|')[1].Split(' ')[0];

    private List<string> MediaFiles() =>
        Directory.Exists(app.MediaRoot)
            ? Directory.EnumerateFiles(app.MediaRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
}
