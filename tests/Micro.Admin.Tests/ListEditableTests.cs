using System.Net;
using Micro.Admin.Tests.Infrastructure;
using static Micro.Admin.Tests.Infrastructure.PostedForm;

namespace Micro.Admin.Tests;

/// <summary>
/// Columns edited in the change list (<c>[Admin(ListEditable = ...)]</c>, Django's <c>list_editable</c>): the writers' e-mail addresses,
/// saved together by the list's "Save" as a browser posts it; errors, hostile keys and management forms, and who may do it.
/// </summary>
public sealed class ListEditableTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Writers = "/admin/newsroom/writer/";

    private string Email(string name) => server.Scalar($"SELECT \"Email\" FROM \"Writers\" WHERE \"Name\" = '{name}'");

    private string Id(string name) => server.Scalar($"SELECT \"Id\" FROM \"Writers\" WHERE \"Name\" = '{name}'");

    private string Logged(string name) =>
        string.Join("|", server.Query($"SELECT change_message FROM django_admin_log WHERE model_name = 'writer' AND object_id = '{Id(name)}' ORDER BY id"));

    [Fact]
    public async Task Users_who_may_change_get_a_field_per_row_and_a_save_button()
    {
        using var super = await server.LoggedInAsync("super");
        var list = await super.GetStringAsync(Writers);

        Assert.Contains("<input type=\"hidden\" name=\"form-TOTAL_FORMS\" value=\"2\" id=\"id_form-TOTAL_FORMS\">", list);
        Assert.Contains($"<input type=\"hidden\" name=\"form-0-id\" value=\"{Id("Ada")}\" id=\"id_form-0-id\">", list);
        Assert.Contains($"<input type=\"text\" name=\"form-0-email\" value=\"{Email("Ada")}\" maxlength=\"200\" id=\"id_form-0-email\">", list);
        Assert.Contains("<input type=\"submit\" name=\"_save\" class=\"default\" value=\"Save\">", list);
        Assert.Contains("<select name=\"action\">", list);

        // The view permission alone: the values as text, and nothing to save.
        using var editor = await server.LoggedInAsync("editor");
        var viewed = await editor.GetStringAsync(Writers);
        Assert.Contains($"<td>{Email("Ada")}</td>", viewed);
        Assert.DoesNotContain("form-TOTAL_FORMS", viewed);
        Assert.DoesNotContain("_save", viewed);
        var ada = Email("Ada");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync(Writers, ("form-TOTAL_FORMS", "1"), ("form-INITIAL_FORMS", "1"),
            ("form-0-id", Id("Ada")), ("form-0-email", "taken@example.com"), ("_save", "Save"))).StatusCode);
        Assert.Equal(ada, Email("Ada"));
    }

    [Fact]
    public async Task Save_changes_the_rows_that_changed_logs_each_and_says_how_many()
    {
        using var super = await server.LoggedInAsync("super");
        var fields = Fields(await super.GetStringAsync(Writers + "?q=a"));
        var graceBefore = Logged("Grace");

        var response = await super.PostAsync(Writers + "?q=a", With(fields, ("form-0-email", "  ada@lovelace.example "), ("_save", "Save")));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Writers + "?q=a", response.Headers.Location!.OriginalString);
        Assert.Equal("ada@lovelace.example", Email("Ada"));
        Assert.EndsWith("[{\"changed\": {\"fields\": [\"E-mail address\"]}}]", Logged("Ada"));
        Assert.Equal(graceBefore, Logged("Grace"));
        Assert.Contains("1 writer was changed successfully.", await super.GetStringAsync(Writers));
    }

    [Fact]
    public async Task A_row_with_an_error_is_shown_again_and_no_row_is_saved()
    {
        using var super = await server.LoggedInAsync("super");
        var fields = Fields(await super.GetStringAsync(Writers));
        var grace = Email("Grace");

        var response = await super.PostAsync(Writers, With(fields, ("form-0-email", "<b>" + new string('a', 200)), ("form-1-email", "changed@example.com"), ("_save", "Save")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"errornote\">Please correct the error below.</p>", page);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_form-0-email_error\"><li>Ensure this value has at most 200 characters (it has 203).</li></ul>", page);
        Assert.Contains("value=\"&lt;b&gt;aaaa", page);
        Assert.Contains("value=\"changed@example.com\"", page);
        Assert.Equal(grace, Email("Grace"));

        var empty = await super.PostAsync(Writers, With(fields, ("form-1-email", ""), ("_save", "Save")));
        Assert.Contains("<ul class=\"errorlist\" id=\"id_form-1-email_error\"><li>This field is required.</li></ul>", await empty.Content.ReadAsStringAsync());
        Assert.Equal(grace, Email("Grace"));
    }

    [Theory]
    [InlineData("outside the search")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("")]
    [InlineData("twice")]
    public async Task A_key_that_is_not_a_row_of_the_list_is_refused_and_nothing_is_saved(string key)
    {
        using var super = await server.LoggedInAsync("super");
        var fields = Fields(await super.GetStringAsync(Writers + "?q=Ada"));
        var before = (Email("Ada"), Email("Grace"));
        var posted = key switch
        {
            "outside the search" => With(fields, ("form-0-id", Id("Grace")), ("form-0-email", "hijacked@example.com"), ("_save", "Save")),
            "twice" => With(fields, ("form-TOTAL_FORMS", "2"), ("form-1-id", Id("Ada")), ("form-1-email", "second@example.com"), ("form-0-email", "first@example.com"), ("_save", "Save")),
            _ => With(fields, ("form-0-id", key), ("form-0-email", "odd@example.com"), ("_save", "Save")),
        };

        var response = await super.PostAsync(Writers + "?q=Ada", posted);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("(Hidden field id) Select a valid choice. That choice is not one of the available choices.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, (Email("Ada"), Email("Grace")));
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("x", "1")]
    [InlineData("1", null)]
    [InlineData("-1", "1")]
    [InlineData("1001", "1")]
    [InlineData("99999999999999999999", "1")]
    public async Task A_tampered_management_form_goes_back_to_the_list_with_an_error_and_saves_nothing(string? total, string? initial)
    {
        using var super = await server.LoggedInAsync("super");
        var fields = Without(Fields(await super.GetStringAsync(Writers)), static n => n.EndsWith("_FORMS", StringComparison.Ordinal));
        var changes = new List<(string, string)> { ("form-0-email", "tampered@example.com"), ("_save", "Save") };
        if (total is not null)
        {
            changes.Add(("form-TOTAL_FORMS", total));
        }

        if (initial is not null)
        {
            changes.Add(("form-INITIAL_FORMS", initial));
        }

        var ada = Email("Ada");

        var response = await super.PostAsync(Writers, With(fields, [.. changes]));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Writers, response.Headers.Location!.OriginalString);
        Assert.Contains(total == "1001" ? "Please submit at most 1000 forms." : "ManagementForm data is missing or has been tampered with.", await super.GetStringAsync(Writers));
        Assert.Equal(ada, Email("Ada"));
    }

    [Fact]
    public async Task The_actions_still_run_from_a_list_that_edits()
    {
        using var super = await server.LoggedInAsync("super");
        var fields = Fields(await super.GetStringAsync(Writers));
        var ada = Email("Ada");

        // "Go" posts the action and its index, not "_save": the fields of the rows are not saved.
        var response = await super.PostAsync(Writers, With(fields, ("form-0-email", "not-saved@example.com"), ("action", ""), ("index", "0")));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("No action selected.", await super.GetStringAsync(Writers));
        Assert.Equal(ada, Email("Ada"));
    }
}
