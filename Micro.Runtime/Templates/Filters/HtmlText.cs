using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Micro.Templates;

/// <summary>Django's <c>django.utils.html</c> helpers behind <c>striptags</c>, <c>spaceless</c>, <c>linebreaks</c> and <c>urlize</c>.</summary>
internal static partial class HtmlText
{
    /// <summary>Removes tags, comments and declarations until none are left, as Django's <c>strip_tags</c> (entities stay as they are).</summary>
    public static string StripTags(string value)
    {
        while (value.Contains('<') && value.Contains('>'))
        {
            var stripped = StripOnce(value);
            if (Count(stripped, '<') == Count(value, '<'))
            {
                break;
            }

            value = stripped;
        }

        return value;
    }

    private static int Count(string text, char ch)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c == ch)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>One pass of Python's HTMLParser keeping only the data; an unfinished tag at the end is data.</summary>
    private static string StripOnce(string html)
    {
        var output = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt == html.Length - 1)
            {
                output.Append(html, i, html.Length - i);
                break;
            }

            output.Append(html, i, lt - i);
            var end = MarkupEnd(html, lt);
            if (end == -1)
            {
                // Not markup: '<' is text.
                output.Append('<');
                i = lt + 1;
            }
            else if (end == -2)
            {
                // Unfinished markup: the rest is text.
                output.Append(html, lt, html.Length - lt);
                break;
            }
            else
            {
                i = end;
            }
        }

        return output.ToString();
    }

    /// <summary>Index after the markup starting at <paramref name="lt"/>; -1 when it isn't markup, -2 when it never ends.</summary>
    private static int MarkupEnd(string html, int lt)
    {
        var next = html[lt + 1];
        if (char.IsAsciiLetter(next))
        {
            var i = lt + 2;
            while (i < html.Length)
            {
                var ch = html[i];
                if (ch == '>')
                {
                    return i + 1;
                }

                if (ch is '"' or '\'' && i > lt + 2 && html[i - 1] is '=' or ' ')
                {
                    var close = html.IndexOf(ch, i + 1);
                    if (close < 0)
                    {
                        return -2;
                    }

                    i = close + 1;
                    continue;
                }

                i++;
            }

            return -2;
        }

        if (next == '!' && string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return close < 0 ? -2 : close + 3;
        }

        if (next is '/' or '!' or '?')
        {
            if (next == '/' && lt + 2 >= html.Length)
            {
                return -2;
            }

            var close = html.IndexOf('>', lt + 2);
            return close < 0 ? -2 : close + 1;
        }

        return -1;
    }

    /// <summary>Django's <c>strip_spaces_between_tags</c>: <c>&gt;\s+&lt;</c> becomes <c>&gt;&lt;</c>.</summary>
    public static string StripSpacesBetweenTags(string html) => SpaceBetweenTags().Replace(html, "><");

    [GeneratedRegex(@">\s+<")]
    private static partial Regex SpaceBetweenTags();

    /// <summary>Paragraphs (<c>&lt;p&gt;</c>) at blank lines and <c>&lt;br&gt;</c> at single newlines, as Django's <c>linebreaks</c>.</summary>
    public static string Linebreaks(string value, bool autoescape)
    {
        var paragraphs = ParagraphBreak().Split(TextFunctions.NormalizeNewlines(value));
        var output = new StringBuilder(value.Length + 32);
        for (var i = 0; i < paragraphs.Length; i++)
        {
            if (i > 0)
            {
                output.Append("\n\n");
            }

            var paragraph = autoescape ? Html.Escape(paragraphs[i]) : paragraphs[i];
            output.Append("<p>").Append(paragraph.Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        return output.ToString();
    }

    [GeneratedRegex(@"\n{2,}")]
    private static partial Regex ParagraphBreak();

    // ----- urlize -----

    [GeneratedRegex(@"([\s<>""']+)")]
    private static partial Regex WordSplit();

    [GeneratedRegex(@"^https?://\[?\w", RegexOptions.IgnoreCase)]
    private static partial Regex SimpleUrl();

    [GeneratedRegex(@"^www\.|^(?!http)\w[^@]+\.(com|edu|gov|int|mil|net|org)($|/.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SimpleUrl2();

    private const int MaxUrlLength = 2048;

    /// <summary>Turns URLs and email addresses in text into links, as Django's <c>urlize</c> with <c>nofollow</c>.</summary>
    public static string Urlize(string text, bool safeInput, int? trimLimit, bool autoescape)
    {
        var words = WordSplit().Split(text);
        var output = new StringBuilder(text.Length + 64);
        foreach (var word in words)
        {
            output.Append(UrlizeWord(word, safeInput, trimLimit, autoescape));
        }

        return output.ToString();
    }

    private static string UrlizeWord(string word, bool safeInput, int? trimLimit, bool autoescape)
    {
        if (word.Contains('.') || word.Contains('@') || word.Contains(':'))
        {
            var (lead, middle, trail) = TrimPunctuation("", word, "");
            string? url = null;
            var nofollow = " rel=\"nofollow\"";
            if (middle.Length <= MaxUrlLength && SimpleUrl().IsMatch(middle))
            {
                url = SmartUrlQuote(WebUtility.HtmlDecode(middle));
            }
            else if (middle.Length <= MaxUrlLength && SimpleUrl2().IsMatch(middle))
            {
                url = SmartUrlQuote("http://" + WebUtility.HtmlDecode(middle));
            }
            else if (!middle.Contains(':') && IsSimpleEmail(middle))
            {
                var at = middle.LastIndexOf('@');
                var domain = Punycode(middle[(at + 1)..]);
                if (domain is null)
                {
                    return autoescape && !safeInput ? Html.Escape(word) : word;
                }

                url = "mailto:" + middle[..at] + "@" + domain;
                nofollow = "";
            }

            if (url is not null)
            {
                var trimmed = trimLimit is { } limit && middle.Length > limit ? middle[..Math.Max(0, limit - 1)] + "\u2026" : middle;
                if (autoescape && !safeInput)
                {
                    lead = Html.Escape(lead);
                    trail = Html.Escape(trail);
                    trimmed = Html.Escape(trimmed);
                }

                return $"{lead}<a href=\"{Html.Escape(url)}\"{nofollow}>{trimmed}</a>{trail}";
            }
        }

        return !safeInput && autoescape ? Html.Escape(word) : word;
    }

    private static (string Lead, string Middle, string Trail) TrimPunctuation(string lead, string middle, string trail)
    {
        var trimmed = true;
        while (trimmed)
        {
            trimmed = false;
            foreach (var (opening, closing) in new[] { ('(', ')'), ('[', ']') })
            {
                if (middle.StartsWith(opening))
                {
                    middle = middle[1..];
                    lead += opening;
                    trimmed = true;
                }

                if (middle.EndsWith(closing) && Count(middle, closing) == Count(middle, opening) + 1)
                {
                    middle = middle[..^1];
                    trail = closing + trail;
                    trimmed = true;
                }
            }

            var unescaped = WebUtility.HtmlDecode(middle);
            var stripped = unescaped.TrimEnd('.', ',', ':', ';', '!');
            if (unescaped != stripped)
            {
                trail = middle[Math.Min(stripped.Length, middle.Length)..] + trail;
                middle = middle[..Math.Max(0, middle.Length - (unescaped.Length - stripped.Length))];
                trimmed = true;
            }
        }

        return (lead, middle, trail);
    }

    private static bool IsSimpleEmail(string value)
    {
        if (!value.Contains('@') || value.StartsWith('@') || value.EndsWith('@'))
        {
            return false;
        }

        var parts = value.Split('@');
        if (parts.Length != 2 || parts[1].Length > 63)
        {
            return false;
        }

        return parts[1].Contains('.') && !parts[1].StartsWith('.');
    }

    /// <summary>An internationalized host in its ASCII form; null when it isn't a valid name.</summary>
    private static string? Punycode(string host)
    {
        if (host.All(char.IsAscii))
        {
            return host;
        }

        try
        {
            return new IdnMapping().GetAscii(host);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Quotes a URL unless already quoted, as Django's <c>smart_urlquote</c>.</summary>
    private static string SmartUrlQuote(string url)
    {
        const string Safe = "!$&'()*+,;=:/?#[]@~";
        var (scheme, netloc, path, query, fragment) = UrlSplit(url);
        var host = Punycode(netloc);
        if (host is null)
        {
            return UrlEncoding.Quote(UrlEncoding.Unquote(url), Safe);
        }

        if (query.Length > 0)
        {
            var pairs = new List<string>();
            foreach (var part in query.Split('&'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                var equals = part.IndexOf('=');
                var key = equals < 0 ? part : part[..equals];
                var value = equals < 0 ? "" : part[(equals + 1)..];
                key = UrlEncoding.Unquote(UrlEncoding.Unquote(key.Replace('+', ' ')));
                value = UrlEncoding.Unquote(UrlEncoding.Unquote(value.Replace('+', ' ')));
                pairs.Add(UrlEncoding.QuotePlus(key) + "=" + UrlEncoding.QuotePlus(value));
            }

            query = string.Join('&', pairs);
        }

        path = UrlEncoding.Quote(UrlEncoding.Unquote(path), Safe);
        fragment = UrlEncoding.Quote(UrlEncoding.Unquote(fragment), Safe);
        var output = new StringBuilder();
        if (scheme.Length > 0)
        {
            output.Append(scheme).Append(':');
        }

        if (host.Length > 0)
        {
            output.Append("//").Append(host);
            if (path.Length > 0 && path[0] != '/')
            {
                output.Append('/');
            }
        }

        output.Append(path);
        if (query.Length > 0)
        {
            output.Append('?').Append(query);
        }

        if (fragment.Length > 0)
        {
            output.Append('#').Append(fragment);
        }

        return output.ToString();
    }

    /// <summary>Python's <c>urlsplit</c>.</summary>
    private static (string Scheme, string Netloc, string Path, string Query, string Fragment) UrlSplit(string url)
    {
        var scheme = "";
        var colon = url.IndexOf(':');
        if (colon > 0 && char.IsAsciiLetter(url[0]) && url[..colon].All(static ch => char.IsAsciiLetterOrDigit(ch) || ch is '+' or '-' or '.'))
        {
            scheme = url[..colon].ToLowerInvariant();
            url = url[(colon + 1)..];
        }

        var netloc = "";
        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            var end = url.IndexOfAny(['/', '?', '#'], 2);
            if (end < 0)
            {
                end = url.Length;
            }

            netloc = url[2..end];
            url = url[end..];
        }

        var fragment = "";
        var hash = url.IndexOf('#');
        if (hash >= 0)
        {
            fragment = url[(hash + 1)..];
            url = url[..hash];
        }

        var query = "";
        var question = url.IndexOf('?');
        if (question >= 0)
        {
            query = url[(question + 1)..];
            url = url[..question];
        }

        return (scheme, netloc, url, query, fragment);
    }
}

/// <summary>Python's <c>urllib.parse.quote</c>, <c>quote_plus</c> and <c>unquote</c>.</summary>
internal static class UrlEncoding
{
    /// <summary>Percent-encodes UTF-8 bytes except letters, digits, <c>_.-~</c> and <paramref name="safe"/>.</summary>
    public static string Quote(string text, string safe = "/")
    {
        StringBuilder? output = null;
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-' or '~' || (ch < 128 && safe.Contains(ch)))
            {
                output?.Append(ch);
                continue;
            }

            output ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            var length = char.IsHighSurrogate(ch) && i + 1 < text.Length
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                output.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return output?.ToString() ?? text;
    }

    /// <summary>Like <see cref="Quote"/> with nothing safe, and spaces as <c>+</c>.</summary>
    public static string QuotePlus(string text) => Quote(text, " ").Replace(' ', '+');

    /// <summary>Decodes <c>%XX</c> sequences as UTF-8, leaving malformed ones as they are.</summary>
    public static string Unquote(string text)
    {
        if (!text.Contains('%'))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
                continue;
            }

            Flush();
            output.Append(text[i]);
        }

        Flush();
        return output.ToString();

        void Flush()
        {
            if (bytes.Count > 0)
            {
                output.Append(Encoding.UTF8.GetString(bytes.ToArray()));
                bytes.Clear();
            }
        }
    }
}
