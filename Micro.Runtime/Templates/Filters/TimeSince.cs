namespace Micro.Templates;

/// <summary>Django's <c>timesince</c>: the two largest adjacent units between two moments, such as <c>2 weeks, 3 days</c>.</summary>
internal static class TimeSince
{
    private static readonly (long Seconds, string Singular, string Plural)[] s_chunks =
    [
        (60 * 60 * 24 * 365, "year", "years"),
        (60 * 60 * 24 * 30, "month", "months"),
        (60 * 60 * 24 * 7, "week", "weeks"),
        (60 * 60 * 24, "day", "days"),
        (60 * 60, "hour", "hours"),
        (60, "minute", "minutes"),
    ];

    /// <summary>The time from <paramref name="then"/> to <paramref name="now"/>; null when the two can't be compared.</summary>
    public static string? Format(object? then, object? now, bool reversed, TimeProvider clock)
    {
        if (!TryGetMoment(then, out var start, out var startAware))
        {
            return null;
        }

        DateTimeOffset end;
        bool endAware;
        if (now is null || (now is string or SafeString && TemplateValues.ToText(now).Length == 0))
        {
            end = startAware ? clock.GetUtcNow() : new DateTimeOffset(clock.GetLocalNow().DateTime, TimeSpan.Zero);
            endAware = startAware;
        }
        else if (!TryGetMoment(now, out end, out endAware))
        {
            return null;
        }

        if (startAware != endAware)
        {
            // Python can't subtract a naive datetime from an aware one.
            return null;
        }

        if (reversed)
        {
            (start, end) = (end, start);
        }

        var delta = end - start;
        var leapDays = LeapDays(start.Year, end.Year);
        if (leapDays != 0)
        {
            if (DateTime.IsLeapYear(start.Year))
            {
                leapDays--;
            }
            else if (DateTime.IsLeapYear(end.Year))
            {
                leapDays++;
            }
        }

        delta -= TimeSpan.FromDays(leapDays);
        var since = (long)Math.Floor(delta.TotalSeconds);
        if (since <= 0)
        {
            return Unit(0, "minute", "minutes");
        }

        var index = 0;
        while (index < s_chunks.Length && since / s_chunks[index].Seconds == 0)
        {
            index++;
        }

        if (index == s_chunks.Length)
        {
            return Unit(0, "minute", "minutes");
        }

        var parts = new List<string>();
        for (var depth = 0; index < s_chunks.Length && depth < 2; depth++, index++)
        {
            var (seconds, singular, plural) = s_chunks[index];
            var count = since / seconds;
            if (count == 0)
            {
                break;
            }

            parts.Add(Unit(count, singular, plural));
            since -= seconds * count;
        }

        return string.Join(", ", parts);
    }

    private static string Unit(long count, string singular, string plural) => $"{count}\u00a0{(count == 1 ? singular : plural)}";

    /// <summary>Python's <c>calendar.leapdays(y1, y2)</c>: leap years in [y1, y2).</summary>
    private static int LeapDays(int from, int to)
    {
        from--;
        to--;
        return (to / 4 - from / 4) - (to / 100 - from / 100) + (to / 400 - from / 400);
    }

    private static bool TryGetMoment(object? value, out DateTimeOffset moment, out bool aware)
    {
        switch (value)
        {
            case DateTimeOffset offset:
                moment = offset;
                aware = true;
                return true;
            case DateTime dateTime:
                // A UTC DateTime is aware, as Python's datetime with tzinfo=utc.
                aware = dateTime.Kind == DateTimeKind.Utc;
                moment = new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Unspecified), TimeSpan.Zero);
                return true;
            case DateOnly date:
                moment = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                aware = false;
                return true;
            default:
                moment = default;
                aware = false;
                return false;
        }
    }
}
