using System.Net;
using Micro.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>[RouteGroup]: a prefix before every route of a class (nested groups too), its tags and attributes on every route.</summary>
public sealed class RouteGroupTests(CsrfApp app) : IClassFixture<CsrfApp>
{
    [Theory]
    [InlineData("/grouped/v2/things/", "things GET")]
    [InlineData("/grouped/v2/things/7/", "thing 7 at /grouped/v2/things/7/")]
    [InlineData("/grouped/v2/admin/stats/", "stats")]
    public async Task Routes_answer_under_their_groups_prefix(string path, string body)
    {
        var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.BodyAsync());
    }

    [Theory]
    [InlineData("/things/")]
    [InlineData("/grouped/v2/stats/")]
    [InlineData("/admin/stats/")]
    public async Task Without_the_prefix_there_is_no_route(string path)
    {
        var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_groups_attributes_apply_to_its_routes()
    {
        // The group is [CsrfExempt]: a POST without a token is accepted where CSRF checks are on.
        var exempt = await app.Client.PostAsync("/grouped/v2/things/", new StringContent("x"));
        var checkedRoute = await app.Client.PostAsync("/sec/submit/", new StringContent("x"));

        Assert.Equal("things POST", await exempt.BodyAsync());
        Assert.Equal(HttpStatusCode.Forbidden, checkedRoute.StatusCode);
    }

    [Fact]
    public void Routes_carry_their_groups_tags_and_attributes_as_metadata()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var thing = endpoints.Single(static e => e.RoutePattern.RawText?.Contains("grouped/v2/things/", StringComparison.Ordinal) == true && e.RoutePattern.Parameters.Count > 0
            && e.RoutePattern.RawText?.Contains("detail", StringComparison.Ordinal) == false);
        var stats = endpoints.Single(static e => e.RoutePattern.RawText?.Contains("admin/stats", StringComparison.Ordinal) == true);

        Assert.Equal(["things"], thing.Metadata.GetRequiredMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>().Tags);
        Assert.NotNull(thing.Metadata.GetMetadata<CsrfExemptAttribute>());
        Assert.Equal(["things"], stats.Metadata.GetRequiredMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>().Tags);
        Assert.NotNull(stats.Metadata.GetMetadata<CsrfExemptAttribute>());
    }
}
