using Micro.Routing;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Several routes with one name, as Django allows: reversing tries them from the last declared to the first and uses the first
/// that fits the values given. The expected URLs are what Django 3.2 reverses for the same patterns (checked with Debian's
/// python3-django).
/// </summary>
public sealed class DuplicateNameTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static RouteDefinition Route(string pattern, string name, params RoutePart[] parts) =>
        new(pattern, isRegex: false, parts, regex: null, name, ["GET"], order: 0, "Test." + pattern, "tests", static _ => static _ => Task.CompletedTask);

    // path('a/<int:x>/', name='dup'), path('b/<slug:x>/', name='dup'), path('c/', name='dup')
    private static readonly RouteTable Table = new(
        [
            Route("a/<int:x>/", "dup", RoutePart.Literal("a/"), RoutePart.Parameter("x", RouteConverters.Int), RoutePart.Literal("/")),
            Route("b/<slug:x>/", "dup", RoutePart.Literal("b/"), RoutePart.Parameter("x", RouteConverters.Slug), RoutePart.Literal("/")),
            Route("c/", "dup", RoutePart.Literal("c/")),
            Route("p1/", "places?", RoutePart.Literal("p1/")),
            Route("p2/", "places+", RoutePart.Literal("p2/")),
        ],
        []);

    [Theory]
    [InlineData(new object[0], "/c/")]
    [InlineData(new object[] { 1 }, "/b/1/")]
    [InlineData(new object[] { "abc" }, "/b/abc/")]
    [InlineData(new object[] { "a-b" }, "/b/a-b/")]
    public void The_last_declared_route_that_fits_wins_as_in_django(object[] values, string expected)
    {
        Assert.Equal(expected, Table.Reverse("dup", values));
    }

    [Fact]
    public void A_value_only_an_earlier_route_takes_falls_through_to_it()
    {
        // "é" is not a slug, so b/ refuses it; a/ takes only numbers: no route fits.
        var error = Assert.Throws<NoReverseMatchException>(() => Table.Reverse("dup", ["é"]));
        Assert.Equal("Reverse for 'dup' with 1 value not found. 3 pattern(s) tried: 'c/', 'b/<slug:x>/', 'a/<int:x>/'.", error.Message);
    }

    [Fact]
    public void Values_no_route_takes_list_every_pattern_tried()
    {
        var error = Assert.Throws<NoReverseMatchException>(() => Table.Reverse("dup", [1, 2]));
        Assert.Equal("Reverse for 'dup' with 2 values not found. 3 pattern(s) tried: 'c/', 'b/<slug:x>/', 'a/<int:x>/'.", error.Message);
        var named = Assert.Throws<NoReverseMatchException>(() => Table.Reverse("dup", new Dictionary<string, object?> { ["y"] = 1 }));
        Assert.Equal("Reverse for 'dup' with values named 'y' not found. 3 pattern(s) tried: 'c/', 'b/<slug:x>/', 'a/<int:x>/'.", named.Message);
    }

    [Fact]
    public void By_name_the_first_route_that_takes_the_named_values_wins()
    {
        Assert.Equal("/b/7/", Table.Reverse("dup", new Dictionary<string, object?> { ["x"] = 7 }));
        Assert.Equal("/c/", Table.Reverse("dup", new Dictionary<string, object?>()));
        Assert.Equal("c/", Table.FindByName("dup")!.Pattern);
    }

    [Fact]
    public async Task An_app_reverses_a_shared_name_typed_by_name_and_in_templates_as_django()
    {
        var response = await app.Client.GetAsync("/dup/links/");

        Assert.Equal("/dup/c/\n/dup/b/1/\n/dup/b/a-b/\n/places/1/\n/places/2/\n/dup/b/5/ /places/2/", await response.BodyAsync());
        Assert.Equal("a 7", await (await app.Client.GetAsync("/dup/a/7/")).BodyAsync());
    }

    [Fact]
    public void Names_that_differ_only_in_punctuation_are_different_routes()
    {
        Assert.Equal("/p1/", Table.Reverse("places?", []));
        Assert.Equal("/p2/", Table.Reverse("places+", []));
    }
}
