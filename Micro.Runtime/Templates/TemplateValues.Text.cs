using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

internal static partial class TemplateValues
{
    // ----- str() -----

    /// <summary>Python's <c>str(value)</c>.</summary>
    public static string ToText(object? value) => value switch
    {
        string s => s,
        SafeString s => s.Value,
        null => "None",
        bool b => b ? "True" : "False",
        int i => i.ToString(s_invariant),
        long l => l.ToString(s_invariant),
        _ => ToTextSlow(value),
    };

    private static string ToTextSlow(object value)
    {
        if (WholeText(value) is { } text)
        {
            return text;
        }

        var output = new StringBuilder();
        AppendText(output, value);
        return output.ToString();
    }

    /// <summary>
    /// Python's <c>str(value)</c> of the kinds of value whose text is one string of .NET's own (a decimal, a <see cref="Guid"/>,
    /// an object's <c>ToString()</c>), so no builder is needed; null for those <see cref="AppendText"/> writes in pieces.
    /// </summary>
    private static string? WholeText(object value) => value switch
    {
        double or float or DateTime or DateTimeOffset or TimeOnly or TimeSpan => null,
        decimal m => m.ToString(s_invariant),
        char c => c.ToString(),
        DateOnly date => date.ToString("yyyy-MM-dd", s_invariant),
        Guid guid => guid.ToString("D"),
        Enum e => e.ToString(),
        IDictionary or IReadOnlyDictionary<string, object?> or ITuple or IEnumerable => null,
        IFormattable formattable => formattable.ToString(null, s_invariant),
        _ => value.ToString() ?? "",
    };

    /// <summary>Appends Python's <c>str(value)</c>.</summary>
    public static void AppendText(StringBuilder output, object? value)
    {
        switch (value)
        {
            case string s: output.Append(s); break;
            case SafeString s: output.Append(s.Value); break;
            case null: output.Append("None"); break;
            case bool b: output.Append(b ? "True" : "False"); break;
            case int i: output.Append(i); break;
            case long l: output.Append(l); break;
            case double d: AppendFloat(output, d, display: false); break;
            case float f: AppendFloat(output, FloatToDouble(f), display: false); break;
            case char c: output.Append(c); break;
            case DateTime dt:
                AppendIsoDateTime(output, dt, ' ');
                if (dt.Kind == DateTimeKind.Utc)
                {
                    output.Append("+00:00");
                }

                break;
            case DateTimeOffset dto:
                AppendIsoDateTime(output, dto.DateTime, ' ');
                AppendOffset(output, dto.Offset, colon: true);
                break;
            case TimeOnly time: AppendIsoTime(output, time.Hour, time.Minute, time.Second, (int)(time.Ticks % TimeSpan.TicksPerSecond / 10)); break;
            case TimeSpan span: AppendTimeDelta(output, span); break;
            case IDictionary or IReadOnlyDictionary<string, object?> or ITuple or IEnumerable: AppendRepr(output, value); break;
            default: output.Append(WholeText(value)); break;
        }
    }

    public static void AppendIsoDateTime(StringBuilder output, DateTime value, char separator)
    {
        output.Append(value.ToString("yyyy-MM-dd", s_invariant)).Append(separator);
        AppendIsoTime(output, value.Hour, value.Minute, value.Second, (int)(value.Ticks % TimeSpan.TicksPerSecond / 10));
    }

    private static void AppendIsoTime(StringBuilder output, int hour, int minute, int second, int microsecond)
    {
        output.Append(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}:{second:00}");
        if (microsecond != 0)
        {
            output.Append(CultureInfo.InvariantCulture, $".{microsecond:000000}");
        }
    }

    public static void AppendOffset(StringBuilder output, TimeSpan offset, bool colon)
    {
        output.Append(offset < TimeSpan.Zero ? '-' : '+');
        var absolute = offset.Duration();
        output.Append(absolute.Hours.ToString("00", s_invariant));
        if (colon)
        {
            output.Append(':');
        }

        output.Append(absolute.Minutes.ToString("00", s_invariant));
    }

    /// <summary>
    /// Python's <c>timedelta</c> fields of a span: whole days rounded down, then the microseconds into that day (0 to 86,399,999,999),
    /// so a negative span is <c>-1 day</c> and a positive rest.
    /// </summary>
    public static (long Days, long Microseconds) TimeDelta(TimeSpan span)
    {
        var days = Math.DivRem(span.Ticks / 10, 86_400_000_000L, out var rest);
        return rest < 0 ? (days - 1, rest + 86_400_000_000L) : (days, rest);
    }

    /// <summary>Python's <c>str(timedelta)</c>: <c>2 days, 3:04:05</c>, negative spans as <c>-1 day, 23:59:59</c>.</summary>
    private static void AppendTimeDelta(StringBuilder output, TimeSpan span)
    {
        var (days, rest) = TimeDelta(span);
        if (days != 0)
        {
            output.Append(days).Append(Math.Abs(days) == 1 ? " day, " : " days, ");
        }

        var seconds = rest / 1_000_000;
        output.Append(seconds / 3600).Append(CultureInfo.InvariantCulture, $":{seconds / 60 % 60:00}:{seconds % 60:00}");
        if (rest % 1_000_000 != 0)
        {
            output.Append(CultureInfo.InvariantCulture, $".{rest % 1_000_000:000000}");
        }
    }

    // ----- Floats -----

    /// <summary>Appends <see cref="FloatRepr"/> (or <see cref="FloatDisplay"/>) without allocating in the common case.</summary>
    public static void AppendFloat(StringBuilder output, double value, bool display)
    {
        Span<char> buffer = stackalloc char[32];
        if (double.IsFinite(value) && value.TryFormat(buffer, out var written, "R", s_invariant))
        {
            // Where .NET writes positional digits Python's repr does too (up to 16 integer digits), with the same shortest digits.
            var text = buffer[..written];
            var integerDigits = text.Contains('.') ? 0 : text.Length - (text[0] == '-' ? 1 : 0);
            if (!text.Contains('E') && integerDigits <= 16)
            {
                output.Append(text);
                if (!text.Contains('.'))
                {
                    output.Append(".0");
                }

                return;
            }
        }

        output.Append(display ? FloatDisplay(value) : FloatRepr(value));
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, <c>1.0</c>, <c>1e+16</c>, <c>1e-05</c>.</summary>
    public static string FloatRepr(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }

        var (negative, digits, pointPosition) = Decompose(value);
        var exponent = pointPosition - 1;
        var output = new StringBuilder(24);
        if (negative)
        {
            output.Append('-');
        }

        if (exponent is >= -4 and < 16)
        {
            AppendPositional(output, digits, pointPosition);
            if (pointPosition >= digits.Length)
            {
                output.Append(".0");
            }
        }
        else
        {
            output.Append(digits[0]);
            if (digits.Length > 1)
            {
                output.Append('.').Append(digits, 1, digits.Length - 1);
            }

            output.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", s_invariant));
        }

        return output.ToString();
    }

    /// <summary>
    /// A float as Django renders it in a template (its <c>localize</c>): like <c>repr</c>, but numbers
    /// that repr writes with an exponent are written out in full (<c>1e+16</c> is <c>10000000000000000</c>).
    /// </summary>
    public static string FloatDisplay(double value)
    {
        if (!double.IsFinite(value))
        {
            return FloatRepr(value);
        }

        var (negative, digits, pointPosition) = Decompose(value);
        var exponent = pointPosition - 1;
        if (exponent is >= -4 and < 16)
        {
            return FloatRepr(value);
        }

        var output = new StringBuilder(32);
        if (negative)
        {
            output.Append('-');
        }

        AppendPositional(output, digits, pointPosition);
        return output.ToString();
    }

    /// <summary>The shortest round-trip significant digits of |value| and where the decimal point goes in them.</summary>
    public static (bool Negative, string Digits, int PointPosition) Decompose(double value)
    {
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var text = Math.Abs(value).ToString("R", s_invariant);
        var exponent = 0;
        var e = text.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, s_invariant);
            text = text[..e];
        }

        var point = text.IndexOf('.');
        var digits = point < 0 ? text : text.Remove(point, 1);
        var pointPosition = (point < 0 ? text.Length : point) + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..];
        pointPosition -= leadingZeros;
        var end = digits.Length;
        while (end > 1 && digits[end - 1] == '0')
        {
            end--;
        }

        return (negative, digits[..end], digits == "0" ? 1 : pointPosition);
    }

    private static void AppendPositional(StringBuilder output, string digits, int pointPosition)
    {
        if (pointPosition <= 0)
        {
            output.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            output.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            output.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
    }
}
