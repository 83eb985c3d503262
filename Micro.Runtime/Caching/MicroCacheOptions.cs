using Microsoft.Extensions.Configuration;

namespace Micro.Caching;

/// <summary>
/// The cache's settings, as Django's <c>CACHES["default"]</c>: read from <c>Micro:Cache</c> (<c>KeyPrefix</c>, <c>Version</c>,
/// <c>Timeout</c>, <c>MaxEntries</c>) and <c>ConnectionStrings:Redis</c>, then from code (<c>Configure&lt;MicroCacheOptions&gt;</c>).
/// </summary>
public sealed class MicroCacheOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string Section = "Micro:Cache";

    /// <summary>
    /// The Redis server, as StackExchange.Redis configuration (<c>127.0.0.1:6379</c>, <c>redis.internal:6379,password=...,ssl=true</c>),
    /// from <c>ConnectionStrings:Redis</c>. When set, the cache, sessions kept in the cache and the key ring live in Redis and every
    /// process of the app shares them; when null, the cache is in this process's memory.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Put before every key (<c>KEY_PREFIX</c>): apps sharing one Redis server keep apart with their own prefixes.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Part of every key (<c>VERSION</c>): raising it makes every entry of the old version unreachable.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The timeout of a <see cref="CacheTimeout.Default"/> set (<c>TIMEOUT</c>): 300 seconds; in configuration, seconds or <c>none</c> (forever).</summary>
    public CacheTimeout DefaultTimeout { get; set; } = CacheTimeout.FromSeconds(300);

    /// <summary>How many entries the in-memory cache holds before it drops a third of them (<c>OPTIONS["MAX_ENTRIES"]</c>): 300.</summary>
    public int MaxEntries { get; set; } = 300;

    /// <summary>Reads <c>Micro:Cache</c> and <c>ConnectionStrings:Redis</c>; a value that can't be read is an error that names its key.</summary>
    internal static void Read(IConfiguration configuration, MicroCacheOptions options)
    {
        options.Redis = configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? redis : options.Redis;
        var section = configuration.GetSection(Section);
        options.KeyPrefix = section["KeyPrefix"] ?? options.KeyPrefix;
        if (section["Version"] is { } version)
        {
            options.Version = Sessions.Settings.Integer(section, "Version", version);
        }

        if (section["Timeout"] is { } timeout)
        {
            options.DefaultTimeout = timeout.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
                ? CacheTimeout.Forever
                : CacheTimeout.FromSeconds(Sessions.Settings.Number(section, "Timeout", timeout));
        }

        if (section["MaxEntries"] is { } max)
        {
            options.MaxEntries = Sessions.Settings.Integer(section, "MaxEntries", max) is var entries and > 0
                ? entries
                : throw new InvalidOperationException($"The setting {section.Path}:MaxEntries is '{max}', which is not a whole number above zero.");
        }
    }
}
