using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Micro.Routing;

/// <summary>
/// Decides whether a request path matches a route exactly, as Django does: case-sensitive,
/// trailing slash included, every value checked against its converter's expression.
/// </summary>
internal sealed class RouteMatcher
{
    private readonly string? _literalPath;
    private readonly Regex? _regex;
    private readonly string[] _groupNames;
    private readonly string _prefix;
    private readonly int _positionalGroups;

    public RouteMatcher(RouteDefinition route, string prefix)
    {
        _prefix = prefix;
        if (route.IsRegex)
        {
            // As Django, a pattern that ends with '$' must match the whole rest of the path (Python's fullmatch):
            // '$' alone also matches before a final newline, so "/regex/1/%0A" would match "^regex/(?P<pk>[0-9]+)/$".
            var regex = route.Regex!;
            _regex = new Regex(regex.EndsWith('$') ? "\\A(?:" + regex + ")\\z" : regex, RegexOptions.CultureInvariant);
            _groupNames = Array.FindAll(_regex.GetGroupNames(), static name => !int.TryParse(name, out _));
            if (_groupNames.Length == 0)
            {
                // As Django, a regex without named groups passes its groups positionally: as the values _0, _1...
                _positionalGroups = _regex.GetGroupNumbers().Length - 1;
            }

            return;
        }

        var parts = route.Parts!;
        _groupNames = parts.Where(static part => !part.IsLiteral).Select(static part => part.Name!).ToArray();
        if (_groupNames.Length == 0)
        {
            _literalPath = prefix + string.Concat(parts.Select(static part => part.Text));
            LiteralPath = "/" + _literalPath;
            return;
        }

        // Like a regex route's expression, this one is matched after the prefix (see TryMatch).
        var pattern = new StringBuilder("^");
        foreach (var part in parts)
        {
            pattern.Append(part.IsLiteral
                ? Regex.Escape(part.Text!)
                : $"(?<{part.Name}>{part.ValueRegex})");
        }

        _regex = new Regex(pattern.Append("\\z").ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>Where the route's table is mounted: empty, or for example <c>site/</c>.</summary>
    public string Prefix => _prefix;

    /// <summary>The whole request path a route without values matches (leading slash included), or null.</summary>
    public string? LiteralPath { get; }

    /// <summary>Matches <paramref name="path"/> (the request path, leading slash included).</summary>
    public bool TryMatch(string path, out RouteValueDictionary? values)
    {
        values = null;
        var relative = path.AsSpan(1);
        if (_literalPath is not null)
        {
            return relative.SequenceEqual(_literalPath);
        }

        if (!relative.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var start = 1 + _prefix.Length;
        var match = _regex!.Match(path, start, path.Length - start);
        if (!match.Success)
        {
            return false;
        }

        values = new RouteValueDictionary();
        foreach (var name in _groupNames)
        {
            var group = match.Groups[name];
            if (group.Success)
            {
                values[name] = group.Value;
            }
        }

        for (var number = 1; number <= _positionalGroups; number++)
        {
            var group = match.Groups[number];
            if (group.Success)
            {
                values["_" + (number - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = group.Value;
            }
        }

        return true;
    }

    /// <summary>
    /// The ASP.NET Core pattern the endpoint is registered with: a superset of what the route matches
    /// (no trailing-slash or case distinction, values as whole segments), so that endpoint routing
    /// finds the candidates and <see cref="MicroMatcherPolicy"/> makes the exact decision.
    /// </summary>
    public static string CandidatePattern(RouteDefinition route, string prefix)
    {
        var segments = new List<string>();
        var text = new StringBuilder();
        var hasValue = false;
        var spansSegments = route.IsRegex;

        void EndSegment()
        {
            segments.Add(hasValue ? "{__micro" + segments.Count + "}" : EscapeLiteral(text.ToString()));
            text.Clear();
            hasValue = false;
        }

        IEnumerable<RoutePart> parts = route.IsRegex
            ? [RoutePart.Literal(prefix + LiteralPrefixOfRegex(route.Regex!))]
            : [RoutePart.Literal(prefix), .. route.Parts!];
        foreach (var part in parts)
        {
            if (!part.IsLiteral)
            {
                if (part.Converter?.MatchesSlash == true)
                {
                    spansSegments = true;
                    text.Clear();
                    hasValue = false;
                    break;
                }

                hasValue = true;
                continue;
            }

            foreach (var ch in part.Text!)
            {
                if (ch == '/')
                {
                    if (text.Length == 0 && !hasValue)
                    {
                        // An empty segment can't be expressed; everything from here is checked exactly.
                        spansSegments = true;
                        break;
                    }

                    EndSegment();
                }
                else
                {
                    text.Append(ch);
                }
            }

            if (spansSegments)
            {
                break;
            }
        }

        if (route.IsRegex || spansSegments)
        {
            // Text after the last slash of a regex prefix isn't a whole segment: leave it to the regex.
            text.Clear();
            hasValue = false;
            segments.Add("{**__micro_rest}");
        }
        else if (text.Length > 0 || hasValue)
        {
            EndSegment();
        }

        return string.Join('/', segments);
    }

    /// <summary>The text a regex route's match must start with: literal characters up to the last slash before any metacharacter.</summary>
    private static string LiteralPrefixOfRegex(string regex)
    {
        if (!regex.StartsWith('^'))
        {
            return "";
        }

        var end = 1;
        while (end < regex.Length && !IsRegexSyntax(regex[end]) && !(end + 1 < regex.Length && IsQuantifier(regex[end + 1])))
        {
            end++;
        }

        var literal = regex[1..end];
        return literal[..(literal.LastIndexOf('/') + 1)];
    }

    private static bool IsRegexSyntax(char ch) => ch is '.' or '^' or '$' or '*' or '+' or '?' or '(' or ')' or '[' or ']' or '{' or '}' or '|' or '\\';

    private static bool IsQuantifier(char ch) => ch is '*' or '+' or '?' or '{';

    private static string EscapeLiteral(string text) => text.Replace("{", "{{").Replace("}", "}}");
}
