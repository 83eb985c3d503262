using System.Collections.Concurrent;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>WebSocket routes: an echo, and chat rooms where every member gets every message.</summary>
public static class SocketViews
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<WebSocketConnection, bool>> s_rooms = new();

    public sealed record ChatMessage(string From, string Text);

    /// <summary>Echoes text as "echo: ..." and bytes as they came, until the client closes.</summary>
    [Route("ws/echo/", Name = "ws_echo")]
    public static async Task Echo(WebSocketConnection socket)
    {
        await foreach (var message in socket.ReceiveAllAsync())
        {
            if (message.Type == System.Net.WebSockets.WebSocketMessageType.Text)
            {
                await socket.SendTextAsync("echo: " + message.Text);
            }
            else
            {
                await socket.SendBytesAsync(message.Data);
            }
        }
    }

    /// <summary>A chat room: each JSON message is sent to everyone in the room, with the sender's name from the query.</summary>
    [Route("ws/chat/<slug:room>/", Name = "ws_chat")]
    public static async Task Chat(string room, WebSocketConnection socket, string name = "anonymous")
    {
        var members = s_rooms.GetOrAdd(room, static _ => new());
        members[socket] = true;
        try
        {
            await Broadcast(members, new ChatMessage("server", $"{name} joined {room}"));
            while (await socket.ReceiveJsonAsync<ChatMessage>() is { } message)
            {
                await Broadcast(members, message with { From = name });
            }
        }
        finally
        {
            members.TryRemove(socket, out _);
            await Broadcast(members, new ChatMessage("server", $"{name} left"));
        }
    }

    private static async Task Broadcast(ConcurrentDictionary<WebSocketConnection, bool> members, ChatMessage message)
    {
        foreach (var member in members.Keys)
        {
            await member.SendJsonAsync(message);
        }
    }
}
