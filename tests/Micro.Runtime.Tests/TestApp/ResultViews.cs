using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>One route per kind of return value.</summary>
public static class ResultViews
{
    [Route("res/text/", Name = "res_text")]
    public static string Text() => "plain text";

    [Route("res/null-text/")]
    public static string? NullText() => null;

    [Route("res/template/")]
    public static TemplateResult Page(string note = "<none>") =>
        Template.Render("res/page.html", new { product = new Product("Widget", 9.5m, ["a", "b"]), note });

    [Route("res/json/")]
    public static Product Json() => new("Widget", 9.5m, ["a", "b"]);

    /// <summary>About 300 KB of JSON: more than the serializer's and Kestrel's buffers hold, so it is written in several parts.</summary>
    [Route("res/json-many/")]
    public static List<Product> ManyProducts() =>
        [.. Enumerable.Range(0, 5000).Select(i => new Product($"Product \u00e9 {i}", i, ["a", i.ToString(CultureInfo.InvariantCulture)]))];

    /// <summary>Fails after about 60 KB of JSON, more than is buffered before a streaming writer would start the response.</summary>
    [Route("res/json-throws/")]
    public static Faulty JsonThatThrows() => new("visible", ManyProducts()[..1000]);

    /// <summary>A JSON:API document: the handler names its media type, and the writer keeps it.</summary>
    [Route("res/json-typed/")]
    public static Product JsonWithItsOwnType(HttpResponse response)
    {
        response.ContentType = "application/vnd.api+json";
        return new("Widget", 9.5m, ["a", "b"]);
    }

    [Route("res/redirect/")]
    public static IResult Redirect() => Results.Redirect(Urls.ResText());

    [Route("res/accepted/")]
    public static IResult Accepted() => Results.StatusCode(StatusCodes.Status202Accepted);

    [Route("res/teapot/")]
    public static IResult Teapot() => Results.StatusCode(StatusCodes.Status418ImATeapot);

    [Route("res/ok/")]
    public static Ok<Product> TypedOk() => TypedResults.Ok(new Product("Gadget", 3m, []));

    [Route("res/created/", Methods = "POST")]
    public static Created<SavedNote> Create(NewNote note) =>
        TypedResults.Created(Urls.ResNote(7), new SavedNote(7, note.Title, note.Body));

    [Route("res/notes/<int:id>/", Name = "res_note")]
    public static string Note(int id) => $"note {id.ToString(CultureInfo.InvariantCulture)}";

    [Route("res/task-text/")]
    public static async Task<string> TaskText()
    {
        await Task.Yield();
        return "from a task";
    }

    [Route("res/valuetask-json/")]
    public static async ValueTask<Product> ValueTaskJson()
    {
        await Task.Yield();
        return new Product("Async", 1.25m, ["x"]);
    }

    [Route("res/task-result/")]
    public static async Task<IResult> TaskResult()
    {
        await Task.Yield();
        return Results.Text("<p>html</p>", "text/html");
    }

    [Route("res/void/")]
    public static void Void(CallCounter counter) => counter.Increment();

    [Route("res/task/")]
    public static async Task TaskVoid(CallCounter counter)
    {
        await Task.Yield();
        counter.Increment();
    }

    [Route("res/count/")]
    public static string Count(CallCounter counter) => counter.Count.ToString(CultureInfo.InvariantCulture);
}
