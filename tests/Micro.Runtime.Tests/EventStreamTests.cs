using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;

namespace Micro.Runtime.Tests;

/// <summary>Handlers returning IAsyncEnumerable stream server-sent events, read here by .NET's own SSE parser.</summary>
public sealed class EventStreamTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Sse_items_carry_their_event_name_id_and_retry_with_json_data()
    {
        using var response = await app.Client.GetAsync("/sse/ticks/", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.MediaType());
        Assert.Equal("no-cache", response.Header("Cache-Control"));
        Assert.StartsWith("event: tick\ndata: {\"number\":1,\"label\":\"tick \\u003C1\\u003E\"}\nid: 1\nretry: 2000\n\n", body);
        var events = await ReadAsync(body);
        Assert.Equal(["1", "2", "3"], events.Select(static e => e.EventId));
        Assert.All(events, static e => Assert.Equal("tick", e.EventType));
        Assert.Equal(3, JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task A_reconnecting_client_sends_the_last_id_it_saw_and_the_stream_goes_on_from_there()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sse/ticks/") { Headers = { { "Last-Event-ID", "3" } } };
        using var response = await app.Client.SendAsync(request);

        var events = await ReadAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(["4", "5", "6"], events.Select(static e => e.EventId));
    }

    [Fact]
    public async Task Strings_are_sent_as_they_are_and_a_line_break_makes_two_data_lines()
    {
        var body = await app.Client.GetStringAsync("/sse/words/");

        Assert.Equal("data: one\n\ndata: two\ndata: lines\n\ndata: three\n\n", body);
        Assert.Equal(["one", "two\nlines", "three"], (await ReadAsync(body)).Select(static e => e.Data));
    }

    [Fact]
    public async Task Events_arrive_as_they_are_made_and_the_stream_ends_when_the_client_goes_away()
    {
        var key = Guid.NewGuid().ToString("N");
        using (var response = await app.Client.GetAsync("/sse/forever/?key=" + key, HttpCompletionOption.ResponseHeadersRead))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            var received = new List<string>();
            await foreach (var item in SseParser.Create(stream).EnumerateAsync())
            {
                received.Add(item.Data);
                if (received.Count == 3)
                {
                    break;
                }
            }

            Assert.Equal(["0", "1", "2"], received);
        }

        // The response is disposed: the connection closes, and the handler's iterator is stopped (its finally runs).
        var ended = StreamViews.Ended.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<List<SseItem<string>>> ReadAsync(string body)
    {
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body))).EnumerateAsync())
        {
            items.Add(item);
        }

        return items;
    }
}
