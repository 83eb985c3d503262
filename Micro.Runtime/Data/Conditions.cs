namespace Micro.Data;

/// <summary>
/// A condition on rows of <typeparamref name="TModel"/>, as Django's <c>Q</c> objects: combine with <c>&amp;</c>
/// and <c>|</c>, negate with <c>!</c>. Values are always sent as parameters.
/// </summary>
public abstract class Condition<TModel>
    where TModel : class
{
    private protected Condition()
    {
    }

    internal abstract void Render(SqlBuilder sql);

    public static Condition<TModel> operator &(Condition<TModel> left, Condition<TModel> right) => new AndCondition<TModel>(left, right);

    public static Condition<TModel> operator |(Condition<TModel> left, Condition<TModel> right) => new OrCondition<TModel>(left, right);

    public static Condition<TModel> operator !(Condition<TModel> condition) => new NotCondition<TModel>(condition);

    /// <summary>
    /// A comparison on a nullable column also requires the column to be non-NULL, so that its negation keeps
    /// the NULL rows, as Django's <c>exclude()</c> does.
    /// </summary>
    private protected static void NotNullGuard(SqlBuilder sql, ColumnInfo column, Action<SqlBuilder> render) => NotNullGuard(sql, [column], render);

    /// <summary>As above, for a comparison that reads several columns (one with an <c>F()</c>-style expression): each nullable one is non-NULL.</summary>
    private protected static void NotNullGuard(SqlBuilder sql, ReadOnlySpan<ColumnInfo> columns, Action<SqlBuilder> render)
    {
        var guarded = false;
        for (var i = 0; i < columns.Length; i++)
        {
            if (!columns[i].IsNullable || IsEarlier(columns, i))
            {
                continue;
            }

            if (!guarded)
            {
                sql.Append("(");
                render(sql);
                guarded = true;
            }

            sql.Append(" AND ").Column(columns[i]).Append(" IS NOT NULL");
        }

        if (guarded)
        {
            sql.Append(")");
        }
        else
        {
            render(sql);
        }

        static bool IsEarlier(ReadOnlySpan<ColumnInfo> columns, int index)
        {
            for (var j = 0; j < index; j++)
            {
                if (columns[j].Name == columns[index].Name)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

internal sealed class ComparisonCondition<TModel>(ColumnInfo column, string op, object value) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql) =>
        NotNullGuard(sql, column, s => s.Dialect.AppendComparison(s, column, op, value));
}

internal sealed class RangeCondition<TModel>(ColumnInfo column, object low, object high) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql) =>
        NotNullGuard(sql, column, s =>
        {
            s.Append("(");
            s.Dialect.AppendComparison(s, column, ">=", low);
            s.Append(" AND ");
            s.Dialect.AppendComparison(s, column, "<=", high);
            s.Append(")");
        });
}

internal sealed class InCondition<TModel>(ColumnInfo column, object?[] values) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql)
    {
        // NULL is never IN a list; nor is a value the database can't store (PostgreSQL's text with a NUL).
        var present = values.Where(v => v is not null && sql.Dialect.CannotStore(v) is null).ToArray();
        if (present.Length == 0)
        {
            sql.Append("0 = 1");
            return;
        }

        NotNullGuard(sql, column, s =>
        {
            s.Dialect.AppendCompared(s, column);
            s.Append(" IN (");
            for (var i = 0; i < present.Length; i++)
            {
                s.Append(i == 0 ? "" : ", ").Parameter(s.Dialect.ComparedValue(column, present[i]!));
            }

            s.Append(")");
        });
    }
}

/// <summary>A part of a date equal to a number (Django's <c>__month</c>); its negation keeps the NULL rows, as <c>exclude()</c>.</summary>
internal sealed class DatePartCondition<TModel>(ColumnInfo column, Type dateType, DatePart part, int value) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql) =>
        NotNullGuard(sql, column, s =>
        {
            s.Dialect.AppendDatePart(s, column, dateType, part);
            s.Append(" = ").Parameter(value);
        });
}

internal sealed class NullCondition<TModel>(ColumnInfo column, bool isNull) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql) => sql.Column(column).Append(isNull ? " IS NULL" : " IS NOT NULL");
}

/// <summary>Django's text lookups.</summary>
public enum TextMatch
{
    Contains,
    IContains,
    StartsWith,
    IStartsWith,
    EndsWith,
    IEndsWith,
    IExact,
}

internal sealed class TextCondition<TModel>(ColumnInfo column, TextMatch match, string value) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql) =>
        NotNullGuard(sql, column, s => s.Dialect.AppendTextMatch(s, column, match, value));
}

internal sealed class AndCondition<TModel>(Condition<TModel> left, Condition<TModel> right) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql)
    {
        sql.Append("(");
        left.Render(sql);
        sql.Append(" AND ");
        right.Render(sql);
        sql.Append(")");
    }
}

internal sealed class OrCondition<TModel>(Condition<TModel> left, Condition<TModel> right) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql)
    {
        sql.Append("(");
        left.Render(sql);
        sql.Append(" OR ");
        right.Render(sql);
        sql.Append(")");
    }
}

internal sealed class NotCondition<TModel>(Condition<TModel> condition) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql)
    {
        sql.Append("NOT (");
        condition.Render(sql);
        sql.Append(")");
    }
}

/// <summary>A condition rendered by a callback: relation lookups, which open a subquery.</summary>
internal sealed class CustomCondition<TModel>(Action<SqlBuilder> render) : Condition<TModel>
    where TModel : class
{
    internal override void Render(SqlBuilder sql) => render(sql);
}
