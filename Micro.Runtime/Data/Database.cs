using System.Data.Common;

namespace Micro.Data;

/// <summary>
/// The base of the generated <c>Db</c> service: one per request (scoped), it opens pooled connections as
/// queries need them, or keeps one for the length of a transaction.
/// </summary>
public abstract class Database : IDisposable, IAsyncDisposable
{
    private Transaction? _transaction;

    protected Database(IDatabaseProvider provider) => Provider = provider;

    public IDatabaseProvider Provider { get; }

    /// <summary>
    /// Starts a transaction: every query of this <c>Db</c> runs in it until it is committed or disposed (which
    /// rolls it back), as Django's <c>transaction.atomic()</c>. On SQLite it takes the write lock at once.
    /// </summary>
    [AltersData]
    public Transaction BeginTransaction() => BeginTransactionCore(async: false, default).GetAwaiter().GetResult();

    /// <inheritdoc cref="BeginTransaction"/>
    public Task<Transaction> BeginTransactionAsync(CancellationToken cancellationToken = default) =>
        BeginTransactionCore(async: true, cancellationToken).AsTask();

    internal async ValueTask<Transaction> BeginTransactionCore(bool async, CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open on this Db; commit or dispose it first.");
        }

        var connection = async ? await Provider.OpenAsync(cancellationToken) : Provider.Open();
        try
        {
            var transaction = async ? await connection.BeginTransactionAsync(cancellationToken) : connection.BeginTransaction();
            return _transaction = new Transaction(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A transaction is open on this <c>Db</c>: what runs now joins it.</summary>
    internal bool InTransaction => _transaction is not null;

    internal void EndTransaction(Transaction transaction)
    {
        if (ReferenceEquals(_transaction, transaction))
        {
            _transaction = null;
        }
    }

    /// <summary>The connection to run a command on: the transaction's, or a new one that the lease closes.</summary>
    internal async ValueTask<ConnectionLease> LeaseAsync(bool async, CancellationToken cancellationToken)
    {
        if (_transaction is { } transaction)
        {
            return new ConnectionLease(transaction.Connection, transaction.DbTransaction, owns: false);
        }

        if (Provider is IKeepsConnections keeper)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ConnectionLease(keeper.Rent());
        }

        var connection = async ? await Provider.OpenAsync(cancellationToken) : Provider.Open();
        return new ConnectionLease(connection, null, owns: true);
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        GC.SuppressFinalize(this);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is { } transaction)
        {
            await transaction.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A connection borrowed for one command or query.</summary>
internal readonly struct ConnectionLease
{
    private readonly bool _owns;
    private readonly KeptConnection? _kept;

    public ConnectionLease(DbConnection connection, DbTransaction? transaction, bool owns)
    {
        Connection = connection;
        Transaction = transaction;
        _owns = owns;
    }

    public ConnectionLease(KeptConnection kept)
    {
        Connection = kept.Connection;
        _kept = kept;
    }

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; }

    public bool InTransaction => Transaction is not null;

    /// <summary>
    /// The command for <paramref name="sql"/> on this connection, in <paramref name="transaction"/> or the lease's: a kept
    /// connection's prepared one when it has run the same text before.
    /// </summary>
    public LeasedCommand Command(SqlBuilder sql, DbTransaction? transaction = null) =>
        _kept is not null
            ? new LeasedCommand(_kept.Command(sql, transaction ?? Transaction), sql.Dialect, kept: true)
            : new LeasedCommand(sql.CreateCommand(Connection, transaction ?? Transaction), sql.Dialect, kept: false);

    public ValueTask ReleaseAsync(bool async)
    {
        if (_kept is not null)
        {
            _kept.Release();
            return ValueTask.CompletedTask;
        }

        if (!_owns)
        {
            return ValueTask.CompletedTask;
        }

        if (async)
        {
            return Connection.DisposeAsync();
        }

        Connection.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A command of a <see cref="ConnectionLease"/>: disposed after use unless its connection keeps it. Outside a transaction it
/// runs once more when the database refused a statement it had prepared because a migration changed its result's columns
/// since (<see cref="SqlDialect.IsStalePlan"/>: nothing ran); in a transaction that error aborted the transaction, so it is
/// the caller's.
/// </summary>
internal readonly struct LeasedCommand(DbCommand command, SqlDialect dialect, bool kept) : IAsyncDisposable
{
    public DbCommand Command { get; } = command;

    public async ValueTask<DbDataReader> ExecuteReaderAsync(bool async, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return async ? await Command.ExecuteReaderAsync(cancellationToken) : Command.ExecuteReader();
            }
            catch (DbException exception) when (attempt == 0 && RunsAgain(exception))
            {
            }
        }
    }

    public async ValueTask<object?> ExecuteScalarAsync(bool async, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return async ? await Command.ExecuteScalarAsync(cancellationToken) : Command.ExecuteScalar();
            }
            catch (DbException exception) when (attempt == 0 && RunsAgain(exception))
            {
            }
        }
    }

    public async ValueTask<int> ExecuteNonQueryAsync(bool async, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return async ? await Command.ExecuteNonQueryAsync(cancellationToken) : Command.ExecuteNonQuery();
            }
            catch (DbException exception) when (attempt == 0 && RunsAgain(exception))
            {
            }
        }
    }

    public ValueTask DisposeAsync() => kept ? ValueTask.CompletedTask : Command.DisposeAsync();

    private bool RunsAgain(DbException exception) => Command.Transaction is null && dialect.IsStalePlan(exception);
}

/// <summary>An open transaction of a <see cref="Database"/>. Dispose without committing rolls it back.</summary>
public sealed class Transaction : IDisposable, IAsyncDisposable
{
    private readonly Database _database;
    private bool _done;

    internal Transaction(Database database, DbConnection connection, DbTransaction transaction)
    {
        _database = database;
        Connection = connection;
        DbTransaction = transaction;
    }

    public DbConnection Connection { get; }

    public DbTransaction DbTransaction { get; }

    public void Commit()
    {
        Finish();
        DbTransaction.Commit();
        Close();
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        Finish();
        await DbTransaction.CommitAsync(cancellationToken);
        await CloseAsync();
    }

    public void Rollback()
    {
        Finish();
        DbTransaction.Rollback();
        Close();
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        Finish();
        await DbTransaction.RollbackAsync(cancellationToken);
        await CloseAsync();
    }

    public void Dispose()
    {
        if (!_done)
        {
            Finish();
        }

        Close();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            Finish();
        }

        await CloseAsync();
    }

    private void Finish()
    {
        if (_done)
        {
            throw new InvalidOperationException("The transaction was already committed or rolled back.");
        }

        _done = true;
    }

    // Disposing an uncommitted transaction rolls it back.
    private void Close()
    {
        _database.EndTransaction(this);
        DbTransaction.Dispose();
        Connection.Dispose();
    }

    private async ValueTask CloseAsync()
    {
        _database.EndTransaction(this);
        await DbTransaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
