// The .NET ceiling: raw Kestrel with one request delegate that switches on the path itself.
using System.Text.Json;
using System.Text.Json.Serialization;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var plaintext = "Hello, World!"u8.ToArray();

app.Run(context =>
{
    var response = context.Response;
    switch (context.Request.Path.Value)
    {
        case "/plaintext":
            response.ContentType = "text/plain";
            response.ContentLength = plaintext.Length;
            return response.Body.WriteAsync(plaintext).AsTask();
        case "/json":
            response.ContentType = "application/json";
            var body = JsonSerializer.SerializeToUtf8Bytes(new JsonMessage("Hello, World!"), KestrelJsonContext.Default.JsonMessage);
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body).AsTask();
        default:
            response.StatusCode = 404;
            return Task.CompletedTask;
    }
});

app.Run();

public sealed record JsonMessage(string message);

[JsonSerializable(typeof(JsonMessage))]
internal partial class KestrelJsonContext : JsonSerializerContext;
