using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Micro.Caching;

/// <summary>
/// The one connection to Redis a host makes (<c>ConnectionStrings:Redis</c>), shared by the cache, the sessions'
/// <see cref="IDistributedCache"/> and the key ring. It connects on first use and doesn't stop the app from starting while Redis
/// is down (readiness says so, and operations fail until it is back).
/// </summary>
internal sealed class RedisConnection(IOptions<MicroCacheOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => Connect(options.Value.Redis!));

    /// <summary>The key of the key ring's list in Redis: outside the cache's keys, so that clearing the cache keeps it.</summary>
    public const string KeyRingKey = "micro.keyring";

    public Task<ConnectionMultiplexer> GetAsync() => _connection.Value;

    public async ValueTask<IDatabase> DatabaseAsync() => (await GetAsync()).GetDatabase();

    private static Task<ConnectionMultiplexer> Connect(string configuration)
    {
        var parsed = ConfigurationOptions.Parse(configuration);
        parsed.AbortOnConnectFail = false;
        return ConnectionMultiplexer.ConnectAsync(parsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}

/// <summary>Everything that uses the Redis packages, reached only behind <see cref="RedisFeature.IsSupported"/>.</summary>
internal static class RedisServices
{
    public static ICacheBackend Backend(IServiceProvider services) => new RedisCacheBackend(Connection(services));

    public static IDistributedCache DistributedCache(IServiceProvider services)
    {
        var connection = Connection(services);
        return new RedisCache(Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = async () => await connection.GetAsync(),
        }));
    }

    public static IXmlRepository KeyRepository(IServiceProvider services)
    {
        var connection = Connection(services);
        return new RedisXmlRepository(() => connection.DatabaseAsync().AsTask().GetAwaiter().GetResult(), RedisConnection.KeyRingKey);
    }

    private static RedisConnection Connection(IServiceProvider services) =>
        (RedisConnection?)services.GetService(typeof(RedisConnection)) ?? throw new InvalidOperationException("The Redis connection is not registered.");
}
