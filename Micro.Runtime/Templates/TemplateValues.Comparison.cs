using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

internal static partial class TemplateValues
{
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

    private static bool IsText(object value) => value is string or SafeString or Files.FieldFile;

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
