using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;

namespace Micro.Runtime.Tests;

/// <summary>
/// The app's context processors, as Django's: their variables reach every page a request renders, under the view's own; they
/// run once a render, and only when the page reads a variable its view didn't pass.
/// </summary>
public sealed class ContextProcessorTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Theory]
    [InlineData("/cp/site/", "<p>Site on Micro test site</p>")]
    // The included template shares the page's processors.
    [InlineData("/cp/include/", "Micro test site|<p>Included on Micro test site</p>")]
    // template.Render(model, httpContext), to a string.
    [InlineData("/cp/string/", "<p>String on Micro test site</p>")]
    public async Task A_page_that_reads_a_processors_variable_runs_the_processors_once(string path, string expected)
    {
        var (body, runs) = await GetAsync(path);

        Assert.Equal(expected, body);
        Assert.Equal("1", runs);
    }

    [Theory]
    // The view's variable wins over the processor's.
    [InlineData("/cp/own/", "<p>Own on the view&#x27;s site</p>")]
    // A loop looks for an enclosing forloop, and ifchanged for its loop: neither is a processor's variable.
    [InlineData("/cp/loop/", "1:a! 2:a 3:b!")]
    public async Task A_page_that_reads_only_its_views_variables_runs_no_processor(string path, string expected)
    {
        var (body, runs) = await GetAsync(path);

        Assert.Equal(expected, body);
        Assert.Null(runs);
    }

    private async Task<(string Body, string? Runs)> GetAsync(string path)
    {
        using var response = await app.Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        var runs = response.Headers.TryGetValues(SiteNameProcessor.RunsHeader, out var values) ? string.Join(",", values) : null;
        return ((await response.Content.ReadAsStringAsync()).Trim(), runs);
    }
}
