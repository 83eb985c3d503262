using System.ComponentModel;
using System.Globalization;

namespace Micro.Data;

/// <summary>
/// A number column (an integer, floating-point or decimal property that isn't an enum): besides the lookups, arithmetic that the
/// database computes, as Django's <c>F()</c> expressions. <c>Update(c =&gt; c.Votes.Set(c.Votes + 1))</c> adds one to every
/// matching row in one statement, so concurrent votes all count, and <c>Filter(p =&gt; p.Views.Gt(p.Likes * 10))</c> compares
/// columns of the same row.
/// </summary>
public sealed class NumberField<TModel, TValue> : Field<TModel, TValue>
    where TModel : class
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    public NumberField(ColumnInfo column)
        : base(column)
    {
    }

    public static ColumnExpression<TModel, TValue> operator +(NumberField<TModel, TValue> left, TValue right) => Of(left).Combine("+", right);

    public static ColumnExpression<TModel, TValue> operator +(TValue left, NumberField<TModel, TValue> right) => ColumnExpression<TModel, TValue>.Value(left).Combine("+", right);

    public static ColumnExpression<TModel, TValue> operator +(NumberField<TModel, TValue> left, NumberField<TModel, TValue> right) => Of(left).Combine("+", right);

    public static ColumnExpression<TModel, TValue> operator -(NumberField<TModel, TValue> left, TValue right) => Of(left).Combine("-", right);

    public static ColumnExpression<TModel, TValue> operator -(TValue left, NumberField<TModel, TValue> right) => ColumnExpression<TModel, TValue>.Value(left).Combine("-", right);

    public static ColumnExpression<TModel, TValue> operator -(NumberField<TModel, TValue> left, NumberField<TModel, TValue> right) => Of(left).Combine("-", right);

    public static ColumnExpression<TModel, TValue> operator *(NumberField<TModel, TValue> left, TValue right) => Of(left).Combine("*", right);

    public static ColumnExpression<TModel, TValue> operator *(TValue left, NumberField<TModel, TValue> right) => ColumnExpression<TModel, TValue>.Value(left).Combine("*", right);

    public static ColumnExpression<TModel, TValue> operator *(NumberField<TModel, TValue> left, NumberField<TModel, TValue> right) => Of(left).Combine("*", right);

    /// <summary>Division as the database divides: integer columns divide to a whole number (truncated towards zero, as C#).</summary>
    public static ColumnExpression<TModel, TValue> operator /(NumberField<TModel, TValue> left, TValue right) => Of(left).Combine("/", right);

    /// <inheritdoc cref="op_Division(NumberField{TModel, TValue}, TValue)"/>
    public static ColumnExpression<TModel, TValue> operator /(TValue left, NumberField<TModel, TValue> right) => ColumnExpression<TModel, TValue>.Value(left).Combine("/", right);

    /// <inheritdoc cref="op_Division(NumberField{TModel, TValue}, TValue)"/>
    public static ColumnExpression<TModel, TValue> operator /(NumberField<TModel, TValue> left, NumberField<TModel, TValue> right) => Of(left).Combine("/", right);

    private static ColumnExpression<TModel, TValue> Of(NumberField<TModel, TValue> field) => field;
}

/// <summary>
/// A value the database computes from a row's columns (Django's <c>F("votes") + 1</c>): a column, or numbers and number
/// columns combined with <c>+ - * /</c>. For a queryset's <c>Update</c> (<c>Set</c>) and for comparing with a column
/// (<c>Exact</c>, <c>Gt</c>, <c>Gte</c>, <c>Lt</c>, <c>Lte</c>). A NULL anywhere in it makes it NULL, as in SQL.
/// </summary>
public readonly struct ColumnExpression<TModel, TValue>
    where TModel : class
{
    private readonly ExpressionNode? _node;

    private ColumnExpression(ExpressionNode node) => _node = node;

    internal ExpressionNode Node => _node ?? throw new InvalidOperationException("An empty ColumnExpression stands for no column; make one from a field, such as p.Views + 1.");

    /// <summary>The value of <paramref name="field"/>'s column in the same row (Django's <c>F("name")</c>).</summary>
    public static implicit operator ColumnExpression<TModel, TValue>(Field<TModel, TValue> field) =>
        new(new ColumnNode(field?.Column ?? throw new ArgumentNullException(nameof(field))));

    public static ColumnExpression<TModel, TValue> operator +(ColumnExpression<TModel, TValue> left, ColumnExpression<TModel, TValue> right) => left.Combine("+", right);

    public static ColumnExpression<TModel, TValue> operator +(ColumnExpression<TModel, TValue> left, TValue right) => left.Combine("+", right);

    public static ColumnExpression<TModel, TValue> operator +(TValue left, ColumnExpression<TModel, TValue> right) => Value(left).Combine("+", right);

    public static ColumnExpression<TModel, TValue> operator -(ColumnExpression<TModel, TValue> left, ColumnExpression<TModel, TValue> right) => left.Combine("-", right);

    public static ColumnExpression<TModel, TValue> operator -(ColumnExpression<TModel, TValue> left, TValue right) => left.Combine("-", right);

    public static ColumnExpression<TModel, TValue> operator -(TValue left, ColumnExpression<TModel, TValue> right) => Value(left).Combine("-", right);

    public static ColumnExpression<TModel, TValue> operator *(ColumnExpression<TModel, TValue> left, ColumnExpression<TModel, TValue> right) => left.Combine("*", right);

    public static ColumnExpression<TModel, TValue> operator *(ColumnExpression<TModel, TValue> left, TValue right) => left.Combine("*", right);

    public static ColumnExpression<TModel, TValue> operator *(TValue left, ColumnExpression<TModel, TValue> right) => Value(left).Combine("*", right);

    public static ColumnExpression<TModel, TValue> operator /(ColumnExpression<TModel, TValue> left, ColumnExpression<TModel, TValue> right) => left.Combine("/", right);

    public static ColumnExpression<TModel, TValue> operator /(ColumnExpression<TModel, TValue> left, TValue right) => left.Combine("/", right);

    public static ColumnExpression<TModel, TValue> operator /(TValue left, ColumnExpression<TModel, TValue> right) => Value(left).Combine("/", right);

    public override string ToString() => _node?.ToString() ?? "";

    internal static ColumnExpression<TModel, TValue> Value(TValue value) => new(new ValueNode(value));

    internal ColumnExpression<TModel, TValue> Combine(string op, TValue right) => Combine(op, Value(right));

    internal ColumnExpression<TModel, TValue> Combine(string op, ColumnExpression<TModel, TValue> right) => new(BinaryNode.Create(Node, op, right.Node));
}

/// <summary>A part of a <see cref="ColumnExpression{TModel, TValue}"/>, rendered into SQL with every value a parameter.</summary>
internal abstract class ExpressionNode
{
    /// <summary>Appends the SQL; <paramref name="arithmetic"/> when it is an operand of <c>+ - * /</c>.</summary>
    public abstract void Render(SqlBuilder sql, bool arithmetic);

    /// <summary>The columns it reads.</summary>
    public abstract IEnumerable<ColumnInfo> Columns { get; }

    /// <summary>Whether it reads a decimal column (its values are then decimals too): SQLite keeps those as text and compares them as numbers only when told.</summary>
    public bool HasDecimal => Columns.Any(static c => c.Kind == ColumnKind.Decimal);
}

internal sealed class ColumnNode(ColumnInfo column) : ExpressionNode
{
    public ColumnInfo Column { get; } = column;

    public override IEnumerable<ColumnInfo> Columns => [Column];

    public override void Render(SqlBuilder sql, bool arithmetic)
    {
        if (arithmetic)
        {
            sql.Dialect.AppendNumber(sql, Column);
        }
        else
        {
            sql.Column(Column);
        }
    }

    public override string ToString() => Column.Property;
}

internal sealed class ValueNode(object? value) : ExpressionNode
{
    public object? Value { get; } = value;

    public override IEnumerable<ColumnInfo> Columns => [];

    public override void Render(SqlBuilder sql, bool arithmetic) => sql.Parameter(Value);

    public override string ToString() => Value switch
    {
        null => "NULL",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };
}

internal sealed class BinaryNode : ExpressionNode
{
    private BinaryNode(ExpressionNode left, string op, ExpressionNode right)
    {
        Left = left;
        Op = op;
        Right = right;
    }

    public ExpressionNode Left { get; }

    public string Op { get; }

    public ExpressionNode Right { get; }

    public override IEnumerable<ColumnInfo> Columns => Left.Columns.Concat(Right.Columns);

    /// <summary>Combines two parts; arithmetic is for number columns only (a text column's <c>+</c> would mean other things to each database).</summary>
    public static BinaryNode Create(ExpressionNode left, string op, ExpressionNode right)
    {
        foreach (var column in left.Columns.Concat(right.Columns))
        {
            if (column.Kind is not (ColumnKind.Integer or ColumnKind.Real or ColumnKind.Decimal))
            {
                throw new ArgumentException($"{column.Property} is a {column.Kind.ToString().ToLowerInvariant()} column; '{op}' combines number columns only.");
            }
        }

        return new BinaryNode(left, op, right);
    }

    public override void Render(SqlBuilder sql, bool arithmetic)
    {
        sql.Append("(");
        Left.Render(sql, arithmetic: true);
        sql.Append(" ").Append(Op).Append(" ");
        Right.Render(sql, arithmetic: true);
        sql.Append(")");
    }

    public override string ToString() => $"({Left} {Op} {Right})";
}

/// <summary>A column compared with a <see cref="ColumnExpression{TModel, TValue}"/> of the same row.</summary>
internal sealed class ExpressionComparisonCondition<TModel>(ColumnInfo column, string op, ExpressionNode expression) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql) =>
        // As Django's exclude(a__gt=F("b")): every nullable column either side reads is non-NULL, so that the negation keeps the
        // rows where the comparison is unknown.
        NotNullGuard(sql, [column, .. expression.Columns], s =>
        {
            // SQLite keeps decimals as text: compare them as numbers.
            var numeric = column.Kind == ColumnKind.Decimal || expression.HasDecimal;
            if (!numeric && expression is ColumnNode other)
            {
                // Two columns (spans, offsets, dates, text): as lookups compare them.
                s.Dialect.AppendCompared(s, column);
                s.Append(" ").Append(op).Append(" ");
                s.Dialect.AppendCompared(s, other.Column);
                return;
            }

            new ColumnNode(column).Render(s, arithmetic: numeric);
            s.Append(" ").Append(op).Append(" ");
            expression.Render(s, arithmetic: numeric);
        });
}
