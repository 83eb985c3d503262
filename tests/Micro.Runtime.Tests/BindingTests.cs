using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Every binding source, with well-formed input.</summary>
public sealed class BindingTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Route_values_are_parsed_into_typed_parameters()
    {
        var response = await _client.GetAsync("/bind/route/7/9876543210/0f8fad5b-d9cb-469f-a165-70867728950e/blue/2024-02-29/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("id=7 big=9876543210 key=0f8fad5bd9cb469fa16570867728950e color=Blue day=2024-02-29 (Thursday)", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/bind/route/7/1/0f8fad5b-d9cb-469f-a165-70867728950e/purple/2024-02-29/")] // not a Color
    [InlineData("/bind/route/7/1/0f8fad5b-d9cb-469f-a165-70867728950e/blue/2023-02-29/")]   // not a date
    [InlineData("/bind/route/7/99999999999999999999/0f8fad5b-d9cb-469f-a165-70867728950e/blue/2024-02-29/")] // too big for long
    public async Task A_route_value_its_parameter_type_cannot_hold_is_a_404(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("custom 404", await response.BodyAsync());
    }

    [Fact]
    public async Task Query_values_bind_required_optional_default_nullable_repeated_and_enum_parameters()
    {
        var response = await _client.GetAsync("/bind/query/?q=hi%20there&page=2&tag=a&tag=b&ids=1&ids=22&per-page=5&color=blue&size=&palette=red&palette=GREEN");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.MediaType());
        using var json = JsonDocument.Parse(await response.BodyAsync());
        var root = json.RootElement;
        Assert.Equal("hi there", root.GetProperty("q").GetString());
        Assert.Equal(2, root.GetProperty("page").GetInt32());
        Assert.Equal(20, root.GetProperty("size").GetInt32());               // empty: the default
        Assert.Equal(JsonValueKind.Null, root.GetProperty("sort").ValueKind);
        Assert.Equal([1, 22], root.GetProperty("ids").EnumerateArray().Select(static e => e.GetInt32()));
        Assert.Equal(["a", "b"], root.GetProperty("tags").EnumerateArray().Select(static e => e.GetString()));
        Assert.Equal(2, root.GetProperty("color").GetInt32());                // Color.Blue, case-insensitive
        Assert.Equal([0, 1], root.GetProperty("palette").EnumerateArray().Select(static e => e.GetInt32()));
        Assert.Equal(5, root.GetProperty("perPage").GetInt32());              // [FromQuery(Name = "per-page")]
    }

    [Fact]
    public async Task Absent_optional_query_values_take_their_defaults()
    {
        var response = await _client.GetAsync("/bind/query/?q=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.BodyAsync());
        var root = json.RootElement;
        Assert.Equal("", root.GetProperty("q").GetString());                  // present but empty: a string is still given
        Assert.Equal(JsonValueKind.Null, root.GetProperty("page").ValueKind);
        Assert.Equal(20, root.GetProperty("size").GetInt32());
        Assert.Equal(10, root.GetProperty("perPage").GetInt32());
        Assert.Equal(1, root.GetProperty("color").GetInt32());                // Color.Green
        Assert.Equal(0, root.GetProperty("ids").GetArrayLength());
        Assert.Equal(0, root.GetProperty("tags").GetArrayLength());
        Assert.Equal(0, root.GetProperty("palette").GetArrayLength());
    }

    [Fact]
    public async Task Headers_bind_by_the_name_given_in_FromHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bind/header/");
        request.Headers.Add("X-Api-Key", "secret");
        request.Headers.Add("X-Count", "3");
        request.Headers.Add("X-Color", "red");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("key=secret count=3 color=Red", await response.BodyAsync());
    }

    [Fact]
    public async Task Optional_headers_take_their_defaults()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bind/header/");
        request.Headers.Add("X-Api-Key", "secret");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("key=secret count=none color=Blue", await response.BodyAsync());
    }

    [Fact]
    public async Task Url_encoded_form_fields_bind_with_FromForm()
    {
        var form = new FormUrlEncodedContent([new("name", "Ada Lovelace"), new("age", "36"), new("tag", "math"), new("tag", "poetry")]);

        var response = await _client.PostAsync("/bind/form/", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("name=Ada Lovelace age=36 tags=math,poetry nickname=none", await response.BodyAsync());
    }

    [Fact]
    public async Task Multipart_form_fields_bind_with_FromForm()
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Grace"), "name" },
            { new StringContent("85"), "age" },
            { new StringContent("navy"), "tag" },
            { new StringContent("Amazing Grace"), "nickname" },
        };

        var response = await _client.PostAsync("/bind/form/", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("name=Grace age=85 tags=navy nickname=Amazing Grace", await response.BodyAsync());
    }

    [Fact]
    public async Task An_uploaded_file_binds_to_IFormFile()
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("file contents"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var form = new MultipartFormDataContent { { new StringContent("Report"), "title" }, { file, "file", "report.txt" } };

        var response = await _client.PostAsync("/bind/upload/", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Report: report.txt (text/plain, 13 bytes) file contents extra=none", await response.BodyAsync());
    }

    [Fact]
    public async Task An_inferred_complex_parameter_of_a_POST_route_is_the_JSON_body()
    {
        var response = await _client.PostAsync("/bind/json/record/", Json("""{"title":"Hi","body":"There"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.MediaType());
        Assert.Equal("""{"id":1,"title":"Hi","body":"There"}""", await response.BodyAsync());
    }

    [Theory]
    [InlineData("application/json; charset=UTF-8", "utf-8")]
    [InlineData("application/json; charset=utf-16", "utf-16")]
    [InlineData("application/problem+json", "utf-8")]
    public async Task A_JSON_body_in_any_known_encoding_is_read(string contentType, string encoding)
    {
        var content = new ByteArrayContent(Encoding.GetEncoding(encoding).GetBytes("""{"title":"Zoë","body":"x"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _client.PostAsync("/bind/json/record/", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"id":1,"title":"Zoë","body":"x"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task A_FromBody_class_binds_from_JSON_case_insensitively()
    {
        var response = await _client.PutAsync("/bind/json/class/", Json("""{"Name":"Ada","age":36}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ada is 36", await response.BodyAsync());
    }

    [Fact]
    public async Task An_optional_body_may_be_absent()
    {
        var empty = await _client.PostAsync("/bind/json/optional/", null);
        var given = await _client.PostAsync("/bind/json/optional/", Json("""{"title":"T","body":"B"}"""));

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("no note", await empty.BodyAsync());
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Equal("note T", await given.BodyAsync());
    }

    [Fact]
    public async Task A_registered_service_type_is_injected_even_on_a_POST_route()
    {
        var response = await _client.PostAsync("/bind/json/service/", Json("""{"title":"from the body","body":""}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, from the body!", await response.BodyAsync());
    }

    [Fact]
    public async Task Services_are_injected_inferred_or_with_FromServices()
    {
        var response = await _client.GetAsync("/bind/services/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, services! today=2024-02-29 setting=from-args counter=present", await response.BodyAsync());
    }

    [Fact]
    public async Task Scoped_services_live_for_one_request_and_keyed_services_resolve_by_key()
    {
        var first = (await _client.GetStringAsync("/bind/scoped/")).Split(' ');
        var second = (await _client.GetStringAsync("/bind/scoped/")).Split(' ');

        Assert.Equal(["same=True", "keyed=2024-02-29"], first[1..]);
        Assert.Equal(["same=True", "keyed=2024-02-29"], second[1..]);
        Assert.Equal(32, first[0].Length);
        Assert.NotEqual(first[0], second[0]);
    }

    [Fact]
    public async Task A_chunked_JSON_body_is_read()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"title":"chunked","body":"b"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/bind/json/record/") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"id":1,"title":"chunked","body":"b"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task HttpContext_request_response_cancellation_token_and_user_are_bound()
    {
        var response = await _client.GetAsync("/bind/context/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("yes", response.Header("X-Same-Request"));
        Assert.Equal("method=GET path=/bind/context/ cancellable=True aborted-token=True user=anonymous authenticated=False", await response.BodyAsync());
    }

    [Fact]
    public async Task The_user_set_by_middleware_is_bound_to_ClaimsPrincipal()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bind/context/");
        request.Headers.Add("X-Test-User", "ada");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("user=ada authenticated=True", await response.BodyAsync());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
