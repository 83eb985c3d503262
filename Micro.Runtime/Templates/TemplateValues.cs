using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Python's meaning of .NET values, which Django's behaviour is defined in: <c>str()</c>, <c>repr()</c>,
/// truth, equality, ordering, <c>in</c>, <c>int()</c> and <c>float()</c>.
/// </summary>
internal static class TemplateValues
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    // ----- Truth -----

    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        SafeString s => s.Length > 0,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        decimal m => m != 0,
        float f => f != 0,
        short or ushort or byte or sbyte or uint or ulong => Convert.ToDecimal(value, s_invariant) != 0,
        BigInteger big => !big.IsZero,
        TimeSpan t => t != TimeSpan.Zero,
        ICollection c => c.Count > 0,
        IEnumerable e => HasAny(e),
        _ => true,
    };

    private static bool HasAny(IEnumerable sequence)
    {
        var enumerator = sequence.GetEnumerator();
        try
        {
            return enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }

    // ----- Numbers -----

    public static bool IsNumber(object? value) => value is int or long or double or decimal or float or short or ushort or byte or sbyte or uint or ulong or BigInteger;

    /// <summary>An integral value (bool included, as in Python) as a long.</summary>
    public static bool TryGetInteger(object? value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case long l: result = l; return true;
            case bool b: result = b ? 1 : 0; return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case byte by: result = by; return true;
            case sbyte sb: result = sb; return true;
            case uint ui: result = ui; return true;
            case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
            default: result = 0; return false;
        }
    }

    /// <summary>Any number (bool included) as a double.</summary>
    public static bool TryGetDouble(object? value, out double result)
    {
        if (TryGetInteger(value, out var integer))
        {
            result = integer;
            return true;
        }

        switch (value)
        {
            case double d: result = d; return true;
            case float f: result = FloatToDouble(f); return true;
            case decimal m: result = (double)m; return true;
            case ulong ul: result = ul; return true;
            case BigInteger big: result = (double)big; return true;
            default: result = 0; return false;
        }
    }

    /// <summary>Python's <c>int(value)</c>: integers, floats truncated, decimal strings with surrounding spaces.</summary>
    public static bool TryToInteger(object? value, out long result)
    {
        if (TryGetInteger(value, out result))
        {
            return true;
        }

        switch (value)
        {
            case double d when double.IsFinite(d) && Math.Abs(d) < 9.2e18:
                result = (long)Math.Truncate(d);
                return true;
            case float f when float.IsFinite(f) && Math.Abs(f) < 9.2e18f:
                result = (long)Math.Truncate(f);
                return true;
            case decimal m when Math.Abs(m) < 9.2e18m:
                result = (long)Math.Truncate(m);
                return true;
            case string or SafeString:
                var text = ToText(value).Trim().Replace("_", "", StringComparison.Ordinal);
                return long.TryParse(text, NumberStyles.AllowLeadingSign, s_invariant, out result);
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Python's <c>int(value)</c> without a size limit, for numbers beyond <see cref="long"/> (<c>1e20</c>).</summary>
    public static bool TryToBigInteger(object? value, out BigInteger result)
    {
        if (TryToInteger(value, out var integer))
        {
            result = integer;
            return true;
        }

        switch (value)
        {
            case ulong unsigned:
                result = unsigned;
                return true;
            case BigInteger big:
                result = big;
                return true;
            case double or float or decimal when TryGetDouble(value, out var number) && double.IsFinite(number):
                result = value is decimal exact ? new BigInteger(Math.Truncate(exact)) : new BigInteger(Math.Truncate(number));
                return true;
            case string or SafeString:
                return BigInteger.TryParse(ToText(value).Trim(), NumberStyles.AllowLeadingSign, s_invariant, out result);
            default:
                result = default;
                return false;
        }
    }

    /// <summary>Python's <c>float(value)</c>.</summary>
    public static bool TryToDouble(object? value, out double result)
    {
        if (TryGetDouble(value, out result))
        {
            return true;
        }

        if (value is string or SafeString)
        {
            var text = ToText(value).Trim();
            switch (text.ToLowerInvariant())
            {
                case "inf" or "+inf" or "infinity" or "+infinity":
                    result = double.PositiveInfinity;
                    return true;
                case "-inf" or "-infinity":
                    result = double.NegativeInfinity;
                    return true;
                case "nan" or "+nan" or "-nan":
                    result = double.NaN;
                    return true;
            }

            return text.Length > 0 && (char.IsAsciiDigit(text[^1]) || text[^1] == '.')
                && double.TryParse(text, NumberStyles.Float, s_invariant, out result);
        }

        return false;
    }

    /// <summary>A float as the double Python would have parsed from its shortest text, so 0.1f is 0.1.</summary>
    public static double FloatToDouble(float value) =>
        float.IsFinite(value) ? double.Parse(value.ToString("R", s_invariant), s_invariant) : value;

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
        var output = new StringBuilder();
        AppendText(output, value);
        return output.ToString();
    }

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
            case decimal m: output.Append(m.ToString(s_invariant)); break;
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
            case DateOnly date: output.Append(date.ToString("yyyy-MM-dd", s_invariant)); break;
            case TimeOnly time: AppendIsoTime(output, time.Hour, time.Minute, time.Second, (int)(time.Ticks % TimeSpan.TicksPerSecond / 10)); break;
            case TimeSpan span: AppendTimeDelta(output, span); break;
            case Guid guid: output.Append(guid.ToString("D")); break;
            case Enum e: output.Append(e.ToString()); break;
            case IDictionary or IReadOnlyDictionary<string, object?> or ITuple or IEnumerable: AppendRepr(output, value); break;
            case IFormattable formattable: output.Append(formattable.ToString(null, s_invariant)); break;
            default: output.Append(value.ToString()); break;
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

    /// <summary>Python's <c>str(timedelta)</c>: <c>2 days, 3:04:05</c>, negative spans as <c>-1 day, 23:59:59</c>.</summary>
    private static void AppendTimeDelta(StringBuilder output, TimeSpan span)
    {
        var totalMicroseconds = span.Ticks / 10;
        var days = Math.DivRem(totalMicroseconds, 86_400_000_000L, out var rest);
        if (rest < 0)
        {
            days--;
            rest += 86_400_000_000L;
        }

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

    // ----- repr() -----

    public static string Repr(object? value)
    {
        var output = new StringBuilder();
        AppendRepr(output, value);
        return output.ToString();
    }

    /// <summary>Appends Python's <c>repr(value)</c>, which is how lists and dictionaries print.</summary>
    public static void AppendRepr(StringBuilder output, object? value)
    {
        switch (value)
        {
            case string s: AppendStringRepr(output, s); break;
            case SafeString s: AppendStringRepr(output, s.Value); break;
            case char c: AppendStringRepr(output, c.ToString()); break;
            case decimal m: output.Append("Decimal('").Append(m.ToString(s_invariant)).Append("')"); break;
            case DateTime dt:
                output.Append(CultureInfo.InvariantCulture, $"datetime.datetime({dt.Year}, {dt.Month}, {dt.Day}, {dt.Hour}, {dt.Minute}");
                var microsecond = dt.Ticks % TimeSpan.TicksPerSecond / 10;
                if (dt.Second != 0 || microsecond != 0)
                {
                    output.Append(", ").Append(dt.Second);
                }

                if (microsecond != 0)
                {
                    output.Append(", ").Append(microsecond);
                }

                output.Append(')');
                break;
            case DateOnly date: output.Append(CultureInfo.InvariantCulture, $"datetime.date({date.Year}, {date.Month}, {date.Day})"); break;
            case IDictionary dictionary:
                output.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    output.Append(first ? "" : ", ");
                    first = false;
                    AppendRepr(output, entry.Key);
                    output.Append(": ");
                    AppendRepr(output, entry.Value);
                }

                output.Append('}');
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                output.Append('{');
                var firstPair = true;
                foreach (var pair in dictionary)
                {
                    output.Append(firstPair ? "" : ", ");
                    firstPair = false;
                    AppendStringRepr(output, pair.Key);
                    output.Append(": ");
                    AppendRepr(output, pair.Value);
                }

                output.Append('}');
                break;
            case ITuple tuple:
                output.Append('(');
                for (var i = 0; i < tuple.Length; i++)
                {
                    output.Append(i == 0 ? "" : ", ");
                    AppendRepr(output, tuple[i]);
                }

                output.Append(tuple.Length == 1 ? ",)" : ")");
                break;
            case IEnumerable sequence:
                output.Append('[');
                var firstItem = true;
                foreach (var item in sequence)
                {
                    output.Append(firstItem ? "" : ", ");
                    firstItem = false;
                    AppendRepr(output, item);
                }

                output.Append(']');
                break;
            default:
                AppendText(output, value);
                break;
        }
    }

    private static void AppendStringRepr(StringBuilder output, string value)
    {
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        output.Append(quote);
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (ch == quote)
                    {
                        output.Append('\\').Append(ch);
                    }
                    else if (ch < ' ' || ch == '\x7f')
                    {
                        output.Append("\\x").Append(((int)ch).ToString("x2", s_invariant));
                    }
                    else
                    {
                        output.Append(ch);
                    }

                    break;
            }
        }

        output.Append(quote);
    }

    // ----- Comparison -----

    /// <summary>Python's <c>==</c>.</summary>
    public static bool AreEqual(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        if (IsText(left) && IsText(right))
        {
            return string.Equals(ToText(left), ToText(right), StringComparison.Ordinal);
        }

        if (IsNumeric(left) && IsNumeric(right))
        {
            return CompareNumbers(left, right) == 0;
        }

        if (IsDictionary(left) && IsDictionary(right))
        {
            return DictionariesEqual((IEnumerable)left, (IEnumerable)right);
        }

        if (left is IList leftList && right is IList rightList)
        {
            if (leftList.Count != rightList.Count)
            {
                return false;
            }

            for (var i = 0; i < leftList.Count; i++)
            {
                if (!AreEqual(leftList[i], rightList[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return left.Equals(right);
    }

    private static bool IsDictionary(object value) => value is IDictionary or IReadOnlyDictionary<string, object?>;

    private static bool DictionariesEqual(IEnumerable left, IEnumerable right)
    {
        var rightEntries = new List<(object? Key, object? Value)>(DictionaryViews.Entries(right));
        var count = 0;
        foreach (var (key, value) in DictionaryViews.Entries(left))
        {
            count++;
            var match = rightEntries.FindIndex(entry => AreEqual(entry.Key, key));
            if (match < 0 || !AreEqual(value, rightEntries[match].Value))
            {
                return false;
            }
        }

        return count == rightEntries.Count;
    }

    /// <summary>Python's ordering: numbers, strings, dates and times, lists; false when Python would raise TypeError.</summary>
    public static bool TryCompare(object? left, object? right, out int result)
    {
        result = 0;
        if (left is null || right is null)
        {
            return false;
        }

        if (IsNumeric(left) && IsNumeric(right))
        {
            result = CompareNumbers(left, right);
            return !(left is double dl && double.IsNaN(dl)) && !(right is double dr && double.IsNaN(dr));
        }

        if (IsText(left) && IsText(right))
        {
            result = string.CompareOrdinal(ToText(left), ToText(right));
            return true;
        }

        switch (left, right)
        {
            case (DateTime a, DateTime b): result = a.CompareTo(b); return true;
            case (DateTimeOffset a, DateTimeOffset b): result = a.CompareTo(b); return true;
            case (DateOnly a, DateOnly b): result = a.CompareTo(b); return true;
            case (TimeOnly a, TimeOnly b): result = a.CompareTo(b); return true;
            case (TimeSpan a, TimeSpan b): result = a.CompareTo(b); return true;
            case (IList a, IList b) when left is not IDictionary && right is not IDictionary:
                for (var i = 0; i < a.Count && i < b.Count; i++)
                {
                    if (AreEqual(a[i], b[i]))
                    {
                        continue;
                    }

                    return TryCompare(a[i], b[i], out result);
                }

                result = a.Count.CompareTo(b.Count);
                return true;
        }

        if (left.GetType() == right.GetType() && left is IComparable comparable)
        {
            result = comparable.CompareTo(right);
            return true;
        }

        return false;
    }

    private static bool IsText(object value) => value is string or SafeString;

    private static bool IsNumeric(object value) => value is bool || IsNumber(value);

    private static int CompareNumbers(object left, object right)
    {
        if (TryGetInteger(left, out var a) && TryGetInteger(right, out var b))
        {
            return a.CompareTo(b);
        }

        if (left is decimal or bool or int or long && right is decimal or bool or int or long)
        {
            return ToDecimal(left).CompareTo(ToDecimal(right));
        }

        TryGetDouble(left, out var x);
        TryGetDouble(right, out var y);
        return x.CompareTo(y);
    }

    private static decimal ToDecimal(object value) => value switch
    {
        decimal m => m,
        bool b => b ? 1 : 0,
        _ => TryGetInteger(value, out var l) ? l : 0,
    };

    /// <summary>Python's <c>item in container</c>; false when Python would raise TypeError.</summary>
    public static bool TryContains(object? container, object? item, out bool result)
    {
        result = false;
        switch (container)
        {
            case null:
                return false;
            case string or SafeString:
                if (item is not (string or SafeString))
                {
                    return false;
                }

                result = ToText(container).Contains(ToText(item), StringComparison.Ordinal);
                return true;
            case IReadOnlyDictionary<string, object?> readOnly when item is string or SafeString:
                result = readOnly.ContainsKey(ToText(item));
                return true;
            case IDictionary dictionary:
                result = item is not null && dictionary.Contains(item is SafeString safe ? safe.Value : item);
                return true;
            case IEnumerable sequence:
                foreach (var element in sequence)
                {
                    if (AreEqual(element, item))
                    {
                        result = true;
                        break;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Python's <c>is</c>: the same object, with None, True and False as singletons.</summary>
    public static bool IsSame(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (bool a, bool b) => a == b,
        _ => ReferenceEquals(left, right),
    };
}
