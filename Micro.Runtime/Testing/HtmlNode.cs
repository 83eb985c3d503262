using System.Net;
using System.Text;

namespace Micro.Testing;

/// <summary>
/// HTML as Django's test assertions compare it (<c>assertContains(..., html=True)</c>): elements with their attributes sorted
/// (class names sorted too, a boolean attribute the same as one whose value is its name), text with its whitespace collapsed
/// and trimmed at element edges, comments and the doctype left out, entities decoded.
/// </summary>
internal abstract class HtmlNode
{
    private static readonly HashSet<string> s_voidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    public sealed class Text(string value) : HtmlNode
    {
        public string Value { get; } = value;

        public override bool Equals(object? obj) => obj is Text other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => Value;
    }

    public sealed class Element(string name, List<KeyValuePair<string, string?>> attributes) : HtmlNode
    {
        public string Name { get; } = name;

        public List<KeyValuePair<string, string?>> Attributes { get; } = attributes;

        public List<HtmlNode> Children { get; } = [];

        public override bool Equals(object? obj) =>
            obj is Element other && other.Name == Name && other.Attributes.SequenceEqual(Attributes) && other.Children.SequenceEqual(Children);

        public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

        /// <summary>How many times <paramref name="needle"/> (a parsed fragment) occurs in this tree, as Django's <c>Element.count</c>.</summary>
        public int Count(Element needle)
        {
            if (needle.Children.Count == 1 && needle.Children[0] is Text text)
            {
                return CountText(text.Value);
            }

            return needle.Children.Count == 0 ? 0 : CountSequence(needle.Children);
        }

        private int CountText(string needle)
        {
            var count = 0;
            foreach (var child in Children)
            {
                count += child switch
                {
                    Text text => Occurrences(text.Value, needle),
                    Element element => element.CountText(needle),
                    _ => 0,
                };
            }

            return count;
        }

        private int CountSequence(List<HtmlNode> needle)
        {
            var count = 0;
            for (var i = 0; i + needle.Count <= Children.Count; i++)
            {
                if (Children.Skip(i).Take(needle.Count).SequenceEqual(needle))
                {
                    count++;
                }
            }

            foreach (var child in Children.OfType<Element>())
            {
                count += child.CountSequence(needle);
            }

            return count;
        }

        public override string ToString()
        {
            var html = new StringBuilder("<").Append(Name);
            foreach (var (name, value) in Attributes)
            {
                html.Append(' ').Append(name);
                if (value is not null)
                {
                    html.Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
                }
            }

            html.Append('>');
            foreach (var child in Children)
            {
                html.Append(child);
            }

            return html.Append("</").Append(Name).Append('>').ToString();
        }
    }

    /// <summary>Parses <paramref name="html"/> into a root element (named <c>#root</c>) holding its top-level nodes.</summary>
    /// <exception cref="FormatException">A tag is not closed (<c>&lt;p</c>) or a closing tag matches no open element.</exception>
    public static Element Parse(string html)
    {
        var root = new Element("#root", []);
        var open = new Stack<Element>();
        open.Push(root);
        var text = new StringBuilder();
        var position = 0;
        while (position < html.Length)
        {
            var lt = html.IndexOf('<', position);
            if (lt < 0 || lt + 1 >= html.Length || !(char.IsAsciiLetter(html[lt + 1]) || html[lt + 1] is '/' or '!'))
            {
                var end = lt < 0 ? html.Length : lt + 1;
                text.Append(html, position, end - position);
                position = end;
                continue;
            }

            text.Append(html, position, lt - position);
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                position = close < 0 ? html.Length : close + 3;
                continue;
            }

            var tagEnd = TagEnd(html, lt);
            if (tagEnd < 0)
            {
                throw new FormatException($"A tag starting at character {lt} is not closed: {Excerpt(html, lt)}");
            }

            var tag = html.Substring(lt + 1, tagEnd - lt - 1);
            position = tagEnd + 1;
            if (tag.StartsWith('!'))
            {
                continue;
            }

            Flush(open.Peek(), text);
            if (tag.StartsWith('/'))
            {
                var name = tag[1..].Trim().ToLowerInvariant();
                if (!open.Any(e => e.Name == name))
                {
                    throw new FormatException($"The closing tag </{name}> at character {lt} closes no open element.");
                }

                while (open.Pop().Name != name)
                {
                }

                continue;
            }

            var element = ParseTag(tag.TrimEnd('/'));
            open.Peek().Children.Add(element);
            if (s_voidElements.Contains(element.Name) || tag.EndsWith('/'))
            {
                continue;
            }

            if (element.Name is "script" or "style")
            {
                // Raw text up to its closing tag.
                var close = html.IndexOf("</" + element.Name, position, StringComparison.OrdinalIgnoreCase);
                var body = close < 0 ? html[position..] : html[position..close];
                AddText(element, body);
                position = close < 0 ? html.Length : Math.Max(TagEnd(html, close), close) + 1;
                continue;
            }

            open.Push(element);
        }

        Flush(open.Peek(), text);
        Trim(root);
        return root;
    }

    private static int TagEnd(string html, int start)
    {
        char? quote = null;
        for (var i = start + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return -1;
    }

    private static Element ParseTag(string tag)
    {
        var i = 0;
        while (i < tag.Length && !char.IsWhiteSpace(tag[i]))
        {
            i++;
        }

        var name = tag[..i].ToLowerInvariant();
        var attributes = new List<KeyValuePair<string, string?>>();
        while (i < tag.Length)
        {
            while (i < tag.Length && char.IsWhiteSpace(tag[i]))
            {
                i++;
            }

            var nameStart = i;
            while (i < tag.Length && !char.IsWhiteSpace(tag[i]) && tag[i] != '=')
            {
                i++;
            }

            if (i == nameStart)
            {
                break;
            }

            var attribute = tag[nameStart..i].ToLowerInvariant();
            while (i < tag.Length && char.IsWhiteSpace(tag[i]))
            {
                i++;
            }

            string? value = null;
            if (i < tag.Length && tag[i] == '=')
            {
                i++;
                while (i < tag.Length && char.IsWhiteSpace(tag[i]))
                {
                    i++;
                }

                if (i < tag.Length && tag[i] is '"' or '\'')
                {
                    var quote = tag[i];
                    var end = tag.IndexOf(quote, i + 1);
                    end = end < 0 ? tag.Length : end;
                    value = tag[(i + 1)..end];
                    i = end + 1;
                }
                else
                {
                    var start = i;
                    while (i < tag.Length && !char.IsWhiteSpace(tag[i]))
                    {
                        i++;
                    }

                    value = tag[start..i];
                }

                value = WebUtility.HtmlDecode(value);
            }

            if (attribute == "class" && value is not null)
            {
                value = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            }

            // A boolean attribute reads the same bare, empty or with its own name: checked, checked="", checked="checked".
            if (value is not null && (value.Length == 0 || value == attribute) && attribute != "class" && attribute != "value")
            {
                value = null;
            }

            attributes.Add(new(attribute, value));
        }

        attributes.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new Element(name, attributes);
    }

    private static void Flush(Element parent, StringBuilder text)
    {
        if (text.Length > 0)
        {
            AddText(parent, text.ToString());
            text.Clear();
        }
    }

    private static void AddText(Element parent, string raw)
    {
        var collapsed = new StringBuilder(raw.Length);
        foreach (var c in WebUtility.HtmlDecode(raw))
        {
            if (char.IsWhiteSpace(c))
            {
                if (collapsed.Length == 0 || collapsed[^1] != ' ')
                {
                    collapsed.Append(' ');
                }
            }
            else
            {
                collapsed.Append(c);
            }
        }

        if (parent.Children.Count > 0 && parent.Children[^1] is Text previous)
        {
            parent.Children[^1] = new Text(previous.Value + collapsed);
        }
        else
        {
            parent.Children.Add(new Text(collapsed.ToString()));
        }
    }

    /// <summary>Whitespace at the edges of an element's content doesn't count; text that is only whitespace between elements neither.</summary>
    private static void Trim(Element element)
    {
        for (var i = 0; i < element.Children.Count; i++)
        {
            if (element.Children[i] is Text text)
            {
                var value = text.Value;
                if (i == 0)
                {
                    value = value.TrimStart();
                }

                if (i == element.Children.Count - 1)
                {
                    value = value.TrimEnd();
                }

                if (value.Trim().Length == 0)
                {
                    element.Children.RemoveAt(i--);
                    continue;
                }

                element.Children[i] = new Text(value);
            }
            else if (element.Children[i] is Element child)
            {
                Trim(child);
            }
        }
    }

    /// <summary>How many times <paramref name="needle"/> occurs in <paramref name="text"/>, without overlaps, as Python's <c>str.count</c>.</summary>
    public static int Occurrences(string text, string needle)
    {
        var count = 0;
        for (var index = text.IndexOf(needle, StringComparison.Ordinal); index >= 0 && needle.Length > 0; index = text.IndexOf(needle, index + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Excerpt(string html, int start) => html.Length - start > 40 ? html.Substring(start, 40) + "..." : html[start..];
}
