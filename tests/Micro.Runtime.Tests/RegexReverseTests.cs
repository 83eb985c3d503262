using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>
/// Reversing regex routes as Django does (<c>normalize</c>, then each candidate checked against the whole expression), with
/// the routes of Django's own tests (TestApp/RegexReverseViews.cs). The expected URLs and failures are Django 3.2's answers,
/// printed by DjangoReverse/regex_reverse.py.
/// </summary>
public sealed class RegexReverseTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    public static TheoryData<string, object?[], string> Positional => new()
    {
        { "named_optional", [1], "/optional/1/" },
        { "named_optional", [1, 2], "/optional/1/2/" },
        { "no_kwargs", [42, 37], "/no_kwargs/42/37/" },
        { "price", [10], "/price/$10/" },
        { "mixed_args", [0, 1], "/mixed_args/0/1/" },
        { "places", [3], "/places/3/" },
        { "places", ["3"], "/places/3/" },
        { "echo", ["hi"], "/echo/hi/hi/" },
        { "repeats_1", [], "/repeats/a/" },
        { "repeats_2", [], "/repeats/aa/" },
        { "repeats_3", [], "/repeats/aa/" },
        { "test_1", [], "/test/1" },
        { "places_question", [], "/place/" },
        { "places_plus", [], "/places/" },
        { "places_star", [], "/place/" },
        { "negated_class", [], "/classes/%5E/" },
        { "unnamed_optional", [1], "/unnamed_optional/1/" },
        { "unnamed_optional", [1, 2], "/unnamed_optional/1/2/" },
        { "nested_optional", [2], "/nested/page-2/" },
        { "nested_optional", ["name"], "/nested/sort-name/" },
    };

    [Theory]
    [MemberData(nameof(Positional))]
    public void Positional_values_reverse_as_in_Django(string name, object?[] values, string expected)
    {
#pragma warning disable MICRO0082 // values given as an array: the analyzer can't count them anyway
        Assert.Equal(expected, Url.Reverse(name, values));
#pragma warning restore MICRO0082
    }

    public static TheoryData<string, Dictionary<string, object?>, string> ByName => new()
    {
        { "named_optional", new() { ["arg1"] = 1 }, "/optional/1/" },
        { "named_optional", new() { ["arg1"] = 1, ["arg2"] = 2 }, "/optional/1/2/" },
        { "named_optional_terminated", new() { ["arg1"] = 1 }, "/optional/1/" },
        { "named_optional_terminated", new() { ["arg1"] = 1, ["arg2"] = 2 }, "/optional/1/2/" },
        { "no_kwargs", new() { ["_0"] = 42, ["_1"] = 37 }, "/no_kwargs/42/37/" },
        { "product", new() { ["product"] = "chocolate", ["price"] = "2.50" }, "/product/chocolate+($2.50)/" },
        { "product", new() { ["product"] = "chocolate", ["price"] = "2" }, "/product/chocolate+($2)/" },
        { "headlines", new() { ["year"] = 2008, ["month"] = 2, ["day"] = 17 }, "/headlines/2008.2.17/" },
        { "windows", new() { ["drive_name"] = "C", ["path"] = @"Documents and Settings\spam" }, "/windows_path/C:%5CDocuments%20and%20Settings%5Cspam/" },
        { "lookahead_negative", new() { ["city"] = "a-city" }, "/lookahead-/a-city/" },
        { "lookahead_positive", new() { ["city"] = "a-city" }, "/lookahead+/a-city/" },
        { "lookbehind_negative", new() { ["city"] = "a-city" }, "/lookbehind-/a-city/" },
        { "lookbehind_positive", new() { ["city"] = "a-city" }, "/lookbehind+/a-city/" },
        { "echo", new() { ["word"] = "hi" }, "/echo/hi/hi/" },
        { "nested_optional", new(), "/nested/" },
        { "nested_optional", new() { ["page"] = 2 }, "/nested/page-2/" },
        { "nested_optional", new() { ["sort"] = "name" }, "/nested/sort-name/" },
        { "nested_optional", new() { ["page"] = 2, ["sort"] = "name" }, "/nested/page-2/sort-name/" },
    };

    [Theory]
    [MemberData(nameof(ByName))]
    public void Values_by_name_reverse_as_in_Django(string name, Dictionary<string, object?> values, string expected) =>
        Assert.Equal(expected, Url.Reverse(name, values));

    public static TheoryData<string, object?[]> PositionalFailures => new()
    {
        { "named_optional", [1, 2, 3] },
        { "no_kwargs", [42] },
        { "no_kwargs", ["x", 37] },
        { "product", ["chocolate", "2.50", ".50"] },
        { "places", ["a"] },
        { "escapes", [] },
    };

    [Theory]
    [MemberData(nameof(PositionalFailures))]
    public void Positional_values_Django_refuses_are_refused(string name, object?[] values)
    {
#pragma warning disable MICRO0082
        var exception = Assert.Throws<NoReverseMatchException>(() => Url.Reverse(name, values));
#pragma warning restore MICRO0082

        Assert.Contains($"'{name}'", exception.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Dictionary<string, object?>> ByNameFailures => new()
    {
        { "named_optional", new() { ["arg2"] = 2 } },
        { "product", new() { ["product"] = "chocolate", ["price"] = "x" } },
        { "lookahead_negative", new() { ["city"] = "not-a-city" } },
        { "lookahead_positive", new() { ["city"] = "other-city" } },
        { "lookbehind_negative", new() { ["city"] = "not-a-city" } },
        { "lookbehind_positive", new() { ["city"] = "other-city" } },
        { "mixed_args", new() { ["arg2"] = 1 } },
    };

    [Theory]
    [MemberData(nameof(ByNameFailures))]
    public void Values_by_name_Django_refuses_are_refused(string name, Dictionary<string, object?> values)
    {
        var exception = Assert.Throws<NoReverseMatchException>(() => Url.Reverse(name, values));

        Assert.Contains($"'{name}'", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Every case of regex_reverse.py, answered by Django itself now and by Micro: the same URL, or both refuse.</summary>
    [Fact]
    public async Task Django_and_Micro_give_the_same_answers()
    {
        var output = await Micro.Tests.DjangoPython.RunAsync(Path.Combine(SourceFolder(), "DjangoReverse", "regex_reverse.py"), "--json");

        var cases = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(cases.Length > 40, output);
        var differences = new List<string>();
        foreach (var line in cases)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var name = root.GetProperty("name").GetString()!;
            var args = root.GetProperty("args").EnumerateArray().Select(Value).ToArray();
            var kwargs = root.GetProperty("kwargs").EnumerateObject().ToDictionary(static p => p.Name, static p => Value(p.Value));
            var django = root.GetProperty("url").GetString();
            string? micro;
            try
            {
                micro = args.Length > 0 ? Url.Reverse(name, args) : Url.Reverse(name, kwargs);
            }
            catch (NoReverseMatchException)
            {
                micro = null;
            }

            if (micro != django)
            {
                differences.Add($"{line}: Micro {micro ?? "NoReverseMatch"}");
            }
        }

        Assert.Empty(differences);
    }

    private static object? Value(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetInt64() : value.GetString();

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [Fact]
    public void The_failures_say_why()
    {
#pragma warning disable MICRO0082 // the run-time errors this test checks are also reported at compile time
        Assert.Equal(
            "Reverse for 'named_optional' takes 1 value (arg1) or 2 values (arg1, arg2) but was given 3. Pattern: '^optional/(?P<arg1>\\d+)/(?:(?P<arg2>\\d+)/)?$'.",
            Assert.Throws<NoReverseMatchException>(() => Url.Reverse("named_optional", 1, 2, 3)).Message);
        Assert.Equal(
            "Reverse for 'no_kwargs' failed: 'x' is not a valid value for '_0' (it must match [0-9]+). Pattern: '^no_kwargs/([0-9]+)/([0-9]+)/$'.",
            Assert.Throws<NoReverseMatchException>(() => Url.Reverse("no_kwargs", "x", 37)).Message);
        Assert.Equal(
            "Route 'either' (^either/(?:one|two)/$) is a regular expression that can't be reversed (an alternation '|', or a construct such as '(?i)'), as in Django.",
            Assert.Throws<NoReverseMatchException>(() => Url.Reverse("either")).Message);
#pragma warning restore MICRO0082
        Assert.Equal(
            "Reverse for 'lookahead_negative' failed: '/lookahead-/not-a-city/' doesn't match the pattern with these values. Pattern: '^lookahead-/(?!not-a-city)(?P<city>[^/]+)/$'.",
            Assert.Throws<NoReverseMatchException>(() => Url.Reverse("lookahead_negative", new Dictionary<string, object?> { ["city"] = "not-a-city" })).Message);
        Assert.Equal(
            "Reverse for 'mixed_args' needs a value for '_0'. Pattern: '^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$'.",
            Assert.Throws<NoReverseMatchException>(() => Url.Reverse("mixed_args", new Dictionary<string, object?> { ["arg2"] = 1 })).Message);
    }

    [Fact]
    public void Typed_methods_take_each_way_a_route_reverses()
    {
        Assert.Equal("/no_kwargs/42/37/", Urls.NoKwargs(42, 37));
        Assert.Equal("/optional/1/", Urls.NamedOptional(1));
        Assert.Equal("/optional/1/2/", Urls.NamedOptional(1, 2));
        Assert.Equal("/unnamed_optional/1/", Urls.UnnamedOptional(1));
        Assert.Equal("/unnamed_optional/1/2/", Urls.UnnamedOptional(1, 2));
        Assert.Equal("/nested/", Urls.NestedOptional());
        Assert.Equal("/nested/page-2/", Urls.NestedOptional(2));
        Assert.Equal("/nested/sort-name/", Urls.NestedOptional("name"));
        Assert.Equal("/nested/page-2/sort-name/", Urls.NestedOptional(2, "name"));
        Assert.Equal("/price/$10/", Urls.Price(10));
        Assert.Equal("/product/chocolate+($2.50)/", Urls.Product("chocolate", 2.50m));
        Assert.Equal("/mixed_args/0/1/", Urls.MixedArgs("0", 1));
        Assert.Equal("/echo/hi/hi/", Urls.Echo("hi"));
        Assert.Equal("/repeats/aa/", Urls.Repeats2());
        Assert.Equal("/lookahead-/a-city/", Urls.LookaheadNegative("a-city"));
        Assert.Throws<NoReverseMatchException>(() => Urls.LookaheadNegative("not-a-city"));
    }

    [Fact]
    public async Task A_request_reverses_with_typed_methods_values_and_templates()
    {
        var response = await _client.GetAsync("/regex-reverse/links/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "/no_kwargs/42/37/\n/optional/1/\n/optional/1/2/\n/nested/sort-name/\n/no_kwargs/42/37/ /optional/1/2/ /price/$10/ /lookahead-/a-city/",
            await response.BodyAsync());
    }

    [Theory]
    [InlineData("/no_kwargs/42/37/?page=3", "no_kwargs 42 37 3 /no_kwargs/42/37/")]
    [InlineData("/price/$10/", "price 10")]
    [InlineData("/places/3/", "places 3")]
    [InlineData("/unnamed_optional/1/", "unnamed_optional 1 -1")]
    [InlineData("/unnamed_optional/1/2/", "unnamed_optional 1 2")]
    [InlineData("/optional/1/", "optional 1 -")]
    [InlineData("/optional/1/2/", "optional 1 2")]
    [InlineData("/nested/", "nested - -")]
    [InlineData("/nested/sort-name/", "nested - name")]
    [InlineData("/nested/page-2/sort-name/", "nested 2 name")]
    [InlineData("/product/chocolate+($2.50)/", "product chocolate 2.50")]
    [InlineData("/mixed_args/0/1/", "mixed_args 1")]
    [InlineData("/echo/hi/hi/", "echo hi")]
    [InlineData("/repeats/aaa/", "repeats_2 /repeats/aaa/")]
    [InlineData("/lookahead-/a-city/", "lookahead- a-city")]
    public async Task A_request_binds_the_groups_to_the_handler(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [MemberData(nameof(Positional))]
    public async Task A_reversed_url_is_served_by_its_route(string name, object?[] values, string url)
    {
        _ = values;
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("custom 404", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(name);
    }
}
