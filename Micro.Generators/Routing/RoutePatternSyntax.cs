using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using Micro.Generators.Routing.Model;

namespace Micro.Generators.Routing
{
    /// <summary>Reads Django's <c>path()</c> and <c>re_path()</c> syntax.</summary>
    internal static class RoutePatternSyntax
    {
        public static readonly string[] BuiltInConverters = { "int", "str", "slug", "uuid", "path" };

        /// <summary>Why a <c>[RouteGroup]</c> prefix can't go before its routes' patterns, or null when it can.</summary>
        public static string? GroupPrefixProblem(string prefix)
        {
            if (prefix.StartsWith("/", StringComparison.Ordinal))
            {
                return "a prefix has no leading slash (write \"" + prefix.TrimStart('/') + "\")";
            }

            foreach (var ch in prefix)
            {
                if (ch is '<' or '>')
                {
                    return "a prefix is literal text; capture values in each route's pattern";
                }

                if (ch is '?' or '#' or '\\' || char.IsWhiteSpace(ch) || char.IsControl(ch))
                {
                    return $"'{ch}' can't be part of a URL path";
                }
            }

            return prefix.TrimEnd('/').Contains("//") || prefix.EndsWith("//", StringComparison.Ordinal)
                ? "it has an empty segment ('//')"
                : null;
        }

        /// <summary>
        /// A route's pattern under its groups' prefixes (outermost first), as Django joins an <c>include()</c>'s prefix
        /// with the included patterns: a path pattern follows the prefixes, a regex follows them escaped after its <c>^</c>.
        /// </summary>
        public static string Prefixed(IReadOnlyList<string> prefixes, string pattern, bool isRegex)
        {
            var prefix = new StringBuilder();
            foreach (var group in prefixes)
            {
                if (group.Length > 0)
                {
                    prefix.Append(group.TrimEnd('/')).Append('/');
                }
            }

            if (prefix.Length == 0)
            {
                return pattern;
            }

            return isRegex
                ? "^" + Regex.Escape(prefix.ToString()) + (pattern.StartsWith("^", StringComparison.Ordinal) ? pattern.Substring(1) : pattern)
                : prefix + pattern;
        }

        /// <summary>Splits a <c>path()</c> pattern into literal text and <c>&lt;converter:name&gt;</c> values.</summary>
        public static List<PatternPart> ParsePath(string pattern, out string? error)
        {
            error = null;
            var parts = new List<PatternPart>();
            if (pattern.StartsWith("/", StringComparison.Ordinal))
            {
                error = "patterns have no leading slash (write \"" + pattern.TrimStart('/') + "\")";
                return parts;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var text = new StringBuilder();
            var i = 0;
            while (i < pattern.Length)
            {
                var ch = pattern[i];
                if (ch == '>')
                {
                    error = $"'>' at position {i + 1} has no matching '<'";
                    return parts;
                }

                if (ch != '<')
                {
                    if (ch == '?' || ch == '#')
                    {
                        error = $"'{ch}' can't be part of a URL path; query strings are bound to parameters";
                        return parts;
                    }

                    text.Append(ch);
                    i++;
                    continue;
                }

                var end = pattern.IndexOf('>', i);
                if (end < 0)
                {
                    error = $"'<' at position {i + 1} is not closed with '>'";
                    return parts;
                }

                var inner = pattern.Substring(i + 1, end - i - 1);
                var colon = inner.IndexOf(':');
                var converter = colon < 0 ? "str" : inner.Substring(0, colon);
                var name = colon < 0 ? inner : inner.Substring(colon + 1);
                if (!IsIdentifier(name))
                {
                    error = $"'<{inner}>' must name its value with an identifier, as in <int:year>";
                    return parts;
                }

                if (converter.Length == 0 || !IsIdentifier(converter))
                {
                    error = $"'<{inner}>' names no valid converter";
                    return parts;
                }

                if (!names.Add(name))
                {
                    error = $"the value '{name}' is captured twice";
                    return parts;
                }

                if (text.Length > 0)
                {
                    parts.Add(PatternPart.Text(text.ToString()));
                    text.Clear();
                }

                parts.Add(new PatternPart(null, name, converter, null));
                i = end + 1;
            }

            if (text.Length > 0 || parts.Count == 0)
            {
                parts.Add(PatternPart.Text(text.ToString()));
            }

            return parts;
        }

        /// <summary>
        /// Turns a <c>re_path()</c> expression into .NET syntax (<c>(?P&lt;name&gt;...)</c> becomes
        /// <c>(?&lt;name&gt;...)</c>), validates it, and splits it into parts when it is only literal text
        /// and named groups, so that it can be reversed.
        /// </summary>
        public static string? ParseRegex(string pattern, out List<PatternPart>? parts, out List<string> groupNames, out int unnamedGroups, out string? error)
        {
            parts = null;
            groupNames = new List<string>();
            unnamedGroups = 0;
            var translated = ToDotNetRegex(pattern);
            try
            {
                var regex = new Regex(translated, RegexOptions.CultureInvariant);
                foreach (var name in regex.GetGroupNames())
                {
                    if (!int.TryParse(name, out _))
                    {
                        groupNames.Add(name);
                    }
                }

                // .NET numbers unnamed groups first, then named ones.
                unnamedGroups = regex.GetGroupNumbers().Length - 1 - groupNames.Count;
            }
            catch (ArgumentException exception)
            {
                error = exception.Message;
                return null;
            }

            error = null;
            parts = SplitReversible(translated);
            return translated;
        }

        /// <summary>A <c>re_path()</c> expression (or a part of one) in .NET syntax: <c>(?P&lt;name&gt;</c>, <c>(?P=name)</c> and <c>\Z</c> translated.</summary>
        public static string ToDotNetRegex(string pattern)
        {
            var translated = pattern.Replace("(?P<", "(?<");
            translated = Regex.Replace(translated, @"\(\?P=(\w+)\)", @"\k<$1>");
            return EndOfTextAnchors(translated);
        }

        /// <summary>
        /// Python's <c>\Z</c> is the end of the text only; .NET's also matches before a final newline, so it becomes <c>\z</c>.
        /// </summary>
        private static string EndOfTextAnchors(string regex)
        {
            if (regex.IndexOf("\\Z", StringComparison.Ordinal) < 0)
            {
                return regex;
            }

            var result = new StringBuilder(regex.Length);
            for (var i = 0; i < regex.Length; i++)
            {
                if (regex[i] == '\\' && i + 1 < regex.Length)
                {
                    result.Append('\\').Append(regex[i + 1] == 'Z' ? 'z' : regex[i + 1]);
                    i++;
                    continue;
                }

                result.Append(regex[i]);
            }

            return result.ToString();
        }

        private static List<PatternPart>? SplitReversible(string regex)
        {
            var parts = new List<PatternPart>();
            var text = new StringBuilder();
            var i = regex.StartsWith("^", StringComparison.Ordinal) ? 1 : 0;
            var end = regex.EndsWith("$", StringComparison.Ordinal) && !regex.EndsWith("\\$", StringComparison.Ordinal)
                ? regex.Length - 1
                : regex.EndsWith("\\z", StringComparison.Ordinal) && !regex.EndsWith("\\\\z", StringComparison.Ordinal)
                    ? regex.Length - 2
                    : regex.Length;
            while (i < end)
            {
                var ch = regex[i];
                if (ch == '\\' && i + 1 < end && !char.IsLetterOrDigit(regex[i + 1]))
                {
                    text.Append(regex[i + 1]);
                    i += 2;
                    continue;
                }

                if (ch == '(' && i + 2 < end && regex[i + 1] == '?' && regex[i + 2] == '<')
                {
                    var close = regex.IndexOf('>', i);
                    var groupEnd = MatchingParenthesis(regex, i);
                    if (close < 0 || groupEnd < 0 || groupEnd >= end)
                    {
                        return null;
                    }

                    var name = regex.Substring(i + 3, close - i - 3);
                    if (text.Length > 0)
                    {
                        parts.Add(PatternPart.Text(text.ToString()));
                        text.Clear();
                    }

                    parts.Add(new PatternPart(null, name, null, regex.Substring(close + 1, groupEnd - close - 1)));
                    i = groupEnd + 1;
                    continue;
                }

                if ("\\.^$*+?()[]{}|".IndexOf(ch) >= 0)
                {
                    return null;
                }

                text.Append(ch);
                i++;
            }

            if (text.Length > 0 || parts.Count == 0)
            {
                parts.Add(PatternPart.Text(text.ToString()));
            }

            return parts;
        }

        private static int MatchingParenthesis(string regex, int open)
        {
            var depth = 0;
            var inClass = false;
            for (var i = open; i < regex.Length; i++)
            {
                var ch = regex[i];
                if (ch == '\\')
                {
                    i++;
                    continue;
                }

                if (inClass)
                {
                    inClass = ch != ']';
                    continue;
                }

                switch (ch)
                {
                    case '[':
                        inClass = true;
                        break;
                    case '(':
                        depth++;
                        break;
                    case ')' when --depth == 0:
                        return i;
                }
            }

            return -1;
        }

        public static bool IsIdentifier(string text)
        {
            if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
            {
                return false;
            }

            foreach (var ch in text)
            {
                if (!(char.IsLetterOrDigit(ch) || ch == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
