using System.Data.Common;
using Micro.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Micro.Data.Tests;

public enum Size
{
    Small = 1,
    Large = 3,
}

/// <summary>A row with every type of value the generator stores.</summary>
public sealed class Thing
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public Size Size { get; set; }

    public decimal Price { get; set; }

    public double Weight { get; set; }

    public float? Score { get; set; }

    public bool Active { get; set; }

    public byte Level { get; set; }

    public short Rank { get; set; }

    public long Big { get; set; }

    public DateTime Created { get; set; }

    public DateTimeOffset? Seen { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly? At { get; set; }

    public TimeSpan Duration { get; set; }

    public Guid Token { get; set; }

    public byte[]? Image { get; set; }
}

/// <summary>What the generator writes for <see cref="Thing"/>: the same reader calls, by column kind.</summary>
internal sealed class ThingModel : ModelInfo<Thing>
{
    public static readonly ColumnInfo[] AllColumns =
    [
        new("Id", "Id", ColumnKind.Integer, false, true, true),
        new("Name", "Name", ColumnKind.Text, false, false, false),
        new("Size", "Size", ColumnKind.Integer, false, false, false),
        new("Price", "Price", ColumnKind.Decimal, false, false, false),
        new("Weight", "Weight", ColumnKind.Real, false, false, false),
        new("Score", "Score", ColumnKind.Real, true, false, false),
        new("Active", "Active", ColumnKind.Boolean, false, false, false),
        new("Level", "Level", ColumnKind.Integer, false, false, false),
        new("Rank", "Rank", ColumnKind.Integer, false, false, false),
        new("Big", "Big", ColumnKind.Integer, false, false, false),
        new("Created", "Created", ColumnKind.Text, false, false, false),
        new("Seen", "Seen", ColumnKind.DateTimeOffset, true, false, false),
        new("Day", "Day", ColumnKind.Text, false, false, false),
        new("At", "At", ColumnKind.Text, true, false, false),
        new("Duration", "Duration", ColumnKind.Duration, false, false, false),
        new("Token", "Token", ColumnKind.Text, false, false, false),
        new("Image", "Image", ColumnKind.Other, true, false, false),
    ];

    public static readonly ThingModel Instance = new();

    private ThingModel()
        : base("Thing", "Things", AllColumns)
    {
    }

    public static Field<Thing, T> Field<T>(string name) => new(AllColumns.Single(c => c.Name == name));

    public override Thing Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Name = reader.GetString(1),
        Size = (Size)reader.GetInt32(2),
        Price = reader.GetDecimal(3),
        Weight = reader.GetDouble(4),
        Score = reader.IsDBNull(5) ? null : reader.GetFloat(5),
        Active = reader.GetBoolean(6),
        Level = reader.GetByte(7),
        Rank = reader.GetInt16(8),
        Big = reader.GetInt64(9),
        Created = reader.GetDateTime(10),
        Seen = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        Day = reader.GetFieldValue<DateOnly>(12),
        At = reader.IsDBNull(13) ? null : reader.GetFieldValue<TimeOnly>(13),
        Duration = reader.GetFieldValue<TimeSpan>(14),
        Token = reader.GetGuid(15),
        Image = reader.IsDBNull(16) ? null : reader.GetFieldValue<byte[]>(16),
    };

    public override object? ReadValue(DbDataReader reader, int ordinal, int column) => reader.IsDBNull(ordinal) ? null : column switch
    {
        0 => reader.GetInt32(ordinal),
        1 => reader.GetString(ordinal),
        2 => (Size)reader.GetInt32(ordinal),
        3 => reader.GetDecimal(ordinal),
        4 => reader.GetDouble(ordinal),
        5 => reader.GetFloat(ordinal),
        6 => reader.GetBoolean(ordinal),
        7 => reader.GetByte(ordinal),
        8 => reader.GetInt16(ordinal),
        9 => reader.GetInt64(ordinal),
        10 => reader.GetDateTime(ordinal),
        11 => reader.GetFieldValue<DateTimeOffset>(ordinal),
        12 => reader.GetFieldValue<DateOnly>(ordinal),
        13 => reader.GetFieldValue<TimeOnly>(ordinal),
        14 => reader.GetFieldValue<TimeSpan>(ordinal),
        15 => reader.GetGuid(ordinal),
        16 => reader.GetFieldValue<byte[]>(ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public override void GetValues(Thing entity, object?[] values)
    {
        values[0] = entity.Id;
        values[1] = entity.Name;
        values[2] = entity.Size;
        values[3] = entity.Price;
        values[4] = entity.Weight;
        values[5] = entity.Score;
        values[6] = entity.Active;
        values[7] = entity.Level;
        values[8] = entity.Rank;
        values[9] = entity.Big;
        values[10] = entity.Created;
        values[11] = entity.Seen;
        values[12] = entity.Day;
        values[13] = entity.At;
        values[14] = entity.Duration;
        values[15] = entity.Token;
        values[16] = entity.Image;
    }

    public override object? GetKey(Thing entity) => entity.Id;

    public override bool HasKey(Thing entity) => entity.Id != 0;

    public override void SetKey(Thing entity, object key) => entity.Id = Convert.ToInt32(key, System.Globalization.CultureInfo.InvariantCulture);

    public override bool PrepareInsert(Thing entity) => entity.Id == 0;
}

internal sealed class ThingDb(IDatabaseProvider provider) : Database(provider)
{
    public QuerySet<Thing> Things => new(this, ThingModel.Instance);
}

/// <summary>The table as EF Core's Npgsql provider makes it in a migration: its column types are the ones Micro must write and read.</summary>
internal sealed class ThingContext(string connectionString) : DbContext
{
    public DbSet<Thing> Things => Set<Thing>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseNpgsql(connectionString);

    protected override void OnModelCreating(ModelBuilder model) => model.Entity<Thing>().ToTable("Things");
}

/// <summary>
/// Every value type the generator supports, written by Micro and read back on PostgreSQL, in columns of the types EF Core's Npgsql
/// provider chooses (timestamptz, date, time, interval, uuid, numeric, bytea, boolean, smallint, real...).
/// </summary>
public sealed class PostgreSqlValueTests : IAsyncLifetime
{
    private static readonly Guid s_token = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private string _connectionString = "";
    private PostgreSqlProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _connectionString = PostgresServer.CreateDatabase("micro_values");
        await using (var context = new ThingContext(_connectionString))
        {
            await context.Database.ExecuteSqlRawAsync(context.Database.GenerateCreateScript());
        }

        _provider = new PostgreSqlProvider(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        PostgresServer.DropDatabase(_connectionString);
    }

    private static Thing Sample(string name) => new()
    {
        Name = name,
        Size = Size.Large,
        Price = 12345678.90123m,
        Weight = 2.5,
        Score = 0.25f,
        Active = true,
        Level = 255,
        Rank = -300,
        Big = long.MaxValue,
        Created = new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc),
        Seen = new DateTimeOffset(2024, 3, 1, 1, 0, 0, TimeSpan.FromHours(2)),
        Day = new DateOnly(1999, 12, 31),
        At = new TimeOnly(13, 14, 15, 678),
        Duration = TimeSpan.FromHours(49.5),
        Token = s_token,
        Image = [0, 1, 2, 255],
    };

    private static Thing WithCreated(Thing thing, DateTime created)
    {
        thing.Created = created;
        return thing;
    }

    [Fact]
    public async Task Every_value_round_trips()
    {
        await using var db = new ThingDb(_provider);
        var written = await db.Things.CreateAsync(Sample("full"));
        var empty = await db.Things.CreateAsync(new Thing { Name = "nulls", Day = DateOnly.MinValue, Created = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

        var read = await db.Things.GetByKeyAsync(written.Id, async: true, default);
        Assert.Equal(
            (Size.Large, 12345678.90123m, 2.5, (float?)0.25f, true, (byte)255, (short)-300, long.MaxValue),
            (read.Size, read.Price, read.Weight, read.Score, read.Active, read.Level, read.Rank, read.Big));
        Assert.Equal(written.Created, read.Created);
        Assert.Equal(DateTimeKind.Utc, read.Created.Kind);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 0, 0, TimeSpan.Zero), read.Seen);
        Assert.Equal(TimeSpan.Zero, read.Seen!.Value.Offset);
        Assert.Equal((new DateOnly(1999, 12, 31), (TimeOnly?)new TimeOnly(13, 14, 15, 678), TimeSpan.FromHours(49.5), s_token), (read.Day, read.At, read.Duration, read.Token));
        Assert.Equal([0, 1, 2, 255], read.Image);

        var nulls = await db.Things.GetByKeyAsync(empty.Id, async: true, default);
        Assert.Equal(((float?)null, (DateTimeOffset?)null, (TimeOnly?)null, (byte[]?)null, DateOnly.MinValue), (nulls.Score, nulls.Seen, nulls.At, nulls.Image, nulls.Day));
    }

    [Fact]
    public async Task Times_without_a_kind_are_UTC_and_local_times_are_converted()
    {
        await using var db = new ThingDb(_provider);
        var unspecified = await db.Things.CreateAsync(WithCreated(Sample("unspecified"), new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Unspecified)));
        var local = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Local);
        var fromLocal = await db.Things.CreateAsync(WithCreated(Sample("local"), local));

        Assert.Equal(new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc), (await db.Things.GetByKeyAsync(unspecified.Id, async: true, default)).Created);
        Assert.Equal(local.ToUniversalTime(), (await db.Things.GetByKeyAsync(fromLocal.Id, async: true, default)).Created);

        // The same rules hold for values in lookups.
        var created = ThingModel.Field<DateTime>("Created");
        Assert.Contains("unspecified", (await db.Things.Filter(_ => created.Exact(new DateTime(2024, 6, 1, 12, 0, 0))).ToListAsync()).Select(static t => t.Name));
        var sameInstant = TimeZoneInfo.Local.GetUtcOffset(local) == TimeSpan.Zero;
        Assert.Equal(sameInstant ? ["unspecified", "local"] : ["local"], (await db.Things.Filter(_ => created.Exact(local)).OrderBy(_ => ThingModel.Field<int>("Id")).ToListAsync()).Select(static t => t.Name));
    }

    [Fact]
    public async Task Values_compare_and_order_as_values()
    {
        await using var db = new ThingDb(_provider);
        var small = Sample("small");
        small.Size = Size.Small;
        small.Price = 9.75m;
        small.Day = new DateOnly(2020, 1, 2);
        small.Duration = TimeSpan.FromMinutes(5);
        small.Token = Guid.Parse("00000000-0000-0000-0000-000000000001");
        small.Seen = new DateTimeOffset(2024, 3, 1, 0, 30, 0, TimeSpan.Zero);
        small.Level = 3;
        small.Active = false;
        var large = Sample("large");
        large.Price = 10.25m;
        await db.Things.BulkCreateAsync([large, small]);

        async Task<string[]> Names(Func<QuerySet<Thing>, QuerySet<Thing>> query) =>
            (await query(db.Things).ToListAsync()).Select(static t => t.Name).ToArray();

        Assert.Equal(["large"], await Names(q => q.Filter(_ => ThingModel.Field<decimal>("Price").Gt(10m))));
        Assert.Equal(["small"], await Names(q => q.Filter(_ => ThingModel.Field<Size>("Size").Exact(Size.Small))));
        Assert.Equal(["large"], await Names(q => q.Filter(_ => ThingModel.Field<Size>("Size").In(Size.Large))));
        Assert.Equal(["small"], await Names(q => q.Filter(_ => ThingModel.Field<DateOnly>("Day").Gt(new DateOnly(2000, 1, 1)))));
        Assert.Equal(["large"], await Names(q => q.Filter(_ => ThingModel.Field<TimeSpan>("Duration").Gte(TimeSpan.FromHours(1)))));
        Assert.Equal(["small"], await Names(q => q.Filter(_ => ThingModel.Field<Guid>("Token").Exact(small.Token))));
        Assert.Equal(["small"], await Names(q => q.Filter(_ => ThingModel.Field<byte>("Level").Lt((byte)10))));
        // 01:00+02:00 is 23:00 UTC the day before: earlier than 00:30 UTC.
        Assert.Equal(["large"], await Names(q => q.Filter(_ => ThingModel.Field<DateTimeOffset?>("Seen").Lt(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero)))));

        Assert.Equal(["small", "large"], await Names(q => q.OrderBy(_ => ThingModel.Field<decimal>("Price"))));
        Assert.Equal(["large", "small"], await Names(q => q.OrderBy(_ => ThingModel.Field<DateTimeOffset?>("Seen"))));
        Assert.Equal(["small", "large"], await Names(q => q.OrderBy(_ => ThingModel.Field<Guid>("Token"))));

        // Aggregates come back as the columns' types, from PostgreSQL's date, time, interval and timestamptz values.
        Assert.Equal(new DateOnly(1999, 12, 31), await db.Things.MinAsync(_ => ThingModel.Field<DateOnly>("Day")));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 30, 0, TimeSpan.Zero), await db.Things.MaxAsync(_ => ThingModel.Field<DateTimeOffset?>("Seen")));
        Assert.Equal(new TimeOnly(13, 14, 15, 678), db.Things.Min(_ => ThingModel.Field<TimeOnly?>("At")));
        Assert.Equal(TimeSpan.FromHours(49.5), await db.Things.MaxAsync(_ => ThingModel.Field<TimeSpan>("Duration")));
        Assert.Equal(Size.Large, await db.Things.MaxAsync(_ => ThingModel.Field<Size>("Size")));
        Assert.Equal(9.75m, await db.Things.MinAsync(_ => ThingModel.Field<decimal>("Price")));

        // PostgreSQL has no MIN or MAX of booleans or uuids: bool_and, bool_or and the uuids' text stand in, sliced and grouped too.
        Assert.Equal(small.Token, await db.Things.MinAsync(_ => ThingModel.Field<Guid>("Token")));
        Assert.Equal(large.Token, await db.Things.MaxAsync(_ => ThingModel.Field<Guid>("Token")));
        Assert.Equal(large.Token, await db.Things.OrderBy(_ => ThingModel.Field<string>("Name"))[..1].MinAsync(_ => ThingModel.Field<Guid>("Token")));
        Assert.False(await db.Things.MinAsync(_ => ThingModel.Field<bool>("Active")));
        Assert.True(await db.Things.MaxAsync(_ => ThingModel.Field<bool>("Active")));
        Assert.Equal(
            [(Size.Small, (bool?)false, (Guid?)small.Token), (Size.Large, true, large.Token)],
            await db.Things.GroupBy(_ => ThingModel.Field<Size>("Size")).ToListAsync(g => (g.Max(_ => ThingModel.Field<bool>("Active")), g.Min(_ => ThingModel.Field<Guid>("Token")))));

        // A date column's year, month and day, and dates(), whatever the session's time zone.
        var day = new DateField<Thing, DateOnly>(ThingModel.AllColumns.Single(c => c.Name == "Day"));
        Assert.Equal(["large"], await Names(q => q.Filter(_ => day.Month(12) & day.Day(31) & day.Year(1999))));
        Assert.Equal([new DateOnly(1999, 12, 1), new DateOnly(2020, 1, 1)], await db.Things.DatesAsync(_ => day, DatePart.Month));

        Assert.Equal(2, await db.Things.UpdateAsync(_ => ThingModel.Field<Size>("Size").Set(Size.Small), _ => ThingModel.Field<DateTime>("Created").Set(new DateTime(2030, 1, 1))));
        Assert.All(await db.Things.ToListAsync(), static t => Assert.Equal((Size.Small, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc)), (t.Size, t.Created)));
    }

    [Fact]
    public async Task Entity_Framework_reads_what_Micro_wrote()
    {
        await using var db = new ThingDb(_provider);
        var written = await db.Things.CreateAsync(Sample("shared"));

        await using var context = new ThingContext(_connectionString);
        var read = await context.Things.AsNoTracking().SingleAsync(t => t.Id == written.Id);

        Assert.Equal((written.Size, written.Price, written.Created, written.Day, written.At, written.Duration, written.Token), (read.Size, read.Price, read.Created, read.Day, read.At, read.Duration, read.Token));
        Assert.Equal(written.Seen!.Value.UtcDateTime, read.Seen!.Value.UtcDateTime);
    }
}
