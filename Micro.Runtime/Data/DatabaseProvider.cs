using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Micro.Data;

/// <summary>
/// The database an app talks to: how to open a connection and which SQL dialect to write. SQLite is the
/// default; register another implementation as a singleton before <c>Build()</c> to replace it.
/// </summary>
public interface IDatabaseProvider
{
    /// <summary>A name for messages, such as <c>SQLite (app.db)</c>.</summary>
    string DisplayName { get; }

    SqlDialect Dialect { get; }

    /// <summary>Opens a connection, set up for the app (pragmas, timeouts).</summary>
    DbConnection Open();

    /// <inheritdoc cref="Open"/>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Points EF Core at the same database (LINQ and the migration engine, under the JIT only).</summary>
    [RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    void UseEntityFramework(DbContextOptionsBuilder options);
}

/// <summary>
/// SQLite through Microsoft.Data.Sqlite: a file beside the app, WAL journal, a busy timeout, foreign keys on, and
/// <c>synchronous = FULL</c> (see <see cref="Synchronous"/>).
/// </summary>
public sealed class SqliteProvider : IDatabaseProvider, IKeepsConnections, IDisposable
{
    /// <summary>The connection string when the configuration has none: <c>app.db</c> in the content root.</summary>
    public const string DefaultConnectionString = "Data Source=app.db";

    private static readonly ConcurrentDictionary<string, bool> s_walEnabled = new(StringComparer.Ordinal);

    // Pooled connections reuse their native handle, which keeps its pragmas: configure each handle once.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> s_configured = new();

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly bool _enableForeignKeys;
    private readonly KeptConnectionPool _kept;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="baseDirectory">What a relative file name is relative to (the content root).</param>
    /// <param name="busyTimeout">How long a connection waits for another writer before failing.</param>
    public SqliteProvider(string connectionString, string baseDirectory, TimeSpan? busyTimeout = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || dataSource.Length == 0 || dataSource == ":memory:";
        if (!inMemory && !dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(dataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, dataSource));
        }

        // Foreign keys are on unless the connection string says otherwise. Left to Microsoft.Data.Sqlite, the
        // keyword would cost a PRAGMA on every open; Configure sets it once per native connection instead.
        _enableForeignKeys = builder.ForeignKeys is null;
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
        IsFile = !inMemory;
        _busyTimeoutMilliseconds = (int)(busyTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;

        // Queries keep up to 16 idle connections open, each with the 64 statements it ran last prepared (Python's sqlite3
        // keeps 128 a connection). A connection given back inside a transaction is closed, which rolls the transaction back.
        _kept = new KeptConnectionPool(Open, static c => c.State == System.Data.ConnectionState.Open && InAutocommit(c), connections: 16, commandsEach: 64);
    }

    /// <summary>The database file's full path (or the in-memory name).</summary>
    public string DataSource { get; }

    public bool IsFile { get; }

    public string ConnectionString => _connectionString;

    public string DisplayName => $"SQLite ({DataSource})";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting: <c>FULL</c> (the default, as Django keeps it), where a committed write survives a
    /// power cut; <c>NORMAL</c>, faster, where with WAL the last commits before a power cut (not a crash of the app) may be
    /// lost; <c>EXTRA</c> or <c>OFF</c>. Configured by <c>Micro:Database:Synchronous</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Not one of the four.</exception>
    public string Synchronous
    {
        get;
        init => field = value?.ToUpperInvariant() is "FULL" or "NORMAL" or "EXTRA" or "OFF"
            ? value.ToUpperInvariant()
            : throw new ArgumentException($"SQLite's synchronous setting must be FULL, NORMAL, EXTRA or OFF, not '{value}'.", nameof(value));
    } = "FULL";

    public SqlDialect Dialect => SqliteDialect.Instance;

    public DbConnection Open()
    {
        var connection = NewConnection(_connectionString);
        try
        {
            connection.Open();
            Configure(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    KeptConnection IKeepsConnections.Rent() => _kept.Rent();

    /// <summary>Closes the connections kept open for queries.</summary>
    public void Dispose() => _kept.Dispose();

    private static bool InAutocommit(DbConnection connection) =>
        ((SqliteConnection)connection).Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite does its work synchronously; its async methods only wrap it.
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Open());
    }

    [RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    public void UseEntityFramework(DbContextOptionsBuilder options) => options.UseSqlite(_connectionString);

    // Native binaries link SQLite in; one published with <MicroLinkSqlite>false</MicroLinkSqlite> needs the .so beside it.
    private static SqliteConnection NewConnection(string connectionString)
    {
        try
        {
            return new SqliteConnection(connectionString);
        }
        catch (TypeInitializationException exception) when (exception.GetBaseException() is DllNotFoundException)
        {
            throw new InvalidOperationException(
                "SQLite's native library (libe_sqlite3) could not be loaded: put libe_sqlite3.so beside the app, or publish it with SQLite linked in (Micro's default).",
                exception);
        }
    }

    private void Configure(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle || s_configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        var timeout = _busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture);

        // WAL lets readers go on while one connection writes; it is a property of the file, set once per process.
        var enableWal = IsFile && s_walEnabled.TryAdd(DataSource, true);
        command.CommandText =
            $"PRAGMA busy_timeout = {timeout}; PRAGMA synchronous = {Synchronous};" +
            (_enableForeignKeys ? " PRAGMA foreign_keys = ON;" : "") +
            (enableWal ? " PRAGMA journal_mode = WAL;" : "");
        command.ExecuteNonQuery();
        s_configured.AddOrUpdate(handle, handle);
    }
}
