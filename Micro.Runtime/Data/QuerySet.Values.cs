using System.Data.Common;
using System.Globalization;
using Micro.Data.Fixtures;

namespace Micro.Data;

/// <summary>Django's <c>values_list()</c> and <c>values()</c>: some fields of each row, read alone.</summary>
public sealed partial class QuerySet<TModel>
{
    /// <summary>
    /// One field of each row, as Django's <c>values_list("title", flat=True)</c>: <c>await db.Posts.OrderBy(p =&gt; p.Title).ValuesList(p =&gt;
    /// p.Title).ToListAsync()</c> reads only that column, as <see cref="ModelInfo{TModel}.Read"/> would. <c>.Distinct()</c> gives each value once.
    /// </summary>
    public ValuesQuerySet<TModel, T1> ValuesList<T1>(Func<Fields<TModel>, Field<TModel, T1>> field)
    {
        var model = Model;
        int[] columns = [model.IndexOf(field(F).Column)];
        return new(this, columns, reader => Value<T1>(model, reader, columns, 0), distinct: false);
    }

    /// <summary>Two fields of each row, as Django's <c>values_list("author", "year")</c>: <c>ValuesList(p =&gt; (p.AuthorId, p.Year))</c>, a list of tuples.</summary>
    public ValuesQuerySet<TModel, (T1, T2)> ValuesList<T1, T2>(Func<Fields<TModel>, (Field<TModel, T1>, Field<TModel, T2>)> fields)
    {
        var model = Model;
        var (first, second) = fields(F);
        int[] columns = [model.IndexOf(first.Column), model.IndexOf(second.Column)];
        return new(this, columns, reader => (Value<T1>(model, reader, columns, 0), Value<T2>(model, reader, columns, 1)), distinct: false);
    }

    /// <summary>Three fields of each row, a list of tuples.</summary>
    public ValuesQuerySet<TModel, (T1, T2, T3)> ValuesList<T1, T2, T3>(Func<Fields<TModel>, (Field<TModel, T1>, Field<TModel, T2>, Field<TModel, T3>)> fields)
    {
        var model = Model;
        var (first, second, third) = fields(F);
        int[] columns = [model.IndexOf(first.Column), model.IndexOf(second.Column), model.IndexOf(third.Column)];
        return new(
            this,
            columns,
            reader => (Value<T1>(model, reader, columns, 0), Value<T2>(model, reader, columns, 1), Value<T3>(model, reader, columns, 2)),
            distinct: false);
    }

    /// <summary>Four fields of each row, a list of tuples.</summary>
    public ValuesQuerySet<TModel, (T1, T2, T3, T4)> ValuesList<T1, T2, T3, T4>(
        Func<Fields<TModel>, (Field<TModel, T1>, Field<TModel, T2>, Field<TModel, T3>, Field<TModel, T4>)> fields)
    {
        var model = Model;
        var (first, second, third, fourth) = fields(F);
        int[] columns = [model.IndexOf(first.Column), model.IndexOf(second.Column), model.IndexOf(third.Column), model.IndexOf(fourth.Column)];
        return new(
            this,
            columns,
            reader => (Value<T1>(model, reader, columns, 0), Value<T2>(model, reader, columns, 1), Value<T3>(model, reader, columns, 2), Value<T4>(model, reader, columns, 3)),
            distinct: false);
    }

    /// <summary>
    /// Each row as a dictionary of its <paramref name="fields"/> (every field when none are given) by their names in snake_case, as
    /// Django's <c>values("title", "year")</c>: <c>{"title": "Hello", "year": 2024}</c>, what a template reads as <c>{{ row.title }}</c>.
    /// A reference's key is <c>author_id</c>, as in Django's <c>values()</c> and in fixtures.
    /// </summary>
    public ValuesQuerySet<TModel, Dictionary<string, object?>> Values(params Func<Fields<TModel>, Field<TModel>>[] fields)
    {
        var model = Model;
        var columns = fields.Length == 0 ? [.. Enumerable.Range(0, model.Columns.Count)] : fields.Select(field => model.IndexOf(field(F).Column)).ToArray();
        var names = Array.ConvertAll(columns, column => Fixture.FieldName(model.Columns[column]));
        return new(
            this,
            columns,
            reader =>
            {
                var row = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                {
                    row[names[i]] = model.ReadValue(reader, i, columns[i]);
                }

                return row;
            },
            distinct: false);
    }

    private static T Value<T>(ModelInfo<TModel> model, DbDataReader reader, int[] columns, int ordinal) =>
        model.ReadValue(reader, ordinal, columns[ordinal]) is { } value ? (T)value : default!;

    internal bool LocksRows => _forUpdate;

    /// <summary>
    /// <c>SELECT [DISTINCT] columns FROM ... WHERE ... ORDER BY ... LIMIT</c>. With DISTINCT the ordering's values are selected too (after
    /// the columns read), as Django's <c>distinct()</c> does: PostgreSQL orders DISTINCT rows only by values they hold.
    /// </summary>
    internal void AppendValuesSelect(SqlBuilder sql, int[] columns, bool distinct)
    {
        sql.Append(distinct ? "SELECT DISTINCT " : "SELECT ");
        for (var i = 0; i < columns.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Column(Model.Columns[columns[i]]);
        }

        if (distinct)
        {
            foreach (var term in _ordering)
            {
                sql.Append(", ");
                AppendOrderValue(sql, term);
            }
        }

        AppendFrom(sql);
        AppendWhere(sql);
        if (distinct)
        {
            for (var i = 0; i < _ordering.Length; i++)
            {
                sql.Append(i == 0 ? " ORDER BY " : ", ").Append((columns.Length + i + 1).ToString(CultureInfo.InvariantCulture)).Append(_ordering[i].Descending ? " DESC" : "");
            }
        }
        else
        {
            AppendOrdering(sql, orderByKeyIfUnordered: false);
        }

        sql.Dialect.AppendLimitOffset(sql, _limit, _offset);
        if (_forUpdate)
        {
            sql.Dialect.AppendForUpdate(sql);
        }
    }

    /// <summary>How many rows <see cref="AppendValuesSelect"/> answers: the rows' count, or the distinct values' when <paramref name="distinct"/>.</summary>
    internal async ValueTask<int> CountValuesCore(int[] columns, bool distinct, bool async, CancellationToken cancellationToken)
    {
        if (!distinct)
        {
            return await CountCore(async, cancellationToken);
        }

        var sql = NewBuilder();
        sql.Append("SELECT COUNT(*) FROM (");
        AppendValuesSelect(sql, columns, distinct);
        sql.Append(") AS counted");
        return Convert.ToInt32(await ScalarAsync(sql, async, cancellationToken), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Some fields of a query's rows, from <c>QuerySet.ValuesList</c> or <c>QuerySet.Values</c> (Django's <c>values_list()</c> and
/// <c>values()</c>): only those columns are read. Immutable and lazy, as the query set it comes from: filter and order that first.
/// </summary>
public sealed class ValuesQuerySet<TModel, TResult>
    where TModel : class
{
    private readonly QuerySet<TModel> _rows;
    private readonly int[] _columns;
    private readonly Func<DbDataReader, TResult> _read;
    private readonly bool _distinct;

    internal ValuesQuerySet(QuerySet<TModel> rows, int[] columns, Func<DbDataReader, TResult> read, bool distinct)
    {
        _rows = rows;
        _columns = columns;
        _read = read;
        _distinct = distinct;
    }

    /// <summary>
    /// Each value (each combination of the fields' values) once, as Django's <c>distinct()</c>: <c>db.Posts.ValuesList(p =&gt;
    /// p.AuthorId).Distinct().CountAsync()</c> counts the authors who wrote. As Django's, the values of the fields the query is ordered
    /// by count too: order by the fields read (or not at all) to get each value once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The query is sliced (as Django's), or locks its rows.</exception>
    public ValuesQuerySet<TModel, TResult> Distinct()
    {
        if (_distinct)
        {
            return this;
        }

        if (_rows.IsSliced)
        {
            throw new InvalidOperationException("Can't make a query distinct once it has been sliced (Skip, Take or [a..b]); call Distinct() first, then slice.");
        }

        if (_rows.LocksRows)
        {
            throw new InvalidOperationException("SelectForUpdate() can't lock distinct values, which are no one row: lock the rows, or read the values without Distinct().");
        }

        return new(_rows, _columns, _read, distinct: true);
    }

    /// <summary>Leaves out the first <paramref name="count"/> values (OFFSET).</summary>
    public ValuesQuerySet<TModel, TResult> Skip(int count) => new(_rows.Skip(count), _columns, _read, _distinct);

    /// <summary>At most <paramref name="count"/> values (LIMIT).</summary>
    public ValuesQuerySet<TModel, TResult> Take(int count) => new(_rows.Take(count), _columns, _read, _distinct);

    /// <summary>A slice, as Django's <c>qs[10:20]</c>.</summary>
    public ValuesQuerySet<TModel, TResult> this[Range range] => new(_rows[range], _columns, _read, _distinct);

    public List<TResult> ToList() => ToListCore(async: false, default).GetAwaiter().GetResult();

    public Task<List<TResult>> ToListAsync(CancellationToken cancellationToken = default) => ToListCore(async: true, cancellationToken).AsTask();

    /// <summary>How many values <see cref="ToList"/> would give: the rows', or the distinct values' after <see cref="Distinct"/>.</summary>
    public int Count() => _rows.CountValuesCore(_columns, _distinct, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Count"/>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) => _rows.CountValuesCore(_columns, _distinct, async: true, cancellationToken).AsTask();

    /// <summary>The SELECT this runs, for debugging; values appear as parameters.</summary>
    public override string ToString() => Build().Text;

    private SqlBuilder Build()
    {
        var sql = _rows.NewBuilder();
        _rows.AppendValuesSelect(sql, _columns, _distinct);
        return sql;
    }

    private ValueTask<List<TResult>> ToListCore(bool async, CancellationToken cancellationToken) => _rows.ReadAsync(Build(), _read, async, cancellationToken);
}
