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
    // A path() route's parts, from which its expression is made on the first match: most routes of a large app are never
    // requested in a process's life, and constructing a regex is the largest cost of an endpoint at start-up.
    private readonly IReadOnlyList<RoutePart>? _parts;
    // Whether every value is one of Django's int, str, slug or uuid followed by a slash or the end: then each value is exactly
    // the text up to the next slash, checked without a regex.
    private readonly bool _bySegment;
    // Whether the candidate pattern gives each value a segment of its own under the value's name, so that endpoint routing's
    // values are already the route's: a segment matched route then only checks them, without a dictionary of its own.
    private readonly bool _candidateHasValues;
    private Regex? _regex;
    private readonly string[] _groupNames;
    private readonly string _prefix;
    private readonly int _positionalGroups;

    public RouteMatcher(RouteDefinition route, string prefix)
    {
        _prefix = prefix;
        CandidatePattern = CandidatePatternOf(route, prefix, out var namesEveryValue);
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

        _parts = parts;
        _bySegment = true;
        for (var i = 0; i < parts.Count; i++)
        {
            if (!parts[i].IsLiteral
                && (!IsSegmentConverter(parts[i].Converter) || (i + 1 < parts.Count && !(parts[i + 1].Text ?? "").StartsWith('/'))))
            {
                _bySegment = false;
            }
        }

        _candidateHasValues = _bySegment && namesEveryValue;
    }

    /// <summary>The ASP.NET Core pattern the route's endpoint is registered with (see <see cref="CandidatePatternOf"/>).</summary>
    public string CandidatePattern { get; }

    private static bool IsSegmentConverter(RouteConverter? converter) =>
        converter == RouteConverters.Int || converter == RouteConverters.Str || converter == RouteConverters.Slug || converter == RouteConverters.Uuid;

    /// <summary>
    /// Matches a route whose values each run to the next slash (see <see cref="_bySegment"/>) as its expression would: the
    /// converters' expressions can't match a slash and a slash or the end follows each value, so a value can only be that text.
    /// </summary>
    private bool TryMatchSegments(string path, int start, bool collect, out RouteValueDictionary? values)
    {
        values = null;
        RouteValueDictionary? found = null;
        var position = start;
        var parts = _parts!;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.IsLiteral)
            {
                if (!path.AsSpan(position).StartsWith(part.Text, StringComparison.Ordinal))
                {
                    return false;
                }

                position += part.Text!.Length;
                continue;
            }

            var end = path.IndexOf('/', position);
            end = end < 0 ? path.Length : end;
            if (!Accepts(part.Converter!, path.AsSpan(position, end - position)))
            {
                return false;
            }

            if (collect)
            {
                (found ??= new RouteValueDictionary())[part.Name!] = path[position..end];
            }

            position = end;
        }

        if (position != path.Length)
        {
            return false;
        }

        values = found;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/>, a whole value, matches its converter's expression, when the converter is Django's int, str,
    /// slug or uuid (checked without the expression); null for other converters.
    /// </summary>
    internal static bool? MatchesBuiltIn(RouteConverter? converter, ReadOnlySpan<char> text)
    {
        if (converter is null || !IsSegmentConverter(converter))
        {
            return null;
        }

        // Only str's expression could match a slash; the others' checks refuse it.
        return Accepts(converter, text) && !(converter == RouteConverters.Str && text.Contains('/'));
    }

    /// <summary>Whether <paramref name="value"/> (without a slash) matches the expression of Django's int, str, slug or uuid.</summary>
    private static bool Accepts(RouteConverter converter, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        if (converter == RouteConverters.Int)
        {
            // A loop rather than ContainsAnyExceptInRange, which allocates until the JIT has optimized its caller; a value is a
            // few digits.
            foreach (var ch in value)
            {
                if (!char.IsAsciiDigit(ch))
                {
                    return false;
                }
            }

            return true;
        }

        if (converter == RouteConverters.Slug)
        {
            foreach (var ch in value)
            {
                if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
                {
                    return false;
                }
            }

            return true;
        }

        if (converter == RouteConverters.Uuid)
        {
            if (value.Length != 36)
            {
                return false;
            }

            for (var i = 0; i < value.Length; i++)
            {
                var ok = i is 8 or 13 or 18 or 23 ? value[i] == '-' : char.IsAsciiDigit(value[i]) || value[i] is >= 'a' and <= 'f';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        return true; // str: any text without a slash
    }

    /// <summary>A path() route's expression, matched after the prefix as a regex route's is (see <see cref="TryMatch(string, out RouteValueDictionary?)"/>).</summary>
    internal static Regex PathRegex(IReadOnlyList<RoutePart> parts)
    {
        var pattern = new StringBuilder("^");
        foreach (var part in parts)
        {
            pattern.Append(part.IsLiteral
                ? Regex.Escape(part.Text!)
                : $"(?<{part.Name}>{part.ValueRegex})");
        }

        return new Regex(pattern.Append("\\z").ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>Whether the route is matched segment by segment rather than by its expression.</summary>
    internal bool MatchesBySegment => _bySegment;

    /// <summary>Where the route's table is mounted: empty, or for example <c>site/</c>.</summary>
    public string Prefix => _prefix;

    /// <summary>The whole request path a route without values matches (leading slash included), or null.</summary>
    public string? LiteralPath { get; }

    /// <summary>Matches <paramref name="path"/> (the request path, leading slash included).</summary>
    public bool TryMatch(string path, out RouteValueDictionary? values) => TryMatch(path, keepCandidateValues: false, out values);

    /// <summary>
    /// Matches <paramref name="path"/> (the request path, leading slash included) for a candidate endpoint routing found with
    /// <see cref="CandidatePattern"/>. With <paramref name="keepCandidateValues"/>, <paramref name="values"/> is null when the
    /// candidate's values are already the route's (each value its own segment, under its name): the match only checks them.
    /// </summary>
    public bool TryMatch(string path, bool keepCandidateValues, out RouteValueDictionary? values)
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
        if (_bySegment)
        {
            return TryMatchSegments(path, start, collect: !(keepCandidateValues && _candidateHasValues), out values);
        }

        // Two first requests at once may both make the expression; either serves.
        var regex = _regex ??= PathRegex(_parts!);
        var match = regex.Match(path, start, path.Length - start);
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
    /// finds the candidates and <see cref="MicroMatcherPolicy"/> makes the exact decision. A segment that is one
    /// value and nothing else is named after it (unless two of the route's names differ only in case, which ASP.NET
    /// Core's patterns can't tell apart, or the name is one this pattern uses itself); <paramref name="namesEveryValue"/>
    /// says whether every value got its segment.
    /// </summary>
    private static string CandidatePatternOf(RouteDefinition route, string prefix, out bool namesEveryValue)
    {
        var segments = new List<string>();
        var text = new StringBuilder();
        string? valueName = null;
        var values = 0;
        var named = 0;
        var spansSegments = route.IsRegex;
        var valueNames = route.IsRegex ? [] : route.Parts!.Where(static part => part.IsValue).Select(static part => part.Name!).ToArray();
        var distinctNames = valueNames.Distinct(StringComparer.OrdinalIgnoreCase).Count() == valueNames.Length;

        void EndSegment()
        {
            if (values == 1 && text.Length == 0 && distinctNames && IsPlainName(valueName!))
            {
                segments.Add("{" + valueName + "}");
                named++;
            }
            else
            {
                segments.Add(values > 0 ? "{__micro" + segments.Count + "}" : EscapeLiteral(text.ToString()));
            }

            text.Clear();
            values = 0;
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
                    values = 0;
                    break;
                }

                values++;
                valueName = part.Name;
                continue;
            }

            foreach (var ch in part.Text!)
            {
                if (ch == '/')
                {
                    if (text.Length == 0 && values == 0)
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
            values = 0;
            segments.Add("{**__micro_rest}");
        }
        else if (text.Length > 0 || values > 0)
        {
            EndSegment();
        }

        namesEveryValue = !route.IsRegex && !spansSegments && named == valueNames.Length;
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

    /// <summary>
    /// Letters, digits and underscores: a name an ASP.NET Core pattern takes as it is, and not one of the names the
    /// pattern gives segments it can't name (<c>__micro0</c>, <c>__micro_rest</c>).
    /// </summary>
    private static bool IsPlainName(string name)
    {
        if (name.StartsWith("__micro", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var ch in name)
        {
            if (!(char.IsLetterOrDigit(ch) || ch == '_'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    private static string EscapeLiteral(string text) => text.Replace("{", "{{").Replace("}", "}}");
}
