using Micro.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Template;

namespace Micro.Runtime.Tests;

/// <summary>
/// A route whose values are Django's int, str, slug or uuid, each followed by a slash or the end, is matched segment by segment
/// without a regex: it must decide every path, and take every value, exactly as the route's expression does.
/// </summary>
public sealed class RouteMatcherTests
{
    private static readonly RoutePart[][] Routes =
    [
        [RoutePart.Literal("item/"), RoutePart.Parameter("id", RouteConverters.Int), RoutePart.Literal("/"), RoutePart.Parameter("tag", RouteConverters.Slug), RoutePart.Literal("/")],
        [RoutePart.Literal("notes/"), RoutePart.Parameter("id", RouteConverters.Uuid)],
        [RoutePart.Parameter("name", RouteConverters.Str), RoutePart.Literal("/edit")],
        [RoutePart.Literal("a.b/"), RoutePart.Parameter("n", RouteConverters.Int), RoutePart.Literal("/x/"), RoutePart.Parameter("s", RouteConverters.Str), RoutePart.Literal("/")],
        // A value that shares its segment with text, and two names ASP.NET Core's patterns can't tell apart: the candidate
        // pattern can't name those segments, so the route takes its values itself.
        [RoutePart.Literal("v"), RoutePart.Parameter("version", RouteConverters.Int), RoutePart.Literal("/"), RoutePart.Parameter("tag", RouteConverters.Slug), RoutePart.Literal("/")],
        [RoutePart.Parameter("a", RouteConverters.Slug), RoutePart.Literal("/"), RoutePart.Parameter("A", RouteConverters.Slug), RoutePart.Literal("/")],
        [RoutePart.Parameter("__micro1", RouteConverters.Slug), RoutePart.Literal("/x"), RoutePart.Parameter("b", RouteConverters.Slug), RoutePart.Literal("/")],
    ];

    private static readonly string[] Paths =
    [
        "/item/1/a/", "/item/42/spam-eggs_1/", "/item/42/spam", "/item/42/spam/x", "/item//a/", "/item/4a/b/", "/item/42/sp%20am/",
        "/item/١٢/a/", "/item/1/é/", "/Item/1/a/", "/item/1/a//", "/notes/0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3c",
        "/notes/0B0E7A52-5d1f-4a4e-9c3e-9d1c1f1b2a3c", "/notes/0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3", "/notes/0b0e7a525d1f-4a4e-9c3e-9d1c1f1b2a3c-",
        "/notes/0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3c/", "/x y/edit", "//edit", "/a/b/edit", "/name/edit/", "/a.b/7/x/anything at all/",
        "/a.b/7/x//", "/aXb/7/x/s/", "/a.b/07/x/s/", "/", "/v2/spam/", "/V2/spam/", "/v/spam/", "/v2/spam", "/x2/spam/", "/b/B/", "/b/xB/",
    ];

    [Theory]
    [InlineData(0, "item/{id}/{tag}", true)]
    [InlineData(1, "notes/{id}", true)]
    [InlineData(4, "{__micro0}/{tag}", false)]
    [InlineData(5, "{__micro0}/{__micro1}", false)]
    [InlineData(6, "{__micro0}/{__micro1}", false)]
    public void A_segment_that_is_one_value_is_named_after_it_in_the_candidate_pattern(int index, string pattern, bool keepsCandidateValues)
    {
        var route = new RouteDefinition(
            "test", isRegex: false, Routes[index], regex: null, name: null, ["GET"], order: 0, "Test.Route", "tests", static _ => static _ => Task.CompletedTask);
        var matcher = new RouteMatcher(route, "");
        var path = index switch { 0 => "/item/1/a/", 1 => "/notes/0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3c", 4 => "/v2/spam/", 5 => "/b/B/", _ => "/b/xB/" };

        Assert.Equal(pattern, matcher.CandidatePattern);
        Assert.True(matcher.TryMatch(path, keepCandidateValues: true, out var values));
        Assert.Equal(keepsCandidateValues, values is null);
    }

    [Fact]
    public void Segment_matching_agrees_with_the_routes_expression()
    {
        foreach (var parts in Routes)
        {
            var route = new RouteDefinition(
                "test", isRegex: false, parts, regex: null, name: null, ["GET"], order: 0, "Test.Route", "tests", static _ => static _ => Task.CompletedTask);
            var matcher = new RouteMatcher(route, "");
            Assert.True(matcher.MatchesBySegment);
            var candidate = new TemplateMatcher(TemplateParser.Parse(matcher.CandidatePattern), []);
            var expression = RouteMatcher.PathRegex(parts);
            foreach (var path in Paths)
            {
                var match = expression.Match(path, 1, path.Length - 1);
                var matched = matcher.TryMatch(path, out var values);
                Assert.True(match.Success == matched, $"{string.Join("", parts.Select(static p => p.Text ?? $"<{p.Name}>"))} and {path}: the expression says {match.Success}");
                if (matched)
                {
                    var expected = new RouteValueDictionary();
                    foreach (var part in parts.Where(static p => !p.IsLiteral))
                    {
                        expected[part.Name!] = match.Groups[part.Name!].Value;
                    }

                    Assert.Equal(expected.OrderBy(static v => v.Key), values!.OrderBy(static v => v.Key));

                    // As endpoint routing calls it: the values are the candidate's when the match leaves them.
                    var found = new RouteValueDictionary();
                    Assert.True(candidate.TryMatch(path, found), $"{matcher.CandidatePattern} and {path}");
                    Assert.True(matcher.TryMatch(path, keepCandidateValues: true, out var kept));
                    Assert.Equal(expected.OrderBy(static v => v.Key), (kept ?? found).OrderBy(static v => v.Key));
                }
            }
        }
    }
}

/// <summary>
/// Endpoint routing asks <see cref="MicroMatcherPolicy"/> to decide every request to a route with values, so the decision allocates
/// nothing when the candidate's values are the route's (each a segment of its own, as Django's int, slug, str and uuid are).
/// </summary>
public sealed class MatcherPolicyAllocationTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Deciding_a_request_to_a_route_whose_values_are_the_candidates_allocates_nothing(string method)
    {
        var route = new RouteDefinition(
            "item/<int:id>/<slug:tag>/<str:name>/<uuid:key>", isRegex: false,
            [
                RoutePart.Literal("item/"), RoutePart.Parameter("id", RouteConverters.Int), RoutePart.Literal("/"), RoutePart.Parameter("tag", RouteConverters.Slug),
                RoutePart.Literal("/"), RoutePart.Parameter("name", RouteConverters.Str), RoutePart.Literal("/"), RoutePart.Parameter("key", RouteConverters.Uuid),
            ],
            regex: null, name: null, ["GET", "HEAD"], order: 0, "Test.Item", "tests", static _ => static _ => Task.CompletedTask);
        var matcher = new RouteMatcher(route, "");
        var endpoint = new RouteEndpoint(
            static _ => Task.CompletedTask, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(matcher.CandidatePattern), 0,
            new EndpointMetadataCollection(new MicroRouteMetadata(route, matcher, 0)), "item");
        var values = new RouteValueDictionary { ["id"] = "42", ["tag"] = "spam", ["name"] = "x y", ["key"] = "0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3c" };
        var candidates = new CandidateSet([endpoint], [values], [0]);
        var policy = new MicroMatcherPolicy(Microsoft.Extensions.Options.Options.Create(new MicroOptions()));
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = "/item/42/spam/x y/0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3c";

        // The first call fills the endpoint's metadata cache.
        await policy.ApplyAsync(context, candidates);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            var decided = policy.ApplyAsync(context, candidates);
            Assert.True(decided.IsCompletedSuccessfully);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(candidates.IsValidCandidate(0));
        Assert.Same(endpoint, candidates[0].Endpoint);
        Assert.Same(values, candidates[0].Values);
        Assert.Equal(0, allocated);
    }
}

/// <summary>Reversing checks a value of Django's int, str, slug or uuid without its expression: the check must agree with it.</summary>
public sealed class BuiltInConverterCheckTests
{
    private static readonly string[] Texts =
    [
        "", "0", "42", "007", "-1", "+1", " 1", "1 ", "1\n", "١٢", "4a", "a", "spam-eggs_1", "sp am", "é", "a/b", "/", "a\nb", "x y",
        "0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3c", "0B0E7A52-5d1f-4a4e-9c3e-9d1c1f1b2a3c", "0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3", "0b0e7a525d1f-4a4e-9c3e-9d1c1f1b2a3c-",
        "0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3c\n", "0b0e7a52-5d1f-4a4e-9c3e-9d1c1f1b2a3g",
    ];

    [Fact]
    public void The_check_of_each_built_in_converter_agrees_with_its_expression()
    {
        foreach (var converter in new[] { RouteConverters.Int, RouteConverters.Str, RouteConverters.Slug, RouteConverters.Uuid })
        {
            var expression = new System.Text.RegularExpressions.Regex("^(?:" + converter.Regex + ")\\z");
            foreach (var text in Texts)
            {
                Assert.True(expression.IsMatch(text) == RouteMatcher.MatchesBuiltIn(converter, text), $"{converter.Regex} and {text}");
            }
        }

        Assert.Null(RouteMatcher.MatchesBuiltIn(RouteConverters.Path, "a/b"));
        Assert.Null(RouteMatcher.MatchesBuiltIn(null, "a"));
    }
}
