using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Python's <c>pprint.pformat</c> for the <c>pprint</c> filter: <c>repr</c> with dictionary keys sorted,
/// and containers wider than 80 columns split one item per line.
/// </summary>
internal static class PrettyPrint
{
    private const int Width = 80;

    public static string Format(object? value)
    {
        var output = new StringBuilder();
        Write(output, value, indent: 0, allowance: 0);
        return output.ToString();
    }

    private static void Write(StringBuilder output, object? value, int indent, int allowance)
    {
        var repr = Repr(value);
        if (repr.Length <= Width - indent - allowance)
        {
            output.Append(repr);
            return;
        }

        switch (value)
        {
            case IDictionary or IReadOnlyDictionary<string, object?>:
                var entries = SortedEntries(value);
                output.Append('{');
                for (var i = 0; i < entries.Count; i++)
                {
                    var last = i == entries.Count - 1;
                    var key = Repr(entries[i].Key);
                    output.Append(key).Append(": ");
                    Write(output, entries[i].Value, indent + 1 + key.Length + 2, last ? allowance + 1 : 1);
                    if (!last)
                    {
                        output.Append(",\n").Append(' ', indent + 1);
                    }
                }

                output.Append('}');
                return;
            case ITuple or IEnumerable when value is not string:
                var isTuple = value is ITuple;
                var items = isTuple ? TupleItems((ITuple)value) : Sequences.ToList(value, "pprint").Cast<object?>().ToList();
                output.Append(isTuple ? '(' : '[');
                for (var i = 0; i < items.Count; i++)
                {
                    var last = i == items.Count - 1;
                    Write(output, items[i], indent + 1, last ? allowance + 1 : 1);
                    if (!last)
                    {
                        output.Append(",\n").Append(' ', indent + 1);
                    }
                }

                output.Append(isTuple ? (items.Count == 1 ? ",)" : ")") : "]");
                return;
            default:
                output.Append(repr);
                return;
        }
    }

    private static List<object?> TupleItems(ITuple tuple)
    {
        var items = new List<object?>(tuple.Length);
        for (var i = 0; i < tuple.Length; i++)
        {
            items.Add(tuple[i]);
        }

        return items;
    }

    /// <summary><c>repr</c> with dictionary keys sorted, as pprint writes them.</summary>
    private static string Repr(object? value)
    {
        if (value is IDictionary or IReadOnlyDictionary<string, object?>)
        {
            var output = new StringBuilder("{");
            var first = true;
            foreach (var (key, item) in SortedEntries(value))
            {
                output.Append(first ? "" : ", ").Append(Repr(key)).Append(": ").Append(Repr(item));
                first = false;
            }

            return output.Append('}').ToString();
        }

        if (value is IList list)
        {
            var output = new StringBuilder("[");
            for (var i = 0; i < list.Count; i++)
            {
                output.Append(i == 0 ? "" : ", ").Append(Repr(list[i]));
            }

            return output.Append(']').ToString();
        }

        return TemplateValues.Repr(value);
    }

    private static List<(object? Key, object? Value)> SortedEntries(object dictionary)
    {
        var entries = DictionaryViews.Entries((IEnumerable)dictionary).ToList();
        try
        {
            entries.Sort(static (a, b) => TemplateValues.TryCompare(a.Key, b.Key, out var order) ? order : throw new InvalidOperationException());
        }
        catch (InvalidOperationException)
        {
            // Python's pprint falls back to an order by type name and repr; insertion order is close enough.
        }

        return entries;
    }
}
