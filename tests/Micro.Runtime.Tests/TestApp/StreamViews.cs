using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>Server-sent events from handlers that return IAsyncEnumerable.</summary>
public static class StreamViews
{
    /// <summary>Signalled when a <c>sse/forever/</c> stream's iterator ends, by its <c>key</c>.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Ended = new();

    public sealed record Tick(int Number, string Label);

    /// <summary>Three ticks as JSON events named "tick", with ids, starting after the Last-Event-ID a reconnecting client sends.</summary>
    [Route("sse/ticks/")]
    public static async IAsyncEnumerable<SseItem<Tick>> Ticks([FromHeader(Name = "Last-Event-ID")] int? lastEventId = null)
    {
        var first = (lastEventId ?? 0) + 1;
        for (var n = first; n < first + 3; n++)
        {
            await Task.Yield();
            yield return new SseItem<Tick>(new Tick(n, $"tick <{n}>"), "tick")
            {
                EventId = n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReconnectionInterval = n == first ? TimeSpan.FromSeconds(2) : null,
            };
        }
    }

    /// <summary>Text events; one spans two lines.</summary>
    [Route("sse/words/")]
    public static async IAsyncEnumerable<string> Words()
    {
        foreach (var word in new[] { "one", "two\nlines", "three" })
        {
            await Task.Yield();
            yield return word;
        }
    }

    /// <summary>Numbers until the client goes away; the iterator's end is recorded under <paramref name="key"/>.</summary>
    [Route("sse/forever/")]
    public static async IAsyncEnumerable<int> Forever(string key)
    {
        var ended = Ended.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            for (var i = 0; ; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
        finally
        {
            ended.TrySetResult();
        }
    }
}
