using System.Text.RegularExpressions;
using Micro.Admin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AdminApp;

namespace Micro.Admin.Tests;

/// <summary>
/// The change list's page links over 60 articles, 5 a page, as Django's admin shows them: its paginator's elided page range, and a
/// page number that isn't a number showing the first page.
/// </summary>
public sealed partial class ChangeListPagesTests(AdminServer server) : IClassFixture<AdminServer>, IAsyncLifetime
{
    private const string List = "/admin/newsroom/article/";

    public async Task InitializeAsync()
    {
        // 48 more articles beside the server's 12: 12 pages. Each test's instance comes here; the class's server is seeded once.
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var writer = (await db.Writers.FirstOrDefaultAsync())!;
        for (var i = await db.Articles.CountAsync() + 1; i <= 60; i++)
        {
            await db.Articles.CreateAsync(new Article
            {
                Title = $"Story {i:D2}", Slug = $"story-{i:D2}", Body = "hay", Published = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i), WriterId = writer.Id,
            });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    // Django's get_elided_page_range(number, on_each_side=3, on_ends=2): no "…" that would hide a single page.
    [InlineData("", "[1] 2 3 4 … 11 12")]
    [InlineData("?p=7", "1 2 3 4 5 6 [7] 8 9 10 11 12")]
    [InlineData("?p=9", "1 2 … 6 7 8 [9] 10 11 12")]
    [InlineData("?p=12", "1 2 … 9 10 11 [12]")]
    // Not a number: the first page, as Django's change list.
    [InlineData("?p=two", "[1] 2 3 4 … 11 12")]
    public async Task The_page_links_are_djangos_elided_range(string query, string links)
    {
        using var browser = await server.LoggedInAsync("editor");
        using var response = await browser.GetAsync(List + query);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var paginator = html[html.IndexOf("<p class=\"paginator\">", StringComparison.Ordinal)..];
        paginator = paginator[..paginator.IndexOf("<span class=\"count\">", StringComparison.Ordinal)];
        Assert.Equal(links, string.Join(" ", Link().Matches(paginator).Select(static m => m.Groups["current"].Success ? $"[{m.Groups["current"].Value}]" : m.Groups["text"].Value)));
        Assert.Contains("<span class=\"count\">60 articles</span>", html);
    }

    [GeneratedRegex("<span class=\"this-page\" aria-current=\"page\">(?<current>[0-9]+)</span>|<a href=\"[^\"]*\">(?<text>[0-9]+)</a>|<span>(?<text>…)</span>")]
    private static partial Regex Link();
}
