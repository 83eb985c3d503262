using System.Globalization;

namespace Micro.Caching;

/// <summary>
/// How long a cache entry lives, as Django's <c>timeout</c> argument: <see cref="Default"/> (the cache's default timeout,
/// <c>Micro:Cache:Timeout</c>, 300 seconds unless configured), <see cref="Forever"/> (Django's <c>None</c>), or a duration; a
/// duration of zero or less means "don't cache" (the key is deleted). An <see cref="int"/> converts as seconds, a <see cref="TimeSpan"/> as itself.
/// </summary>
public readonly struct CacheTimeout
{
    private readonly byte _kind;
    private readonly TimeSpan _duration;

    private CacheTimeout(byte kind, TimeSpan duration)
    {
        _kind = kind;
        _duration = duration;
    }

    /// <summary>The cache's default timeout (<c>default(CacheTimeout)</c>).</summary>
    public static CacheTimeout Default => default;

    /// <summary>Never expires (Django's <c>timeout=None</c>).</summary>
    public static CacheTimeout Forever => new(1, TimeSpan.Zero);

    /// <summary>Expires after <paramref name="seconds"/>; zero or less means "don't cache".</summary>
    public static CacheTimeout FromSeconds(double seconds) => new(2, TimeSpan.FromSeconds(seconds));

    /// <summary>Expires after <paramref name="duration"/>; zero or less means "don't cache".</summary>
    public static CacheTimeout After(TimeSpan duration) => new(2, duration);

    public static implicit operator CacheTimeout(TimeSpan duration) => After(duration);

    public static implicit operator CacheTimeout(int seconds) => FromSeconds(seconds);

    public bool IsDefault => _kind == 0;

    public bool IsForever => _kind == 1;

    /// <summary>The duration; null for <see cref="Default"/> and <see cref="Forever"/>.</summary>
    public TimeSpan? Duration => _kind == 2 ? _duration : null;

    /// <summary>The time to live to store with: null forever, otherwise the duration (zero or less: don't store).</summary>
    internal TimeSpan? Resolve(CacheTimeout fallback) => _kind switch
    {
        0 => fallback._kind == 0 ? TimeSpan.FromSeconds(300) : fallback.Resolve(Forever),
        1 => null,
        _ => _duration,
    };

    public override string ToString() => _kind switch
    {
        0 => "default",
        1 => "forever",
        _ => _duration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s",
    };
}
