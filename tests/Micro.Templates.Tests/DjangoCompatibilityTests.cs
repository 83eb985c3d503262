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
    private static readonly Lazy<Dictionary<string, JsonElement>> s_cases = new(DjangoCases.LoadCases);

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
        var engine = DjangoCases.CreateEngine(
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
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(DjangoCases.CasesFolder(), "matrix.json")));
        var values = document.RootElement.GetProperty("values");
        var engine = DjangoCases.CreateEngine();
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
}
