using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Micro.Auth;

/// <summary>
/// Whether a redirect target from the request (a <c>?next=</c>) stays on this site, as Django's <c>url_has_allowed_host_and_scheme</c>:
/// a path, or an http(s) URL of this host; never <c>//evil.example</c>, <c>https://evil.example</c>, <c>/\evil.example</c>,
/// <c>javascript:</c> or a URL that starts with a control character.
/// </summary>
public static class SafeRedirect
{
    /// <summary>Whether <paramref name="url"/> is safe to redirect to from <paramref name="request"/> (only https for a secure request).</summary>
    public static bool IsAllowed(string? url, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsAllowed(url, request.Host.Value, requireHttps: request.IsHttps);
    }

    /// <summary>Whether <paramref name="url"/> stays on <paramref name="allowedHost"/> (<c>host</c> or <c>host:port</c>).</summary>
    public static bool IsAllowed(string? url, string? allowedHost, bool requireHttps = false)
    {
        url = url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        // Browsers read a backslash as a slash in paths, but it could also be part of credentials: both readings must be safe.
        return IsAllowedCore(url, allowedHost, requireHttps) && IsAllowedCore(url.Replace('\\', '/'), allowedHost, requireHttps);
    }

    /// <summary>The target to redirect to: <paramref name="next"/> when it is safe, else <paramref name="fallback"/>.</summary>
    public static string Choose(string? next, HttpRequest request, string fallback) => IsAllowed(next, request) ? next!.Trim() : fallback;

    /// <summary>A query string value as Django writes <c>?next=</c>: percent-encoded, slashes kept.</summary>
    public static string EncodeQueryValue(string value) => Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal);

    private static bool IsAllowedCore(string url, string? allowedHost, bool requireHttps)
    {
        // Chrome takes any URL with three slashes or more as absolute.
        if (url.StartsWith("///", StringComparison.Ordinal))
        {
            return false;
        }

        // Browsers drop tabs and line breaks anywhere in a URL: check what they would see.
        if (url.AsSpan().IndexOfAny('\t', '\r', '\n') >= 0)
        {
            url = url.Replace("\t", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            if (url.Length == 0 || url.StartsWith("///", StringComparison.Ordinal))
            {
                return false;
            }
        }

        // Some browsers skip control characters at the start and would read what follows as a scheme-relative URL.
        if (char.GetUnicodeCategory(url[0]) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
        {
            return false;
        }

        var (scheme, netloc) = Split(url);
        if (netloc.Length == 0 && scheme.Length > 0)
        {
            // http:///evil.example, javascript:alert(1), mailto:x
            return false;
        }

        if (scheme.Length == 0 && netloc.Length > 0)
        {
            scheme = "http";
        }

        var schemeAllowed = scheme.Length == 0 || scheme == "https" || (!requireHttps && scheme == "http");
        return schemeAllowed && (netloc.Length == 0 || string.Equals(netloc, allowedHost, StringComparison.Ordinal));
    }

    /// <summary>The scheme (lower case) and network location of <paramref name="url"/>, as Python's <c>urlsplit</c> finds them.</summary>
    private static (string Scheme, string Netloc) Split(string url)
    {
        var scheme = "";
        var rest = url;
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && char.IsAsciiLetter(url[0]) && url.AsSpan(0, colon).IndexOfAnyExcept(s_schemeCharacters) < 0)
        {
            scheme = url[..colon].ToLowerInvariant();
            rest = url[(colon + 1)..];
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return (scheme, "");
        }

        var end = rest.AsSpan(2).IndexOfAny("/?#");
        return (scheme, end < 0 ? rest[2..] : rest.Substring(2, end));
    }

    private static readonly System.Buffers.SearchValues<char> s_schemeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
}
