using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Django's <c>json_script</c>: the value as JSON (Python's <c>json.dumps</c> layout and ASCII escaping,
/// <c>DjangoJSONEncoder</c>'s dates) with &lt; &gt; &amp; escaped, inside a <c>&lt;script type="application/json"&gt;</c>.
/// </summary>
internal static class JsonScript
{
    public static SafeString Render(object? value, object? elementId)
    {
        var json = new StringBuilder();
        Write(json, value, depth: 0);
        var output = new StringBuilder(json.Length + 64);
        // The id is optional since Django 4.1.
        if (elementId is null)
        {
            output.Append("<script type=\"application/json\">");
        }
        else
        {
            output.Append("<script id=\"");
            output.Append(Html.ConditionalEscape(elementId).Value);
            output.Append("\" type=\"application/json\">");
        }
        foreach (var ch in json.ToString())
        {
            output.Append(ch switch
            {
                '<' => "\\u003C",
                '>' => "\\u003E",
                '&' => "\\u0026",
                _ => null,
            } ?? ch.ToString());
        }

        return new SafeString(output.Append("</script>").ToString());
    }

    private static void Write(StringBuilder json, object? value, int depth)
    {
        if (depth > 100)
        {
            throw new InvalidOperationException("json_script: the value is nested too deeply (a reference cycle?).");
        }

        switch (value)
        {
            case null: json.Append("null"); break;
            case bool b: json.Append(b ? "true" : "false"); break;
            case string or SafeString or char or Guid or Enum: WriteString(json, TemplateValues.ToText(value)); break;
            case double or float:
                TemplateValues.TryGetDouble(value, out var d);
                json.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : TemplateValues.FloatRepr(d));
                break;
            case decimal m: WriteString(json, m.ToString(CultureInfo.InvariantCulture)); break;
            case int or long or short or byte or sbyte or ushort or uint or ulong: json.Append(System.Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            case DateTime dt: WriteString(json, IsoDateTime(dt, dt.Kind == DateTimeKind.Utc ? TimeSpan.Zero : null)); break;
            case DateTimeOffset dto: WriteString(json, IsoDateTime(dto.DateTime, dto.Offset)); break;
            case DateOnly date: WriteString(json, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: WriteString(json, time.ToString(time.Millisecond == 0 && time.Microsecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fff", CultureInfo.InvariantCulture)); break;
            case IDictionary dictionary:
                json.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    json.Append(first ? "" : ", ");
                    first = false;
                    WriteKey(json, entry.Key);
                    Write(json, entry.Value, depth + 1);
                }

                json.Append('}');
                break;
            case IReadOnlyDictionary<string, object?> readOnly:
                json.Append('{');
                var firstPair = true;
                foreach (var pair in readOnly)
                {
                    json.Append(firstPair ? "" : ", ");
                    firstPair = false;
                    WriteKey(json, pair.Key);
                    Write(json, pair.Value, depth + 1);
                }

                json.Append('}');
                break;
            case ITuple tuple:
                json.Append('[');
                for (var i = 0; i < tuple.Length; i++)
                {
                    json.Append(i == 0 ? "" : ", ");
                    Write(json, tuple[i], depth + 1);
                }

                json.Append(']');
                break;
            case IEnumerable sequence:
                json.Append('[');
                var firstItem = true;
                foreach (var item in sequence)
                {
                    json.Append(firstItem ? "" : ", ");
                    firstItem = false;
                    Write(json, item, depth + 1);
                }

                json.Append(']');
                break;
            default:
                throw new InvalidOperationException($"json_script can't serialize a value of type {value.GetType().Name}; pass dictionaries, lists, strings, numbers, booleans or dates.");
        }
    }

    private static void WriteKey(StringBuilder json, object? key)
    {
        switch (key)
        {
            case null: json.Append("\"null\""); break;
            case bool b: json.Append(b ? "\"true\"" : "\"false\""); break;
            default: WriteString(json, TemplateValues.ToText(key)); break;
        }

        json.Append(": ");
    }

    /// <summary>DjangoJSONEncoder's datetime: ISO 8601, milliseconds at most, UTC as <c>Z</c>.</summary>
    private static string IsoDateTime(DateTime value, TimeSpan? offset)
    {
        var text = new StringBuilder(value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var microseconds = value.Ticks % TimeSpan.TicksPerSecond / 10;
        if (microseconds != 0)
        {
            text.Append('.').Append((microseconds / 1000).ToString("000", CultureInfo.InvariantCulture));
        }

        if (offset is { } o)
        {
            if (o == TimeSpan.Zero)
            {
                text.Append('Z');
            }
            else
            {
                TemplateValues.AppendOffset(text, o, colon: true);
            }
        }

        return text.ToString();
    }

    /// <summary>A JSON string with Python's <c>ensure_ascii</c>: everything outside ASCII as <c>\uXXXX</c>.</summary>
    private static void WriteString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (ch < ' ' || ch > '~')
                    {
                        json.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(ch);
                    }

                    break;
            }
        }

        json.Append('"');
    }
}
