using System.Globalization;
using System.Numerics;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Django's <c>django.contrib.humanize</c> filters, in English: <c>intcomma</c>, <c>intword</c>, <c>apnumber</c>, <c>ordinal</c>,
/// <c>naturalday</c> and <c>naturaltime</c>. As Django's, a value that isn't a number (or a date) comes back as it was.
/// </summary>
internal static class Humanize
{
    private static readonly string[] s_apWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static readonly (int Exponent, string Name)[] s_largeNumbers =
    [
        (6, "million"), (9, "billion"), (12, "trillion"), (15, "quadrillion"), (18, "quintillion"), (21, "sextillion"),
        (24, "septillion"), (27, "octillion"), (30, "nonillion"), (33, "decillion"), (100, "googol"),
    ];

    /// <summary><c>3000</c> as <c>3,000</c>: whole numbers, floats and decimals grouped by thousands, other text's leading digits.</summary>
    public static object? IntComma(object? value)
    {
        if (value is double or float or decimal)
        {
            return Grouped(FixedText(value));
        }

        if (TemplateValues.TryToBigInteger(value, out var integer))
        {
            return Grouped(integer.ToString(CultureInfo.InvariantCulture));
        }

        // Text that isn't a whole number: the digits it starts with, grouped (Django's intcomma without localization).
        var text = TemplateValues.ToText(value);
        var start = text.StartsWith('-') ? 1 : 0;
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end == start ? text : Grouped(text[..end]) + text[end..];
    }

    /// <summary><c>1200000</c> as <c>1.2 million</c>; below a million, the whole number itself.</summary>
    public static object? IntWord(object? value)
    {
        if (!TemplateValues.TryToBigInteger(value, out var integer))
        {
            return value;
        }

        var magnitude = BigInteger.Abs(integer);
        if (magnitude < 1_000_000)
        {
            return Number(integer);
        }

        foreach (var (exponent, name) in s_largeNumbers)
        {
            var large = BigInteger.Pow(10, exponent);
            if (magnitude < large * 1000)
            {
                var scaled = (double)integer / (double)large;
                return NumberFormat.FloatFormat(scaled, 1) + " " + name;
            }
        }

        return Number(integer);
    }

    /// <summary>One to nine spelled out, as the Associated Press writes them; any other whole number as it is.</summary>
    public static object? ApNumber(object? value)
    {
        if (!TemplateValues.TryToBigInteger(value, out var integer))
        {
            return value;
        }

        return integer > 0 && integer < 10 ? s_apWords[(int)integer - 1] : Number(integer);
    }

    /// <summary><c>1st</c>, <c>2nd</c>, <c>3rd</c>, <c>11th</c>... for any whole number.</summary>
    public static object? Ordinal(object? value)
    {
        if (!TemplateValues.TryToBigInteger(value, out var integer))
        {
            return value;
        }

        // Python's % takes the divisor's sign: -1 % 10 is 9.
        var lastTwo = (int)(((integer % 100) + 100) % 100);
        var suffix = lastTwo is 11 or 12 or 13 ? "th" : (lastTwo % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return new SafeString(integer.ToString(CultureInfo.InvariantCulture) + suffix);
    }

    /// <summary>
    /// <c>today</c>, <c>tomorrow</c> or <c>yesterday</c> for a date (or a date and time) that is, in its own time zone; any other day as
    /// the <c>date</c> filter formats it with <paramref name="format"/>.
    /// </summary>
    public static object? NaturalDay(object? value, object? format, TimeProvider clock)
    {
        DateOnly day;
        DateOnly today;
        switch (value)
        {
            case DateTimeOffset moment:
                day = DateOnly.FromDateTime(moment.DateTime);
                today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(moment.Offset).DateTime);
                break;
            case DateTime { Kind: DateTimeKind.Utc } moment:
                day = DateOnly.FromDateTime(moment);
                today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                break;
            case DateTime moment:
                day = DateOnly.FromDateTime(moment);
                today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
                break;
            case DateOnly date:
                day = date;
                today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
                break;
            default:
                return value;
        }

        return (day.DayNumber - today.DayNumber) switch
        {
            0 => "today",
            1 => "tomorrow",
            -1 => "yesterday",
            _ => DateFormat.Format(day, DateFormat.Named(format is null ? "DATE_FORMAT" : TemplateValues.ToText(format))) ?? "",
        };
    }

    /// <summary><c>now</c>, <c>30 seconds ago</c>, <c>an hour from now</c>, <c>2 days, 3 hours ago</c>: a date and time from the present moment.</summary>
    public static object? NaturalTime(object? value, TimeProvider clock)
    {
        DateTimeOffset moment;
        object now;
        DateTimeOffset nowMoment;
        switch (value)
        {
            case DateTimeOffset offset:
                moment = offset;
                nowMoment = clock.GetUtcNow();
                now = nowMoment;
                break;
            case DateTime { Kind: DateTimeKind.Utc } utc:
                moment = new DateTimeOffset(utc);
                nowMoment = clock.GetUtcNow();
                now = nowMoment.UtcDateTime;
                break;
            case DateTime local:
                moment = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
                var localNow = clock.GetLocalNow().DateTime;
                nowMoment = new DateTimeOffset(localNow, TimeSpan.Zero);
                now = localNow;
                break;
            case DateOnly:
                // As Django's: a date alone can't be compared with the present moment.
                throw new InvalidOperationException("'naturaltime' needs a date and time, not a date: can't compare datetime.datetime to datetime.date.");
            default:
                return value;
        }

        var past = moment < nowMoment;
        var delta = past ? nowMoment - moment : moment - nowMoment;
        if (delta.Days != 0)
        {
            return TimeSince.Format(value, now, reversed: !past, clock) + (past ? " ago" : " from now");
        }

        // As Python's timedelta.seconds: the whole seconds of the day, microseconds left out. A count is joined to its unit by a
        // no-break space, as Django's English catalog writes it.
        var seconds = (long)(delta.Ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerSecond);
        var direction = past ? " ago" : " from now";
        return seconds switch
        {
            0 => "now",
            1 => "a second" + direction,
            < 60 => seconds.ToString(CultureInfo.InvariantCulture) + "\u00a0seconds" + direction,
            < 120 => "a minute" + direction,
            < 3600 => (seconds / 60).ToString(CultureInfo.InvariantCulture) + "\u00a0minutes" + direction,
            < 7200 => "an hour" + direction,
            _ => (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "\u00a0hours" + direction,
        };
    }

    /// <summary>A whole number as the smallest type that holds it, as templates show numbers.</summary>
    private static object Number(BigInteger integer) => integer >= long.MinValue && integer <= long.MaxValue ? (long)integer : integer;

    /// <summary>
    /// A float's or decimal's text without an exponent, as Django's number_format writes it (Python's <c>'{:f}'</c> of its
    /// <c>Decimal(str(value))</c>): <c>1e+20</c> is <c>100000000000000000000</c>. Beyond 200 digits, the text with its exponent.
    /// </summary>
    private static string FixedText(object value)
    {
        var text = TemplateValues.ToText(value);
        var e = text.IndexOfAny(['e', 'E']);
        if (e < 0)
        {
            return text;
        }

        var sign = text.StartsWith('-') ? "-" : "";
        var mantissa = text[sign.Length..e];
        var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var pointAt = (point < 0 ? mantissa.Length : point) + exponent;
        if (Math.Abs(exponent - (digits.Length - (point < 0 ? mantissa.Length : point))) + digits.Length > 200)
        {
            return text;
        }

        var fixedText = pointAt <= 0
            ? "0." + new string('0', -pointAt) + digits
            : pointAt >= digits.Length
                ? digits + new string('0', pointAt - digits.Length)
                : digits[..pointAt] + "." + digits[pointAt..];
        return sign + fixedText;
    }

    /// <summary>A number's text with a comma between each three digits of its whole part.</summary>
    private static string Grouped(string number)
    {
        var sign = number.StartsWith('-') ? "-" : "";
        var point = number.IndexOf('.');
        var whole = number[sign.Length..(point < 0 ? number.Length : point)];
        var grouped = new StringBuilder(sign);
        for (var i = 0; i < whole.Length; i++)
        {
            if (i > 0 && (whole.Length - i) % 3 == 0)
            {
                grouped.Append(',');
            }

            grouped.Append(whole[i]);
        }

        return grouped.Append(point < 0 ? "" : number[point..]).ToString();
    }
}
