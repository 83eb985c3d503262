using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>
/// Django's "+" and pencil beside a reference's select (<c>RelatedFieldWidgetWrapper</c>): the target's add page, or the chosen row's
/// change page, in a popup (<c>?_popup=1</c>), which, once saved, answers a page that tells the opener's select what was saved
/// instead of redirecting.
/// </summary>
public sealed class RelatedPopupTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Writers = "/admin/newsroom/writer/";

    [Fact]
    public async Task A_user_who_may_add_and_change_writers_gets_the_plus_and_the_pencil_beside_the_writer_select()
    {
        using var super = await server.LoggedInAsync("super");
        var page = await super.GetStringAsync("/admin/newsroom/article/add/");
        Assert.Contains("autocomplete=\"off\" hidden><a href=\"\" data-href-template=\"/admin/newsroom/writer/__fk__/change/?_popup=1\" class=\"related-widget-wrapper-link change-related\" id=\"change_id_writer\" title=\"Change selected writer\" hidden>✎ Change</a>"
            + "<a href=\"/admin/newsroom/writer/add/?_popup=1\" class=\"related-widget-wrapper-link add-related\" id=\"add_id_writer\" title=\"Add another writer\" hidden>+ Add</a></div>", page);

        // On a change page the pencil points to the writer chosen.
        var ada = server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = 'Ada'");
        Assert.Contains($"<a href=\"/admin/newsroom/writer/{ada}/change/?_popup=1\" data-href-template=", await super.GetStringAsync($"/admin/newsroom/article/{server.ArticleId("story-02")}/change/"));
        Assert.Contains("<script src=\"/admin/static/related.js\" defer></script>", page);

        // The editor may view writers, not add or change them.
        using var editor = await server.LoggedInAsync("editor");
        Assert.DoesNotContain("related-widget-wrapper-link", await editor.GetStringAsync("/admin/newsroom/article/add/"));
    }

    [Fact]
    public async Task The_add_page_in_a_popup_has_no_header_and_only_save()
    {
        using var browser = await server.LoggedInAsync("super");

        var page = await browser.GetStringAsync(Writers + "add/?_popup=1");

        Assert.Contains("<body class=\" popup\">", page);
        Assert.DoesNotContain("id=\"header\"", page);
        Assert.DoesNotContain("breadcrumbs", page);
        Assert.Contains("<input type=\"submit\" value=\"Save\" class=\"default\" name=\"_save\">", page);
        Assert.DoesNotContain("_addanother", page);
        Assert.DoesNotContain("_continue", page);
    }

    [Fact]
    public async Task Saving_in_the_popup_answers_the_new_row_for_the_opener_and_logs_it()
    {
        using var browser = await server.LoggedInAsync("super");

        var response = await browser.PostAsync(Writers + "add/?_popup=1", ("name", "Nell <\"&'>"), ("email", "nell@example.com"), ("_save", "Save"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Email\" = 'nell@example.com'");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script src=\"/admin/static/related.js\" id=\"popup-response\" data-action=\"add\" data-value=\"{id}\" data-label=\"Nell &lt;&quot;&amp;&#x27;&gt;\"></script>", page);
        Assert.Equal("1", server.Scalar($"SELECT COUNT(*) FROM \"django_admin_log\" WHERE \"object_id\" = '{id}' AND \"action_flag\" = 1 AND \"object_repr\" = 'Nell <\"&''>'"));

        // No message is left for the next page (the popup closes), as Django's popup response.
        Assert.DoesNotContain("was added successfully", await browser.GetStringAsync("/admin/"));
    }

    [Fact]
    public async Task Changing_in_the_popup_answers_the_rows_new_name_and_logs_it()
    {
        using var browser = await server.LoggedInAsync("super");
        var grace = server.Scalar("SELECT \"Id\" FROM \"Writers\" WHERE \"Email\" = 'grace@example.com'");
        var page = await browser.GetStringAsync($"{Writers}{grace}/change/?_popup=1");
        Assert.DoesNotContain("id=\"header\"", page);
        Assert.DoesNotContain("deletelink", page);
        Assert.DoesNotContain("historylink", page);

        var response = await browser.PostAsync($"{Writers}{grace}/change/?_popup=1", ("name", "Grace H."), ("email", "grace@example.com"), ("_save", "Save"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"popup-response\" data-action=\"change\" data-value=\"{grace}\" data-label=\"Grace H.\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("Grace H.", server.Scalar($"SELECT \"Name\" FROM \"Writers\" WHERE \"Id\" = {grace}"));
        Assert.Equal("1", server.Scalar($"SELECT COUNT(*) FROM \"django_admin_log\" WHERE \"object_id\" = '{grace}' AND \"action_flag\" = 2"));
    }

    [Fact]
    public async Task A_popup_form_with_errors_is_shown_again_in_the_popup()
    {
        using var browser = await server.LoggedInAsync("super");

        var response = await browser.PostAsync(Writers + "add/?_popup=1", ("name", ""), ("email", "nameless@example.com"), ("_save", "Save"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"errornote\">Please correct the error below.</p>", page);
        Assert.DoesNotContain("id=\"header\"", page);
        Assert.DoesNotContain("popup-response", page);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM \"Writers\" WHERE \"Email\" = 'nameless@example.com'"));
    }

    [Fact]
    public async Task A_user_who_may_not_add_writers_is_refused_in_the_popup_too()
    {
        using var browser = await server.LoggedInAsync("editor");

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Writers + "add/?_popup=1")).StatusCode);
        var post = await browser.PostAsync(Writers + "add/?_popup=1", ("name", "Sneaky"), ("email", "sneaky@example.com"), ("_save", "Save"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM \"Writers\" WHERE \"Name\" = 'Sneaky'"));
    }
}
