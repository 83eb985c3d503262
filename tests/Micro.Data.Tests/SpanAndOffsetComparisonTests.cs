using System.Data.Common;
using Micro.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>A row with spans and offsets, the values SQLite keeps as text that doesn't sort as they do.</summary>
public sealed class Shift
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public DateTimeOffset Starts { get; set; }

    public DateTimeOffset Ends { get; set; }

    public TimeSpan Planned { get; set; }

    public TimeSpan Worked { get; set; }
}

/// <summary>What the generator writes for <see cref="Shift"/>: its spans are <see cref="ColumnKind.Duration"/>, its offsets <see cref="ColumnKind.DateTimeOffset"/>.</summary>
internal sealed class ShiftModel : ModelInfo<Shift>
{
    public static readonly ColumnInfo[] AllColumns =
    [
        new("Id", "Id", ColumnKind.Integer, false, true, true),
        new("Name", "Name", ColumnKind.Text, false, false, false),
        new("Starts", "Starts", ColumnKind.DateTimeOffset, false, false, false),
        new("Ends", "Ends", ColumnKind.DateTimeOffset, false, false, false),
        new("Planned", "Planned", ColumnKind.Duration, false, false, false),
        new("Worked", "Worked", ColumnKind.Duration, false, false, false),
    ];

    public static readonly ShiftModel Instance = new();

    public static readonly Field<Shift, string> NameField = new(AllColumns[1]);
    public static readonly Field<Shift, DateTimeOffset> Starts = new(AllColumns[2]);
    public static readonly Field<Shift, DateTimeOffset> Ends = new(AllColumns[3]);
    public static readonly Field<Shift, TimeSpan> Planned = new(AllColumns[4]);
    public static readonly Field<Shift, TimeSpan> Worked = new(AllColumns[5]);

    private ShiftModel()
        : base("Shift", "Shifts", AllColumns)
    {
    }

    public override Shift Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Name = reader.GetString(1),
        Starts = reader.GetFieldValue<DateTimeOffset>(2),
        Ends = reader.GetFieldValue<DateTimeOffset>(3),
        Planned = reader.GetFieldValue<TimeSpan>(4),
        Worked = reader.GetFieldValue<TimeSpan>(5),
    };

    public override object? ReadValue(DbDataReader reader, int ordinal, int column) => reader.IsDBNull(ordinal) ? null : column switch
    {
        0 => reader.GetInt32(ordinal),
        1 => reader.GetString(ordinal),
        2 => reader.GetFieldValue<DateTimeOffset>(ordinal),
        3 => reader.GetFieldValue<DateTimeOffset>(ordinal),
        4 => reader.GetFieldValue<TimeSpan>(ordinal),
        5 => reader.GetFieldValue<TimeSpan>(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override void GetValues(Shift entity, object?[] values)
    {
        values[0] = entity.Id;
        values[1] = entity.Name;
        values[2] = entity.Starts;
        values[3] = entity.Ends;
        values[4] = entity.Planned;
        values[5] = entity.Worked;
    }

    public override object? GetKey(Shift entity) => entity.Id;

    public override bool HasKey(Shift entity) => entity.Id != 0;

    public override void SetKey(Shift entity, object key) => entity.Id = Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture);

    public override bool PrepareInsert(Shift entity) => entity.Id == 0;
}

internal sealed class ShiftDb(IDatabaseProvider provider) : Database(provider)
{
    public QuerySet<Shift> Shifts => new(this, ShiftModel.Instance);
}

/// <summary>The table as EF Core makes it in a migration, on either database; it also writes rows as EF Core writes them.</summary>
internal sealed class ShiftContext(Action<DbContextOptionsBuilder> configure) : DbContext
{
    public DbSet<Shift> Shifts => Set<Shift>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => configure(options);

    protected override void OnModelCreating(ModelBuilder model) => model.Entity<Shift>().ToTable("Shifts");
}

/// <summary>
/// Lookups, orderings, <c>IN</c>, comparisons of two columns and Min/Max on spans and offsets answer as the values compare (a span by
/// its length, an offset by its instant, as Django compares durations and aware datetimes), on SQLite as on PostgreSQL.
/// </summary>
public abstract class SpanAndOffsetComparisonTests : IAsyncLifetime
{
    private protected static readonly TimeSpan Zero = TimeSpan.Zero;

    // In order of length (PostgreSQL keeps microseconds, so no finer); as SQLite's text they'd sort -00:30:00, -1.00:00:00, 00:00:00, 02:30:00.0000010, 1.01:00:00, 10.00:00:00, 23:00:00.
    private static readonly (string Name, TimeSpan Planned)[] Spans =
    [
        ("c", TimeSpan.FromDays(-1)),
        ("d", TimeSpan.FromMinutes(-30)),
        ("e", Zero),
        ("f", TimeSpan.FromHours(2.5) + TimeSpan.FromMicroseconds(1)),
        ("a", TimeSpan.FromHours(23)),
        ("b", TimeSpan.FromHours(25)),
        ("g", TimeSpan.FromDays(10)),
    ];

    // In order of instant; as SQLite's text they'd sort f, g, d, c, b, a, e.
    private static readonly Dictionary<string, DateTimeOffset> Starts = new()
    {
        ["g"] = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(14)), // 2024-02-29 10:00Z
        ["a"] = new(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)), // 08:00Z
        ["e"] = new DateTimeOffset(2024, 3, 1, 13, 0, 0, TimeSpan.FromHours(5)).AddMilliseconds(250), // 08:00:00.25Z
        ["d"] = new DateTimeOffset(2024, 3, 1, 8, 0, 0, Zero).AddMilliseconds(500), // 08:00:00.5Z
        ["f"] = new(2024, 2, 29, 23, 30, 0, TimeSpan.FromHours(-9)), // 08:30Z
        ["b"] = new(2024, 3, 1, 9, 0, 0, Zero), // 09:00Z
        ["c"] = new(2024, 3, 1, 8, 30, 0, TimeSpan.FromHours(-1)), // 09:30Z
    };

    private IDatabaseProvider _provider = null!;

    private protected ShiftDb Db { get; private set; } = null!;

    /// <summary>Makes an empty database with the Shifts table (EF Core's), and answers what EF Core's context connects with.</summary>
    protected abstract Task<(IDatabaseProvider Provider, Action<DbContextOptionsBuilder> Configure)> CreateAsync();

    protected abstract Task DropAsync();

    protected Action<DbContextOptionsBuilder> Configure { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (_provider, Configure) = await CreateAsync();
        await using (var context = new ShiftContext(Configure))
        {
            await context.Database.ExecuteSqlRawAsync(context.Database.GenerateCreateScript());
        }

        Db = new ShiftDb(_provider);
        // Each worked a span apart from its plan: more for a, b, g; less for the others. Each ends 90 minutes after it starts, at another offset.
        await Db.Shifts.BulkCreateAsync(Spans.Select(s => new Shift
        {
            Name = s.Name,
            Planned = s.Planned,
            Worked = s.Planned + (s.Name is "a" or "b" or "g" ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(-1)),
            Starts = Starts[s.Name],
            Ends = Starts[s.Name].AddMinutes(90).ToOffset(TimeSpan.FromHours(-5)),
        }));
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        switch (_provider)
        {
            case IAsyncDisposable disposable:
                await disposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        await DropAsync();
    }

    private protected async Task<string> Names(Func<QuerySet<Shift>, QuerySet<Shift>> query) =>
        string.Concat((await query(Db.Shifts).ToListAsync()).Select(s => s.Name));

    [Fact]
    public async Task Spans_compare_by_their_length()
    {
        Assert.Equal("cdefabg", await Names(q => q.OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("gbafedc", await Names(q => q.OrderByDescending(_ => ShiftModel.Planned)));
        Assert.Equal("bg", await Names(q => q.Filter(_ => ShiftModel.Planned.Gt(TimeSpan.FromHours(23))).OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("abg", await Names(q => q.Filter(_ => ShiftModel.Planned.Gte(TimeSpan.FromHours(23))).OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("cd", await Names(q => q.Filter(_ => ShiftModel.Planned.Lt(Zero)).OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("defa", await Names(q => q.Filter(_ => ShiftModel.Planned.Range(TimeSpan.FromHours(-1), TimeSpan.FromDays(1))).OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("cb", await Names(q => q.Filter(_ => ShiftModel.Planned.In(TimeSpan.FromDays(-1), TimeSpan.FromHours(25))).OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("f", await Names(q => q.Filter(_ => ShiftModel.Planned.Exact(TimeSpan.FromHours(2.5) + TimeSpan.FromMicroseconds(1)))));
        Assert.Equal("abg", await Names(q => q.Filter(_ => ShiftModel.Worked.Gt(ShiftModel.Planned)).OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("cdef", await Names(q => q.Exclude(_ => ShiftModel.Worked.Gte(ShiftModel.Planned)).OrderBy(_ => ShiftModel.Planned)));

        Assert.Equal(TimeSpan.FromDays(-1), await Db.Shifts.MinAsync(_ => ShiftModel.Planned));
        Assert.Equal(TimeSpan.FromDays(10), await Db.Shifts.MaxAsync(_ => ShiftModel.Planned));
        Assert.Equal(TimeSpan.FromHours(23), await Db.Shifts.Filter(_ => ShiftModel.Planned.Lt(TimeSpan.FromDays(1))).MaxAsync(_ => ShiftModel.Planned));
        // Over a slice: the three longest, the shortest of them.
        Assert.Equal(TimeSpan.FromHours(23), await Db.Shifts.OrderByDescending(_ => ShiftModel.Planned)[..3].MinAsync(_ => ShiftModel.Planned));
    }

    [Fact]
    public async Task Offsets_compare_by_their_instant()
    {
        Assert.Equal("gaedfbc", await Names(q => q.OrderBy(_ => ShiftModel.Starts)));
        Assert.Equal("cbfdeag", await Names(q => q.OrderByDescending(_ => ShiftModel.Starts)));
        // 08:00Z, written at another offset, is a's start.
        Assert.Equal("a", await Names(q => q.Filter(_ => ShiftModel.Starts.Exact(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(1))))));
        Assert.Equal("edfbc", await Names(q => q.Filter(_ => ShiftModel.Starts.Gt(new DateTimeOffset(2024, 3, 1, 8, 0, 0, Zero))).OrderBy(_ => ShiftModel.Starts)));
        Assert.Equal("gae", await Names(q => q.Filter(_ => ShiftModel.Starts.Lt(new DateTimeOffset(2024, 3, 1, 8, 0, 0, Zero).AddMilliseconds(300))).OrderBy(_ => ShiftModel.Starts)));
        Assert.Equal("c", await Names(q => q.Filter(_ => ShiftModel.Starts.In(new DateTimeOffset(2024, 3, 1, 10, 30, 0, TimeSpan.FromHours(1))))));
        Assert.Equal("dfb", await Names(q => q.Filter(_ => ShiftModel.Starts.Range(
            new DateTimeOffset(2024, 3, 1, 8, 0, 0, Zero).AddMilliseconds(400), new DateTimeOffset(2024, 3, 1, 4, 0, 0, TimeSpan.FromHours(-5)))).OrderBy(_ => ShiftModel.Starts)));
        // Every shift ends after it starts, though the end's text (at -05:00) is the smaller.
        Assert.Equal(7, await Db.Shifts.Filter(_ => ShiftModel.Ends.Gt(ShiftModel.Starts)).CountAsync());
        Assert.Equal(0, await Db.Shifts.Filter(_ => ShiftModel.Starts.Gte(ShiftModel.Ends)).CountAsync());

        var earliest = await Db.Shifts.MinAsync(_ => ShiftModel.Starts);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 10, 0, 0, Zero), earliest);
        Assert.Equal(Zero, earliest!.Value.Offset);
        var latest = await Db.Shifts.MaxAsync(_ => ShiftModel.Starts);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 9, 30, 0, Zero), latest);
        Assert.Equal(Zero, latest!.Value.Offset);
        // The fraction counts: d starts a quarter second after e.
        Assert.Equal(Starts["d"], await Db.Shifts.Filter(_ => ShiftModel.NameField.In("d", "e")).MaxAsync(_ => ShiftModel.Starts));
    }

    [Fact]
    public async Task Offsets_fall_in_the_year_month_and_day_of_their_instant()
    {
        // As Django's lookups and dates() with the UTC time zone: g starts on 1 March at +14:00, which is 29 February in UTC; f starts on
        // 29 February at -09:00, which is 1 March.
        var starts = new DateField<Shift, DateTimeOffset>(ShiftModel.AllColumns[2]);
        Assert.Equal("g", await Names(q => q.Filter(_ => starts.Month(2))));
        Assert.Equal("g", await Names(q => q.Filter(_ => starts.Day(29))));
        Assert.Equal("aedfbc", await Names(q => q.Filter(_ => starts.Month(3) & starts.Day(1)).OrderBy(_ => ShiftModel.Starts)));
        Assert.Equal(7, await Db.Shifts.Filter(_ => starts.Year(2024)).CountAsync());
        Assert.Equal(0, await Db.Shifts.Filter(_ => starts.Year(2023) | starts.Year(2025)).CountAsync());
        Assert.Equal([new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 1)], await Db.Shifts.DatesAsync(_ => starts, DatePart.Day));
        Assert.Equal([new DateOnly(2024, 3, 1), new DateOnly(2024, 2, 1)], await Db.Shifts.DatesAsync(_ => starts, DatePart.Month, descending: true));
        Assert.Equal([(new DateOnly(2024, 2, 29), 1), (new DateOnly(2024, 3, 1), 6)], await Db.Shifts.GroupBy(_ => starts, DatePart.Day).ToListAsync(g => g.Count()));
    }

    [Fact]
    public async Task Groups_are_of_equal_spans_and_instants()
    {
        // h starts at a's instant, written at another offset, and is planned as long: one group each, as Django groups them.
        await Db.Shifts.CreateAsync(new Shift
        {
            Name = "h", Planned = TimeSpan.FromHours(23), Worked = Zero, Starts = Starts["a"].ToOffset(TimeSpan.FromHours(-3)), Ends = Starts["a"].AddHours(1),
        });

        var starts = await Db.Shifts.GroupBy(_ => ShiftModel.Starts).ToListAsync(g => g.Count());
        Assert.Equal("gaedfbc".Select(n => Starts[n.ToString()]), starts.Select(s => s.Key));
        Assert.Equal([1, 2, 1, 1, 1, 1, 1], starts.Select(s => s.Value));
        Assert.Equal(
            [(Starts["g"], 1), (Starts["a"], 2), (Starts["e"], 1)],
            await Db.Shifts.GroupBy(_ => ShiftModel.Starts).Having(g => g.Key.Lt(new DateTimeOffset(2024, 3, 1, 8, 0, 0, Zero).AddMilliseconds(300))).ToListAsync(g => g.Count()));

        var planned = await Db.Shifts.GroupBy(_ => ShiftModel.Planned).ToListAsync(g => (g.Count(), g.Max(_ => ShiftModel.Worked)));
        Assert.Equal(Spans.Select(s => s.Planned), planned.Select(p => p.Key));
        Assert.Equal(2, planned.Single(p => p.Key == TimeSpan.FromHours(23)).Value1);
        Assert.Equal(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(1), planned.Single(p => p.Key == TimeSpan.FromHours(23)).Value2);
        Assert.Equal(
            [TimeSpan.FromHours(25), TimeSpan.FromDays(10)],
            (await Db.Shifts.GroupBy(_ => ShiftModel.Planned).Having(g => g.Key.Gt(TimeSpan.FromHours(23))).ToListAsync(g => g.Count())).Select(p => p.Key));
        Assert.Equal(
            [TimeSpan.FromDays(-1), TimeSpan.FromMinutes(-30), Zero],
            (await Db.Shifts.GroupBy(_ => ShiftModel.Planned).Having(g => g.Max(_ => ShiftModel.Worked).Lt(Zero)).ToListAsync(g => g.Count())).Select(p => p.Key));
    }

    [Fact]
    public async Task Rows_ef_core_wrote_compare_with_micro_s()
    {
        await using (var context = new ShiftContext(Configure))
        {
            context.Shifts.Add(new Shift
            {
                Name = "h",
                Planned = new TimeSpan(1, 0, 0, 0, 1),
                Worked = Zero,
                Starts = new DateTimeOffset(2024, 3, 1, 8, 45, 0, Zero),
                Ends = new DateTimeOffset(2024, 3, 1, 9, 45, 0, Zero),
            });
            await context.SaveChangesAsync();
        }

        Assert.Equal("cdefahbg", await Names(q => q.OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("gaedfhbc", await Names(q => q.OrderBy(_ => ShiftModel.Starts)));
    }
}

public sealed class SqliteSpanAndOffsetComparisonTests : SpanAndOffsetComparisonTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-spans-").FullName;

    protected override Task<(IDatabaseProvider Provider, Action<DbContextOptionsBuilder> Configure)> CreateAsync() =>
        Task.FromResult<(IDatabaseProvider, Action<DbContextOptionsBuilder>)>((
            new SqliteProvider("Data Source=shifts.db", _directory),
            options => options.UseSqlite($"Data Source={Path.Combine(_directory, "shifts.db")}")));

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Spans_in_ef_core_s_literal_format_compare_too()
    {
        // EF Core's migrations write a span's default with its days and its fraction always: 0.01:00:00.0000000.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "shifts.db")}"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO "Shifts" ("Name", "Starts", "Ends", "Planned", "Worked")
                VALUES ('i', '2024-03-01 08:00:00+00:00', '2024-03-01 09:00:00+00:00', '0.23:30:00.0000000', '-0.00:00:00.0000001')
                """;
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal("cdefaibg", await Names(q => q.OrderBy(_ => ShiftModel.Planned)));
        Assert.Equal("i", await Names(q => q.Filter(_ => ShiftModel.Worked.Lt(Zero) & ShiftModel.Worked.Gt(TimeSpan.FromMinutes(-1)))));
        Assert.Equal(TimeSpan.FromTicks(-1), await Db.Shifts.Filter(_ => ShiftModel.NameField.Exact("i")).MaxAsync(_ => ShiftModel.Worked));
    }

    [Fact]
    public async Task The_longest_span_and_the_extreme_offsets_compare()
    {
        await Db.Shifts.CreateAsync(new Shift
        {
            Name = "z",
            Planned = TimeSpan.MaxValue,
            Worked = TimeSpan.MaxValue,
            Starts = DateTimeOffset.MinValue.ToOffset(TimeSpan.FromHours(14)) + TimeSpan.FromDays(1),
            Ends = DateTimeOffset.MaxValue,
        });

        Assert.Equal(TimeSpan.MaxValue, await Db.Shifts.MaxAsync(_ => ShiftModel.Planned));
        Assert.Equal("z", await Names(q => q.Filter(_ => ShiftModel.Planned.Gt(TimeSpan.FromDays(10000000)))));
        Assert.Equal("zgaedfbc", await Names(q => q.OrderBy(_ => ShiftModel.Starts)));
        Assert.Equal(DateTimeOffset.MaxValue, await Db.Shifts.MaxAsync(_ => ShiftModel.Ends));
    }
}

public sealed class PostgreSqlSpanAndOffsetComparisonTests : SpanAndOffsetComparisonTests
{
    private string _connectionString = "";

    protected override Task<(IDatabaseProvider Provider, Action<DbContextOptionsBuilder> Configure)> CreateAsync()
    {
        _connectionString = PostgresServer.CreateDatabase("micro_spans");
        // A session far from UTC: dates are still read in UTC.
        var connectionString = _connectionString + ";Timezone=Pacific/Kiritimati";
        return Task.FromResult<(IDatabaseProvider, Action<DbContextOptionsBuilder>)>((
            new PostgreSqlProvider(connectionString),
            options => options.UseNpgsql(connectionString)));
    }

    protected override Task DropAsync()
    {
        PostgresServer.DropDatabase(_connectionString);
        return Task.CompletedTask;
    }
}
