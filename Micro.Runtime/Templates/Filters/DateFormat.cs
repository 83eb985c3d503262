using System.Globalization;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Django's date format characters (PHP's <c>date()</c> style) for the <c>date</c> and <c>time</c>
/// filters and the <c>now</c> tag. A <see cref="DateTime"/> is naive (zone-dependent characters use the
/// machine's zone, as Django uses <c>TIME_ZONE</c>) unless its kind is UTC; <see cref="DateTimeOffset"/> is aware.
/// </summary>
internal static class DateFormat
{
    public const string DateFormatDefault = "N j, Y";
    public const string DateTimeFormat = "N j, Y, P";
    public const string TimeFormat = "P";

    private const string FormatChars = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ";
    private const string TimeChars = "aAefgGhHiOPsTuZ";

    private static readonly string[] s_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] s_monthsAp = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
    private static readonly string[] s_weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>Django's named formats, accepted in place of a format string (<c>|date:"SHORT_DATE_FORMAT"</c>).</summary>
    public static string Named(string format) => format switch
    {
        "DATE_FORMAT" => DateFormatDefault,
        "DATETIME_FORMAT" => DateTimeFormat,
        "TIME_FORMAT" => TimeFormat,
        "YEAR_MONTH_FORMAT" => "F Y",
        "MONTH_DAY_FORMAT" => "F j",
        "SHORT_DATE_FORMAT" => "m/d/Y",
        "SHORT_DATETIME_FORMAT" => "m/d/Y P",
        _ => format,
    };

    public static bool IsDateLike(object? value) => value is DateTime or DateTimeOffset or DateOnly or TimeOnly;

    /// <summary>Formats a date, time or datetime; null when <paramref name="value"/> isn't one or the format asks for what it lacks.</summary>
    /// <exception cref="FormatException">A date-only value was given a time format character, which Django refuses.</exception>
    public static string? Format(object? value, string format, bool timeOnly = false)
    {
        var moment = Moment.From(value);
        if (moment is null || (timeOnly && !moment.Value.HasTime))
        {
            return null;
        }

        var output = new StringBuilder(format.Length * 2);
        var literalStart = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var ch = format[i];
            if (!FormatChars.Contains(ch) || (i > 0 && format[i - 1] == '\\'))
            {
                continue;
            }

            AppendUnescaped(output, format, literalStart, i);
            literalStart = i + 1;
            if (timeOnly && !TimeChars.Contains(ch))
            {
                // Django's TimeFormat has no such method: the time filter renders nothing.
                return null;
            }

            if (!moment.Value.HasTime && (TimeChars.Contains(ch) || ch == 'r'))
            {
                throw new FormatException($"The format for date objects may not contain time-related format specifiers (found '{ch}').");
            }

            if (!moment.Value.HasDate && !TimeChars.Contains(ch))
            {
                return null;
            }

            AppendPart(output, moment.Value, ch);
        }

        AppendUnescaped(output, format, literalStart, format.Length);
        return output.ToString();
    }

    /// <summary>Literal text between format characters, with <c>\x</c> meaning <c>x</c>.</summary>
    private static void AppendUnescaped(StringBuilder output, string format, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (format[i] == '\\' && i + 1 < end)
            {
                i++;
            }

            output.Append(format[i]);
        }
    }

    private static void AppendPart(StringBuilder output, Moment m, char ch)
    {
        var t = m.Value;
        var invariant = CultureInfo.InvariantCulture;
        switch (ch)
        {
            case 'a': output.Append(t.Hour > 11 ? "p.m." : "a.m."); break;
            case 'A': output.Append(t.Hour > 11 ? "PM" : "AM"); break;
            case 'b': output.Append(s_months[t.Month - 1][..3].ToLowerInvariant()); break;
            case 'c':
                if (!m.HasTime)
                {
                    output.Append(t.ToString("yyyy-MM-dd", invariant));
                }
                else
                {
                    TemplateValues.AppendIsoDateTime(output, t, 'T');
                    if (m.Offset is { } isoOffset)
                    {
                        TemplateValues.AppendOffset(output, isoOffset, colon: true);
                    }
                }

                break;
            case 'd': output.Append(t.Day.ToString("00", invariant)); break;
            case 'D': output.Append(s_weekdays[(int)t.DayOfWeek][..3]); break;
            case 'e': output.Append(m.Offset is { } offsetName ? ZoneName(offsetName) : ""); break;
            case 'E':
            case 'F': output.Append(s_months[t.Month - 1]); break;
            case 'f':
                output.Append(Hour12(t));
                if (t.Minute != 0)
                {
                    output.Append(':').Append(t.Minute.ToString("00", invariant));
                }

                break;
            case 'g': output.Append(Hour12(t)); break;
            case 'G': output.Append(t.Hour); break;
            case 'h': output.Append(Hour12(t).ToString("00", invariant)); break;
            case 'H': output.Append(t.Hour.ToString("00", invariant)); break;
            case 'i': output.Append(t.Minute.ToString("00", invariant)); break;
            case 'I':
                if (m.Offset is null && m.IsDateTime)
                {
                    output.Append(TimeZoneInfo.Local.IsDaylightSavingTime(t) ? '1' : '0');
                }
                else if (m.Offset is not null)
                {
                    output.Append('0');
                }

                break;
            case 'j': output.Append(t.Day); break;
            case 'l': output.Append(s_weekdays[(int)t.DayOfWeek]); break;
            case 'L': output.Append(DateTime.IsLeapYear(t.Year) ? "True" : "False"); break;
            case 'm': output.Append(t.Month.ToString("00", invariant)); break;
            case 'M': output.Append(s_months[t.Month - 1][..3]); break;
            case 'n': output.Append(t.Month); break;
            case 'N': output.Append(s_monthsAp[t.Month - 1]); break;
            case 'o': output.Append(ISOWeek.GetYear(t)); break;
            case 'O':
                if (m.ZoneOffset is { } offset)
                {
                    TemplateValues.AppendOffset(output, offset, colon: false);
                }

                break;
            case 'P':
                if (t.Minute == 0 && t.Hour == 0)
                {
                    output.Append("midnight");
                }
                else if (t.Minute == 0 && t.Hour == 12)
                {
                    output.Append("noon");
                }
                else
                {
                    AppendPart(output, m, 'f');
                    output.Append(' ');
                    AppendPart(output, m, 'a');
                }

                break;
            case 'r':
                output.Append(t.ToString("ddd, dd MMM yyyy HH:mm:ss ", invariant));
                TemplateValues.AppendOffset(output, m.ZoneOffset ?? TimeSpan.Zero, colon: false);
                break;
            case 's': output.Append(t.Second.ToString("00", invariant)); break;
            case 'S': output.Append(OrdinalSuffix(t.Day)); break;
            case 't': output.Append(DateTime.DaysInMonth(t.Year, t.Month).ToString("00", invariant)); break;
            case 'T':
                if (m.Offset is { } zoneOffset)
                {
                    output.Append(ZoneName(zoneOffset));
                }
                else if (m.IsDateTime)
                {
                    output.Append(LocalZoneName(t));
                }

                break;
            case 'u': output.Append((t.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", invariant)); break;
            case 'U': output.Append(m.UnixSeconds); break;
            case 'w': output.Append((int)t.DayOfWeek); break;
            case 'W': output.Append(ISOWeek.GetWeekOfYear(t)); break;
            case 'y': output.Append((t.Year % 100).ToString("00", invariant)); break;
            case 'Y': output.Append(t.Year); break;
            case 'z': output.Append(t.DayOfYear); break;
            case 'Z':
                if (m.ZoneOffset is { } seconds)
                {
                    output.Append((long)seconds.TotalSeconds);
                }

                break;
        }
    }

    private static int Hour12(DateTime t) => t.Hour % 12 == 0 ? 12 : t.Hour % 12;

    public static string OrdinalSuffix(int day)
    {
        if (day is 11 or 12 or 13)
        {
            return "th";
        }

        return (day % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
    }

    /// <summary>Python's name for a fixed-offset zone: <c>UTC</c> or <c>UTC+02:00</c>.</summary>
    private static string ZoneName(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var text = new StringBuilder("UTC");
        TemplateValues.AppendOffset(text, offset, colon: true);
        return text.ToString();
    }

    private static string LocalZoneName(DateTime t)
    {
        var zone = TimeZoneInfo.Local;
        if (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime)
        {
            return "UTC";
        }

        return zone.IsDaylightSavingTime(t) ? zone.DaylightName : zone.StandardName;
    }

    /// <summary>A date, time or datetime reduced to what formatting needs.</summary>
    private readonly record struct Moment(DateTime Value, bool HasDate, bool HasTime, bool IsDateTime, TimeSpan? Offset)
    {
        public static Moment? From(object? value) => value switch
        {
            DateTime dateTime => new Moment(dateTime, true, true, true, dateTime.Kind == DateTimeKind.Utc ? TimeSpan.Zero : null),
            DateTimeOffset aware => new Moment(aware.DateTime, true, true, true, aware.Offset),
            DateOnly date => new Moment(date.ToDateTime(TimeOnly.MinValue), true, false, false, null),
            TimeOnly time => new Moment(DateTime.MinValue.Date.Add(time.ToTimeSpan()), false, true, false, null),
            _ => null,
        };

        /// <summary>The UTC offset of an aware value, or of the machine's zone for a naive datetime; null for dates and times.</summary>
        public TimeSpan? ZoneOffset => Offset ?? (IsDateTime ? TimeZoneInfo.Local.GetUtcOffset(Value) : null);

        public long UnixSeconds => (long)Math.Floor((Value - (ZoneOffset ?? TimeSpan.Zero) - DateTime.UnixEpoch).TotalSeconds);
    }
}
