using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Python's meaning of .NET values, which Django's behaviour is defined in: <c>str()</c>, <c>repr()</c>,
/// truth, equality, ordering, <c>in</c>, <c>int()</c> and <c>float()</c>.
/// </summary>
internal static partial class TemplateValues
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
        Files.FieldFile file => file.Name.Length > 0,
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
}
