using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Micro.Forms;

/// <summary>Django's validation messages, word for word.</summary>
internal static class Messages
{
    public const string Required = "This field is required.";
    public const string InvalidInteger = "Enter a whole number.";
    public const string InvalidNumber = "Enter a number.";
    public const string InvalidDate = "Enter a valid date.";
    public const string InvalidDateTime = "Enter a valid date/time.";
    public const string InvalidTime = "Enter a valid time.";
    public const string InvalidUuid = "Enter a valid UUID.";
    public const string InvalidDuration = "Enter a valid duration.";
    public const string InvalidValue = "Enter a valid value.";
    public const string InvalidEmail = "Enter a valid email address.";
    public const string InvalidUrl = "Enter a valid URL.";
    public const string InvalidModelChoice = "Select a valid choice. That choice is not one of the available choices.";

    public const string NoFile = "No file was submitted. Check the encoding type on the form.";
    public const string EmptyFile = "The submitted file is empty.";

    public const string UnnamedFile = "The submitted file's name has no letter or digit; rename it and submit it again.";
    public const string InvalidImage = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";
    public const string FileContradiction = "Please either submit a file or check the clear checkbox, not both.";

    public static string FileNameLength(int maximum, int length) =>
        $"Ensure this filename has at most {maximum} character{(maximum == 1 ? "" : "s")} (it has {length}).";

    public static string FileExtension(string extension, string allowed) =>
        $"File extension “{extension}” is not allowed. Allowed extensions are: {allowed}.";

    public static string InvalidChoice(string value) => $"Select a valid choice. {value} is not one of the available choices.";

    public static string MaxLength(int maximum, int length) =>
        $"Ensure this value has at most {maximum} character{(maximum == 1 ? "" : "s")} (it has {length}).";

    public static string MinLength(int minimum, int length) =>
        $"Ensure this value has at least {minimum} character{(minimum == 1 ? "" : "s")} (it has {length}).";

    public static string MaxValue(string maximum) => $"Ensure this value is less than or equal to {maximum}.";

    public static string MinValue(string minimum) => $"Ensure this value is greater than or equal to {minimum}.";

    /// <summary>.NET's <c>CompareAttribute</c> message: Django has no such check.</summary>
    public static string Compare(string label, string otherLabel) => $"'{label}' and '{otherLabel}' do not match.";

    /// <summary>Django's unique check: "Post with this Slug already exists."</summary>
    public static string Unique(string model, string fields) => $"{model} with this {fields} already exists.";

    /// <summary>
    /// An annotation's own <c>ErrorMessage</c>, formatted as its attribute would (<c>{0}</c> is the field's label, then
    /// the attribute's values); a message that isn't a valid format string is shown as written.
    /// </summary>
    public static string Format(string message, params object?[] arguments)
    {
        try
        {
            return string.Format(CultureInfo.CurrentCulture, message, arguments);
        }
        catch (FormatException)
        {
            return message;
        }
    }
}

/// <summary>Django's email and URL validators' rules.</summary>
internal static partial class FormValidation
{
    /// <summary>
    /// Django's <c>EmailValidator</c>: at most 320 characters; a user part that is a dot-atom or a quoted string; a
    /// domain of letters, digits and hyphens with a top-level label of at least two characters (internationalized
    /// domains are checked in their ASCII form), <c>localhost</c>, or an IP address in brackets.
    /// </summary>
    public static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.Length > 320)
        {
            return false;
        }

        var user = value[..at];
        var domain = value[(at + 1)..];
        return (DotAtom().IsMatch(user) || QuotedString().IsMatch(user)) && IsEmailDomain(domain);
    }

    private static bool IsEmailDomain(string domain)
    {
        if (domain == "localhost" || IsDomain(domain))
        {
            return true;
        }

        if (domain.Length > 2 && domain[0] == '[' && domain[^1] == ']')
        {
            var literal = domain[1..^1];
            if (literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
            {
                return IPAddress.TryParse(literal[5..], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            }

            return IsIPv4(literal);
        }

        return TryAscii(domain) is { } ascii && IsDomain(ascii);
    }

    /// <summary>
    /// Django's <c>URLValidator</c> for the schemes it allows by default: http, https, ftp and ftps, a host that is a
    /// domain with a top-level label, <c>localhost</c> or an IP address, an optional port, and no whitespace.
    /// </summary>
    public static bool IsUrl(string value)
    {
        if (value.Length > 2048 || value.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https" or "ftp" or "ftps"))
        {
            return false;
        }

        // The host as written (Uri lower-cases it and turns an internationalized one into punycode in IdnHost).
        var host = uri.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => null,
            _ => uri.IdnHost,
        };
        if (host is null)
        {
            return uri.HostNameType != UriHostNameType.IPv4 || IsIPv4(uri.Host);
        }

        host = host.TrimEnd('.');
        if (host == "localhost")
        {
            return true;
        }

        // A URL's top-level label is letters, or the punycode of an internationalized one.
        var topLevel = host[(host.LastIndexOf('.') + 1)..];
        return IsDomain(host) && (topLevel.All(char.IsAsciiLetter) || topLevel.StartsWith("xn--", StringComparison.Ordinal));
    }

    private static bool IsDomain(string domain) => domain.Length <= 253 && Domain().IsMatch(domain);

    private static bool IsIPv4(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(static part =>
            part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0') && int.Parse(part, CultureInfo.InvariantCulture) <= 255);
    }

    private static string? TryAscii(string domain)
    {
        try
        {
            return new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>RFC 5322's dot-atom: atext characters in dot-separated runs.</summary>
    [GeneratedRegex(@"^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*\z")]
    private static partial Regex DotAtom();

    /// <summary>A quoted local part: printable ASCII other than a quote or backslash, or a backslash and the character it escapes.</summary>
    [GeneratedRegex(@"^""([\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*""\z")]
    private static partial Regex QuotedString();

    /// <summary>Labels of letters, digits and inner hyphens (at most 63 characters each), then a top-level label of 2 to 63 characters not ending in a hyphen.</summary>
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}(?<!-)\z")]
    private static partial Regex Domain();
}

/// <summary>
/// What each DataAnnotation checks, and Django's message when it fails (or the annotation's own <c>ErrorMessage</c>,
/// formatted as its attribute would, <c>{0}</c> being the label): shared by forms and JSON bodies, so
/// that a value is judged and worded the same wherever it comes from. Each returns the message, or null when the value passes.
/// </summary>
internal static class AnnotationChecks
{
    public static string? MaxLength(string value, int maximum, string? message, string label) =>
        Length(value) is var length && length > maximum
            ? message is null ? Messages.MaxLength(maximum, length) : Messages.Format(message, label, maximum)
            : null;

    public static string? MinLength(string value, int minimum, string? message, string label) =>
        Length(value) is var length && length < minimum
            ? message is null ? Messages.MinLength(minimum, length) : Messages.Format(message, label, minimum)
            : null;

    /// <summary><c>[StringLength(max, MinimumLength = min)]</c>: with its own message, which names both; else Django's for the bound passed.</summary>
    public static string? StringLength(string value, int maximum, int minimum, string? message, string label)
    {
        if (message is null)
        {
            return MinLength(value, minimum, null, label) ?? MaxLength(value, maximum, null, label);
        }

        var length = Length(value);
        return length > maximum || length < minimum ? Messages.Format(message, label, maximum, minimum) : null;
    }

    public static string? Email(string value, string? message, string label) =>
        FormValidation.IsEmail(value) ? null : message is null ? Messages.InvalidEmail : Messages.Format(message, label);

    public static string? Url(string value, string? message, string label) =>
        FormValidation.IsUrl(value) ? null : message is null ? Messages.InvalidUrl : Messages.Format(message, label);

    /// <summary>The whole text must match, as .NET's attribute checks it; a match that takes too long is a failed match.</summary>
    public static string? Pattern(string value, Regex regex, string? message, string label)
    {
        bool matches;
        try
        {
            var match = regex.Match(value);
            matches = match.Success && match.Index == 0 && match.Length == value.Length;
        }
        catch (RegexMatchTimeoutException)
        {
            matches = false;
        }

        return matches ? null : message is null ? Messages.InvalidValue : Messages.Format(message, label, regex.ToString());
    }

    public static string? Range<T>(T value, T minimum, T maximum, string? message, string label)
        where T : struct, IComparable<T>
    {
        if (value.CompareTo(minimum) < 0)
        {
            return message is null ? Messages.MinValue(FormValues.Format(minimum)!) : Messages.Format(message, label, minimum, maximum);
        }

        return value.CompareTo(maximum) > 0
            ? message is null ? Messages.MaxValue(FormValues.Format(maximum)!) : Messages.Format(message, label, minimum, maximum)
            : null;
    }

    public static string? Compare(object? value, object? otherValue, string? message, string label, string otherLabel) =>
        Equals(value, otherValue) ? null : message is null ? Messages.Compare(label, otherLabel) : Messages.Format(message, label, otherLabel);

    /// <summary>Any other <see cref="System.ComponentModel.DataAnnotations.ValidationAttribute"/>: its own check and message; an empty value passes, as in Django.</summary>
    public static string? Attribute(object? value, System.ComponentModel.DataAnnotations.ValidationAttribute attribute, string label) =>
        value is null or "" || attribute.IsValid(value) ? null : attribute.FormatErrorMessage(label);

    /// <summary>Length in characters as Python counts them (code points), as Django's length checks do.</summary>
    private static int Length(string value)
    {
        var length = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            length++;
        }

        return length;
    }
}
