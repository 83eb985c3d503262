using System.Data.Common;

namespace Micro.Data;

public sealed partial class QuerySet<TModel>
{
    /// <summary>A savepoint's name: in a transaction, an insert that fails is undone alone, and the transaction goes on.</summary>
    private const string InsertSavepoint = "micro_get_or_create";

    /// <summary>
    /// The one row matching <paramref name="lookup"/>, or the row <paramref name="create"/> makes, inserted, as Django's
    /// <c>get_or_create</c>:
    /// <code>var (tag, created) = await db.Tags.GetOrCreateAsync(t =&gt; t.Slug.Exact("net"), () =&gt; new Tag { Slug = "net", Name = ".NET" });</code>
    /// When another request inserts the same row between the lookup and the insert, the insert breaks a unique constraint and the row
    /// the other request inserted is returned; so look up by unique columns, and have <paramref name="create"/> make a row the lookup
    /// matches. In a transaction, an insert that fails is undone alone (a savepoint) and the transaction goes on.
    /// </summary>
    /// <returns>The row, and whether it was created.</returns>
    /// <exception cref="MultipleObjectsReturnedException">More than one row matches <paramref name="lookup"/>.</exception>
    public (TModel Row, bool Created) GetOrCreate(Func<Fields<TModel>, Condition<TModel>> lookup, Func<TModel> create) =>
        GetOrCreateCore(Filter(lookup), create, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="GetOrCreate"/>
    public Task<(TModel Row, bool Created)> GetOrCreateAsync(
        Func<Fields<TModel>, Condition<TModel>> lookup, Func<TModel> create, CancellationToken cancellationToken = default) =>
        GetOrCreateCore(Filter(lookup), create, async: true, cancellationToken).AsTask();

    /// <summary>
    /// Changes the one row matching <paramref name="lookup"/> with <paramref name="update"/> and saves it, or inserts the row
    /// <paramref name="create"/> makes, as Django's <c>update_or_create</c>:
    /// <code>
    /// var (tag, created) = await db.Tags.UpdateOrCreateAsync(t =&gt; t.Slug.Exact("net"),
    ///     update: t =&gt; t.Name = ".NET", create: () =&gt; new Tag { Slug = "net", Name = ".NET" });
    /// </code>
    /// It runs in a transaction (the <c>Db</c>'s, or its own), with the row locked from the lookup to the save (SQLite locks the
    /// database for the transaction), so two requests updating the same row at once both count.
    /// </summary>
    /// <returns>The row, and whether it was created.</returns>
    /// <exception cref="MultipleObjectsReturnedException">More than one row matches <paramref name="lookup"/>.</exception>
    public (TModel Row, bool Created) UpdateOrCreate(Func<Fields<TModel>, Condition<TModel>> lookup, Action<TModel> update, Func<TModel> create) =>
        UpdateOrCreateCore(Filter(lookup), update, create, async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="UpdateOrCreate"/>
    public Task<(TModel Row, bool Created)> UpdateOrCreateAsync(
        Func<Fields<TModel>, Condition<TModel>> lookup, Action<TModel> update, Func<TModel> create, CancellationToken cancellationToken = default) =>
        UpdateOrCreateCore(Filter(lookup), update, create, async: true, cancellationToken).AsTask();

    private async ValueTask<(TModel Row, bool Created)> GetOrCreateCore(QuerySet<TModel> query, Func<TModel> create, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (await query.FindOneAsync(async, cancellationToken) is { } found)
        {
            return (found, false);
        }

        var entity = create() ?? throw new ArgumentException($"create made no {Model.Name} (it returned null).", nameof(create));
        try
        {
            await InsertUndoneAloneAsync(entity, async, cancellationToken);
            return (entity, true);
        }
        catch (DbException exception) when (_db.Provider.Dialect.UniqueViolation(exception) is not null)
        {
            // Another request inserted the row since the lookup: it is the row (Django's get_or_create does the same). A unique
            // value of another row that the lookup doesn't match is still the error.
            if (await query.FindOneAsync(async, cancellationToken) is { } inserted)
            {
                return (inserted, false);
            }

            throw;
        }
    }

    private async ValueTask<(TModel Row, bool Created)> UpdateOrCreateCore(
        QuerySet<TModel> query, Action<TModel> update, Func<TModel> create, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var own = _db.InTransaction ? null : await _db.BeginTransactionCore(async, cancellationToken);
        try
        {
            var (row, created) = await GetOrCreateCore(query.SelectForUpdate(), create, async, cancellationToken);
            if (!created)
            {
                update(row);
                await SaveCore(row, async, cancellationToken);
            }

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

            return (row, created);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>The one row the query matches, or null.</summary>
    private async ValueTask<TModel?> FindOneAsync(bool async, CancellationToken cancellationToken)
    {
        var rows = await Take(2).ToListCore(async, cancellationToken);
        return rows.Count switch
        {
            0 => null,
            1 => rows[0],
            _ => throw new MultipleObjectsReturnedException($"More than one {Model.Name} matches the lookup, so there is no one row to get or update: look up by unique columns."),
        };
    }

    /// <summary>
    /// Inserts <paramref name="entity"/>; in a transaction, inside a savepoint, so that an insert the database refuses is undone alone
    /// and the transaction can go on (PostgreSQL refuses every statement of a transaction after one failed, as Django's nested atomic).
    /// </summary>
    private async ValueTask InsertUndoneAloneAsync(TModel entity, bool async, CancellationToken cancellationToken)
    {
        var lease = await _db.LeaseAsync(async, cancellationToken);
        try
        {
            if (lease.Transaction is not { } transaction)
            {
                await InsertAsync(entity, lease, async, cancellationToken);
                return;
            }

            if (async)
            {
                await transaction.SaveAsync(InsertSavepoint, cancellationToken);
            }
            else
            {
                transaction.Save(InsertSavepoint);
            }

            try
            {
                await InsertAsync(entity, lease, async, cancellationToken);
            }
            catch (DbException)
            {
                if (async)
                {
                    await transaction.RollbackAsync(InsertSavepoint, cancellationToken);
                }
                else
                {
                    transaction.Rollback(InsertSavepoint);
                }

                throw;
            }

            if (async)
            {
                await transaction.ReleaseAsync(InsertSavepoint, cancellationToken);
            }
            else
            {
                transaction.Release(InsertSavepoint);
            }
        }
        finally
        {
            await lease.ReleaseAsync(async);
        }
    }
}
