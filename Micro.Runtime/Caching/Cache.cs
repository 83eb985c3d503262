using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Micro.Caching;

namespace Micro;

/// <summary>
/// The app's cache, as Django's <c>django.core.cache.cache</c>: take it as a route or command parameter (<c>Cache cache</c>), as
/// <c>Db</c>. In this process's memory by default; on Redis, shared by every process, when <c>ConnectionStrings:Redis</c> is set.
/// </summary>
/// <remarks>
/// Values are JSON: strings, numbers, booleans, byte arrays and their arrays and lists need nothing more; other types use the app's
/// JSON metadata (the generated metadata and the app's own <c>JsonSerializerContext</c>s in its JSON options, as sessions do), or a
/// <see cref="JsonTypeInfo{T}"/> passed in. Integers are stored as their digits, so <see cref="IncrementAsync"/> works on what
/// <see cref="SetAsync{T}(string, T, CacheTimeout, CancellationToken)"/> stored. Keys become <c>{KeyPrefix}:{Version}:{key}</c>, and
/// must follow memcached's rules, as Django warns about: at most 250 characters in all, and no spaces or control characters.
/// </remarks>
public sealed class Cache
{
    /// <summary>The longest full key (prefix and version included), memcached's limit that Django checks.</summary>
    public const int MaxKeyLength = 250;

    private readonly ICacheBackend _backend;
    private readonly MicroCacheOptions _options;
    private readonly JsonSerializerOptions? _json;
    private readonly string _keyStart;

    internal Cache(ICacheBackend backend, MicroCacheOptions options, JsonSerializerOptions? json)
    {
        _backend = backend;
        _options = options;
        _json = json;
        _keyStart = options.KeyPrefix + ":" + options.Version.ToString(CultureInfo.InvariantCulture) + ":";
    }

    /// <summary>Where entries are kept: <c>memory</c> or <c>Redis</c>.</summary>
    public string Backend => _backend.Name;

    /// <summary>The full key <paramref name="key"/> is stored under (Django's <c>make_key</c>).</summary>
    /// <exception cref="ArgumentException">The key breaks memcached's rules (too long, spaces, control characters).</exception>
    public string MakeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var full = _keyStart + key;
        if (full.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The cache key '{Shorten(full)}' is {full.Length} characters long; the longest is {MaxKeyLength}, prefix and version included. Hash long keys.", nameof(key));
        }

        foreach (var c in key)
        {
            if (c <= ' ' || c == '\u007f' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"The cache key '{Shorten(full)}' contains a space or a control character, which memcached refuses and Micro refuses on every backend.", nameof(key));
            }
        }

        return full;
    }

    /// <summary>The value under <paramref name="key"/>; default when it is missing, expired, or no longer of that shape.</summary>
    public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default) => GetAsync(key, TypeInfo<T>(), cancellationToken);

    /// <summary>As <see cref="GetAsync{T}(string, CancellationToken)"/>, with the JSON metadata given.</summary>
    public async Task<T?> GetAsync<T>(string key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var bytes = await _backend.GetAsync(MakeKey(key), cancellationToken);
        return bytes is null ? default : Read(bytes, typeInfo).Value;
    }

    /// <summary>Whether <paramref name="key"/> has a value (Django's <c>has_key</c>).</summary>
    public async Task<bool> HasKeyAsync(string key, CancellationToken cancellationToken = default) =>
        await _backend.HasKeyAsync(MakeKey(key), cancellationToken);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> for <paramref name="timeout"/> (a timeout of zero or less deletes it).</summary>
    public Task SetAsync<T>(string key, T value, CacheTimeout timeout = default, CancellationToken cancellationToken = default) =>
        SetAsync(key, value, TypeInfo<T>(), timeout, cancellationToken);

    /// <summary>As <see cref="SetAsync{T}(string, T, CacheTimeout, CancellationToken)"/>, with the JSON metadata given.</summary>
    public async Task SetAsync<T>(string key, T value, JsonTypeInfo<T> typeInfo, CacheTimeout timeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var full = MakeKey(key);
        if (TimeToLive(timeout) is { } ttl && ttl <= TimeSpan.Zero)
        {
            await _backend.DeleteAsync(full, cancellationToken);
            return;
        }

        await _backend.SetAsync(full, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), TimeToLive(timeout), cancellationToken);
    }

    /// <summary>Keeps <paramref name="value"/> only if <paramref name="key"/> has none (Django's <c>add</c>); true when it was kept.</summary>
    public async Task<bool> AddAsync<T>(string key, T value, CacheTimeout timeout = default, CancellationToken cancellationToken = default)
    {
        var full = MakeKey(key);
        var ttl = TimeToLive(timeout);
        if (ttl <= TimeSpan.Zero)
        {
            return !await _backend.HasKeyAsync(full, cancellationToken);
        }

        return await _backend.AddAsync(full, JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>()), ttl, cancellationToken);
    }

    /// <summary>
    /// The value under <paramref name="key"/>; when there is none, the value <paramref name="create"/> makes, kept for
    /// <paramref name="timeout"/> (Django's <c>get_or_set</c>). As in Django, two requests that miss at once both create it.
    /// </summary>
    public async Task<T> GetOrSetAsync<T>(string key, Func<CancellationToken, ValueTask<T>> create, CacheTimeout timeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        var full = MakeKey(key);
        var typeInfo = TypeInfo<T>();
        if (await _backend.GetAsync(full, cancellationToken) is { } bytes && Read(bytes, typeInfo) is { Found: true } cached)
        {
            return cached.Value!;
        }

        var value = await create(cancellationToken);
        var ttl = TimeToLive(timeout);
        if (!(ttl <= TimeSpan.Zero))
        {
            // Added rather than set: a value another process kept meanwhile wins, and is what this call returns.
            if (!await _backend.AddAsync(full, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), ttl, cancellationToken)
                && await _backend.GetAsync(full, cancellationToken) is { } other && Read(other, typeInfo) is { Found: true } kept)
            {
                return kept.Value!;
            }
        }

        return value;
    }

    /// <summary>As <see cref="GetOrSetAsync{T}(string, Func{CancellationToken, ValueTask{T}}, CacheTimeout, CancellationToken)"/>, with a value made synchronously.</summary>
    public Task<T> GetOrSetAsync<T>(string key, Func<T> create, CacheTimeout timeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        return GetOrSetAsync(key, _ => ValueTask.FromResult(create()), timeout, cancellationToken);
    }

    /// <summary>Deletes <paramref name="key"/>; true when it had a value.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await _backend.DeleteAsync(MakeKey(key), cancellationToken);

    /// <summary>
    /// Adds <paramref name="delta"/> to the integer under <paramref name="key"/> and returns the result (Django's <c>incr</c>): one atomic
    /// step on Redis and in memory, so parallel increments all land. The key keeps its timeout.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The key has no value (Django raises <c>ValueError</c>): <see cref="AddAsync{T}"/> it first.</exception>
    /// <exception cref="InvalidOperationException">The value isn't an integer, or the result would overflow.</exception>
    public async Task<long> IncrementAsync(string key, long delta = 1, CancellationToken cancellationToken = default)
    {
        var full = MakeKey(key);
        try
        {
            return await _backend.IncrementAsync(full, delta, cancellationToken)
                ?? throw new KeyNotFoundException($"The cache has no value under '{key}' to increment; add one first (cache.AddAsync(\"{key}\", 0)).");
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException($"The cache can't increment '{key}': {exception.Message}", exception);
        }
    }

    /// <summary>Subtracts <paramref name="delta"/> (Django's <c>decr</c>); as <see cref="IncrementAsync"/>.</summary>
    /// <exception cref="KeyNotFoundException">The key has no value.</exception>
    public Task<long> DecrementAsync(string key, long delta = 1, CancellationToken cancellationToken = default) =>
        IncrementAsync(key, delta == long.MinValue ? throw new ArgumentOutOfRangeException(nameof(delta)) : -delta, cancellationToken);

    /// <summary>The values of the <paramref name="keys"/> that have one, in one round trip (Django's <c>get_many</c>).</summary>
    public async Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var names = keys.Distinct(StringComparer.Ordinal).ToArray();
        var typeInfo = TypeInfo<T>();
        var values = await _backend.GetManyAsync(Array.ConvertAll(names, MakeKey), cancellationToken);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (values[i] is { } bytes && Read(bytes, typeInfo) is { Found: true } read)
            {
                result[names[i]] = read.Value!;
            }
        }

        return result;
    }

    /// <summary>Keeps every value of <paramref name="values"/> under its key, in one round trip (Django's <c>set_many</c>).</summary>
    public async Task SetManyAsync<T>(IEnumerable<KeyValuePair<string, T>> values, CacheTimeout timeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var typeInfo = TypeInfo<T>();
        var entries = values.Select(pair => KeyValuePair.Create(MakeKey(pair.Key), JsonSerializer.SerializeToUtf8Bytes(pair.Value, typeInfo))).ToArray();
        var ttl = TimeToLive(timeout);
        if (ttl <= TimeSpan.Zero)
        {
            await _backend.DeleteManyAsync(Array.ConvertAll(entries, static entry => entry.Key), cancellationToken);
            return;
        }

        await _backend.SetManyAsync(entries, ttl, cancellationToken);
    }

    /// <summary>Deletes the <paramref name="keys"/> (Django's <c>delete_many</c>); returns how many had a value.</summary>
    public async Task<int> DeleteManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return await _backend.DeleteManyAsync(keys.Distinct(StringComparer.Ordinal).Select(MakeKey).ToArray(), cancellationToken);
    }

    /// <summary>Gives <paramref name="key"/> a new timeout from now (Django's <c>touch</c>); false when it has no value.</summary>
    public async Task<bool> TouchAsync(string key, CacheTimeout timeout = default, CancellationToken cancellationToken = default)
    {
        var full = MakeKey(key);
        var ttl = TimeToLive(timeout);
        return ttl <= TimeSpan.Zero
            ? await _backend.DeleteAsync(full, cancellationToken)
            : await _backend.TouchAsync(full, ttl, cancellationToken);
    }

    /// <summary>
    /// Deletes every entry under this cache's <see cref="MicroCacheOptions.KeyPrefix"/>, all versions (Django's <c>clear</c>). Unlike
    /// Django's Redis backend it doesn't flush the whole Redis database: sessions and the key ring, kept beside the cache, stay.
    /// </summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default) =>
        await _backend.ClearAsync(_options.KeyPrefix + ":", cancellationToken);

    /// <summary>Throws when the backend can't be reached; readiness (<c>/readyz</c>) asks.</summary>
    internal ValueTask PingAsync(CancellationToken cancellationToken) => _backend.PingAsync(cancellationToken);

    internal ICacheBackend Store => _backend;

    private TimeSpan? TimeToLive(CacheTimeout timeout) => timeout.Resolve(_options.DefaultTimeout);

    private static (bool Found, T? Value) Read<T>(byte[] bytes, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return (true, JsonSerializer.Deserialize(bytes, typeInfo));
        }
        catch (JsonException)
        {
            // Kept by an older version of the type (or another app): as if missing, rather than a failed request.
            return (false, default);
        }
    }

    private JsonTypeInfo<T> TypeInfo<T>()
    {
        if (_json is not null && _json.TryGetTypeInfo(typeof(T), out var app) && app is JsonTypeInfo<T> appTyped)
        {
            return appTyped;
        }

        return CacheJson.Default.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> builtIn
            ? builtIn
            : throw new NotSupportedException(
                $"The app has no JSON metadata for {typeof(T)}, so the cache can't keep it: use the type in a route's body or result, " +
                "add a JsonSerializerContext for it to the app's JSON options, or pass its JsonTypeInfo.");
    }

    private static string Shorten(string key) => key.Length > 60 ? key[..60] + "..." : key;
}

/// <summary>The values the cache keeps without the app's metadata, and the cached pages.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(CachedPage))]
internal sealed partial class CacheJson : JsonSerializerContext;
