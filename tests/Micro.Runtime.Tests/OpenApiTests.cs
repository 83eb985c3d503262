using System.Net;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Tests.OpenApi;

namespace Micro.Runtime.Tests;

/// <summary>The test app in Production with the OpenAPI document asked for.</summary>
public sealed class OpenApiProductionApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments => ["--Micro:OpenApi:Enabled=true", "--Micro:OpenApi:Title=Test API", "--Micro:OpenApi:Version=2.1.0"];
}

/// <summary>The OpenAPI document the generator writes, as the app serves it: in Development, checked by a real OpenAPI validator.</summary>
public sealed class OpenApiTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task Development_serves_a_valid_OpenAPI_3_1_document()
    {
        var response = await app.Client.GetAsync("/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await response.BodyAsync();
        using var json = JsonDocument.Parse(document);
        Assert.Equal("3.1.1", json.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("Micro.Runtime.Tests", json.RootElement.GetProperty("info").GetProperty("title").GetString());
        OpenApiValidator.AssertValid(document);
    }

    [Fact]
    public async Task Paths_parameters_and_schemas_come_from_the_routes_and_their_json_metadata()
    {
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi.json"));
        var root = json.RootElement;
        var paths = root.GetProperty("paths");

        // A group's prefix and tags; a Django converter as an OpenAPI parameter.
        var thing = paths.GetProperty("/grouped/v2/things/{id}/detail/").GetProperty("get");
        Assert.Equal("group_thing_detail", thing.GetProperty("operationId").GetString());
        Assert.Equal("One thing, as JSON.", thing.GetProperty("summary").GetString());
        Assert.Equal("things", thing.GetProperty("tags")[0].GetString());
        var id = Assert.Single(thing.GetProperty("parameters").EnumerateArray());
        Assert.Equal("""{"name":"id","in":"path","description":"The thing\u0027s number.","required":true,"schema":{"type":"integer","format":"int32"}}""", Compact(id));
        Assert.Equal(["200", "404"], thing.GetProperty("responses").EnumerateObject().Select(static p => p.Name));
        Assert.Equal(
            """{"type":"object","properties":{"id":{"type":"integer","format":"int64"},"name":{"type":"string"},"since":{"type":["string","null"],"format":"date"},"labels":{"type":["array","null"],"items":{"type":"string"}}},"required":["id","name"]}""",
            Compact(root.GetProperty("components").GetProperty("schemas").GetProperty("ThingDetail")));

        // A body's schema: property names as the app's JSON options name them (camelCase), [JsonPropertyName] as written,
        // and the constraints of the annotations it is checked with.
        var post = paths.GetProperty("/api/posts/").GetProperty("post");
        Assert.Equal("#/components/schemas/NewPost", post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
            post.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        var newPost = root.GetProperty("components").GetProperty("schemas").GetProperty("NewPost");
        var title = newPost.GetProperty("properties").GetProperty("title");
        Assert.Equal(20, title.GetProperty("maxLength").GetInt32());
        Assert.Equal(1, title.GetProperty("minLength").GetInt32());
        Assert.Equal(5, newPost.GetProperty("properties").GetProperty("stars").GetProperty("maximum").GetInt32());
        Assert.Equal("email", newPost.GetProperty("properties").GetProperty("contact").GetProperty("format").GetString());
        Assert.Equal("^(?:[a-z-]+)$", newPost.GetProperty("properties").GetProperty("url_slug").GetProperty("pattern").GetString());
        Assert.Equal(["title", "body", "stars"], newPost.GetProperty("required").EnumerateArray().Select(static e => e.GetString()));


        // A list's length counts its items.
        var lines = root.GetProperty("components").GetProperty("schemas").GetProperty("NewOrder").GetProperty("properties").GetProperty("lines");
        Assert.Equal((1, 3), (lines.GetProperty("minItems").GetInt32(), lines.GetProperty("maxItems").GetInt32()));

        // A handler mounted twice (a group with two namespaces) is two operations, each with its own operation ID.
        Assert.Equal("PollViews_Votes", paths.GetProperty("/ns/polls/{pk}/votes/").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("PollViews_Votes_2", paths.GetProperty("/ns/author-polls/{pk}/votes/").GetProperty("get").GetProperty("operationId").GetString());

        // The tags used, listed at the top as ASP.NET Core's document lists them.
        Assert.Contains(root.GetProperty("tags").EnumerateArray(), static t => t.GetProperty("name").GetString() == "things");

        // Enums: their numbers, or their names when their own converter writes names.
        var schemas = root.GetProperty("components").GetProperty("schemas");
        Assert.Equal("""{"type":"integer","enum":[0,1,2]}""", Compact(schemas.GetProperty("Color")));
        Assert.Equal("""{"type":"string","enum":["Small","medium","Large"]}""", Compact(schemas.GetProperty("Size")));
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element, JsonContext.Default.JsonElement);

    [Fact]
    public async Task The_docs_page_renders_the_document_with_nothing_from_the_internet()
    {
        var response = await app.Client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.BodyAsync();
        Assert.Contains("data-document=\"/openapi.json\"", page);
        Assert.DoesNotContain("<script src", page);
        Assert.DoesNotContain("<link", page);
        Assert.DoesNotContain("https://", page);
    }
}

/// <summary>Off in Production unless asked for; asked for, it carries the configured title and version.</summary>
public sealed class OpenApiConfigurationTests(ProductionApp production, OpenApiProductionApp enabled) : IClassFixture<ProductionApp>, IClassFixture<OpenApiProductionApp>
{
    [Fact]
    public async Task Production_serves_no_document_unless_asked()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await production.Client.GetAsync("/openapi.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await production.Client.GetAsync("/docs/")).StatusCode);

        var response = await enabled.Client.GetAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.BodyAsync());
        Assert.Equal("Test API", json.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("2.1.0", json.RootElement.GetProperty("info").GetProperty("version").GetString());
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
