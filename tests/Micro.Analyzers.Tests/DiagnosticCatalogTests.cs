using System.Reflection;
using System.Text.RegularExpressions;
using Micro.Analyzers.Tests.Infrastructure;
using Micro.Generators;
using Microsoft.CodeAnalysis;

namespace Micro.Analyzers.Tests;

/// <summary>
/// The list of Micro's diagnostics holds together: every ID in DiagnosticIds.cs is reported by exactly
/// one component, has a help page and a row in docs/diagnostics/README.md that tell the truth about
/// it, and is in its component's release tracking file.
/// </summary>
public sealed partial class DiagnosticCatalogTests
{
    private static readonly string s_root = typeof(DiagnosticCatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "RepositoryRoot").Value!;

    private static readonly Assembly s_generator = typeof(MicroGenerator).Assembly;

    private static IReadOnlyList<string> DeclaredIds =>
        [.. s_generator.GetType("Micro.Generators.Diagnostics.DiagnosticIds", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Select(static f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal)];

    private static IReadOnlyList<DiagnosticDescriptor> GeneratorDescriptors =>
        [.. s_generator.GetType("Micro.Generators.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Select(static f => (DiagnosticDescriptor)f.GetValue(null)!)];

    private static IReadOnlyList<DiagnosticDescriptor> AnalyzerDescriptors =>
        [.. MicroAnalysis.Analyzers.SelectMany(static a => a.SupportedDiagnostics)];

    [Fact]
    public void EveryIdIsReportedByExactlyOneComponent()
    {
        var generator = GeneratorDescriptors.Select(static d => d.Id).ToList();
        var analyzers = AnalyzerDescriptors.Select(static d => d.Id).ToList();

        Assert.Equal(generator.Distinct(), generator);
        Assert.Equal(analyzers.Distinct(), analyzers);
        Assert.Empty(generator.Intersect(analyzers));
        Assert.Equal(DeclaredIds, generator.Concat(analyzers).Order(StringComparer.Ordinal));
        Assert.All(analyzers, static id => Assert.True(string.CompareOrdinal(id, "MICRO0080") >= 0, $"{id} is an analyzer rule below MICRO0080."));
        Assert.All(generator, static id => Assert.True(string.CompareOrdinal(id, "MICRO0080") < 0, $"{id} is a generator diagnostic in the analyzers' range."));
    }

    [Fact]
    public void EveryIdHasAHelpPageAndAReadmeRow()
    {
        var readme = File.ReadAllText(Path.Combine(s_root, "docs", "diagnostics", "README.md"));
        var fixable = MicroAnalysis.CodeFixes.SelectMany(static p => p.FixableDiagnosticIds).ToHashSet();
        foreach (var (descriptor, component) in GeneratorDescriptors.Select(static d => (d, "generator")).Concat(AnalyzerDescriptors.Select(static d => (d, "analyzers"))))
        {
            var id = descriptor.Id;
            var page = File.ReadAllText(Path.Combine(s_root, "docs", "diagnostics", id + ".md"));
            Assert.StartsWith($"# {id}: ", page);
            // An absolute URL, so that an editor opens the page from any project; it ends with the page's path in the repository.
            Assert.Equal($"https://github.com/micro-framework/micro/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);

            var row = ReadmeRow().Matches(readme).SingleOrDefault(m => m.Groups["id"].Value == id);
            Assert.True(row is not null, $"docs/diagnostics/README.md has no row for {id}.");
            Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Groups["severity"].Value);
            Assert.Equal(component, row.Groups["component"].Value);
            Assert.True(fixable.Contains(id) == (row.Groups["fix"].Value == "✓"), $"The README's fix column for {id} is wrong.");
            if (component == "analyzers")
            {
                Assert.Contains($"Severity: {descriptor.DefaultSeverity}. Reported by Micro.Analyzers.", page);
            }
        }
    }

    [Fact]
    public void EveryIdIsInItsComponentsReleaseTracking()
    {
        var generator = File.ReadAllText(Path.Combine(s_root, "Micro.Generators", "AnalyzerReleases.Unshipped.md"));
        var analyzers = File.ReadAllText(Path.Combine(s_root, "Micro.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.All(GeneratorDescriptors, d => Assert.Contains($"{d.Id} | Micro | {d.DefaultSeverity} |", generator));
        Assert.All(AnalyzerDescriptors, d => Assert.Contains($"{d.Id} | Micro | {d.DefaultSeverity} |", analyzers));
    }

    [GeneratedRegex(@"^\| \[(?<id>MICRO\d{4})\]\(MICRO\d{4}\.md\) \| (?<severity>\w+) \| (?<component>\w+) \| [^|]+ \| (?<fix>✓?) ?\|$", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();
}
