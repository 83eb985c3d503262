using System.Data.Common;
using System.Globalization;
using Micro.Data;

namespace Micro.Admin;

/// <summary>Django's <c>ADDITION</c>, <c>CHANGE</c> and <c>DELETION</c> flags.</summary>
internal enum LogAction
{
    Addition = 1,
    Change = 2,
    Deletion = 3,
}

/// <summary>One change made in the admin: who, when, to which row, and what changed (Django's <c>LogEntry</c>).</summary>
internal sealed class LogEntry
{
    public int Id { get; set; }

    public DateTime ActionTime { get; set; }

    public int UserId { get; set; }

    public string AppLabel { get; set; } = "";

    public string ModelName { get; set; } = "";

    public string? ObjectId { get; set; }

    /// <summary>The row's display text when the change was made, cut to 200 characters as Django's.</summary>
    public string ObjectRepr { get; set; } = "";

    public LogAction Action { get; set; }

    /// <summary>Django's JSON: <c>[{"added": {}}]</c>, <c>[{"changed": {"fields": ["Title"]}}]</c>, <c>[{"deleted": {}}]</c>.</summary>
    public string ChangeMessage { get; set; } = "";
}

internal sealed class LogEntryModel : ModelInfo<LogEntry>
{
    public static readonly ColumnInfo IdColumn = new("Id", "id", ColumnKind.Integer, false, true, true);
    public static readonly ColumnInfo ActionTimeColumn = new("ActionTime", "action_time", ColumnKind.Other, false, false, false);
    public static readonly ColumnInfo UserIdColumn = new("UserId", "user_id", ColumnKind.Integer, false, false, false);
    public static readonly ColumnInfo AppLabelColumn = new("AppLabel", "app_label", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo ModelNameColumn = new("ModelName", "model_name", ColumnKind.Text, false, false, false);
    public static readonly ColumnInfo ObjectIdColumn = new("ObjectId", "object_id", ColumnKind.Text, true, false, false);
    public static readonly ColumnInfo ObjectReprColumn = new("ObjectRepr", "object_repr", ColumnKind.Text, false, false, false) { MaxLength = 200 };
    public static readonly ColumnInfo ActionFlagColumn = new("Action", "action_flag", ColumnKind.Integer, false, false, false);
    public static readonly ColumnInfo ChangeMessageColumn = new("ChangeMessage", "change_message", ColumnKind.Text, false, false, false);

    public static readonly LogEntryModel Instance = new();

    private LogEntryModel()
        : base("LogEntry", "django_admin_log",
            [IdColumn, ActionTimeColumn, UserIdColumn, AppLabelColumn, ModelNameColumn, ObjectIdColumn, ObjectReprColumn, ActionFlagColumn, ChangeMessageColumn])
    {
    }

    public override LogEntry Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        ActionTime = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
        UserId = reader.GetInt32(2),
        AppLabel = reader.GetString(3),
        ModelName = reader.GetString(4),
        ObjectId = reader.IsDBNull(5) ? null : reader.GetString(5),
        ObjectRepr = reader.GetString(6),
        Action = (LogAction)reader.GetInt32(7),
        ChangeMessage = reader.GetString(8),
    };

    public override object? ReadValue(DbDataReader reader, int ordinal, int column) => reader.IsDBNull(ordinal) ? null : column switch
    {
        0 => reader.GetInt32(ordinal),
        1 => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
        2 => reader.GetInt32(ordinal),
        3 => reader.GetString(ordinal),
        4 => reader.GetString(ordinal),
        5 => reader.GetString(ordinal),
        6 => reader.GetString(ordinal),
        7 => (LogAction)reader.GetInt32(ordinal),
        8 => reader.GetString(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override void GetValues(LogEntry entity, object?[] values)
    {
        values[0] = entity.Id;
        values[1] = entity.ActionTime;
        values[2] = entity.UserId;
        values[3] = entity.AppLabel;
        values[4] = entity.ModelName;
        values[5] = entity.ObjectId;
        values[6] = entity.ObjectRepr;
        values[7] = (int)entity.Action;
        values[8] = entity.ChangeMessage;
    }

    public override object? GetKey(LogEntry entity) => entity.Id;

    public override bool HasKey(LogEntry entity) => entity.Id != 0;

    public override void SetKey(LogEntry entity, object key) => entity.Id = Convert.ToInt32(key, CultureInfo.InvariantCulture);

    public override bool PrepareInsert(LogEntry entity) => entity.Id == 0;

    /// <summary>A new entry as Django's: made now.</summary>
    public override LogEntry CreateInstance() => new() { ActionTime = DateTime.UtcNow };
}
