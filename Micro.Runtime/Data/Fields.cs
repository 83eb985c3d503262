using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Micro.Data;

/// <summary>
/// The fields of <typeparamref name="TModel"/> for queries: <c>db.Posts.Filter(p =&gt; p.Year.Gte(2020))</c>.
/// The generator adds one property per column and relation, so a wrong name or value type is a compile error.
/// </summary>
public sealed class Fields<TModel>
    where TModel : class
{
    internal static readonly Fields<TModel> Instance = new();

    private Fields()
    {
    }
}

/// <summary>A column of <typeparamref name="TModel"/>, for ordering.</summary>
public abstract class Field<TModel>
    where TModel : class
{
    private protected Field(ColumnInfo column) => Column = column;

    public ColumnInfo Column { get; }

    public override string ToString() => Column.Property;
}

/// <summary>A column of <typeparamref name="TModel"/> holding <typeparamref name="TValue"/>, with Django's field lookups.</summary>
public class Field<TModel, TValue> : Field<TModel>
    where TModel : class
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Field(ColumnInfo column)
        : base(column)
    {
    }

    /// <summary>Equal to <paramref name="value"/>; <c>Exact(null)</c> is <c>IS NULL</c>, as in Django.</summary>
    [OverloadResolutionPriority(1)] // Exact(null) and Set(null) mean NULL, not a column.
    public Condition<TModel> Exact(TValue value) =>
        value is null ? new NullCondition<TModel>(Column, isNull: true) : new ComparisonCondition<TModel>(Column, "=", value);

    [OverloadResolutionPriority(1)]
    public Condition<TModel> Gt(TValue value) => new ComparisonCondition<TModel>(Column, ">", NotNull(value, nameof(Gt)));

    [OverloadResolutionPriority(1)]
    public Condition<TModel> Gte(TValue value) => new ComparisonCondition<TModel>(Column, ">=", NotNull(value, nameof(Gte)));

    [OverloadResolutionPriority(1)]
    public Condition<TModel> Lt(TValue value) => new ComparisonCondition<TModel>(Column, "<", NotNull(value, nameof(Lt)));

    [OverloadResolutionPriority(1)]
    public Condition<TModel> Lte(TValue value) => new ComparisonCondition<TModel>(Column, "<=", NotNull(value, nameof(Lte)));

    /// <summary>Between <paramref name="low"/> and <paramref name="high"/>, both included, as Django's <c>range</c>.</summary>
    public Condition<TModel> Range(TValue low, TValue high) =>
        new RangeCondition<TModel>(Column, NotNull(low, nameof(Range)), NotNull(high, nameof(Range)));

    /// <summary>One of <paramref name="values"/>; none matches an empty list.</summary>
    public Condition<TModel> In(params IEnumerable<TValue> values) =>
        new InCondition<TModel>(Column, values.Select(static v => (object?)v).ToArray());

    /// <summary><c>IS NULL</c>, or <c>IS NOT NULL</c> with <c>false</c>.</summary>
    public Condition<TModel> IsNull(bool isNull = true) => new NullCondition<TModel>(Column, isNull);

    /// <summary>Sets the column to <paramref name="value"/> in a queryset's <c>Update</c>.</summary>
    [OverloadResolutionPriority(1)] // Exact(null) and Set(null) mean NULL, not a column.
    public Assignment<TModel> Set(TValue value) => new(Column, value);

    /// <summary>
    /// Sets the column to what the database computes from each row, as Django's <c>update(views=F("views") + 1)</c>:
    /// <c>Update(p =&gt; p.Views.Set(p.Views + 1))</c> counts every concurrent request, where reading, adding and saving would
    /// lose some.
    /// </summary>
    public Assignment<TModel> Set(ColumnExpression<TModel, TValue> expression) => new(Column, expression.Node);

    /// <summary>Equal to a column of the same row, or a value computed from its columns (Django's <c>F()</c>).</summary>
    public Condition<TModel> Exact(ColumnExpression<TModel, TValue> expression) => Compare("=", expression);

    /// <inheritdoc cref="Exact(ColumnExpression{TModel, TValue})"/>
    public Condition<TModel> Gt(ColumnExpression<TModel, TValue> expression) => Compare(">", expression);

    /// <inheritdoc cref="Exact(ColumnExpression{TModel, TValue})"/>
    public Condition<TModel> Gte(ColumnExpression<TModel, TValue> expression) => Compare(">=", expression);

    /// <inheritdoc cref="Exact(ColumnExpression{TModel, TValue})"/>
    public Condition<TModel> Lt(ColumnExpression<TModel, TValue> expression) => Compare("<", expression);

    /// <inheritdoc cref="Exact(ColumnExpression{TModel, TValue})"/>
    public Condition<TModel> Lte(ColumnExpression<TModel, TValue> expression) => Compare("<=", expression);

    private ExpressionComparisonCondition<TModel> Compare(string op, ColumnExpression<TModel, TValue> expression) => new(Column, op, expression.Node);

    private object NotNull(TValue value, string lookup) =>
        value ?? throw new ArgumentNullException(nameof(value), $"{Column.Property}.{lookup}(null) compares with nothing; use IsNull() to find NULLs.");
}

/// <summary>A text column, with Django's text lookups besides the others.</summary>
public sealed class TextField<TModel, TValue> : Field<TModel, TValue>
    where TModel : class
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    public TextField(ColumnInfo column)
        : base(column)
    {
    }

    /// <summary>Contains <paramref name="value"/>, case-sensitively.</summary>
    public Condition<TModel> Contains(string value) => Text(TextMatch.Contains, value);

    /// <summary>Contains <paramref name="value"/>, ignoring case (ASCII letters on SQLite, as Django there).</summary>
    public Condition<TModel> IContains(string value) => Text(TextMatch.IContains, value);

    public Condition<TModel> StartsWith(string value) => Text(TextMatch.StartsWith, value);

    public Condition<TModel> IStartsWith(string value) => Text(TextMatch.IStartsWith, value);

    public Condition<TModel> EndsWith(string value) => Text(TextMatch.EndsWith, value);

    public Condition<TModel> IEndsWith(string value) => Text(TextMatch.IEndsWith, value);

    /// <summary>Equal to <paramref name="value"/>, ignoring case.</summary>
    public Condition<TModel> IExact(string value) => Text(TextMatch.IExact, value);

    private TextCondition<TModel> Text(TextMatch match, string value) =>
        new(Column, match, value ?? throw new ArgumentNullException(nameof(value)));
}

/// <summary>A column and the value an <c>Update</c> sets it to.</summary>
public sealed class Assignment<TModel>
    where TModel : class
{
    internal Assignment(ColumnInfo column, object? value)
    {
        Column = column;
        Value = value;
    }

    internal Assignment(ColumnInfo column, ExpressionNode expression)
    {
        Column = column;
        Expression = expression;
    }

    public ColumnInfo Column { get; }

    /// <summary>The value, unless the database computes it (<see cref="Field{TModel, TValue}.Set(ColumnExpression{TModel, TValue})"/>).</summary>
    public object? Value { get; }

    internal ExpressionNode? Expression { get; }
}
