using System.Globalization;
using System.Text;

namespace Micro.Templates;

/// <summary>Decimal rounding as Django does it for <c>floatformat</c> and <c>filesizeformat</c>.</summary>
internal static class NumberFormat
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    private const int MaxFixedPlaces = 21;

    private static readonly string[] s_fixedFormats = [.. Enumerable.Range(0, MaxFixedPlaces).Select(static places => "F" + places.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Django's <c>floatformat</c>; null when the value isn't a number.</summary>
    public static string? FloatFormat(object? value, object? argument)
    {
        // The common case, a decimal or an integer to a fixed number of places: decimal rounding half away from zero is
        // Django's ROUND_HALF_UP, and a zero loses its sign as Django's does.
        if (argument is int fixedPlaces and >= 0 and < MaxFixedPlaces && value is decimal or int or long)
        {
            return RoundFixed(value is decimal number ? number : System.Convert.ToDecimal(value, s_invariant), fixedPlaces).ToString(s_fixedFormats[fixedPlaces], s_invariant);
        }

        // As Django 5: the value first (not a number: ""), then the argument (not a whole number: the value as text). A "g"
        // suffix groups thousands; "u" (no localization) changes nothing, as Micro doesn't localize numbers.
        if (!TryDecompose(value, out var negative, out var digits, out var pointPosition, out var special))
        {
            return null;
        }

        var group = false;
        var places = -1L;
        if (argument is not null)
        {
            var text = TemplateValues.ToText(argument);
            if (argument is string or SafeString)
            {
                var suffix = text.EndsWith("gu", StringComparison.Ordinal) || text.EndsWith("ug", StringComparison.Ordinal) ? 2
                    : text.EndsWith('g') || text.EndsWith('u') ? 1
                    : 0;
                group = text[^suffix..].Contains('g');
                text = text[..^suffix];
            }

            if (text.Length > 0 && !TemplateValues.TryToInteger(argument is string or SafeString ? text : argument, out places))
            {
                return TemplateValues.ToText(value);
            }
        }

        if (special is not null)
        {
            return special;
        }

        var decimals = (int)Math.Min(Math.Abs(places), 1000);
        var isWhole = pointPosition >= digits.Length;
        if (isWhole && places < 0)
        {
            return Sign(negative && digits != "0") + Group(IntegerDigits(digits, pointPosition), group);
        }

        var rounded = RoundHalfUp(digits, pointPosition, decimals);
        var integer = rounded[..^(decimals == 0 ? 0 : decimals + 1)];
        var isZero = rounded.All(static ch => ch is '0' or '.');
        var result = Group(integer, group) + (decimals == 0 ? "" : rounded[^(decimals + 1)..]);
        return Sign(negative && !isZero) + result;
    }

    /// <summary>
    /// <c>floatformat</c> of a number read without boxing, appended without a string in between. A decimal's text is digits,
    /// a sign and a point, which need no escaping.
    /// </summary>
    public static void AppendFloatFormat(StringBuilder output, decimal value, int places)
    {
        if ((uint)places < MaxFixedPlaces)
        {
            // 29 digits, a sign, a point and up to 20 places.
            Span<char> buffer = stackalloc char[64];
            if (RoundFixed(value, places).TryFormat(buffer, out var written, s_fixedFormats[places], s_invariant))
            {
                output.Append(buffer[..written]);
                return;
            }
        }

        output.Append(FloatFormat(value, places));
    }

    private static decimal RoundFixed(decimal value, int places)
    {
        var rounded = Math.Round(value, places, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0m : rounded;
    }

    private static string Sign(bool negative) => negative ? "-" : "";

    /// <summary>Significant digits and point position of a number, or of a string holding one (through <c>float()</c>, as Django 3.2).</summary>
    private static bool TryDecompose(object? value, out bool negative, out string digits, out int pointPosition, out string? special)
    {
        special = null;
        negative = false;
        digits = "0";
        pointPosition = 1;
        switch (value)
        {
            case decimal number:
                return DecomposeText(number.ToString(s_invariant), out negative, out digits, out pointPosition);
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                return DecomposeText(System.Convert.ToString(value, s_invariant)!, out negative, out digits, out pointPosition);
        }

        if (!TemplateValues.TryToDouble(value, out var d))
        {
            return false;
        }

        if (!double.IsFinite(d))
        {
            special = TemplateValues.FloatRepr(d);
            return true;
        }

        (negative, digits, pointPosition) = TemplateValues.Decompose(d);
        return true;
    }

    private static bool DecomposeText(string text, out bool negative, out string digits, out int pointPosition)
    {
        negative = text.StartsWith('-');
        text = text.TrimStart('-');
        var point = text.IndexOf('.');
        digits = point < 0 ? text : text.Remove(point, 1);
        pointPosition = point < 0 ? text.Length : point;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..];
        pointPosition -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
            pointPosition = 1;
        }

        return true;
    }

    private static string IntegerDigits(string digits, int pointPosition) =>
        pointPosition <= 0 ? "0" : digits.Length >= pointPosition ? digits[..pointPosition] : digits + new string('0', pointPosition - digits.Length);

    /// <summary>The number rounded to <paramref name="decimals"/> places, half away from zero, as <c>integer.fraction</c>.</summary>
    private static string RoundHalfUp(string digits, int pointPosition, int decimals)
    {
        string integer;
        string fraction;
        if (pointPosition <= 0)
        {
            integer = "0";
            fraction = new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            integer = digits + new string('0', pointPosition - digits.Length);
            fraction = "";
        }
        else
        {
            integer = digits[..pointPosition];
            fraction = digits[pointPosition..];
        }

        var kept = integer + (fraction.Length >= decimals ? fraction[..decimals] : fraction.PadRight(decimals, '0'));
        if (fraction.Length > decimals && fraction[decimals] >= '5')
        {
            kept = PythonFormat.Increment(kept);
        }

        var integerLength = kept.Length - decimals;
        return decimals == 0 ? kept : kept[..integerLength] + "." + kept[integerLength..];
    }

    /// <summary>Thousands separated by commas, as the English locale does.</summary>
    public static string Group(string integer, bool group)
    {
        if (!group || integer.Length <= 3)
        {
            return integer;
        }

        var output = new StringBuilder(integer.Length + integer.Length / 3);
        var first = integer.Length % 3;
        if (first > 0)
        {
            output.Append(integer, 0, first);
        }

        for (var i = first; i < integer.Length; i += 3)
        {
            if (output.Length > 0)
            {
                output.Append(',');
            }

            output.Append(integer, i, 3);
        }

        return output.ToString();
    }

    /// <summary>Django's <c>filesizeformat</c>: <c>1.0 KB</c>, <c>2 bytes</c> (with no-break spaces).</summary>
    public static string FileSize(object? value)
    {
        if (!TemplateValues.TryToBigInteger(value, out var bytes))
        {
            return TextFunctions.AvoidWrapping("0 bytes");
        }

        var negative = bytes.Sign < 0;
        var size = Math.Abs((double)bytes);
        string text;
        if (size < 1024)
        {
            text = size == 1 ? "1 byte" : $"{(long)size} bytes";
        }
        else
        {
            string[] units = ["KB", "MB", "GB", "TB", "PB"];
            var unit = 0;
            var scaled = size / 1024;
            while (unit < units.Length - 1 && size >= Math.Pow(1024, unit + 2))
            {
                unit++;
                scaled = size / Math.Pow(1024, unit + 1);
            }

            text = RoundHalfEven(scaled, 1) + " " + units[unit];
        }

        return TextFunctions.AvoidWrapping(negative ? "-" + text : text);
    }

    /// <summary>Python's <c>round(value, places)</c> on the exact binary value, written with that many places.</summary>
    public static string RoundHalfEven(double value, int places) =>
        (value < 0 ? "-" : "") + PythonFormat.RoundDecimalString(Math.Abs(value).ToString("F1100", s_invariant).TrimEnd('0').TrimEnd('.'), places);
}
