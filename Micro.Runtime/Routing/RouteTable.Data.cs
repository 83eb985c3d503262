using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Micro.Routing;

public sealed partial class RouteTable
{
    // The separators of the generated route data: control characters no pattern, name or handler contains.
    private const char RouteSeparator = '\u001e';
    private const char FieldSeparator = '\u001f';
    private const char PartSeparator = '\u001d';
    private const string Null = "\0";
    private const char Escape = '\u001b';

    // The data's own characters, which the generator writes as the escape and a digit (their place here; its DataSpecials).
    private static readonly string Escaped = new([Escape, PartSeparator, RouteSeparator, FieldSeparator, Null[0]]);

    /// <summary>
    /// The table of an app, from the data the generator writes: one record a route (<paramref name="routes"/>), and code only
    /// for what data can't hold (request delegates, endpoint metadata, a regex route's ways of reversing). Reading it costs
    /// far less at start-up than a constructor call per route, whose one huge initializer the JIT has to compile.
    /// </summary>
    /// <param name="routes">
    /// Each route's fields separated by U+001F, routes by U+001E: pattern, <c>path</c> or <c>regex</c>, regex, name, methods
    /// (comma-separated), order, handler, source, parts, namespace, application namespace, and <c>lazy</c> when its request
    /// delegate can be made on the first request (it prepares nothing that could fail). Parts are separated by U+001D: a
    /// literal is <c>'</c> and its text, a value <c>name:converter</c>. A null field is U+0000.
    /// </param>
    /// <param name="converters">The app's own converters, by the name patterns use.</param>
    /// <param name="createRequestDelegate">The request delegate of the route at an index.</param>
    /// <param name="metadata">The endpoint metadata of the route at an index, or null for none.</param>
    /// <param name="reversals">The ways the regex route at an index can be reversed, or null.</param>
    /// <param name="errorHandlers">The app's <c>[ErrorHandler]</c>s.</param>
    /// <param name="openApi">The OpenAPI document of the JSON routes, as <see cref="OpenApi"/>.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RouteTable FromData(
        string routes,
        (string Name, RouteConverter Converter)[] converters,
        Func<int, IServiceProvider, RequestDelegate> createRequestDelegate,
        Func<int, object[]?>? metadata,
        Func<int, RoutePart[][]?>? reversals,
        ErrorHandlerDefinition[] errorHandlers,
        string? openApi = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return FromRecords(routes.Length == 0 ? [] : routes.Split(RouteSeparator), converters, createRequestDelegate, metadata, reversals, errorHandlers, openApi);
    }

    /// <summary>
    /// As <see cref="FromData(string, ValueTuple{string, RouteConverter}[], Func{int, IServiceProvider, RequestDelegate}, Func{int, object[]}, Func{int, RoutePart[][]}, ErrorHandlerDefinition[], string)"/>,
    /// from the same data in UTF-8 (a <c>u8</c> literal, which a binary keeps as bytes rather than as a string object):
    /// half the size for the ASCII most patterns are, and nothing made of it until the table is read.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RouteTable FromData(
        ReadOnlySpan<byte> routes,
        (string Name, RouteConverter Converter)[] converters,
        Func<int, IServiceProvider, RequestDelegate> createRequestDelegate,
        Func<int, object[]?>? metadata,
        Func<int, RoutePart[][]?>? reversals,
        ErrorHandlerDefinition[] errorHandlers,
        string? openApi = null)
    {
        // The separators are ASCII, which UTF-8 never uses inside a longer sequence: each record is decoded on its own.
        var records = new string[routes.IsEmpty ? 0 : routes.Count((byte)RouteSeparator) + 1];
        for (var index = 0; index < records.Length; index++)
        {
            var end = routes.IndexOf((byte)RouteSeparator);
            records[index] = System.Text.Encoding.UTF8.GetString(end < 0 ? routes : routes[..end]);
            routes = end < 0 ? default : routes[(end + 1)..];
        }

        return FromRecords(records, converters, createRequestDelegate, metadata, reversals, errorHandlers, openApi);
    }

    private static RouteTable FromRecords(
        string[] records,
        (string Name, RouteConverter Converter)[] converters,
        Func<int, IServiceProvider, RequestDelegate> createRequestDelegate,
        Func<int, object[]?>? metadata,
        Func<int, RoutePart[][]?>? reversals,
        ErrorHandlerDefinition[] errorHandlers,
        string? openApi)
    {
        ArgumentNullException.ThrowIfNull(converters);
        ArgumentNullException.ThrowIfNull(createRequestDelegate);
        var definitions = new RouteDefinition[records.Length];
        for (var index = 0; index < records.Length; index++)
        {
            var fields = records[index].Split(FieldSeparator);
            var isRegex = fields[1] == "regex";
            var route = index;
            definitions[index] = new RouteDefinition(
                pattern: Unescape(fields[0]),
                isRegex: isRegex,
                parts: isRegex ? null : Parts(fields[8], converters),
                regex: Nullable(fields[2]),
                name: Nullable(fields[3]),
                methods: fields[4].Length == 0 ? [] : Unescape(fields[4]).Split(','),
                order: int.Parse(fields[5], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                handler: Unescape(fields[6]),
                source: Unescape(fields[7]),
                createRequestDelegate: services => createRequestDelegate(route, services),
                metadata: metadata?.Invoke(index),
                reversals: reversals?.Invoke(index))
            {
                Namespace = Nullable(fields[9]),
                AppName = Nullable(fields[10]),
                CreatedOnFirstRequest = fields[11] == "lazy",
            };
        }

        return new RouteTable(definitions, errorHandlers, openApi);
    }

    private static string? Nullable(string field) => field == Null ? null : Unescape(field);

    /// <summary>A value with the data's own characters written back (the generator writes them as U+001B and a digit).</summary>
    private static string Unescape(string field)
    {
        if (field.IndexOf(Escape) < 0)
        {
            return field;
        }

        var text = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != Escape || i + 1 == field.Length)
            {
                text.Append(field[i]);
                continue;
            }

            var special = field[++i] - '0';
            text.Append((uint)special < Escaped.Length ? Escaped[special] : '\0');
        }

        return text.ToString();
    }

    private static RoutePart[] Parts(string field, (string Name, RouteConverter Converter)[] converters)
    {
        if (field.Length == 0)
        {
            return [];
        }

        var parts = field.Split(PartSeparator);
        var result = new RoutePart[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('\''))
            {
                result[i] = RoutePart.Literal(Unescape(part[1..]));
                continue;
            }

            var colon = part.IndexOf(':');
            result[i] = RoutePart.Parameter(Unescape(part[..colon]), Converter(Unescape(part[(colon + 1)..]), converters));
        }

        return result;
    }

    /// <summary>A converter by the name a pattern uses: Django's built-ins first, as the generator resolves them.</summary>
    private static RouteConverter Converter(string name, (string Name, RouteConverter Converter)[] converters)
    {
        switch (name)
        {
            case "int": return RouteConverters.Int;
            case "str": return RouteConverters.Str;
            case "slug": return RouteConverters.Slug;
            case "uuid": return RouteConverters.Uuid;
            case "path": return RouteConverters.Path;
        }

        foreach (var (converterName, converter) in converters)
        {
            if (converterName == name)
            {
                return converter;
            }
        }

        throw new InvalidOperationException($"The route data names the converter '{name}', which the app doesn't register.");
    }
}
