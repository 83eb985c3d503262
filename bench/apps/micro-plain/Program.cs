// Micro's floor for start-up and memory, beside raw Kestrel's bench app: the same two pages, written as a Micro user would,
// in an app without models (the bench app's Fortunes brings the data layer: EF Core, SQLite and PostgreSQL).
using Micro;

var builder = MicroApp.CreateBuilder(args);
builder.Logging.ClearProviders();
return builder.Build().Run();

public static class Plain
{
    [Route("plaintext")]
    public static string Plaintext() => "Hello, World!";

    [Route("json")]
    public static JsonMessage Json() => new("Hello, World!");
}

public sealed record JsonMessage(string message);
