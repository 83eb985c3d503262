using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Micro.Generators.Routing.Model;

namespace Micro.Generators.Routing
{
    /// <summary>
    /// The ways a <c>re_path()</c> expression can be reversed, as Django's <c>django.utils.regex_helper.normalize</c> finds
    /// them, quirks included: quantifiers keep their minimum count, a group (or a non-capturing group holding one) that may
    /// be absent gives a possibility without it and one with it, a class stands for its first character, <c>.</c> for itself,
    /// <c>\d</c> for 0, <c>\w</c> for x..., lookarounds are skipped and <c>$</c> ends the expression. The run time then tries
    /// each possibility with the values given and keeps the first whose URL the whole expression matches, as Django's resolver does.
    /// </summary>
    internal static class RegexReversal
    {
        /// <summary>
        /// The possibilities in the order Django tries them, each as literal text and groups; null when Django's normalize
        /// gives up (an alternation <c>|</c> outside a group it skips, or a construct such as <c>(?i)</c> it can't reverse).
        /// </summary>
        public static List<List<PatternPart>>? Normalize(string pattern)
        {
            var reader = new Reader(pattern);
            var result = new List<object>();
            var nonCapturing = new List<int>();
            var positional = 0;
            try
            {
                if (!reader.TryRead(out var ch, out var escaped))
                {
                    return new List<List<PatternPart>> { new List<PatternPart> { PatternPart.Text("") } };
                }

                while (true)
                {
                    var consumeNext = true;
                    if (escaped)
                    {
                        result.Add(ch);
                    }
                    else if (ch == '|')
                    {
                        return null;
                    }
                    else if (ch == '^')
                    {
                    }
                    else if (ch == '$')
                    {
                        break;
                    }
                    else if (ch == ')')
                    {
                        // The end of a non-capturing group (every other group is read to its end where it opens).
                        if (nonCapturing.Count == 0)
                        {
                            return null;
                        }

                        var start = nonCapturing[nonCapturing.Count - 1];
                        nonCapturing.RemoveAt(nonCapturing.Count - 1);
                        var inner = new NonCapture(result.GetRange(start, result.Count - start));
                        result.RemoveRange(start, result.Count - start);
                        result.Add(inner);
                    }
                    else if (ch == '[')
                    {
                        // A class stands for the character after '[' (a negated class's '^' too, as in Django).
                        (ch, escaped) = reader.Read();
                        result.Add(ch);
                        (ch, escaped) = reader.Read();
                        while (escaped || ch != ']')
                        {
                            (ch, escaped) = reader.Read();
                        }
                    }
                    else if (ch == '(')
                    {
                        var start = reader.Index;
                        (ch, escaped) = reader.Read();
                        if (ch != '?' || escaped)
                        {
                            var name = "_" + positional++.ToString(CultureInfo.InvariantCulture);
                            reader.WalkToEnd(ch);
                            result.Add(new Group(name, name, reader.Since(start)) { IsPositional = true });
                        }
                        else
                        {
                            (ch, escaped) = reader.Read();
                            if (ch == '<' && reader.Peek() is not ('=' or '!'))
                            {
                                // .NET's (?<name>...), which Python doesn't have: a named group, as (?P<name>...).
                                result.Add(reader.NamedGroup());
                            }
                            else if (ch is '!' or '=' or '<')
                            {
                                reader.WalkToEnd(ch);
                            }
                            else if (ch == ':')
                            {
                                nonCapturing.Add(result.Count);
                            }
                            else if (ch != 'P')
                            {
                                return null;
                            }
                            else
                            {
                                (ch, escaped) = reader.Read();
                                if (ch == '<')
                                {
                                    result.Add(reader.NamedGroup());
                                }
                                else if (ch == '=')
                                {
                                    var name = new StringBuilder();
                                    for ((ch, escaped) = reader.Read(); ch != ')'; (ch, escaped) = reader.Read())
                                    {
                                        name.Append(ch);
                                    }

                                    result.Add(new Group(name.ToString(), null, null));
                                }
                                else
                                {
                                    return null;
                                }
                            }
                        }
                    }
                    else if (ch is '*' or '?' or '+' or '{')
                    {
                        if (result.Count == 0 || reader.Quantifier(ch) is not { } quantifier)
                        {
                            return null;
                        }

                        if (quantifier.Next is { } next)
                        {
                            // Read ahead: Django goes on with it as an unescaped character, whatever it was.
                            ch = next;
                            escaped = false;
                            consumeNext = false;
                        }

                        var last = result[result.Count - 1];
                        if (quantifier.Minimum == 0)
                        {
                            if (ContainsGroup(last))
                            {
                                result[result.Count - 1] = new Choice(last);
                            }
                            else
                            {
                                result.RemoveAt(result.Count - 1);
                            }
                        }

                        for (var i = 1; i < quantifier.Minimum; i++)
                        {
                            result.Add(last);
                        }
                    }
                    else
                    {
                        // '.' too: it stands for itself.
                        result.Add(ch);
                    }

                    if (consumeNext && !reader.TryRead(out ch, out escaped))
                    {
                        break;
                    }
                }
            }
            catch (EndOfPattern)
            {
            }

            var possibilities = new List<List<PatternPart>>();
            foreach (var pieces in Flatten(result))
            {
                possibilities.Add(Parts(pieces));
            }

            return possibilities;
        }

        private static bool ContainsGroup(object item) => item switch
        {
            Group => true,
            NonCapture nonCapture => nonCapture.Items.Exists(ContainsGroup),
            _ => false,
        };

        /// <summary>Django's flatten_result: each possibility as a list of characters and groups.</summary>
        private static List<List<object>> Flatten(List<object> items)
        {
            var results = new List<List<object>> { new List<object>() };
            foreach (var item in items)
            {
                List<List<object>> inner;
                switch (item)
                {
                    case Choice choice:
                        inner = new List<List<object>> { new List<object>() };
                        inner.AddRange(FlattenOne(choice.Item));
                        break;
                    case NonCapture nonCapture:
                        inner = Flatten(nonCapture.Items);
                        break;
                    default:
                        foreach (var result in results)
                        {
                            result.Add(item);
                        }

                        continue;
                }

                var combined = new List<List<object>>();
                foreach (var result in results)
                {
                    foreach (var option in inner)
                    {
                        var both = new List<object>(result);
                        both.AddRange(option);
                        combined.Add(both);
                    }
                }

                results = combined;
            }

            return results;
        }

        private static List<List<object>> FlattenOne(object item) =>
            item is NonCapture nonCapture ? Flatten(nonCapture.Items) : Flatten(new List<object> { item });

        private static List<PatternPart> Parts(List<object> pieces)
        {
            var parts = new List<PatternPart>();
            var text = new StringBuilder();
            foreach (var piece in pieces)
            {
                if (piece is char ch)
                {
                    text.Append(ch);
                    continue;
                }

                var group = (Group)piece;
                if (text.Length > 0)
                {
                    parts.Add(PatternPart.Text(text.ToString()));
                    text.Clear();
                }

                parts.Add(group.Param is null
                    ? new PatternPart(null, group.Name, null, null) { IsBackreference = true }
                    : new PatternPart(null, group.Name, null, RoutePatternSyntax.ToDotNetRegex(group.Regex!)) { IsPositional = group.IsPositional });
            }

            if (text.Length > 0 || parts.Count == 0)
            {
                parts.Add(PatternPart.Text(text.ToString()));
            }

            return parts;
        }

        /// <summary>A group: its name, the name of the value it takes (null for a backreference) and its sub-expression.</summary>
        private sealed class Group(string name, string? param, string? regex)
        {
            public string Name { get; } = name;

            public string? Param { get; } = param;

            public string? Regex { get; } = regex;

            public bool IsPositional { get; init; }
        }

        /// <summary>A quantified item that may be absent: without it, or with it.</summary>
        private sealed class Choice(object item)
        {
            public object Item { get; } = item;
        }

        private sealed class NonCapture(List<object> items)
        {
            public List<object> Items { get; } = items;
        }

        private sealed class EndOfPattern : Exception
        {
        }

        /// <summary>Django's next_char: characters with escapes replaced by a representative (or skipped).</summary>
        private sealed class Reader(string pattern)
        {
            public int Index { get; private set; }

            public (char Char, bool Escaped) Read() => TryRead(out var ch, out var escaped) ? (ch, escaped) : throw new EndOfPattern();

            public bool TryRead(out char ch, out bool escaped)
            {
                while (Index < pattern.Length)
                {
                    ch = pattern[Index++];
                    if (ch != '\\')
                    {
                        escaped = false;
                        return true;
                    }

                    if (Index == pattern.Length)
                    {
                        break;
                    }

                    ch = pattern[Index++];
                    switch (ch)
                    {
                        // \z is .NET's \Z; Python has none.
                        case 'A' or 'b' or 'B' or 'Z' or 'z':
                            continue;
                        case 'd':
                            ch = '0';
                            break;
                        case 'D' or 'S' or 'w':
                            ch = 'x';
                            break;
                        case 's':
                            ch = ' ';
                            break;
                        case 'W':
                            ch = '!';
                            break;
                    }

                    escaped = true;
                    return true;
                }

                ch = '\0';
                escaped = false;
                return false;
            }

            public char? Peek() => Index < pattern.Length ? pattern[Index] : null;

            /// <summary>The pattern text from <paramref name="start"/> to before the ')' just read.</summary>
            public string Since(int start) => pattern.Substring(start, Math.Max(0, Index - 1 - start));

            /// <summary>Django's walk_to_end: past the ')' that closes the group being read (nested groups skipped).</summary>
            public void WalkToEnd(char ch)
            {
                var nesting = ch == '(' ? 1 : 0;
                while (TryRead(out ch, out var escaped))
                {
                    if (escaped)
                    {
                        continue;
                    }

                    if (ch == '(')
                    {
                        nesting++;
                    }
                    else if (ch == ')')
                    {
                        if (nesting == 0)
                        {
                            return;
                        }

                        nesting--;
                    }
                }
            }

            /// <summary>A named group, read from its name (the '&lt;' just read) to its end.</summary>
            public Group NamedGroup()
            {
                var name = new StringBuilder();
                char ch;
                for ((ch, _) = Read(); ch != '>'; (ch, _) = Read())
                {
                    name.Append(ch);
                }

                var start = Index;
                WalkToEnd(ch);
                return new Group(name.ToString(), name.ToString(), Since(start));
            }

            /// <summary>Django's get_quantifier: the minimum count, and the character read past it if it isn't part of it.</summary>
            public (int Minimum, char? Next)? Quantifier(char ch)
            {
                if (ch is '*' or '?' or '+')
                {
                    char? after = TryRead(out var next, out _) && next != '?' ? next : null;
                    return (ch == '+' ? 1 : 0, after);
                }

                var count = new StringBuilder();
                while (ch != '}')
                {
                    (ch, _) = Read();
                    count.Append(ch);
                }

                var minimum = count.ToString(0, count.Length - 1).Split(',')[0];
                if (!int.TryParse(minimum.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min))
                {
                    return null;
                }

                char? following = TryRead(out var last, out _) && last != '?' ? last : null;
                return (min, following);
            }
        }
    }
}
