using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Micro.Routing;

namespace Micro.Templates.Tests;

/// <summary>The corpus in DjangoCases/: its cases, and the engine they render with (its routes for <c>{% url %}</c>).</summary>
internal static class DjangoCases
{
    internal static TemplateEngine CreateEngine(string stringIfInvalid = "", bool autoescape = true, ITemplateLoader? loader = null, IReadOnlyDictionary<string, CompiledTemplate>? compiled = null) => new(new TemplateOptions
    {
        Loader = loader ?? new FileSystemTemplateLoader(Path.Combine(CasesFolder(), "templates")),
        CompiledTemplates = compiled,
        StringIfInvalid = stringIfInvalid,
        Autoescape = autoescape,
        UrlResolver = new RouteTableUrlResolver(CreateRoutes()),
        TimeProvider = CorpusClock.Instance,
    });

    internal static Dictionary<string, JsonElement> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(CasesFolder(), "cases.json")));
        var cases = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var testCase in document.RootElement.EnumerateArray())
        {
            cases.Add(testCase.GetProperty("name").GetString()!, testCase.Clone());
        }

        return cases;
    }

    internal static string CasesFolder() => Path.Combine(Path.GetDirectoryName(ThisFile())!, "DjangoCases");

    /// <summary>This file's path, also where another test project compiles it from.</summary>
    private static string ThisFile([CallerFilePath] string path = "") => path;

    /// <summary>The routes generate.py gives Django, in a real Micro route table.</summary>
    private static RouteTable CreateRoutes() => new(
        [
            Route("", "home", RoutePart.Literal("")),
            Route("blog/<int:year>/", "year_archive", RoutePart.Literal("blog/"), RoutePart.Parameter("year", RouteConverters.Int), RoutePart.Literal("/")),
            Route("blog/<int:year>/<slug:slug>/", "post_detail", RoutePart.Literal("blog/"), RoutePart.Parameter("year", RouteConverters.Int), RoutePart.Literal("/"), RoutePart.Parameter("slug", RouteConverters.Slug), RoutePart.Literal("/")),
        ],
        []);

    private static RouteDefinition Route(string pattern, string name, params RoutePart[] parts) =>
        new(pattern, false, parts, null, name, ["GET"], 0, "Test." + name, "test", static _ => static _ => Task.CompletedTask);
}

/// <summary>
/// The present moment of the corpus (generate.py's NOW): naturaltime and naturalday compare with it. Local time is UTC, as
/// generate.py takes a naive NOW as local time.
/// </summary>
internal sealed class CorpusClock : TimeProvider
{
    public static readonly CorpusClock Instance = new();

    public override DateTimeOffset GetUtcNow() => new(2023, 11, 6, 9, 30, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary><c>{% url %}</c> reversing through one route table, with positional or named arguments.</summary>
internal sealed class RouteTableUrlResolver(RouteTable routes) : ITemplateUrlResolver
{
    public string Reverse(string name, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> namedArguments) =>
        namedArguments.Count > 0 ? routes.Reverse(name, namedArguments) : routes.Reverse(name, [.. arguments]);
}

/// <summary>Turns the JSON values of cases.json into the .NET values a Micro app would pass.</summary>
internal static class CaseValues
{
    public static object? Decode(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = json.EnumerateObject().ToList();
                if (properties.Count == 1 && properties[0].Name.StartsWith('$'))
                {
                    return DecodeTagged(properties[0].Name, properties[0].Value);
                }

                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in properties)
                {
                    dictionary[property.Name] = Decode(property.Value);
                }

                return dictionary;
            case JsonValueKind.Array:
                return json.EnumerateArray().Select(Decode).ToList();
            case JsonValueKind.String:
                return json.GetString();
            case JsonValueKind.Number:
                var raw = json.GetRawText();
                if (raw.Contains('.') || raw.Contains('e') || raw.Contains('E'))
                {
                    return json.GetDouble();
                }

                return json.TryGetInt32(out var integer) ? integer : json.GetInt64();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static object? DecodeTagged(string tag, JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        var invariant = CultureInfo.InvariantCulture;
        return tag switch
        {
            "$safe" => new SafeString(text),
            "$datetime" when text.Length > 19 && (text[^6] is '+' or '-') => DateTimeOffset.Parse(text, invariant),
            "$datetime" => DateTime.Parse(text, invariant),
            "$date" => DateOnly.Parse(text, invariant),
            "$time" => TimeOnly.Parse(text, invariant),
            "$timedelta" => TimeSpan.FromSeconds(double.Parse(text, invariant)),
            "$decimal" => decimal.Parse(text, invariant),
            "$tuple" => new TestTuple([.. value.EnumerateArray().Select(Decode)]),
            _ => throw new InvalidOperationException($"Unknown tagged value {tag}."),
        };
    }
}

/// <summary>A Python tuple: indexable, unpackable, printed with parentheses.</summary>
internal sealed class TestTuple(object?[] items) : ITuple
{
    public object? this[int index] => items[index];

    public int Length => items.Length;
}
