using System.Data.Common;

namespace Micro.Data;

/// <summary>
/// A provider that keeps connections open between queries with their commands prepared (SQLite, where preparing a
/// statement is a good part of a small query's cost and a pooled connection that closes loses what it prepared).
/// </summary>
internal interface IKeepsConnections
{
    /// <summary>A kept connection for one query or write at a time, opened if none is free; <see cref="KeptConnection.Release"/> gives it back.</summary>
    KeptConnection Rent();
}

/// <summary>
/// An open connection and the commands run on it, by SQL text, the most recently used kept: a query whose text was run on
/// this connection before runs its prepared statement again with the new parameter values.
/// </summary>
internal sealed class KeptConnection : IDisposable
{
    private readonly Dictionary<string, LinkedListNode<DbCommand>> _byText;
    private readonly Dictionary<string, LinkedListNode<DbCommand>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly LinkedList<DbCommand> _recent = [];
    private readonly int _capacity;

    private readonly KeptConnectionPool _pool;

    public KeptConnection(KeptConnectionPool pool, DbConnection connection, int capacity)
    {
        _pool = pool;
        Connection = connection;
        _capacity = capacity;
        _byText = new Dictionary<string, LinkedListNode<DbCommand>>(StringComparer.Ordinal);
        _bySpan = _byText.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public DbConnection Connection { get; }

    /// <summary>The command for <paramref name="sql"/>'s text, bound to its parameter values; the connection keeps it.</summary>
    public DbCommand Command(SqlBuilder sql, DbTransaction? transaction)
    {
        LinkedListNode<DbCommand>? node;
        string? text = null;
        var found = sql.TryGetText(out var span) ? _bySpan.TryGetValue(span, out node) : _byText.TryGetValue(text = sql.Text, out node);
        if (found && node!.Value.Parameters.Count == sql.Parameters.Count)
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            var command = node.Value;
            command.Transaction = transaction;
            sql.BindTo(command);
            return command;
        }

        if (node is not null)
        {
            Forget(node);
        }

        text ??= sql.Text;
        var created = sql.CreateCommand(Connection, transaction, text);
        _byText[text] = _recent.AddFirst(created);
        if (_byText.Count > _capacity)
        {
            Forget(_recent.Last!);
        }

        return created;
    }

    /// <summary>Gives the connection back to the pool it came from, to keep or to close.</summary>
    public void Release() => _pool.Return(this);

    private void Forget(LinkedListNode<DbCommand> node)
    {
        _recent.Remove(node);
        _byText.Remove(node.Value.CommandText);
        node.Value.Dispose();
    }

    public void Dispose()
    {
        foreach (var command in _recent)
        {
            command.Dispose();
        }

        _recent.Clear();
        _byText.Clear();
        Connection.Dispose();
    }
}

/// <summary>
/// The open connections of a <see cref="IKeepsConnections"/> provider that no query is using: up to a number of them kept,
/// more closed. Closing it (when the app stops) closes them, and any given back later.
/// </summary>
internal sealed class KeptConnectionPool(Func<DbConnection> open, Func<DbConnection, bool> canKeep, int connections, int commandsEach) : IDisposable
{
    private readonly Stack<KeptConnection> _idle = new();
    private bool _disposed;

    public KeptConnection Rent()
    {
        lock (_idle)
        {
            // Once closed, a query still running as the app stops gets a connection that is closed when it is given back.
            if (_idle.TryPop(out var kept))
            {
                return kept;
            }
        }

        return new KeptConnection(this, open(), commandsEach);
    }

    public void Return(KeptConnection connection)
    {
        if (canKeep(connection.Connection))
        {
            lock (_idle)
            {
                if (!_disposed && _idle.Count < connections)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        KeptConnection[] idle;
        lock (_idle)
        {
            _disposed = true;
            idle = _idle.ToArray();
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            connection.Dispose();
        }
    }
}
