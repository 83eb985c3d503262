using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>A client's bad input is a 4xx whose message names the parameter, never a 500.</summary>
public sealed class BadRequestTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    public static TheoryData<string, HttpContent?, HttpStatusCode, string> BadRequests => new()
    {
        { "GET /bind/query-int/", null, HttpStatusCode.BadRequest, "The query string parameter 'n' is required (an integer)." },
        { "GET /bind/query-int/?n=", null, HttpStatusCode.BadRequest, "The query string parameter 'n' is required (an integer)." },
        { "GET /bind/query-int/?n=abc", null, HttpStatusCode.BadRequest, "The query string parameter 'n' must be an integer; 'abc' is not." },
        { "GET /bind/query-int/?n=99999999999", null, HttpStatusCode.BadRequest, "The query string parameter 'n' must be an integer; '99999999999' is not." },
        { "GET /bind/query/", null, HttpStatusCode.BadRequest, "The query string parameter 'q' is required (text)." },
        { "GET /bind/query/?q=x&ids=1&ids=two", null, HttpStatusCode.BadRequest, "The query string parameter 'ids' must be an integer; 'two' is not." },
        { "GET /bind/query/?q=x&color=purple", null, HttpStatusCode.BadRequest, "The query string parameter 'color' must be one of Red, Green, Blue; 'purple' is not." },
        { "GET /bind/header/", null, HttpStatusCode.BadRequest, "The header parameter 'X-Api-Key' is required (text)." },
        { "POST /bind/form/", Form(("age", "36")), HttpStatusCode.BadRequest, "The form parameter 'name' is required (text)." },
        { "POST /bind/form/", Form(("name", "Ada"), ("age", "old")), HttpStatusCode.BadRequest, "The form parameter 'age' must be an integer; 'old' is not." },
        { "POST /bind/form/", Json("""{"name":"Ada","age":36}"""), HttpStatusCode.UnsupportedMediaType, "The form parameter 'name' needs a form body (application/x-www-form-urlencoded or multipart/form-data), not 'application/json; charset=utf-8'." },
        { "POST /bind/upload/", new MultipartFormDataContent { { new StringContent("Report"), "title" } }, HttpStatusCode.BadRequest, "The form file parameter 'file' is required (an uploaded file)." },
        { "POST /bind/form/", new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data"), HttpStatusCode.BadRequest, "The form body is malformed" },
        { "POST /bind/json/record/", null, HttpStatusCode.BadRequest, "The body parameter 'note' is required: send it as a JSON request body." },
        { "POST /bind/json/record/", Json("null"), HttpStatusCode.BadRequest, "The body parameter 'note' is required, but the JSON body is null." },
        { "POST /bind/json/record/", Json("""{"title": "unterminated"""), HttpStatusCode.BadRequest, "The JSON body for parameter 'note' is invalid" },
        { "POST /bind/json/record/", Json("""{"title": 5}"""), HttpStatusCode.BadRequest, "The JSON body for parameter 'note' is invalid" },
        { "POST /bind/json/record/", new StringContent("""{"title":"a","body":"b"}""", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "The body parameter 'note' needs a JSON body (Content-Type: application/json), not 'text/plain; charset=utf-8'." },
        { "POST /err/articles/5/", Json("""{"title":"t"}"""), HttpStatusCode.UnsupportedMediaType, "The form parameter 'title' needs a form body" },
        { "POST /err/articles/5/", Form(("name", "t")), HttpStatusCode.BadRequest, "The form parameter 'title' is required (text)." },
        { "POST /bind/json/record/", WithContentType("""{"title":"a","body":"b"}""", "application/json; charset=no-such-charset"), HttpStatusCode.UnsupportedMediaType, "The body parameter 'note' needs a JSON body in a known encoding; charset 'no-such-charset' is not one (send UTF-8)." },
        { "PUT /bind/json/class/", Json("[1, 2]"), HttpStatusCode.BadRequest, "The JSON body for parameter 'person' is invalid" },
        { "POST /bind/json/record/", Json("""{"title":"a"}"""), HttpStatusCode.BadRequest, "The JSON body for parameter 'note' is invalid: JSON deserialization for type 'Micro.Runtime.Tests.TestApp.NewNote' was missing required properties including: 'body'." },
        { "POST /bind/json/record/", Json("""{"title":"a","body":null}"""), HttpStatusCode.BadRequest, "The JSON body for parameter 'note' is invalid: " },
        { "POST /bind/json/record/", WithContentType("""{"title":"a","body":"b"}""", "application/json; charset=utf-7"), HttpStatusCode.UnsupportedMediaType, "The body parameter 'note' needs a JSON body in a known encoding; charset 'utf-7' is not one (send UTF-8)." },
        { "POST /bind/form/", ManyFields(), HttpStatusCode.RequestEntityTooLarge, "The form body is too large: Form value count limit 1024 exceeded." },

        // A page that reads the body itself with ASP.NET Core's API (Request.Form, ReadFormAsync, ReadFromJsonAsync), which throws for these.
        { "POST /bind/raw-form/", Json("""{"name":"Ada"}"""), HttpStatusCode.UnsupportedMediaType, "This page reads a form body (application/x-www-form-urlencoded or multipart/form-data), not 'application/json; charset=utf-8'." },
        { "POST /bind/raw-form-sync/", Json("""{"name":"Ada"}"""), HttpStatusCode.UnsupportedMediaType, "This page reads a form body (application/x-www-form-urlencoded or multipart/form-data), not 'application/json; charset=utf-8'." },
        { "POST /bind/raw-form/", null, HttpStatusCode.UnsupportedMediaType, "This page reads a form body (application/x-www-form-urlencoded or multipart/form-data), not 'no body'." },
        { "POST /bind/raw-form/", new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data"), HttpStatusCode.BadRequest, "The form body is malformed" },
        { "POST /bind/raw-form-sync/", WithContentType("--x\r\n", "multipart/form-data; boundary=x"), HttpStatusCode.BadRequest, "The form body is malformed" },
        { "POST /bind/raw-form/", ManyFields(), HttpStatusCode.RequestEntityTooLarge, "The form body is too large: Form value count limit 1024 exceeded." },
        { "POST /bind/raw-form-sync/", ManyFields(), HttpStatusCode.RequestEntityTooLarge, "The form body is too large: Form value count limit 1024 exceeded." },
        { "POST /bind/raw-form/", new StringContent("a=" + new string('x', 4 * 1024 * 1024 + 1), Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.RequestEntityTooLarge, "The form body is too large: Form value length limit 4194304 exceeded." },
        { "POST /bind/raw-json/", new StringContent("title=Dune", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "This page reads a JSON body (Content-Type: application/json), not 'text/plain; charset=utf-8'." },
        { "PUT /bind/raw-json/", null, HttpStatusCode.UnsupportedMediaType, "This page reads a JSON body (Content-Type: application/json), not 'no body'." },
    };

    [Fact]
    public async Task A_page_that_reads_the_body_itself_fails_only_for_its_own_mistakes()
    {
        // A good form reads.
        var good = await _client.PostAsync("/bind/raw-form/", Form(("a", "1"), ("b", "2")));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("fields=2", await good.BodyAsync());
        Assert.Equal("fields=1", await (await _client.PostAsync("/bind/raw-form-sync/", Form(("a", "1")))).BodyAsync());
        Assert.Equal("title=Dune", await (await _client.PostAsync("/bind/raw-json/", Json("""{"Title":"Dune","Publisher":"Chilton"}"""))).BodyAsync());

        // A form read on GET is the page's own mistake, and so is its own failure after a form that read: server errors.
        Assert.Equal(HttpStatusCode.InternalServerError, (await _client.GetAsync("/bind/raw-form/")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await _client.PostAsync("/bind/raw-form-then-fails/", Form(("a", "1")))).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await _client.PostAsync("/bind/fails-itself/", Json("{}"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task The_error_page_names_the_parameter(string request, HttpContent? content, HttpStatusCode status, string message)
    {
        var response = await SendAsync(request, content, accept: null);

        Assert.Equal(status, response.StatusCode);
        if (message.StartsWith("The JSON body for parameter", StringComparison.Ordinal))
        {
            // A body the JSON reader refused is a validation problem, whatever the client accepts (as in ASP.NET Core).
            Assert.Equal("application/problem+json; charset=utf-8", response.MediaType());
            using var problem = JsonDocument.Parse(await response.BodyAsync());
            Assert.StartsWith(message, problem.RootElement.GetProperty("detail").GetString());
            return;
        }

        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        var page = WebUtility.HtmlDecode(await response.BodyAsync());
        Assert.Contains(message, page);
        Assert.Contains($"({(int)status})", page);
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_JSON_client_gets_problem_details_naming_the_parameter(string request, HttpContent? content, HttpStatusCode status, string message)
    {
        var response = await SendAsync(request, content, accept: "application/json");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.MediaType());
        using var problem = JsonDocument.Parse(await response.BodyAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith(message, problem.RootElement.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string, string> MalformedChunks()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, contentType) in new[] { ("/bind/json/record/", "application/json"), ("/bind/form/", "application/x-www-form-urlencoded") })
        {
            // A chunk size that isn't one, a chunk longer than its size, a negative size, a size past any body.
            foreach (var chunks in new[] { "zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}}}}\r\n0\r\n\r\n", "-1\r\n\r\n", "ffffffffffffffff\r\nx\r\n0\r\n\r\n" })
            {
                data.Add(path, contentType, chunks);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedChunks))]
    public async Task A_malformed_chunked_body_is_a_400(string path, string contentType, string chunks)
    {
        var raw = await Http.RawAsync(app.BaseAddress,
            $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}");

        Assert.StartsWith("HTTP/1.1 400 ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/bind/json/record/", "application/json")]
    [InlineData("/bind/form/", "application/x-www-form-urlencoded")]
    public async Task A_body_that_stops_coming_is_a_408(string path, string contentType)
    {
        // Ten of the hundred bytes announced, then nothing: Kestrel's minimum body data rate (240 bytes a second after a 5 second
        // grace period) ends the wait, and the answer is a 408, not a 500.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nContent-Length: 100\r\n\r\n{{\"title\":"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.StartsWith("HTTP/1.1 408 ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", raw, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string request, HttpContent? content, string? accept)
    {
        var (method, path) = (request.Split(' ')[0], request.Split(' ')[1]);
        using var message = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (accept is not null)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await _client.SendAsync(message);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(static field => new KeyValuePair<string, string>(field.Key, field.Value)));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent ManyFields() =>
        new(string.Join("&", Enumerable.Range(0, 1100).Select(static i => $"f{i}=x")) + "&name=Ada&age=1", Encoding.UTF8, "application/x-www-form-urlencoded");

    private static ByteArrayContent WithContentType(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
