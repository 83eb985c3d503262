using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// Django's built-in filters. Each follows defaultfilters.py: string filters convert their input with
/// Python's <c>str()</c>, most fail quietly (returning the input or an empty string) where Django does,
/// and the few that raise in Django raise here.
/// </summary>
internal static class BuiltinFilters
{
    public static FrozenDictionary<string, TemplateFilter> Create()
    {
        var filters = new Dictionary<string, TemplateFilter>(StringComparer.Ordinal);
        foreach (var signature in BuiltinSyntax.Filters)
        {
            var (function, isSafe, needsAutoescape) = Implementation(signature.Name);
            filters.Add(signature.Name, new TemplateFilter(signature.Name, signature.Argument, function, isSafe, needsAutoescape));
        }

        return filters.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The implementation of each built-in filter with Django's <c>is_safe</c> and <c>needs_autoescape</c>.</summary>
    private static (TemplateFilterFunction Function, bool IsSafe, bool NeedsAutoescape) Implementation(string name) => name switch
    {
        "add" => (Add, false, false),
        "addslashes" => ((value, _, _) => TextFunctions.AddSlashes(Str(value)), true, false),
        "apnumber" => ((value, _, _) => Humanize.ApNumber(value), true, false),
        "capfirst" => ((value, _, _) => CapFirst(Str(value)), true, false),
        "center" => ((value, argument, _) => TextFunctions.Center(Str(value), Int(argument)), true, false),
        "cut" => (Cut, false, false),
        "date" => (Date, false, false),
        "default" => ((value, argument, _) => TemplateValues.IsTrue(value) ? value : argument, false, false),
        "default_if_none" => ((value, argument, _) => value ?? argument, false, false),
        "dictsort" => ((value, argument, _) => DictSort(value, argument, descending: false), false, false),
        "dictsortreversed" => ((value, argument, _) => DictSort(value, argument, descending: true), false, false),
        "divisibleby" => (DivisibleBy, false, false),
        "escape" => ((value, _, _) => Html.ConditionalEscape(value is SafeString ? value : Str(value)), true, false),
        "escapejs" => ((value, _, _) => TextFunctions.EscapeJs(Str(value)), false, false),
        "escapeseq" => ((value, _, _) => EscapeSeq(value), true, false),
        "filesizeformat" => ((value, _, _) => NumberFormat.FileSize(value), true, false),
        "first" => ((value, _, _) => Item(value, first: true), false, false),
        "floatformat" => ((value, argument, _) => NumberFormat.FloatFormat(value, argument) ?? "", true, false),
        "force_escape" => ((value, _, _) => new SafeString(Html.Escape(Str(value))), true, false),
        "get_digit" => (GetDigit, false, false),
        "intcomma" => ((value, _, _) => Humanize.IntComma(value), true, false),
        "intword" => ((value, _, _) => Humanize.IntWord(value), false, false),
        "iriencode" => ((value, _, _) => UrlEncoding.Quote(Str(value), "/#%[]=:;$&()+,!?*@'~"), true, false),
        "join" => (Join, true, true),
        "json_script" => ((value, argument, _) => JsonScript.Render(value, argument), true, false),
        "last" => ((value, _, _) => Item(value, first: false), true, false),
        "length" => ((value, _, _) => Length(value), false, false),
        "linebreaks" => ((value, _, autoescape) => new SafeString(HtmlText.Linebreaks(Str(value), autoescape && value is not SafeString)), true, true),
        "linebreaksbr" => (LinebreaksBr, true, true),
        "linenumbers" => (LineNumbers, true, true),
        "ljust" => ((value, argument, _) => Str(value).PadRight(Math.Max(0, Int(argument))), true, false),
        "lower" => ((value, _, _) => Str(value).ToLowerInvariant(), true, false),
        "make_list" => ((value, _, _) => MakeList(Str(value)), false, false),
        "naturalday" => ((value, argument, _) => Humanize.NaturalDay(value, argument, Clock), false, false),
        "naturaltime" => ((value, _, _) => Humanize.NaturalTime(value, Clock), false, false),
        "ordinal" => ((value, _, _) => Humanize.Ordinal(value), true, false),
        "phone2numeric" => ((value, _, _) => TextFunctions.PhoneToNumeric(value is string or SafeString ? Str(value) : throw new InvalidOperationException($"'phone2numeric' needs a string, not {TypeName(value)}.")), true, false),
        "pluralize" => (Pluralize, false, false),
        "pprint" => ((value, _, _) => PrettyPrint.Format(value), true, false),
        "random" => (RandomItem, true, false),
        "rjust" => ((value, argument, _) => Str(value).PadLeft(Math.Max(0, Int(argument))), true, false),
        "safe" => ((value, _, _) => value as SafeString ?? new SafeString(Str(value)), true, false),
        "safeseq" => (SafeSequence, true, false),
        "slice" => (Slice, true, false),
        "slugify" => ((value, _, _) => TextFunctions.Slugify(Str(value)), true, false),
        "stringformat" => ((value, argument, _) => PythonFormat.Format("%" + Str(argument), value is ITuple ? Str(value) : value) ?? "", true, false),
        "striptags" => ((value, _, _) => HtmlText.StripTags(Str(value)), true, false),
        "time" => (Time, false, false),
        "timesince" => ((value, argument, _) => Since(value, argument, reversed: false), false, false),
        "timeuntil" => ((value, argument, _) => Since(value, argument, reversed: true), false, false),
        "title" => ((value, _, _) => Title(Str(value)), true, false),
        "truncatechars" => ((value, argument, _) => TryInt(argument, out var length) ? TextFunctions.TruncateChars(Str(value), length) : Str(value), true, false),
        "truncatechars_html" => ((value, argument, _) => TryInt(argument, out var length) ? TextFunctions.TruncateHtml(Str(value), length, words: false) : Str(value), true, false),
        "truncatewords" => ((value, argument, _) => TryInt(argument, out var length) ? TextFunctions.TruncateWords(Str(value), length) : Str(value), true, false),
        "truncatewords_html" => ((value, argument, _) => TryInt(argument, out var length) ? TextFunctions.TruncateHtml(Str(value), length, words: true) : Str(value), true, false),
        "unordered_list" => (UnorderedList, true, true),
        "upper" => ((value, _, _) => Str(value).ToUpperInvariant(), false, false),
        "urlencode" => ((value, argument, _) => UrlEncoding.Quote(Str(value), argument is null ? "/" : Str(argument)), false, false),
        "urlize" => ((value, _, autoescape) => new SafeString(HtmlText.Urlize(Str(value), value is SafeString, null, autoescape)), true, true),
        "urlizetrunc" => ((value, argument, autoescape) => new SafeString(HtmlText.Urlize(Str(value), value is SafeString, Int(argument), autoescape)), true, true),
        "wordcount" => ((value, _, _) => TextFunctions.SplitWords(Str(value)).Count, false, false),
        "wordwrap" => ((value, argument, _) => TextFunctions.Wrap(Str(value), Int(argument)), true, false),
        "yesno" => (YesNo, false, false),
        _ => throw new InvalidOperationException($"The built-in filter '{name}' has no implementation."),
    };

    /// <summary>The engine's clock (<c>TemplateOptions.TimeProvider</c>), for the filters that compare with the present moment.</summary>
    private static TimeProvider Clock => TemplateContext.Current?.Engine.Options.TimeProvider ?? TimeProvider.System;

    private static string TypeName(object? value) => value is null ? "None" : value.GetType().Name;

    /// <summary>Python's <c>str()</c>, as Django's <c>@stringfilter</c> applies to a filter's input.</summary>
    private static string Str(object? value) => TemplateValues.ToText(value);

    /// <summary>Python's <c>int()</c> of an argument; a filter whose argument isn't a number fails as in Django.</summary>
    private static int Int(object? value) =>
        TryInt(value, out var result) ? result : throw new FormatException($"invalid literal for int(): {TemplateValues.Repr(value)}");

    private static bool TryInt(object? value, out int result)
    {
        if (TemplateValues.TryToInteger(value, out var integer))
        {
            result = (int)Math.Clamp(integer, int.MinValue, int.MaxValue);
            return true;
        }

        result = 0;
        return false;
    }

    private static object? Add(object? value, object? argument, bool autoescape)
    {
        if (TemplateValues.TryToInteger(value, out var left) && TemplateValues.TryToInteger(argument, out var right))
        {
            var sum = (Int128)left + right;
            return sum >= long.MinValue && sum <= long.MaxValue ? (long)sum : (BigInteger)sum;
        }

        if (TemplateValues.TryToBigInteger(value, out var bigLeft) && TemplateValues.TryToBigInteger(argument, out var bigRight))
        {
            return bigLeft + bigRight;
        }

        switch (value, argument)
        {
            case (string or SafeString, string or SafeString):
                var text = Str(value) + Str(argument);
                return value is SafeString && argument is SafeString ? new SafeString(text) : text;
            case (IList first, IList second) when value is not IDictionary:
                var combined = new List<object?>(first.Count + second.Count);
                foreach (var item in first)
                {
                    combined.Add(item);
                }

                foreach (var item in second)
                {
                    combined.Add(item);
                }

                return combined;
            case (DateTime dateTime, TimeSpan span):
                return dateTime + span;
            case (DateTimeOffset dateTime, TimeSpan span):
                return dateTime + span;
        }

        if (TemplateValues.IsNumber(value) && TemplateValues.IsNumber(argument) && TemplateValues.TryGetDouble(value, out var x) && TemplateValues.TryGetDouble(argument, out var y))
        {
            return x + y;
        }

        return "";
    }

    private static string CapFirst(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static object? Cut(object? value, object? argument, bool autoescape)
    {
        var removed = Str(value).Replace(Str(argument), "", StringComparison.Ordinal);
        return value is SafeString && Str(argument) != ";" ? new SafeString(removed) : removed;
    }

    private static object? Date(object? value, object? argument, bool autoescape)
    {
        if (value is null || (value is string or SafeString && Str(value).Length == 0))
        {
            return "";
        }

        var format = DateFormat.Named(argument is null ? "DATE_FORMAT" : Str(argument));
        return DateFormat.Format(value, format) ?? "";
    }

    private static object? Time(object? value, object? argument, bool autoescape)
    {
        if (value is null || (value is string or SafeString && Str(value).Length == 0))
        {
            return "";
        }

        var format = DateFormat.Named(argument is null ? "TIME_FORMAT" : Str(argument));
        try
        {
            return DateFormat.Format(value, format, timeOnly: true) ?? "";
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static object? Since(object? value, object? argument, bool reversed)
    {
        if (!TemplateValues.IsTrue(value))
        {
            return "";
        }

        return TimeSince.Format(value, argument, reversed, Clock) ?? "";
    }

    private static object? DictSort(object? value, object? argument, bool descending)
    {
        if (!Sequences.IsIterable(value) || argument is null)
        {
            return "";
        }

        var items = Sequences.ToList(value, "dictsort").Cast<object?>().ToList();
        var keys = new object?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (!TrySortKey(items[i], argument, out keys[i]))
            {
                return "";
            }
        }

        var order = Enumerable.Range(0, items.Count).ToArray();
        try
        {
            var comparer = Comparer<int>.Create((a, b) =>
                TemplateValues.TryCompare(keys[a], keys[b], out var result) ? result : throw new ArgumentException("unorderable"));
            var sorted = descending ? order.OrderByDescending(static i => i, comparer) : order.OrderBy(static i => i, comparer);
            return sorted.Select(i => items[i]).ToList();
        }
        catch (InvalidOperationException)
        {
            // Python can't order the keys (say, numbers and strings): Django returns an empty string.
            return "";
        }
    }

    /// <summary>Django's <c>_property_resolver</c>: a number picks an index, text is a dotted lookup.</summary>
    private static bool TrySortKey(object? item, object? argument, out object? key)
    {
        if (TemplateValues.TryGetInteger(argument, out var index))
        {
            if (item is IDictionary or IReadOnlyDictionary<string, object?>)
            {
                // Python's itemgetter(0) on a dictionary looks up the key 0, and Django lets the KeyError through.
                return TemplateAccessors.Current.TryGetMember(item, index.ToString(CultureInfo.InvariantCulture), out key) && item is IDictionary
                    ? true
                    : throw new InvalidOperationException($"dictsort: the dictionaries have no key {index}.");
            }

            var list = Sequences.Unpackable(item);
            if (list is not null && index >= -list.Count && index < list.Count)
            {
                key = list[(int)(index < 0 ? index + list.Count : index)];
                return true;
            }

            key = null;
            return false;
        }

        var path = Str(argument);
        if (TemplateValues.TryToDouble(path, out _))
        {
            // A numeric string is a dictionary key, as Python's itemgetter("0").
            return TemplateAccessors.Current.TryGetMember(item is IDictionary or IReadOnlyDictionary<string, object?> ? item : null, path, out key);
        }

        if (path.Length == 0 || path[0] == '_' || path.Contains("._", StringComparison.Ordinal))
        {
            key = null;
            return false;
        }

        key = item;
        foreach (var part in path.Split('.'))
        {
            if (!TemplateAccessors.Current.TryGetMember(key, part, out key))
            {
                return false;
            }
        }

        return true;
    }

    private static object? DivisibleBy(object? value, object? argument, bool autoescape)
    {
        var number = TemplateValues.TryToBigInteger(value, out var n) ? n : throw new FormatException($"invalid literal for int(): {TemplateValues.Repr(value)}");
        var divisor = TemplateValues.TryToBigInteger(argument, out var d) ? d : throw new FormatException($"invalid literal for int(): {TemplateValues.Repr(argument)}");
        if (divisor.IsZero)
        {
            throw new DivideByZeroException("divisibleby: integer division or modulo by zero");
        }

        return (number % divisor).IsZero;
    }

    private static object? Item(object? value, bool first)
    {
        switch (value)
        {
            case string or SafeString:
                var text = Str(value);
                return text.Length == 0 ? "" : (first ? text[0] : text[^1]).ToString();
            case IList list:
                return list.Count == 0 ? "" : list[first ? 0 : list.Count - 1];
            case IDictionary or IReadOnlyDictionary<string, object?> or null:
                throw new InvalidOperationException($"'{(first ? "first" : "last")}' needs a list or a string, not {(value is null ? "None" : "a dictionary")}.");
            case ITuple or IEnumerable:
                var items = Sequences.ToList(value, first ? "first" : "last");
                return items.Count == 0 ? "" : items[first ? 0 : items.Count - 1];
            default:
                throw new InvalidOperationException($"'{(first ? "first" : "last")}' needs a list or a string, not {value.GetType().Name}.");
        }
    }

    private static object? GetDigit(object? value, object? argument, bool autoescape)
    {
        if (!TemplateValues.TryToInteger(argument, out var position) || !TemplateValues.TryToBigInteger(value, out var number))
        {
            // Python's int() raises ValueError for text (Django then returns the value) and TypeError for anything else.
            return (argument is null or string or SafeString || TemplateValues.IsNumber(argument)) && (value is string or SafeString || TemplateValues.IsNumber(value))
                ? value
                : throw new InvalidOperationException($"'get_digit' needs a whole number, not {TypeName(value)}.");
        }

        if (position < 1)
        {
            return value;
        }

        var digits = number.ToString(CultureInfo.InvariantCulture);
        if (position > digits.Length)
        {
            return 0;
        }

        var digit = digits[^(int)position];
        return char.IsAsciiDigit(digit) ? digit - '0' : throw new FormatException($"invalid literal for int(): '{digit}'");
    }

    [ThreadStatic]
    private static StringBuilder? t_joinBuilder;

    /// <summary>Django 5's <c>escapeseq</c>: each item escaped (safe ones kept), for a <c>join</c> under autoescape off.</summary>
    private static object? EscapeSeq(object? value) =>
        Sequences.IsIterable(value) ? Sequences.ToList(value, "escapeseq").Cast<object?>().Select(static item => (object?)Html.ConditionalEscape(item)).ToList() : value;

    private static object? Join(object? value, object? argument, bool autoescape)
    {
        if (!Sequences.IsIterable(value))
        {
            return value;
        }

        var items = Sequences.ToList(value, "join");
        // As Django 5: the joiner is escaped only under autoescape, as the items are.
        var separator = autoescape ? Html.ConditionalEscape(argument).Value : Str(argument);
        var output = t_joinBuilder ?? new StringBuilder(256);
        t_joinBuilder = null;
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    output.Append(separator);
                }

                var item = items[i];
                if (item is SafeString safe)
                {
                    output.Append(safe.Value);
                }
                else if (autoescape)
                {
                    Html.AppendEscaped(output, Str(item));
                }
                else if (item is string text)
                {
                    output.Append(text);
                }
                else
                {
                    // Python's str.join refuses anything but strings: Django returns the value as it is.
                    return value;
                }
            }

            return new SafeString(output.ToString());
        }
        finally
        {
            if (output.Capacity <= 4096)
            {
                output.Clear();
                t_joinBuilder = output;
            }
        }
    }

    private static object Length(object? value) => value switch
    {
        string text => text.Length,
        SafeString safe => safe.Length,
        ICollection collection => collection.Count,
        ITuple tuple => tuple.Length,
        IEnumerable sequence => Sequences.ToList(sequence, "length").Count,
        _ => 0,
    };

    private static object? LinebreaksBr(object? value, object? argument, bool autoescape)
    {
        var text = TextFunctions.NormalizeNewlines(Str(value));
        if (autoescape && value is not SafeString)
        {
            text = Html.Escape(text);
        }

        return new SafeString(text.Replace("\n", "<br>", StringComparison.Ordinal));
    }

    private static object? LineNumbers(object? value, object? argument, bool autoescape)
    {
        var lines = Str(value).Split('\n');
        var width = lines.Length.ToString(CultureInfo.InvariantCulture).Length;
        var escape = autoescape && value is not SafeString;
        var output = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                output.Append('\n');
            }

            output.Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')).Append(". ");
            output.Append(escape ? Html.Escape(lines[i]) : lines[i]);
        }

        return new SafeString(output.ToString());
    }

    private static List<object?> MakeList(string text)
    {
        var list = new List<object?>(text.Length);
        foreach (var ch in text)
        {
            list.Add(ch.ToString());
        }

        return list;
    }

    private static object? Pluralize(object? value, object? argument, bool autoescape)
    {
        var suffixes = argument is null ? "s" : Str(argument);
        if (!suffixes.Contains(','))
        {
            suffixes = "," + suffixes;
        }

        var bits = suffixes.Split(',');
        if (bits.Length > 2)
        {
            return "";
        }

        var (singular, plural) = (bits[0], bits[1]);
        if (value is string or SafeString || TemplateValues.IsNumber(value) || value is bool)
        {
            return TemplateValues.TryToDouble(value, out var number) ? (number == 1 ? singular : plural) : "";
        }

        return value switch
        {
            ICollection collection => collection.Count == 1 ? singular : plural,
            ITuple tuple => tuple.Length == 1 ? singular : plural,
            _ => "",
        };
    }

    private static object? RandomItem(object? value, object? argument, bool autoescape)
    {
        var items = value is IDictionary or IReadOnlyDictionary<string, object?> ? null : Sequences.IsIterable(value) ? Sequences.ToList(value, "random") : null;
        if (items is null || items.Count == 0)
        {
            throw new InvalidOperationException("'random' needs a non-empty list or string.");
        }

        return items[Random.Shared.Next(items.Count)];
    }

    private static object? SafeSequence(object? value, object? argument, bool autoescape)
    {
        if (!Sequences.IsIterable(value))
        {
            throw new InvalidOperationException($"'safeseq' needs a list, not {TypeName(value)}.");
        }

        var result = new List<object?>();
        foreach (var item in Sequences.ToList(value, "safeseq"))
        {
            result.Add(item as SafeString ?? new SafeString(Str(item)));
        }

        return result;
    }

    /// <summary>Python's slicing, <c>value[start:stop:step]</c>, for strings and lists; the value itself on bad input.</summary>
    private static object? Slice(object? value, object? argument, bool autoescape)
    {
        var parts = Str(argument).Split(':');
        if (parts.Length > 3)
        {
            return value;
        }

        var bits = new long?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                continue;
            }

            if (!TemplateValues.TryToInteger(parts[i], out var bit))
            {
                return value;
            }

            bits[i] = bit;
        }

        // One number is slice(stop), as in Python.
        var (start, stop, step) = bits.Length == 1 ? (null, bits[0], (long?)null) : (bits[0], bits[1], bits.Length > 2 ? bits[2] : null);
        if (step == 0)
        {
            return value;
        }

        switch (value)
        {
            case string or SafeString:
                var text = Str(value);
                var builder = new StringBuilder();
                foreach (var index in SliceIndexes(text.Length, start, stop, step ?? 1))
                {
                    builder.Append(text[index]);
                }

                return builder.ToString();
            case IList list when value is not IDictionary:
                var slice = new List<object?>();
                foreach (var index in SliceIndexes(list.Count, start, stop, step ?? 1))
                {
                    slice.Add(list[index]);
                }

                return slice;
            case ITuple tuple:
                var items = new List<object?>();
                foreach (var index in SliceIndexes(tuple.Length, start, stop, step ?? 1))
                {
                    items.Add(tuple[index]);
                }

                return new PythonTuple([.. items]);
            default:
                return value;
        }
    }

    private static IEnumerable<int> SliceIndexes(int length, long? start, long? stop, long step)
    {
        long Clamp(long? bound, long whenMissing, long low, long high)
        {
            if (bound is not { } b)
            {
                return whenMissing;
            }

            if (b < 0)
            {
                b += length;
            }

            return Math.Clamp(b, low, high);
        }

        if (step > 0)
        {
            var from = Clamp(start, 0, 0, length);
            var to = Clamp(stop, length, 0, length);
            for (var i = from; i < to; i += step)
            {
                yield return (int)i;
            }
        }
        else
        {
            var from = Clamp(start, length - 1, -1, length - 1);
            var to = Clamp(stop, -1, -1, length - 1);
            for (var i = from; i > to; i += step)
            {
                yield return (int)i;
            }
        }
    }

    private static string Title(string text)
    {
        var titled = TextFunctions.Title(text).ToCharArray();
        for (var i = 1; i < titled.Length; i++)
        {
            // Django lowers a capital after an apostrophe that follows a lowercase letter ("they'Re"), and after a digit ("1St").
            if (char.IsAsciiLetterUpper(titled[i]) && ((titled[i - 1] == '\'' && i >= 2 && char.IsAsciiLetterLower(titled[i - 2])) || char.IsDigit(titled[i - 1])))
            {
                titled[i] = char.ToLowerInvariant(titled[i]);
            }
        }

        return new string(titled);
    }

    private static object? UnorderedList(object? value, object? argument, bool autoescape)
    {
        if (!Sequences.IsIterable(value))
        {
            throw new InvalidOperationException($"'unordered_list' needs a list, not {TypeName(value)}.");
        }

        var output = new StringBuilder();
        WriteList(output, value, 1, autoescape);
        return new SafeString(output.ToString());
    }

    private static void WriteList(StringBuilder output, object? items, int tabs, bool autoescape)
    {
        var indent = new string('\t', tabs);
        var list = Sequences.ToList(items, "unordered_list");
        var first = true;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            object? children = null;
            if (i + 1 < list.Count && list[i + 1] is (IList or ITuple) and not (string or IDictionary))
            {
                children = list[++i];
            }

            if (!first)
            {
                output.Append('\n');
            }

            first = false;
            output.Append(indent).Append("<li>");
            output.Append(autoescape ? Html.ConditionalEscape(item).Value : Str(item));
            if (children is not null && Sequences.ToList(children, "unordered_list").Count > 0)
            {
                output.Append('\n').Append(indent).Append("<ul>\n");
                WriteList(output, children, tabs + 1, autoescape);
                output.Append('\n').Append(indent).Append("</ul>\n").Append(indent);
            }

            output.Append("</li>");
        }
    }

    private static object? YesNo(object? value, object? argument, bool autoescape)
    {
        var bits = (argument is null ? "yes,no,maybe" : Str(argument)).Split(',');
        if (bits.Length < 2)
        {
            return value;
        }

        var (yes, no, maybe) = bits.Length == 3 ? (bits[0], bits[1], bits[2]) : (bits[0], bits[1], bits[1]);
        if (value is null)
        {
            return maybe;
        }

        return TemplateValues.IsTrue(value) ? yes : no;
    }
}
