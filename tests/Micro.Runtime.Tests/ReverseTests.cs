using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Building URLs from route names: generated <c>Urls.*</c> methods and <c>Url.Reverse</c>.</summary>
public sealed class ReverseTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public void Typed_methods_build_urls_with_each_converters_formatting()
    {
        Assert.Equal("/", Urls.Home());
        Assert.Equal("/about/", Urls.About());
        Assert.Equal("/conv/int/42/", Urls.ConvInt(42));
        Assert.Equal("/conv/uuid/0f8fad5b-d9cb-469f-a165-70867728950e/", Urls.ConvUuid(Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E")));
        Assert.Equal("/conv/year/0099/", Urls.ConvYear(99));
        Assert.Equal("/conv/page-3.html", Urls.ConvPage(3));
        Assert.Equal("/rev/posts/2024/hello-world/", Urls.Post(2024, "hello-world"));
        Assert.Equal("/err/articles/5/", Urls.Article(5));
        Assert.Equal("/conv/caf%C3%A9/%7Bx%7D/1/", Urls.ConvLiteral(1));
    }

    [Fact]
    public void Values_are_percent_encoded_as_Django_does()
    {
        Assert.Equal("/rev/greet/Zo%C3%AB%20&%20co%3F/", Urls.Greet("Zoë & co?"));
        Assert.Equal("/rev/greet/100%25%23hash/", Urls.Greet("100%#hash"));
        Assert.Equal("/rev/files/docs/a%20b/c.txt", Urls.File("docs/a b/c.txt")); // path keeps its slashes
    }

    [Theory]
    [InlineData("Zoë & co?")]
    [InlineData("100%#hash")]
    [InlineData("a+b=c;d,e")]
    public async Task A_reversed_url_leads_back_to_the_same_value(string name)
    {
        var response = await _client.GetAsync(Urls.Greet(name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"hello {name}", await response.BodyAsync());
    }

    [Fact]
    public async Task Typed_values_are_written_so_that_they_bind_back_to_the_same_values()
    {
        var key = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var url = Urls.RouteValues(7, 9876543210, key, TestApp.Color.Blue, new DateOnly(2024, 2, 29));
        var response = await _client.GetAsync(url);

        Assert.Equal("/bind/route/7/9876543210/0f8fad5b-d9cb-469f-a165-70867728950e/Blue/2024-02-29/", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("id=7 big=9876543210 key=0f8fad5bd9cb469fa16570867728950e color=Blue day=2024-02-29 (Thursday)", await response.BodyAsync());
    }

    [Fact]
    public void Url_Reverse_takes_positional_values()
    {
        Assert.Equal("/conv/int/5/", Url.Reverse("conv_int", 5));
        Assert.Equal("/conv/int/5/", Url.Reverse("conv_int", "5"));
        Assert.Equal("/rev/posts/0999/first/", Url.Reverse("post", 999, "first"));
        Assert.Equal("/about/", Url.Reverse("about"));
    }

    [Theory]
    [InlineData("about", null)]
    [InlineData("greet", "Ada")]
    [InlineData("conv_int", "5")]
    [InlineData("post", null)]
    public void Reversing_a_path_route_makes_nothing_but_its_url(string name, string? value)
    {
        // A page reverses a URL for every link of every item it lists ({% url %}, Urls.*), so that is all reversing may cost. (The
        // table is the one a request's scope gives Url.Reverse; outside a request it finds the app's manifest first.)
        var table = Micro.Hosting.AppManifest.CreateDefault().Routes;
        AssertMakesNothingButItsUrl(() => name == "post" ? table.Reverse(name, ["2024", "first"]) : value is null ? table.Reverse(name, []) : table.Reverse(name, [value]));
    }

    [Fact]
    public void Url_Reverse_outside_a_request_makes_nothing_but_its_url()
    {
        // A hosted service or an app's own test reverses with no request: the app's routes are found once, not a manifest a call.
        AssertMakesNothingButItsUrl(static () => Url.Reverse("greet", "Ada"));
        AssertMakesNothingButItsUrl(static () => Url.Reverse("about"));
    }

    private static void AssertMakesNothingButItsUrl(Func<string> reverse)
    {
        var url = reverse();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(url, reverse());
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var same = new string('x', url.Length);
        var oneUrl = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(url.Length, same.Length);
        Assert.Equal(100 * oneUrl, allocated);
    }

    [Fact]
    public void Url_Reverse_takes_values_by_name()
    {
        var values = new Dictionary<string, object?> { ["slug"] = "by-name", ["year"] = 2001 };

        Assert.Equal("/rev/posts/2001/by-name/", Url.Reverse("post", values));
    }

    [Fact]
    public void An_unknown_name_throws_NoReverseMatch_listing_the_names()
    {
#pragma warning disable MICRO0081 // the run-time error this test checks is also reported at compile time
        var exception = Assert.Throws<NoReverseMatchException>(() => Url.Reverse("no_such_route"));
#pragma warning restore MICRO0081

        Assert.Contains("no route is named 'no_such_route'", exception.Message);
        Assert.Contains("conv_int", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void The_wrong_number_of_values_throws_NoReverseMatch(int count)
    {
        var values = Enumerable.Range(2000, count).Cast<object?>().ToArray();

        var exception = Assert.Throws<NoReverseMatchException>(() => Url.Reverse("post", values));

        Assert.Contains("'post' takes 2 values (year, slug)", exception.Message);
        Assert.Contains($"given {count}", exception.Message);
    }

    [Fact]
    public void Missing_or_unknown_names_throw_NoReverseMatch()
    {
        var missing = Assert.Throws<NoReverseMatchException>(() => Url.Reverse("post", new Dictionary<string, object?> { ["year"] = 2001 }));
        var unknown = Assert.Throws<NoReverseMatchException>(() =>
            Url.Reverse("post", new Dictionary<string, object?> { ["year"] = 2001, ["slug"] = "s", ["page"] = 2 }));

        Assert.Contains("needs a value for 'slug'", missing.Message);
        Assert.Contains("no value named 'page'", unknown.Message);
    }

    [Theory]
    [InlineData("conv_int", -5)]                 // int is [0-9]+
    [InlineData("conv_str", "a/b")]              // str has no slash
    [InlineData("conv_str", "")]                 // and is never empty
    [InlineData("conv_slug", "not a slug")]
    [InlineData("conv_uuid", "not-a-uuid")]
    [InlineData("conv_year", 12345)]             // the custom converter: four digits
    public void A_value_the_converter_would_not_match_throws_NoReverseMatch(string name, object value)
    {
        var exception = Assert.Throws<NoReverseMatchException>(() => Url.Reverse(name, value));

        Assert.Contains($"Reverse for '{name}' failed", exception.Message);
        Assert.Contains("is not a valid value", exception.Message);
    }

    [Fact]
    public void A_typed_method_refuses_a_value_its_converter_would_not_match_at_the_call()
    {
        var negative = Assert.Throws<NoReverseMatchException>(() => Urls.ConvInt(-5));
        var slash = Assert.Throws<NoReverseMatchException>(() => Urls.ConvStr("a/b"));

        Assert.Equal("Reverse for 'conv_int' failed: '-5' is not a valid value for 'value' (it must match [0-9]+). Pattern: 'conv/int/<int:value>/'.", negative.Message);
        Assert.Contains("'a/b' is not a valid value for 'value'", slash.Message);
    }

    [Fact]
    public void A_converter_that_refuses_a_value_in_ToUrl_means_no_match_as_a_ValueError_in_Django()
    {
        var odd = Assert.Throws<NoReverseMatchException>(() => Urls.ConvEven(3));
        var wrongType = Assert.Throws<NoReverseMatchException>(() => Url.Reverse("conv_year", Guid.Empty));

        Assert.Contains("3 is odd.", odd.Message);
        Assert.Contains("'conv_even'", odd.Message);
        Assert.Contains("'conv_year'", wrongType.Message);
        Assert.Equal("/conv/even/4/", Urls.ConvEven(4));
    }

    [Fact]
    public void A_route_that_cannot_be_reversed_has_a_typed_method_that_is_a_compile_error()
    {
        Assert.NotNull(typeof(Urls).GetMethod(nameof(Urls.ReMonth)));
        var obsolete = typeof(Urls).GetMethod("ReEither")?.GetCustomAttributes(typeof(ObsoleteAttribute), false).OfType<ObsoleteAttribute>().SingleOrDefault();
        Assert.NotNull(obsolete);
        Assert.True(obsolete.IsError);
        Assert.Contains("can't be reversed", obsolete.Message);
    }

    [Fact]
    public void The_typed_method_checks_values_too()
    {
        Assert.Throws<NoReverseMatchException>(() => Urls.ConvInt(-1));
        Assert.Throws<NoReverseMatchException>(() => Urls.ConvYear(10000));
    }

    [Fact]
    public async Task Handlers_reverse_while_serving_a_request()
    {
        var response = await _client.GetAsync("/rev/links/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/\n/rev/greet/Zo%C3%AB%20&%20co%3F/\n/rev/posts/2024/hello-world/\n/conv/int/5/\n/rev/greet/tpl/", await response.BodyAsync());
    }
}
