// The .NET ceiling: raw Kestrel with one request delegate that switches on the path itself. With --DjangoHeaders=true it
// also sends the four security headers Django (and Micro) send by default, set the cheapest way, to price them apart.
using System.Text.Json;
using System.Text.Json.Serialization;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var plaintext = "Hello, World!"u8.ToArray();
var djangoHeaders = bool.TryParse(app.Configuration["DjangoHeaders"], out var on) && on;

app.Run(context =>
{
    var response = context.Response;
    if (djangoHeaders)
    {
        var headers = response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

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
