using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

internal static partial class TemplateValues
{
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
            case QueryDict query:
                // As Django's: every value of each name.
                output.Append("<QueryDict: {");
                var firstName = true;
                foreach (var (name, values) in query.Lists)
                {
                    output.Append(firstName ? "" : ", ");
                    firstName = false;
                    AppendStringRepr(output, name);
                    output.Append(": ");
                    AppendRepr(output, values);
                }

                output.Append("}>");
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
}
