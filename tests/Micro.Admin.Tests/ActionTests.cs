using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>
/// The model's own admin actions (<c>[Admin(Actions = ...)]</c>, Django's <c>actions</c>): in the menu of users with their permission,
/// run on the rows ticked or on every row the filters find, with their message; refused without the permission.
/// </summary>
public sealed class ActionTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Articles = "/admin/newsroom/article/";

    private string Ids(string where) => string.Join(",", server.Query($"SELECT \"Id\" FROM \"Articles\" WHERE {where} ORDER BY \"Id\""));

    [Fact]
    public async Task The_menu_holds_the_actions_the_user_may_run()
    {
        using var editor = await server.LoggedInAsync("editor");
        var list = await editor.GetStringAsync(Articles);
        Assert.Contains(
            "<option value=\"delete_selected\">Delete selected articles</option><option value=\"feature\">Mark selected articles as featured</option>" +
            "<option value=\"archive\">Archive</option><option value=\"count_words\">Count the words</option>", list);

        // The view permission alone: the one action that asks for no more, and the boxes to tick.
        using var viewer = await server.LoggedInAsync("viewer");
        var viewed = await viewer.GetStringAsync(Articles);
        Assert.Contains("<option value=\"count_words\">Count the words</option></select>", viewed);
        Assert.DoesNotContain("value=\"feature\"", viewed);
        Assert.Contains("name=\"_selected_action\"", viewed);
    }

    [Fact]
    public async Task An_action_runs_on_the_rows_ticked_and_says_what_it_did()
    {
        using var browser = await server.LoggedInAsync("editor");
        var chosen = server.Query("SELECT \"Id\" FROM \"Articles\" WHERE \"Slug\" IN ('story-01', 'story-03')");
        var before = Ids("\"Featured\" = 1");

        var response = await browser.PostAsync(Articles + "?q=Story", ("action", "feature"), ("_selected_action", chosen[0]), ("_selected_action", chosen[1]), ("index", "0"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Articles + "?q=Story", response.Headers.Location!.OriginalString);
        Assert.Equal(string.Join(",", before.Split(',').Concat(chosen).Select(int.Parse).Order()), Ids("\"Featured\" = 1"));
        Assert.Contains("2 articles featured.", await browser.GetStringAsync(Articles));
    }

    [Fact]
    public async Task Select_all_runs_on_every_row_the_filters_find_and_no_other()
    {
        using var browser = await server.LoggedInAsync("editor");
        var drafts = Ids("\"Status\" = 0 AND \"Title\" LIKE 'Story%'");
        var others = Ids("\"Status\" = 1");

        var response = await browser.PostAsync(Articles + "?status__exact=0&q=Story", ("action", "archive"), ("select_across", "1"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("", Ids("\"Status\" = 0 AND \"Title\" LIKE 'Story%'"));
        Assert.All(drafts.Split(','), id => Assert.Equal("2", server.Scalar($"SELECT \"Status\" FROM \"Articles\" WHERE \"Id\" = {id}")));
        Assert.Equal(others, Ids("\"Status\" = 1"));
    }

    [Fact]
    public async Task Without_the_actions_permission_it_is_refused_and_nothing_changes()
    {
        using var viewer = await server.LoggedInAsync("viewer");
        var id = server.ArticleId("story-05");
        var featured = Ids("\"Featured\" = 1");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync(Articles, ("action", "feature"), ("_selected_action", id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync(Articles, ("action", "archive"), ("select_across", "1"))).StatusCode);
        Assert.Equal(featured, Ids("\"Featured\" = 1"));

        // An action may answer with a response of its own.
        var counted = await viewer.PostAsync(Articles, ("action", "count_words"), ("_selected_action", id));
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal("1 words", await counted.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("no_such_action", "1", "No action selected.")]
    [InlineData("", "1", "No action selected.")]
    [InlineData("feature", "", "Items must be selected in order to perform actions on them. No items have been changed.")]
    [InlineData("feature", "abc", "Items must be selected in order to perform actions on them. No items have been changed.")]
    [InlineData("feature", "99999999999999999999", "Items must be selected in order to perform actions on them. No items have been changed.")]
    [InlineData("FEATURE", "1", "No action selected.")]
    public async Task A_bad_choice_is_a_message_not_an_error(string action, string selected, string message)
    {
        using var browser = await server.LoggedInAsync("editor");
        var featured = Ids("\"Featured\" = 1");

        var response = await browser.PostAsync(Articles, ("action", action), ("_selected_action", selected));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains(message, await browser.GetStringAsync(Articles));
        Assert.Equal(featured, Ids("\"Featured\" = 1"));
    }

    [Fact]
    public async Task Rows_ticked_outside_the_lists_filters_are_left_alone()
    {
        using var browser = await server.LoggedInAsync("editor");
        var outside = server.Scalar("SELECT \"Id\" FROM \"Articles\" WHERE \"Status\" <> 1 AND \"Featured\" = 0 ORDER BY \"Id\" LIMIT 1");

        await browser.PostAsync(Articles + "?status__exact=1", ("action", "feature"), ("_selected_action", outside));

        Assert.Equal("0", server.Scalar($"SELECT \"Featured\" FROM \"Articles\" WHERE \"Id\" = {outside}"));
    }
}
