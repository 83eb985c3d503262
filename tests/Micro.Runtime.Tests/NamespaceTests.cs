using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Namespaced route groups, reversed as Django reverses namespaced <c>include()</c>s. The expected URLs and messages are Django
/// 3.2's for the same urlconf (polls twice, outer:inner nested, blog twice without a default instance).
/// </summary>
public sealed class NamespaceTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public void Outside_a_request_an_app_namespace_reverses_to_its_default_instance()
    {
        Assert.Equal("/ns/polls/3/", Url.Reverse("polls:detail", 3));
        Assert.Equal("/ns/author-polls/3/", Url.Reverse("author-polls:detail", 3));
        Assert.Equal("/ns/polls/3/", Urls.Polls.Detail(3));
        Assert.Equal("/ns/author-polls/3/", Urls.AuthorPolls.Detail(3));
    }

    [Fact]
    public void The_current_app_picks_the_instance()
    {
        Assert.Equal("/ns/author-polls/3/", Url.Reverse("polls:detail", [3], currentApp: "author-polls"));
        Assert.Equal("/ns/author-polls/", Url.Reverse("polls:index", new Dictionary<string, object?>(), currentApp: "author-polls"));
        Assert.Equal("/ns/outer/inner/x/", Url.Reverse("outer:inner:item", ["x"], currentApp: "outer:inner"));
    }

    [Fact]
    public void Without_a_default_instance_the_last_declared_is_taken()
    {
        Assert.Equal("/ns/updates/", Url.Reverse("blog:latest"));
        Assert.Equal("/ns/news/", Url.Reverse("blog:latest", [], currentApp: "news"));
        Assert.Equal("/ns/updates/", Urls.Blog.Latest());
        Assert.Equal("/ns/news/", Urls.News.Latest());
    }

    [Fact]
    public void Nested_namespaces_reverse_by_their_whole_path()
    {
        Assert.Equal("/ns/outer/inner/x/", Url.Reverse("outer:inner:item", "x"));
        Assert.Equal("/ns/outer/inner/x/", Urls.Outer.Inner.Item("x"));
        Assert.Equal("/ns/outer/", Urls.Outer.Home());
    }

    [Theory]
    [InlineData("nope:index", "'nope' is not a registered namespace")]
    [InlineData("outer:nope:item", "'nope' is not a registered namespace inside 'outer'")]
    [InlineData("polls:nope", "no route is named 'polls:nope'")]
    [InlineData("detail", "no route is named 'detail'")]
    [InlineData("inner:item", "'inner' is not a registered namespace")]
    public void Unknown_namespaces_and_names_are_NoReverseMatch_with_the_reason(string name, string reason)
    {
        var error = Assert.Throws<NoReverseMatchException>(() => Url.Reverse(name, 1));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ns/polls/", "polls|polls|index|/ns/polls/|/ns/polls/1/")]
    [InlineData("/ns/author-polls/", "author-polls|polls|index|/ns/author-polls/|/ns/author-polls/1/")]
    public async Task Inside_a_request_the_app_namespace_reverses_to_the_requests_instance(string path, string body)
    {
        var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.BodyAsync());
    }

    [Theory]
    [InlineData("/ns/news/", "/ns/news/")]
    [InlineData("/ns/updates/", "/ns/updates/")]
    public async Task Each_instance_without_a_default_reverses_to_itself(string path, string body)
    {
        Assert.Equal(body, await (await app.Client.GetAsync(path)).BodyAsync());
    }

    [Fact]
    public async Task A_handler_reads_its_resolver_match()
    {
        var detail = await app.Client.GetAsync("/ns/author-polls/7/");
        var nested = await app.Client.GetAsync("/ns/outer/inner/deep-item/");
        var plain = await app.Client.GetAsync("/ns-plain/word/");

        Assert.Equal("author-polls:detail|ns/author-polls/<int:pk>/|7|/ns/author-polls/7/", await detail.BodyAsync());
        Assert.Equal("outer:inner|outer:inner|outer:inner:item|/ns/outer/inner/deep-item/", await nested.BodyAsync());
        Assert.Equal("[]|[]|ns_plain|ns-plain/<str:word>/|word", await plain.BodyAsync());
    }

    [Fact]
    public async Task Templates_reverse_namespaced_names_in_the_requests_instance_and_read_request_resolver_match()
    {
        var response = await app.Client.GetAsync("/ns/author-polls/5/page/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/ns/author-polls/5/|author-polls|polls|page|5|/ns/outer/inner/x/|/ns/author-polls/", (await response.BodyAsync()).Trim());
    }

    [Fact]
    public async Task A_nested_namespace_reverses_inside_its_own_request()
    {
        Assert.Equal("/ns/outer/inner/here/", await (await app.Client.GetAsync("/ns/outer/")).BodyAsync());
    }
}
