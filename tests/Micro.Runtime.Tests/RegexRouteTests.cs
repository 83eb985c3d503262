using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Routes in Django's <c>re_path()</c> syntax: named groups, anchors, reversing.</summary>
public sealed class RegexRouteTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Named_groups_bind_to_the_parameters_of_the_same_name()
    {
        var response = await _client.GetAsync("/re/articles/2024/03/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.MediaType());
        Assert.Equal("month 2024-03", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/re/articles/2024/3/")]        // the group wants two digits
    [InlineData("/re/articles/24/03/")]
    [InlineData("/re/articles/2024/03/extra/")] // '$' anchors the end
    [InlineData("/x/re/articles/2024/03/")]     // '^' anchors the start
    [InlineData("/RE/articles/2024/03/")]       // case-sensitive
    [InlineData("/re/open/ABC")]
    [InlineData("/re/either/three/")]
    public async Task A_path_the_expression_does_not_match_is_a_404(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"custom 404 for {path} (404)", await response.BodyAsync());
    }

    // Django matches a pattern that ends with '$' against the whole path, so a newline after it is a 404 (as Django 3.2
    // answers "/regex/1/%0A" for "^regex/(?P<pk>[0-9]+)/$"); .NET's '$', like Python's, also matches before a final newline.
    [Theory]
    [InlineData("/re/articles/2024/03/%0A")]
    [InlineData("/re/articles/2024/03%0A/")]
    [InlineData("/re/articles/2024/03/%0D%0A")]
    [InlineData("/re/z/1/%0A")]
    [InlineData("/conv/int/5/%0A")]
    [InlineData("/conv/int/5%0A/")]
    [InlineData("/about/%0A")]
    public async Task A_newline_after_the_end_of_the_pattern_is_a_404(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Python_end_of_text_anchor_matches_at_the_end_and_reverses()
    {
        Assert.Equal("/re/z/7/", Urls.ReZ(7));

        var response = await _client.GetAsync("/re/z/7/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("z 7", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/re/open/abc", "open abc")]
    [InlineData("/re/open/abc/", "open abc")]
    [InlineData("/re/open/abc/and/more", "open abc")]
    [InlineData("/re/open/abc123", "open abc")]
    public async Task Without_a_dollar_anything_may_follow_the_match_as_in_Django(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [InlineData("/re/either/one/")]
    [InlineData("/re/either/two/")]
    public async Task A_route_with_alternation_matches_every_alternative(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"either {path}", await response.BodyAsync());
    }

    [Fact]
    public void A_route_of_literal_text_and_named_groups_reverses()
    {
        Assert.Equal("/re/articles/2024/03/", Url.Reverse("re_month", 2024, "03"));
        Assert.Equal("/re/articles/1999/12/", Url.Reverse("re_month", new Dictionary<string, object?> { ["year"] = 1999, ["month"] = 12 }));
    }

    [Fact]
    public void Reversing_checks_values_against_the_groups()
    {
        // 3 is written "3", which the two-digit group doesn't match: Django refuses it too. (MICRO0082 says so at compile time.)
#pragma warning disable MICRO0082
        var exception = Assert.Throws<NoReverseMatchException>(() => Url.Reverse("re_month", 2024, 3));
#pragma warning restore MICRO0082

        Assert.Contains("'3' is not a valid value for 'month'", exception.Message);
        Assert.Contains("[0-9]{2}", exception.Message);
    }

    [Fact]
    public void A_route_with_an_alternation_does_not_reverse_as_in_Django()
    {
#pragma warning disable MICRO0082 // the run-time error this test checks is also reported at compile time
        var exception = Assert.Throws<NoReverseMatchException>(() => Url.Reverse("re_either"));
#pragma warning restore MICRO0082

        Assert.Contains("re_either", exception.Message);
        Assert.Contains("can't be reversed", exception.Message);
    }
}
