using System.Data.Common;

namespace Micro.Data;

public sealed partial class QuerySet<TModel>
{
    /// <summary>
    /// The rows grouped by <paramref name="key"/>, for aggregates per group, as Django's <c>values("author").annotate(Count("id"))</c>:
    /// <c>db.Posts.GroupBy(p =&gt; p.AuthorId).ToListAsync(g =&gt; (g.Count(), g.Sum(p =&gt; p.Views)))</c> is one
    /// <c>GROUP BY</c> query. The groups are the filtered rows'; the queryset's own ordering doesn't apply to them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The queryset is sliced (as Django, which can't annotate a slice).</exception>
    public GroupedQuerySet<TModel, TKey> GroupBy<TKey>(Func<Fields<TModel>, Field<TModel, TKey>> key)
    {
        ThrowIfSliced("group");
        return new GroupedQuerySet<TModel, TKey>(this, new GroupValue<TModel, TKey>(null, key(F).Column));
    }

    /// <summary>
    /// The rows grouped by the year, month or day their <paramref name="field"/> falls in, each keyed by its first day (in UTC), as
    /// Django's <c>annotate(month=TruncMonth("published")).values("month").annotate(Count("id"))</c>: an archive's months with their
    /// number of posts, <c>GroupBy(p =&gt; p.Published, DatePart.Month).ToListAsync(g =&gt; g.Count())</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The queryset is sliced.</exception>
    public GroupedQuerySet<TModel, DateOnly> GroupBy<TValue>(Func<Fields<TModel>, DateField<TModel, TValue>> field, DatePart part)
        where TValue : struct => GroupByDate<TValue, DateOnly>(field(F).Column, part);

    /// <summary>As above, for a nullable column: the rows without a date are a group keyed by null.</summary>
    public GroupedQuerySet<TModel, DateOnly?> GroupBy<TValue>(Func<Fields<TModel>, DateField<TModel, TValue?>> field, DatePart part)
        where TValue : struct => GroupByDate<TValue?, DateOnly?>(field(F).Column, part);

    private GroupedQuerySet<TModel, TKey> GroupByDate<TValue, TKey>(ColumnInfo column, DatePart part)
    {
        ThrowIfSliced("group");
        return new GroupedQuerySet<TModel, TKey>(this, new GroupValue<TModel, TKey>(null, column) { Truncation = (part, DateField<TModel, TValue>.DateType) });
    }

    /// <summary>
    /// The years, months or days the rows' <paramref name="field"/> falls in, each once, as its first day, as Django's <c>dates()</c>:
    /// <c>db.Posts.Dates(p =&gt; p.Published, DatePart.Month)</c> lists an archive's months. In order, oldest first unless
    /// <paramref name="descending"/>; NULLs are left out; times are taken in UTC.
    /// </summary>
    /// <exception cref="InvalidOperationException">The queryset is sliced.</exception>
    public List<DateOnly> Dates<TValue>(Func<Fields<TModel>, DateField<TModel, TValue>> field, DatePart part, bool descending = false) =>
        DatesCore(field(F).Column, DateField<TModel, TValue>.DateType, part, descending, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Dates"/>
    public Task<List<DateOnly>> DatesAsync<TValue>(
        Func<Fields<TModel>, DateField<TModel, TValue>> field, DatePart part, bool descending = false, CancellationToken cancellationToken = default) =>
        DatesCore(field(F).Column, DateField<TModel, TValue>.DateType, part, descending, async: true, cancellationToken).AsTask();

    internal async ValueTask<List<DateOnly>> DatesCore(ColumnInfo column, Type dateType, DatePart part, bool descending, bool async, CancellationToken cancellationToken)
    {
        if (IsSliced)
        {
            throw new InvalidOperationException("Can't list the dates of a query once it has been sliced (Skip, Take or [a..b]); list them first, then slice the list.");
        }

        var rows = Where(new NullCondition<TModel>(column, isNull: false));
        var sql = rows.NewBuilder();
        sql.Append("SELECT DISTINCT ");
        sql.Dialect.AppendDateTrunc(sql, column, dateType, part);
        rows.AppendRows(sql);
        sql.Append(descending ? " ORDER BY 1 DESC" : " ORDER BY 1");

        return await rows.ReadAsync(sql, static reader => (DateOnly)ToType(reader.GetValue(0), typeof(DateOnly)), async, cancellationToken);
    }

    /// <summary>Appends <c>FROM table AS alias WHERE ...</c> to a query of the groups of these rows.</summary>
    internal void AppendRows(SqlBuilder sql)
    {
        AppendFrom(sql);
        AppendWhere(sql);
    }
}

/// <summary>
/// Rows grouped by a key, with aggregates per group (Django's <c>values().annotate()</c>), from <c>QuerySet.GroupBy</c>.
/// Immutable: each method answers a new one. Groups come ordered by their key unless ordered otherwise (ties by the key too), so a
/// slice of them (<c>[..5]</c>) is the same each time.
/// </summary>
public sealed class GroupedQuerySet<TModel, TKey>
    where TModel : class
{
    private readonly QuerySet<TModel> _rows;
    private readonly Group<TModel, TKey> _group;
    private readonly GroupCondition<TModel>? _having;
    private readonly (GroupValue<TModel> Value, bool Descending)[] _ordering;
    private readonly int? _offset;
    private readonly int? _limit;

    internal GroupedQuerySet(QuerySet<TModel> rows, GroupValue<TModel, TKey> key)
        : this(rows, new Group<TModel, TKey>(key), null, [], null, null)
    {
    }

    private GroupedQuerySet(
        QuerySet<TModel> rows,
        Group<TModel, TKey> group,
        GroupCondition<TModel>? having,
        (GroupValue<TModel>, bool)[] ordering,
        int? offset,
        int? limit)
    {
        _rows = rows;
        _group = group;
        _having = having;
        _ordering = ordering;
        _offset = offset;
        _limit = limit;
    }

    private bool IsSliced => _offset is not null || _limit is not null;

    /// <summary>
    /// The groups whose aggregates match <paramref name="predicate"/> (SQL's <c>HAVING</c>), as Django's <c>filter()</c> after
    /// <c>annotate()</c>: <c>Having(g =&gt; g.Count().Gt(1))</c>.
    /// </summary>
    public GroupedQuerySet<TModel, TKey> Having(Func<Group<TModel, TKey>, GroupCondition<TModel>> predicate)
    {
        ThrowIfSliced("filter");
        var condition = predicate(_group);
        return With(having: _having is null ? condition : _having & condition);
    }

    /// <summary>Orders the groups by <paramref name="value"/> (an aggregate or the key), replacing any earlier ordering.</summary>
    public GroupedQuerySet<TModel, TKey> OrderBy<TValue>(Func<Group<TModel, TKey>, GroupValue<TModel, TValue>> value) => Order(value(_group), descending: false, then: false);

    /// <inheritdoc cref="OrderBy"/>
    public GroupedQuerySet<TModel, TKey> OrderByDescending<TValue>(Func<Group<TModel, TKey>, GroupValue<TModel, TValue>> value) => Order(value(_group), descending: true, then: false);

    /// <summary>Orders groups that tie on the earlier orderings.</summary>
    public GroupedQuerySet<TModel, TKey> ThenBy<TValue>(Func<Group<TModel, TKey>, GroupValue<TModel, TValue>> value) => Order(value(_group), descending: false, then: true);

    /// <inheritdoc cref="ThenBy"/>
    public GroupedQuerySet<TModel, TKey> ThenByDescending<TValue>(Func<Group<TModel, TKey>, GroupValue<TModel, TValue>> value) => Order(value(_group), descending: true, then: true);

    private GroupedQuerySet<TModel, TKey> Order(GroupValue<TModel> value, bool descending, bool then)
    {
        ThrowIfSliced("order");
        var term = (value, descending);
        return With(ordering: then ? [.. _ordering, term] : [term]);
    }

    /// <summary>A slice of the groups, as a queryset's: <c>.OrderByDescending(g =&gt; g.Count())[..5]</c> are the five largest.</summary>
    public GroupedQuerySet<TModel, TKey> this[Range range]
    {
        get
        {
            if (range.Start.IsFromEnd || (range.End.IsFromEnd && range.End.Value != 0))
            {
                throw new NotSupportedException("Negative indexing is not supported: order the other way and slice from the start.");
            }

            var offset = (_offset ?? 0) + range.Start.Value;
            var remaining = _limit is { } limit ? Math.Max(0, limit - range.Start.Value) : (int?)null;
            if (!range.End.IsFromEnd)
            {
                var count = Math.Max(0, range.End.Value - range.Start.Value);
                remaining = remaining is { } left ? Math.Min(left, count) : count;
            }

            return With(offset: offset, limit: remaining, slicing: true);
        }
    }

    /// <summary>Each group's key and <paramref name="value"/>.</summary>
    public List<(TKey Key, T1 Value)> ToList<T1>(Func<Group<TModel, TKey>, GroupValue<TModel, T1>> value)
    {
        var v1 = value(_group);
        return ReadCore([v1], r => (_group.Key.Read(r, 0), v1.Read(r, 1)), async: false, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="ToList{T1}"/>
    public Task<List<(TKey Key, T1 Value)>> ToListAsync<T1>(Func<Group<TModel, TKey>, GroupValue<TModel, T1>> value, CancellationToken cancellationToken = default)
    {
        var v1 = value(_group);
        return ReadCore([v1], r => (_group.Key.Read(r, 0), v1.Read(r, 1)), async: true, cancellationToken).AsTask();
    }

    /// <summary>Each group's key and <paramref name="values"/>: <c>ToListAsync(g =&gt; (g.Count(), g.Sum(p =&gt; p.Views)))</c>.</summary>
    public List<(TKey Key, T1 Value1, T2 Value2)> ToList<T1, T2>(Func<Group<TModel, TKey>, (GroupValue<TModel, T1>, GroupValue<TModel, T2>)> values)
    {
        var (v1, v2) = values(_group);
        return ReadCore([v1, v2], r => (_group.Key.Read(r, 0), v1.Read(r, 1), v2.Read(r, 2)), async: false, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public Task<List<(TKey Key, T1 Value1, T2 Value2)>> ToListAsync<T1, T2>(Func<Group<TModel, TKey>, (GroupValue<TModel, T1>, GroupValue<TModel, T2>)> values, CancellationToken cancellationToken = default)
    {
        var (v1, v2) = values(_group);
        return ReadCore([v1, v2], r => (_group.Key.Read(r, 0), v1.Read(r, 1), v2.Read(r, 2)), async: true, cancellationToken).AsTask();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public List<(TKey Key, T1 Value1, T2 Value2, T3 Value3)> ToList<T1, T2, T3>(
        Func<Group<TModel, TKey>, (GroupValue<TModel, T1>, GroupValue<TModel, T2>, GroupValue<TModel, T3>)> values)
    {
        var (v1, v2, v3) = values(_group);
        return ReadCore([v1, v2, v3], r => (_group.Key.Read(r, 0), v1.Read(r, 1), v2.Read(r, 2), v3.Read(r, 3)), async: false, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public Task<List<(TKey Key, T1 Value1, T2 Value2, T3 Value3)>> ToListAsync<T1, T2, T3>(
        Func<Group<TModel, TKey>, (GroupValue<TModel, T1>, GroupValue<TModel, T2>, GroupValue<TModel, T3>)> values, CancellationToken cancellationToken = default)
    {
        var (v1, v2, v3) = values(_group);
        return ReadCore([v1, v2, v3], r => (_group.Key.Read(r, 0), v1.Read(r, 1), v2.Read(r, 2), v3.Read(r, 3)), async: true, cancellationToken).AsTask();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public List<(TKey Key, T1 Value1, T2 Value2, T3 Value3, T4 Value4)> ToList<T1, T2, T3, T4>(
        Func<Group<TModel, TKey>, (GroupValue<TModel, T1>, GroupValue<TModel, T2>, GroupValue<TModel, T3>, GroupValue<TModel, T4>)> values)
    {
        var (v1, v2, v3, v4) = values(_group);
        return ReadCore([v1, v2, v3, v4], r => (_group.Key.Read(r, 0), v1.Read(r, 1), v2.Read(r, 2), v3.Read(r, 3), v4.Read(r, 4)), async: false, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public Task<List<(TKey Key, T1 Value1, T2 Value2, T3 Value3, T4 Value4)>> ToListAsync<T1, T2, T3, T4>(
        Func<Group<TModel, TKey>, (GroupValue<TModel, T1>, GroupValue<TModel, T2>, GroupValue<TModel, T3>, GroupValue<TModel, T4>)> values,
        CancellationToken cancellationToken = default)
    {
        var (v1, v2, v3, v4) = values(_group);
        return ReadCore([v1, v2, v3, v4], r => (_group.Key.Read(r, 0), v1.Read(r, 1), v2.Read(r, 2), v3.Read(r, 3), v4.Read(r, 4)), async: true, cancellationToken).AsTask();
    }

    /// <summary>The SQL the groups are read with, for logging and tests.</summary>
    public override string ToString() => Build([]).Text;

    private SqlBuilder Build(GroupValue<TModel>[] values)
    {
        var sql = _rows.NewBuilder();
        sql.Append("SELECT ");
        _group.Key.Render(sql);
        foreach (var value in values)
        {
            sql.Append(", ");
            value.Render(sql);
        }

        _rows.AppendRows(sql);
        sql.Append(" GROUP BY ");
        _group.Key.Render(sql);
        if (_having is not null)
        {
            sql.Append(" HAVING ");
            _having.Condition.Render(sql);
        }

        // The key last, so that ties (and a slice of them) come in the same order each time. The key sorts as a queryset's
        // OrderBy sorts its column (SQLite's decimals as numbers).
        for (var i = 0; i < _ordering.Length; i++)
        {
            sql.Append(i == 0 ? " ORDER BY " : ", ");
            AppendOrderTerm(sql, _ordering[i].Value, _ordering[i].Descending);
        }

        sql.Append(_ordering.Length == 0 ? " ORDER BY " : ", ");
        AppendOrderTerm(sql, _group.Key, descending: false);
        sql.Dialect.AppendLimitOffset(sql, _limit, _offset);
        return sql;
    }

    private ValueTask<List<TResult>> ReadCore<TResult>(GroupValue<TModel>[] values, Func<DbDataReader, TResult> read, bool async, CancellationToken cancellationToken) =>
        _rows.ReadAsync(Build(values), read, async, cancellationToken);

    private static void AppendOrderTerm(SqlBuilder sql, GroupValue<TModel> value, bool descending)
    {
        if (value.IsColumnKey)
        {
            sql.Dialect.AppendOrderTerm(sql, value.Column!, descending);
        }
        else
        {
            value.Render(sql);
            sql.Append(descending ? " DESC" : "");
        }
    }

    private void ThrowIfSliced(string operation)
    {
        if (IsSliced)
        {
            throw new InvalidOperationException($"Can't {operation} groups once they have been sliced ([a..b]); {operation} first, then slice.");
        }
    }

    private GroupedQuerySet<TModel, TKey> With(
        GroupCondition<TModel>? having = null,
        (GroupValue<TModel>, bool)[]? ordering = null,
        int? offset = null,
        int? limit = null,
        bool slicing = false) =>
        new(_rows, _group, having ?? _having, ordering ?? _ordering, slicing ? offset : _offset, slicing ? limit : _limit);
}

/// <summary>
/// One group of rows, in <see cref="GroupedQuerySet{TModel, TKey}"/>'s lambdas: its <see cref="Key"/> and the aggregates of its rows,
/// computed by the database. NULLs are left out of each, as SQL and Django leave them.
/// </summary>
public sealed class Group<TModel, TKey>
    where TModel : class
{
    private static Fields<TModel> F => Fields<TModel>.Instance;

    internal Group(GroupValue<TModel, TKey> key) => Key = key;

    /// <summary>The value the rows share.</summary>
    public GroupValue<TModel, TKey> Key { get; }

    /// <summary>The number of rows, as Django's <c>Count("id")</c>.</summary>
    public GroupValue<TModel, int> Count() => new("COUNT", null);

    /// <summary>The number of rows where <paramref name="column"/> isn't NULL, as Django's <c>Count("field")</c>.</summary>
    public GroupValue<TModel, int> Count(Func<Fields<TModel>, Field<TModel>> column) => new("COUNT", column(F).Column);

    /// <summary>The sum of <paramref name="column"/>, in its type; 0 when every value is NULL (as the queryset's <c>Sum</c>).</summary>
    public GroupValue<TModel, TValue> Sum<TValue>(Func<Fields<TModel>, NumberField<TModel, TValue>> column) => new("SUM", column(F).Column);

    /// <summary>The mean of <paramref name="column"/>; null when every value is NULL.</summary>
    public GroupValue<TModel, double?> Average<TValue>(Func<Fields<TModel>, NumberField<TModel, TValue>> column) => new("AVG", column(F).Column);

    /// <summary>The mean of a decimal column, as a decimal (Django's <c>Avg</c> of a <c>DecimalField</c>).</summary>
    public GroupValue<TModel, decimal?> Average(Func<Fields<TModel>, NumberField<TModel, decimal>> column) => new("AVG", column(F).Column);

    /// <inheritdoc cref="Average(Func{Fields{TModel}, NumberField{TModel, decimal}})"/>
    public GroupValue<TModel, decimal?> Average(Func<Fields<TModel>, NumberField<TModel, decimal?>> column) => new("AVG", column(F).Column);

    /// <summary>The smallest value of <paramref name="column"/>: a number, a date or a time; null when every value is NULL.</summary>
    public GroupValue<TModel, TValue?> Min<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> column)
        where TValue : struct => new("MIN", column(F).Column);

    /// <inheritdoc cref="Min{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public GroupValue<TModel, TValue?> Min<TValue>(Func<Fields<TModel>, Field<TModel, TValue?>> column)
        where TValue : struct => new("MIN", column(F).Column);

    /// <summary>The largest value of <paramref name="column"/> (the latest date); null when every value is NULL.</summary>
    public GroupValue<TModel, TValue?> Max<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> column)
        where TValue : struct => new("MAX", column(F).Column);

    /// <inheritdoc cref="Max{TValue}(Func{Fields{TModel}, Field{TModel, TValue}})"/>
    public GroupValue<TModel, TValue?> Max<TValue>(Func<Fields<TModel>, Field<TModel, TValue?>> column)
        where TValue : struct => new("MAX", column(F).Column);
}

/// <summary>A value per group: its key or an aggregate of its rows.</summary>
public abstract class GroupValue<TModel>
    where TModel : class
{
    private protected GroupValue(string? function, ColumnInfo? column)
    {
        Function = function;
        Column = column;
    }

    /// <summary>The SQL aggregate function, or null for the key.</summary>
    internal string? Function { get; }

    /// <summary>The column it reads; null for <c>COUNT(*)</c>.</summary>
    internal ColumnInfo? Column { get; }

    /// <summary>The type of its values (not nullable): how a dialect takes an extreme of them.</summary>
    internal Type ValueType { get; private protected init; } = typeof(object);

    /// <summary>For a key of dates: the part they are truncated to (Django's <c>TruncMonth</c>) and the column's date type.</summary>
    internal (DatePart Part, Type DateType)? Truncation { get; init; }

    /// <summary>The key, a column's values as they are (not truncated): compared and sorted as a queryset's lookups and orderings.</summary>
    internal bool IsColumnKey => Function is null && Truncation is null;

    /// <summary>Whether a group can have NULL for it: a mean or an extreme of NULLs only, or a nullable key.</summary>
    internal bool CanBeNull => Function is "AVG" or "MIN" or "MAX" || (Function is null && Column!.IsNullable);

    internal void Render(SqlBuilder sql)
    {
        switch (Function, Column)
        {
            case (null, { } key) when Truncation is { } truncation:
                sql.Dialect.AppendDateTrunc(sql, key, truncation.DateType, truncation.Part);
                return;
            case (null, { } key):
                // Spans and offsets group (and sort) as their values, as lookups compare them.
                sql.Dialect.AppendCompared(sql, key);
                return;
            case ({ } function, null):
                sql.Append(function).Append("(*)");
                return;
            case ({ } function, { } column):
                // As the queryset's aggregates: a group whose values are all NULL sums to 0.
                sql.Dialect.AppendAggregate(sql, function, ValueType, s => QuerySet<TModel>.AppendAggregated(s, column));
                return;
        }
    }

    /// <summary>
    /// The value (written by <paramref name="render"/>: the aggregate itself, or a subquery of it) <paramref name="op"/>
    /// <paramref name="operand"/>, compared as a queryset's lookups compare its column.
    /// </summary>
    internal void AppendComparison(SqlBuilder sql, Action<SqlBuilder> render, string op, object operand)
    {
        // As a queryset's conditions: a comparison with a value that can be NULL (a Min of NULLs, a NULL key) also requires it to be
        // non-NULL, so that its negation keeps those groups, as Django's exclude() does.
        var guarded = CanBeNull;
        sql.Append(guarded ? "(" : "");
        switch (Column)
        {
            case { } key when IsColumnKey:
                // The key, as a queryset's lookup compares its column.
                sql.Dialect.AppendComparison(sql, key, op, operand);
                break;
            case not null when Function is null:
                // A key of dates truncated to their month (or year, or day): a date, compared with a date.
                render(sql);
                sql.Append(" ").Append(op).Append(" ").Parameter(operand);
                break;
            case { Kind: ColumnKind.Integer or ColumnKind.Real or ColumnKind.Decimal } number when Function is not "COUNT":
                // An aggregate of numbers, computed as arithmetic reads them (SQLite's decimals as numbers).
                render(sql);
                sql.Append(" ").Append(op).Append(" ");
                sql.Dialect.AppendNumberParameter(sql, number, operand);
                break;
            case { } column when Function is not "COUNT":
                // The Min or Max of another column, as lookups compare it (SQLite's spans as ticks, offsets as UTC instants).
                render(sql);
                sql.Append(" ").Append(op).Append(" ").Parameter(sql.Dialect.ComparedValue(column, operand));
                break;
            default:
                render(sql);
                sql.Append(" ").Append(op).Append(" ").Parameter(operand);
                break;
        }

        if (guarded)
        {
            sql.Append(" AND ");
            render(sql);
            sql.Append(" IS NOT NULL)");
        }
    }

    public override string ToString() =>
        Function is null ? Column!.Property + (Truncation is { } truncation ? "." + truncation.Part : "") : $"{Function}({Column?.Property ?? "*"})";
}

/// <inheritdoc cref="GroupValue{TModel}"/>
public sealed class GroupValue<TModel, TValue> : GroupValue<TModel>
    where TModel : class
{
    internal GroupValue(string? function, ColumnInfo? column)
        : base(function, column) =>
        ValueType = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);

    /// <summary>Equal to <paramref name="value"/>.</summary>
    public GroupCondition<TModel> Exact(TValue value) => Compare("=", value, nameof(Exact));

    public GroupCondition<TModel> Gt(TValue value) => Compare(">", value, nameof(Gt));

    public GroupCondition<TModel> Gte(TValue value) => Compare(">=", value, nameof(Gte));

    public GroupCondition<TModel> Lt(TValue value) => Compare("<", value, nameof(Lt));

    public GroupCondition<TModel> Lte(TValue value) => Compare("<=", value, nameof(Lte));

    private GroupCondition<TModel> Compare(string op, TValue value, string lookup) =>
        GroupCondition<TModel>.Comparison(this, op, value ?? throw new ArgumentNullException(nameof(value), $"{this}.{lookup}(null) compares with nothing."));

    /// <summary>Column <paramref name="ordinal"/> of a group's row, as <typeparamref name="TValue"/>.</summary>
    internal TValue Read(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        if (value is DBNull)
        {
            return default!;
        }

        var type = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        try
        {
            return (TValue)QuerySet<TModel>.ToType(value, type);
        }
        catch (OverflowException exception)
        {
            throw new OverflowException($"The {this} of a group ({value}) doesn't fit in {type.Name}.", exception);
        }
    }
}

/// <summary>
/// A condition on groups' aggregates (SQL's <c>HAVING</c>): combine with <c>&amp;</c> and <c>|</c>, negate with <c>!</c>. A type of its
/// own, so that it can't be given to <c>Filter</c>, where the database has no groups.
/// </summary>
public sealed class GroupCondition<TModel>
    where TModel : class
{
    internal GroupCondition(Condition<TModel> condition) => Condition = condition;

    /// <summary>The SQL, as a row condition's: the same junctions and negation.</summary>
    internal Condition<TModel> Condition { get; }

    public static GroupCondition<TModel> operator &(GroupCondition<TModel> left, GroupCondition<TModel> right) => new(left.Condition & right.Condition);

    public static GroupCondition<TModel> operator |(GroupCondition<TModel> left, GroupCondition<TModel> right) => new(left.Condition | right.Condition);

    public static GroupCondition<TModel> operator !(GroupCondition<TModel> condition) => new(!condition.Condition);

    /// <summary><paramref name="value"/> <paramref name="op"/> <paramref name="operand"/>.</summary>
    internal static GroupCondition<TModel> Comparison(GroupValue<TModel> value, string op, object operand) =>
        new(new CustomCondition<TModel>(sql => value.AppendComparison(sql, value.Render, op, operand)));
}
