using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>
/// Password reset links' tokens, as Django's <c>PasswordResetTokenGenerator</c>: a token names the moment it was made and a hash of
/// what a reset or a login changes (the password's hash, the last login, the email), protected (signed and encrypted) by data
/// protection. So a token works until <see cref="MicroAuthOptions.PasswordResetTimeout"/> has passed or the password has been set
/// (by this link or otherwise) or the user has logged in since, whichever comes first; nothing is stored.
/// </summary>
public sealed class PasswordResetTokens(IDataProtectionProvider dataProtection, IOptions<MicroAuthOptions> options, TimeProvider time)
{
    private const int HashLength = 32;
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Micro.Auth.PasswordResetTokens.v1");

    /// <summary>A token for <paramref name="user"/>'s reset link.</summary>
    public string Make(User user)
    {
        Span<byte> payload = stackalloc byte[sizeof(long) + HashLength];
        BinaryPrimitives.WriteInt64BigEndian(payload, time.GetUtcNow().ToUnixTimeSeconds());
        State(user, payload[sizeof(long)..]);
        return WebEncoders.Base64UrlEncode(_protector.Protect(payload.ToArray()));
    }

    /// <summary>Whether <paramref name="token"/> is one <see cref="Make"/> gave for <paramref name="user"/> as it is now, and not expired.</summary>
    public bool Check(User user, string? token)
    {
        // A real token is about 150 characters; anything much longer is refused before decoding.
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return false;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return false;
        }

        if (payload.Length != sizeof(long) + HashLength)
        {
            return false;
        }

        var made = BinaryPrimitives.ReadInt64BigEndian(payload);
        var age = time.GetUtcNow().ToUnixTimeSeconds() - made;
        Span<byte> expected = stackalloc byte[HashLength];
        State(user, expected);
        return age >= 0 && age <= options.Value.PasswordResetTimeout.TotalSeconds
            && CryptographicOperations.FixedTimeEquals(expected, payload.AsSpan(sizeof(long)));
    }

    /// <summary>What a reset, a login or a new email changes, hashed.</summary>
    private static void State(User user, Span<byte> hash)
    {
        var state = $"{user.Id}\n{user.Password}\n{user.LastLogin?.Ticks}\n{user.Email}";
        SHA256.HashData(Encoding.UTF8.GetBytes(state), hash);
    }
}
