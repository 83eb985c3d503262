using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>A rule a new password must pass, as Django's password validators.</summary>
public interface IPasswordValidator
{
    /// <summary>What is wrong with <paramref name="password"/> for <paramref name="user"/> (which may not be saved yet); nothing when it passes.</summary>
    IEnumerable<string> Validate(string password, User? user);

    /// <summary>The rule, for a form's help text.</summary>
    string HelpText { get; }
}

/// <summary>Runs the configured validators (<see cref="MicroAuthOptions.PasswordValidators"/>), as Django's <c>validate_password</c>.</summary>
public sealed class PasswordValidation(IOptions<MicroAuthOptions> options)
{
    /// <summary>Every validator's complaints about <paramref name="password"/>; empty when it passes them all.</summary>
    public IReadOnlyList<string> Validate(string password, User? user = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        var errors = new List<string>();
        foreach (var validator in options.Value.PasswordValidators)
        {
            errors.AddRange(validator.Validate(password, user));
        }

        return errors;
    }

    /// <summary>Each validator's help text.</summary>
    public IReadOnlyList<string> HelpTexts => [.. options.Value.PasswordValidators.Select(static v => v.HelpText)];
}

/// <summary>At least <see cref="MinLength"/> characters (8 by default).</summary>
public sealed class MinimumLengthValidator(int minLength = MinimumLengthValidator.DefaultMinLength) : IPasswordValidator
{
    public const int DefaultMinLength = 8;

    public int MinLength { get; } = minLength;

    public IEnumerable<string> Validate(string password, User? user)
    {
        if (password.Length < MinLength)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"This password is too short. It must contain at least {MinLength} character{(MinLength == 1 ? "" : "s")}.");
        }
    }

    public string HelpText => string.Create(CultureInfo.InvariantCulture, $"Your password must contain at least {MinLength} character{(MinLength == 1 ? "" : "s")}.");
}

/// <summary>Not one of a few thousand common passwords (compared in lower case), shipped with Micro.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator
{
    private static readonly Lazy<HashSet<string>> s_passwords = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => s_passwords.Value.Count;

    public IEnumerable<string> Validate(string password, User? user)
    {
        if (s_passwords.Value.Contains(password.Trim().ToLowerInvariant()))
        {
            yield return "This password is too common.";
        }
    }

    public string HelpText => "Your password can’t be a commonly used password.";

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Micro.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("Micro's list of common passwords is missing from Micro.Runtime.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                passwords.Add(line.Trim());
            }
        }

        return passwords;
    }
}

/// <summary>Not only digits.</summary>
public sealed class NumericPasswordValidator : IPasswordValidator
{
    public IEnumerable<string> Validate(string password, User? user)
    {
        if (password.Length > 0 && password.All(char.IsDigit))
        {
            yield return "This password is entirely numeric.";
        }
    }

    public string HelpText => "Your password can’t be entirely numeric.";
}

/// <summary>
/// Not too similar to the user's username, first name, last name or email address, or to a part of one (split at anything but
/// letters and digits), as Django's <c>UserAttributeSimilarityValidator</c>: similar when difflib's quick ratio is at least
/// <see cref="MaxSimilarity"/> (0.7).
/// </summary>
public sealed partial class UserAttributeSimilarityValidator : IPasswordValidator
{
    public const double DefaultMaxSimilarity = 0.7;

    public UserAttributeSimilarityValidator(double maxSimilarity = DefaultMaxSimilarity)
    {
        if (maxSimilarity < 0.1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSimilarity), maxSimilarity, "The maximum similarity must be at least 0.1.");
        }

        MaxSimilarity = maxSimilarity;
    }

    public double MaxSimilarity { get; }

    public IEnumerable<string> Validate(string password, User? user)
    {
        if (user is null)
        {
            yield break;
        }

        var lower = password.ToLowerInvariant();
        foreach (var (value, verboseName) in new[] { (user.Username, "username"), (user.FirstName, "first name"), (user.LastName, "last name"), (user.Email, "email address") })
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var valueLower = value.ToLowerInvariant();
            foreach (var part in NonWord().Split(valueLower).Append(valueLower))
            {
                if (!ExceedsMaximumLengthRatio(lower, part) && QuickRatio(lower, part) >= MaxSimilarity)
                {
                    yield return $"The password is too similar to the {verboseName}.";
                    yield break;
                }
            }
        }
    }

    public string HelpText => "Your password can’t be too similar to your other personal information.";

    /// <summary>
    /// A part far shorter than the password can't be similar enough (its ratio is at most about 2 / length ratio), so it is skipped
    /// without comparing, as Django does.
    /// </summary>
    private bool ExceedsMaximumLengthRatio(string password, string value) =>
        password.Length >= 10 * value.Length && value.Length < MaxSimilarity / 2 * password.Length;

    /// <summary>Python difflib's <c>SequenceMatcher(a, b).quick_ratio()</c>: twice the characters in common over both lengths.</summary>
    internal static double QuickRatio(string a, string b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1.0;
        }

        var available = new Dictionary<char, int>();
        foreach (var ch in b)
        {
            available[ch] = available.GetValueOrDefault(ch) + 1;
        }

        var matches = 0;
        foreach (var ch in a)
        {
            if (available.TryGetValue(ch, out var count) && count > 0)
            {
                available[ch] = count - 1;
                matches++;
            }
        }

        return 2.0 * matches / (a.Length + b.Length);
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();
}
