using System.Globalization;

namespace Micro.Data;

/// <summary>
/// Django's <c>aggregate()</c>, computed by the database in one query: <c>db.Choices.Filter(c =&gt;
/// c.QuestionId.Exact(id)).SumAsync(c =&gt; c.Votes)</c>. NULLs are left out, as SQL and Django leave them. On SQLite, where
/// decimals are kept as text, decimal columns are computed through REAL, as Django's decimals are there.
/// </summary>
public sealed partial class QuerySet<TModel>
{
    /// <summary>The sum of <paramref name="column"/> over the rows, as Django's <c>Sum</c>; 0 when there are none (as LINQ's <c>Sum</c>).</summary>
    /// <exception cref="OverflowException">The sum doesn't fit the column's type.</exception>
    public TValue Sum<TValue>(Func<Fields<TModel>, NumberField<TModel, TValue>> column) =>
        AggregateCore<TValue>("SUM", column(F).Column, async: false, default).GetAwaiter().GetResult()!;

    /// <inheritdoc cref="Sum{TValue}"/>
    public async Task<TValue> SumAsync<TValue>(Func<Fields<TModel>, NumberField<TModel, TValue>> column, CancellationToken cancellationToken = default) =>
        (await AggregateCore<TValue>("SUM", column(F).Column, async: true, cancellationToken))!;

    /// <summary>The mean of <paramref name="column"/> over the rows, as Django's <c>Avg</c>; null when there are none.</summary>
    public double? Average<TValue>(Func<Fields<TModel>, NumberField<TModel, TValue>> column) =>
        AggregateCore<double?>("AVG", column(F).Column, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Average{TValue}"/>
    public Task<double?> AverageAsync<TValue>(Func<Fields<TModel>, NumberField<TModel, TValue>> column, CancellationToken cancellationToken = default) =>
        AggregateCore<double?>("AVG", column(F).Column, async: true, cancellationToken).AsTask();

    /// <summary>The mean of a decimal column, as a decimal (Django's <c>Avg</c> of a <c>DecimalField</c>); null when there are no rows.</summary>
    public decimal? Average(Func<Fields<TModel>, NumberField<TModel, decimal>> column) =>
        AggregateCore<decimal?>("AVG", column(F).Column, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Average(Func{Fields{TModel}, NumberField{TModel, decimal}})"/>
    public decimal? Average(Func<Fields<TModel>, NumberField<TModel, decimal?>> column) =>
        AggregateCore<decimal?>("AVG", column(F).Column, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Average(Func{Fields{TModel}, NumberField{TModel, decimal}})"/>
    public Task<decimal?> AverageAsync(Func<Fields<TModel>, NumberField<TModel, decimal>> column, CancellationToken cancellationToken = default) =>
        AggregateCore<decimal?>("AVG", column(F).Column, async: true, cancellationToken).AsTask();

    /// <inheritdoc cref="Average(Func{Fields{TModel}, NumberField{TModel, decimal}})"/>
    public Task<decimal?> AverageAsync(Func<Fields<TModel>, NumberField<TModel, decimal?>> column, CancellationToken cancellationToken = default) =>
        AggregateCore<decimal?>("AVG", column(F).Column, async: true, cancellationToken).AsTask();

    /// <summary>
    /// The smallest value of <paramref name="column"/>, as Django's <c>Min</c>: a number, a date or a time (the earliest
    /// <c>PublishedAt</c>); null when there are no rows (or only NULLs).
    /// </summary>
    public TValue? Min<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> column)
        where TValue : struct =>
        AggregateCore<TValue?>("MIN", column(F).Column, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Min{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public TValue? Min<TValue>(Func<Fields<TModel>, Field<TModel, TValue?>> column)
        where TValue : struct =>
        AggregateCore<TValue?>("MIN", column(F).Column, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Min{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public Task<TValue?> MinAsync<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> column, CancellationToken cancellationToken = default)
        where TValue : struct =>
        AggregateCore<TValue?>("MIN", column(F).Column, async: true, cancellationToken).AsTask();

    /// <inheritdoc cref="Min{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public Task<TValue?> MinAsync<TValue>(Func<Fields<TModel>, Field<TModel, TValue?>> column, CancellationToken cancellationToken = default)
        where TValue : struct =>
        AggregateCore<TValue?>("MIN", column(F).Column, async: true, cancellationToken).AsTask();

    /// <summary>The largest value of <paramref name="column"/>, as Django's <c>Max</c> (the latest date); null when there are no rows (or only NULLs).</summary>
    public TValue? Max<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> column)
        where TValue : struct =>
        AggregateCore<TValue?>("MAX", column(F).Column, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Max{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public TValue? Max<TValue>(Func<Fields<TModel>, Field<TModel, TValue?>> column)
        where TValue : struct =>
        AggregateCore<TValue?>("MAX", column(F).Column, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Max{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public Task<TValue?> MaxAsync<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> column, CancellationToken cancellationToken = default)
        where TValue : struct =>
        AggregateCore<TValue?>("MAX", column(F).Column, async: true, cancellationToken).AsTask();

    /// <inheritdoc cref="Max{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public Task<TValue?> MaxAsync<TValue>(Func<Fields<TModel>, Field<TModel, TValue?>> column, CancellationToken cancellationToken = default)
        where TValue : struct =>
        AggregateCore<TValue?>("MAX", column(F).Column, async: true, cancellationToken).AsTask();

    /// <summary>
    /// <c>SELECT SUM(column) FROM ... WHERE ...</c>; a sliced query is aggregated over its slice (a subquery with its ordering).
    /// The database's answer (a long, a double or a decimal, by database and function) becomes <typeparamref name="TResult"/>.
    /// </summary>
    private async ValueTask<TResult?> AggregateCore<TResult>(string function, ColumnInfo column, bool async, CancellationToken cancellationToken)
    {
        var sql = NewBuilder();
        var type = Nullable.GetUnderlyingType(typeof(TResult)) ?? typeof(TResult);
        sql.Append("SELECT ");
        if (IsSliced)
        {
            sql.Dialect.AppendAggregate(sql, function, type, static s => s.Append("aggregated"));
            sql.Append(" FROM (SELECT ");
            AppendAggregated(sql, column);
            sql.Append(" AS aggregated");
            AppendFrom(sql);
            AppendWhere(sql);
            AppendOrdering(sql, orderByKeyIfUnordered: false);
            sql.Dialect.AppendLimitOffset(sql, _limit, _offset);
            sql.Append(") AS aggregated_rows");
        }
        else
        {
            sql.Dialect.AppendAggregate(sql, function, type, s => AppendAggregated(s, column));
            AppendFrom(sql);
            AppendWhere(sql);
        }

        var value = await ScalarAsync(sql, async, cancellationToken);
        if (value is null or DBNull)
        {
            return default;
        }

        try
        {
            return (TResult)ToType(value, type);
        }
        catch (OverflowException exception)
        {
            throw new OverflowException($"The {function} of {Model.Name}.{column.Property} ({value}) doesn't fit in {type.Name}.", exception);
        }
    }

    /// <summary>A number column as arithmetic reads it (SQLite's decimals as numbers); any other as comparisons do (SQLite's spans as ticks).</summary>
    internal static void AppendAggregated(SqlBuilder sql, ColumnInfo column)
    {
        if (column.Kind is ColumnKind.Integer or ColumnKind.Real or ColumnKind.Decimal)
        {
            sql.Dialect.AppendNumber(sql, column);
        }
        else
        {
            sql.Dialect.AppendCompared(sql, column);
        }
    }

    /// <summary>
    /// A value as the database answers it, as <paramref name="type"/>: a number in another width, a span SQLite answers as ticks, or a date, time or Guid SQLite keeps as text
    /// (in the format the row readers read) and PostgreSQL answers as a <see cref="DateTime"/> or a <see cref="TimeSpan"/>.
    /// </summary>
    internal static object ToType(object value, Type type) => value switch
    {
        _ when value.GetType() == type => value,
        string text when type == typeof(DateTime) => DateTime.Parse(text, CultureInfo.InvariantCulture),
        // SQLite's offsets are compared (so answered) as their UTC instants, without the offset.
        string text when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        string text when type == typeof(DateOnly) => DateOnly.Parse(text, CultureInfo.InvariantCulture),
        string text when type == typeof(TimeOnly) => TimeOnly.Parse(text, CultureInfo.InvariantCulture),
        string text when type == typeof(TimeSpan) => TimeSpan.Parse(text, CultureInfo.InvariantCulture),
        // SQLite's spans are compared (so answered) as their ticks.
        long ticks when type == typeof(TimeSpan) => new TimeSpan(ticks),
        string text when type == typeof(Guid) => Guid.Parse(text),
        DateTime dateTime when type == typeof(DateTimeOffset) => new DateTimeOffset(dateTime),
        DateTime dateTime when type == typeof(DateOnly) => DateOnly.FromDateTime(dateTime),
        TimeSpan time when type == typeof(TimeOnly) => TimeOnly.FromTimeSpan(time),
        _ when type.IsEnum => Enum.ToObject(type, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        _ => Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
    };
}
