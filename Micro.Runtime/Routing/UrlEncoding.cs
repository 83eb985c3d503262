using System.Text;

namespace Micro.Routing;

internal static class UrlEncoding
{
    /// <summary>
    /// Keeps a path that starts with <c>//</c> from reading as a URL of another host (<c>//evil.example/</c>) in a
    /// <c>Location</c> header or a link: the second slash becomes <c>%2F</c>, as Django's <c>escape_leading_slashes</c>.
    /// </summary>
    public static string EscapeLeadingSlashes(string path) =>
        path.StartsWith("//", StringComparison.Ordinal) ? "/%2F" + path[2..] : path;

    /// <summary>Percent-encodes what may not stand in a URL path, keeping Django's safe set (RFC 3986 sub-delimiters, '/', '~', ':', '@').</summary>
    public static string EscapePath(string path)
    {
        StringBuilder? escaped = null;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < path.Length; i++)
        {
            var ch = path[i];
            if (char.IsAsciiLetterOrDigit(ch) || "-._~!$&'()*+,;=/:@".Contains(ch))
            {
                escaped?.Append(ch);
                continue;
            }

            escaped ??= new StringBuilder(path.Length + 16).Append(path, 0, i);
            var length = char.IsHighSurrogate(ch) && i + 1 < path.Length
                ? Encoding.UTF8.GetBytes(path.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(path.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped?.ToString() ?? path;
    }
}
