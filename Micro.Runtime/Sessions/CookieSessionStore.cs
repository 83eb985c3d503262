using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Micro.Sessions;

/// <summary>
/// The whole session in its cookie, as Django's <c>signed_cookies</c> engine, protected (encrypted and signed) by ASP.NET Core data
/// protection: nothing is stored on the server, and a cookie changed by the client is an empty session. The key ring must be
/// shared by every process of the app (and kept across restarts) for sessions to last. Browsers drop cookies over about 4 KB.
/// </summary>
public sealed class CookieSessionStore(IDataProtectionProvider dataProtection, ILogger<CookieSessionStore> logger) : ISessionStore
{
    /// <summary>The largest cookie value browsers are sure to keep.</summary>
    public const int MaxCookieLength = 4000;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Micro.Sessions.CookieSessionStore.v1");

    public ValueTask<StoredSession?> LoadAsync(string cookieValue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A cookie is at most a few KB; anything longer was not made here.
        if (cookieValue.Length is 0 or > MaxCookieLength * 2)
        {
            return ValueTask.FromResult<StoredSession?>(null);
        }

        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(cookieValue));
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("expires", out var expires) || !expires.TryGetInt64(out var seconds)
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return ValueTask.FromResult<StoredSession?>(null);
            }

            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
            return ValueTask.FromResult(expiresAt > now ? new StoredSession(null, data.GetRawText(), expiresAt) : null);
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            return ValueTask.FromResult<StoredSession?>(null);
        }
    }

    public ValueTask<SavedSession> SaveAsync(string? key, string data, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("expires", expiresAt.ToUnixTimeSeconds());
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: true);
            writer.WriteEndObject();
        }

        var value = WebEncoders.Base64UrlEncode(_protector.Protect(buffer.WrittenSpan.ToArray()));
        if (value.Length > MaxCookieLength)
        {
            logger.LogWarning(
                "The session cookie is {Length} characters, more than browsers keep ({Max}): the session will be lost. Keep less in the session, or use the database or cache store (Micro:Sessions:Store).",
                value.Length, MaxCookieLength);
        }

        return ValueTask.FromResult(new SavedSession(value, null));
    }

    /// <summary>Nothing to delete: the session lives in the cookie, which the response removes.</summary>
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Expired cookies are refused when read; there is nothing on the server to clear.</summary>
    public ValueTask<int?> ClearExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => ValueTask.FromResult<int?>(null);
}
