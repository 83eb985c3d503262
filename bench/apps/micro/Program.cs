// Micro's side of the HTTP benchmarks: the TechEmpower plaintext, JSON and Fortunes tests written as a Micro user would
// (Fortunes renders templates/fortunes.html, which the generator compiles to C#).
using Micro;

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

    [Route("fortunes")]
    public static async Task<TemplateResult> Fortunes(Db db)
    {
        var fortunes = await db.Fortunes.ToListAsync();
        fortunes.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        fortunes.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
        return Template.Render("fortunes.html", new { fortunes });
    }
}

public sealed record JsonMessage(string message);

[Model]
public class Fortune
{
    public int Id { get; set; }
    public string Message { get; set; } = "";
}
