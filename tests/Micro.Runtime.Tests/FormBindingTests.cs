using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Forms bound from posted data over real HTTP (TestApp/FormViews.cs): every field type from good, bad, empty and missing
/// input, each mistake a field error in Django's words and never an exception; forms shown again with what was typed.
/// </summary>
public sealed class FormBindingTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static readonly Dictionary<string, string> s_valid = new()
    {
        ["name"] = "  Ada  ",
        ["nickname"] = "",
        ["email"] = "ada@example.com",
        ["website"] = "https://example.com/path?q=1",
        ["count"] = "3",
        ["rating"] = "10",
        ["big"] = "9007199254740993",
        ["small"] = "255",
        ["price"] = "1.50",
        ["ratio"] = "-0.25",
        ["agree"] = "on",
        ["maybe"] = "false",
        ["color"] = "Blue",
        ["accent"] = "",
        ["day"] = "2024-02-29",
        ["at"] = "2024-02-29T13:45",
        ["time"] = "09:30:15",
        ["token"] = "0f8fad5b-d9cb-469f-a165-70867728950e",
        ["span"] = "1.02:03:04",
        ["seen"] = "2024-02-29T13:45:00+02:00",
        ["size"] = "m",
    };

    [Fact]
    public async Task Every_field_type_reads_good_input()
    {
        var response = await PostAsync("/forms/fields/", s_valid);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """
            Name=Ada
            Nickname=null
            Email=ada@example.com
            Website=https://example.com/path?q=1
            Count=3
            Rating=10
            Big=9007199254740993
            Small=255
            Price=1.50
            Ratio=-0.25
            Agree=True
            Maybe=False
            Color=Blue
            Accent=null
            Day=2024-02-29
            At=2024-02-29T13:45:00
            Time=09:30:15
            Token=0f8fad5b-d9cb-469f-a165-70867728950e
            Span=1.02:03:04
            Seen=2024-02-29T13:45:00+02:00
            Size=m
            """.ReplaceLineEndings("\n"),
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_and_empty_fields_are_required_unless_nullable()
    {
        var html = await PostPageAsync("/forms/fields/", new Dictionary<string, string> { ["nickname"] = "", ["rating"] = " " });

        // string, int and a non-nullable enum are required; string?, int?, bool, bool? and the rest are not.
        Assert.Equal(
            [("name", "This field is required."), ("count", "This field is required."), ("color", "This field is required.")],
            FieldErrors(html));
    }

    [Theory]
    [InlineData("count", "abc", "Enter a whole number.")]
    [InlineData("count", "3.5", "Enter a whole number.")]
    [InlineData("count", "1e3", "Enter a whole number.")]
    [InlineData("count", "99999999999", "Ensure this value is less than or equal to 2147483647.")]
    [InlineData("count", "-99999999999999999999999999999999", "Ensure this value is greater than or equal to -2147483648.")]
    [InlineData("small", "256", "Ensure this value is less than or equal to 255.")]
    [InlineData("small", "-1", "Ensure this value is greater than or equal to 0.")]
    [InlineData("rating", "0", "Ensure this value is greater than or equal to 1.")]
    [InlineData("rating", "11", "Ensure this value is less than or equal to 10.")]
    [InlineData("price", "1,50", "Enter a number.")]
    [InlineData("ratio", "NaN", "Enter a number.")]
    [InlineData("ratio", "Infinity", "Enter a number.")]
    [InlineData("name", "abcdefghijklmnopqrstu", "Ensure this value has at most 20 characters (it has 21).")]
    [InlineData("email", "ada", "Enter a valid email address.")]
    [InlineData("email", "ada@example", "Enter a valid email address.")]
    [InlineData("email", "a b@example.com", "Enter a valid email address.")]
    [InlineData("website", "example com", "Enter a valid URL.")]
    [InlineData("website", "javascript:alert(1)", "Enter a valid URL.")]
    [InlineData("color", "Purple", "Select a valid choice. Purple is not one of the available choices.")]
    [InlineData("color", "blue", "Select a valid choice. blue is not one of the available choices.")]
    [InlineData("color", "2", "Select a valid choice. 2 is not one of the available choices.")]
    [InlineData("size", "xl", "Select a valid choice. xl is not one of the available choices.")]
    [InlineData("day", "2024-02-30", "Enter a valid date.")]
    [InlineData("day", "29/02/2024", "Enter a valid date.")]
    [InlineData("day", "2019-12-31", "Ensure this value is greater than or equal to 2020-01-01.")]
    [InlineData("at", "yesterday", "Enter a valid date/time.")]
    [InlineData("time", "25:00", "Enter a valid time.")]
    [InlineData("token", "not-a-uuid", "Enter a valid UUID.")]
    [InlineData("span", "forever", "Enter a valid duration.")]
    [InlineData("seen", "soon", "Enter a valid value.")]
    public async Task Bad_input_is_an_error_on_its_field(string field, string value, string message)
    {
        var data = new Dictionary<string, string>(s_valid) { [field] = value };

        var html = await PostPageAsync("/forms/fields/", data);

        Assert.Equal([(field, message)], FieldErrors(html));
    }

    [Fact]
    public async Task Whole_numbers_may_end_in_zero_decimals_and_text_is_stripped()
    {
        var data = new Dictionary<string, string>(s_valid) { ["count"] = " 4.00 ", ["name"] = "\tGrace Hopper\n" };

        var text = await (await PostAsync("/forms/fields/", data)).Content.ReadAsStringAsync();

        Assert.Contains("Count=4\n", text);
        Assert.Contains("Name=Grace Hopper\n", text);
    }

    [Theory]
    [InlineData(null, "Agree=False")]
    [InlineData("", "Agree=False")]
    [InlineData("false", "Agree=False")]
    [InlineData("on", "Agree=True")]
    [InlineData("1", "Agree=True")]
    public async Task A_checkbox_is_false_unless_checked(string? posted, string expected)
    {
        var data = new Dictionary<string, string>(s_valid);
        data.Remove("agree");
        if (posted is not null)
        {
            data["agree"] = posted;
        }

        Assert.Contains(expected + "\n", await (await PostAsync("/forms/fields/", data)).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("true", "Maybe=True")]
    [InlineData("false", "Maybe=False")]
    [InlineData("unknown", "Maybe=null")]
    [InlineData("yes", "Maybe=null")]
    public async Task A_nullable_bool_reads_yes_no_and_unknown(string posted, string expected)
    {
        var data = new Dictionary<string, string>(s_valid) { ["maybe"] = posted };

        Assert.Contains(expected + "\n", await (await PostAsync("/forms/fields/", data)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_repeated_field_takes_its_last_value_as_Django_does()
    {
        var pairs = s_valid.Where(static p => p.Key != "count").Append(new("count", "1")).Append(new("count", "2"));

        var response = await app.Client.PostAsync("/forms/fields/", new FormUrlEncodedContent(pairs));

        Assert.Contains("Count=2\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_multipart_form_binds_as_an_urlencoded_one()
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in s_valid)
        {
            content.Add(new StringContent(value), name);
        }

        var response = await app.Client.PostAsync("/forms/fields/", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Price=1.50\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_gives_an_unbound_form_without_errors()
    {
        var html = await app.Client.GetStringAsync("/forms/fields/?name=ignored");

        Assert.Empty(FieldErrors(html));
        Assert.Contains("<input type=\"text\" name=\"name\" maxlength=\"20\" required id=\"id_name\">", html);

        // Defaults of value types show as empty fields; an initializer shows.
        Assert.Contains("<input type=\"number\" name=\"count\" required id=\"id_count\">", html);
        Assert.Contains("<option value=\"Green\" selected>Green</option>", html);
        Assert.Contains("<select name=\"accent\" id=\"id_accent\">\n  <option value=\"\" selected>---------</option>", html);
    }

    [Fact]
    public async Task A_form_shown_again_keeps_what_was_typed()
    {
        var data = new Dictionary<string, string>(s_valid) { ["count"] = "three", ["email"] = "still@example.com", ["color"] = "Red", ["agree"] = "on" };

        var html = await PostPageAsync("/forms/fields/", data);

        Assert.Contains("<input type=\"number\" name=\"count\" value=\"three\" required aria-invalid=\"true\" aria-describedby=\"id_count_error\" id=\"id_count\">", html);
        Assert.Contains("<input type=\"email\" name=\"email\" value=\"still@example.com\" maxlength=\"320\" id=\"id_email\">", html);
        Assert.Contains("<input type=\"text\" name=\"name\" value=\"  Ada  \" maxlength=\"20\" required id=\"id_name\">", html);
        Assert.Contains("<option value=\"Red\" selected>Red</option>", html);
        Assert.Contains("<input type=\"checkbox\" name=\"agree\" id=\"id_agree\" checked>", html);
        Assert.Contains("<input type=\"date\" name=\"day\" value=\"2024-02-29\" min=\"2020-01-01\" max=\"2030-12-31\" id=\"id_day\">", html);
    }

    [Fact]
    public async Task A_record_form_checks_its_pattern_confirmation_and_messages_and_never_shows_a_password_again()
    {
        var html = await PostPageAsync("/forms/signup/", new Dictionary<string, string>
        {
            ["username"] = "Ada Lovelace",
            ["password"] = "correct horse",
            ["confirm"] = "correct hose",
        });

        Assert.Equal(
            [
                ("username", "Use lower-case letters, digits and underscores."),
                ("confirm", "'Password again' and 'Password' do not match."),
                ("referrer", "Tell us where you heard of us."),
            ],
            FieldErrors(html));
        Assert.Contains("<input type=\"password\" name=\"password\" minlength=\"8\" required id=\"id_password\">", html);
        Assert.Contains("<label for=\"id_confirm\">Password again:</label>", html);
        Assert.Contains("<p>3 fields have errors.</p>", html);
    }

    [Fact]
    public async Task A_valid_record_form_is_made_through_its_constructor()
    {
        var response = await PostAsync("/forms/signup/", new Dictionary<string, string>
        {
            ["username"] = "ada_1815",
            ["password"] = "  spaces count  ",
            ["confirm"] = "  spaces count  ",
            ["referrer"] = "a friend",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Welcome, ada_1815 (from a friend).", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_class_based_view_gets_an_unbound_form_on_get_and_a_bound_one_on_post()
    {
        var page = await app.Client.GetStringAsync("/forms/feedback/");
        Assert.Contains("<input type=\"text\" name=\"comment\" minlength=\"5\" required id=\"id_comment\">", page);
        Assert.Empty(FieldErrors(page));

        var invalid = await PostPageAsync("/forms/feedback/", new Dictionary<string, string> { ["comment"] = "meh" });
        Assert.Equal([("comment", "Ensure this value has at least 5 characters (it has 3).")], FieldErrors(invalid));

        var valid = await PostAsync("/forms/feedback/", new Dictionary<string, string> { ["comment"] = "Lovely site" });
        Assert.Equal("Thanks: Lovely site", await valid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_only_route_shows_an_empty_form()
    {
        var html = await app.Client.GetStringAsync("/forms/empty/");

        Assert.Contains("<input type=\"text\" name=\"subject\" maxlength=\"100\" required id=\"id_subject\">", html);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_a_415()
    {
        var response = await app.Client.PostAsync("/forms/fields/", new StringContent("{\"name\": \"Ada\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("The form parameter 'form' needs a form body", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400()
    {
        var content = new StringContent("--boundary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=boundary");

        var response = await app.Client.PostAsync("/forms/fields/", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form body is malformed", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_oversized_value_is_a_413_not_a_crash()
    {
        var data = new Dictionary<string, string>(s_valid) { ["name"] = new string('x', 5 * 1024 * 1024) };

        var response = await PostAsync("/forms/fields/", data);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // ASP.NET Core's form reader words the limit two ways, depending on where a read of the body ends.
        Assert.Matches("The form body is too large: Form (key length limit 2048 or )?value length limit 4194304 exceeded.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Too_many_fields_are_a_413_not_a_crash()
    {
        var pairs = Enumerable.Range(0, 2000).Select(static i => new KeyValuePair<string, string>("extra" + i, "x"));

        var response = await app.Client.PostAsync("/forms/fields/", new FormUrlEncodedContent(pairs));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_value_longer_than_its_maximum_but_within_the_limits_is_a_field_error()
    {
        var data = new Dictionary<string, string>(s_valid) { ["name"] = new string('x', 100_000) };

        var html = await PostPageAsync("/forms/fields/", data);

        Assert.Equal([("name", "Ensure this value has at most 20 characters (it has 100000).")], FieldErrors(html));
    }

    private Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> data) =>
        app.Client.PostAsync(path, new FormUrlEncodedContent(data));

    /// <summary>Posts a form the app is expected to show again (a 200 with the page).</summary>
    private async Task<string> PostPageAsync(string path, IEnumerable<KeyValuePair<string, string>> data)
    {
        var response = await PostAsync(path, data);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        return html;
    }

    /// <summary>Each field's errors as the page shows them: (field, message), in page order.</summary>
    internal static List<(string Field, string Message)> FieldErrors(string html) =>
        FormPatterns.ErrorLists().Matches(html)
            .SelectMany(static m => FormPatterns.Items().Matches(m.Groups["items"].Value).Select(item => (m.Groups["field"].Value, WebUtility.HtmlDecode(item.Groups[1].Value))))
            .ToList();
}
