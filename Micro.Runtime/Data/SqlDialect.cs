using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Micro.Data;

/// <summary>What differs between databases in the SQL Micro writes: quoting, parameters, paging, text matching, value formats.</summary>
public abstract class SqlDialect
{
    /// <summary>The dialect's name, such as <c>sqlite</c>: Micro's own migrations are written once per dialect, in a folder of this name.</summary>
    public abstract string Name { get; }

    public virtual string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public virtual string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    // Every query writes its table's and columns' names and its parameters' placeholders: they are kept once made, so that
    // writing a query's SQL makes its text and no pieces of it. Identifiers are the models' (a few hundred at most); the cap
    // keeps SQL that names tables at run time from growing the cache without end.
    private const int MaxQuotedIdentifiers = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _quoted = new(StringComparer.Ordinal);
    private int _quotedCount;
    private readonly string?[] _parameterNames = new string?[32];

    /// <summary><see cref="Quote"/>, kept for the identifiers it has quoted.</summary>
    internal string QuoteKept(string identifier)
    {
        if (_quoted.TryGetValue(identifier, out var quoted))
        {
            return quoted;
        }

        quoted = Quote(identifier);
        if (Interlocked.Increment(ref _quotedCount) <= MaxQuotedIdentifiers)
        {
            _quoted.TryAdd(identifier, quoted);
        }

        return quoted;
    }

    /// <summary><see cref="ParameterName"/>, kept for the first parameters of a command.</summary>
    internal string ParameterNameKept(int index) =>
        index < _parameterNames.Length ? _parameterNames[index] ??= ParameterName(index) : ParameterName(index);

    /// <summary>The value a parameter carries for <paramref name="value"/>: enums as their number, by default.</summary>
    public virtual object? ToParameterValue(object? value) => value switch
    {
        null => null,
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary><c>column op value</c>.</summary>
    public virtual void AppendComparison(SqlBuilder sql, ColumnInfo column, string op, object value)
    {
        AppendCompared(sql, column);
        sql.Append(" ").Append(op).Append(" ").Parameter(ComparedValue(column, value));
    }

    /// <summary>
    /// <paramref name="column"/> as lookups, orderings, <c>IN</c> and <c>MIN</c>/<c>MAX</c> compare it: the column itself, unless the
    /// database keeps its values in a form that doesn't sort as they do.
    /// </summary>
    public virtual void AppendCompared(SqlBuilder sql, ColumnInfo column) => sql.Column(column);

    /// <summary><paramref name="value"/> in the form <see cref="AppendCompared"/> writes <paramref name="column"/> in.</summary>
    public virtual object ComparedValue(ColumnInfo column, object value) => value;

    /// <summary><paramref name="column"/> as a number, for arithmetic and comparisons with columns (<see cref="ColumnExpression{TModel, TValue}"/>).</summary>
    public virtual void AppendNumber(SqlBuilder sql, ColumnInfo column) => sql.Column(column);

    /// <summary>
    /// The aggregate <paramref name="function"/> (<c>SUM</c>, <c>AVG</c>, <c>MIN</c>, <c>MAX</c>, <c>COUNT</c>) of what <paramref name="operand"/>
    /// writes, as Micro's aggregates answer: a sum of no values is 0 (as LINQ's), an extreme as <see cref="AppendExtreme"/> takes it.
    /// </summary>
    internal void AppendAggregate(SqlBuilder sql, string function, Type valueType, Action<SqlBuilder> operand)
    {
        switch (function)
        {
            case "SUM":
                sql.Append("COALESCE(SUM(");
                operand(sql);
                sql.Append("), 0)");
                break;
            case "MIN" or "MAX":
                AppendExtreme(sql, function, valueType, operand);
                break;
            default:
                sql.Append(function).Append("(");
                operand(sql);
                sql.Append(")");
                break;
        }
    }

    /// <summary>
    /// <c>MIN(...)</c> or <c>MAX(...)</c> (<paramref name="function"/>) of what <paramref name="operand"/> writes, whose values are
    /// <paramref name="valueType"/>s: PostgreSQL has neither for booleans nor for uuids.
    /// </summary>
    internal virtual void AppendExtreme(SqlBuilder sql, string function, Type valueType, Action<SqlBuilder> operand)
    {
        sql.Append(function).Append("(");
        operand(sql);
        sql.Append(")");
    }

    /// <summary>A parameter holding <paramref name="value"/>, compared with what <see cref="AppendNumber"/> computes from <paramref name="column"/>.</summary>
    internal virtual void AppendNumberParameter(SqlBuilder sql, ColumnInfo column, object value) => sql.Parameter(value);

    /// <summary>Django's text lookups.</summary>
    public abstract void AppendTextMatch(SqlBuilder sql, ColumnInfo column, TextMatch match, string value);

    /// <summary>
    /// <paramref name="part"/> of a date column as a whole number (Django's <c>ExtractMonth</c>), in UTC; <paramref name="dateType"/> is
    /// <see cref="DateTime"/>, <see cref="DateOnly"/> or <see cref="DateTimeOffset"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The dialect has no date functions (SQLite's and PostgreSQL's have).</exception>
    public virtual void AppendDatePart(SqlBuilder sql, ColumnInfo column, Type dateType, DatePart part) =>
        throw new NotSupportedException($"The {Name} dialect doesn't read parts of dates ({column.Property}.{part}).");

    /// <summary>A date column truncated to its <paramref name="part"/> as a date (Django's <c>TruncMonth</c>), in UTC.</summary>
    /// <exception cref="NotSupportedException">The dialect has no date functions (SQLite's and PostgreSQL's have).</exception>
    public virtual void AppendDateTrunc(SqlBuilder sql, ColumnInfo column, Type dateType, DatePart part) =>
        throw new NotSupportedException($"The {Name} dialect doesn't truncate dates ({column.Property} to its {part.ToString().ToLowerInvariant()}).");

    /// <summary>Appends LIMIT and OFFSET (either may be null).</summary>
    public abstract void AppendLimitOffset(SqlBuilder sql, int? limit, int? offset);

    /// <summary>An ORDER BY term for <paramref name="column"/>.</summary>
    public virtual void AppendOrderTerm(SqlBuilder sql, ColumnInfo column, bool descending)
    {
        AppendCompared(sql, column);
        sql.Append(descending ? " DESC" : "");
    }

    /// <summary>
    /// The columns of the unique index (or key) whose violation <paramref name="exception"/> reports, or null when it
    /// reports something else: model forms turn it into Django's "already exists" error.
    /// </summary>
    public virtual IReadOnlyList<string>? UniqueViolation(DbException exception) => null;

    /// <summary>Whether <paramref name="exception"/> reports a foreign key that refers to no row.</summary>
    public virtual bool IsForeignKeyViolation(DbException exception) => false;

    /// <summary>
    /// Whether <paramref name="exception"/> is the database refusing a statement it had prepared because a schema change made its
    /// result's columns differ since: nothing ran, and the statement is prepared again when it runs again.
    /// </summary>
    internal virtual bool IsStalePlan(DbException exception) => false;

    /// <summary>
    /// Ends a SELECT so that the rows it reads stay locked until the transaction ends (PostgreSQL's <c>FOR UPDATE</c>). SQLite has no
    /// row locks and needs none: a transaction there holds the database's write lock from its start.
    /// </summary>
    internal virtual void AppendForUpdate(SqlBuilder sql)
    {
    }

    /// <summary>
    /// Why the database can't store <paramref name="value"/> (PostgreSQL: text with a NUL), or null when it can. A write with such a
    /// value fails with <see cref="UnstorableValueException"/>; a lookup with it matches no row.
    /// </summary>
    public virtual string? CannotStore(object? value) => null;

    /// <summary>Escapes LIKE wildcards with a backslash (used with <c>ESCAPE '\'</c>).</summary>
    protected static string EscapeLike(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '%' or '_' or '\\')
            {
                text.Append('\\');
            }

            text.Append(ch);
        }

        return text.ToString();
    }
}

/// <summary>SQLite, with values stored as EF Core stores them, so that EF and Micro read each other's rows.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string Name => "sqlite";

    public override object? ToParameterValue(object? value) => value switch
    {
        // EF Core keeps Guids as upper-case text on SQLite.
        Guid guid => guid.ToString().ToUpperInvariant(),
        _ => base.ToParameterValue(value),
    };

    public override void AppendComparison(SqlBuilder sql, ColumnInfo column, string op, object value)
    {
        // Decimals are stored as text; compare them as numbers (equality stays exact on the text).
        if (column.Kind == ColumnKind.Decimal && op != "=")
        {
            AppendNumber(sql, column);
            sql.Append(" ").Append(op).Append(" ");
            AppendNumberParameter(sql, column, value);
            return;
        }

        base.AppendComparison(sql, column, op, value);
    }

    /// <summary>
    /// Spans and offsets are kept as text (as EF Core keeps them), which sorts unlike their values: <c>1.01:00:00</c> (a day and an
    /// hour) before <c>23:00:00</c>, and <c>10:00+02:00</c> after <c>09:00+00:00</c>, an hour earlier. They are compared as what they
    /// stand for: a span as its ticks, an offset as its UTC instant (<c>datetime()</c>'s UTC seconds, then the stored fraction, which
    /// no whole-minute offset changes), as Django compares durations and aware datetimes.
    /// </summary>
    public override void AppendCompared(SqlBuilder sql, ColumnInfo column)
    {
        switch (column.Kind)
        {
            case ColumnKind.Duration:
                AppendWithColumn(sql, column, SpanTicks);
                return;
            case ColumnKind.DateTimeOffset:
                AppendWithColumn(sql, column, UtcInstant);
                return;
            default:
                base.AppendCompared(sql, column);
                return;
        }
    }

    public override object ComparedValue(ColumnInfo column, object value) => (column.Kind, value) switch
    {
        (ColumnKind.Duration, TimeSpan span) => span.Ticks,
        (ColumnKind.Duration, string text) when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => span.Ticks,
        (ColumnKind.DateTimeOffset, DateTimeOffset instant) => UtcText(instant),
        // A date (the admin's date filters) is taken to be UTC, as Micro's clock gives.
        (ColumnKind.DateTimeOffset, DateTime date) => UtcText(new DateTimeOffset(DateTime.SpecifyKind(date, date.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc))),
        (ColumnKind.DateTimeOffset, string text) when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) => UtcText(instant),
        _ => base.ComparedValue(column, value),
    };

    /// <summary>The UTC instant as <see cref="UtcInstant"/> writes it: seconds, then the fraction without trailing zeros (none when it is zero).</summary>
    private static string UtcText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture);

    // The text is 'yyyy-MM-dd HH:mm:ss[.FFFFFFF]+hh:mm', as Microsoft.Data.Sqlite writes it: the fraction runs from the 20th character
    // to the last six. '$' stands for the column.
    private static readonly string[] UtcInstant = "(datetime($) || substr($, 20, length($) - 25))".Split('$');

    // The text is '[-][d.]hh:mm:ss[.fffffff]' (TimeSpan's "c" format; EF Core writes the days and the fraction always): the hours are the
    // two characters before the first colon, the days the digits before them, and the minutes, seconds and ticks follow it.
    private static readonly string[] SpanTicks = (
        "(CASE WHEN substr($, 1, 1) = '-' THEN -1 ELSE 1 END * ((((abs(CAST(substr($, 1, instr($, ':') - 4) AS INTEGER)) * 24"
        + " + CAST(substr($, instr($, ':') - 2, 2) AS INTEGER)) * 60 + CAST(substr($, instr($, ':') + 1, 2) AS INTEGER)) * 60"
        + " + CAST(substr($, instr($, ':') + 4, 2) AS INTEGER)) * 10000000 + CAST(substr($, instr($, ':') + 7) AS INTEGER)))").Split('$');

    /// <summary>Appends <paramref name="parts"/> with the column between each two (a template split at its '$'s).</summary>
    private static void AppendWithColumn(SqlBuilder sql, ColumnInfo column, string[] parts)
    {
        sql.Append(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            sql.Column(column).Append(parts[i]);
        }
    }

    internal override void AppendNumberParameter(SqlBuilder sql, ColumnInfo column, object value)
    {
        if (column.Kind == ColumnKind.Decimal)
        {
            sql.Append("CAST(").Parameter(value).Append(" AS REAL)");
            return;
        }

        base.AppendNumberParameter(sql, column, value);
    }

    public override void AppendNumber(SqlBuilder sql, ColumnInfo column)
    {
        // Decimals are stored as text: arithmetic on them (and their comparisons with columns) goes through REAL, as Django's
        // decimals do on SQLite.
        if (column.Kind == ColumnKind.Decimal)
        {
            sql.Append("CAST(").Column(column).Append(" AS REAL)");
            return;
        }

        base.AppendNumber(sql, column);
    }

    public override void AppendOrderTerm(SqlBuilder sql, ColumnInfo column, bool descending)
    {
        if (column.Kind == ColumnKind.Decimal)
        {
            sql.Append("CAST(").Column(column).Append(" AS REAL)").Append(descending ? " DESC" : "");
            return;
        }

        base.AppendOrderTerm(sql, column, descending);
    }

    public override void AppendTextMatch(SqlBuilder sql, ColumnInfo column, TextMatch match, string value)
    {
        // No LIKE: SQLite reads a LIKE pattern and the text it matches up to the first NUL, so IExact("alice\0x") would
        // match "alice" (and IExact("alice") a stored "alice\0x"). lower() folds ASCII case as LIKE does, and =, instr()
        // and blob substr() compare every byte. The case-insensitive lookups compare lower() of both sides.
        var insensitive = match is TextMatch.IExact or TextMatch.IContains or TextMatch.IStartsWith or TextMatch.IEndsWith;
        void Column()
        {
            if (insensitive)
            {
                sql.Append("lower(").Column(column).Append(")");
            }
            else
            {
                sql.Column(column);
            }
        }

        void Value(string parameter) => sql.Append(insensitive ? $"lower({parameter})" : parameter);

        var parameter = sql.AddParameter(value);
        switch (match)
        {
            case TextMatch.IExact:
                Column();
                sql.Append(" = ");
                Value(parameter);
                return;
            case TextMatch.Contains or TextMatch.IContains:
            case TextMatch.StartsWith or TextMatch.IStartsWith:
                sql.Append("instr(");
                Column();
                sql.Append(", ");
                Value(parameter);
                sql.Append(match is TextMatch.Contains or TextMatch.IContains ? ") > 0" : ") = 1");
                return;
            case TextMatch.EndsWith or TextMatch.IEndsWith when value.Length == 0:
                sql.Column(column).Append(" IS NOT NULL");
                return;
            case TextMatch.EndsWith or TextMatch.IEndsWith:
                // substr() of text stops at a NUL; of a blob it counts bytes, and lower() keeps the length in bytes.
                sql.Append("substr(CAST(");
                Column();
                sql.Append(" AS BLOB), ").Parameter(-Encoding.UTF8.GetByteCount(value)).Append(") = CAST(");
                Value(parameter);
                sql.Append(" AS BLOB)");
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(match), match, null);
        }
    }

    // SQLite's date functions read the text every date type is kept as, an offset's included (converting it to UTC).
    public override void AppendDatePart(SqlBuilder sql, ColumnInfo column, Type dateType, DatePart part) =>
        sql.Append("CAST(strftime('").Append(part switch { DatePart.Year => "%Y", DatePart.Month => "%m", _ => "%d" }).Append("', ")
            .Column(column).Append(") AS INTEGER)");

    public override void AppendDateTrunc(SqlBuilder sql, ColumnInfo column, Type dateType, DatePart part)
    {
        sql.Append("date(").Column(column);
        sql.Append(part switch { DatePart.Year => ", 'start of year')", DatePart.Month => ", 'start of month')", _ => ")" });
    }

    /// <summary>SQLite's "UNIQUE constraint failed: Posts.AuthorId, Posts.Slug" (a unique index or the primary key).</summary>
    public override IReadOnlyList<string>? UniqueViolation(DbException exception)
    {
        const int ConstraintUnique = 2067;
        const int ConstraintPrimaryKey = 1555;
        const string Prefix = "UNIQUE constraint failed: ";
        if (exception is not SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey } sqlite)
        {
            return null;
        }

        var message = sqlite.Message;
        var start = message.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        // The columns run to the end of the message, which Microsoft.Data.Sqlite quotes: 'UNIQUE constraint failed: T.A, T.B'.
        var list = message[(start + Prefix.Length)..].TrimEnd('.', '\'', ' ');
        return list.Split(", ").Select(static column => column[(column.LastIndexOf('.') + 1)..]).ToArray();
    }

    /// <summary>SQLite's "FOREIGN KEY constraint failed" (it doesn't say which key).</summary>
    public override bool IsForeignKeyViolation(DbException exception)
    {
        const int ConstraintForeignKey = 787;
        return exception is SqliteException { SqliteExtendedErrorCode: ConstraintForeignKey };
    }

    public override void AppendLimitOffset(SqlBuilder sql, int? limit, int? offset)
    {
        if (limit is null && offset is null)
        {
            return;
        }

        // SQLite needs a LIMIT before an OFFSET; -1 means none.
        sql.Append(" LIMIT ").Parameter(limit ?? -1);
        if (offset is not null)
        {
            sql.Append(" OFFSET ").Parameter(offset.Value);
        }
    }
}

/// <summary>
/// PostgreSQL, writing the SQL Django writes there and values as EF Core's Npgsql provider types the columns.
/// </summary>
/// <remarks>
/// <para>
/// Times: a <see cref="DateTime"/> column is <c>timestamp with time zone</c>, which holds an instant. A UTC value is stored as it
/// is; a <see cref="DateTimeKind.Unspecified"/> one is taken to be UTC already (Micro's clock and sessions give UTC); a
/// <see cref="DateTimeKind.Local"/> one is converted to UTC. Values read back are UTC. A <see cref="DateTimeOffset"/> is stored as
/// its UTC instant and read back with offset zero.
/// </para>
/// <para>
/// PostgreSQL keeps no NUL character in text. A lookup whose value has one matches nothing (no stored text equals it), and
/// an ordering comparison compares the text before the NUL, which orders the same in byte order; a write with one fails
/// with <see cref="UnstorableValueException"/>.
/// </para>
/// </remarks>
public sealed class PostgreSqlDialect : SqlDialect
{
    private readonly Npgsql.NpgsqlDataSource? _catalog;

    /// <summary>
    /// The smallest boolean is whether all are true (<c>bool_and</c>), the largest whether any is; a uuid's extremes are its text's,
    /// which sorts as the uuids do (and as SQLite's text of them).
    /// </summary>
    internal override void AppendExtreme(SqlBuilder sql, string function, Type valueType, Action<SqlBuilder> operand)
    {
        if (valueType == typeof(bool))
        {
            sql.Append(function == "MIN" ? "bool_and(" : "bool_or(");
            operand(sql);
            sql.Append(")");
        }
        else if (valueType == typeof(Guid))
        {
            sql.Append(function).Append("(");
            operand(sql);
            sql.Append("::text)::uuid");
        }
        else
        {
            base.AppendExtreme(sql, function, valueType, operand);
        }
    }

    /// <summary>The dialect for writing SQL without a database (<c>sqlmigrate</c>): <see cref="UniqueViolation"/> can't tell columns.</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    /// <param name="catalog">Where <see cref="UniqueViolation"/> reads which columns an index has; without it, it can't tell.</param>
    public PostgreSqlDialect(Npgsql.NpgsqlDataSource? catalog = null) => _catalog = catalog;

    public override string Name => "postgresql";

    public override object? ToParameterValue(object? value) => value switch
    {
        string text when text.Contains('\0', StringComparison.Ordinal) => throw new UnstorableValueException(NulMessage),
        DateTime { Kind: DateTimeKind.Utc } utc => utc,
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        DateTime unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        DateTimeOffset offset => offset.ToUniversalTime(),
        _ => base.ToParameterValue(value),
    };

    public override string? CannotStore(object? value) => value is string text && text.Contains('\0', StringComparison.Ordinal) ? NulMessage : null;

    private const string NulMessage = "PostgreSQL can't store text with a NUL character (\\0).";

    public override void AppendComparison(SqlBuilder sql, ColumnInfo column, string op, object value)
    {
        if (value is string text && text.IndexOf('\0', StringComparison.Ordinal) is var nul and >= 0)
        {
            // No stored text has a NUL. Every stored value is either at most the text before the NUL, or greater than the whole value.
            var before = text[..nul];
            switch (op)
            {
                case ">" or ">=":
                    base.AppendComparison(sql, column, ">", before);
                    return;
                case "<" or "<=":
                    base.AppendComparison(sql, column, "<=", before);
                    return;
                default:
                    sql.Append("1 = 0");
                    return;
            }
        }

        base.AppendComparison(sql, column, op, value);
    }

    public override void AppendDatePart(SqlBuilder sql, ColumnInfo column, Type dateType, DatePart part)
    {
        sql.Append("CAST(EXTRACT(").Append(part switch { DatePart.Year => "YEAR", DatePart.Month => "MONTH", _ => "DAY" }).Append(" FROM ");
        AppendUtc(sql, column, dateType);
        sql.Append(") AS integer)");
    }

    public override void AppendDateTrunc(SqlBuilder sql, ColumnInfo column, Type dateType, DatePart part)
    {
        sql.Append("CAST(date_trunc('").Append(part switch { DatePart.Year => "year", DatePart.Month => "month", _ => "day" }).Append("', ");
        AppendUtc(sql, column, dateType);
        sql.Append(") AS date)");
    }

    /// <summary>
    /// A date column as a <c>timestamp</c> in UTC: a <c>timestamp with time zone</c> (a <see cref="DateTime"/> or an offset) at UTC,
    /// whatever the session's time zone; a <c>date</c> at its midnight.
    /// </summary>
    private static void AppendUtc(SqlBuilder sql, ColumnInfo column, Type dateType)
    {
        if (dateType == typeof(DateOnly))
        {
            sql.Append("CAST(").Column(column).Append(" AS timestamp)");
        }
        else
        {
            sql.Append("(").Column(column).Append(" AT TIME ZONE 'UTC')");
        }
    }

    public override void AppendTextMatch(SqlBuilder sql, ColumnInfo column, TextMatch match, string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            sql.Append("1 = 0");
            return;
        }

        // Django's lookups on PostgreSQL: the column as text, UPPER() on both sides for the case-insensitive ones.
        var insensitive = match is TextMatch.IExact or TextMatch.IContains or TextMatch.IStartsWith or TextMatch.IEndsWith;
        var pattern = match switch
        {
            TextMatch.IExact => value,
            TextMatch.Contains or TextMatch.IContains => "%" + EscapeLike(value) + "%",
            TextMatch.StartsWith or TextMatch.IStartsWith => EscapeLike(value) + "%",
            TextMatch.EndsWith or TextMatch.IEndsWith => "%" + EscapeLike(value),
            _ => throw new ArgumentOutOfRangeException(nameof(match), match, null),
        };

        var parameter = sql.AddParameter(pattern);
        if (insensitive)
        {
            sql.Append("UPPER(").Column(column).Append("::text)").Append(match == TextMatch.IExact ? " = " : " LIKE ").Append("UPPER(").Append(parameter).Append(")");
        }
        else
        {
            sql.Column(column).Append("::text LIKE ").Append(parameter);
        }

        if (match != TextMatch.IExact)
        {
            sql.Append(" ESCAPE '\\'");
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

    /// <summary>
    /// SQLSTATE 23505 names the violated constraint or index, not its columns (Npgsql hides the detail that lists them unless
    /// <c>Include Error Detail</c> is set, since it holds the values): the catalog says which columns the index has.
    /// </summary>
    public override IReadOnlyList<string>? UniqueViolation(DbException exception)
    {
        if (exception is not Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: { Length: > 0 } name } postgres
            || _catalog is null)
        {
            return null;
        }

        try
        {
            // A fresh connection: the one that failed may be in a transaction the error aborted.
            using var connection = _catalog.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT a.attname FROM pg_index i " +
                "JOIN pg_class c ON c.oid = i.indexrelid " +
                "JOIN pg_namespace n ON n.oid = c.relnamespace " +
                "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) " +
                "WHERE c.relname = $1 AND n.nspname = COALESCE($2, current_schema()) " +
                "ORDER BY array_position(i.indkey::int2[], a.attnum)";
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = name });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)postgres.SchemaName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            using var reader = command.ExecuteReader();
            var columns = new List<string>();
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }

            return columns.Count > 0 ? columns : null;
        }
        catch (Npgsql.NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>SQLSTATE 23503.</summary>
    public override bool IsForeignKeyViolation(DbException exception) =>
        exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation };

    /// <summary>
    /// SQLSTATE 0A000 from the server's plan cache ("cached plan must not change result type", told by its routine, since the
    /// message follows the server's language): Npgsql marks the statement to prepare again.
    /// </summary>
    internal override void AppendForUpdate(SqlBuilder sql) => sql.Append(" FOR UPDATE");

    internal override bool IsStalePlan(DbException exception) =>
        exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.FeatureNotSupported, Routine: "RevalidateCachedQuery" };
}
