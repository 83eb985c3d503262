// The baseline: plaintext, JSON and Fortunes as a hand-written minimal API (CreateSlimBuilder, the Request Delegate
// Generator, System.Text.Json source generation, hand-written HTML, and the database read straight through its ADO.NET
// provider: Npgsql's NpgsqlDataSource when ConnectionStrings:Default is PostgreSQL's (Host=...), Microsoft.Data.Sqlite otherwise.
using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));
var app = builder.Build();
var connectionString = app.Configuration.GetConnectionString("Default") ?? "Data Source=fortunes.db";

// One pooled data source for the process, as TechEmpower's aspnetcore entries keep it; the slim builder is the one that
// trims for native binaries.
await using var postgres = IsPostgres(connectionString) ? new NpgsqlSlimDataSourceBuilder(connectionString).Build() : null;

app.MapGet("/plaintext", () => "Hello, World!");
app.MapGet("/json", () => new JsonMessage("Hello, World!"));
app.MapGet("/fortunes", async () =>
{
    var fortunes = postgres is null ? await ReadSqliteAsync(connectionString) : await ReadPostgresAsync(postgres);
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

static bool IsPostgres(string connectionString)
{
    // Npgsql's connection strings name a host; SQLite's name a data source.
    var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
    return parts.ContainsKey("Host") || parts.ContainsKey("Server");
}

static async Task<List<Fortune>> ReadSqliteAsync(string connectionString)
{
    var fortunes = new List<Fortune>(16);
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT Id, Message FROM Fortunes";
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        fortunes.Add(new Fortune(reader.GetInt32(0), reader.GetString(1)));
    }

    return fortunes;
}

static async Task<List<Fortune>> ReadPostgresAsync(NpgsqlDataSource dataSource)
{
    var fortunes = new List<Fortune>(16);
    await using var connection = await dataSource.OpenConnectionAsync();
    // The table Micro's model maps to, with its quoted names.
    await using var command = new NpgsqlCommand("SELECT \"Id\", \"Message\" FROM \"Fortunes\"", connection);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        fortunes.Add(new Fortune(reader.GetInt32(0), reader.GetString(1)));
    }

    return fortunes;
}

public sealed record JsonMessage(string message);

public sealed record Fortune(int Id, string Message);

[JsonSerializable(typeof(JsonMessage))]
internal partial class BenchJsonContext : JsonSerializerContext;
