using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Micro.Caching;

/// <summary>
/// The cache's services, registered by <c>AddMicro</c>: <see cref="Cache"/>, and the <see cref="IDistributedCache"/> sessions use.
/// Both are in memory unless <c>ConnectionStrings:Redis</c> is set, when both (and the key ring, see <c>Security/KeyRing</c>) are on Redis.
/// Chosen when first resolved, from configuration: Program.cs doesn't change.
/// </summary>
internal static class CacheServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<MicroCacheOptions>().Configure<IConfiguration>(static (options, configuration) => MicroCacheOptions.Read(configuration, options));
        services.TryAddSingleton(TimeProvider.System);
        if (RedisFeature.IsSupported)
        {
            // Behind the switch, as every use of Redis: a native binary without MicroRedis drops the client.
            services.TryAddSingleton<RedisConnection>();
        }

        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<MicroCacheOptions>>().Value;
            var json = provider.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions;
            return new Cache(UsesRedis(options) && RedisFeature.IsSupported ? RedisServices.Backend(provider) : new MemoryCacheBackend(provider.GetRequiredService<TimeProvider>(), options.MaxEntries), options, json);
        });

        // Before AddDistributedMemoryCache (sessions), which only adds one when none is registered; an app's own registration wins.
        services.TryAddSingleton<IDistributedCache>(static provider =>
            UsesRedis(provider.GetRequiredService<IOptions<MicroCacheOptions>>().Value) && RedisFeature.IsSupported
                ? RedisServices.DistributedCache(provider)
                : new MemoryDistributedCache(provider.GetRequiredService<IOptions<MemoryDistributedCacheOptions>>()));
    }

    /// <summary>Whether <c>ConnectionStrings:Redis</c> is set; an error in a binary published without Redis.</summary>
    public static bool UsesRedis(MicroCacheOptions options) =>
        options.Redis is not null && (RedisFeature.IsSupported ? true : throw RedisFeature.NotSupported());
}
