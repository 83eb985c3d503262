using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Micro.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Micro.OpenApi;

/// <summary>
/// The app's OpenAPI 3.1 document. The generator writes its paths and schemas at build time (<c>RouteTable.OpenApi</c>);
/// this completes it with <c>openapi</c> and <c>info</c>, and names the properties the app's JSON naming policy names
/// (marked <c>\u001f</c> in the generated text), so the document says what the app's JSON really looks like.
/// Copying tokens with <see cref="Utf8JsonReader"/> and <see cref="Utf8JsonWriter"/> needs no reflection.
/// </summary>
internal static class OpenApiDocument
{
    public const string Version = "3.1.1";
    private const char PolicyNameMarker = '\u001f';

    public static byte[] Render(string template, string title, string version, JsonSerializerOptions json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("openapi", Version);
            writer.WriteStartObject("info");
            writer.WriteString("title", title);
            writer.WriteString("version", version);
            writer.WriteEndObject();

            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(template));
            reader.Read(); // the template's object: its members join this one
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                    case JsonTokenType.PropertyName:
                        writer.WritePropertyName(Name(reader.GetString()!, json));
                        break;
                    case JsonTokenType.String:
                        writer.WriteStringValue(Name(reader.GetString()!, json));
                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                }
            }
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>A marked C# property name as the naming policy writes it (as System.Text.Json names it); other text as it is.</summary>
    private static string Name(string text, JsonSerializerOptions json) =>
        text.Length > 0 && text[0] == PolicyNameMarker ? json.PropertyNamingPolicy?.ConvertName(text[1..]) ?? text[1..] : text;

    /// <summary>The app's document under its configuration (<c>Micro:OpenApi:Title</c>, <c>Version</c>) and JSON options; null without JSON routes.</summary>
    public static byte[]? For(AppManifest manifest, IServiceProvider services)
    {
        if (manifest.Routes.OpenApi is not { } template)
        {
            return null;
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        var title = configuration["Micro:OpenApi:Title"] ?? manifest.Assembly.GetName().Name ?? "Micro app";
        var version = configuration["Micro:OpenApi:Version"] ?? "1.0.0";
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Render(template, title, version, json);
    }

    /// <summary>
    /// Serves the document at <c>Micro:OpenApi:Path</c> (<c>/openapi.json</c>) and its page at <c>Micro:OpenApi:DocsPath</c>
    /// (<c>/docs/</c>): in Development, or wherever <c>Micro:OpenApi:Enabled</c> is true. Returns what is wrong with
    /// <c>Micro:OpenApi:Enabled</c> when it is neither true nor false (the app reports it when it starts serving).
    /// </summary>
    public static string? Map(WebApplication app, AppManifest manifest)
    {
        var configuration = app.Configuration;
        var enabled = app.Environment.IsDevelopment();
        if (configuration["Micro:OpenApi:Enabled"] is { } text && !bool.TryParse(text, out enabled))
        {
            return $"Configuration value Micro:OpenApi:Enabled must be true or false, not '{text}'.";
        }

        if (!enabled || manifest.Routes.OpenApi is null)
        {
            return null;
        }

        var path = configuration["Micro:OpenApi:Path"] ?? "/openapi.json";
        var docsPath = configuration["Micro:OpenApi:DocsPath"] ?? "/docs/";
        var document = new Lazy<byte[]>(() => For(manifest, app.Services)!);
        app.MapGet(path, (RequestDelegate)(context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.Body.WriteAsync(document.Value).AsTask();
        }));
        app.MapGet(docsPath, (RequestDelegate)(context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(DocsPage.Html(context.Request.PathBase + path));
        }));
        return null;
    }
}
