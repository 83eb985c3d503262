using System.ComponentModel;

namespace Micro.Data;

/// <summary>
/// A date column (<see cref="DateTime"/>, <see cref="DateOnly"/> or <see cref="DateTimeOffset"/>), with Django's date lookups besides
/// the others: <c>Filter(p =&gt; p.Published.Year(2024) &amp; p.Published.Month(3))</c>. Times are taken in UTC, as Django's with
/// <c>USE_TZ</c> and the UTC time zone: an offset's instant, a <see cref="DateTime"/> as stored.
/// </summary>
public sealed class DateField<TModel, TValue> : Field<TModel, TValue>
    where TModel : class
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    public DateField(ColumnInfo column)
        : base(column)
    {
    }

    /// <summary>The value's type without <c>?</c>: which of the three date types the column holds.</summary>
    internal static Type DateType { get; } = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);

    /// <summary>
    /// In <paramref name="year"/>, as Django's <c>__year</c>: a range from its first day to the next year's, so an index on the
    /// column serves it. A year no date has (below 1 or above 9999) matches nothing.
    /// </summary>
    public Condition<TModel> Year(int year)
    {
        if (year is < 1 or > 9999)
        {
            return new CustomCondition<TModel>(static sql => sql.Append("1 = 0"));
        }

        var from = new ComparisonCondition<TModel>(Column, ">=", Start(year));
        return year == 9999 ? from : from & new ComparisonCondition<TModel>(Column, "<", Start(year + 1));
    }

    /// <summary>In <paramref name="month"/> (1 to 12) of any year, as Django's <c>__month</c>; another number matches nothing.</summary>
    public Condition<TModel> Month(int month) => Part(DatePart.Month, month);

    /// <summary>On day <paramref name="day"/> (1 to 31) of any month, as Django's <c>__day</c>; another number matches nothing.</summary>
    public Condition<TModel> Day(int day) => Part(DatePart.Day, day);

    private DatePartCondition<TModel> Part(DatePart part, int value) => new(Column, DateType, part, value);

    /// <summary>The first moment of <paramref name="year"/> as a value of the column's type.</summary>
    private static object Start(int year)
    {
        // Each its own type: SQLite compares the text each is kept as, and a DateTime written as an offset would sort after it.
        if (DateType == typeof(DateOnly))
        {
            return new DateOnly(year, 1, 1);
        }

        if (DateType == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }

        return new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    }
}
