namespace Micro.Sessions;

/// <summary>A session as a store holds it.</summary>
/// <param name="Key">The session's key in the store; null for a store that keeps the session in the cookie itself.</param>
/// <param name="Data">The session's values: a JSON object.</param>
/// <param name="ExpiresAt">When the session stops being valid.</param>
public sealed record StoredSession(string? Key, string Data, DateTimeOffset ExpiresAt);

/// <summary>What a store sent back for the cookie after saving a session.</summary>
/// <param name="CookieValue">The value of the session cookie.</param>
/// <param name="Key">The session's key in the store (the cookie value itself for a keyed store); null for the cookie store.</param>
public readonly record struct SavedSession(string CookieValue, string? Key);

/// <summary>
/// Where sessions are kept, as Django's session engines: <see cref="DatabaseSessionStore"/> (the default),
/// <see cref="CookieSessionStore"/> and <see cref="CacheSessionStore"/>, chosen by <c>Micro:Sessions:Store</c>. Register your own as a
/// singleton after <c>AddMicro</c> to replace them.
/// </summary>
public interface ISessionStore
{
    /// <summary>
    /// The session the request's cookie names; null when there is none, it expired, or the value is malformed or tampered with,
    /// so that a bad cookie is an empty session, never an error.
    /// </summary>
    ValueTask<StoredSession?> LoadAsync(string cookieValue, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Saves a session under <paramref name="key"/>, or under a new key when it is null (or no longer in the store).</summary>
    ValueTask<SavedSession> SaveAsync(string? key, string data, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes the session <paramref name="key"/> (nothing when there is none).</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the sessions that expired before <paramref name="now"/> (the <c>clearsessions</c> command); null when the store can't or needn't.</summary>
    ValueTask<int?> ClearExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Session keys: 32 characters of <c>a-z0-9</c>, as Django makes them.</summary>
internal static class SessionKeys
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string Create() => System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, 32);

    /// <summary>Whether a cookie value can be a key at all: anything else is never looked up.</summary>
    public static bool IsWellFormed(string value)
    {
        if (value.Length is < 8 or > 40)
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (ch is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}
