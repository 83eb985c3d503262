using System.Diagnostics.CodeAnalysis;

namespace Micro.Caching;

/// <summary>
/// Whether this build can talk to Redis: always under the JIT; in a native binary only when published with
/// <c>&lt;MicroRedis&gt;true&lt;/MicroRedis&gt;</c>, so that apps that never use Redis don't carry its client (the native compiler
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
        "Add <MicroRedis>true</MicroRedis> to the app's project file and publish again.");
}
