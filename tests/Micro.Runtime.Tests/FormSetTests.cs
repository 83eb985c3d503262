using System.Net;
using System.Text;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Micro.Tests;

namespace Micro.Runtime.Tests;

/// <summary>
/// Formsets over real HTTP (TestApp/FormSetViews.cs), as Django's <c>formset_factory</c>: the page with its management form, initial and
/// empty forms; posts that keep, add, delete and leave forms empty; errors on one form, across forms and in the counts; tampered and
/// hostile management forms answered with Django's words, never a server error; and the markup compared with Django's own.
/// </summary>
public sealed class FormSetTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private const string Tampered = "ManagementForm data is missing or has been tampered with. Missing fields: form-TOTAL_FORMS, form-INITIAL_FORMS. You may need to file a bug report if the issue persists.";

    [Fact]
    public async Task The_page_shows_the_management_form_the_initial_form_and_two_empty_ones()
    {
        var page = await app.Client.GetStringAsync("/formsets/articles/");

        Assert.Contains(
            "<input type=\"hidden\" name=\"form-TOTAL_FORMS\" value=\"3\" id=\"id_form-TOTAL_FORMS\"><input type=\"hidden\" name=\"form-INITIAL_FORMS\" value=\"1\" id=\"id_form-INITIAL_FORMS\">"
            + "<input type=\"hidden\" name=\"form-MIN_NUM_FORMS\" value=\"0\" id=\"id_form-MIN_NUM_FORMS\"><input type=\"hidden\" name=\"form-MAX_NUM_FORMS\" value=\"5\" id=\"id_form-MAX_NUM_FORMS\">",
            page);
        Assert.Contains("<input type=\"text\" name=\"form-0-title\" value=\"Django is now open source\" maxlength=\"100\" id=\"id_form-0-title\">", page);
        Assert.Contains("<input type=\"date\" name=\"form-0-pub_date\" value=\"2005-07-15\" id=\"id_form-0-pub_date\">", page);
        Assert.Contains("<input type=\"text\" name=\"form-2-title\" maxlength=\"100\" id=\"id_form-2-title\">", page);
        Assert.DoesNotContain("form-3-", page);

        // A "Delete" box on each form; no required attribute, so a browser posts the empty forms as they are.
        Assert.Contains("<label for=\"id_form-0-DELETE\">Delete:</label>", page);
        Assert.Contains("<input type=\"checkbox\" name=\"form-2-DELETE\" id=\"id_form-2-DELETE\">", page);
        Assert.DoesNotContain("required", page);

        // Django's empty_form, for a script that adds forms.
        Assert.Contains("<input type=\"text\" name=\"form-__prefix__-title\" maxlength=\"100\" id=\"id_form-__prefix__-title\">", page);
        Assert.Contains("0 errors; bound False", page);
    }

    [Fact]
    public async Task A_post_keeps_the_filled_forms_and_skips_the_empty_ones()
    {
        var response = await PostAsync("/formsets/articles/", Counts(3, 1),
            ("form-0-title", "Django is now open source"), ("form-0-pub_date", "2005-07-15"),
            ("form-1-title", "  Micro is out "), ("form-1-pub_date", "2026-12-07"),
            ("form-2-title", ""), ("form-2-pub_date", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("kept Django is now open source|2005-07-15\nkept Micro is out|2026-12-07\nchanged 1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_deleted_form_is_set_aside_unchecked()
    {
        // The initial form is deleted with a title too long to save: it isn't checked. As in Django, an extra form whose only change is
        // its "Delete" box is a deleted form too (with nothing in it).
        var response = await PostAsync("/formsets/articles/", Counts(3, 1),
            ("form-0-title", new string('x', 101)), ("form-0-DELETE", "on"),
            ("form-1-title", "Kept"), ("form-2-DELETE", "on"));

        Assert.Equal("kept Kept|-\ndeleted " + new string('x', 101) + "\ndeleted \nchanged 0,1,2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_with_an_error_shows_the_page_again_with_what_was_typed()
    {
        var page = await PostPageAsync("/formsets/articles/", Counts(3, 1),
            ("form-0-title", "Django is now open source"),
            ("form-1-title", "<script>alert(1)</script>" + new string('x', 80)), ("form-1-pub_date", "2026-02-30"),
            ("form-2-title", ""));

        Assert.Contains("<ul class=\"errorlist\" id=\"id_form-1-title_error\"><li>Ensure this value has at most 100 characters (it has 105).</li></ul>", page);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_form-1-pub_date_error\"><li>Enter a valid date.</li></ul>", page);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("value=\"2026-02-30\"", page);

        // The empty extra form has no "This field is required.": Django's empty_permitted.
        Assert.DoesNotContain("id_form-2-title_error", page);
        Assert.Contains("2 errors; bound True", page);
    }

    [Fact]
    public async Task A_check_across_forms_is_an_error_of_the_formset()
    {
        var page = await PostPageAsync("/formsets/articles/", Counts(3, 1),
            ("form-0-title", "Same"), ("form-1-title", "Same"), ("form-2-title", "Other"));

        Assert.Contains("<ul class=\"errorlist nonform\"><li>Articles in a set must have distinct titles.</li></ul>", page);
        Assert.Contains("1 errors; bound True", page);
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("3", null)]
    [InlineData("three", "1")]
    [InlineData("-1", "0")]
    [InlineData("3", "1e0")]
    [InlineData("99999999999999", "1")]
    [InlineData("", "")]
    [InlineData(" 3", "1")]
    public async Task A_tampered_management_form_is_Djangos_error_not_a_server_error(string? total, string? initial)
    {
        var data = new List<KeyValuePair<string, string>> { new("form-0-title", "Changed") };
        if (total is not null)
        {
            data.Add(new("form-TOTAL_FORMS", total));
        }

        if (initial is not null)
        {
            data.Add(new("form-INITIAL_FORMS", initial));
        }

        var page = await PostPageAsync("/formsets/articles/", data);

        Assert.Contains($"<ul class=\"errorlist nonform\"><li>{Tampered}</li></ul>", page);
        Assert.Contains("value=\"Django is now open source\"", page); // The page's forms, shown again as they were.
        Assert.DoesNotContain("Changed", page);
        Assert.DoesNotContain("distinct titles", page); // No forms were read, so none are filled in.
    }

    [Fact]
    public async Task No_more_forms_than_the_absolute_limit_are_read()
    {
        // MaxNum 5: Django's absolute_max is 1,005; a count beyond it is refused, whatever was sent.
        var page = await PostPageAsync("/formsets/articles/", Counts(1006, 0), ("form-0-title", "One"));

        Assert.Contains("<ul class=\"errorlist nonform\"><li>Please submit at most 5 forms.</li></ul>", page);
    }

    [Fact]
    public async Task An_initial_count_larger_than_the_total_checks_every_form_as_an_initial_one()
    {
        // A client that says all three forms were initial: the empty ones are checked, as Django checks initial forms.
        var page = await PostPageAsync("/formsets/articles/", Counts(3, 900), ("form-0-title", "One"));

        Assert.Contains("id=\"id_form-1-title_error\"><li>This field is required.</li>", page);
        Assert.Contains("id=\"id_form-2-title_error\"><li>This field is required.</li>", page);
    }

    [Fact]
    public async Task The_counts_are_checked_when_asked()
    {
        var page = await app.Client.GetStringAsync("/formsets/limited/");
        Assert.Contains("<input type=\"hidden\" name=\"entry-TOTAL_FORMS\" value=\"2\" id=\"id_entry-TOTAL_FORMS\">", page);
        Assert.Contains("<input type=\"hidden\" name=\"entry-MIN_NUM_FORMS\" value=\"2\" id=\"id_entry-MIN_NUM_FORMS\">", page);
        Assert.Contains("<input type=\"text\" name=\"entry-1-title\" maxlength=\"100\" id=\"id_entry-1-title\">", page);

        // Two forms, one filled: the other is required (MinNum), and the formset has too few.
        var tooFew = await PostPageAsync("/formsets/limited/", Counts(2, 0, "entry"), ("entry-0-title", "One"), ("entry-1-title", ""));
        Assert.Contains("<ul class=\"errorlist nonform\"><li>Please submit at least 2 forms.</li></ul>", tooFew);
        Assert.Contains("id=\"id_entry-1-title_error\"><li>This field is required.</li>", tooFew);

        var tooMany = await PostPageAsync("/formsets/limited/", Counts(4, 0, "entry"), ("entry-0-title", "a"), ("entry-1-title", "b"), ("entry-2-title", "c"), ("entry-3-title", "d"));
        Assert.Contains("<ul class=\"errorlist nonform\"><li>Please submit at most 3 forms.</li></ul>", tooMany);

        // Within the counts, and an empty fourth form doesn't count.
        var response = await PostAsync("/formsets/limited/", Counts(4, 0, "entry"), ("entry-0-title", "a"), ("entry-1-title", "b"), ("entry-2-title", "c"), ("entry-3-title", " "));
        Assert.Equal("a,b,c", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_that_isnt_a_form_is_a_client_error()
    {
        var json = await app.Client.PostAsync("/formsets/articles/", new StringContent("""{"form-TOTAL_FORMS": 1}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        var malformed = await app.Client.PostAsync("/formsets/articles/", new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var many = Enumerable.Range(0, 1100).Select(static i => new KeyValuePair<string, string>($"form-{i}-title", "t")).Concat(Counts(1100, 0));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await app.Client.PostAsync("/formsets/articles/", new FormUrlEncodedContent(many))).StatusCode);
    }

    [Fact]
    public void Two_forms_with_the_same_values_are_two_forms()
    {
        // SignUpForm is a record, whose equality is its values (an app may write its own): two forms with the same values are two forms.
        var data = new FormCollection(new()
        {
            ["form-TOTAL_FORMS"] = "2", ["form-INITIAL_FORMS"] = "2",
            ["form-0-username"] = "ada", ["form-0-password"] = "long enough", ["form-0-confirm"] = "long enough", ["form-0-referrer"] = "a friend",
            ["form-1-username"] = "ada", ["form-1-password"] = "long enough", ["form-1-confirm"] = "long enough", ["form-1-referrer"] = "a friend",
            ["form-1-DELETE"] = "on",
        });

        var formset = FormSet.Bind<SignUpForm>(data, new FormSetOptions { CanDelete = true });

        Assert.True(formset.IsValid);
        Assert.Same(formset.Forms[0], Assert.Single(formset.FilledForms));
        Assert.Same(formset.Forms[1], Assert.Single(formset.DeletedForms));
    }

    [Fact]
    public void Options_that_cant_work_are_refused_with_what_to_change()
    {
        var prefix = Assert.Throws<ArgumentException>(() => FormSet.Create<ArticleEntryForm>(new FormSetOptions { Prefix = "a\"b" }));
        Assert.Contains("'a\"b' can't: use letters, digits, '_' or '-'", prefix.Message);
        var negative = Assert.Throws<ArgumentException>(() => FormSet.Create<ArticleEntryForm>(new FormSetOptions { Extra = -1 }));
        Assert.Contains("Extra (-1)", negative.Message);
        var absolute = Assert.Throws<ArgumentException>(() => FormSet.Create<ArticleEntryForm>(new FormSetOptions { MaxNum = 10, AbsoluteMax = 5 }));
        Assert.Contains("AbsoluteMax (5) must be at least its MaxNum (10)", absolute.Message);

        // Django's counts for an unbound formset: the initial ones or MinNum, then Extra, no more than MaxNum unless the initial ones are.
        Assert.Equal(3, FormSet.Create<ArticleEntryForm>(new FormSetOptions { MinNum = 2, Extra = 1 }).Forms.Count);
        Assert.Equal(2, FormSet.Create<ArticleEntryForm>(new FormSetOptions { Extra = 5, MaxNum = 2 }).Forms.Count);
        Assert.Equal(3, FormSet.Create(new FormSetOptions { Extra = 5, MaxNum = 2 }, [new ArticleEntryForm(), new ArticleEntryForm(), new ArticleEntryForm()]).Forms.Count);
    }

    [Fact]
    public async Task Forms_that_can_be_ordered_come_back_in_the_order_posted()
    {
        var page = await app.Client.GetStringAsync("/formsets/ordered/");
        Assert.Contains("<p><label for=\"id_form-0-ORDER\">Order:</label> <input type=\"number\" name=\"form-0-ORDER\" value=\"1\" id=\"id_form-0-ORDER\"></p>\n<p><label for=\"id_form-0-DELETE\">", page);
        Assert.Contains("<input type=\"number\" name=\"form-1-ORDER\" value=\"2\" id=\"id_form-1-ORDER\">", page);
        Assert.Contains("<input type=\"number\" name=\"form-2-ORDER\" id=\"id_form-2-ORDER\">", page);

        // Second before First; the new one without an order last; a deleted one left out.
        var reordered = await PostAsync("/formsets/ordered/", Counts(3, 2),
            ("form-0-title", "First"), ("form-0-ORDER", "2"), ("form-1-title", "Second"), ("form-1-ORDER", " 1 "), ("form-2-title", "Third"), ("form-2-ORDER", ""));
        Assert.Equal("Second,First,Third", await reordered.Content.ReadAsStringAsync());
        var deleted = await PostAsync("/formsets/ordered/", Counts(3, 2),
            ("form-0-title", "First"), ("form-0-ORDER", "2"), ("form-1-title", "Second"), ("form-1-ORDER", "1"), ("form-1-DELETE", "on"), ("form-2-title", "Third"), ("form-2-ORDER", "-5"));
        Assert.Equal("Third,First", await deleted.Content.ReadAsStringAsync());

        // An order that isn't a whole number is an error on its box, as Django's IntegerField.
        foreach (var bad in new[] { "abc", "1.5", "99999999999" })
        {
            var invalid = await PostPageAsync("/formsets/ordered/", Counts(3, 2), ("form-0-title", "First"), ("form-0-ORDER", bad), ("form-1-title", "Second"), ("form-1-ORDER", "2"));
            Assert.Contains("<ul class=\"errorlist\" id=\"id_form-0-ORDER_error\"><li>Enter a whole number.</li></ul>", invalid);
        }

        Assert.Contains("CanOrder = true", Assert.Throws<InvalidOperationException>(() => FormSet.Create<ArticleEntryForm>().OrderedForms).Message);
    }

    /// <summary>What Django 3.2 renders for the same formset (Debian's python3-django), unbound and bound, compared with Micro's <c>as_p</c>.</summary>
    [Fact]
    public Task The_markup_is_Djangos() =>
        AssertMarkupIsDjangosAsync(
            "/formsets/articles/as-p/",
            "extra=2, can_delete=True, max_num=5",
            """[{"title": "Django is now open source", "pub_date": datetime.date(2005, 7, 15)}]""",
            new()
            {
                ["form-TOTAL_FORMS"] = "3", ["form-INITIAL_FORMS"] = "1", ["form-MIN_NUM_FORMS"] = "0", ["form-MAX_NUM_FORMS"] = "5", ["form-0-title"] = "Changed <b>",
                ["form-0-DELETE"] = "on", ["form-1-title"] = new string('y', 101), ["form-1-pub_date"] = "2026-13-01", ["form-2-title"] = "",
            });

    [Fact]
    public Task The_markup_of_an_ordered_formset_is_Djangos() =>
        AssertMarkupIsDjangosAsync(
            "/formsets/ordered/",
            "can_order=True, can_delete=True, max_num=5",
            """[{"title": "First"}, {"title": "Second"}]""",
            new()
            {
                ["form-TOTAL_FORMS"] = "3", ["form-INITIAL_FORMS"] = "2", ["form-MIN_NUM_FORMS"] = "0", ["form-MAX_NUM_FORMS"] = "5",
                ["form-0-title"] = "First", ["form-0-ORDER"] = "x", ["form-1-title"] = "", ["form-1-ORDER"] = "1", ["form-2-title"] = "", ["form-2-ORDER"] = "",
            });

    /// <summary>Django's <c>as_p</c> of the articles' formset made with <paramref name="factory"/>'s arguments, unbound and bound to <paramref name="posted"/>, against Micro's page at <paramref name="path"/>.</summary>
    private async Task AssertMarkupIsDjangosAsync(string path, string factory, string initial, Dictionary<string, string> posted)
    {
        var script = $$"""
            import sys, datetime, urllib.parse, django
            from django.conf import settings
            settings.configure(USE_I18N=False, USE_L10N=False)
            django.setup()
            from django import forms
            class DateInput(forms.DateInput):
                input_type = "date"
            class ArticleForm(forms.Form):
                title = forms.CharField(max_length=100)
                pub_date = forms.DateField(required=False, widget=DateInput(format="%Y-%m-%d"))
            FormSet = forms.formset_factory(ArticleForm, {{factory}})
            initial = {{initial}}
            posted = dict(urllib.parse.parse_qsl(sys.argv[1], keep_blank_values=True))
            print(FormSet(initial=initial).as_p())
            print("@@@")
            print(FormSet(posted, initial=initial).as_p())
            """;
        var django = (await DjangoPython.RunAsync("-c", script, await new FormUrlEncodedContent(posted).ReadAsStringAsync())).Split("@@@");

        var unbound = await app.Client.GetStringAsync(path);
        var bound = await (await app.Client.PostAsync(path, new FormUrlEncodedContent(posted))).Content.ReadAsStringAsync();

        Assert.Equal(Normalized(django[0]), Normalized(unbound));
        Assert.Equal(Normalized(django[1]), Normalized(bound));

        static string Normalized(string html) => FormPatterns.Compact(FormPatterns.NewerAttributes().Replace(html, ""));
    }

    private static KeyValuePair<string, string>[] Counts(int total, int initial, string prefix = "form") =>
    [
        new($"{prefix}-TOTAL_FORMS", total.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new($"{prefix}-INITIAL_FORMS", initial.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> counts, params (string Name, string Value)[] fields) =>
        app.Client.PostAsync(path, new FormUrlEncodedContent(counts.Concat(fields.Select(static f => new KeyValuePair<string, string>(f.Name, f.Value)))));

    private Task<string> PostPageAsync(string path, IEnumerable<KeyValuePair<string, string>> counts, params (string Name, string Value)[] fields) =>
        PostPageAsync(path, counts.Concat(fields.Select(static f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Posts a formset the app is expected to show again (a 200 with the page).</summary>
    private async Task<string> PostPageAsync(string path, IEnumerable<KeyValuePair<string, string>> data)
    {
        var response = await app.Client.PostAsync(path, new FormUrlEncodedContent(data));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return html;
    }
}
