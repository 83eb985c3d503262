// Syntax/ is shared as source with the netstandard2.0 generator: keep it to APIs netstandard2.0 has
// (no spans, ranges, records or init accessors) and to explicit usings.
using System.Collections.Generic;

namespace Micro.Templates;

/// <summary>What a <see cref="Token"/> is: literal text or one of the three kinds of tag.</summary>
public enum TokenKind
{
    /// <summary>Text between tags, copied to the output.</summary>
    Text,

    /// <summary><c>{{ ... }}</c></summary>
    Variable,

    /// <summary><c>{% ... %}</c></summary>
    Block,

    /// <summary><c>{# ... #}</c></summary>
    Comment,
}

/// <summary>One piece of a template's source, with where it starts.</summary>
public sealed class Token
{
    public Token(TokenKind kind, string contents, int position, int contentsPosition, int line, int column)
    {
        Kind = kind;
        Contents = contents;
        Position = position;
        ContentsPosition = contentsPosition;
        Line = line;
        Column = column;
    }

    public TokenKind Kind { get; }

    /// <summary>The text of a text token, or the trimmed inside of a tag (<c>if x</c> for <c>{% if x %}</c>).</summary>
    public string Contents { get; }

    /// <summary>Index of the token's first character in the source.</summary>
    public int Position { get; }

    /// <summary>Index of <see cref="Contents"/>' first character in the source.</summary>
    public int ContentsPosition { get; }

    /// <summary>1-based line of the token's first character.</summary>
    public int Line { get; }

    /// <summary>1-based column of the token's first character.</summary>
    public int Column { get; }

    /// <summary>The tag's name: the first word of a block tag's contents.</summary>
    public string Command
    {
        get
        {
            var end = 0;
            while (end < Contents.Length && !char.IsWhiteSpace(Contents[end]))
            {
                end++;
            }

            return Contents.Substring(0, end);
        }
    }

    /// <summary>The column of a character of <see cref="Contents"/>: tags never span lines, so it is an offset from the token's column.</summary>
    public int ColumnAt(int offsetInContents) => Column + (ContentsPosition - Position) + offsetInContents;

    public override string ToString() => Kind switch
    {
        TokenKind.Variable => "{{ " + Contents + " }}",
        TokenKind.Block => "{% " + Contents + " %}",
        TokenKind.Comment => "{# " + Contents + " #}",
        _ => Contents,
    };
}

/// <summary>
/// Splits template source into text and tags exactly as Django's lexer does: a tag opens with
/// <c>{{</c>, <c>{%</c> or <c>{#</c> and closes at the first matching delimiter on the same line; an
/// opening delimiter without a closing one on its line is plain text. Inside <c>{% verbatim %}</c>
/// every tag is text until the matching <c>{% endverbatim %}</c>.
/// </summary>
public static class Lexer
{
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var position = new SourcePosition(source);
        string? verbatimEnd = null;
        var textStart = 0;
        var i = 0;
        while (i < source.Length - 1)
        {
            i = source.IndexOf('{', i);
            if (i < 0 || i >= source.Length - 1)
            {
                break;
            }

            var closing = source[i + 1] switch
            {
                '{' => "}}",
                '%' => "%}",
                '#' => "#}",
                _ => null,
            };
            if (closing is null)
            {
                i++;
                continue;
            }

            var end = source.IndexOf(closing, i + 2, System.StringComparison.Ordinal);
            if (end < 0 || source.IndexOf('\n', i + 2, end - i - 2) >= 0)
            {
                i++;
                continue;
            }

            var kind = closing[0] == '}' ? TokenKind.Variable : closing[0] == '%' ? TokenKind.Block : TokenKind.Comment;
            var (contentsStart, contentsLength) = Trim(source, i + 2, end);
            var contents = source.Substring(contentsStart, contentsLength);
            if (verbatimEnd is not null)
            {
                if (kind == TokenKind.Block && contents == verbatimEnd)
                {
                    verbatimEnd = null;
                }
                else
                {
                    // Inside {% verbatim %}: the tag stays part of the surrounding text.
                    i = end + 2;
                    continue;
                }
            }

            if (i > textStart)
            {
                tokens.Add(position.Create(TokenKind.Text, source.Substring(textStart, i - textStart), textStart, textStart));
            }

            if (kind == TokenKind.Block && (contents == "verbatim" || contents.StartsWith("verbatim ", System.StringComparison.Ordinal)))
            {
                verbatimEnd = "end" + contents;
            }

            tokens.Add(position.Create(kind, contents, i, contentsStart));
            i = end + 2;
            textStart = i;
        }

        if (textStart < source.Length)
        {
            tokens.Add(position.Create(TokenKind.Text, source.Substring(textStart), textStart, textStart));
        }

        return tokens;
    }

    private static (int Start, int Length) Trim(string source, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(source[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(source[end - 1]))
        {
            end--;
        }

        return (start, end - start);
    }

    /// <summary>Turns increasing source indexes into lines and columns without rescanning the source.</summary>
    private sealed class SourcePosition(string source)
    {
        private int _scanned;
        private int _line = 1;
        private int _lineStart;

        public Token Create(TokenKind kind, string contents, int position, int contentsPosition)
        {
            while (_scanned < position)
            {
                if (source[_scanned] == '\n')
                {
                    _line++;
                    _lineStart = _scanned + 1;
                }

                _scanned++;
            }

            return new Token(kind, contents, position, contentsPosition, _line, position - _lineStart + 1);
        }
    }
}
