using Micro.Analyzers.CodeFixes.Routing;
using Micro.Analyzers.CodeFixes.Shared;
using Micro.Analyzers.Tests.Infrastructure;

namespace Micro.Analyzers.Tests;

/// <summary>Fix All, and the fixes that must not be offered because their result would not compile.</summary>
public sealed class CodeFixScopeTests
{
    /// <summary>Fix All moves the handlers it can; one that calls a helper of the top-level statements stays, still reported.</summary>
    [Fact]
    public async Task FixAllLeavesHandlersThatUseTheTopLevelStatements()
    {
        var after = await CodeFixRun.FixAllAsync<MoveLocalFunctionCodeFix>("""
            return MicroApp.Run(args);

            [Route("")] static string Home() => "home";

            [Route("about/")] static string About() => Greeting("about");

            static string Greeting(string page) => $"This is {page}";
            """, "MICRO0005", MoveLocalFunctionCodeFix.ViewsKey);

        Assert.Equal("""
            return MicroApp.Run(args);

            [Route("about/")] static string About() => Greeting("about");

            static string Greeting(string page) => $"This is {page}";

            public static class Views
            {
                [Route("")] public static string Home() => "home";
            }
            """, after);
        var analysis = MicroAnalysis.Run(after);
        Assert.Equal(["MICRO0005: Route(\"about/\")"], analysis.Diagnostics.Select(d => $"{d.Id}: {analysis.TextUnder(d)}"));
    }

    [Fact]
    public async Task FixAllMovesHandlersThatCallEachOther()
    {
        const string Before = """
            Console.WriteLine(Home());
            return MicroApp.Run(args);

            [Route("")] static string Home() => About() + "!";

            [Route("about/")]
            static string About() => "about";

            """;

        var after = await CodeFixRun.FixAllAsync<MoveLocalFunctionCodeFix>(Before, "MICRO0005", MoveLocalFunctionCodeFix.ViewsKey);

        Assert.Equal("""
            Console.WriteLine(Views.Home());
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("")] public static string Home() => About() + "!";

                [Route("about/")]
                public static string About() => "about";
            }

            """, after);
        MicroAnalysis.Run(after).AssertClean();
    }

    [Fact]
    public async Task FixAllAddsEveryMissingRouteValue()
    {
        var after = await CodeFixRun.FixAllAsync<AddRouteValueParameterCodeFix>("""
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<int:year>/")] public static string Year() => "";
                [Route("blog/<int:year>/<slug:slug>/")] public static string Post(int year) => "";
            }
            """, "MICRO0003", AddRouteValueParameterCodeFix.EquivalenceKey);

        Assert.Equal("""
            return MicroApp.Run(args);

            public static class Blog
            {
                [Route("blog/<int:year>/")] public static string Year(int year) => "";
                [Route("blog/<int:year>/<slug:slug>/")] public static string Post(int year, string slug) => "";
            }
            """, after);
        MicroAnalysis.Run(after).AssertClean();
    }

    [Fact]
    public async Task FixAllMakesEveryHandlerStatic()
    {
        var after = await CodeFixRun.FixAllAsync<MakeHandlerCallableCodeFix>("""
            return MicroApp.Run(args);

            public class Views
            {
                [Route("")] public string Home() => "home";
                [Route("about/")] public string About() => "about";
            }
            """, "MICRO0005", MakeHandlerCallableCodeFix.MakeStaticKey);

        Assert.Equal("""
            return MicroApp.Run(args);

            public class Views
            {
                [Route("")] public static string Home() => "home";
                [Route("about/")] public static string About() => "about";
            }
            """, after);
        MicroAnalysis.Run(after).AssertClean();
    }

    /// <summary>A local function that reads the top-level statements' variables can't move as it is: no fix is better than a broken one.</summary>
    [Theory]
    [InlineData("""var greeting = "Hello"; [Route("")] string Home() => greeting;""")]
    [InlineData("""[Route("")] string Home() => args[0];""")]
    [InlineData("""string Greeting() => "Hello"; [Route("")] string Home() => Greeting();""")]
    public async Task LocalFunctionUsingTopLevelStatementsIsNotMoved(string statements)
    {
        var titles = await CodeFixRun.TitlesAsync($"""
            {statements}
            return MicroApp.Run(args);
            """, "MICRO0005");

        Assert.Empty(titles);
    }

    /// <summary>Generic handlers need more than a keyword: no fix.</summary>
    [Fact]
    public async Task GenericHandlerHasNoFix()
    {
        var titles = await CodeFixRun.TitlesAsync("""
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("")] public static string Home<T>() => "home";
            }
            """, "MICRO0005");

        Assert.Empty(titles);
    }

    [Fact]
    public async Task MoveQualifiesMethodGroupsAndKeepsTheFileEnding()
    {
        var after = await CodeFixRun.ApplyAsync("""
            Func<string> home = Home;
            Console.WriteLine(home() + nameof(Home));
            return MicroApp.Run(args);

            [Route("")]
            static string Home() => "home";

            """, "MICRO0005", "Move Home into a new static class Views");

        Assert.Equal("""
            Func<string> home = Views.Home;
            Console.WriteLine(home() + nameof(Views.Home));
            return MicroApp.Run(args);

            public static class Views
            {
                [Route("")]
                public static string Home() => "home";
            }

            """, after);
        MicroAnalysis.Run(after).AssertClean();
    }

    [Fact]
    public async Task MoveChoosesAFreeClassName()
    {
        var after = await CodeFixRun.ApplyAsync("""
            return MicroApp.Run(args);

            [Route("")] static string Home() => "home";

            public class Views
            {
            }
            """, "MICRO0005", "Move Home into a new static class Views2");

        Assert.Equal("""
            return MicroApp.Run(args);

            public class Views
            {
            }

            public static class Views2
            {
                [Route("")] public static string Home() => "home";
            }
            """, after);
        MicroAnalysis.Run(after).AssertClean();
    }
}
