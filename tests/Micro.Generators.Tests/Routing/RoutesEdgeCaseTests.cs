using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Routing;

/// <summary>Names and texts that generated code must quote, escape or keep apart: the output still compiles and runs.</summary>
public sealed class RoutesEdgeCaseTests
{
    [Fact]
    public void KeywordsAsRouteValueNames()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("classes/<slug:class>/<int:default>/", Name = "class_detail")]
                public static string Class(string @class, int @default, string @event = "") => $"{@class} {@default}";
            }
            """).AssertCompilesCleanly();

        using var app = LoadedApp.Load(run.Output);
        Assert.Equal("/classes/maths/3/", app.Call("Micro.Urls", "ClassDetail", "maths", 3));
    }

    [Fact]
    public void RouteNamesThatCollideWithMembersOfUrls()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("tables/", Name = "table")]
                public static string Table() => "tables";

                [Route("text/", Name = "to_string")]
                public static string Text() => "text";

                [Route("equality/", Name = "equals")]
                public static string Equality() => "equals";
            }
            """).AssertCompilesCleanly();

        using var app = LoadedApp.Load(run.Output);
        Assert.Equal("/tables/", app.Call("Micro.Urls", "Table"));
        Assert.Equal("/text/", app.Call("Micro.Urls", "ToString"));
    }

    [Fact]
    public void PatternsWithCharactersThatNeedEscaping()
    {
        var run = TestCompilation.Run(""""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("quote\"d/back\\slash/<str:a>/", Name = "quoted")]
                public static string Quoted(string a) => a;

                [Route("line\nbreak/<str:b>/", Name = "line_break")]
                public static string LineBreak(string b) => b;

                [Route("xml<&>/", Name = "xml")]
                public static string Xml() => "";

                [Route("para\u2028graph/", Name = "separator")]
                public static string Separator() => "";

                [Route("^x*/\r\n(?P<c>[a-z]+)\u0085$", Regex = true, Name = "regex")]
                public static string Regex(string c) => c;
            }
            """");

        Assert.Equal(["MICRO0001"], run.Diagnostics.Select(static d => d.Id)); // xml<&>/: '<' opens a value
        run.AssertCompilesCleanlyExcept("MICRO0001");
        using var app = LoadedApp.Load(run.Output);
        Assert.Equal("/quote%22d/back%5Cslash/x/", app.Call("Micro.Urls", "Quoted", "x"));
        Assert.Equal("/line%0Abreak/y/", app.Call("Micro.Urls", "LineBreak", "y"));
        Assert.Equal("/para%E2%80%A8graph/", app.Call("Micro.Urls", "Separator"));
    }

    [Fact]
    public void ParameterNamesThatMatchGeneratedLocals()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public sealed record Point(int X, int Y);

            public static class Site
            {
                [Route("echo/", Methods = "POST")]
                public static Point Echo([FromBody] Point result) => result;

                [Route("form/<int:i>/", Methods = "POST")]
                public static string Form([FromForm] string form, [FromForm] string[] values, int i, HttpContext context, string services = "") => form;
            }

            [Route("view/", Name = "view")]
            public static class View
            {
                public static Point Get(string json_result, Point? result) => new(1, 2);

                public static Point Post([FromBody] Point result) => result;
            }
            """);

        run.AssertCompilesCleanly();
    }

    [Fact]
    public void HandlersInNamespacesAndNestedTypes()
    {
        var run = TestCompilation.Run(
            ("Program.cs", "return MicroApp.Run(args);"),
            ("Views.cs", """
                namespace Shop.Web;

                public static class Views
                {
                    public static class Products
                    {
                        [Route("products/<int:id>/", Name = "product")]
                        public static string Detail(int id, Catalog.Sort sort = Catalog.Sort.Name) => $"{id} {sort}";
                    }
                }

                public static class Catalog
                {
                    public enum Sort { Name, Price }
                }

                [Route("cart/", Name = "cart")]
                internal static class CartView
                {
                    internal static string Get() => "cart";
                }
                """)).AssertCompilesCleanly();

        using var app = LoadedApp.Load(run.Output);
        Assert.Equal(["Products.Detail", "CartView"], app.Manifest.Routes.Routes.Select(static r => r.Handler));
        Assert.Equal("/products/4/", app.Call("Micro.Urls", "Product", 4));
    }

    /// <summary>[Route] is allowed on any class, records included; none is skipped without a word.</summary>
    [Fact]
    public void RecordClassesAreViewsToo()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            [Route("status/", Name = "status")]
            public sealed record StatusView
            {
                public static string Get() => "ok";
            }
            """).AssertCompilesCleanly();

        using var app = LoadedApp.Load(run.Output);
        Assert.Equal("StatusView", Assert.Single(app.Manifest.Routes.Routes).Handler);
    }

    /// <summary>A route value may be bound under another parameter name with [FromRoute(Name = ...)].</summary>
    [Fact]
    public async Task RouteValueBoundUnderAnotherName()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            public static class Site
            {
                [Route("posts/<int:id>/", Name = "post")]
                public static string Post([FromRoute(Name = "id")] int postId) => $"post {postId}";
            }
            """).AssertCompilesCleanly();

        using var app = LoadedApp.Load(run.Output);
        Assert.Equal("/posts/3/", app.Call("Micro.Urls", "Post", 3));
        var response = await TestRequest.SendAsync(app.Manifest.Routes.Routes[0].CreateRequestDelegate, TestRequest.Services(),
            routeValues: new Dictionary<string, string> { ["id"] = "3" });
        Assert.Equal("post 3", response.Body);
    }

    /// <summary>Defaults of every constant kind are written back as valid C# of the same value.</summary>
    [Fact]
    public async Task DefaultValuesOfEveryKind()
    {
        var run = TestCompilation.Run("""
            using System.Globalization;

            return MicroApp.Run(args);

            public enum Color { Red, Green = 5 }

            public static class Site
            {
                [Route("defaults/")]
                public static string Defaults(
                    string text = "a \"quoted\"\n\ttext",
                    char letter = '\'',
                    bool flag = true,
                    byte small = 255,
                    long big = long.MinValue,
                    ulong huge = ulong.MaxValue,
                    float single = 0.1f,
                    double number = -1.5e-10,
                    double nan = double.NaN,
                    double infinity = double.PositiveInfinity,
                    decimal money = 0.1234567890123456789m,
                    Color color = Color.Green,
                    int? maybe = 7,
                    int? nothing = null,
                    DateTime when = default,
                    string? none = null) =>
                    string.Join("|", text, letter, flag, small, big, huge, single.ToString(CultureInfo.InvariantCulture), number.ToString(CultureInfo.InvariantCulture),
                        nan.ToString(CultureInfo.InvariantCulture), infinity.ToString(CultureInfo.InvariantCulture), money.ToString(CultureInfo.InvariantCulture),
                        color, maybe, nothing, when.Ticks, none ?? "null");
            }
            """).AssertCompilesCleanly();

        using var app = LoadedApp.Load(run.Output);
        var response = await TestRequest.SendAsync(app.Manifest.Routes.Routes[0].CreateRequestDelegate, TestRequest.Services());
        Assert.Equal(
            "a \"quoted\"\n\ttext|'|True|255|-9223372036854775808|18446744073709551615|0.1|-1.5E-10|NaN|Infinity|0.1234567890123456789|Green|7||0|null",
            response.Body);
    }
}
