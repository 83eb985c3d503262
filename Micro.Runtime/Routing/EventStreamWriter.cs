using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Micro.Routing;

/// <summary>
/// Server-sent events from a handler's <c>IAsyncEnumerable</c>: each value is an event's data (strings as they are, other
/// types as JSON through the app's generated metadata), an <see cref="SseItem{T}"/> adds its event name, id and retry. Each
/// event is flushed as it comes; the stream ends when the handler's does, or when the client goes away (the enumeration is
/// cancelled with <see cref="HttpContext.RequestAborted"/>).
/// </summary>
internal static class EventStreamWriter
{
    public static Task Write(HttpContext context, IAsyncEnumerable<string> items) =>
        Write(context, Events(items, context.RequestAborted), static (item, buffer) => Encoding.UTF8.GetBytes(item.Data, buffer));

    public static Task Write(HttpContext context, IAsyncEnumerable<SseItem<string>> items) =>
        Write(context, Until(items, context.RequestAborted), static (item, buffer) => Encoding.UTF8.GetBytes(item.Data, buffer));

    public static Task Write<T>(HttpContext context, IAsyncEnumerable<T> items, JsonTypeInfo<T> typeInfo) =>
        Write(context, Events(items, context.RequestAborted), (item, buffer) => Json(item.Data, buffer, typeInfo));

    public static Task Write<T>(HttpContext context, IAsyncEnumerable<SseItem<T>> items, JsonTypeInfo<T> typeInfo) =>
        Write(context, Until(items, context.RequestAborted), (item, buffer) => Json(item.Data, buffer, typeInfo));

    private static void Json<T>(T value, IBufferWriter<byte> buffer, JsonTypeInfo<T> typeInfo)
    {
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, value, typeInfo);
    }

    private static async IAsyncEnumerable<SseItem<T>> Events<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in Until(items, cancellationToken))
        {
            yield return new SseItem<T>(item);
        }
    }

    /// <summary>
    /// The items until the client goes away: the token reaches a handler's iterator that takes one
    /// (<c>[EnumeratorCancellation]</c>), and ends one that doesn't before its next item, since writes to a closed
    /// connection don't fail.
    /// </summary>
    private static async IAsyncEnumerable<TItem> Until<TItem>(IAsyncEnumerable<TItem> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    private static async Task Write<T>(HttpContext context, IAsyncEnumerable<SseItem<T>> items, Action<SseItem<T>, IBufferWriter<byte>> format)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // A proxy such as nginx would otherwise hold events back until its buffer fills.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.StartAsync(context.RequestAborted);
            await SseFormatter.WriteAsync(items, response.Body, format, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the handler's enumeration was cancelled, and there is no one to answer.
        }
    }
}
