using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Micro.Templates;

/// <summary>A word of a tag, with its offset in the tag's contents (for error columns).</summary>
public readonly struct TagBit
{
    public TagBit(string text, int offset)
    {
        Text = text;
        Offset = offset;
    }

    public string Text { get; }

    public int Offset { get; }

    public override string ToString() => Text;
}

/// <summary>
/// Turns template source into a <see cref="NodeList"/>, following Django's parser: the same tags,
/// the same filter expression grammar, the same checks. Every error is a
/// <see cref="TemplateSyntaxException"/> with the template's name, line and column.
/// </summary>
public sealed partial class Parser
{
    /// <summary>Deeper nesting is refused rather than risking the stack on a hostile template.</summary>
    private const int MaxNesting = 200;

    private readonly List<Token> _tokens;
    private readonly string _templateName;
    private readonly ITemplateSymbols _symbols;
    private readonly List<KeyValuePair<string, Token>> _openTags = new List<KeyValuePair<string, Token>>();
    private readonly Dictionary<string, string> _names = new Dictionary<string, string>
    {
        // The literals the runtime binds these names with, so lookups of them compare references.
        ["forloop"] = "forloop",
        ["block"] = "block",
        ["csrf_token"] = "csrf_token",
    };
    private int _next;

    private Parser(List<Token> tokens, string templateName, ITemplateSymbols symbols)
    {
        _tokens = tokens;
        _templateName = templateName;
        _symbols = symbols;
    }

    /// <summary>Parses <paramref name="source"/>; <paramref name="templateName"/> appears in errors and anchors relative names (<c>"./x.html"</c>).</summary>
    public static NodeList Parse(string source, string templateName, ITemplateSymbols symbols)
    {
        var parser = new Parser(Lexer.Tokenize(source), templateName, symbols);
        return parser.ParseUntil(null, out _);
    }

    /// <summary>Parses nodes until a block tag whose command is in <paramref name="until"/>, which is consumed and returned.</summary>
    private NodeList ParseUntil(string[]? until, out Token? end)
    {
        var nodes = new List<Node>();
        var containsNonText = false;
        while (_next < _tokens.Count)
        {
            var token = _tokens[_next++];
            Node node;
            switch (token.Kind)
            {
                case TokenKind.Text:
                    node = new TextNode(token.Contents, Location(token));
                    break;
                case TokenKind.Variable:
                    if (token.Contents.Length == 0)
                    {
                        throw Error(token, "Empty variable tag.");
                    }

                    node = new VariableNode(CompileFilter(new TagBit(token.Contents, 0), token), Location(token));
                    break;
                case TokenKind.Block:
                    var command = token.Command;
                    if (command.Length == 0)
                    {
                        throw Error(token, "Empty block tag.");
                    }

                    if (until is not null && System.Array.IndexOf(until, command) >= 0)
                    {
                        end = token;
                        return new NodeList(nodes, _templateName);
                    }

                    if (_openTags.Count >= MaxNesting)
                    {
                        throw Error(token, "Tags are nested more than " + MaxNesting + " deep.");
                    }

                    _openTags.Add(new KeyValuePair<string, Token>(command, token));
                    node = ParseTag(command, token, until);
                    _openTags.RemoveAt(_openTags.Count - 1);
                    if (node is ExtendsNode && containsNonText)
                    {
                        throw Error(token, "'extends' must be the first tag in the template.");
                    }

                    break;
                default:
                    continue;
            }

            containsNonText |= node is not TextNode;
            nodes.Add(node);
        }

        if (until is not null)
        {
            var open = _openTags[_openTags.Count - 1];
            throw Error(open.Value, "Unclosed tag '" + open.Key + "' (opened on line " + open.Value.Line + "). Looking for one of: " + string.Join(", ", until) + ".");
        }

        end = null;
        return new NodeList(nodes, _templateName);
    }

    private Node ParseTag(string command, Token token, string[]? until)
    {
        var node = ParseBuiltinTag(command, token);
        if (node is not null)
        {
            return node;
        }

        var custom = _symbols.FindTag(command);
        if (custom is not null)
        {
            return ParseCustomTag(custom, token);
        }

        if (until is null && Contains(BuiltinSyntax.ClosingTags, command))
        {
            throw Error(token, "Unexpected '" + command + "': there is no open tag here for it to continue or close.");
        }

        var expected = until is null ? "" : " Expected " + Quoted(until, "or") + ".";
        if (until is not null)
        {
            var opener = _openTags.Count > 1 ? _openTags[_openTags.Count - 2] : default;
            var inside = opener.Key is null ? "" : " inside '" + opener.Key + "' (line " + opener.Value.Line + ")";
            throw Error(token, "Invalid block tag '" + command + "'" + inside + "." + expected);
        }

        throw Error(token, "Unknown tag '" + command + "'. Register it as a custom tag, or check its spelling.");
    }

    /// <summary>Skips to the block tag whose whole contents are <paramref name="endTag"/>, as <c>{% comment %}</c> does.</summary>
    private void SkipPast(string endTag)
    {
        while (_next < _tokens.Count)
        {
            var token = _tokens[_next++];
            if (token.Kind == TokenKind.Block && token.Contents == endTag)
            {
                return;
            }
        }

        var open = _openTags[_openTags.Count - 1];
        throw Error(open.Value, "Unclosed tag '" + open.Key + "' (opened on line " + open.Value.Line + "). Looking for one of: " + endTag + ".");
    }

    private TemplateSyntaxException Error(Token token, string message) =>
        new TemplateSyntaxException(message, _templateName, token.Line, token.Column);

    private TemplateSyntaxException Error(Token token, TagBit bit, string message) =>
        new TemplateSyntaxException(message, _templateName, token.Line, token.ColumnAt(bit.Offset));

    private TemplateSyntaxException Error(Token token, int offsetInContents, string message) =>
        new TemplateSyntaxException(message, _templateName, token.Line, token.ColumnAt(offsetInContents));

    private static SourceLocation Location(Token token) => new SourceLocation(token.Line, token.Column);

    private static SourceLocation Location(Token token, int offsetInContents) => new SourceLocation(token.Line, token.ColumnAt(offsetInContents));

    /// <summary>One string instance per name in a template, so lookups mostly compare references.</summary>
    private string Intern(string name)
    {
        if (_names.TryGetValue(name, out var interned))
        {
            return interned;
        }

        _names[name] = name;
        return name;
    }

    private static string Quoted(IReadOnlyList<string> words, string conjunction)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                text.Append(i == words.Count - 1 ? " " + conjunction + " " : ", ");
            }

            text.Append('\'').Append(words[i]).Append('\'');
        }

        return text.ToString();
    }

    // ----- Splitting tag contents -----

    /// <summary>Splits a tag's contents on whitespace, keeping quoted strings (with backslash escapes) whole, as Django's <c>smart_split</c>.</summary>
    internal static List<TagBit> SplitContents(string contents)
    {
        var bits = new List<TagBit>();
        var i = 0;
        while (i < contents.Length)
        {
            if (char.IsWhiteSpace(contents[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var end = QuotedRunEnd(contents, start);
            if (end < 0)
            {
                end = start;
                while (end < contents.Length && !char.IsWhiteSpace(contents[end]))
                {
                    end++;
                }
            }

            bits.Add(new TagBit(contents.Substring(start, end - start), start));
            i = end;
        }

        return bits;
    }

    /// <summary>The end of a run of non-space characters holding at least one complete quoted string, or -1.</summary>
    private static int QuotedRunEnd(string text, int start)
    {
        var i = SkipPlain(text, start);
        var sawQuoted = false;
        while (i < text.Length && (text[i] == '"' || text[i] == '\''))
        {
            var close = QuotedStringEnd(text, i);
            if (close < 0)
            {
                break;
            }

            sawQuoted = true;
            i = SkipPlain(text, close);
        }

        return sawQuoted ? i : -1;
    }

    private static int SkipPlain(string text, int i)
    {
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"' && text[i] != '\'')
        {
            i++;
        }

        return i;
    }

    /// <summary>Index just past the quoted string starting at <paramref name="start"/>, or -1 when it isn't closed.</summary>
    private static int QuotedStringEnd(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static List<TagBit> Bits(Token token)
    {
        var bits = SplitContents(token.Contents);
        bits.RemoveAt(0);
        return bits;
    }

    // ----- Filter expressions -----

    /// <summary>Compiles <c>operand|filter:arg|filter</c> as Django's <c>FilterExpression</c> does.</summary>
    internal FilterExpression CompileFilter(TagBit bit, Token token)
    {
        var text = bit.Text;
        var end = OperandEnd(text, 0);
        if (end <= 0)
        {
            var message = FilterStart(text, 0) > 0
                ? "Could not find a variable at the start of '" + text + "'."
                : "Could not parse the remainder: '" + text + "' from '" + text + "'.";
            throw Error(token, bit.Offset, message);
        }

        var operand = CompileOperand(text.Substring(0, end), token, bit.Offset);
        var filters = new List<FilterCall>();
        var position = end;
        while (position < text.Length)
        {
            var nameStart = FilterStart(text, position);
            if (nameStart < 0)
            {
                throw Error(token, bit.Offset + position, "Could not parse the remainder: '" + text.Substring(position) + "' from '" + text + "'.");
            }

            var nameEnd = nameStart;
            while (nameEnd < text.Length && IsWordChar(text[nameEnd]))
            {
                nameEnd++;
            }

            var name = text.Substring(nameStart, nameEnd - nameStart);
            position = nameEnd;
            Operand? argument = null;
            if (position < text.Length && text[position] == ':')
            {
                var argumentEnd = OperandEnd(text, position + 1);
                if (argumentEnd > position + 1)
                {
                    argument = CompileOperand(text.Substring(position + 1, argumentEnd - position - 1), token, bit.Offset + position + 1);
                    position = argumentEnd;
                }
            }

            var filter = _symbols.FindFilter(name) ?? throw Error(token, bit.Offset + nameStart, "Invalid filter: '" + name + "'.");
            if (filter.Argument == FilterArgument.Required && argument is null)
            {
                throw Error(token, bit.Offset + nameStart, "Filter '" + name + "' requires an argument, for example '" + name + ":value'.");
            }

            if (filter.Argument == FilterArgument.None && argument is not null)
            {
                throw Error(token, bit.Offset + nameStart, "Filter '" + name + "' takes no argument.");
            }

            filters.Add(new FilterCall(name, filter, argument, Location(token, bit.Offset + nameStart)));
        }

        return new FilterExpression(text, operand, filters, Location(token, bit.Offset));
    }

    /// <summary>Where a filter's name starts (after optional spaces, a bar, optional spaces), or -1.</summary>
    private static int FilterStart(string text, int position)
    {
        var i = position;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '|')
        {
            return -1;
        }

        i++;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && IsWordChar(text[i]) ? i : -1;
    }

    /// <summary>The end of a constant string, a variable (<c>[\w.]+</c>) or a number starting at <paramref name="start"/>; <paramref name="start"/> when there is none.</summary>
    private static int OperandEnd(string text, int start)
    {
        if (start >= text.Length)
        {
            return start;
        }

        var i = start;
        if (text[i] == '_' && i + 1 < text.Length && text[i + 1] == '(' && i + 2 < text.Length && (text[i + 2] == '"' || text[i + 2] == '\''))
        {
            var close = QuotedStringEnd(text, i + 2);
            if (close > 0 && close < text.Length && text[close] == ')')
            {
                return close + 1;
            }
        }

        if (text[i] == '"' || text[i] == '\'')
        {
            var close = QuotedStringEnd(text, i);
            return close > 0 ? close : start;
        }

        while (i < text.Length && (IsWordChar(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i > start)
        {
            return i;
        }

        // A number with a leading sign or point: [-+.]?\d[\d.e]*
        if (text[i] == '-' || text[i] == '+' || text[i] == '.')
        {
            i++;
        }

        if (i >= text.Length || !IsAsciiDigit(text[i]))
        {
            return start;
        }

        while (i < text.Length && (IsAsciiDigit(text[i]) || text[i] == '.' || text[i] == 'e'))
        {
            i++;
        }

        return i;
    }

    /// <summary>A literal or a variable, as Django's <c>Variable</c>.</summary>
    internal Operand CompileOperand(string text, Token token, int offsetInContents)
    {
        var location = Location(token, offsetInContents);
        var number = ParseNumber(text);
        if (number is not null)
        {
            return new LiteralOperand(text, number, location);
        }

        var unwrapped = text;
        if (unwrapped.Length >= 3 && unwrapped[0] == '_' && unwrapped[1] == '(' && unwrapped[unwrapped.Length - 1] == ')')
        {
            // Marked for translation: there is no translation catalog, so it is the string itself.
            unwrapped = unwrapped.Substring(2, unwrapped.Length - 3);
        }

        if (unwrapped.Length >= 2 && (unwrapped[0] == '"' || unwrapped[0] == '\'') && unwrapped[unwrapped.Length - 1] == unwrapped[0])
        {
            var quote = unwrapped[0].ToString();
            var value = unwrapped.Substring(1, unwrapped.Length - 2).Replace("\\" + quote, quote).Replace("\\\\", "\\");
            return new LiteralOperand(text, value, location);
        }

        switch (text)
        {
            // Django's context always holds these three names.
            case "True":
                return new LiteralOperand(text, true, location);
            case "False":
                return new LiteralOperand(text, false, location);
            case "None":
                return new LiteralOperand(text, null, location);
        }

        if (text.Length == 0 || text[0] == '_' || text.IndexOf("._", System.StringComparison.Ordinal) >= 0)
        {
            throw Error(token, offsetInContents, "Variables and attributes may not begin with underscores: '" + text + "'.");
        }

        if (!IsVariableName(text))
        {
            throw Error(token, offsetInContents, "'" + text + "' is not a valid variable name.");
        }

        var parts = text.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Intern(parts[i]);
        }

        return new VariableOperand(text, parts, location);
    }

    /// <summary>Python's <c>float()</c> when the text has a point or an exponent, <c>int()</c> otherwise; null for anything else.</summary>
    private static object? ParseNumber(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var isFloat = text.IndexOf('.') >= 0 || text.IndexOf('e') >= 0 || text.IndexOf('E') >= 0;
        var i = 0;
        if (text[0] == '-' || text[0] == '+')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (!isFloat)
        {
            if (digits == 0 || i != text.Length)
            {
                return null;
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return integer is >= int.MinValue and <= int.MaxValue ? (object)(int)integer : integer;
            }

            return double.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return null;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return null;
            }
        }

        // Django rejects "2." although Python's float() accepts it.
        if (i != text.Length || text[text.Length - 1] == '.')
        {
            return null;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static bool IsVariableName(string text)
    {
        foreach (var ch in text)
        {
            if (!IsWordChar(ch) && ch != '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Python's <c>\w</c>: a letter, digit or underscore, Unicode included.</summary>
    internal static bool IsWordChar(char ch) => char.IsLetterOrDigit(ch) || ch == '_';

    private static bool IsAsciiDigit(char ch) => ch >= '0' && ch <= '9';

    // ----- Keyword arguments -----

    /// <summary>
    /// Reads <c>name=value</c> arguments from <paramref name="bits"/> starting at <paramref name="index"/>, as Django's
    /// <c>token_kwargs</c>; with <paramref name="allowLegacy"/> also <c>value as name [and value as name]</c>.
    /// Stops at the first bit that isn't an argument and returns the index it stopped at.
    /// </summary>
    private List<Assignment> ReadAssignments(List<TagBit> bits, ref int index, Token token, bool allowLegacy)
    {
        var assignments = new List<Assignment>();
        if (index >= bits.Count)
        {
            return assignments;
        }

        var keywordFormat = KeywordName(bits[index].Text) is not null;
        if (!keywordFormat && (!allowLegacy || index + 2 >= bits.Count || bits[index + 1].Text != "as"))
        {
            return assignments;
        }

        while (index < bits.Count)
        {
            if (keywordFormat)
            {
                var bit = bits[index];
                var name = KeywordName(bit.Text);
                if (name is null)
                {
                    return assignments;
                }

                var value = new TagBit(bit.Text.Substring(name.Length + 1), bit.Offset + name.Length + 1);
                assignments.Add(new Assignment(Intern(name), CompileFilter(value, token)));
                index++;
            }
            else
            {
                if (index + 2 >= bits.Count || bits[index + 1].Text != "as")
                {
                    return assignments;
                }

                assignments.Add(new Assignment(Intern(bits[index + 2].Text), CompileFilter(bits[index], token)));
                index += 3;
                if (index < bits.Count)
                {
                    if (bits[index].Text != "and")
                    {
                        return assignments;
                    }

                    index++;
                }
            }
        }

        return assignments;
    }

    /// <summary>The <c>name</c> of a <c>name=value</c> bit (Django's <c>(\w+)=(.+)</c>), or null.</summary>
    private static string? KeywordName(string bit)
    {
        var i = 0;
        while (i < bit.Length && IsWordChar(bit[i]))
        {
            i++;
        }

        return i > 0 && i + 1 < bit.Length && bit[i] == '=' ? bit.Substring(0, i) : null;
    }
}
