using System.Net;
using System.Text;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>How each kind of return value is written.</summary>
public sealed class ResultTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    /// <summary><c>/res/json/</c>'s body, all ASCII.</summary>
    private const string WidgetJson = """{"displayName":"Widget","unitPrice":9.5,"tags":["a","b"]}""";

    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task A_string_is_plain_text_in_UTF8()
    {
        var response = await _client.GetAsync("/res/text/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.MediaType());
        Assert.Equal("plain text", await response.BodyAsync());
        Assert.Equal(10, response.Content.Headers.ContentLength);
        Assert.Null(response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task A_null_string_is_an_empty_text_response()
    {
        var response = await _client.GetAsync("/res/null-text/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.MediaType());
        Assert.Equal("", await response.BodyAsync());
    }

    [Fact]
    public async Task A_TemplateResult_is_HTML_from_the_embedded_templates()
    {
        var response = await _client.GetAsync("/res/template/?note=%3Cb%3E");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        var body = await response.BodyAsync();
        Assert.Equal("<title>Widget</title><a href=\"/res/text/\">Widget</a> 9.5 [a][b] &lt;b&gt;\n", body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task A_record_is_camel_case_JSON()
    {
        var response = await _client.GetAsync("/res/json/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.MediaType());
        Assert.Equal(WidgetJson, await response.BodyAsync());
        Assert.Equal(WidgetJson.Length, response.Content.Headers.ContentLength);
        Assert.Null(response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task A_media_type_the_handler_set_stays_on_its_JSON()
    {
        var response = await _client.GetAsync("/res/json-typed/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.api+json", response.MediaType());
        Assert.Equal(WidgetJson, await response.BodyAsync());
    }

    [Fact]
    public async Task A_large_JSON_value_is_sent_whole_with_its_length()
    {
        var response = await _client.GetAsync("/res/json-many/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length > 256 * 1024, $"{body.Length} bytes");
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Null(response.Headers.TransferEncodingChunked);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(5000, json.RootElement.GetArrayLength());
        Assert.Equal("Product \u00e9 4999", json.RootElement[4999].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task HEAD_of_a_JSON_route_gives_the_length_without_the_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/res/json/");
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.MediaType());
        Assert.Equal(WidgetJson.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_value_that_fails_to_serialize_is_a_500_page_not_half_a_response()
    {
        var response = await _client.GetAsync("/res/json-throws/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        var body = await response.BodyAsync();
        Assert.Contains("Server Error (500)", body);
        Assert.DoesNotContain("visible", body);
    }

    [Fact]
    public async Task Results_Redirect_is_a_302_to_the_reversed_url()
    {
        var response = await _client.GetAsync("/res/redirect/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/res/text/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Results_StatusCode_sets_the_status_with_an_empty_body()
    {
        var response = await _client.GetAsync("/res/accepted/");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Equal("", await response.BodyAsync());
    }

    [Fact]
    public async Task An_empty_error_status_from_a_result_gets_an_error_page()
    {
        var response = await _client.GetAsync("/res/teapot/");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        Assert.Contains("(418)", await response.BodyAsync());
    }

    [Fact]
    public async Task TypedResults_Ok_writes_JSON()
    {
        var response = await _client.GetAsync("/res/ok/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.MediaType());
        Assert.Equal("""{"displayName":"Gadget","unitPrice":3,"tags":[]}""", await response.BodyAsync());
    }

    [Fact]
    public async Task TypedResults_Created_is_a_201_with_a_location_and_JSON()
    {
        var response = await _client.PostAsync("/res/created/", new StringContent("""{"title":"New","body":"Note"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/res/notes/7/", response.Headers.Location?.OriginalString);
        Assert.Equal("application/json; charset=utf-8", response.MediaType());
        Assert.Equal("""{"id":7,"title":"New","body":"Note"}""", await response.BodyAsync());

        var created = await _client.GetAsync(response.Headers.Location);
        Assert.Equal("note 7", await created.BodyAsync());
    }

    [Fact]
    public async Task A_Task_of_string_is_awaited()
    {
        var response = await _client.GetAsync("/res/task-text/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.MediaType());
        Assert.Equal("from a task", await response.BodyAsync());
    }

    [Fact]
    public async Task A_ValueTask_of_a_record_is_awaited_and_written_as_JSON()
    {
        var response = await _client.GetAsync("/res/valuetask-json/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.MediaType());
        Assert.Equal("""{"displayName":"Async","unitPrice":1.25,"tags":["x"]}""", await response.BodyAsync());
    }

    [Fact]
    public async Task A_Task_of_IResult_is_awaited_and_executed()
    {
        var response = await _client.GetAsync("/res/task-result/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.MediaType());
        Assert.Equal("<p>html</p>", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/res/void/")]
    [InlineData("/res/task/")]
    public async Task Void_and_Task_handlers_run_and_answer_200_with_an_empty_body(string path)
    {
        var before = int.Parse(await _client.GetStringAsync("/res/count/"), System.Globalization.CultureInfo.InvariantCulture);

        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Equal("", await response.BodyAsync());
        var after = int.Parse(await _client.GetStringAsync("/res/count/"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(before + 1, after);
    }
}
