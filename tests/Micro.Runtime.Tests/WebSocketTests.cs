using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Routes that take a WebSocketConnection, talked to by .NET's ClientWebSocket over real Kestrel (CSRF checks on, as in an app).</summary>
public sealed class WebSocketTests(CsrfApp app) : IClassFixture<CsrfApp>
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private async Task<ClientWebSocket> ConnectAsync(string path, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = path.Split('?')[0], Query = path.Contains('?') ? path.Split('?')[1] : "" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(s_patience);
        return socket;
    }

    private static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var data = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(s_patience);
            data.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, data.ToArray());
            }
        }
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket) => Encoding.UTF8.GetString((await ReceiveAsync(socket)).Data);

    private static Task SendTextAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    [Fact]
    public async Task Text_and_bytes_go_back_and_forth_and_a_close_is_answered()
    {
        using var socket = await ConnectAsync("/ws/echo/");

        await SendTextAsync(socket, "héllo");
        Assert.Equal("echo: héllo", await ReceiveTextAsync(socket));
        await socket.SendAsync(new byte[] { 0, 1, 2, 255 }, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        var (type, bytes) = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, bytes);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(s_patience);
        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task A_message_in_fragments_is_one_message()
    {
        using var socket = await ConnectAsync("/ws/echo/");

        await socket.SendAsync(Encoding.UTF8.GetBytes("in "), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("parts"), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        Assert.Equal("echo: in parts", await ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task Two_members_of_a_room_get_each_others_json_messages()
    {
        var room = "room-" + Guid.NewGuid().ToString("N")[..8];
        using var ada = await ConnectAsync($"/ws/chat/{room}/?name=ada");
        Assert.Equal($$"""{"from":"server","text":"ada joined {{room}}"}""", await ReceiveTextAsync(ada));
        using var bob = await ConnectAsync($"/ws/chat/{room}/?name=bob");
        Assert.Equal($$"""{"from":"server","text":"bob joined {{room}}"}""", await ReceiveTextAsync(ada));
        Assert.Equal($$"""{"from":"server","text":"bob joined {{room}}"}""", await ReceiveTextAsync(bob));

        await SendTextAsync(bob, """{"from":"someone else","text":"hi <ada>"}""");

        using var received = JsonDocument.Parse(await ReceiveTextAsync(ada));
        Assert.Equal("bob", received.RootElement.GetProperty("from").GetString());
        Assert.Equal("hi <ada>", received.RootElement.GetProperty("text").GetString());
        Assert.Contains("hi <ada>", await ReceiveTextAsync(bob));

        // Bob goes away in the middle of a message: the room carries on without him.
        await bob.SendAsync(Encoding.UTF8.GetBytes("{\"text\":\"half"), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
        bob.Abort();
        Assert.Equal("""{"from":"server","text":"bob left"}""", await ReceiveTextAsync(ada));
        await SendTextAsync(ada, """{"text":"still here"}""");
        Assert.Contains("still here", await ReceiveTextAsync(ada));
    }

    [Fact]
    public async Task A_message_over_the_limit_closes_the_connection_with_1009()
    {
        using var socket = await ConnectAsync("/ws/echo/");

        await socket.SendAsync(new byte[1024 * 1024 + 1], WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        var result = await socket.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(s_patience);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
        Assert.Equal("Messages are limited to 1048576 bytes.", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task A_plain_request_to_a_websocket_route_is_a_400()
    {
        using var response = await app.Client.GetAsync("/ws/echo/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This address takes WebSocket connections only.", await response.BodyAsync());
    }

    [Fact]
    public async Task A_page_of_another_site_cant_open_a_websocket_but_this_site_can()
    {
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync("/ws/echo/", origin: "http://evil.example"));
        Assert.Contains("403", refused.Message);

        using var own = await ConnectAsync("/ws/echo/", origin: "http://" + app.BaseAddress.Authority);
        await SendTextAsync(own, "same site");
        Assert.Equal("echo: same site", await ReceiveTextAsync(own));
        using var trusted = await ConnectAsync("/ws/echo/", origin: "http://partner.example:8080");
        await SendTextAsync(trusted, "trusted");
        Assert.Equal("echo: trusted", await ReceiveTextAsync(trusted));
    }

    [Fact]
    public async Task Stopping_the_app_closes_open_sockets_with_1001_and_waits_for_their_handlers()
    {
        var server = new ProductionApp();
        await server.InitializeAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/ws/echo/" }.Uri, CancellationToken.None).WaitAsync(s_patience);
        await SendTextAsync(socket, "before");
        Assert.Equal("echo: before", await ReceiveTextAsync(socket));

        var stopping = server.DisposeAsync();
        var result = await socket.ReceiveAsync(new byte[1024], CancellationToken.None).WaitAsync(s_patience);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        Assert.Equal("The server is shutting down.", socket.CloseStatusDescription);
        Assert.False(stopping.IsCompleted, "The app stopped before its WebSocket handler ended.");

        // The client's answer ends the handler's receive loop, and then the app stops.
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await stopping.WaitAsync(s_patience);
    }

    [Fact]
    public async Task A_bad_route_value_is_refused_before_the_handshake()
    {
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync("/ws/chat/not a slug/"));

        Assert.Contains("404", refused.Message);
    }
}
