using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Micro.Routing;

namespace Micro.Templates.Tests;

/// <summary>
/// Each case in DjangoCases/cases.json renders exactly as Django rendered it (DjangoCases/generate.py
/// wrote the expectations with Django 3.2; the tests don't need Django).
/// </summary>
public class DjangoCompatibilityTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> s_cases = new(LoadCases);

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in s_cases.Value.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Renders_like_Django(string name)
    {
        var testCase = s_cases.Value[name];
        var template = testCase.GetProperty("template").GetString()!;
        var context = testCase.TryGetProperty("context", out var json) ? CaseValues.Decode(json) : null;
        var engine = CreateEngine(
            testCase.TryGetProperty("string_if_invalid", out var invalid) ? invalid.GetString()! : "",
            !testCase.TryGetProperty("autoescape", out var autoescape) || autoescape.GetBoolean());

        if (testCase.TryGetProperty("error", out var error))
        {
            // Strict about when, as Django: an error it raises while parsing is Parse's, one it raises while rendering is Render's.
            var djangoError = error.GetString();
            var phase = testCase.GetProperty("phase").GetString();
            var parsed = Record.Exception(() => engine.Parse(template, "case.html"));
            Exception? exception;
            if (phase == "parse")
            {
                exception = parsed;
                Assert.True(exception is not null, $"Django raised {djangoError} while parsing; Micro parsed the template.");
            }
            else
            {
                Assert.True(parsed is null, $"Django raised {djangoError} while rendering; Micro raised {parsed?.GetType().Name} while parsing: {parsed?.Message}");
                exception = Record.Exception(() => engine.Parse(template, "case.html").Render(context));
                Assert.True(exception is not null, $"Django raised {djangoError} while rendering; Micro rendered the template.");
            }

            var expected = djangoError switch
            {
                "TemplateSyntaxError" => exception is TemplateSyntaxException,
                "TemplateDoesNotExist" => exception is TemplateNotFoundException || exception.InnerException is TemplateNotFoundException,
                _ => exception is TemplateRenderException,
            };
            Assert.True(expected, $"Django raised {djangoError} while {(phase == "parse" ? "parsing" : "rendering")}; Micro raised {exception.GetType().Name}: {exception.Message}");
            return;
        }

        Assert.Equal(testCase.GetProperty("expected").GetString(), engine.Parse(template, "case.html").Render(context));
    }

    /// <summary>Every built-in filter on many kinds of values (DjangoCases/matrix.json, from generate_matrix.py).</summary>
    [Fact]
    public void Filter_matrix_renders_like_Django()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(CasesFolder(), "matrix.json")));
        var values = document.RootElement.GetProperty("values");
        var engine = CreateEngine();
        var mismatches = new List<string>();
        var count = 0;
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
        {
            count++;
            var template = row.GetProperty("t").GetString()!;
            var valueName = row.GetProperty("v").GetString()!;
            var context = new Dictionary<string, object?> { ["v"] = CaseValues.Decode(values.GetProperty(valueName)) };
            if (row.TryGetProperty("w", out var other))
            {
                context["w"] = CaseValues.Decode(values.GetProperty(other.GetString()!));
            }

            string actual;
            try
            {
                actual = engine.Parse(template).Render(context);
            }
            catch (TemplateRenderException exception)
            {
                actual = "error: " + exception.Description;
            }

            var expected = row.TryGetProperty("x", out var x) ? x.GetString()! : null;
            if (expected is null ? !actual.StartsWith("error: ", StringComparison.Ordinal) : expected != actual)
            {
                mismatches.Add($"{template} with v={valueName}: Django {(expected is null ? "raised " + row.GetProperty("error").GetString() : JsonSerializer.Serialize(expected))}, Micro {JsonSerializer.Serialize(actual)}");
            }
        }

        Assert.True(count > 6000, $"matrix.json has only {count} rows");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {count} differ:\n" + string.Join("\n", mismatches.Take(30)));
    }

    internal static TemplateEngine CreateEngine(string stringIfInvalid = "", bool autoescape = true) => new(new TemplateOptions
    {
        Loader = new FileSystemTemplateLoader(Path.Combine(CasesFolder(), "templates")),
        StringIfInvalid = stringIfInvalid,
        Autoescape = autoescape,
        UrlResolver = new RouteTableResolver(),
    });

    private static Dictionary<string, JsonElement> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(CasesFolder(), "cases.json")));
        var cases = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var testCase in document.RootElement.EnumerateArray())
        {
            cases.Add(testCase.GetProperty("name").GetString()!, testCase.Clone());
        }

        return cases;
    }

    internal static string CasesFolder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "DjangoCases");

    /// <summary>The routes generate.py gives Django, in a real Micro route table.</summary>
    private sealed class RouteTableResolver : ITemplateUrlResolver
    {
        private static readonly RouteTable s_routes = CreateRoutes();

        public string Reverse(string name, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> namedArguments) =>
            namedArguments.Count > 0 ? s_routes.Reverse(name, namedArguments) : s_routes.Reverse(name, arguments.ToArray());

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
