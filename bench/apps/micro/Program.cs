// Micro's side of the HTTP benchmarks: the TechEmpower plaintext, JSON and Fortunes tests written as a Micro user would.
using Micro;
using Micro.Templates;

var builder = MicroApp.CreateBuilder(args);

// As the baseline and the ceiling: without a logging provider ASP.NET Core skips its per-request logging scope,
// so every server measures the framework rather than console logging.
builder.Logging.ClearProviders();
return builder.Build().Run();

public static class Bench
{
    [Route("plaintext")]
    public static string Plaintext() => "Hello, World!";

    [Route("json")]
    public static JsonMessage Json() => new("Hello, World!");

    private static readonly Template s_fortunes = FortunesEngine().Parse(
        "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>" +
        "{% for fortune in fortunes %}<tr><td>{{ fortune.id }}</td><td>{{ fortune.message }}</td></tr>{% endfor %}" +
        "</table></body></html>");

    private static TemplateEngine FortunesEngine()
    {
        var accessors = new TemplateAccessors();
        accessors.Register<Fortune>(new FortuneAccessor());
        return new TemplateEngine(new TemplateOptions { Accessors = accessors });
    }

    [Route("fortunes")]
    public static async Task<IResult> Fortunes(Db db)
    {
        var fortunes = await db.Fortunes.ToListAsync();
        fortunes.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        fortunes.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
        var html = s_fortunes.Render(new Dictionary<string, object?> { ["fortunes"] = fortunes });
        return Results.Content(html, "text/html; charset=utf-8");
    }
}

public sealed record JsonMessage(string message);

[Model]
public class Fortune
{
    public int Id { get; set; }
    public string Message { get; set; } = "";
}

/// <summary>What the generator will emit for types that reach templates; written by hand until then.</summary>
internal sealed class FortuneAccessor : ITemplateAccessor
{
    public bool TryGetMember(object instance, string name, out object? value)
    {
        var fortune = (Fortune)instance;
        switch (name)
        {
            case "id": value = TemplateAccessors.Box(fortune.Id); return true;
            case "message": value = fortune.Message; return true;
            default: value = null; return false;
        }
    }
}
