// The baseline: plaintext, JSON and Fortunes as a hand-written minimal API (CreateSlimBuilder, the Request Delegate
// Generator, System.Text.Json source generation, Microsoft.Data.Sqlite and hand-written HTML).
using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));
var app = builder.Build();
var connectionString = app.Configuration.GetConnectionString("Default") ?? "Data Source=fortunes.db";

app.MapGet("/plaintext", () => "Hello, World!");
app.MapGet("/json", () => new JsonMessage("Hello, World!"));
app.MapGet("/fortunes", async () =>
{
    var fortunes = new List<Fortune>(16);
    await using (var connection = new SqliteConnection(connectionString))
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, Message FROM Fortunes";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            fortunes.Add(new Fortune(reader.GetInt32(0), reader.GetString(1)));
        }
    }

    fortunes.Add(new Fortune(0, "Additional fortune added at request time."));
    fortunes.Sort(static (a, b) => string.CompareOrdinal(a.Message, b.Message));
    var html = new StringBuilder(2048);
    html.Append("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
    foreach (var fortune in fortunes)
    {
        html.Append("<tr><td>").Append(fortune.Id).Append("</td><td>").Append(WebUtility.HtmlEncode(fortune.Message)).Append("</td></tr>");
    }

    html.Append("</table></body></html>");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});
GeneratedRoutes.Map(app);

app.Run();

public sealed record JsonMessage(string message);

public sealed record Fortune(int Id, string Message);

[JsonSerializable(typeof(JsonMessage))]
internal partial class BenchJsonContext : JsonSerializerContext;
