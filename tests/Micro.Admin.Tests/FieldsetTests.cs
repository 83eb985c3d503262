using System.Net;
using Micro.Admin.Tests.Infrastructure;

namespace Micro.Admin.Tests;

/// <summary>
/// Django's <c>fieldsets</c>: the article's change page in the sections its <c>[AdminFieldset]</c>s name (an unnamed one, then a folded
/// "Publishing" with a description and the read-only fields), folded sections opened by an error in them, and the user admin's
/// sections, Django's own.
/// </summary>
public sealed class FieldsetTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Articles = "/admin/newsroom/article/";

    [Fact]
    public async Task The_change_page_shows_the_fields_in_their_sections_in_order()
    {
        using var browser = await server.LoggedInAsync("super");

        var page = await browser.GetStringAsync($"{Articles}{server.ArticleId("story-02")}/change/");

        Assert.Equal(2, PageAssert.Count(page, "<fieldset class=\"module aligned"));
        Assert.Contains("<fieldset class=\"module aligned\">", page);
        Assert.Contains("<fieldset class=\"module aligned collapse\" aria-labelledby=\"fieldset-2-heading\">\n"
            + "  <details><summary><h2 id=\"fieldset-2-heading\" class=\"fieldset-heading\">Publishing</h2></summary>\n"
            + "  <div class=\"description\">When and how the article <em>appears</em>.</div>", page);
        PageAssert.InOrder(page, "field-title", "field-slug", "field-writer", "field-body", ">Publishing</h2>", "field-status", "field-featured", "field-published",
            "<label>Views:</label><div class=\"readonly\">0</div>", "<label>Teaser:</label><div class=\"readonly\">&lt;hay&gt;</div>", "</details>");
    }

    [Fact]
    public async Task A_folded_section_opens_when_a_field_in_it_has_an_error_and_not_otherwise()
    {
        using var browser = await server.LoggedInAsync("super");
        var url = $"{Articles}{server.ArticleId("story-03")}/change/";
        var fields = PostedForm.Fields(await browser.GetStringAsync(url));

        var badDate = await browser.PostAsync(url, [.. PostedForm.With(fields, ("published", "someday")), ("_save", "Save")]);
        var page = await badDate.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.Contains("<details open><summary><h2 id=\"fieldset-2-heading\"", page);

        var badTitle = await browser.PostAsync(url, [.. PostedForm.With(fields, ("title", "")), ("_save", "Save")]);
        page = await badTitle.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, badTitle.StatusCode);
        Assert.Contains("<div class=\"form-row field-title errors\">", page);
        Assert.Contains("<details><summary><h2 id=\"fieldset-2-heading\"", page);
        Assert.Equal("Story 03", server.Scalar($"SELECT \"Title\" FROM \"Articles\" WHERE \"Slug\" = 'story-03'"));
    }

    [Fact]
    public async Task The_add_page_has_the_sections_without_the_read_only_fields()
    {
        using var browser = await server.LoggedInAsync("super");

        var page = await browser.GetStringAsync(Articles + "add/");

        PageAssert.InOrder(page, "field-title", "field-body", ">Publishing</h2>", "field-status", "field-published", "</details>");
        Assert.DoesNotContain("<label>Views:</label>", page);
    }

    [Fact]
    public async Task The_view_only_page_shows_the_values_in_the_same_sections()
    {
        using var viewer = await server.LoggedInAsync("viewer");

        var page = await viewer.GetStringAsync($"{Articles}{server.ArticleId("story-04")}/change/");

        Assert.DoesNotContain("<form method=\"post\" id=\"article_form\"", page);
        PageAssert.InOrder(page, "<label>Title:</label><div class=\"readonly\">Story 04</div>", "<label>Body:</label><div class=\"readonly\">a needle here</div>",
            ">Publishing</h2>", "<label>Featured:</label><div class=\"readonly\">True</div>", "<label>Views:</label>", "</details>");
    }

    [Fact]
    public async Task The_user_admin_has_djangos_sections()
    {
        using var browser = await server.LoggedInAsync("super");
        var editor = server.Scalar("SELECT id FROM auth_user WHERE username = 'editor'");

        var change = await browser.GetStringAsync($"/admin/auth/user/{editor}/change/");
        PageAssert.InOrder(change, "field-username", "<label>Password:</label>", ">Personal info</h2>", "field-first_name", "field-last_name", "field-email",
            ">Permissions</h2>", "field-is_active", "field-is_staff", "field-is_superuser", "field-groups", "field-user_permissions",
            ">Important dates</h2>", "<label>Last login:</label>", "<label>Date joined:</label>");

        var add = await browser.GetStringAsync("/admin/auth/user/add/");
        Assert.Contains("<fieldset class=\"module aligned wide\">", add);
        PageAssert.InOrder(add, "field-username", "field-password1", "field-password2");
        Assert.DoesNotContain("Personal info", add);
    }
}
