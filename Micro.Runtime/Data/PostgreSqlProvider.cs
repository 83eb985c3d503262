using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Micro.Data;

/// <summary>
/// PostgreSQL through Npgsql: one pooled <see cref="NpgsqlDataSource"/> per provider, disposed with it (the app's services
/// dispose the provider they made). Chosen when <c>ConnectionStrings:Default</c> is an Npgsql connection string
/// (<c>Host=...</c>) or a <c>postgres://</c> URL.
/// </summary>
/// <remarks>
/// Pooling: Npgsql's pool, with at most <see cref="DefaultMaxPoolSize"/> connections per process unless the connection string
/// sets <c>Maximum Pool Size</c> (Npgsql's own default is 100, which is PostgreSQL's default <c>max_connections</c>: two busy
/// processes of an app would exhaust the server). Npgsql's other defaults stay: <c>Minimum Pool Size=0</c>, idle connections
/// closed after <c>Connection Idle Lifetime=300</c> seconds, and a request that finds the pool full waits up to
/// <c>Timeout=15</c> seconds for a connection. Every keyword of the connection string (or option of the URL) overrides them.
/// <para>
/// Prepared statements: each pooled connection keeps up to <see cref="DefaultMaxAutoPrepare"/> statements prepared on the
/// server (Npgsql's <c>Max Auto Prepare</c>, a statement prepared once it has run 5 times), so a query run again skips
/// PostgreSQL's parse and plan. A statement whose result's columns a migration changed since is prepared again, and the query
/// runs again when it ran outside a transaction. <c>Max Auto Prepare=0</c> turns it off (a pooler in transaction mode that keeps
/// no prepared statements needs that).
/// </para>
/// </remarks>
public sealed class PostgreSqlProvider : IDatabaseProvider, IDisposable, IAsyncDisposable
{
    /// <summary>The most connections one process keeps open, unless the connection string says otherwise: 20, so that several processes fit PostgreSQL's default of 100.</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>The most statements each connection keeps prepared, unless the connection string says otherwise: 64 (Npgsql's default is none).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    private readonly NpgsqlDataSource _dataSource;
    private NpgsqlDataSource? _unpooled;

    /// <param name="connectionString">An Npgsql connection string or a <c>postgres://user:password@host:port/database</c> URL.</param>
    /// <exception cref="FormatException">Not a connection string or URL Micro can read; the message never contains the password.</exception>
    public PostgreSqlProvider(string connectionString)
    {
        var builder = PostgreSqlConnectionString.Parse(connectionString);
        if (!PostgreSqlConnectionString.Sets(builder, "Maximum Pool Size", "MaxPoolSize", "Max Pool Size"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!PostgreSqlConnectionString.Sets(builder, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        ConnectionString = builder.ConnectionString;
        DisplayName = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL ({builder.Database ?? builder.Username} on {builder.Host}:{builder.Port})");
        // The slim builder maps every type Micro stores and leaves out what it doesn't use (arrays, ranges, JSON, extra conversions),
        // which keeps a native binary small.
        _dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString).Build();
        Dialect = new PostgreSqlDialect(_dataSource);
    }

    /// <summary>The Npgsql connection string, with Micro's defaults (it holds the password: never log it).</summary>
    public string ConnectionString { get; }

    /// <summary>The database, host and port, without credentials.</summary>
    public string DisplayName { get; }

    public SqlDialect Dialect { get; }

    public DbConnection Open() => _dataSource.OpenConnection();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>A connection outside the pool, closed when disposed: one held for long beside the pool's (the migration lock).</summary>
    internal DbConnection OpenUnpooled() =>
        LazyInitializer.EnsureInitialized(ref _unpooled, () =>
            new NpgsqlSlimDataSourceBuilder(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString).Build())
        .OpenConnection();

    [RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    public void UseEntityFramework(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public void Dispose()
    {
        _dataSource.Dispose();
        _unpooled?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        if (_unpooled is not null)
        {
            await _unpooled.DisposeAsync();
        }
    }
}

/// <summary>Reads the forms of a PostgreSQL connection string Micro accepts.</summary>
public static class PostgreSqlConnectionString
{
    private const string UrlShape = "a PostgreSQL URL looks like postgres://user:password@host:5432/database?option=value, with reserved characters in the user and password percent-encoded.";

    /// <summary>Whether <paramref name="connectionString"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool Matches(string connectionString)
    {
        var text = connectionString.TrimStart();
        if (IsUrl(text))
        {
            return true;
        }

        // An Npgsql connection string names a host; a SQLite one names a data source.
        foreach (var part in text.Split(';'))
        {
            var key = part.Split('=', 2)[0].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An Npgsql connection string for <paramref name="connectionString"/>: a <c>postgres://</c> URL is converted, anything else is kept.</summary>
    /// <exception cref="FormatException">A URL Micro can't read; the message never contains the password.</exception>
    public static string Normalize(string connectionString)
    {
        var text = connectionString.Trim();
        return IsUrl(text) ? FromUrl(text).ConnectionString : connectionString;
    }

    /// <summary>The connection string or URL as Npgsql's builder, checked: it names a host, and every keyword is Npgsql's.</summary>
    /// <exception cref="FormatException">Something Micro can't read; the message never contains the password.</exception>
    internal static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        var text = connectionString.Trim();
        NpgsqlConnectionStringBuilder builder;
        if (IsUrl(text))
        {
            builder = FromUrl(text);
        }
        else
        {
            builder = FromKeywords(text);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new FormatException("it names no host (Host=... or postgres://host/...).");
        }

        return builder;
    }

    /// <summary>Whether the connection string sets one of <paramref name="keywords"/> (a keyword and its synonyms) itself.</summary>
    internal static bool Sets(NpgsqlConnectionStringBuilder builder, params string[] keywords)
    {
        foreach (string key in builder.Keys)
        {
            if (keywords.Any(keyword => key.Replace(" ", "", StringComparison.Ordinal).Equals(keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new FormatException(UrlShape);
        }

        if (uri.Fragment.Length > 0)
        {
            // An unencoded '#' in the password cuts the URL short.
            throw new FormatException(UrlShape);
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.DnsSafeHost };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var credentials = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(credentials[0]);
            if (credentials.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(credentials[1]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException(UrlShape);
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        // Query options are Npgsql's keywords (sslmode=require, pooling=false, ...), or libpq's names for the same settings.
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var option = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(option[0]);
            key = key.ToLowerInvariant() switch
            {
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                "sslrootcert" => "Root Certificate",
                "sslcert" => "SSL Certificate",
                "sslkey" => "SSL Key",
                "target_session_attrs" => "Target Session Attributes",
                _ => key,
            };
            var value = option.Length == 2 ? Uri.UnescapeDataString(option[1].Replace('+', ' ')) : "";
            try
            {
                builder[key] = value;
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                throw new FormatException($"the PostgreSQL URL's option '{key}' is not an Npgsql keyword with a valid value.", exception);
            }
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string text)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = text;
        }
        catch (ArgumentException exception)
        {
            // The framework's message gives only a position; a value (maybe the password) is never quoted.
            throw new FormatException($"it is not a connection string of Keyword=value pairs separated by ';' ({exception.Message})", exception);
        }

        var builder = new NpgsqlConnectionStringBuilder();
        foreach (string key in parts.Keys)
        {
            try
            {
                builder[key] = parts[key];
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // Npgsql's message may quote the value, which may be the password: name only the keyword.
                throw new FormatException($"'{key}' is not an Npgsql keyword, or its value is not valid for it.", exception);
            }
        }

        return builder;
    }
}
