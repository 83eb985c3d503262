using Micro.Generators.Routing;
using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Routing;

/// <summary>
/// The ways a regex route reverses, as Django's <c>normalize</c> finds them. The expectations are Django 3.2's own output,
/// printed by <c>django_normalize.py</c> beside this file (rerun it with /usr/bin/python3 to regenerate them).
/// </summary>
public sealed class RegexReversalTests
{
    [Theory]
    [InlineData(@"^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?$", @"optional/%(arg1)s/ [arg1] | optional/%(arg1)s/%(arg2)s/ [arg1, arg2]")]
    [InlineData(@"^no_kwargs/([0-9]+)/([0-9]+)/$", @"no_kwargs/%(_0)s/%(_1)s/ [_0, _1]")]
    [InlineData(@"^price/\$([0-9]+)/$", @"price/$%(_0)s/ [_0]")]
    [InlineData(@"^product/(?P<product>\w+)\+\(\$(?P<price>[0-9]+(\.[0-9]+)?)\)/$", @"product/%(product)s+($%(price)s)/ [product, price]")]
    [InlineData(@"^headlines/(?P<year>\d+)\.(?P<month>\d+)\.(?P<day>\d+)/$", @"headlines/%(year)s.%(month)s.%(day)s/ [year, month, day]")]
    [InlineData(@"^windows_path/(?P<drive_name>[A-Z]):\\(?P<path>.+)/$", @"windows_path/%(drive_name)s:\%(path)s/ [drive_name, path]")]
    [InlineData(@"^repeats/a{1,2}/$", @"repeats/a/ []")]
    [InlineData(@"^repeats/a{2,4}/$", @"repeats/aa/ []")]
    [InlineData(@"^repeats/a{2}/$", @"repeats/aa/ []")]
    [InlineData(@"^test/1/?", @"test/1 []")]
    [InlineData(@"^lookahead-/(?!not-a-city)(?P<city>[^/]+)/$", @"lookahead-/%(city)s/ [city]")]
    [InlineData(@"^lookahead\+/(?=a-city)(?P<city>[^/]+)/$", @"lookahead+/%(city)s/ [city]")]
    [InlineData(@"^lookbehind-/(?P<city>[^/]+)(?<!not-a-city)/$", @"lookbehind-/%(city)s/ [city]")]
    [InlineData(@"^lookbehind\+/(?P<city>[^/]+)(?<=a-city)/$", @"lookbehind+/%(city)s/ [city]")]
    [InlineData(@"^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$", @"mixed_args/%(_0)s/%(arg2)s/ [_0, arg2]")]
    [InlineData(@"^places?/$", @"place/ []")]
    [InlineData(@"^places+/$", @"places/ []")]
    [InlineData(@"^places*/$", @"place/ []")]
    [InlineData(@"^places{2,}/$", @"placess/ []")]
    [InlineData(@"^either/(?:one|two)/$", "(not reversible)")]
    [InlineData(@"^echo/(?P<word>[a-z]+)/(?P=word)/$", @"echo/%(word)s/%(word)s/ [word]")]
    [InlineData(@"^classes/[^/]+/$", @"classes/^/ []")]
    [InlineData(@"^any/./\d\w\s\W\D\S/\A\b\B\Z$", @"any/./0x !xx/ []")]
    [InlineData(@"^unnamed_optional/([0-9]+)/(?:([0-9]+)/)?$", @"unnamed_optional/%(_0)s/ [_0] | unnamed_optional/%(_0)s/%(_1)s/ [_0, _1]")]
    [InlineData(@"^nested/(?:page-(?P<page>\d+)/)?(?:sort-(?P<sort>[a-z]+)/)?$", @"nested/ [] | nested/sort-%(sort)s/ [sort] | nested/page-%(page)s/ [page] | nested/page-%(page)s/sort-%(sort)s/ [page, sort]")]
    [InlineData(@"^articles/(?P<slug>[-a-z0-9]+)(/comments)?/$", @"articles/%(slug)s/ [slug] | articles/%(slug)s%(_0)s/ [slug, _0]")]
    [InlineData(@"^lazy/a+?b*?/$", @"lazy/a/ []")]
    [InlineData(@"^twice/(?P<a>x){2}/$", @"twice/%(a)s%(a)s/ [a, a]")]
    [InlineData(@"^after/a*\.b/$", @"after/.b/ []")]
    [InlineData(@"^class/[\]x]/$", @"class/]/ []")]
    [InlineData(@"^(?i)case/$", "(not reversible)")]
    [InlineData(@"^text/after/$tail", @"text/after/ []")]
    [InlineData(@"", @" []")]
    public void NormalizesAsDjango(string pattern, string django)
    {
        var possibilities = RegexReversal.Normalize(pattern);

        var rendered = possibilities is null
            ? "(not reversible)"
            : string.Join(" | ", possibilities.Select(static parts =>
                string.Concat(parts.Select(static p => p.IsLiteral ? p.Literal : $"%({p.Name})s"))
                + $" [{string.Join(", ", parts.Where(static p => p.IsValue).Select(static p => p.Name))}]"));
        Assert.Equal(django, rendered);
    }

    /// <summary>The cases above are what Django's normalize answers now: django_normalize.py prints exactly those lines.</summary>
    [Fact]
    public async Task TheCasesAreDjangosOwnAnswers()
    {
        var folder = Path.Combine(Snapshot.ProjectDirectory, "Routing");
        var output = await Micro.Tests.DjangoPython.RunAsync(Path.Combine(folder, "django_normalize.py"));

        var cases = File.ReadAllLines(Path.Combine(folder, "RegexReversalTests.cs"))
            .Select(static line => line.Trim())
            .Where(static line => line.StartsWith("[InlineData(", StringComparison.Ordinal));
        Assert.Equal(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), cases);
    }

    [Fact]
    public void GroupsKeepTheirExpressionInDotNetSyntax()
    {
        var parts = RegexReversal.Normalize(@"^product/(?P<price>[0-9]+(?P<cents>\.[0-9]+)?)/([a-z]+)/$")!.Single();

        Assert.Equal(
            [("price", @"[0-9]+(?<cents>\.[0-9]+)?", false), ("_0", "[a-z]+", true)],
            parts.Where(static p => p.IsValue).Select(static p => (p.Name!, p.GroupRegex!, p.IsPositional)));
    }

    [Fact]
    public void DotNetNamedGroupsAreNamedGroups()
    {
        var parts = RegexReversal.Normalize(@"^posts/(?<id>[0-9]+)/(?<=[0-9]/)$")!.Single();

        Assert.Equal("posts/%(id)s/", string.Concat(parts.Select(static p => p.IsLiteral ? p.Literal : $"%({p.Name})s")));
    }
}
