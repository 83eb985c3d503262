using Microsoft.Data.Sqlite;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// Min and Max of the values SQLite keeps as text (dates, times, offsets, decimals) and of enums kept as integers, read back as
/// the columns' types; PostgreSqlValueTests does the same in PostgreSQL's own types.
/// </summary>
public sealed class SqliteAggregateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-sqlite-aggregates-").FullName;

    [Fact]
    public async Task Min_and_max_read_text_values_back_as_the_columns_types()
    {
        using var provider = new SqliteProvider("Data Source=things.db", _directory);
        using (var connection = provider.Open())
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE "Things" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "Name" TEXT NOT NULL, "Size" INTEGER NOT NULL, "Price" TEXT NOT NULL,
                  "Weight" REAL NOT NULL, "Score" REAL NULL, "Active" INTEGER NOT NULL, "Level" INTEGER NOT NULL, "Rank" INTEGER NOT NULL,
                  "Big" INTEGER NOT NULL, "Created" TEXT NOT NULL, "Seen" TEXT NULL, "Day" TEXT NOT NULL, "At" TEXT NULL, "Duration" TEXT NOT NULL,
                  "Token" TEXT NOT NULL, "Image" BLOB NULL)
                """;
            create.ExecuteNonQuery();
        }

        await using var db = new ThingDb(provider);
        Thing Row(string name, Size size, decimal price, DateTimeOffset seen, DateOnly day, TimeOnly at, TimeSpan duration, string token) => new()
        {
            Name = name, Size = size, Price = price, Created = new DateTime(2024, 1, 1), Seen = seen, Day = day, At = at, Duration = duration, Token = Guid.Parse(token), Active = name == "a",
        };
        var offset = TimeSpan.FromHours(2);
        await db.Things.BulkCreateAsync(
        [
            Row("a", Size.Small, 10.25m, new DateTimeOffset(2024, 3, 1, 9, 0, 0, offset), new DateOnly(2020, 1, 2), new TimeOnly(9, 5, 0, 250), TimeSpan.FromMinutes(5), "0f8fad5b-d9cb-469f-a165-70867728950e"),
            Row("b", Size.Large, 9.75m, new DateTimeOffset(2024, 3, 1, 10, 30, 0, offset), new DateOnly(1999, 12, 31), new TimeOnly(13, 14, 15, 678), TimeSpan.FromHours(2.5), "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        ]);

        // 10.25 is above 9.75 as a number, not as the text SQLite keeps.
        Assert.Equal(10.25m, await db.Things.MaxAsync(_ => ThingModel.Field<decimal>("Price")));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 30, 0, offset), await db.Things.MaxAsync(_ => ThingModel.Field<DateTimeOffset?>("Seen")));
        Assert.Equal(new DateOnly(1999, 12, 31), await db.Things.MinAsync(_ => ThingModel.Field<DateOnly>("Day")));
        Assert.Equal(new TimeOnly(13, 14, 15, 678), db.Things.Max(_ => ThingModel.Field<TimeOnly?>("At")));
        Assert.Equal(Size.Large, await db.Things.MaxAsync(_ => ThingModel.Field<Size>("Size")));
        Assert.Equal(new DateTime(2024, 1, 1), db.Things.Min(_ => ThingModel.Field<DateTime>("Created")));
        // Spans compare by their length (SpanAndOffsetComparisonTests has longer and negative ones); Guids as their text does.
        Assert.Equal(TimeSpan.FromHours(2.5), await db.Things.MaxAsync(_ => ThingModel.Field<TimeSpan>("Duration")));
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), await db.Things.MinAsync(_ => ThingModel.Field<Guid>("Token")));
        Assert.Equal(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), await db.Things.MaxAsync(_ => ThingModel.Field<Guid>("Token")));
        Assert.False(await db.Things.MinAsync(_ => ThingModel.Field<bool>("Active")));
        Assert.True(await db.Things.MaxAsync(_ => ThingModel.Field<bool>("Active")));

        // A DateOnly's year, month and day, and dates(), from the text SQLite keeps.
        var day = new DateField<Thing, DateOnly>(ThingModel.AllColumns.Single(c => c.Name == "Day"));
        Assert.Equal("b", (await db.Things.Filter(_ => day.Month(12) & day.Day(31) & day.Year(1999)).ToListAsync()).Single().Name);
        Assert.Equal([new DateOnly(1999, 1, 1), new DateOnly(2020, 1, 1)], await db.Things.DatesAsync(_ => day, DatePart.Year));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
