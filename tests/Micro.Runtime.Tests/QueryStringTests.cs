using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Django 5.1's <c>{% querystring %}</c> in pages served over HTTP: the request's query with a name set or removed, every value of a
/// repeated name kept, encoded as Python's urlencode and escaped in the page; the compiled template and the interpreter alike.
/// </summary>
public sealed class QueryStringTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    [Theory]
    [InlineData("")]
    [InlineData("interpreted/")]
    public async Task Links_keep_the_rest_of_the_query_and_set_or_remove_a_name(string renderer)
    {
        var html = (await app.Client.GetStringAsync($"/paged/links/{renderer}?q=x%26y&page=1&q=caf%C3%A9")).TrimEnd();

        Assert.Equal(
            "<a href=\"?q=x%26y&amp;q=caf%C3%A9&amp;page=2\">next</a> "
            + "<a href=\"?q=x%26y&amp;q=caf%C3%A9\">first</a> "
            + "<a href=\"?q=x%26y&amp;q=caf%C3%A9&amp;page=1&amp;tag=a+b&amp;tag=c%26d\">tags</a> "
            + "<a href=\"?q=x%26y&amp;q=caf%C3%A9&amp;page=1\">same</a> "
            + "<a href=\"?q=x%26y&amp;q=caf%C3%A9&amp;page=3\">third</a>",
            html);
    }

    [Theory]
    [InlineData("")]
    [InlineData("interpreted/")]
    public async Task Without_a_query_the_links_hold_only_their_own_names(string renderer)
    {
        var html = (await app.Client.GetStringAsync($"/paged/links/{renderer}")).TrimEnd();

        Assert.Equal("<a href=\"?page=2\">next</a> <a href=\"?\">first</a> <a href=\"?tag=a+b&amp;tag=c%26d\">tags</a> <a href=\"?\">same</a> <a href=\"?page=3\">third</a>", html);
    }

    [Fact]
    public async Task A_hostile_query_comes_back_encoded()
    {
        var html = await app.Client.GetStringAsync("/paged/links/?%22%3E%3Cscript%3E=%3C%2Fa%3E&page=%27");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"?%22%3E%3Cscript%3E=%3C%2Fa%3E&amp;page=2\">next</a>", html, StringComparison.Ordinal);
    }
}
