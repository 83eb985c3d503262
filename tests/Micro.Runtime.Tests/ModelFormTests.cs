using System.Net;
using Micro.Data;
using Micro.Forms;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>
/// Model forms over a real database (TestApp/ArticleViews.cs): a form made from a [Model] creates and edits rows
/// through the generated Db, offers a reference as a select of the rows it can point to, and checks the model's
/// unique indexes with Django's message, also when the database is the one that notices. Run on a SQLite file and on PostgreSQL.
/// </summary>
public abstract class ModelFormTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : MicroAppFixture
{
    [Fact]
    public async Task The_empty_form_offers_the_writers_and_shows_the_models_defaults()
    {
        var ada = await CreateWriterAsync("Ada");
        var grace = await CreateWriterAsync("Grace <Hopper>");

        var html = await app.Client.GetStringAsync("/articles/new/");

        Assert.Contains("<input type=\"text\" name=\"title\" maxlength=\"100\" required id=\"id_title\">", html);
        Assert.Contains("<input type=\"number\" name=\"year\" value=\"2024\" required id=\"id_year\">", html);
        Assert.Contains("<textarea name=\"body\" cols=\"40\" rows=\"10\" required id=\"id_body\">\n</textarea>", html);
        Assert.Contains("<label for=\"id_writer\">Writer:</label>", html);
        Assert.Contains("<select name=\"writer\" required id=\"id_writer\">\n  <option value=\"\" selected>---------</option>", html);
        Assert.Contains($"<option value=\"{ada}\">Ada</option>", html);
        Assert.Contains($"<option value=\"{grace}\">Grace &lt;Hopper&gt;</option>", html);
        Assert.DoesNotContain("published", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_form_creates_the_row()
    {
        var writer = await CreateWriterAsync("Creator");

        var response = await PostAsync("/articles/new/", Article("First words", "first-words", writer, year: "1999"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"First words|first-words|1999|Some text.|True|{writer}", await app.Client.GetStringAsync($"/articles/{id}/"));
    }

    [Fact]
    public async Task A_taken_slug_is_Djangos_unique_error_on_its_field()
    {
        var writer = await CreateWriterAsync("Uniquer");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("/articles/new/", Article("One", "taken-slug", writer))).StatusCode);

        var response = await PostAsync("/articles/new/", Article("Two", "taken-slug", writer));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("slug", "Article with this Slug already exists.")], FormBindingTests.FieldErrors(html));
        Assert.Contains("value=\"Two\"", html);
        Assert.Contains($"<option value=\"{writer}\" selected>Uniquer</option>", html);
    }

    [Fact]
    public async Task A_taken_pair_of_columns_is_a_non_field_error()
    {
        var writer = await CreateWriterAsync("Pairer");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("/articles/new/", Article("Same title", "pair-one", writer))).StatusCode);

        var html = await (await PostAsync("/articles/new/", Article("Same title", "pair-two", writer))).Content.ReadAsStringAsync();

        Assert.Contains("<ul class=\"errorlist nonfield\"><li>Article with this Writer and Title already exists.</li></ul>", html);
        Assert.Empty(FormBindingTests.FieldErrors(html));
    }

    [Fact]
    public async Task A_writer_that_does_not_exist_is_not_a_choice()
    {
        var html = await (await PostAsync("/articles/new/", Article("Orphan", "orphan", writer: 999_999))).Content.ReadAsStringAsync();

        Assert.Equal([("writer", "Select a valid choice. That choice is not one of the available choices.")], FormBindingTests.FieldErrors(html));
    }

    [Fact]
    public async Task Field_errors_and_the_forms_own_checks_come_before_saving()
    {
        var writer = await CreateWriterAsync("Checker");
        var data = Article(new string('t', 101), "checks", writer, year: "2200");

        var html = await (await PostAsync("/articles/new/", data)).Content.ReadAsStringAsync();

        Assert.Equal(
            [("title", "Ensure this value has at most 100 characters (it has 101)."), ("year", "That is too far ahead.")],
            FormBindingTests.FieldErrors(html));
        Assert.Equal(0, await CountAsync(static db => db.Articles.Filter(a => a.Slug.Exact("checks"))));
    }

    [Fact]
    public async Task The_forms_own_check_names_a_reference_by_its_navigation()
    {
        var writer = await CreateWriterAsync("Nobody");

        var html = await (await PostAsync("/articles/new/", Article("Written by nobody", "nobody", writer))).Content.ReadAsStringAsync();

        Assert.Equal([("writer", "Somebody wrote it.")], FormBindingTests.FieldErrors(html));
    }

    [Fact]
    public async Task Editing_shows_the_row_and_saves_changes_to_it()
    {
        var writer = await CreateWriterAsync("Editor");
        var other = await CreateWriterAsync("Other editor");
        var created = await PostAsync("/articles/new/", Article("Draft", "draft", writer, year: "0"));
        var url = created.Headers.Location!.OriginalString;
        var id = url.Split('/')[2];

        var page = await app.Client.GetStringAsync($"/articles/{id}/edit/");
        Assert.Contains("<input type=\"text\" name=\"title\" value=\"Draft\" maxlength=\"100\" required id=\"id_title\">", page);
        Assert.Contains("<input type=\"number\" name=\"year\" value=\"0\" required id=\"id_year\">", page);
        Assert.Contains("<select name=\"writer\" id=\"id_writer\">", page);
        Assert.Contains($"<option value=\"{writer}\" selected>Editor</option>", page);
        Assert.DoesNotContain("---------", page, StringComparison.Ordinal);

        // The row keeps its own slug (no clash with itself) and its columns the form doesn't list.
        var saved = await PostAsync($"/articles/{id}/edit/", Article("Final", "draft", other, year: "2025"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.Headers.Location!.OriginalString);
        Assert.Equal($"Final|draft|2025|Some text.|True|{other}", await app.Client.GetStringAsync(url));
    }

    [Fact]
    public async Task Editing_to_another_rows_slug_is_refused()
    {
        var writer = await CreateWriterAsync("Collider");
        await PostAsync("/articles/new/", Article("A", "collide-a", writer));
        var second = await PostAsync("/articles/new/", Article("B", "collide-b", writer));
        var id = second.Headers.Location!.OriginalString.Split('/')[2];

        var html = await (await PostAsync($"/articles/{id}/edit/", Article("B", "collide-a", writer))).Content.ReadAsStringAsync();

        Assert.Equal([("slug", "Article with this Slug already exists.")], FormBindingTests.FieldErrors(html));
        Assert.EndsWith("|collide-b|2024|Some text.|True|" + writer, await app.Client.GetStringAsync($"/articles/{id}/"));
    }

    [Fact]
    public async Task A_model_form_of_every_column_saves_synchronously_too()
    {
        var response = await PostAsync("/writers/new/", new Dictionary<string, string> { ["name"] = "Lovelace" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("Writer ", await response.Content.ReadAsStringAsync());

        var missing = await (await PostAsync("/writers/new/", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        Assert.Equal([("name", "This field is required.")], FormBindingTests.FieldErrors(missing));
    }

    [Fact]
    public async Task A_unique_violation_the_database_reports_becomes_the_same_field_error()
    {
        var writer = await CreateWriterAsync("Racer");
        await PostAsync("/articles/new/", Article("Raced", "raced", writer));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var form = FormInfoOf<ArticleForm>().Bind(new FormCollection(new()
        {
            ["title"] = "Raced again", ["slug"] = "raced", ["year"] = "2024", ["body"] = "x", ["writer"] = writer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.True(form.IsValid);

        // As if another request had saved the same slug between the check and the insert: the check finds nothing.
        var blind = new UniqueCheck<Article>(["Slug"], FormInfoOf<ArticleForm>().Find("slug"), "Article with this Slug already exists.", static _ => null);
        var saved = await ModelForms.SaveAsync(form, db.Articles, new Article(), static (f, row) =>
        {
            row.Title = f.Title;
            row.Slug = f.Slug;
            row.Body = f.Body;
            row.WriterId = f.WriterId;
        }, [blind], async: true, CancellationToken.None);

        Assert.False(saved);
        Assert.False(form.IsValid);
        Assert.Equal(["Article with this Slug already exists."], form.Errors["slug"]);
    }

    [Fact]
    public async Task Saving_an_invalid_form_is_a_mistake_in_the_app()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var form = FormInfoOf<ArticleForm>().Bind(new FormCollection([]));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => form.SaveAsync(db));
        Assert.Contains("The Article could not be created because the form has errors", exception.Message);
        Assert.Null(form.Instance);
    }

    private static FormInfo<T> FormInfoOf<T>()
        where T : class, IForm<T> => T.Info;

    private async Task<int> CreateWriterAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<Db>().Writers.CreateAsync(new Writer { Name = name })).Id;
    }

    private async Task<int> CountAsync(Func<Db, QuerySet<Article>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<Db>()).CountAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> data) =>
        app.Client.PostAsync(path, new FormUrlEncodedContent(data));

    private static Dictionary<string, string> Article(string title, string slug, int writer, string year = "2024") => new()
    {
        ["title"] = title,
        ["slug"] = slug,
        ["year"] = year,
        ["body"] = "Some text.",
        ["writer"] = writer.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class SqliteModelFormTests(DatabaseApp app) : ModelFormTests<DatabaseApp>(app);

public sealed class PostgreSqlModelFormTests(PostgreSqlDatabaseApp app) : ModelFormTests<PostgreSqlDatabaseApp>(app);
