namespace Micro.Data;

/// <summary>Django's QuerySet methods that pick rows by their order, fetch rows by a list of keys, update many rows' fields, and lock rows.</summary>
public sealed partial class QuerySet<TModel>
{
    /// <summary>The rows in the other order, as Django's <c>reverse()</c>; a query without an order is read by key, backwards.</summary>
    /// <exception cref="InvalidOperationException">The query is sliced.</exception>
    public QuerySet<TModel> Reverse()
    {
        ThrowIfSliced("reverse");
        OrderTerm[] ordering = _ordering.Length == 0 ? [new OrderTerm(Model.Key, null, Descending: false)] : _ordering;
        return With(ordering: [.. ordering.Select(static term => term with { Descending = !term.Descending })]);
    }

    /// <summary>The last row (by key when the query has no ordering), or null, as Django's <c>last()</c>.</summary>
    public TModel? LastOrDefault() => Reverse().FirstCore(async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="LastOrDefault"/>
    public Task<TModel?> LastOrDefaultAsync(CancellationToken cancellationToken = default) => Reverse().FirstCore(async: true, cancellationToken).AsTask();

    /// <summary>
    /// The row whose <paramref name="field"/> is the latest (the largest), as Django's <c>latest("published")</c>: <c>db.Posts.LatestAsync(p =&gt; p.Published)</c>;
    /// <see cref="NotFoundException"/> (a 404 in a route) when there are no rows. Rows whose value is null count as the database orders
    /// them, as Django's: filter them out where the field may be null.
    /// </summary>
    public TModel Latest(Func<Fields<TModel>, Field<TModel>> field) => GetCore(FirstBy(field, descending: true), async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Latest"/>
    public Task<TModel> LatestAsync(Func<Fields<TModel>, Field<TModel>> field, CancellationToken cancellationToken = default) =>
        GetCore(FirstBy(field, descending: true), async: true, cancellationToken).AsTask();

    /// <summary>The row whose <paramref name="field"/> is the earliest (the smallest), as Django's <c>earliest()</c>; <see cref="NotFoundException"/> when there are no rows.</summary>
    public TModel Earliest(Func<Fields<TModel>, Field<TModel>> field) => GetCore(FirstBy(field, descending: false), async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="Earliest"/>
    public Task<TModel> EarliestAsync(Func<Fields<TModel>, Field<TModel>> field, CancellationToken cancellationToken = default) =>
        GetCore(FirstBy(field, descending: false), async: true, cancellationToken).AsTask();

    private QuerySet<TModel> FirstBy(Func<Fields<TModel>, Field<TModel>> field, bool descending)
    {
        // As Django's latest(): ordered by the field (then by key, so that ties give the same row each time), the first row.
        ThrowIfSliced("order");
        return OrderByColumn(field(F).Column, descending).OrderByColumn(Model.Key, descending, then: true).Take(1);
    }

    /// <summary>
    /// The rows whose <paramref name="field"/> is one of <paramref name="values"/>, by that value, as Django's <c>in_bulk()</c>:
    /// <c>await db.Posts.InBulkAsync(p =&gt; p.Id, [1, 2, 3])</c> or by another unique field (<c>p =&gt; p.Slug</c>). Values no row has
    /// are left out; many values are read a few hundred at a time.
    /// </summary>
    public Dictionary<TValue, TModel> InBulk<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> field, IEnumerable<TValue> values)
        where TValue : notnull =>
        InBulkCore(field(F), values, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="InBulk"/>
    public Task<Dictionary<TValue, TModel>> InBulkAsync<TValue>(Func<Fields<TModel>, Field<TModel, TValue>> field, IEnumerable<TValue> values, CancellationToken cancellationToken = default)
        where TValue : notnull =>
        InBulkCore(field(F), values, async: true, cancellationToken).AsTask();

    private async ValueTask<Dictionary<TValue, TModel>> InBulkCore<TValue>(Field<TModel, TValue> field, IEnumerable<TValue> values, bool async, CancellationToken cancellationToken)
        where TValue : notnull
    {
        ArgumentNullException.ThrowIfNull(values);
        ThrowIfSliced("filter");
        var index = Model.IndexOf(field.Column);
        var found = new Dictionary<TValue, TModel>();
        var columnValues = new object?[Model.Columns.Count];
        foreach (var chunk in values.Distinct().Chunk(MaxKeysPerQuery))
        {
            foreach (var row in await Where(field.In(chunk)).ToListCore(async, cancellationToken))
            {
                Model.GetValues(row, columnValues);
                found[(TValue)columnValues[index]!] = row;
            }
        }

        return found;
    }

    /// <summary>
    /// Saves <paramref name="fields"/> of every row of <paramref name="entities"/> (its other columns are left as the database has them),
    /// in one transaction, as Django's <c>bulk_update(posts, ["views"])</c>: <c>await db.Posts.BulkUpdateAsync(posts, p =&gt; p.Views)</c>.
    /// Returns how many rows there were to update.
    /// </summary>
    /// <exception cref="ArgumentException">No fields, the key among them, or a row without a key.</exception>
    public int BulkUpdate(IEnumerable<TModel> entities, params Func<Fields<TModel>, Field<TModel>>[] fields) =>
        BulkUpdateCore(entities, fields, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="BulkUpdate"/>
    public Task<int> BulkUpdateAsync(IEnumerable<TModel> entities, params Func<Fields<TModel>, Field<TModel>>[] fields) =>
        BulkUpdateCore(entities, fields, async: true, default).AsTask();

    /// <inheritdoc cref="BulkUpdate"/>
    public Task<int> BulkUpdateAsync(IEnumerable<TModel> entities, CancellationToken cancellationToken, params Func<Fields<TModel>, Field<TModel>>[] fields) =>
        BulkUpdateCore(entities, fields, async: true, cancellationToken).AsTask();

    private async ValueTask<int> BulkUpdateCore(IEnumerable<TModel> entities, Func<Fields<TModel>, Field<TModel>>[] fields, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (fields.Length == 0)
        {
            throw new ArgumentException("BulkUpdate() needs the fields to save, such as p => p.Views.", nameof(fields));
        }

        var columns = fields.Select(field => Model.IndexOf(field(F).Column)).Distinct().ToArray();
        if (columns.Contains(Model.KeyIndex))
        {
            throw new ArgumentException($"BulkUpdate() can't change the key {Model.Name}.{Model.Key.Property}.", nameof(fields));
        }

        var list = entities.ToList();
        if (list.FirstOrDefault(entity => !Model.HasKey(entity)) is not null)
        {
            throw new ArgumentException($"Every {Model.Name} given to BulkUpdate() needs a key: save a new one with CreateAsync or SaveAsync.", nameof(entities));
        }

        var updated = 0;
        await InOneTransactionAsync(
            async (lease, transaction) =>
            {
                var values = new object?[Model.Columns.Count];
                foreach (var entity in list)
                {
                    Model.GetValues(entity, values);
                    var sql = new SqlBuilder(_db.Provider.Dialect);
                    sql.Append("UPDATE ").Identifier(Model.Table).Append(" SET ");
                    for (var i = 0; i < columns.Length; i++)
                    {
                        CheckValue(Model.Columns[columns[i]], values[columns[i]]);
                        sql.Append(i == 0 ? "" : ", ").Identifier(Model.Columns[columns[i]].Name).Append(" = ").Parameter(values[columns[i]]);
                    }

                    sql.Append(" WHERE ").Identifier(Model.Key.Name).Append(" = ").Parameter(values[Model.KeyIndex]);
                    updated += await NonQueryAsync(sql, lease, async, cancellationToken, transaction);
                }
            },
            async,
            cancellationToken);
        return updated;
    }

    /// <summary>
    /// Locks the rows the query reads until the transaction ends, as Django's <c>select_for_update()</c>: another transaction that
    /// locks or changes them waits (PostgreSQL's <c>FOR UPDATE</c>; on SQLite a transaction holds the database's write lock from its start).
    /// Read it in a transaction (<c>BeginTransactionAsync</c>); outside one it is an error, as Django's.
    /// </summary>
    public QuerySet<TModel> SelectForUpdate() => With(forUpdate: true);
}
