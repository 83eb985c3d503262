using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Which route serves a URL that several routes match.</summary>
public sealed class PrecedenceTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Theory]
    [InlineData("/items/new/", "new item")]     // the literal route, though declared after the value route
    [InlineData("/items/old/", "item old")]
    [InlineData("/items/New/", "item New")]     // literals match case-sensitively, so this is a value
    public async Task A_literal_segment_beats_a_value_segment(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [InlineData("/tie/5/", "tie first 5")]      // both match: the first declared wins, no ambiguity error
    [InlineData("/tie/abc/", "tie second abc")] // only the second matches
    [InlineData("/dup/", "dup first")]
    public async Task Between_routes_that_match_equally_the_first_declared_wins(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Fact]
    public async Task A_lower_Order_wins_over_declaration_order()
    {
        var response = await _client.GetAsync("/ordered/x/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ordered first x", await response.BodyAsync());
    }

    [Theory]
    [InlineData("GET", "got thing")]
    [InlineData("POST", "posted thing")]
    public async Task Routes_of_one_pattern_split_by_method(string method, string expected)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/thing/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Fact]
    public async Task A_method_neither_route_answers_is_a_405_listing_both()
    {
        var response = await _client.DeleteAsync("/thing/");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("GET", "/mixed/new/", "mixed new")]
    [InlineData("POST", "/mixed/new/", "mixed posted new")] // the route without values doesn't answer POST; the other one does
    [InlineData("POST", "/mixed/other/", "mixed posted other")]
    public async Task A_route_without_values_and_one_with_values_share_a_path_by_method(string method, string path, string expected)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [InlineData("DELETE", "/mixed/new/", new[] { "GET", "HEAD", "POST" })]
    [InlineData("GET", "/mixed/New/", new[] { "POST" })] // literals match case-sensitively: only the value route matches
    public async Task A_method_no_matching_route_answers_is_a_405_listing_what_they_do(string method, string path, string[] allowed)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed, response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }
}
