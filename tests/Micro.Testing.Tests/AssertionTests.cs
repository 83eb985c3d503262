namespace Micro.Testing.Tests;

/// <summary>
/// Every assertion of the test client against the sample app: it passes when it should, and fails when it should with a
/// message that names the request, what was expected and what came, at the file and line of the assertion.
/// </summary>
public sealed class AssertionTests : SampleAppTest
{
    [Fact]
    public async Task AssertStatus_passes_on_the_status_and_fails_on_another()
    {
        var response = await Client.GetAsync(Urls.Home());
        response.AssertStatus(200);

        var (failure, line) = Failing(() => response.AssertStatus(404));
        Assert.StartsWith("Response code was 200 OK (expected 404 Not Found) for GET /.", failure.Message);
        Assert.Contains("Hello, World!", failure.Message);
        Assert.Equal(line, failure.Line);
        Assert.EndsWith("AssertionTests.cs", failure.FilePath);
    }

    [Fact]
    public async Task AssertRedirects_checks_the_status_and_the_target()
    {
        var response = await Client.GetAsync(Urls.GoHome());
        response.AssertRedirects(Urls.Home());

        var (elsewhere, line) = Failing(() => response.AssertRedirects("/elsewhere/"));
        Assert.Equal("Response redirected to '/', expected '/elsewhere/' (for GET /go-home/).", elsewhere.Message);
        Assert.Equal(line, elsewhere.Line);

        var permanent = Failing(() => response.AssertRedirects(Urls.Home(), statusCode: 301)).Failure;
        Assert.StartsWith("Response didn't redirect as expected: response code was 302 Found (expected 301 Moved Permanently) for GET /go-home/.", permanent.Message);

        var home = await Client.GetAsync(Urls.Home());
        var notRedirect = Failing(() => home.AssertRedirects("/")).Failure;
        Assert.StartsWith("Response didn't redirect as expected: response code was 200 OK (expected 302 Found) for GET /.", notRedirect.Message);
    }

    [Fact]
    public async Task AssertRedirects_on_a_followed_request_checks_the_page_it_ended_on()
    {
        var followed = await Client.GetAsync(Urls.GoHome(), follow: true);
        followed.AssertRedirects(Urls.Home()).AssertContains("Hello, World!");
        Assert.Equal([new RedirectHop("/", 302)], followed.RedirectChain);

        // APPEND_SLASH sends /posts/missing to /posts/missing/, which is a 404.
        var missing = await Client.GetAsync("/posts/missing", follow: true);
        var failure = Failing(() => missing.AssertRedirects("/posts/missing/", statusCode: 301)).Failure;
        Assert.StartsWith("Couldn't retrieve redirection page '/posts/missing/': response code was 404 Not Found (expected 200 OK).", failure.Message);
        missing.AssertRedirects("/posts/missing/", statusCode: 301, targetStatusCode: 404);
    }

    [Fact]
    public async Task AssertContains_finds_text_counts_it_and_checks_the_status()
    {
        var response = await Client.GetAsync(Urls.Home() + "?name=Ada");
        response.AssertContains("Hello, Ada!").AssertContains("l", count: 2);

        var (missing, line) = Failing(() => response.AssertContains("Goodbye"));
        Assert.Equal("Couldn't find 'Goodbye' in the response to GET /?name=Ada.\nThe body (text/plain; charset=utf-8):\nHello, Ada!", missing.Message);
        Assert.Equal(line, missing.Line);

        var counted = Failing(() => response.AssertContains("l", count: 1)).Failure;
        Assert.StartsWith("Found 2 instances of 'l' in the response to GET /?name=Ada (expected 1).", counted.Message);

        var notFound = await Client.GetAsync(Urls.PostPage("missing"));
        var status = Failing(() => notFound.AssertContains("Nothing")).Failure;
        Assert.StartsWith("Couldn't retrieve content: response code was 404 Not Found (expected 200 OK) for GET /posts/missing/.", status.Message);
        notFound.AssertContains("Nothing at /posts/missing/", statusCode: 404);
    }

    [Fact]
    public async Task AssertContains_with_html_compares_elements_not_characters()
    {
        var response = await Client.GetAsync(Urls.PostDetail(2024, "engines"));

        // Whitespace, attribute order and quoting don't matter; elements match whole.
        response.AssertContains("<h1>\n  engines\n</h1>", html: true);
        response.AssertContains("<h1>engines</h1><p>2024</p>", html: true, count: 1);
        response.AssertContains("engines", html: true);
        Failing(() => response.AssertContains("<h1>\n  engines\n</h1>"));

        var partial = Failing(() => response.AssertContains("<h1>engine</h1>", html: true)).Failure;
        Assert.StartsWith("Couldn't find '<h1>engine</h1>' in the response to GET /blog/2024/engines/.", partial.Message);

        var notes = await Client.GetAsync(Urls.NoteList());
        var stylesheet = System.Text.RegularExpressions.Regex.Match(notes.Text, "/static/site\\.[0-9a-f]{12}\\.css").Value;
        notes.AssertContains($"<link href='{stylesheet}' rel=stylesheet>", html: true);
        notes.AssertNotContains("<link rel=\"stylesheet\">", html: true);
    }

    [Fact]
    public async Task AssertNotContains_fails_when_the_text_is_there()
    {
        var response = await Client.GetAsync(Urls.Home());
        response.AssertNotContains("Goodbye");

        var (failure, line) = Failing(() => response.AssertNotContains("Hello"));
        Assert.StartsWith("'Hello' unexpectedly found in the response to GET /.", failure.Message);
        Assert.Equal(line, failure.Line);
    }

    [Fact]
    public async Task AssertTemplateUsed_knows_the_page_its_parent_and_its_includes()
    {
        var response = await Client.GetAsync(Urls.NoteList());
        Assert.Equal(["notes/list.html", "base.html", "_nav.html", "_pages.html"], response.Templates);
        response.AssertTemplateUsed("notes/list.html").AssertTemplateUsed("_nav.html", count: 1).AssertTemplateNotUsed("posts/list.html");

        var (unused, line) = Failing(() => response.AssertTemplateUsed("posts/list.html"));
        Assert.Equal("Template 'posts/list.html' was not a template used to render the response to GET /pages/notes/. Actual template(s) used: notes/list.html, base.html, _nav.html, _pages.html.", unused.Message);
        Assert.Equal(line, unused.Line);

        var used = Failing(() => response.AssertTemplateNotUsed("base.html")).Failure;
        Assert.Equal("Template 'base.html' was used unexpectedly in rendering the response to GET /pages/notes/.", used.Message);

        var text = await Client.GetAsync(Urls.Home());
        var none = Failing(() => text.AssertTemplateUsed("notes/list.html")).Failure;
        Assert.Equal("No templates used to render the response to GET / (expected 'notes/list.html').", none.Message);
    }

    [Fact]
    public async Task AssertContext_reads_the_values_the_template_received()
    {
        var response = await Client.GetAsync(Urls.NoteList() + "?who=Ada");
        response.AssertContext("title", "Notes").AssertContext("who", "Ada").AssertContext("page_obj", Array.Empty<Note>());
        Assert.True(response.TryGetContextValue("csrf_token", out var token) && token is not null);

        var (wrong, line) = Failing(() => response.AssertContext("title", "Pages"));
        Assert.Equal("Context value 'title' of the response to GET /pages/notes/?who=Ada was \"Notes\" (expected \"Pages\").", wrong.Message);
        Assert.Equal(line, wrong.Line);

        var missing = Failing(() => response.AssertContext("heading", "Notes")).Failure;
        Assert.Equal("The templates of the response to GET /pages/notes/?who=Ada (notes/list.html, base.html, _nav.html, _pages.html) had no context value 'heading'.", missing.Message);
    }

    [Fact]
    public async Task AssertJson_compares_values_not_text()
    {
        var response = await Client.GetAsync(Urls.YearArchive(2024));
        response.AssertJson("""{ "page": 1, "year": 2024, "next": "/blog/2025/", "firstPost": "/blog/2024/hello-world/" }""");
        response.AssertJson(new Archive(2024, 1, "/blog/2025/", "/blog/2024/hello-world/"));
        Assert.Equal(2025, response.Json<Archive>()!.Year + 1);

        var (different, line) = Failing(() => response.AssertJson("""{ "year": 2024, "page": 2, "next": "/blog/2025/", "firstPost": "/blog/2024/hello-world/" }"""));
        Assert.StartsWith("The JSON of the response to GET /blog/2024/ differs at $.page: 1 (expected 2).\nActual:   {", different.Message);
        Assert.Equal(line, different.Line);

        var extra = Failing(() => response.AssertJson("""{ "year": 2024, "page": 1, "next": "/blog/2025/" }""")).Failure;
        Assert.StartsWith("The JSON of the response to GET /blog/2024/ differs at $.firstPost: \"/blog/2024/hello-world/\" (not expected).", extra.Message);

        var page = await Client.GetAsync(Urls.NoteList());
        var notJson = Failing(() => page.AssertJson("{}")).Failure;
        Assert.StartsWith("The response to GET /pages/notes/ is not JSON", notJson.Message);
    }

    [Fact]
    public async Task AssertHeader_compares_a_header_and_its_absence()
    {
        // The header comes from middleware in the app's Program.cs: the client ran the app's own entry point.
        var response = await Client.GetAsync(Urls.Home());
        response.AssertHeader("X-Served-By", "Micro").AssertHeader("Location", null);

        var (failure, line) = Failing(() => response.AssertHeader("X-Served-By", "Kestrel"));
        Assert.Equal("Header 'X-Served-By' of the response to GET / was \"Micro\" (expected \"Kestrel\").", failure.Message);
        Assert.Equal(line, failure.Line);
    }
}
