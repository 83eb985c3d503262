using System.Net.WebSockets;
using System.Text;

namespace Micro.Testing.Tests;

/// <summary>The sample app's live pages: a chat room over WebSockets and a clock over server-sent events.</summary>
public sealed class LivePageTests : SampleAppTest
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_chat_page_opens_its_rooms_socket_and_the_clock_page_its_event_stream()
    {
        (await Client.GetAsync(Urls.Chat("lobby"))).AssertStatus(200).AssertTemplateUsed("live/chat.html")
            .AssertContains("new URL(\"/ws/chat/lobby/\", location.href)").AssertContains("new WebSocket(url)");
        (await Client.GetAsync(Urls.ClockPage())).AssertStatus(200).AssertContains("new EventSource(\"/events/clock/\")");
    }

    [Fact]
    public async Task A_message_in_one_tab_reaches_the_other_and_bad_json_gets_an_answer_not_a_dropped_socket()
    {
        using var first = await ConnectAsync("/ws/chat/lobby/");
        Assert.Equal("""{"from":"server","text":"guest joined"}""", await ReceiveAsync(first));
        using var second = await ConnectAsync("/ws/chat/lobby/");
        Assert.Equal("""{"from":"server","text":"guest joined"}""", await ReceiveAsync(first));
        Assert.Equal("""{"from":"server","text":"guest joined"}""", await ReceiveAsync(second));

        await SendAsync(second, """{"text":"hello from tab two"}""");
        Assert.Equal("""{"from":"guest","text":"hello from tab two"}""", await ReceiveAsync(first));
        Assert.Equal("""{"from":"guest","text":"hello from tab two"}""", await ReceiveAsync(second));

        await SendAsync(first, "not json");
        Assert.Contains("That wasn't a chat message", await ReceiveAsync(first));
        await SendAsync(first, """{"text":"still connected"}""");
        Assert.Contains("still connected", await ReceiveAsync(second));
    }

    private async Task<ClientWebSocket> ConnectAsync(string path)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(Client.BaseAddress) { Scheme = "ws", Path = path }.Uri, CancellationToken.None).WaitAsync(s_patience);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(s_patience);
        Assert.True(result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
