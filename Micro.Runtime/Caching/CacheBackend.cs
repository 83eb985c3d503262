namespace Micro.Caching;

/// <summary>
/// Where <see cref="Cache"/> keeps its entries: bytes under full keys (prefix and version already in them), each with a time to
/// live (null: forever; always above zero here, <see cref="Cache"/> deletes instead). One in memory, one on Redis.
/// </summary>
internal interface ICacheBackend
{
    /// <summary>The backend's name, for messages (<c>memory</c>, <c>Redis</c>).</summary>
    string Name { get; }

    ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    ValueTask<byte[]?[]> GetManyAsync(string[] keys, CancellationToken cancellationToken);

    ValueTask SetAsync(string key, byte[] value, TimeSpan? timeToLive, CancellationToken cancellationToken);

    ValueTask SetManyAsync(KeyValuePair<string, byte[]>[] entries, TimeSpan? timeToLive, CancellationToken cancellationToken);

    /// <summary>Sets only when the key is missing; true when it set.</summary>
    ValueTask<bool> AddAsync(string key, byte[] value, TimeSpan? timeToLive, CancellationToken cancellationToken);

    ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    ValueTask<int> DeleteManyAsync(string[] keys, CancellationToken cancellationToken);

    ValueTask<bool> HasKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>A new time to live for an existing key; false when it is missing.</summary>
    ValueTask<bool> TouchAsync(string key, TimeSpan? timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="delta"/> to the integer under <paramref name="key"/> in one step, keeping its time to live; null when the key is
    /// missing. <see cref="InvalidOperationException"/> when the value isn't an integer or the result would overflow.
    /// </summary>
    ValueTask<long?> IncrementAsync(string key, long delta, CancellationToken cancellationToken);

    /// <summary>Deletes every key that starts with <paramref name="prefix"/>.</summary>
    ValueTask ClearAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Throws when the backend can't be reached (readiness).</summary>
    ValueTask PingAsync(CancellationToken cancellationToken);
}
