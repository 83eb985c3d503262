using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>One native publish and one running server for every test here: publishing takes about a minute.</summary>
[CollectionDefinition(Name)]
public sealed class NativeCollection : ICollectionFixture<NativeSampleApp>
{
    public const string Name = "native sample app";
}

/// <summary>The sample app compiled to one native binary serves the same site as under the JIT.</summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativeBinaryTests(NativeSampleApp app)
{
    [Fact]
    public void PublishHasNoTrimOrAotWarnings()
    {
        var warnings = app.PublishOutput.Split('\n').Where(line => line.Contains(": warning ", StringComparison.Ordinal)).ToArray();
        Assert.True(warnings.Length == 0, "The native publish warned:\n" + string.Join('\n', warnings));
        Assert.True(File.Exists(app.BinaryPath));

        // One file: SQLite is linked in, no libe_sqlite3.so beside the binary.
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(app.BinaryPath)!, "*.so"));
    }

    [Fact]
    public async Task ServesTheOpenApiDocumentItsCommandWritesAndTheDocsPage()
    {
        var served = await app.Client.GetStringAsync("/openapi.json");
        var written = await app.RunCommandAsync("openapi");
        var docs = await app.Client.GetStringAsync("/docs/");

        Assert.Equal((0, served), written);
        using var document = JsonDocument.Parse(served);
        var create = document.RootElement.GetProperty("paths").GetProperty("/api/posts/").GetProperty("post");
        Assert.Equal("api_create_post", create.GetProperty("operationId").GetString());
        Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("NewBlogPost").GetProperty("properties").TryGetProperty("authorId", out _));
        Assert.Contains("data-document=\"/openapi.json\"", docs);
    }

    [Fact]
    public async Task ServesTextWithQueryAndConfiguration()
    {
        Assert.Equal("Hello, Native!", await app.Client.GetStringAsync("/?name=Native"));
    }

    [Fact]
    public async Task ServesJsonThroughGeneratedMetadata()
    {
        using var archive = JsonDocument.Parse(await app.Client.GetStringAsync("/blog/2024/?page=2"));
        Assert.Equal(2024, archive.RootElement.GetProperty("year").GetInt32());
        Assert.Equal(2, archive.RootElement.GetProperty("page").GetInt32());
        Assert.Equal("/blog/2025/", archive.RootElement.GetProperty("next").GetString());
        Assert.Equal("/blog/2024/hello-world/", archive.RootElement.GetProperty("firstPost").GetString());

        using var status = JsonDocument.Parse(await app.Client.GetStringAsync("/status/"));
        Assert.Equal("/search/", status.RootElement.GetProperty("links")[1].GetProperty("href").GetString());
        Assert.Equal(0, status.RootElement.GetProperty("counts").GetProperty("notes").GetInt32());

        // System.Text.Json's attributes: a string enum through [JsonConverter], a name, an ignore condition.
        Assert.Equal("Ok", status.RootElement.GetProperty("health").GetString());
        Assert.Equal("1970-01-01T00:00:00+00:00", status.RootElement.GetProperty("checked_at").GetString());
        Assert.False(status.RootElement.TryGetProperty("warning", out _));
    }

    [Fact]
    public async Task ReadsJsonBodiesAndAnswersTypedResults()
    {
        var created = await app.Client.PostAsJsonAsync("/notes/", new { title = "Native", body = "No JIT here" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var note = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = note.RootElement.GetProperty("id").GetString();
        Assert.Equal($"/notes/{id}/", created.Headers.Location?.OriginalString);

        using var fetched = JsonDocument.Parse(await app.Client.GetStringAsync($"/notes/{id}/"));
        Assert.Equal("No JIT here", fetched.RootElement.GetProperty("body").GetString());

        var malformed = await app.Client.PostAsync("/notes/", new StringContent("{\"title\": 3}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("note", await malformed.Content.ReadAsStringAsync());

        var untitled = await app.Client.PostAsync("/notes/", new StringContent("{\"body\": \"no title\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("'title'", WebUtility.HtmlDecode(await untitled.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task MatchesConvertersRegexRoutesAndTrailingSlashes()
    {
        Assert.Equal("file: a/b/c.txt", await app.Client.GetStringAsync("/files/a/b/c.txt"));
        Assert.Equal("March 2024", await app.Client.GetStringAsync("/archive/2024/03/"));
        Assert.Contains("<h1>hello-world</h1>", await app.Client.GetStringAsync("/blog/2024/hello-world/"));

        var redirect = await app.Client.GetAsync("/blog/2024?page=3");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/blog/2024/?page=3", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RendersTemplatesEmbeddedInTheBinary()
    {
        // Anonymous-object model, layout with an include, {% url %}, a custom filter and a simple tag; no files beside the binary.
        var created = await app.Client.PostAsJsonAsync("/notes/", new { title = "Native note", body = "rendered without reflection" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var page = await app.Client.GetAsync("/pages/notes/?who=Ada%20%3Cb%3E");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html + app.ServerOutput);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        Assert.Contains("<title>Notes | Micro sample</title>", html);
        Assert.Contains("<a href=\"/pages/blog/2024/\">2024</a>", html);
        Assert.Contains("<h1>NOTES!</h1>", html);
        Assert.Contains("Welcome, Ada &lt;b&gt;!", html);
        Assert.Matches("<a href=\"/notes/[0-9a-f-]{36}/\">Native note</a> \\(Nativenote\\): rendered without reflection", html);

        // A typed record model with a list of records, read through generated accessors.
        var archive = await app.Client.GetStringAsync("/pages/blog/2024/");
        Assert.Contains("<h2><a href=\"/blog/2024/hello-world/\">Hello world</a></h2>", archive);
        Assert.Contains("<p>3 comments</p>", archive);
        Assert.Contains("Templates &lt;3", archive);
    }

    [Fact]
    public async Task AnswersErrorsWithTheAppsHandlers()
    {
        var missing = await app.Client.GetAsync("/no/such/page/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Nothing at /no/such/page/", await missing.Content.ReadAsStringAsync());

        var boom = await app.Client.GetAsync("/boom/");
        Assert.Equal(HttpStatusCode.InternalServerError, boom.StatusCode);
        Assert.Equal("Sorry, something broke (500).", await boom.Content.ReadAsStringAsync());

        var wrongMethod = await app.Client.DeleteAsync("/articles/5/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("GET, HEAD, POST, OPTIONS", string.Join(", ", wrongMethod.Content.Headers.Allow));
    }
}

/// <summary>The same native binary is the app's manage.py: its commands parse, run and exit as under the JIT.</summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativeCommandTests(NativeSampleApp app)
{
    private Task<(int ExitCode, string Output)> Run(params string[] arguments) =>
        NativeSampleApp.RunAsync(app.BinaryPath, Path.GetDirectoryName(app.BinaryPath)!, TimeSpan.FromSeconds(30), arguments);

    [Fact]
    public async Task RunsACommandWithTypedOptions()
    {
        var (exitCode, output) = await Run("greet", "Ada", "-t", "2", "--shout");
        Assert.Equal(0, exitCode);
        Assert.Equal("HELLO, ADA!\nHELLO, ADA!\n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task AUsageErrorExitsWithTwoAndNamesTheOption()
    {
        var (exitCode, output) = await Run("greet", "Ada", "--times", "many");
        Assert.Equal(2, exitCode);
        Assert.Contains("--times", output);
    }

    [Fact]
    public async Task ListsRoutesAndPassesItsChecks()
    {
        var routes = await Run("routes");
        Assert.Equal(0, routes.ExitCode);
        Assert.Contains("blog/<int:year>/", routes.Output);
        Assert.Contains("year_archive", routes.Output);

        var check = await Run("check");
        Assert.True(check.ExitCode == 0, check.Output);
    }

    [Fact]
    public async Task SeedsTheBlogAndServesItFromTheDatabase()
    {
        var seed = await app.RunCommandAsync("seed", "--authors", "1", "--posts", "2");
        Assert.True(seed.ExitCode == 0, seed.Output);
        Assert.Contains("posts.", seed.Output);

        using var posts = JsonDocument.Parse(await app.Client.GetStringAsync("/api/posts/?year=2022"));
        var post = posts.RootElement.EnumerateArray().First();
        Assert.Equal(2022, post.GetProperty("year").GetInt32());
        Assert.StartsWith("Author ", post.GetProperty("author").GetProperty("name").GetString());

        var missing = await app.Client.GetAsync("/api/posts/99999/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The same rows as HTML pages: templates embedded in the binary, model accessors generated.
        var slug = post.GetProperty("slug").GetString();
        var list = await app.Client.GetStringAsync("/posts/?year=2022");
        Assert.Contains("<h1>Posts of 2022</h1>", list);
        Assert.Contains($"<a href=\"/posts/{slug}/\">", list);
        var detail = await app.Client.GetStringAsync($"/posts/{slug}/");
        Assert.Contains($"<h1>{post.GetProperty("title").GetString()}</h1>", detail);
        Assert.Contains("By Author ", detail);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/posts/no-such-post/")).StatusCode);

        // Each author with its number of published posts and latest year, computed by the database; the template unpacks each row.
        var authors = await app.Client.GetStringAsync("/authors/");
        Assert.Contains("<h1>Authors</h1>", authors);
        Assert.Matches(@"<li><a href=""/authors/\d+/posts/"">Author \d+</a>: 2 posts, the latest in 2022</li>", authors);

        // The sitemap: the posts' slugs and times read alone (a values list of tuples), absolute locations, the built-in template.
        using var sitemap = await app.Client.GetAsync("/sitemap.xml");
        Assert.Equal("application/xml", sitemap.Content.Headers.ContentType?.MediaType);
        var xml = await sitemap.Content.ReadAsStringAsync();
        Assert.Contains($"<url><loc>{app.Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/posts/{slug}/</loc><lastmod>", xml);
        Assert.Matches(@"<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00</lastmod><changefreq>weekly</changefreq></url>", xml);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/sitemap.xml?p=2")).StatusCode);

        // The feed: RSS 2.0 of the latest posts with their authors.
        using var feed = await app.Client.GetAsync("/feed/");
        Assert.Equal("application/rss+xml; charset=utf-8", feed.Content.Headers.ContentType?.ToString());
        var rss = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync());
        var items = rss.Root!.Element("channel")!.Elements("item").ToList();
        Assert.InRange(items.Count, 1, 10);
        Assert.All(items, item => Assert.StartsWith("Author ", item.Element(System.Xml.Linq.XName.Get("creator", "http://purl.org/dc/elements/1.1/"))!.Value));
        Assert.NotNull(feed.Content.Headers.LastModified);
    }

    [Fact]
    public async Task LoadsAFixtureAndDumpsItBack()
    {
        // Rows with text, numbers, a bool, a date and a reference, read back through the generated row readers in the binary.
        var fixture = Path.Combine(Path.GetTempPath(), $"micro-native-{Guid.NewGuid():N}.json");
        var dump = Path.ChangeExtension(fixture, ".dump.json");
        await File.WriteAllTextAsync(fixture, """
            [{"model": "blog.author", "pk": 4242, "fields": {"name": "Fixture author"}},
             {"model": "blog.blogpost", "pk": 4242, "fields": {"title": "From a fixture", "slug": "native-fixture", "year": 2019, "body": "Loaded.",
               "published": true, "created": "2026-12-07T09:00:00.0000000", "author_id": 4242}}]
            """);
        try
        {
            var loaded = await app.RunCommandAsync("loaddata", fixture);
            Assert.True(loaded.ExitCode == 0, loaded.Output);
            Assert.Contains("Installed 2 object(s) from 1 fixture(s)", loaded.Output);
            Assert.Contains("<a href=\"/posts/native-fixture/\">", await app.Client.GetStringAsync("/posts/?year=2019"));

            var dumped = await app.RunCommandAsync("dumpdata", "blog.blogpost", "--output", dump);
            Assert.True(dumped.ExitCode == 0, dumped.Output);
            using var rows = JsonDocument.Parse(await File.ReadAllTextAsync(dump));
            var post = rows.RootElement.EnumerateArray().Single(static r => r.GetProperty("pk").GetInt32() == 4242).GetProperty("fields");
            Assert.Equal("From a fixture|2019|True|2026-12-07T09:00:00.0000000|4242",
                $"{post.GetProperty("title").GetString()}|{post.GetProperty("year").GetInt32()}|{post.GetProperty("published").GetBoolean()}|{post.GetProperty("created").GetString()}|{post.GetProperty("author_id").GetInt32()}");

            await File.WriteAllTextAsync(fixture, """[{"model": "blog.author", "pk": 4243, "fields": {"name": 7}}]""");
            var refused = await app.RunCommandAsync("loaddata", fixture);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("object 1 (blog.author, pk 4243), field 'name': expected text, got 7. Nothing was loaded.", refused.Output);
        }
        finally
        {
            File.Delete(fixture);
            File.Delete(dump);
        }
    }

    [Fact]
    public async Task LoadsUsersAndGroupsThenFlushesADatabaseOfItsOwn()
    {
        // A database of this test's own, so the served app's rows stay: migrate, load, flush, then a new row's key starts from 1.
        var file = Path.Combine(Path.GetTempPath(), $"micro-native-flush-{Guid.NewGuid():N}.db");
        var database = $"--ConnectionStrings:Default=Data Source={file}";
        var fixture = Path.ChangeExtension(file, ".json");
        await File.WriteAllTextAsync(fixture, """
            [{"model": "blog.author", "pk": 77, "fields": {"name": "Flushed"}},
             {"model": "auth.group", "pk": 5, "fields": {"name": "natives", "permissions": [["view_author", "blog", "author"]]}},
             {"model": "auth.user", "pk": 6, "fields": {"password": "!", "last_login": null, "is_superuser": false, "username": "native", "first_name": "",
              "last_name": "", "email": "", "is_staff": false, "is_active": true, "date_joined": "2026-12-07T10:00:00Z", "groups": [5], "user_permissions": []}}]
            """);
        try
        {
            Assert.Equal(0, (await app.RunCommandAsync("migrate", database)).ExitCode);
            Assert.Equal(0, (await app.RunCommandAsync("loaddata", fixture, database)).ExitCode);
            // Micro's users and groups, with their links, by natural key.
            var people = await app.RunCommandAsync("dumpdata", "auth.group", "auth.user", "--natural-foreign", database);
            Assert.Contains("\"permissions\":[[\"view_author\",\"blog\",\"author\"]]", people.Output);
            Assert.Contains("\"groups\":[[\"natives\"]]", people.Output);

            var flushed = await app.RunCommandAsync("flush", "--noinput", database);
            Assert.True(flushed.ExitCode == 0, flushed.Output);
            Assert.Contains("Flushed 11 table(s) of SQLite", flushed.Output);
            Assert.Equal("[]", (await app.RunCommandAsync("dumpdata", "blog", database)).Output.Trim());

            await File.WriteAllTextAsync(fixture, """[{"model": "blog.author", "fields": {"name": "After"}}]""");
            Assert.Equal(0, (await app.RunCommandAsync("loaddata", fixture, database)).ExitCode);
            Assert.Contains("\"pk\":1,", (await app.RunCommandAsync("dumpdata", "blog.author", database)).Output);
        }
        finally
        {
            File.Delete(fixture);
            foreach (var leftover in Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*"))
            {
                File.Delete(leftover);
            }
        }
    }

    [Fact]
    public async Task CountsTheWordsOfAnUploadedFile()
    {
        using var browser = new NativeBrowser(app.Client.BaseAddress!);
        var page = await browser.GetStringAsync("/files/count/");
        Assert.Contains("enctype=\"multipart/form-data\"", page);
        Assert.Contains("<input type=\"file\" name=\"document\" required aria-describedby=\"id_document_helptext\" id=\"id_document\">", page);

        var counted = await browser.PostMultipartAsync("/files/count/", page, [], ("document", "poem.md", "Roses are red,\nviolets are blue.\n"));
        Assert.Contains("poem.md: 33 bytes, 2 lines, 6 words.", await counted.Content.ReadAsStringAsync());

        var refused = await browser.PostMultipartAsync("/files/count/", page, [], ("document", "tool.exe", "MZ"));
        Assert.Contains("File extension “exe” is not allowed. Allowed extensions are: txt, md.", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StoresAnUploadedPhotoAndServesIt()
    {
        using var browser = new NativeBrowser(app.Client.BaseAddress!);
        var page = await browser.GetStringAsync("/photos/");
        Assert.Contains("<input type=\"file\" name=\"image\" accept=\"image/*\" required id=\"id_image\">", page);
        var png = System.Text.Encoding.Latin1.GetString(Micro.Tests.Shared.TestImages.Png);
        var posted = await browser.PostMultipartAsync("/photos/", page, [("caption", "A native dot")], ("image", "native dot.png", png));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        // The gallery links it under the media URL, the binary serves it from the media root, and the admin shows it as "Currently".
        var gallery = await browser.GetStringAsync("/photos/");
        // Its size in pixels was read from the upload's header into the photo's columns; templates read the file's url and size.
        var source = Regex.Match(gallery, "<img src=\"(/media/photos/\\d{4}/\\d{2}/native_dot(_[A-Za-z0-9]{7})?\\.png)\" alt=\"A native dot\" width=\"1\" height=\"1\">").Groups[1].Value;
        Assert.NotEqual("", source);
        Assert.Contains("A native dot (1 × 1 pixels, 33\u00a0bytes)", gallery);
        using (var served = await browser.GetAsync(source))
        {
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal(System.Text.Encoding.Latin1.GetBytes(png), await served.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(System.Text.Encoding.Latin1.GetBytes(png), await File.ReadAllBytesAsync(Path.Combine(app.MediaRoot, source["/media/".Length..])));

        var refused = await browser.PostMultipartAsync("/photos/", page, [("caption", "Not a picture")], ("image", "page.png", "<script>alert(1)</script>"));
        Assert.Contains("Upload a valid image. The file you uploaded was either not an image or a corrupted image.", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostsTheSamplesPostFormWithAnErrorThenValidly()
    {
        var seed = await app.RunCommandAsync("seed", "--authors", "1", "--posts", "0");
        Assert.True(seed.ExitCode == 0, seed.Output);

        // As a browser: the form page (it sets the CSRF cookie), then posts with the form's hidden fields (its CSRF token).
        using var browser = new NativeBrowser(app.Client.BaseAddress!);
        var page = await browser.GetStringAsync("/posts/new/");
        Assert.Contains("<select name=\"author\" required id=\"id_author\">", page);
        Assert.Contains("name=\"csrfmiddlewaretoken\"", page);
        var author = Regex.Matches(page, "<option value=\"(\\d+)\">Author \\d+</option>").Last().Groups[1].Value;
        var slug = "native-" + Guid.NewGuid().ToString("N")[..8];

        var invalid = await browser.PostFormAsync("/posts/new/", page, ("title", "Native <b>form</b>"), ("slug", "not a slug"), ("year", "twenty"), ("body", "Posted to the binary."), ("author", author));
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_slug_error\"><li>Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.</li></ul>", html);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_year_error\"><li>Enter a whole number.</li></ul>", html);
        Assert.Contains("value=\"Native &lt;b&gt;form&lt;/b&gt;\"", html);
        Assert.Contains($"<option value=\"{author}\" selected>", html);

        // A forged post (no token: another site's form) is refused and saves nothing.
        using (var forger = new NativeBrowser(app.Client.BaseAddress!))
        {
            var forged = await forger.PostFormAsync("/posts/new/", null, ("title", "Forged"), ("slug", slug), ("year", "2024"), ("body", "Forged."), ("author", author));
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("CSRF verification failed. Request aborted.", await forged.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await forger.GetAsync($"/posts/{slug}/")).StatusCode);
        }

        var valid = await browser.PostFormAsync("/posts/new/", page, ("title", "Native form"), ("slug", slug), ("year", "2024"), ("body", "Posted to the binary."), ("author", author));
        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        Assert.Equal($"/posts/{slug}/", valid.Headers.Location?.OriginalString);
        var post = await browser.GetStringAsync($"/posts/{slug}/");
        Assert.Contains("<h1>Native form</h1>", post);
        Assert.Contains("<li class=\"success\">The post “Native form” was saved.</li>", post);
        Assert.DoesNotContain("was saved.", await browser.GetStringAsync($"/posts/{slug}/"));

        var taken = await browser.PostFormAsync("/posts/new/", page, ("title", "Again"), ("slug", slug), ("year", "2024"), ("body", "Twice."), ("author", author));
        Assert.Contains("<li>Blog post with this Slug already exists.</li>", await taken.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EditsAnAuthorsPostsTogetherThroughAFormset()
    {
        var seed = await app.RunCommandAsync("seed", "--authors", "1", "--posts", "2");
        Assert.True(seed.ExitCode == 0, seed.Output);
        var authors = await app.Client.GetStringAsync("/authors/");
        var author = Regex.Matches(authors, "<a href=\"/authors/(\\d+)/posts/\">").Select(static m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Max();

        // The page: a form per post with its key hidden, an empty form, the management form; then one save that changes, adds and deletes.
        using var browser = new NativeBrowser(app.Client.BaseAddress!);
        var path = $"/authors/{author}/posts/";
        var page = await browser.GetStringAsync(path);
        Assert.Contains("<input type=\"hidden\" name=\"form-TOTAL_FORMS\" value=\"3\" id=\"id_form-TOTAL_FORMS\">", page);
        var keys = Regex.Matches(page, "<input type=\"hidden\" name=\"form-(\\d)-id\" value=\"(\\d+)\"").Select(static m => m.Groups[2].Value).ToList();
        Assert.Equal(2, keys.Count);
        var slug = "formset-" + Guid.NewGuid().ToString("N")[..8];

        var saved = await browser.PostFormAsync(path, page,
            ("form-TOTAL_FORMS", "3"), ("form-INITIAL_FORMS", "2"),
            ("form-0-id", keys[0]), ("form-0-title", "Renamed in a formset"), ("form-0-slug", $"author-{author}-post-1"), ("form-0-year", "2021"), ("form-0-body", "Words."), ("form-0-author", author.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("form-1-id", keys[1]), ("form-1-title", "Post 2"), ("form-1-slug", $"author-{author}-post-2"), ("form-1-year", "2022"), ("form-1-body", "Words."), ("form-1-author", author.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("form-1-DELETE", "on"),
            ("form-2-title", "Added in a formset"), ("form-2-slug", slug), ("form-2-year", "2024"), ("form-2-body", "New words."), ("form-2-author", author.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await browser.GetStringAsync(path);
        Assert.Contains($"The posts of Author", after);
        Assert.Contains("value=\"Renamed in a formset\"", after);
        Assert.Contains($"value=\"{slug}\"", after);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/posts/author-{author}-post-2/")).StatusCode);
    }

    [Fact]
    public async Task ServesStaticFilesFromTheBinaryByTheirFingerprintedNames()
    {
        var page = await app.Client.GetStringAsync("/accounts/login/");
        var link = Regex.Match(page, "<link rel=\"stylesheet\" href=\"(/static/site\\.[0-9a-f]{12}\\.css)\">").Groups[1].Value;
        Assert.NotEmpty(link);
        var original = await File.ReadAllBytesAsync(Path.Combine(NativeApp.RepositoryRoot(), "sample-app", "static", "site.css"));

        using var css = await app.Client.GetAsync(link);
        using var compressed = new HttpRequestMessage(HttpMethod.Get, link) { Headers = { { "Accept-Encoding", "br" } } };
        using var brotli = await app.Client.SendAsync(compressed);

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(original, await css.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=31536000, immutable", css.Headers.CacheControl?.ToString());
        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        using var decoded = new System.IO.Compression.BrotliStream(await brotli.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await decoded.CopyToAsync(copy);
        Assert.Equal(original, copy.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/static/..%2Fappsettings.json")).StatusCode);
    }

    [Fact]
    public async Task StreamsServerSentEventsAsJsonThroughGeneratedMetadata()
    {
        using var response = await app.Client.GetAsync("/events/clock/", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();

        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync())
        {
            Assert.Equal(("tick", "1"), (item.EventType, item.EventId));
            using var tick = JsonDocument.Parse(item.Data);
            Assert.Equal(1, tick.RootElement.GetProperty("number").GetInt32());
            Assert.True(tick.RootElement.GetProperty("time").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
            return;
        }

        Assert.Fail("The stream ended without an event.");
    }

    [Fact]
    public async Task EchoesOverAWebSocket()
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(app.Client.BaseAddress!) { Scheme = "ws", Path = "/ws/echo/" }.Uri, CancellationToken.None);
        await socket.SendAsync("native"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal("echo: native", System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task ACommandsExitCodeIsTheProcesssExitCode()
    {
        Assert.Equal(3, (await Run("fail")).ExitCode);
        var raised = await Run("fail", "--raise");
        Assert.Equal(1, raised.ExitCode);
        Assert.Contains("Failing on purpose.", raised.Output);
    }
}
