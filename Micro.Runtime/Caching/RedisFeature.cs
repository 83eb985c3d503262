using System.Diagnostics.CodeAnalysis;

namespace Micro.Caching;

/// <summary>
/// Whether this build can talk to Redis: always, unless a native binary was published with
/// <c>&lt;MicroRedis&gt;false&lt;/MicroRedis&gt;</c> so as not to carry the client of a Redis it never uses (the native compiler
/// removes everything behind this switch). Every use of the Redis packages goes through <see cref="RedisServices"/>, behind it.
/// </summary>
internal static class RedisFeature
{
    public const string Switch = "Micro.Redis.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;

    /// <summary>The error of a binary published without Redis that is configured to use it.</summary>
    public static InvalidOperationException NotSupported() => new(
        "ConnectionStrings:Redis is set, but this binary was published without Redis support. " +
        "Remove <MicroRedis>false</MicroRedis> from the app's project file and publish again.");
}
