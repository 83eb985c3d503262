using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace Micro.Sessions;

/// <summary>
/// Sessions as entries of the app's <see cref="IDistributedCache"/>, as Django's <c>cache</c> engine: in memory by default (lost at
/// restart, not shared between processes); on Redis when <c>ConnectionStrings:Redis</c> is set, and then every process of the app
/// shares them. Entries expire with their sessions, so <c>clearsessions</c> has nothing to do.
/// </summary>
public sealed class CacheSessionStore(IDistributedCache cache) : ISessionStore
{
    /// <summary>The prefix of the cache keys: <c>micro.session:</c> and the session key.</summary>
    public const string KeyPrefix = "micro.session:";

    public async ValueTask<StoredSession?> LoadAsync(string cookieValue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SessionKeys.IsWellFormed(cookieValue))
        {
            return null;
        }

        var bytes = await cache.GetAsync(KeyPrefix + cookieValue, cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("expires", out var expires) || !expires.TryGetInt64(out var seconds)
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
            return expiresAt > now ? new StoredSession(cookieValue, data.GetRawText(), expiresAt) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask<SavedSession> SaveAsync(string? key, string data, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (key is null || await cache.GetAsync(KeyPrefix + key, cancellationToken) is null)
        {
            key = SessionKeys.Create();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("expires", expiresAt.ToUnixTimeSeconds());
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: true);
            writer.WriteEndObject();
        }

        // The cache's own clock may be behind the app's (a TimeProvider set ahead in tests): never an expiration it calls past.
        var expiration = expiresAt > DateTimeOffset.UtcNow ? expiresAt : DateTimeOffset.UtcNow.AddMinutes(1);
        await cache.SetAsync(KeyPrefix + key, buffer.WrittenSpan.ToArray(), new DistributedCacheEntryOptions { AbsoluteExpiration = expiration }, cancellationToken);
        return new SavedSession(key, key);
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => await cache.RemoveAsync(KeyPrefix + key, cancellationToken);

    public ValueTask<int?> ClearExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => ValueTask.FromResult<int?>(null);
}
