using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Forms in templates: the contact form of TestApp/FormViews.cs renders as Django renders the same form
/// (DjangoForms/contact.json, written by DjangoForms/generate.py with Django 3.2), with current Django's <c>as_div</c>
/// as <c>{{ form }}</c> and its accessibility attributes; everything a user typed is escaped.
/// </summary>
public sealed class FormRenderingTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    /// <summary>What FormBindingTests and generate.py post: every field wrong, the subject long and hostile.</summary>
    private static readonly Dictionary<string, string> s_bound = new()
    {
        ["subject"] = string.Concat(Enumerable.Repeat("<script>x</script>", 10)),
        ["email"] = "bad",
        ["age"] = "abc",
        ["topic"] = "c",
        ["when"] = "2024-13-01",
        ["price"] = "abc",
        ["ratio"] = "x",
        ["body"] = "hi\"",
        ["password"] = "pw",
    };

    public static TheoryData<string, string> Parts => new()
    {
        { "unbound", "as_p" }, { "unbound", "as_table" }, { "unbound", "as_ul" }, { "unbound", "subject" }, { "unbound", "subject_errors" },
        { "unbound", "subject_label_tag" }, { "unbound", "non_field_errors" }, { "unbound", "errors" },
        { "bound", "as_p" }, { "bound", "as_table" }, { "bound", "as_ul" }, { "bound", "subject" }, { "bound", "subject_errors" },
        { "bound", "subject_label_tag" }, { "bound", "non_field_errors" }, { "bound", "errors" },
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task Renders_as_Django_renders_the_same_form(string state, string part)
    {
        var expected = Django()[state].GetProperty(part).GetString()!;

        var actual = (await RenderAsync(state))[part];

        // Whitespace between elements differs, and Django 3.2 predates the aria attributes and ids Micro writes.
        Assert.Equal(FormPatterns.Compact(expected), FormPatterns.Compact(FormPatterns.NewerAttributes().Replace(actual, "")));
    }

    [Fact]
    public async Task The_form_itself_renders_as_div_as_current_Django_does()
    {
        var page = await app.Client.GetStringAsync("/forms/empty/");
        var parts = await RenderAsync("unbound");

        Assert.Contains(parts["as_div"].Trim(), page);
        Assert.Equal(
            FormPatterns.Compact("""
                <div><label for="id_subject">Subject:</label><input type="text" name="subject" maxlength="100" required id="id_subject"></div>
                <div><label for="id_email">Email:</label><div class="helptext" id="id_email_helptext">We never share it.</div>
                  <input type="email" name="email" maxlength="320" required aria-describedby="id_email_helptext" id="id_email"></div>
                <div><label for="id_age">Age:</label><input type="number" name="age" min="1" max="120" id="id_age"></div>
                <div><label for="id_cc_myself">Cc myself:</label><input type="checkbox" name="cc_myself" id="id_cc_myself"></div>
                <div><label for="id_topic">Topic:</label><select name="topic" id="id_topic"><option value="a">Alpha</option><option value="b">Beta</option></select></div>
                <div><label for="id_when">When:</label><input type="date" name="when" value="2024-02-29" required id="id_when"></div>
                <div><label for="id_price">Price:</label><input type="number" name="price" step="any" required id="id_price"></div>
                <div><label for="id_ratio">Ratio:</label><input type="number" name="ratio" step="any" required id="id_ratio"></div>
                <div><label for="id_body">Body:</label><textarea name="body" cols="40" rows="10" required id="id_body">
                </textarea></div>
                <div><label for="id_password">Password:</label><input type="password" name="password" required id="id_password"></div>
                """),
            FormPatterns.Compact(parts["as_div"]));
    }

    [Fact]
    public async Task A_bound_field_with_errors_names_them_and_its_help_text_for_screen_readers()
    {
        var parts = await RenderAsync("bound");

        Assert.Contains(
            FormPatterns.Compact("""
                <div><label for="id_email">Email:</label><div class="helptext" id="id_email_helptext">We never share it.</div>
                <ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li></ul>
                <input type="email" name="email" value="bad" maxlength="320" required aria-invalid="true" aria-describedby="id_email_helptext id_email_error" id="id_email"></div>
                """),
            FormPatterns.Compact(parts["as_div"]));
        Assert.StartsWith("<ul class=\"errorlist nonfield\"><li>Whole &lt;form&gt; problem.</li></ul>", parts["as_div"].Trim());
        Assert.Equal("bad", parts["email_value"]);
    }

    [Fact]
    public async Task Hostile_input_is_escaped_in_values_errors_and_textareas()
    {
        var hostile = new Dictionary<string, string>(s_bound)
        {
            ["subject"] = "<script>alert('x')</script>\">",
            ["topic"] = "<img src=x onerror=alert(1)>",
            ["body"] = "</textarea><script>alert(\"x\")</script>",
        };

        var response = await app.Client.PostAsync("/forms/contact/", new FormUrlEncodedContent(hostile));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;&gt;\"", html);
        Assert.Contains("<li>Select a valid choice. &lt;img src=x onerror=alert(1)&gt; is not one of the available choices.</li>", html);
        Assert.Contains("\n&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>", html);
        Assert.Contains("<ul class=\"errorlist nonfield\"><li>Whole &lt;form&gt; problem.</li></ul>", html);
    }

    [Fact]
    public async Task A_template_lays_a_form_out_field_by_field()
    {
        var response = await app.Client.PostAsync("/forms/signup/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "ad",
            ["password"] = "secret",
            ["confirm"] = "secret",
            ["referrer"] = "<b>",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains(
            "<p class=\"field-username\"><label for=\"id_username\">Username:</label> <input type=\"text\" name=\"username\" value=\"ad\" maxlength=\"20\" minlength=\"3\" required aria-invalid=\"true\" aria-describedby=\"id_username_error\" id=\"id_username\">"
            + "<ul class=\"errorlist\" id=\"id_username_error\"><li>Ensure this value has at least 3 characters (it has 2).</li></ul> <em>Ensure this value has at least 3 characters (it has 2).</em></p>",
            html);
        Assert.Contains("<input type=\"text\" name=\"referrer\" value=\"&lt;b&gt;\" required id=\"id_referrer\">", html);
        Assert.Contains("<p>2 fields have errors.</p>", html);
    }

    private async Task<Dictionary<string, string>> RenderAsync(string state)
    {
        var response = state == "bound"
            ? await app.Client.PostAsync("/forms/contact/", new FormUrlEncodedContent(s_bound))
            : await app.Client.GetAsync("/forms/contact/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return FormPatterns.Sections(await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, JsonElement> Django([CallerFilePath] string thisFile = "")
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "DjangoForms", "contact.json")));
        return new()
        {
            ["unbound"] = document.RootElement.GetProperty("unbound").Clone(),
            ["bound"] = document.RootElement.GetProperty("bound").Clone(),
        };
    }
}
