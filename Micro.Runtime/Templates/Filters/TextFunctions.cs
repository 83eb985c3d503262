using System.Globalization;
using System.Text;

namespace Micro.Templates;

/// <summary>Python string methods and Django's <c>django.utils.text</c> helpers that filters are defined in.</summary>
internal static class TextFunctions
{
    /// <summary>Python's <c>str.split()</c>: words separated by runs of whitespace.</summary>
    public static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isSpace = i == text.Length || char.IsWhiteSpace(text[i]);
            if (isSpace && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
            else if (!isSpace && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary>Python's <c>str.title()</c>: a letter after a cased letter is lowered, any other letter is raised.</summary>
    public static string Title(string text)
    {
        var output = new StringBuilder(text.Length);
        var previousCased = false;
        foreach (var ch in text)
        {
            output.Append(previousCased ? char.ToLowerInvariant(ch) : char.ToUpperInvariant(ch));
            previousCased = char.IsUpper(ch) || char.IsLower(ch);
        }

        return output.ToString();
    }

    /// <summary>Python's <c>str.center(width)</c>, which puts the odd space on the right unless the width is odd.</summary>
    public static string Center(string text, int width)
    {
        if (width <= text.Length)
        {
            return text;
        }

        var margin = width - text.Length;
        var left = margin / 2 + (margin & width & 1);
        return new string(' ', left) + text + new string(' ', margin - left);
    }

    /// <summary>Django's <c>slugify</c>: ASCII only, lowercase, words joined by hyphens.</summary>
    public static string Slugify(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormKD))
        {
            if (ch < 128)
            {
                ascii.Append(char.ToLowerInvariant(ch));
            }
        }

        var output = new StringBuilder(ascii.Length);
        var pendingHyphen = false;
        foreach (var ch in ascii.ToString())
        {
            if (ch == '-' || char.IsWhiteSpace(ch))
            {
                pendingHyphen = true;
            }
            else if (char.IsAsciiLetterOrDigit(ch) || ch == '_')
            {
                if (pendingHyphen)
                {
                    output.Append('-');
                    pendingHyphen = false;
                }

                output.Append(ch);
            }
        }

        if (pendingHyphen)
        {
            output.Append('-');
        }

        return output.ToString().Trim('-', '_');
    }

    public static string PhoneToNumeric(string text)
    {
        const string Keypad = "22233344455566677778889999";
        var output = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            output.Append(ch is >= 'a' and <= 'z' ? Keypad[ch - 'a'] : ch);
        }

        return output.ToString();
    }

    /// <summary>Django's <c>escapejs</c>: characters that are special in JavaScript strings or HTML become <c>\uXXXX</c>.</summary>
    public static string EscapeJs(string text)
    {
        var output = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            if (ch < 32 || ch is '\\' or '\'' or '"' or '>' or '<' or '&' or '=' or '-' or ';' or '`' or '\u2028' or '\u2029')
            {
                output.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                output.Append(ch);
            }
        }

        return output.ToString();
    }

    public static string AddSlashes(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    /// <summary>Django's <c>normalize_newlines</c>.</summary>
    public static string NormalizeNewlines(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    /// <summary>Replaces spaces with no-break spaces, as Django's <c>avoid_wrapping</c>.</summary>
    public static string AvoidWrapping(string text) => text.Replace(' ', '\u00a0');

    // ----- Truncation (Django's Truncator) -----

    private const string Ellipsis = "\u2026";

    /// <summary>Truncates to <paramref name="length"/> characters including the ellipsis; combining marks don't count.</summary>
    public static string TruncateChars(string text, int length)
    {
        text = text.Normalize(NormalizationForm.FormC);
        var truncateLength = length - 1;
        var count = 0;
        var endIndex = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsCombining(text[i]))
            {
                continue;
            }

            count++;
            if (endIndex < 0 && count > truncateLength)
            {
                endIndex = i;
            }

            if (count > length)
            {
                return AddTruncation(text[..Math.Max(endIndex, 0)], Ellipsis);
            }
        }

        return text;
    }

    /// <summary>The first <paramref name="length"/> words joined by single spaces, with <c> …</c> when words were dropped.</summary>
    public static string TruncateWords(string text, int length)
    {
        // A list shows a text's first words for every row it lists: where the words kept are apart by single spaces (most
        // texts), the result is the text's beginning, cut once, without splitting the whole text into words.
        var limit = Math.Max(length, 0);
        var end = 0;
        var count = 0;
        for (var i = 0; ;)
        {
            var start = i;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            if (start == text.Length)
            {
                return end == text.Length ? text : text[..end];
            }

            if (count == limit)
            {
                var kept = text.AsSpan(0, end);
                return kept.EndsWith(" " + Ellipsis, StringComparison.Ordinal) ? kept.ToString() : string.Concat(kept, " " + Ellipsis);
            }

            if (start != (count == 0 ? 0 : end + 1) || (count > 0 && text[end] != ' '))
            {
                return TruncateSplitWords(text, limit);
            }

            end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            count++;
            i = end;
        }
    }

    private static string TruncateSplitWords(string text, int length)
    {
        var words = SplitWords(text);
        if (words.Count > Math.Max(length, 0))
        {
            return AddTruncation(string.Join(' ', words.Take(Math.Max(length, 0))), " " + Ellipsis);
        }

        return string.Join(' ', words);
    }

    private static string AddTruncation(string text, string truncation) => text.EndsWith(truncation, StringComparison.Ordinal) ? text : text + truncation;

    private static bool IsCombining(char ch) => CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>
    /// Truncates HTML to <paramref name="length"/> characters or words of text, not counting tags, and
    /// closes the tags left open, as Django's <c>Truncator._truncate_html</c>.
    /// </summary>
    public static string TruncateHtml(string text, int length, bool words)
    {
        if (words && length <= 0)
        {
            return "";
        }

        var truncation = words ? " " + Ellipsis : Ellipsis;
        var truncateLength = words ? length : length - 1;
        var position = 0;
        var endTextPosition = 0;
        var currentLength = 0;
        var openTags = new List<string>();
        while (currentLength <= length)
        {
            if (!NextHtmlUnit(text, ref position, words, out var isText, out var tagStart))
            {
                break;
            }

            if (isText)
            {
                currentLength++;
                if (currentLength == truncateLength)
                {
                    endTextPosition = position;
                }

                continue;
            }

            if (currentLength >= truncateLength || !TryParseTag(text.AsSpan(tagStart, position - tagStart), out var closing, out var name, out var selfClosing))
            {
                continue;
            }

            name = name.ToLowerInvariant();
            if (selfClosing || name is "br" or "col" or "link" or "base" or "img" or "param" or "area" or "hr" or "input")
            {
                continue;
            }

            if (closing)
            {
                if (openTags.Count > 0 && openTags[0] == name)
                {
                    openTags.RemoveAt(0);
                }
            }
            else
            {
                openTags.Insert(0, name);
            }
        }

        if (currentLength <= length)
        {
            return text;
        }

        var output = new StringBuilder(text, 0, endTextPosition, endTextPosition + 32);
        output.Append(truncation);
        foreach (var tag in openTags)
        {
            output.Append("</").Append(tag).Append('>');
        }

        return output.ToString();
    }

    /// <summary>Finds the next tag (<c>&lt;...&gt;</c>) or text unit (a character, or a word of non-space non-bracket characters).</summary>
    private static bool NextHtmlUnit(string text, ref int position, bool words, out bool isText, out int tagStart)
    {
        isText = false;
        tagStart = -1;
        while (position < text.Length)
        {
            var ch = text[position];
            if (ch == '<')
            {
                var close = text.IndexOf('>', position + 1);
                if (close > position + 1)
                {
                    tagStart = position;
                    position = close + 1;
                    return true;
                }

                if (!words)
                {
                    // A '<' that starts no tag counts as a character.
                    position++;
                    isText = true;
                    return true;
                }

                position++;
                continue;
            }

            if (!words)
            {
                position++;
                isText = true;
                return true;
            }

            if (ch == '>' || char.IsWhiteSpace(ch))
            {
                position++;
                continue;
            }

            while (position < text.Length && text[position] != '<' && text[position] != '>' && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            isText = true;
            return true;
        }

        return false;
    }

    /// <summary>Django's <c>&lt;(/)?(\S+?)(?:(\s*/)|\s.*?)?&gt;</c>.</summary>
    private static bool TryParseTag(ReadOnlySpan<char> tag, out bool closing, out string name, out bool selfClosing)
    {
        var inner = tag[1..^1];
        closing = inner.Length > 0 && inner[0] == '/';
        if (closing)
        {
            inner = inner[1..];
        }

        var end = 0;
        while (end < inner.Length && !char.IsWhiteSpace(inner[end]))
        {
            end++;
        }

        selfClosing = false;
        var nameSpan = inner[..end];
        if (end == inner.Length && nameSpan.Length > 1 && nameSpan[^1] == '/')
        {
            nameSpan = nameSpan[..^1];
            selfClosing = true;
        }
        else if (end < inner.Length && inner[end..].Trim().Length > 0 && inner[end..].Trim().SequenceEqual("/"))
        {
            selfClosing = true;
        }

        name = nameSpan.ToString();
        return name.Length > 0;
    }

    // ----- Wrapping (Django's wrap, built on Python's textwrap) -----

    /// <summary>Wraps lines at <paramref name="width"/> without breaking words, keeping existing line breaks.</summary>
    public static string Wrap(string text, int width)
    {
        var lines = SplitLines(text);
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (width <= 0)
            {
                throw new ArgumentException($"invalid width {width} (must be > 0)");
            }

            var wrapped = WrapLine(ExpandTabs(line), width);
            if (wrapped.Count == 0)
            {
                result.Add(line);
            }
            else
            {
                result.AddRange(wrapped);
            }
        }

        if (text.EndsWith('\n'))
        {
            result.Add("");
        }

        return string.Join('\n', result);
    }

    /// <summary>Python's <c>str.splitlines()</c>.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                lines.Add(text[start..i]);
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static string ExpandTabs(string line)
    {
        if (!line.Contains('\t'))
        {
            return line;
        }

        var output = new StringBuilder(line.Length + 16);
        foreach (var ch in line)
        {
            if (ch == '\t')
            {
                output.Append(' ', 8 - output.Length % 8);
            }
            else
            {
                output.Append(ch);
            }
        }

        return output.ToString();
    }

    private static bool IsWrapSpace(char ch) => ch is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>Python's <c>TextWrapper.wrap</c> with long words kept whole and whitespace dropped at line ends.</summary>
    private static List<string> WrapLine(string line, int width)
    {
        var chunks = new List<string>();
        var start = 0;
        for (var i = 1; i <= line.Length; i++)
        {
            if (i == line.Length || IsWrapSpace(line[i]) != IsWrapSpace(line[i - 1]))
            {
                chunks.Add(line[start..i]);
                start = i;
            }
        }

        var lines = new List<string>();
        var next = 0;
        while (next < chunks.Count)
        {
            if (lines.Count > 0 && IsBlank(chunks[next]))
            {
                next++;
                if (next == chunks.Count)
                {
                    break;
                }
            }

            var current = new List<string>();
            var currentLength = 0;
            while (next < chunks.Count && currentLength + chunks[next].Length <= width)
            {
                currentLength += chunks[next].Length;
                current.Add(chunks[next++]);
            }

            if (next < chunks.Count && chunks[next].Length > width && current.Count == 0)
            {
                current.Add(chunks[next++]);
            }

            if (current.Count > 0 && IsBlank(current[^1]))
            {
                current.RemoveAt(current.Count - 1);
            }

            if (current.Count > 0)
            {
                lines.Add(string.Concat(current));
            }
        }

        return lines;
    }

    private static bool IsBlank(string chunk) => chunk.Length > 0 && IsWrapSpace(chunk[0]);
}
