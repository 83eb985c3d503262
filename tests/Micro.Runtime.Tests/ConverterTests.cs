using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Django's path converters and a custom one, matched over HTTP.</summary>
public sealed class ConverterTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Theory]
    [InlineData("/conv/int/0/", "int 0")]
    [InlineData("/conv/int/42/", "int 42")]
    [InlineData("/conv/int/007/", "int 7")]
    [InlineData("/conv/long/9999999999/", "long 9999999999")]
    [InlineData("/conv/str/hello%20world/", "str hello world")]
    [InlineData("/conv/str/caf%C3%A9/", "str café")]
    [InlineData("/conv/default/anything.at-all/", "default anything.at-all")]
    [InlineData("/conv/slug/my-first_post-2/", "slug my-first_post-2")]
    [InlineData("/conv/uuid/0f8fad5b-d9cb-469f-a165-70867728950e/", "uuid 0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("/conv/path/a", "path a")]
    [InlineData("/conv/path/docs/2024/readme.md", "path docs/2024/readme.md")]
    [InlineData("/conv/path/trailing/", "path trailing/")]
    [InlineData("/conv/mid/a/b/c/edit/", "mid a/b/c")]
    [InlineData("/conv/year/2024/", "year 2024")]
    [InlineData("/conv/year/0099/", "year 99")]
    [InlineData("/conv/even/10/", "even 10")]
    [InlineData("/conv/page-3.html", "page 3")]
    [InlineData("/conv/pair/12/twelve/", "pair 12 twelve")]
    [InlineData("/conv/caf%C3%A9/%7Bx%7D/1/", "literal 1")]
    public async Task A_value_the_converter_accepts_reaches_the_handler(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.MediaType());
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [InlineData("/conv/int/-1/")]                 // int is [0-9]+: no sign
    [InlineData("/conv/int/1.5/")]
    [InlineData("/conv/int/abc/")]
    [InlineData("/conv/int//")]                   // values are never empty
    [InlineData("/conv/str/a/b/")]                // str stops at a slash
    [InlineData("/conv/slug/not%20a%20slug/")]
    [InlineData("/conv/slug/caf%C3%A9/")]        // slug is ASCII only
    [InlineData("/conv/uuid/0F8FAD5B-D9CB-469F-A165-70867728950E/")] // uuid is lowercase only
    [InlineData("/conv/uuid/0f8fad5bd9cb469fa16570867728950e/")]     // and dashed
    [InlineData("/conv/path/")]                   // path is never empty either
    [InlineData("/conv/mid/edit/")]
    [InlineData("/conv/year/24/")]                // the custom converter's expression: four digits
    [InlineData("/conv/year/20245/")]
    [InlineData("/conv/even/7/")]                 // ToValue refused it (ArgumentException)
    [InlineData("/conv/even/99999999999/")]       // ToValue overflowed
    [InlineData("/conv/page-x.html")]
    [InlineData("/conv/page-3.htm")]
    [InlineData("/conv/cafe/%7Bx%7D/1/")]
    [InlineData("/conv/caf%C3%A9/x/1/")]
    public async Task A_value_the_converter_refuses_is_a_404(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("custom 404 for /conv/", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/conv/int/99999999999/")]
    [InlineData("/conv/int/2147483648/")]                 // int.MaxValue + 1
    [InlineData("/conv/long/9223372036854775808/")]       // long.MaxValue + 1
    [InlineData("/conv/page-99999999999999999999.html")]
    [InlineData("/conv/pair/2147483648/a/")]
    public async Task A_route_value_too_large_for_its_parameter_is_a_404_not_a_400_or_500(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"custom 404 for {path} (404)", await response.BodyAsync());
    }
}
