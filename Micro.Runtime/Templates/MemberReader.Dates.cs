using System.Globalization;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Python's <c>datetime</c>, <c>date</c>, <c>time</c> and <c>timedelta</c> members for .NET's dates and times, so that
/// <c>{{ post.published.year }}</c> and <c>{% url "archive" post.published.year %}</c> read what they read in Django. A template
/// calls a method without arguments, so <c>weekday</c>, <c>isoformat</c>, <c>date</c> and <c>total_seconds</c> are members too.
/// </summary>
internal abstract partial class MemberReader
{
    private static MemberReader? ForDateOrTime(Type type) =>
        type == typeof(DateTime) ? new DateTimeReader()
        : type == typeof(DateTimeOffset) ? new DateTimeOffsetReader()
        : type == typeof(DateOnly) ? new DateReader()
        : type == typeof(TimeOnly) ? new TimeReader()
        : type == typeof(TimeSpan) ? new TimeDeltaReader()
        : null;

    /// <summary>A <c>datetime</c>'s members; <paramref name="offset"/> is its UTC offset when it is aware (a UTC <see cref="DateTime"/> is).</summary>
    private static bool TryGetDateTimeMember(DateTime value, TimeSpan? offset, string name, out object? member)
    {
        member = name switch
        {
            "hour" => TemplateAccessors.Box(value.Hour),
            "minute" => TemplateAccessors.Box(value.Minute),
            "second" => TemplateAccessors.Box(value.Second),
            "microsecond" => Microsecond(value.Ticks),
            "date" => DateOnly.FromDateTime(value),
            "time" => TimeOnly.FromDateTime(value),
            "isoformat" => IsoFormat(value, offset),
            _ => null,
        };
        return member is not null || TryGetDateMember(DateOnly.FromDateTime(value), name, out member);
    }

    private static bool TryGetDateMember(DateOnly value, string name, out object? member)
    {
        member = name switch
        {
            "year" => TemplateAccessors.Box(value.Year),
            "month" => TemplateAccessors.Box(value.Month),
            "day" => TemplateAccessors.Box(value.Day),
            // Python counts from Monday: weekday() is 0 to 6, isoweekday() 1 to 7.
            "weekday" => TemplateAccessors.Box(((int)value.DayOfWeek + 6) % 7),
            "isoweekday" => TemplateAccessors.Box(((int)value.DayOfWeek + 6) % 7 + 1),
            "isoformat" => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => null,
        };
        return member is not null;
    }

    private static object Microsecond(long ticks) => TemplateAccessors.Box((int)(ticks % TimeSpan.TicksPerSecond / 10));

    /// <summary>Python's <c>datetime.isoformat()</c>: <c>2024-03-04T12:05:06</c>, with <c>.ffffff</c> and the offset when there are any.</summary>
    private static string IsoFormat(DateTime value, TimeSpan? offset)
    {
        var text = new StringBuilder(32);
        TemplateValues.AppendIsoDateTime(text, value, 'T');
        if (offset is { } known)
        {
            TemplateValues.AppendOffset(text, known, colon: true);
        }

        return text.ToString();
    }

    private sealed class DateTimeReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var dateTime = (DateTime)instance;
            return TryGetDateTimeMember(dateTime, dateTime.Kind == DateTimeKind.Utc ? TimeSpan.Zero : null, name, out value);
        }
    }

    private sealed class DateTimeOffsetReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            // An aware datetime's fields are its own, in its offset, not converted to another zone.
            var dateTime = (DateTimeOffset)instance;
            return TryGetDateTimeMember(dateTime.DateTime, dateTime.Offset, name, out value);
        }
    }

    private sealed class DateReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value) => TryGetDateMember((DateOnly)instance, name, out value);
    }

    private sealed class TimeReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var time = (TimeOnly)instance;
            value = name switch
            {
                "hour" => TemplateAccessors.Box(time.Hour),
                "minute" => TemplateAccessors.Box(time.Minute),
                "second" => TemplateAccessors.Box(time.Second),
                "microsecond" => Microsecond(time.Ticks),
                "isoformat" => TemplateValues.ToText(time),
                _ => null,
            };
            return value is not null;
        }
    }

    /// <summary>Python's <c>timedelta</c> members (<see cref="TemplateValues.TimeDelta"/>); a <see cref="TimeSpan"/> holds fewer than int.MaxValue days.</summary>
    private sealed class TimeDeltaReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var span = (TimeSpan)instance;
            var (days, rest) = TemplateValues.TimeDelta(span);
            value = name switch
            {
                "days" => TemplateAccessors.Box((int)days),
                "seconds" => TemplateAccessors.Box((int)(rest / 1_000_000)),
                "microseconds" => TemplateAccessors.Box((int)(rest % 1_000_000)),
                "total_seconds" => span.Ticks / 10 / 1e6,
                _ => null,
            };
            return value is not null;
        }
    }
}
