using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Micro.Data;

/// <summary>
/// PostgreSQL through Npgsql: one pooled <see cref="NpgsqlDataSource"/> per provider. Chosen when <c>ConnectionStrings:Default</c>
/// is an Npgsql connection string (<c>Host=...</c>) or a <c>postgres://</c> URL.
/// </summary>
public sealed class PostgreSqlProvider : IDatabaseProvider, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">An Npgsql connection string or a <c>postgres://user:password@host:port/database</c> URL.</param>
    public PostgreSqlProvider(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString.Normalize(connectionString));
        ConnectionString = builder.ConnectionString;
        DisplayName = $"PostgreSQL ({builder.Database ?? builder.Username} on {builder.Host}:{builder.Port})";
        _dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString).Build();
    }

    public string ConnectionString { get; }

    public string DisplayName { get; }

    public SqlDialect Dialect => PostgreSqlDialect.Instance;

    public DbConnection Open() => _dataSource.OpenConnection();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    [RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    public void UseEntityFramework(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

/// <summary>Reads the forms of a PostgreSQL connection string Micro accepts.</summary>
public static class PostgreSqlConnectionString
{
    /// <summary>Whether <paramref name="connectionString"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool Matches(string connectionString)
    {
        var text = connectionString.TrimStart();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
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
    /// <exception cref="FormatException">A URL Micro can't read.</exception>
    public static string Normalize(string connectionString)
    {
        var text = connectionString.Trim();
        if (!text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new FormatException("A PostgreSQL URL looks like postgres://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
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
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        // Query options are Npgsql's keywords (sslmode=require, pooling=false, ...).
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var option = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(option[0]);
            var value = option.Length == 2 ? Uri.UnescapeDataString(option[1]) : "";
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException exception)
            {
                throw new FormatException($"The PostgreSQL URL's option '{key}' is not one Npgsql knows: {exception.Message}", exception);
            }
        }

        return builder.ConnectionString;
    }
}

/// <summary>PostgreSQL's SQL.</summary>
public sealed class PostgreSqlDialect : SqlDialect
{
    public static PostgreSqlDialect Instance { get; } = new();

    public override string Name => "postgresql";

    public override void AppendTextMatch(SqlBuilder sql, ColumnInfo column, TextMatch match, string value)
    {
        var insensitive = match is TextMatch.IExact or TextMatch.IContains or TextMatch.IStartsWith or TextMatch.IEndsWith;
        var pattern = match switch
        {
            TextMatch.IExact => EscapeLike(value),
            TextMatch.Contains or TextMatch.IContains => "%" + EscapeLike(value) + "%",
            TextMatch.StartsWith or TextMatch.IStartsWith => EscapeLike(value) + "%",
            TextMatch.EndsWith or TextMatch.IEndsWith => "%" + EscapeLike(value),
            _ => throw new ArgumentOutOfRangeException(nameof(match), match, null),
        };

        // Django's PostgreSQL lookups: UPPER(col) LIKE UPPER(pattern) for the case-insensitive ones.
        if (insensitive)
        {
            sql.Append("UPPER(").Column(column).Append("::text) LIKE UPPER(").Parameter(pattern).Append(") ESCAPE '\\'");
        }
        else
        {
            sql.Column(column).Append("::text LIKE ").Parameter(pattern).Append(" ESCAPE '\\'");
        }
    }

    public override void AppendLimitOffset(SqlBuilder sql, int? limit, int? offset)
    {
        if (limit is not null)
        {
            sql.Append(" LIMIT ").Parameter(limit.Value);
        }

        if (offset is not null)
        {
            sql.Append(" OFFSET ").Parameter(offset.Value);
        }
    }
}
