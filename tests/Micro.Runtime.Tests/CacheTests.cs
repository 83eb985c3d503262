using System.Text.Json.Serialization;
using Micro.Caching;
using Micro.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Micro.Runtime.Tests;

/// <summary>A clock the tests move by hand: the in-memory cache's timeouts without sleeping.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

public sealed record CachedThing(string Name, int Count);

[JsonSerializable(typeof(CachedThing))]
internal sealed partial class CacheTestJson : JsonSerializerContext;

/// <summary>Django's cache API on both backends: in memory (a hand-moved clock) and on a real Redis server (its own TTLs).</summary>
public sealed class CacheTests
{
    public static TheoryData<string> Backends => new() { "memory", "redis" };

    private sealed class Subject
    {
        public required Cache Cache { get; init; }

        public ManualClock Clock { get; init; } = new();

        public IDatabase? Redis { get; init; }

        /// <summary>How long the key has left: the Redis TTL, or for memory whether it survives the clock moved to just before and just after.</summary>
        public async Task AssertExpiresAfterAsync(string key, TimeSpan expected, ManualClock clock)
        {
            if (Redis is { } redis)
            {
                var ttl = await redis.KeyTimeToLiveAsync(Cache.MakeKey(key));
                Assert.NotNull(ttl);
                Assert.InRange(ttl.Value, expected - TimeSpan.FromSeconds(30), expected);
            }
            else
            {
                clock.Advance(expected - TimeSpan.FromSeconds(1));
                Assert.True(await Cache.HasKeyAsync(key));
                clock.Advance(TimeSpan.FromSeconds(2));
                Assert.False(await Cache.HasKeyAsync(key));
            }
        }

        public async Task AssertNeverExpiresAsync(string key, ManualClock clock)
        {
            if (Redis is { } redis)
            {
                Assert.True(await redis.KeyExistsAsync(Cache.MakeKey(key)));
                Assert.Null(await redis.KeyTimeToLiveAsync(Cache.MakeKey(key)));
            }
            else
            {
                clock.Advance(TimeSpan.FromDays(3650));
                Assert.True(await Cache.HasKeyAsync(key));
            }
        }
    }

    private static Subject Create(string backend, string? prefix = null, int version = 1, ManualClock? clock = null, int maxEntries = 300)
    {
        var options = new MicroCacheOptions { KeyPrefix = prefix ?? RedisServer.UniquePrefix(), Version = version };
        if (backend == "memory")
        {
            clock ??= new ManualClock();
            return new Subject { Cache = new Cache(new MemoryCacheBackend(clock, maxEntries), options, null), Clock = clock };
        }

        options.Redis = RedisServer.Address;
        var connection = new RedisConnection(Options.Create(options));
        return new Subject
        {
            Cache = new Cache(new RedisCacheBackend(connection), options, null),
            Redis = connection.DatabaseAsync().AsTask().GetAwaiter().GetResult(),
        };
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Get_set_has_and_delete(string backend)
    {
        var cache = Create(backend).Cache;

        Assert.Null(await cache.GetAsync<string>("greeting"));
        await cache.SetAsync("greeting", "hello");
        await cache.SetAsync("count", 42);
        await cache.SetAsync("thing", new CachedThing("pen", 3), CacheTestJson.Default.CachedThing);
        await cache.SetAsync("bytes", new byte[] { 0, 1, 255 });

        Assert.Equal("hello", await cache.GetAsync<string>("greeting"));
        Assert.Equal(42, await cache.GetAsync<int>("count"));
        Assert.Equal(new CachedThing("pen", 3), await cache.GetAsync("thing", CacheTestJson.Default.CachedThing));
        Assert.Equal(new byte[] { 0, 1, 255 }, await cache.GetAsync<byte[]>("bytes"));
        Assert.True(await cache.HasKeyAsync("greeting"));
        // A value of another shape reads as missing rather than failing.
        Assert.Null(await cache.GetAsync("greeting", CacheTestJson.Default.CachedThing));

        Assert.True(await cache.DeleteAsync("greeting"));
        Assert.False(await cache.DeleteAsync("greeting"));
        Assert.False(await cache.HasKeyAsync("greeting"));
        Assert.Throws<NotSupportedException>(() => { _ = cache.GetAsync<CachedThing>("thing"); });
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Timeouts_default_to_300_seconds_none_is_forever_and_zero_does_not_cache(string backend)
    {
        var zero = Create(backend).Cache;
        await zero.SetAsync("zero", "z");
        await zero.SetAsync("zero", "z", 0);
        await zero.SetAsync("negative", "n", -5);
        Assert.False(await zero.HasKeyAsync("zero"));
        Assert.False(await zero.HasKeyAsync("negative"));

        // Each timeout on a cache of its own: the in-memory check moves that cache's clock.
        var defaulted = Create(backend);
        await defaulted.Cache.SetAsync("k", "v");
        await defaulted.AssertExpiresAfterAsync("k", TimeSpan.FromSeconds(300), defaulted.Clock);

        var explicitly = Create(backend);
        await explicitly.Cache.SetAsync("k", "v", TimeSpan.FromMinutes(10));
        await explicitly.AssertExpiresAfterAsync("k", TimeSpan.FromMinutes(10), explicitly.Clock);

        var forever = Create(backend);
        await forever.Cache.SetAsync("k", "v", CacheTimeout.Forever);
        await forever.AssertNeverExpiresAsync("k", forever.Clock);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Touch_gives_a_key_a_new_timeout(string backend)
    {
        var subject = Create(backend);
        await subject.Cache.SetAsync("k", "v", 5);

        Assert.True(await subject.Cache.TouchAsync("k", TimeSpan.FromHours(1)));
        Assert.False(await subject.Cache.TouchAsync("missing", 10));
        await subject.AssertExpiresAfterAsync("k", TimeSpan.FromHours(1), subject.Clock);

        await subject.Cache.SetAsync("p", "v", 5);
        Assert.True(await subject.Cache.TouchAsync("p", CacheTimeout.Forever));
        await subject.AssertNeverExpiresAsync("p", subject.Clock);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Add_keeps_a_value_only_when_the_key_has_none(string backend)
    {
        var cache = Create(backend).Cache;

        Assert.True(await cache.AddAsync("k", "first"));
        Assert.False(await cache.AddAsync("k", "second"));
        Assert.Equal("first", await cache.GetAsync<string>("k"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Get_or_set_makes_the_value_once(string backend)
    {
        var cache = Create(backend).Cache;
        var made = 0;

        Assert.Equal("made 1", await cache.GetOrSetAsync("k", () => $"made {++made}"));
        Assert.Equal("made 1", await cache.GetOrSetAsync("k", () => $"made {++made}"));
        Assert.Equal(1, made);
        Assert.Equal("not kept", await cache.GetOrSetAsync("zero", () => "not kept", 0));
        Assert.False(await cache.HasKeyAsync("zero"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Increment_and_decrement_refuse_a_missing_key_and_a_value_that_is_not_an_integer(string backend)
    {
        var subject = Create(backend);
        var cache = subject.Cache;
        await cache.SetAsync("n", 10L, TimeSpan.FromHours(2));

        Assert.Equal(11, await cache.IncrementAsync("n"));
        Assert.Equal(16, await cache.IncrementAsync("n", 5));
        Assert.Equal(14, await cache.DecrementAsync("n", 2));
        Assert.Equal(14L, await cache.GetAsync<long>("n"));
        await subject.AssertExpiresAfterAsync("n", TimeSpan.FromHours(2), subject.Clock);

        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => cache.IncrementAsync("missing"));
        Assert.Contains("'missing'", missing.Message);
        Assert.False(await cache.HasKeyAsync("missing"));

        await cache.SetAsync("word", "ten");
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.IncrementAsync("word"));
        await cache.SetAsync("max", long.MaxValue);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.IncrementAsync("max"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Parallel_increments_all_land(string backend)
    {
        var cache = Create(backend).Cache;
        await cache.SetAsync("hits", 0);

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) => await cache.IncrementAsync("hits"));

        Assert.Equal(1000, await cache.GetAsync<long>("hits"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Many_at_once(string backend)
    {
        var cache = Create(backend).Cache;

        await cache.SetManyAsync(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 3 });
        var read = await cache.GetManyAsync<int>(["a", "b", "missing", "a"]);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, read);
        Assert.Equal(2, await cache.DeleteManyAsync(["a", "b", "missing"]));
        Assert.Equal(["c"], (await cache.GetManyAsync<int>(["a", "b", "c"])).Keys);
        Assert.Empty(await cache.GetManyAsync<int>([]));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Prefixes_and_versions_keep_caches_apart_and_clear_empties_only_its_own(string backend)
    {
        var prefix = RedisServer.UniquePrefix();
        var clock = new ManualClock();
        var memory = backend == "memory" ? new MemoryCacheBackend(clock, 300) : null;
        Cache Make(string keyPrefix, int version)
        {
            var options = new MicroCacheOptions { KeyPrefix = keyPrefix, Version = version, Redis = backend == "redis" ? RedisServer.Address : null };
            return new Cache(memory ?? (ICacheBackend)new RedisCacheBackend(new RedisConnection(Options.Create(options))), options, null);
        }

        var one = Make(prefix, 1);
        var two = Make(prefix, 2);
        var other = Make(prefix + "x", 1);
        await one.SetAsync("k", "one");
        await two.SetAsync("k", "two");
        await other.SetAsync("k", "other");

        Assert.Equal(prefix + ":1:k", one.MakeKey("k"));
        Assert.Equal("one", await one.GetAsync<string>("k"));
        Assert.Equal("two", await two.GetAsync<string>("k"));

        await one.ClearAsync();

        Assert.False(await one.HasKeyAsync("k"));
        Assert.False(await two.HasKeyAsync("k"));
        Assert.Equal("other", await other.GetAsync<string>("k"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Keys_that_break_memcached_rules_are_refused_and_any_other_key_works(string backend)
    {
        var cache = Create(backend).Cache;

        foreach (var bad in new[] { new string('k', 240), "with space", "tab\tkey", "new\nline", "nul\0", "del\u007f", "nbsp\u00a0" })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => cache.SetAsync(bad, "v"));
            Assert.Contains("cache key", error.Message);
            await Assert.ThrowsAsync<ArgumentException>(() => cache.GetAsync<string>(bad));
        }

        foreach (var odd in new[] { "colon:key", "glob*?[key]", "ünïcode-ключ", "back\\slash", "'quote\"" })
        {
            await cache.SetAsync(odd, odd);
            Assert.Equal(odd, await cache.GetAsync<string>(odd));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_large_value_comes_back_whole(string backend)
    {
        var cache = Create(backend).Cache;
        var value = string.Create(8 * 1024 * 1024, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        await cache.SetAsync("big", value);

        Assert.Equal(value, await cache.GetAsync<string>("big"));
    }

    [Fact]
    public async Task The_in_memory_cache_drops_entries_at_its_limit()
    {
        var cache = Create("memory", maxEntries: 30).Cache;

        for (var i = 0; i < 1000; i++)
        {
            await cache.SetAsync("k" + i, i);
        }

        var kept = await cache.GetManyAsync<int>(Enumerable.Range(0, 1000).Select(static i => "k" + i));
        Assert.InRange(kept.Count, 1, 30);
        Assert.Equal(999, kept["k999"]);
    }
}
