using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>A JSON body's DataAnnotations, checked by generated code: a 400 in ASP.NET Core's ValidationProblemDetails shape.</summary>
public sealed class BodyValidationTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task A_valid_body_reaches_the_handler()
    {
        var response = await Post("/api/posts/", """{"title":"Hello","body":"Some text","stars":3,"contact":"ada@example.com","url_slug":"hello-world"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"title":"Hello","body":"Some text","stars":3,"contact":"ada@example.com","url_slug":"hello-world"}""", await response.BodyAsync());
    }

    [Fact]
    public async Task An_invalid_body_is_a_validation_problem_listing_every_field()
    {
        var response = await Post("/api/posts/", """{"title":"A title much longer than twenty","body":"ab","stars":9,"contact":"not an email","url_slug":"Not A Slug"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.BodyAsync());
        var root = problem.RootElement;
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", root.GetProperty("type").GetString());
        Assert.Equal("One or more validation errors occurred.", root.GetProperty("title").GetString());
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal(
            """{"title":["Ensure this value has at most 20 characters (it has 31)."],"body":["Ensure this value has at least 3 characters (it has 2)."],"stars":["Ensure this value is less than or equal to 5."],"contact":["Enter a valid email address."],"url_slug":["Enter a valid value."]}""",
            root.GetProperty("errors").GetRawText());
    }

    [Fact]
    public async Task Required_text_must_not_be_blank()
    {
        var response = await Post("/api/posts/", """{"title":"  ","body":"Some text","stars":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"title":["This field is required."]}""", await Errors(response));
    }

    [Fact]
    public async Task Nested_objects_and_list_items_are_checked_under_their_path()
    {
        var response = await Post("/api/orders/", """{"customer":"A","shipTo":{"street":null},"lines":[{"sku":"OK","quantity":1,"pack":2},{"sku":"MUCH-TOO-LONG","quantity":0,"pack":3}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"customer":["Ensure this value has at least 2 characters (it has 1)."],"shipTo.street":["Street address is needed for shipping."],"lines[1].sku":["Ensure this value has at most 8 characters (it has 13)."],"lines[1].quantity":["Ensure this value is greater than or equal to 1."],"lines[1].pack":["Pack must be even."]}""",
            await Errors(response));
    }

    [Fact]
    public async Task A_lists_length_counts_its_items()
    {
        var empty = await Post("/api/orders/", """{"customer":"Ada","lines":[]}""");
        var many = await Post("/api/orders/", """{"customer":"Ada","lines":[{"sku":"A","quantity":1},{"sku":"B","quantity":1},{"sku":"C","quantity":1},{"sku":"D","quantity":1}]}""");

        Assert.Equal("""{"lines":["Ensure this list has at least 1 item (it has 0)."]}""", await Errors(empty));
        Assert.Equal("""{"lines":["Ensure this list has at most 3 items (it has 4)."]}""", await Errors(many));
    }

    [Fact]
    public async Task An_optional_body_left_out_is_not_checked()
    {
        var empty = await app.Client.PostAsync("/api/orders/", null);
        var valid = await Post("/api/orders/", """{"customer":"Ada","lines":[{"sku":"A1","quantity":2,"pack":4}]}""");

        Assert.Equal("no order", await empty.BodyAsync());
        Assert.Equal("1 lines", await valid.BodyAsync());
    }

    [Fact]
    public async Task Compare_and_url_are_checked()
    {
        var response = await Post("/api/signup/", """{"homepage":"javascript:alert(1)","name":"Ada","password":"secret","confirm":"secrets"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"homepage":["Enter a valid URL."],"confirm":["'Confirm' and 'Password' do not match."]}""", await Errors(response));
    }

    [Fact]
    public async Task A_missing_required_property_is_the_same_problem_naming_it()
    {
        var response = await Post("/api/posts/", """{"body":"Some text","stars":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"title":["This field is required."]}""", await Errors(response));
    }

    [Fact]
    public async Task A_null_for_a_non_nullable_property_is_the_same_problem_naming_it()
    {
        var response = await Post("/api/posts/", """{"title":"Hi","body":null,"stars":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"body":["This field may not be null."]}""", await Errors(response));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_the_same_problem_naming_it()
    {
        var response = await Post("/api/posts/", """{"title":"Hi","body":"Some text","stars":"many"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.BodyAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.StartsWith("The JSON value could not be converted to", Assert.Single(errors.GetProperty("stars").EnumerateArray()).GetString());
        Assert.DoesNotContain("Path:", errors.GetRawText());
    }

    [Fact]
    public async Task Malformed_json_is_the_same_problem()
    {
        var response = await Post("/api/posts/", """{"title":""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.BodyAsync());
        Assert.StartsWith("The JSON body for parameter 'post' is invalid", problem.RootElement.GetProperty("detail").GetString());
    }

    private Task<HttpResponseMessage> Post(string path, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return app.Client.PostAsync(path, content);
    }

    private static async Task<string> Errors(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.BodyAsync());
        return problem.RootElement.GetProperty("errors").GetRawText();
    }
}
