using System.Globalization;
using System.Numerics;
using System.Text;

namespace Micro.Templates;

/// <summary>Python's printf-style <c>format % value</c> with one value, for the <c>stringformat</c> filter.</summary>
internal static class PythonFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>The formatted text, or null where Python raises (wrong type, wrong number of conversions).</summary>
    public static string? Format(string format, object? value)
    {
        var output = new StringBuilder(format.Length + 16);
        var used = false;
        var i = 0;
        while (i < format.Length)
        {
            var ch = format[i++];
            if (ch != '%')
            {
                output.Append(ch);
                continue;
            }

            if (i >= format.Length)
            {
                return null;
            }

            if (format[i] == '%')
            {
                output.Append('%');
                i++;
                continue;
            }

            if (used || format[i] == '(')
            {
                return null;
            }

            var left = false;
            var sign = '\0';
            var zero = false;
            var alternate = false;
            for (; i < format.Length && format[i] is '-' or '+' or ' ' or '0' or '#'; i++)
            {
                switch (format[i])
                {
                    case '-': left = true; break;
                    case '+': sign = '+'; break;
                    case ' ': sign = sign == '+' ? '+' : ' '; break;
                    case '0': zero = true; break;
                    default: alternate = true; break;
                }
            }

            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }

            while (i < format.Length && format[i] is 'h' or 'l' or 'L')
            {
                i++;
            }

            if (i >= format.Length)
            {
                return null;
            }

            var conversion = format[i++];
            var (body, numeric, negative) = Convert(conversion, value, precision, alternate);
            if (body is null)
            {
                return null;
            }

            if (numeric)
            {
                var signText = negative ? "-" : sign == '\0' ? "" : sign.ToString();
                Pad(output, signText, body, width, left, zero);
            }
            else
            {
                Pad(output, "", body, width, left, zeroPad: false);
            }

            used = true;
        }

        return used ? output.ToString() : null;
    }

    private static int? ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), s_invariant) : null;
    }

    private static void Pad(StringBuilder output, string sign, string body, int? width, bool left, bool zeroPad)
    {
        var padding = Math.Max(0, (width ?? 0) - sign.Length - body.Length);
        if (left)
        {
            output.Append(sign).Append(body).Append(' ', padding);
        }
        else if (zeroPad)
        {
            // Zeros go between the sign (and a 0x prefix) and the digits.
            var prefixLength = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || body.StartsWith("0o", StringComparison.Ordinal) ? 2 : 0;
            output.Append(sign).Append(body, 0, prefixLength).Append('0', padding).Append(body, prefixLength, body.Length - prefixLength);
        }
        else
        {
            output.Append(' ', padding).Append(sign).Append(body);
        }
    }

    /// <summary>The converted value without sign or padding; null where Python raises TypeError.</summary>
    private static (string? Body, bool Numeric, bool Negative) Convert(char conversion, object? value, int? precision, bool alternate)
    {
        switch (conversion)
        {
            case 's':
            case 'r':
            case 'a':
                var text = conversion == 's' ? TemplateValues.ToText(value) : TemplateValues.Repr(value);
                return (precision is { } max && max < text.Length ? text[..max] : text, false, false);
            case 'c':
                if (value is string or SafeString && TemplateValues.ToText(value).Length == 1)
                {
                    return (TemplateValues.ToText(value), false, false);
                }

                return TemplateValues.TryGetInteger(value, out var code) && code is >= 0 and <= 0x10FFFF ? (char.ConvertFromUtf32((int)code), false, false) : (null, false, false);
            case 'd':
            case 'i':
            case 'u':
                if (!TryInteger(value, allowFloat: true, out var integer))
                {
                    return (null, true, false);
                }

                var digits = BigInteger.Abs(integer).ToString(s_invariant);
                if (precision is { } minimum && digits.Length < minimum)
                {
                    digits = new string('0', minimum - digits.Length) + digits;
                }

                return (digits, true, integer.Sign < 0);
            case 'o':
            case 'x':
            case 'X':
                if (!TryInteger(value, allowFloat: false, out var whole))
                {
                    return (null, true, false);
                }

                var magnitude = BigInteger.Abs(whole);
                var body = conversion == 'o' ? ToOctal(magnitude) : magnitude.ToString(conversion == 'x' ? "x" : "X", s_invariant).TrimStart('0');
                if (body.Length == 0)
                {
                    body = "0";
                }

                if (precision is { } minimumDigits && body.Length < minimumDigits)
                {
                    body = new string('0', minimumDigits - body.Length) + body;
                }

                if (alternate)
                {
                    body = (conversion == 'o' ? "0o" : conversion == 'x' ? "0x" : "0X") + body;
                }

                return (body, true, whole.Sign < 0);
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G':
                if (value is string or SafeString || !TemplateValues.TryToDouble(value, out var number))
                {
                    return (null, true, false);
                }

                var negative = number < 0 || (number == 0 && double.IsNegative(number));
                return (FormatFloat(Math.Abs(number), conversion, precision ?? 6, alternate), true, negative);
            default:
                return (null, false, false);
        }
    }

    private static bool TryInteger(object? value, bool allowFloat, out BigInteger result)
    {
        if (TemplateValues.TryGetInteger(value, out var integer))
        {
            result = integer;
            return true;
        }

        if (value is ulong unsigned)
        {
            result = unsigned;
            return true;
        }

        if (allowFloat && value is double or float or decimal && TemplateValues.TryGetDouble(value, out var number) && double.IsFinite(number))
        {
            result = new BigInteger(Math.Truncate(number));
            return true;
        }

        result = default;
        return false;
    }

    private static string ToOctal(BigInteger value)
    {
        if (value.IsZero)
        {
            return "0";
        }

        var digits = new StringBuilder();
        while (!value.IsZero)
        {
            digits.Insert(0, (char)('0' + (int)(value % 8)));
            value /= 8;
        }

        return digits.ToString();
    }

    /// <summary>Python's <c>%e</c>, <c>%f</c> and <c>%g</c> of a non-negative number.</summary>
    public static string FormatFloat(double value, char conversion, int precision, bool alternate)
    {
        var upper = char.IsUpper(conversion);
        if (!double.IsFinite(value))
        {
            var special = double.IsNaN(value) ? "nan" : "inf";
            return upper ? special.ToUpperInvariant() : special;
        }

        string text;
        switch (char.ToLowerInvariant(conversion))
        {
            case 'f':
                text = Fixed(value, precision);
                if (alternate && precision == 0)
                {
                    text += ".";
                }

                break;
            case 'e':
                text = Exponential(value, precision, alternate);
                break;
            default:
                var significant = precision == 0 ? 1 : precision;
                var exponent = ExponentAfterRounding(value, significant);
                if (exponent >= -4 && exponent < significant)
                {
                    text = Fixed(value, significant - 1 - exponent);
                    if (!alternate)
                    {
                        text = TrimFraction(text);
                    }
                }
                else
                {
                    text = Exponential(value, significant - 1, alternate);
                    if (!alternate)
                    {
                        var e = text.IndexOf('e');
                        text = TrimFraction(text[..e]) + text[e..];
                    }
                }

                break;
        }

        return upper ? text.ToUpperInvariant() : text;
    }

    /// <summary>Fixed-point digits of the exact binary value, rounded half to even as C's printf.</summary>
    public static string Fixed(double value, int decimals)
    {
        var exact = ExactDecimal(value);
        return RoundDecimalString(exact, decimals);
    }

    private static string Exponential(double value, int decimals, bool alternate)
    {
        var exponent = ExponentAfterRounding(value, decimals + 1);
        var scaled = value == 0 ? "0" : ShiftPoint(ExactDecimal(value), -exponent);
        var mantissa = RoundDecimalString(scaled, decimals);
        if (alternate && decimals == 0)
        {
            mantissa += ".";
        }

        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", s_invariant);
    }

    /// <summary>The decimal exponent of <paramref name="value"/> once rounded to <paramref name="significant"/> digits.</summary>
    private static int ExponentAfterRounding(double value, int significant)
    {
        if (value == 0)
        {
            return 0;
        }

        var exact = ExactDecimal(value);
        var point = exact.IndexOf('.');
        var digits = point < 0 ? exact : exact.Remove(point, 1);
        var integerLength = point < 0 ? exact.Length : point;
        var firstNonZero = 0;
        while (digits[firstNonZero] == '0')
        {
            firstNonZero++;
        }

        var exponent = integerLength - firstNonZero - 1;
        var shifted = ShiftPoint(exact, -exponent);
        var rounded = RoundDecimalString(shifted, significant - 1);
        return rounded.StartsWith("10", StringComparison.Ordinal) ? exponent + 1 : exponent;
    }

    /// <summary>Every digit of a double's exact value (all doubles are finite decimal fractions).</summary>
    private static string ExactDecimal(double value) => value.ToString("F1100", s_invariant).TrimEnd('0').TrimEnd('.');

    private static string ShiftPoint(string number, int places)
    {
        var point = number.IndexOf('.');
        var digits = point < 0 ? number : number.Remove(point, 1);
        var position = (point < 0 ? number.Length : point) + places;
        if (position <= 0)
        {
            return "0." + new string('0', -position) + digits;
        }

        if (position >= digits.Length)
        {
            return (digits + new string('0', position - digits.Length)).TrimStart('0') is { Length: > 0 } whole ? whole : "0";
        }

        var integer = digits[..position].TrimStart('0');
        return (integer.Length == 0 ? "0" : integer) + "." + digits[position..];
    }

    /// <summary>Rounds a non-negative decimal string to <paramref name="decimals"/> places, half to even.</summary>
    public static string RoundDecimalString(string number, int decimals)
    {
        var point = number.IndexOf('.');
        var integerPart = point < 0 ? number : number[..point];
        var fraction = point < 0 ? "" : number[(point + 1)..];
        if (fraction.Length <= decimals)
        {
            return decimals == 0 ? integerPart : integerPart + "." + fraction.PadRight(decimals, '0');
        }

        var kept = (integerPart + fraction[..decimals]).ToCharArray();
        var rest = fraction[decimals..];
        var roundUp = rest[0] > '5' || (rest[0] == '5' && (rest.AsSpan(1).IndexOfAnyExcept('0') >= 0 || (kept.Length > 0 && (kept[^1] - '0') % 2 == 1)));
        var result = new string(kept);
        if (roundUp)
        {
            result = Increment(result);
        }

        var integerLength = result.Length - decimals;
        return decimals == 0 ? result : result[..integerLength] + "." + result[integerLength..];
    }

    /// <summary>Adds one to a string of digits.</summary>
    public static string Increment(string digits)
    {
        var chars = digits.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] == '9')
            {
                chars[i] = '0';
                continue;
            }

            chars[i]++;
            return new string(chars);
        }

        return "1" + new string(chars);
    }

    private static string TrimFraction(string text) => text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;
}
