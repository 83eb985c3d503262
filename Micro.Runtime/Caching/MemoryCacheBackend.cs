using System.Buffers.Text;

namespace Micro.Caching;

/// <summary>
/// The cache in this process's memory, as Django's <c>LocMemCache</c>: lost at restart, not shared with other processes. Expiry
/// reads the <see cref="TimeProvider"/> service. At <see cref="MicroCacheOptions.MaxEntries"/> it drops the expired entries, then a
/// third of the rest (Django's culling), so that varied keys (a cached page's query strings) can't grow it without bound.
/// </summary>
internal sealed class MemoryCacheBackend(TimeProvider clock, int maxEntries) : ICacheBackend
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // One lock for every operation: each is a few dictionary steps, and add, increment and cull must see one state.
    private readonly Lock _gate = new();

    public string Name => "memory";

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Live(key)?.Value);
        }
    }

    public ValueTask<byte[]?[]> GetManyAsync(string[] keys, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Array.ConvertAll(keys, key => Live(key)?.Value));
        }
    }

    public ValueTask SetAsync(string key, byte[] value, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Store(key, value, timeToLive);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SetManyAsync(KeyValuePair<string, byte[]>[] entries, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (key, value) in entries)
            {
                Store(key, value, timeToLive);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> AddAsync(string key, byte[] value, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Live(key) is not null)
            {
                return ValueTask.FromResult(false);
            }

            Store(key, value, timeToLive);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var live = Live(key) is not null;
            _entries.Remove(key);
            return ValueTask.FromResult(live);
        }
    }

    public ValueTask<int> DeleteManyAsync(string[] keys, CancellationToken cancellationToken)
    {
        var deleted = 0;
        lock (_gate)
        {
            foreach (var key in keys)
            {
                deleted += Live(key) is not null ? 1 : 0;
                _entries.Remove(key);
            }
        }

        return ValueTask.FromResult(deleted);
    }

    public ValueTask<bool> HasKeyAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Live(key) is not null);
        }
    }

    public ValueTask<bool> TouchAsync(string key, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Live(key) is not { } entry)
            {
                return ValueTask.FromResult(false);
            }

            _entries[key] = entry with { Expires = Expiry(timeToLive) };
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<long?> IncrementAsync(string key, long delta, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Live(key) is not { } entry)
            {
                return ValueTask.FromResult<long?>(null);
            }

            if (!Utf8Parser.TryParse(entry.Value, out long value, out var consumed) || consumed != entry.Value.Length)
            {
                throw new InvalidOperationException("The value is not an integer.");
            }

            long result;
            try
            {
                result = checked(value + delta);
            }
            catch (OverflowException exception)
            {
                throw new InvalidOperationException("The result would overflow a 64-bit integer.", exception);
            }

            _entries[key] = entry with { Value = System.Text.Encoding.UTF8.GetBytes(result.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            return ValueTask.FromResult<long?>(result);
        }
    }

    public ValueTask ClearAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in _entries.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _entries.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PingAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private Entry? Live(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Expires is { } expires && expires <= clock.GetUtcNow())
        {
            _entries.Remove(key);
            return null;
        }

        return entry;
    }

    private void Store(string key, byte[] value, TimeSpan? timeToLive)
    {
        if (!_entries.ContainsKey(key) && _entries.Count >= maxEntries)
        {
            Cull();
        }

        _entries[key] = new Entry(value, Expiry(timeToLive));
    }

    private DateTimeOffset? Expiry(TimeSpan? timeToLive) =>
        timeToLive is { } span ? (span >= DateTimeOffset.MaxValue - clock.GetUtcNow() ? DateTimeOffset.MaxValue : clock.GetUtcNow() + span) : null;

    private void Cull()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, _) in _entries.Where(pair => pair.Value.Expires <= now).ToList())
        {
            _entries.Remove(key);
        }

        if (_entries.Count >= maxEntries)
        {
            foreach (var key in _entries.Keys.Take(Math.Max(1, _entries.Count / 3)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed record Entry(byte[] Value, DateTimeOffset? Expires);
}
