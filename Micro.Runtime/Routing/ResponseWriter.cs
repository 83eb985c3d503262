using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Micro.Routing;

/// <summary>Writes what a handler returned.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResponseWriter
{
    /// <summary>Text as UTF-8 with its Content-Length, so the response needs no chunked framing.</summary>
    public static Task WriteText(HttpContext context, string? text)
    {
        var response = context.Response;
        Describe(response, "text/plain; charset=utf-8", text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text));
        return string.IsNullOrEmpty(text) ? Task.CompletedTask : response.WriteAsync(text);
    }

    /// <summary>
    /// A handler's value as JSON with its Content-Length, as Django's <c>JsonResponse</c> answers: serialized whole before the
    /// response starts, so the response needs no chunked framing, and a value that fails to serialize (a getter that throws, a
    /// cycle) is an error page rather than a response cut off halfway. The app's JSON options apply (they are the metadata's).
    /// </summary>
    public static Task WriteJson<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var response = context.Response;
        Describe(response, "application/json; charset=utf-8", body.Length);
        var write = response.BodyWriter.WriteAsync(body, context.RequestAborted);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }

    /// <summary>The body's media type (unless the handler set one) and length (unless the response has started).</summary>
    private static void Describe(HttpResponse response, string contentType, long length)
    {
        response.ContentType ??= contentType;
        if (!response.HasStarted)
        {
            response.ContentLength = length;
        }
    }

    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static Task WriteEventStream(HttpContext context, IAsyncEnumerable<string> items) => EventStreamWriter.Write(context, items);

    public static Task WriteEventStream(HttpContext context, IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<string>> items) =>
        EventStreamWriter.Write(context, items);

    public static Task WriteEventStream<T>(HttpContext context, IAsyncEnumerable<T> items, JsonTypeInfo<T> typeInfo) =>
        EventStreamWriter.Write(context, items, typeInfo);

    public static Task WriteEventStream<T>(HttpContext context, IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<T>> items, JsonTypeInfo<T> typeInfo) =>
        EventStreamWriter.Write(context, items, typeInfo);

    public static Task Execute(HttpContext context, IResult? result) => result?.ExecuteAsync(context) ?? Task.CompletedTask;

    /// <summary>The answer of a class-based view to OPTIONS, as Django's <c>View.options()</c>.</summary>
    public static Task Options(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }
}
