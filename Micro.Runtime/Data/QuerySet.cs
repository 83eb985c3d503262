using System.ComponentModel;
using System.Data.Common;

namespace Micro.Data;

/// <summary>
/// A lazy, immutable query over a model's table, as Django's QuerySet: <c>db.Posts.Filter(p =&gt; p.Year.Gte(2020)).OrderBy(p =&gt; p.Title)</c>
/// builds SQL, and <c>ToListAsync()</c>, <c>CountAsync()</c>, <c>GetAsync()</c>... run it. Values are always bound
/// as parameters and column names come from generated metadata.
/// </summary>
public sealed partial class QuerySet<TModel>
    where TModel : class
{
    /// <summary>SQLite's default limit on parameters is far above this; chunking keeps any provider happy.</summary>
    private const int MaxKeysPerQuery = 500;

    private readonly Database _db;
    private readonly Condition<TModel>? _where;
    private readonly OrderTerm[] _ordering;
    private readonly int? _offset;
    private readonly int? _limit;
    private readonly Relation<TModel>[] _includes;
    private readonly bool _forUpdate;

    [EditorBrowsable(EditorBrowsableState.Never)]
    public QuerySet(Database db, ModelInfo<TModel> model)
        : this(db, model, null, [], null, null, [], forUpdate: false)
    {
    }

    private QuerySet(
        Database db,
        ModelInfo<TModel> model,
        Condition<TModel>? where,
        OrderTerm[] ordering,
        int? offset,
        int? limit,
        Relation<TModel>[] includes,
        bool forUpdate)
    {
        _db = db;
        Model = model;
        _where = where;
        _ordering = ordering;
        _offset = offset;
        _limit = limit;
        _includes = includes;
        _forUpdate = forUpdate;
    }

    public ModelInfo<TModel> Model { get; }

    /// <summary>The <c>Db</c> the query runs on.</summary>
    internal Database Database => _db;

    private static Fields<TModel> F => Fields<TModel>.Instance;

    internal bool IsSliced => _offset is not null || _limit is not null;

    // ---- Building -------------------------------------------------------------------------------------------

    /// <summary>Rows matching <paramref name="predicate"/>, and the conditions before it.</summary>
    public QuerySet<TModel> Filter(Func<Fields<TModel>, Condition<TModel>> predicate) => Where(predicate(F));

    /// <summary>Rows not matching <paramref name="predicate"/> (NULLs included, as in Django).</summary>
    public QuerySet<TModel> Exclude(Func<Fields<TModel>, Condition<TModel>> predicate) => Where(!predicate(F));

    internal QuerySet<TModel> Where(Condition<TModel> condition)
    {
        ThrowIfSliced("filter");
        return With(where: _where is null ? condition : _where & condition);
    }

    /// <summary>Orders by <paramref name="field"/>, replacing any earlier ordering.</summary>
    public QuerySet<TModel> OrderBy(Func<Fields<TModel>, Field<TModel>> field) => Order(field, descending: false, then: false);

    public QuerySet<TModel> OrderByDescending(Func<Fields<TModel>, Field<TModel>> field) => Order(field, descending: true, then: false);

    /// <summary>Orders rows that tie on the earlier orderings.</summary>
    public QuerySet<TModel> ThenBy(Func<Fields<TModel>, Field<TModel>> field) => Order(field, descending: false, then: true);

    public QuerySet<TModel> ThenByDescending(Func<Fields<TModel>, Field<TModel>> field) => Order(field, descending: true, then: true);

    /// <summary>
    /// Orders by an aggregate of each row's related rows, as Django's <c>annotate(n=Count("post")).order_by("-n")</c>:
    /// <c>db.Authors.OrderByDescending(a =&gt; a.Posts.Count())</c>.
    /// </summary>
    public QuerySet<TModel> OrderBy(Func<Fields<TModel>, RelatedValue<TModel>> value) => Order(new OrderTerm(null, value(F), Descending: false), then: false);

    /// <inheritdoc cref="OrderBy(Func{Fields{TModel}, RelatedValue{TModel}})"/>
    public QuerySet<TModel> OrderByDescending(Func<Fields<TModel>, RelatedValue<TModel>> value) => Order(new OrderTerm(null, value(F), Descending: true), then: false);

    /// <inheritdoc cref="OrderBy(Func{Fields{TModel}, RelatedValue{TModel}})"/>
    public QuerySet<TModel> ThenBy(Func<Fields<TModel>, RelatedValue<TModel>> value) => Order(new OrderTerm(null, value(F), Descending: false), then: true);

    /// <inheritdoc cref="OrderBy(Func{Fields{TModel}, RelatedValue{TModel}})"/>
    public QuerySet<TModel> ThenByDescending(Func<Fields<TModel>, RelatedValue<TModel>> value) => Order(new OrderTerm(null, value(F), Descending: true), then: true);

    private QuerySet<TModel> Order(Func<Fields<TModel>, Field<TModel>> field, bool descending, bool then) =>
        OrderByColumn(field(F).Column, descending, then);

    /// <summary>Orders by a column known only at run time (the admin's sortable headers); it must be one of the model's.</summary>
    internal QuerySet<TModel> OrderByColumn(ColumnInfo column, bool descending, bool then = false) => Order(new OrderTerm(column, null, descending), then);

    private QuerySet<TModel> Order(OrderTerm term, bool then)
    {
        ThrowIfSliced("order");
        return With(ordering: then ? [.. _ordering, term] : [term]);
    }

    /// <summary>Loads <paramref name="relation"/> of every row, for relations known only at run time.</summary>
    internal QuerySet<TModel> Include(Relation<TModel> relation) => With(includes: [.. _includes, relation]);

    /// <summary>Leaves out the first <paramref name="count"/> rows (OFFSET).</summary>
    public QuerySet<TModel> Skip(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(offset: (_offset ?? 0) + count, limit: _limit is { } limit ? Math.Max(0, limit - count) : null);
    }

    /// <summary>At most <paramref name="count"/> rows (LIMIT).</summary>
    public QuerySet<TModel> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(limit: _limit is { } limit ? Math.Min(limit, count) : count);
    }

    /// <summary>A slice, as Django's <c>qs[10:20]</c>: <c>db.Posts.OrderBy(p =&gt; p.Id)[10..20]</c>.</summary>
    public QuerySet<TModel> this[Range range]
    {
        get
        {
            if (range.Start.IsFromEnd || (range.End.IsFromEnd && range.End.Value != 0))
            {
                throw new NotSupportedException("Negative indexing is not supported: order the other way and slice from the start.");
            }

            var sliced = Skip(range.Start.Value);
            return range.End.IsFromEnd ? sliced : sliced.Take(Math.Max(0, range.End.Value - range.Start.Value));
        }
    }

    /// <summary>Loads <paramref name="relation"/> of every row with one more query, as Django's <c>prefetch_related</c>.</summary>
    public QuerySet<TModel> Include(Func<Fields<TModel>, Relation<TModel>> relation) => With(includes: [.. _includes, relation(F)]);

    // ---- Reading --------------------------------------------------------------------------------------------

    public List<TModel> ToList() => ToListCore(async: false, default).GetAwaiter().GetResult();

    public Task<List<TModel>> ToListAsync(CancellationToken cancellationToken = default) => ToListCore(async: true, cancellationToken).AsTask();

    /// <summary>
    /// Each row with <paramref name="value"/>, an aggregate of its related rows, as Django's <c>annotate()</c>:
    /// <c>await db.Authors.ToListAsync(a =&gt; a.Posts.Count())</c> lists every author with its number of posts (0 for none).
    /// </summary>
    public List<(TModel Row, T1 Value)> ToList<T1>(Func<Fields<TModel>, RelatedValue<TModel, T1>> value)
    {
        var v1 = value(F);
        return ToListCore([v1], (r, row) => (row, v1.Read(r, Model.Columns.Count)), static r => r.Item1, async: false, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="ToList{T1}"/>
    public Task<List<(TModel Row, T1 Value)>> ToListAsync<T1>(Func<Fields<TModel>, RelatedValue<TModel, T1>> value, CancellationToken cancellationToken = default)
    {
        var v1 = value(F);
        return ToListCore([v1], (r, row) => (row, v1.Read(r, Model.Columns.Count)), static r => r.Item1, async: true, cancellationToken).AsTask();
    }

    /// <summary>Each row with <paramref name="values"/>: <c>ToListAsync(a =&gt; (a.Posts.Count(), a.Posts.Max(p =&gt; p.Published)))</c>.</summary>
    public List<(TModel Row, T1 Value1, T2 Value2)> ToList<T1, T2>(Func<Fields<TModel>, (RelatedValue<TModel, T1>, RelatedValue<TModel, T2>)> values)
    {
        var (v1, v2) = values(F);
        var n = Model.Columns.Count;
        return ToListCore([v1, v2], (r, row) => (row, v1.Read(r, n), v2.Read(r, n + 1)), static r => r.Item1, async: false, default).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public Task<List<(TModel Row, T1 Value1, T2 Value2)>> ToListAsync<T1, T2>(
        Func<Fields<TModel>, (RelatedValue<TModel, T1>, RelatedValue<TModel, T2>)> values, CancellationToken cancellationToken = default)
    {
        var (v1, v2) = values(F);
        var n = Model.Columns.Count;
        return ToListCore([v1, v2], (r, row) => (row, v1.Read(r, n), v2.Read(r, n + 1)), static r => r.Item1, async: true, cancellationToken).AsTask();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public List<(TModel Row, T1 Value1, T2 Value2, T3 Value3)> ToList<T1, T2, T3>(
        Func<Fields<TModel>, (RelatedValue<TModel, T1>, RelatedValue<TModel, T2>, RelatedValue<TModel, T3>)> values)
    {
        var (v1, v2, v3) = values(F);
        var n = Model.Columns.Count;
        return ToListCore([v1, v2, v3], (r, row) => (row, v1.Read(r, n), v2.Read(r, n + 1), v3.Read(r, n + 2)), static r => r.Item1, async: false, default)
            .GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="ToList{T1, T2}"/>
    public Task<List<(TModel Row, T1 Value1, T2 Value2, T3 Value3)>> ToListAsync<T1, T2, T3>(
        Func<Fields<TModel>, (RelatedValue<TModel, T1>, RelatedValue<TModel, T2>, RelatedValue<TModel, T3>)> values, CancellationToken cancellationToken = default)
    {
        var (v1, v2, v3) = values(F);
        var n = Model.Columns.Count;
        return ToListCore([v1, v2, v3], (r, row) => (row, v1.Read(r, n), v2.Read(r, n + 1), v3.Read(r, n + 2)), static r => r.Item1, async: true, cancellationToken)
            .AsTask();
    }

    /// <summary>The first row (by key when the query has no ordering), or null.</summary>
    public TModel? FirstOrDefault() => FirstCore(async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="FirstOrDefault"/>
    public Task<TModel?> FirstOrDefaultAsync(CancellationToken cancellationToken = default) => FirstCore(async: true, cancellationToken).AsTask();

    /// <summary>The one row matching the query; <see cref="NotFoundException"/> (a 404 in a route) when there is none.</summary>
    public TModel Get() => GetCore(this, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Get()"/>
    public Task<TModel> GetAsync(CancellationToken cancellationToken = default) => GetCore(this, async: true, cancellationToken).AsTask();

    /// <summary>The one row matching <paramref name="predicate"/>; <see cref="NotFoundException"/> (a 404 in a route) when there is none.</summary>
    public TModel Get(Func<Fields<TModel>, Condition<TModel>> predicate) => GetCore(Filter(predicate), async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Get(Func{Fields{TModel}, Condition{TModel}})"/>
    public Task<TModel> GetAsync(Func<Fields<TModel>, Condition<TModel>> predicate, CancellationToken cancellationToken = default) =>
        GetCore(Filter(predicate), async: true, cancellationToken).AsTask();

    public int Count() => CountCore(async: false, default).GetAwaiter().GetResult();

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => CountCore(async: true, cancellationToken).AsTask();

    public bool Exists() => ExistsCore(async: false, default).GetAwaiter().GetResult();

    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => ExistsCore(async: true, cancellationToken).AsTask();

    /// <summary>The row with key <paramref name="key"/>; generated typed methods (<c>db.Posts.GetAsync(5)</c>) call it.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask<TModel> GetByKeyAsync(object key, bool async, CancellationToken cancellationToken) =>
        GetCore(Where(new ComparisonCondition<TModel>(Model.Key, "=", key)), async, cancellationToken, key);

    [EditorBrowsable(EditorBrowsableState.Never)]
    public async ValueTask<TModel?> FindByKeyAsync(object key, bool async, CancellationToken cancellationToken) =>
        (await Where(new ComparisonCondition<TModel>(Model.Key, "=", key)).Take(1).ToListCore(async, cancellationToken)).FirstOrDefault();

    // ---- Writing --------------------------------------------------------------------------------------------

    /// <summary>Inserts <paramref name="entity"/> and sets its key when the database assigns it; returns it.</summary>
    public TModel Create(TModel entity) => CreateCore(entity, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Create"/>
    public Task<TModel> CreateAsync(TModel entity, CancellationToken cancellationToken = default) => CreateCore(entity, async: true, cancellationToken).AsTask();

    /// <summary>Inserts every entity in one transaction, setting their keys; returns how many.</summary>
    public int BulkCreate(IEnumerable<TModel> entities) => BulkCreateCore(entities, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="BulkCreate"/>
    public Task<int> BulkCreateAsync(IEnumerable<TModel> entities, CancellationToken cancellationToken = default) =>
        BulkCreateCore(entities, async: true, cancellationToken).AsTask();

    /// <summary>Updates the row of <paramref name="entity"/>, or inserts it when it has no key yet (or no row has its key), as Django's <c>save()</c>.</summary>
    public void Save(TModel entity) => SaveCore(entity, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Save"/>
    public Task SaveAsync(TModel entity, CancellationToken cancellationToken = default) => SaveCore(entity, async: true, cancellationToken).AsTask();

    /// <summary>Deletes the row of <paramref name="entity"/>; returns whether there was one.</summary>
    public bool Delete(TModel entity) => DeleteEntityCore(entity, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Delete(TModel)"/>
    public Task<bool> DeleteAsync(TModel entity, CancellationToken cancellationToken = default) =>
        DeleteEntityCore(entity, async: true, cancellationToken).AsTask();

    /// <summary>Deletes every row the query matches (rows that reference them too, where the relation cascades); returns how many.</summary>
    [AltersData]
    public int Delete() => DeleteCore(async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Delete()"/>
    public Task<int> DeleteAsync(CancellationToken cancellationToken = default) => DeleteCore(async: true, cancellationToken).AsTask();

    /// <summary>Sets columns on every row the query matches, in one statement: <c>Update(p =&gt; p.Views.Set(0))</c>. Returns how many rows.</summary>
    public int Update(params Func<Fields<TModel>, Assignment<TModel>>[] assignments) =>
        UpdateCore(assignments, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Update"/>
    public Task<int> UpdateAsync(params Func<Fields<TModel>, Assignment<TModel>>[] assignments) =>
        UpdateCore(assignments, async: true, default).AsTask();

    /// <inheritdoc cref="Update"/>
    public Task<int> UpdateAsync(CancellationToken cancellationToken, params Func<Fields<TModel>, Assignment<TModel>>[] assignments) =>
        UpdateCore(assignments, async: true, cancellationToken).AsTask();

    /// <summary>Loads <paramref name="relation"/> of <paramref name="entity"/> (a reference, or a collection of rows that point to it).</summary>
    public void Load(TModel entity, Func<Fields<TModel>, Relation<TModel>> relation) =>
        relation(F).LoadAsync(_db, [entity], async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Load(TModel, Func{Fields{TModel}, Relation{TModel}})"/>
    public Task LoadAsync(TModel entity, Func<Fields<TModel>, Relation<TModel>> relation, CancellationToken cancellationToken = default) =>
        relation(F).LoadAsync(_db, [entity], async: true, cancellationToken).AsTask();

    /// <summary>Loads <paramref name="relation"/> of every entity with one query.</summary>
    public Task LoadAsync(IEnumerable<TModel> entities, Func<Fields<TModel>, Relation<TModel>> relation, CancellationToken cancellationToken = default) =>
        relation(F).LoadAsync(_db, entities.ToList(), async: true, cancellationToken).AsTask();

    /// <summary>The SELECT this query runs, for debugging (as Django's <c>str(qs.query)</c>); values appear as parameters.</summary>
    public override string ToString() => BuildSelect().Text;

    // ---- SQL ------------------------------------------------------------------------------------------------

    /// <summary>A builder for a query on this queryset's database, with the table's alias set.</summary>
    internal SqlBuilder NewBuilder()
    {
        var sql = new SqlBuilder(_db.Provider.Dialect);
        sql.Alias = sql.NewAlias();
        return sql;
    }

    private SqlBuilder BuildSelect(bool orderByKeyIfUnordered = false, RelatedValue<TModel>[]? values = null)
    {
        var sql = NewBuilder();
        sql.Append("SELECT ");
        for (var i = 0; i < Model.Columns.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Column(Model.Columns[i]);
        }

        foreach (var value in values ?? [])
        {
            sql.Append(", ");
            value.Render(sql);
        }

        AppendFrom(sql);
        AppendWhere(sql);
        AppendOrdering(sql, orderByKeyIfUnordered);
        sql.Dialect.AppendLimitOffset(sql, _limit, _offset);
        if (_forUpdate)
        {
            sql.Dialect.AppendForUpdate(sql);
        }

        return sql;
    }

    private void AppendOrdering(SqlBuilder sql, bool orderByKeyIfUnordered)
    {
        var ordering = _ordering.Length == 0 && orderByKeyIfUnordered ? [new OrderTerm(Model.Key, null, false)] : _ordering;
        for (var i = 0; i < ordering.Length; i++)
        {
            sql.Append(i == 0 ? " ORDER BY " : ", ");
            AppendOrderValue(sql, ordering[i]);
            sql.Append(ordering[i].Descending ? " DESC" : "");
        }
    }

    /// <summary>An ordering term's value, without its direction.</summary>
    private static void AppendOrderValue(SqlBuilder sql, OrderTerm term)
    {
        if (term.Column is { } column)
        {
            sql.Dialect.AppendOrderTerm(sql, column, descending: false);
        }
        else
        {
            term.Related!.Render(sql);
        }
    }

    private void AppendFrom(SqlBuilder sql) => sql.Append(" FROM ").Identifier(Model.Table).Append(" AS ").Append(sql.Alias!);

    private void AppendWhere(SqlBuilder sql)
    {
        if (_where is not null)
        {
            sql.Append(" WHERE ");
            _where.Render(sql);
        }
    }

    internal async ValueTask<List<TModel>> ToListCore(bool async, CancellationToken cancellationToken, bool orderByKeyIfUnordered = false)
    {
        var results = await ReadAsync(BuildSelect(orderByKeyIfUnordered), Model.Read, async, cancellationToken);
        await LoadIncludesAsync(results, async, cancellationToken);
        return results;
    }

    private async ValueTask LoadIncludesAsync(IReadOnlyList<TModel> rows, bool async, CancellationToken cancellationToken)
    {
        foreach (var include in _includes)
        {
            await include.LoadAsync(_db, rows, async, cancellationToken);
        }
    }

    /// <summary>The rows with <paramref name="values"/> after their columns, each read by <paramref name="read"/>; then their includes.</summary>
    private async ValueTask<List<TResult>> ToListCore<TResult>(
        RelatedValue<TModel>[] values, Func<DbDataReader, TModel, TResult> read, Func<TResult, TModel> row, bool async, CancellationToken cancellationToken)
    {
        var results = await ReadAsync(BuildSelect(values: values), reader => read(reader, Model.Read(reader)), async, cancellationToken);
        if (_includes.Length > 0)
        {
            await LoadIncludesAsync(results.ConvertAll(r => row(r)), async, cancellationToken);
        }

        return results;
    }

    /// <summary>Runs <paramref name="sql"/> and reads each row it answers with <paramref name="read"/>.</summary>
    internal async ValueTask<List<T>> ReadAsync<T>(SqlBuilder sql, Func<DbDataReader, T> read, bool async, CancellationToken cancellationToken)
    {
        if (_forUpdate && !_db.InTransaction)
        {
            // As Django's: outside a transaction the lock would end with the statement, protecting nothing.
            throw new InvalidOperationException("SelectForUpdate() locks rows until the transaction ends: read it inside one (await db.BeginTransactionAsync()).");
        }

        var results = new List<T>();
        var lease = await _db.LeaseAsync(async, cancellationToken);
        try
        {
            await using var leased = lease.Command(sql);
            await using var reader = await leased.ExecuteReaderAsync(async, cancellationToken);
            while (async ? await reader.ReadAsync(cancellationToken) : reader.Read())
            {
                results.Add(read(reader));
            }
        }
        finally
        {
            await lease.ReleaseAsync(async);
        }

        return results;
    }

    private async ValueTask<TModel?> FirstCore(bool async, CancellationToken cancellationToken) =>
        (await Take(1).ToListCore(async, cancellationToken, orderByKeyIfUnordered: true)).FirstOrDefault();

    private static async ValueTask<TModel> GetCore(QuerySet<TModel> query, bool async, CancellationToken cancellationToken, object? key = null)
    {
        // Two rows are enough to tell "one" from "several".
        var rows = await query.Take(2).ToListCore(async, cancellationToken);
        return rows.Count switch
        {
            1 => rows[0],
            0 => throw new NotFoundException(key is null
                ? $"No {query.Model.Name} matches the given query."
                : $"No {query.Model.Name} with {query.Model.Key.Property} {key}."),
            _ => throw new MultipleObjectsReturnedException($"Get() returned more than one {query.Model.Name}: narrow the query or use FirstOrDefault()."),
        };
    }

    private async ValueTask<int> CountCore(bool async, CancellationToken cancellationToken)
    {
        var sql = NewBuilder();
        if (IsSliced)
        {
            sql.Append("SELECT COUNT(*) FROM (SELECT 1 AS x");
            AppendFrom(sql);
            AppendWhere(sql);
            sql.Dialect.AppendLimitOffset(sql, _limit, _offset);
            sql.Append(") AS counted");
        }
        else
        {
            sql.Append("SELECT COUNT(*)");
            AppendFrom(sql);
            AppendWhere(sql);
        }

        return Convert.ToInt32(await ScalarAsync(sql, async, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal async ValueTask<bool> ExistsCore(bool async, CancellationToken cancellationToken)
    {
        var sql = NewBuilder();
        sql.Append("SELECT 1");
        AppendFrom(sql);
        AppendWhere(sql);
        sql.Dialect.AppendLimitOffset(sql, 1, _offset);
        return await ScalarAsync(sql, async, cancellationToken) is not null and not DBNull;
    }

    private async ValueTask<TModel> CreateCore(TModel entity, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var lease = await _db.LeaseAsync(async, cancellationToken);
        try
        {
            await InsertAsync(entity, lease, async, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(async);
        }

        return entity;
    }

    private async ValueTask<int> BulkCreateCore(IEnumerable<TModel> entities, bool async, CancellationToken cancellationToken)
    {
        var list = entities.ToList();
        if (list.Count == 0)
        {
            return 0;
        }

        await InOneTransactionAsync(
            async (lease, transaction) =>
            {
                foreach (var entity in list)
                {
                    await InsertAsync(entity, lease, async, cancellationToken, transaction);
                }
            },
            async,
            cancellationToken);
        return list.Count;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on one connection in one transaction: the <c>Db</c>'s when one is open, else one of its own that
    /// commits when the work is done (and rolls back when it throws). The work is given the transaction its commands join (null in the Db's).
    /// </summary>
    private async ValueTask InOneTransactionAsync(Func<ConnectionLease, DbTransaction?, ValueTask> work, bool async, CancellationToken cancellationToken)
    {
        var lease = await _db.LeaseAsync(async, cancellationToken);
        DbTransaction? own = null;
        try
        {
            if (!lease.InTransaction)
            {
                own = async ? await lease.Connection.BeginTransactionAsync(cancellationToken) : lease.Connection.BeginTransaction();
            }

            await work(lease, own);
            if (own is not null)
            {
                if (async)
                {
                    await own.CommitAsync(cancellationToken);
                }
                else
                {
                    own.Commit();
                }
            }
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            await lease.ReleaseAsync(async);
        }
    }

    /// <summary>
    /// Refuses a value longer than its column's <c>[MaxLength]</c>, which SQLite would store as it is, and one the database can't
    /// store (text with a NUL on PostgreSQL), naming the property.
    /// </summary>
    private void CheckValues(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            CheckValue(Model.Columns[i], values[i]);
        }
    }

    private void CheckValue(ColumnInfo column, object? value)
    {
        if (_db.Provider.Dialect.CannotStore(value) is { } problem)
        {
            throw new UnstorableValueException($"{Model.Name}.{column.Property}: {problem}");
        }

        if (column.MaxLength is not { } maxLength)
        {
            return;
        }

        var (length, unit) = value switch
        {
            string text => (text.Length, "characters"),
            byte[] bytes => (bytes.Length, "bytes"),
            _ => (0, ""),
        };
        if (length > maxLength)
        {
            throw new ValueTooLongException($"{Model.Name}.{column.Property} holds at most {maxLength} {unit}; the value has {length}.");
        }
    }

    private async ValueTask InsertAsync(TModel entity, ConnectionLease lease, bool async, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        var databaseAssignsKey = Model.PrepareInsert(entity);
        var values = new object?[Model.Columns.Count];
        Model.GetValues(entity, values);
        CheckValues(values);
        var sql = new SqlBuilder(_db.Provider.Dialect);
        sql.Append("INSERT INTO ").Identifier(Model.Table);
        var columns = Enumerable.Range(0, values.Length).Where(i => !(databaseAssignsKey && i == Model.KeyIndex)).ToList();
        if (columns.Count == 0)
        {
            sql.Append(" DEFAULT VALUES");
        }
        else
        {
            sql.Append(" (");
            for (var i = 0; i < columns.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Identifier(Model.Columns[columns[i]].Name);
            }

            sql.Append(") VALUES (");
            for (var i = 0; i < columns.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Parameter(values[columns[i]]);
            }

            sql.Append(")");
        }

        if (!databaseAssignsKey)
        {
            await NonQueryAsync(sql, lease, async, cancellationToken, transaction);
            return;
        }

        sql.Append(" RETURNING ").Identifier(Model.Key.Name);
        await using var leased = lease.Command(sql, transaction);
        var key = await leased.ExecuteScalarAsync(async, cancellationToken);
        Model.SetKey(entity, key ?? throw new InvalidOperationException($"The database returned no key for the new {Model.Name}."));
    }

    internal async ValueTask SaveCore(TModel entity, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var key = Model.GetKey(entity);
        var lease = await _db.LeaseAsync(async, cancellationToken);
        try
        {
            if (!Model.HasKey(entity))
            {
                await InsertAsync(entity, lease, async, cancellationToken);
                return;
            }

            var values = new object?[Model.Columns.Count];
            Model.GetValues(entity, values);
            CheckValues(values);
            var sql = new SqlBuilder(_db.Provider.Dialect);
            sql.Append("UPDATE ").Identifier(Model.Table).Append(" SET ");
            var first = true;
            for (var i = 0; i < values.Length; i++)
            {
                if (i == Model.KeyIndex)
                {
                    continue;
                }

                sql.Append(first ? "" : ", ").Identifier(Model.Columns[i].Name).Append(" = ").Parameter(values[i]);
                first = false;
            }

            if (first)
            {
                // Only a key: nothing to update, but the row may still need inserting.
                sql = new SqlBuilder(_db.Provider.Dialect);
                sql.Append("SELECT COUNT(*) FROM ").Identifier(Model.Table);
            }

            sql.Append(" WHERE ").Identifier(Model.Key.Name).Append(" = ").Parameter(key);
            var affected = first
                ? Convert.ToInt32(await ScalarAsync(sql, async, cancellationToken, lease), System.Globalization.CultureInfo.InvariantCulture)
                : await NonQueryAsync(sql, lease, async, cancellationToken);
            if (affected == 0)
            {
                await InsertAsync(entity, lease, async, cancellationToken);
            }
        }
        finally
        {
            await lease.ReleaseAsync(async);
        }
    }

    private async ValueTask<bool> DeleteEntityCore(TModel entity, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var sql = new SqlBuilder(_db.Provider.Dialect);
        sql.Append("DELETE FROM ").Identifier(Model.Table).Append(" WHERE ").Identifier(Model.Key.Name).Append(" = ").Parameter(Model.GetKey(entity));
        return await NonQueryAsync(sql, async, cancellationToken) > 0;
    }

    private async ValueTask<int> DeleteCore(bool async, CancellationToken cancellationToken)
    {
        ThrowIfSliced("delete");
        var sql = NewBuilder();
        sql.Append("DELETE");
        AppendFrom(sql);
        AppendWhere(sql);
        return await NonQueryAsync(sql, async, cancellationToken);
    }

    private async ValueTask<int> UpdateCore(Func<Fields<TModel>, Assignment<TModel>>[] assignments, bool async, CancellationToken cancellationToken)
    {
        ThrowIfSliced("update");
        if (assignments.Length == 0)
        {
            throw new ArgumentException("Update() needs at least one assignment, such as p => p.Views.Set(0).", nameof(assignments));
        }

        var sql = NewBuilder();
        sql.Append("UPDATE ").Identifier(Model.Table).Append(" AS ").Append(sql.Alias!).Append(" SET ");
        for (var i = 0; i < assignments.Length; i++)
        {
            var assignment = assignments[i](F);
            if (assignment.Column.IsKey)
            {
                throw new ArgumentException($"Update() can't change the key {Model.Name}.{assignment.Column.Property}.", nameof(assignments));
            }

            sql.Append(i == 0 ? "" : ", ").Identifier(assignment.Column.Name).Append(" = ");
            if (assignment.Expression is { } expression)
            {
                expression.Render(sql, arithmetic: false);
            }
            else
            {
                CheckValue(assignment.Column, assignment.Value);
                sql.Parameter(assignment.Value);
            }
        }

        AppendWhere(sql);
        return await NonQueryAsync(sql, async, cancellationToken);
    }

    private async ValueTask<object?> ScalarAsync(SqlBuilder sql, bool async, CancellationToken cancellationToken, ConnectionLease? existing = null)
    {
        var lease = existing ?? await _db.LeaseAsync(async, cancellationToken);
        try
        {
            await using var leased = lease.Command(sql);
            return await leased.ExecuteScalarAsync(async, cancellationToken);
        }
        finally
        {
            if (existing is null)
            {
                await lease.ReleaseAsync(async);
            }
        }
    }

    private async ValueTask<int> NonQueryAsync(SqlBuilder sql, bool async, CancellationToken cancellationToken)
    {
        var lease = await _db.LeaseAsync(async, cancellationToken);
        try
        {
            return await NonQueryAsync(sql, lease, async, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(async);
        }
    }

    private static async ValueTask<int> NonQueryAsync(SqlBuilder sql, ConnectionLease lease, bool async, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var leased = lease.Command(sql, transaction);
        return await leased.ExecuteNonQueryAsync(async, cancellationToken);
    }

    private void ThrowIfSliced(string operation)
    {
        if (IsSliced)
        {
            throw new InvalidOperationException($"Can't {operation} a query once it has been sliced (Skip, Take or [a..b]); {operation} first, then slice.");
        }
    }

    private QuerySet<TModel> With(
        Condition<TModel>? where = null,
        OrderTerm[]? ordering = null,
        int? offset = null,
        int? limit = null,
        Relation<TModel>[]? includes = null,
        bool? forUpdate = null) =>
        new(_db, Model, where ?? _where, ordering ?? _ordering, offset ?? _offset, limit ?? _limit, includes ?? _includes, forUpdate ?? _forUpdate);

    /// <summary>An ORDER BY term: a column of the model, or an aggregate of each row's related rows.</summary>
    private readonly record struct OrderTerm(ColumnInfo? Column, RelatedValue<TModel>? Related, bool Descending);

    internal static int KeysPerQuery => MaxKeysPerQuery;
}
