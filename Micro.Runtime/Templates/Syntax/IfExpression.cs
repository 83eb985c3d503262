using System.Collections.Generic;

namespace Micro.Templates;

/// <summary>The operators of <c>{% if %}</c>.</summary>
public enum IfOperator
{
    Or,
    And,
    Not,
    In,
    NotIn,
    Is,
    IsNot,
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

/// <summary>A condition of <c>{% if %}</c> or <c>{% elif %}</c>.</summary>
public abstract partial class IfCondition
{
    /// <summary>The expressions the condition compares, left to right.</summary>
    public abstract IEnumerable<FilterExpression> Operands { get; }
}

/// <summary>A value tested for truth or compared.</summary>
public sealed partial class IfValue : IfCondition
{
    public IfValue(FilterExpression expression) => Expression = expression;

    public FilterExpression Expression { get; }

    public override IEnumerable<FilterExpression> Operands => new[] { Expression };

    public override string ToString() => Expression.Text;
}

/// <summary><c>not x</c></summary>
public sealed partial class IfNot : IfCondition
{
    public IfNot(IfCondition operand) => Operand = operand;

    public IfCondition Operand { get; }

    public override IEnumerable<FilterExpression> Operands => Operand.Operands;

    public override string ToString() => "(not " + Operand + ")";
}

/// <summary><c>x op y</c></summary>
public sealed partial class IfBinary : IfCondition
{
    public IfBinary(IfOperator @operator, IfCondition left, IfCondition right)
    {
        Operator = @operator;
        Left = left;
        Right = right;
    }

    public IfOperator Operator { get; }

    public IfCondition Left { get; }

    public IfCondition Right { get; }

    public override IEnumerable<FilterExpression> Operands
    {
        get
        {
            foreach (var operand in Left.Operands)
            {
                yield return operand;
            }

            foreach (var operand in Right.Operands)
            {
                yield return operand;
            }
        }
    }

    public override string ToString() => "(" + Left + " " + IfExpressionParser.Spelling(Operator) + " " + Right + ")";
}

/// <summary>
/// Parses the words of an <c>if</c> tag by precedence (Pratt parsing), with Django's binding powers:
/// <c>or</c> 6, <c>and</c> 7, <c>not</c> 8, <c>in</c>/<c>not in</c> 9, comparisons and <c>is</c> 10.
/// </summary>
internal sealed class IfExpressionParser
{
    private readonly List<Word> _words;
    private readonly System.Func<TagBit, FilterExpression> _compileOperand;
    private readonly System.Func<string, int, System.Exception> _error;
    private const int MaxDepth = 200;

    private int _position;
    private int _depth;

    private IfExpressionParser(List<Word> words, System.Func<TagBit, FilterExpression> compileOperand, System.Func<string, int, System.Exception> error)
    {
        _words = words;
        _compileOperand = compileOperand;
        _error = error;
    }

    /// <summary>Parses <paramref name="bits"/>; <paramref name="error"/> makes an exception for a message and the offending bit's index (-1 for the end).</summary>
    public static IfCondition Parse(IReadOnlyList<TagBit> bits, System.Func<TagBit, FilterExpression> compileOperand, System.Func<string, int, System.Exception> error)
    {
        var words = new List<Word>();
        for (var i = 0; i < bits.Count; i++)
        {
            var text = bits[i].Text;
            if (text == "is" && i + 1 < bits.Count && bits[i + 1].Text == "not")
            {
                words.Add(new Word(bits[i], IfOperator.IsNot, "is not", i));
                i++;
            }
            else if (text == "not" && i + 1 < bits.Count && bits[i + 1].Text == "in")
            {
                words.Add(new Word(bits[i], IfOperator.NotIn, "not in", i));
                i++;
            }
            else
            {
                var op = Operator(text);
                words.Add(op is null ? new Word(bits[i], null, text, i) : new Word(bits[i], op.Value, text, i));
            }
        }

        var parser = new IfExpressionParser(words, compileOperand, error);
        var condition = parser.Expression(0);
        if (parser._position < words.Count)
        {
            var unused = words[parser._position];
            throw error("Unused '" + unused.Display + "' at end of if expression.", unused.BitIndex);
        }

        return condition;
    }

    internal static string Spelling(IfOperator op) => op switch
    {
        IfOperator.Or => "or",
        IfOperator.And => "and",
        IfOperator.Not => "not",
        IfOperator.In => "in",
        IfOperator.NotIn => "not in",
        IfOperator.Is => "is",
        IfOperator.IsNot => "is not",
        IfOperator.Equal => "==",
        IfOperator.NotEqual => "!=",
        IfOperator.Greater => ">",
        IfOperator.GreaterOrEqual => ">=",
        IfOperator.Less => "<",
        _ => "<=",
    };

    private static IfOperator? Operator(string text) => text switch
    {
        "or" => IfOperator.Or,
        "and" => IfOperator.And,
        "not" => IfOperator.Not,
        "in" => IfOperator.In,
        "is" => IfOperator.Is,
        "==" => IfOperator.Equal,
        "!=" => IfOperator.NotEqual,
        ">" => IfOperator.Greater,
        ">=" => IfOperator.GreaterOrEqual,
        "<" => IfOperator.Less,
        "<=" => IfOperator.LessOrEqual,
        _ => null,
    };

    private static int BindingPower(IfOperator op) => op switch
    {
        IfOperator.Or => 6,
        IfOperator.And => 7,
        IfOperator.Not => 8,
        IfOperator.In or IfOperator.NotIn => 9,
        _ => 10,
    };

    private IfCondition Expression(int rightBindingPower)
    {
        if (++_depth > MaxDepth)
        {
            throw _error("The if expression is nested too deeply.", -1);
        }

        var left = Prefix();
        while (_position < _words.Count)
        {
            var word = _words[_position];
            if (word.Operator is not { } op || rightBindingPower >= BindingPower(op))
            {
                // A literal here has binding power 0, so it ends the loop and is reported as unused.
                break;
            }

            _position++;
            if (op == IfOperator.Not)
            {
                throw _error("Not expecting 'not' as infix operator in if tag.", word.BitIndex);
            }

            left = new IfBinary(op, left, Expression(BindingPower(op)));
        }

        _depth--;
        return left;
    }

    private IfCondition Prefix()
    {
        if (_position >= _words.Count)
        {
            throw _error("Unexpected end of expression in if tag.", -1);
        }

        var word = _words[_position++];
        if (word.Operator is null)
        {
            return new IfValue(_compileOperand(word.Bit));
        }

        if (word.Operator == IfOperator.Not)
        {
            return new IfNot(Expression(BindingPower(IfOperator.Not)));
        }

        throw _error("Not expecting '" + word.Display + "' in this position in if tag.", word.BitIndex);
    }

    private sealed class Word
    {
        public Word(TagBit bit, IfOperator? op, string display, int bitIndex)
        {
            Bit = bit;
            Operator = op;
            Display = display;
            BitIndex = bitIndex;
        }

        public TagBit Bit { get; }

        public IfOperator? Operator { get; }

        public string Display { get; }

        public int BitIndex { get; }
    }
}
