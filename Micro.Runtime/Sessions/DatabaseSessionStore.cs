using System.Data.Common;
using Micro.Data;
using Microsoft.Extensions.Logging;

namespace Micro.Sessions;

/// <summary>A row of <c>micro_session</c>, the database store's table (Django's <c>django_session</c>).</summary>
internal sealed class SessionRecord
{
    public string SessionKey { get; set; } = "";

    public string SessionData { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime ExpireDate { get; set; }
}

/// <summary>How the data layer reads and writes <see cref="SessionRecord"/>s, written as the generator writes a model's.</summary>
internal sealed class SessionRecordModel : ModelInfo<SessionRecord>
{
    public static readonly ColumnInfo KeyColumn = new("SessionKey", "session_key", ColumnKind.Text, IsNullable: false, IsKey: true, IsAutoIncrement: false);
    public static readonly ColumnInfo DataColumn = new("SessionData", "session_data", ColumnKind.Text, IsNullable: false, IsKey: false, IsAutoIncrement: false);
    public static readonly ColumnInfo ExpireDateColumn = new("ExpireDate", "expire_date", ColumnKind.Other, IsNullable: false, IsKey: false, IsAutoIncrement: false);

    public static readonly TextField<SessionRecord, string> KeyField = new(KeyColumn);
    public static readonly TextField<SessionRecord, string> DataField = new(DataColumn);
    public static readonly Field<SessionRecord, DateTime> ExpireDateField = new(ExpireDateColumn);

    public static readonly SessionRecordModel Instance = new();

    private SessionRecordModel()
        : base("Session", "micro_session", [KeyColumn, DataColumn, ExpireDateColumn])
    {
    }

    public override SessionRecord Read(DbDataReader reader) => new()
    {
        SessionKey = reader.GetString(0),
        SessionData = reader.GetString(1),
        ExpireDate = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
    };

    public override object? ReadValue(DbDataReader reader, int ordinal, int column) => reader.IsDBNull(ordinal) ? null : column switch
    {
        0 => reader.GetString(ordinal),
        1 => reader.GetString(ordinal),
        2 => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override void GetValues(SessionRecord entity, object?[] values)
    {
        values[0] = entity.SessionKey;
        values[1] = entity.SessionData;
        values[2] = entity.ExpireDate;
    }

    public override object? GetKey(SessionRecord entity) => entity.SessionKey;

    public override bool HasKey(SessionRecord entity) => entity.SessionKey.Length > 0;

    public override void SetKey(SessionRecord entity, object key) => entity.SessionKey = (string)key;

    public override bool PrepareInsert(SessionRecord entity) => false;
}

/// <summary>The <c>micro_session</c> table through the data layer.</summary>
internal sealed class SessionDb(IDatabaseProvider provider) : Database(provider)
{
    public QuerySet<SessionRecord> Sessions => new(this, SessionRecordModel.Instance);
}

/// <summary>
/// Sessions in the app's database, table <c>micro_session</c> (made by <c>migrate</c>), as Django's default engine: the cookie
/// holds only the key, so sessions survive restarts and every process of the app shares them.
/// </summary>
public sealed class DatabaseSessionStore(IDatabaseProvider provider, ILogger<DatabaseSessionStore> logger) : ISessionStore
{
    public async ValueTask<StoredSession?> LoadAsync(string cookieValue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SessionKeys.IsWellFormed(cookieValue))
        {
            return null;
        }

        await using var db = new SessionDb(provider);
        SessionRecord? record;
        try
        {
            record = await db.Sessions
                .Filter(_ => SessionRecordModel.KeyField.Exact(cookieValue) & SessionRecordModel.ExpireDateField.Gt(now.UtcDateTime))
                .FirstOrDefaultAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            // A database that hasn't been migrated yet, reached by a browser that kept a sessionid cookie from another app on the
            // same host: the page works without its session rather than failing. Writing a session still fails loudly.
            logger.LogWarning("Could not read a session from {Database}: {Message} Run the migrate command to create the session table.", provider.DisplayName, exception.Message);
            return null;
        }

        return record is null ? null : new StoredSession(record.SessionKey, record.SessionData, new DateTimeOffset(record.ExpireDate, TimeSpan.Zero));
    }

    public async ValueTask<SavedSession> SaveAsync(string? key, string data, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var db = new SessionDb(provider);
        if (key is not null)
        {
            var updated = await db.Sessions.Filter(_ => SessionRecordModel.KeyField.Exact(key)).UpdateAsync(
                cancellationToken,
                _ => SessionRecordModel.DataField.Set(data),
                _ => SessionRecordModel.ExpireDateField.Set(expiresAt.UtcDateTime));
            if (updated == 1)
            {
                return new SavedSession(key, key);
            }
        }

        // A new session, or one deleted since it was loaded (a logout elsewhere): a new key, never one the client chose.
        var created = await db.Sessions.CreateAsync(
            new SessionRecord { SessionKey = SessionKeys.Create(), SessionData = data, ExpireDate = expiresAt.UtcDateTime },
            cancellationToken);
        return new SavedSession(created.SessionKey, created.SessionKey);
    }

    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = new SessionDb(provider);
        await db.Sessions.Filter(_ => SessionRecordModel.KeyField.Exact(key)).DeleteAsync(cancellationToken);
    }

    public async ValueTask<int?> ClearExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = new SessionDb(provider);
        return await db.Sessions.Filter(_ => SessionRecordModel.ExpireDateField.Lte(now.UtcDateTime)).DeleteAsync(cancellationToken);
    }
}
