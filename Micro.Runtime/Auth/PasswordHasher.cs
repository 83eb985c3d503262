using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>
/// Passwords hashed as Django hashes them, PBKDF2 with SHA-256 in Django's format (<c>pbkdf2_sha256$1500000$salt$hash</c>), so
/// that a hash made by Django verifies here and one made here verifies in Django. Older <c>pbkdf2_sha1</c> hashes verify too, and
/// any hash other than the current algorithm and iteration count is upgraded at the user's next login.
/// </summary>
public sealed class PasswordHasher(IOptions<MicroAuthOptions> options)
{
    /// <summary>The algorithm of new hashes.</summary>
    public const string Algorithm = "pbkdf2_sha256";

    /// <summary>Django's mark of a password that can never match.</summary>
    public const char UnusablePrefix = '!';

    private const string Sha1Algorithm = "pbkdf2_sha1";
    private const string SaltCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Django's salt: 22 characters of that alphabet, at least 128 bits.
    private const int SaltLength = 22;

    /// <summary>The iteration count of new hashes.</summary>
    public int Iterations => options.Value.PasswordIterations;

    /// <summary>A new hash of <paramref name="password"/> with a random salt.</summary>
    public string Hash(string password) => Encode(password, RandomNumberGenerator.GetString(SaltCharacters, SaltLength), Iterations);

    /// <summary>The hash of <paramref name="password"/> with the given salt and iteration count (Django's <c>encode</c>).</summary>
    public static string Encode(string password, string salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentException.ThrowIfNullOrEmpty(salt);
        if (salt.Contains('$', StringComparison.Ordinal))
        {
            throw new ArgumentException("A salt can't contain '$'.", nameof(salt));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var hash = Derive(password, salt, iterations, HashAlgorithmName.SHA256);
        return string.Create(CultureInfo.InvariantCulture, $"{Algorithm}${iterations}${salt}${Convert.ToBase64String(hash)}");
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="encoded"/>, compared in constant time. A wrong password checked
    /// against an older, cheaper hash costs the difference too, so that timing doesn't tell which users have old hashes.
    /// </summary>
    public bool Verify(string password, string? encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryDecode(encoded, out var algorithm, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Derive(password, salt, iterations, algorithm);
        var matches = actual.Length == expected.Length && CryptographicOperations.FixedTimeEquals(actual, expected);
        if (!matches && algorithm == HashAlgorithmName.SHA256 && iterations < Iterations)
        {
            _ = Derive(password, salt, Iterations - iterations, algorithm);
        }

        return matches;
    }

    /// <summary>Whether <paramref name="encoded"/> should be replaced by a new hash: another algorithm or iteration count.</summary>
    public bool NeedsRehash(string encoded) =>
        !TryDecode(encoded, out var algorithm, out var iterations, out _, out _) || algorithm != HashAlgorithmName.SHA256 || iterations != Iterations;

    /// <summary>A password that never matches (Django's <c>set_unusable_password()</c>): <c>!</c> and 40 random characters.</summary>
    public static string Unusable() => UnusablePrefix + RandomNumberGenerator.GetString(SaltCharacters, 40);

    /// <summary>Whether <paramref name="encoded"/> is a hash a password can match, rather than an unusable one.</summary>
    public static bool IsUsable(string? encoded) => encoded is { Length: > 0 } && encoded[0] != UnusablePrefix;

    private static byte[] Derive(string password, string salt, int iterations, HashAlgorithmName algorithm) =>
        Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(password),
            Encoding.UTF8.GetBytes(salt),
            iterations,
            algorithm,
            algorithm == HashAlgorithmName.SHA1 ? 20 : 32);

    private static bool TryDecode(string? encoded, out HashAlgorithmName algorithm, out int iterations, out string salt, out byte[] hash)
    {
        algorithm = default;
        iterations = 0;
        salt = "";
        hash = [];
        if (!IsUsable(encoded))
        {
            return false;
        }

        var parts = encoded!.Split('$');
        if (parts.Length != 4 || parts[2].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        algorithm = parts[0] switch
        {
            Algorithm => HashAlgorithmName.SHA256,
            Sha1Algorithm => HashAlgorithmName.SHA1,
            _ => default,
        };
        if (algorithm == default)
        {
            return false;
        }

        salt = parts[2];
        try
        {
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return hash.Length > 0;
    }
}
