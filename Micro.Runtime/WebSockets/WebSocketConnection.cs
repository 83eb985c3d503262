using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Micro.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Micro;

/// <summary>
/// A WebSocket a route accepted: a route with a <see cref="WebSocketConnection"/> parameter answers WebSocket requests, with
/// its route values, query, services, session and user bound as for any route. Messages are text, bytes or JSON (through the
/// app's generated metadata); one longer than <see cref="MicroWebSocketOptions.MaxMessageBytes"/> closes the connection with 1009.
/// </summary>
/// <remarks>
/// The connection is closed (1000) when the handler returns, and with 1001 ("going away") when the app stops: a receive then
/// returns null. A request that isn't a WebSocket handshake gets a 400 before the handler runs; one from a page of another
/// origin (Cross-Site WebSocket Hijacking, which cookies would otherwise authenticate) a 403, as CSRF checks do for forms.
/// </remarks>
public sealed class WebSocketConnection : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly int _maxMessageBytes;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenRegistration _onStopping;

    private WebSocketConnection(WebSocket socket, HttpContext context, int maxMessageBytes, CancellationToken stopping)
    {
        _socket = socket;
        _context = context;
        _maxMessageBytes = maxMessageBytes;

        // When the app stops, say so (1001) rather than cancel a receive, which would abort the socket without a close frame;
        // the client's answering close ends the handler's receive loop, and the host waits for the handler to finish.
        _onStopping = stopping.Register(static state => _ = ((WebSocketConnection)state!).CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "The server is shutting down."), this);
    }

    /// <summary>The socket, for what this class doesn't offer.</summary>
    public WebSocket Socket => _socket;

    /// <summary>Whether messages can still be sent and received.</summary>
    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Why the other side closed, once it has (1000 normal, 1001 going away...).</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Accepts the request's WebSocket, or answers it (400, 403) and returns null. Generated route code calls it.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static async Task<WebSocketConnection?> AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.Headers.Upgrade = "websocket";
            await context.Response.WriteAsync("This address takes WebSocket connections only.");
            return null;
        }

        if (!CsrfProtection.IsSameOrigin(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("The WebSocket's Origin is not this site or a trusted origin.");
            return null;
        }

        var options = context.RequestServices.GetService<IOptions<MicroWebSocketOptions>>()?.Value ?? new MicroWebSocketOptions();
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = options.KeepAliveInterval });
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var connection = new WebSocketConnection(socket, context, options.MaxMessageBytes, stopping);
        context.Response.RegisterForDisposeAsync(connection);
        return connection;
    }

    /// <summary>The next text message, or null when the connection closed (or sent bytes: see <see cref="ReceiveAsync"/>).</summary>
    public async Task<string?> ReceiveTextAsync()
    {
        var message = await ReceiveAsync();
        return message is { Type: WebSocketMessageType.Text } text ? Encoding.UTF8.GetString(text.Data.Span) : null;
    }

    /// <summary>The next message parsed as JSON, or default when the connection closed.</summary>
    /// <exception cref="JsonException">The message isn't JSON of <typeparamref name="T"/>.</exception>
    public async Task<T?> ReceiveJsonAsync<T>(JsonTypeInfo<T>? typeInfo = null)
    {
        var message = await ReceiveAsync();
        return message is null ? default : JsonSerializer.Deserialize(message.Value.Data.Span, typeInfo ?? TypeInfo<T>());
    }

    /// <summary>
    /// The next whole message (its fragments joined), or null when the connection closed: by the client (its close is
    /// answered), by the app stopping (closed with 1001), or by a message over the size limit (closed with 1009).
    /// </summary>
    public async Task<WebSocketMessage?> ReceiveAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), _context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure);
                    return null;
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > _maxMessageBytes)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {_maxMessageBytes} bytes.");
                    return null;
                }

                if (result.EndOfMessage)
                {
                    return new WebSocketMessage(result.MessageType, buffer.WrittenMemory);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client went away without closing (a dropped connection, a message cut off).
            return null;
        }
    }

    /// <summary>Every message until the connection closes.</summary>
    public async IAsyncEnumerable<WebSocketMessage> ReceiveAllAsync()
    {
        while (await ReceiveAsync() is { } message)
        {
            yield return message;
        }
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public Task SendBytesAsync(ReadOnlyMemory<byte> bytes) => SendAsync(bytes, WebSocketMessageType.Binary);

    /// <summary>Sends <paramref name="value"/> as a JSON text message, through the app's generated metadata unless given.</summary>
    public Task SendJsonAsync<T>(T value, JsonTypeInfo<T>? typeInfo = null) =>
        SendAsync(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo ?? TypeInfo<T>()), WebSocketMessageType.Text);

    /// <summary>
    /// Sends a message; nothing when the connection is closed already (the other side went away meanwhile). Sends from several
    /// tasks (a chat room's members broadcasting to each other) go out one after another, never interleaved.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type)
    {
        await _sending.WaitAsync();
        try
        {
            if (IsOpen)
            {
                await _socket.SendAsync(data, type, endOfMessage: true, _context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client went away between the check and the send.
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes the connection with <paramref name="status"/> and a reason the client sees (once; later calls do nothing).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? reason = null)
    {
        await _sending.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, reason, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Gone already.
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _onStopping.DisposeAsync();
        await CloseAsync();
        _socket.Dispose();
        _sending.Dispose();
    }

    private JsonTypeInfo<T> TypeInfo<T>()
    {
        var options = _context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return options.TryGetTypeInfo(typeof(T), out var typeInfo) && typeInfo is JsonTypeInfo<T> typed
            ? typed
            : throw new NotSupportedException(
                $"The app has no JSON metadata for {typeof(T)}: use it in a route's body or result, add a JsonSerializerContext for it to the app's JSON options, or pass its JsonTypeInfo.");
    }
}

/// <summary>One whole WebSocket message.</summary>
public readonly record struct WebSocketMessage(WebSocketMessageType Type, ReadOnlyMemory<byte> Data)
{
    /// <summary>The message as text (UTF-8).</summary>
    public string Text => Encoding.UTF8.GetString(Data.Span);
}

/// <summary>Settings of <see cref="WebSocketConnection"/>s: <c>Micro:WebSockets</c> in configuration.</summary>
public sealed class MicroWebSocketOptions
{
    /// <summary>The largest message accepted, in bytes (1 MiB); a longer one closes the connection with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>How often a ping keeps an idle connection alive through proxies (30 seconds).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
