using System.Collections.Immutable;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Diagnostics;

/// <summary>
/// The generator's diagnostics behave like the compiler's: they sit in the C# file's syntax tree, so <c>#pragma warning</c>
/// and configured severities (<c>.editorconfig</c>'s <c>dotnet_diagnostic.ID.severity</c>) apply to them.
/// </summary>
public sealed class SuppressionTests
{
    private const string ObjectReturn = """
        return MicroApp.Run(args);

        public static class Site
        {
        #pragma warning disable MICRO0013 // the handler's JSON is checked by a test
            [Route("quiet/")] public static object Quiet() => new { ok = true };
        #pragma warning restore MICRO0013

            [Route("loud/")] public static object Loud() => new { ok = true };
        }
        """;

    [Fact]
    public void Generator_diagnostics_are_located_in_the_syntax_tree()
    {
        var run = TestCompilation.Run(ObjectReturn);

        Assert.All(run.Diagnostics, static d => Assert.Equal(LocationKind.SourceFile, d.Location.Kind));
        Assert.All(run.Diagnostics, d => Assert.Same(run.Input.SyntaxTrees.Single(static t => t.FilePath == "Program.cs"), d.Location.SourceTree));
    }

    [Fact]
    public void A_pragma_suppresses_a_generator_warning_where_it_applies()
    {
        var run = TestCompilation.Run(ObjectReturn);

        var reported = run.ReportedDiagnostics.Where(static d => d.Id == "MICRO0013").ToList();
        Assert.Equal(2, reported.Count);
        Assert.Equal(
            [("""Route("quiet/")""", true), ("""Route("loud/")""", false)],
            reported.OrderBy(static d => d.Location.SourceSpan.Start).Select(d => (run.TextUnder(d), d.IsSuppressed)));
    }

    [Theory]
    [InlineData(ReportDiagnostic.Suppress, null)]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    public void A_configured_severity_applies_to_a_generator_warning(ReportDiagnostic configured, DiagnosticSeverity? expected)
    {
        // What the compiler makes of `dotnet_diagnostic.MICRO0013.severity = none` (or `error`) in an .editorconfig.
        var source = ObjectReturn.Replace("#pragma warning disable MICRO0013", "", StringComparison.Ordinal).Replace("#pragma warning restore MICRO0013", "", StringComparison.Ordinal);
        var compilation = TestCompilation.Create(source);
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new SeverityProvider("MICRO0013", configured)));

        var run = GeneratorRun.Start(compilation);

        var reported = run.ReportedDiagnostics.Where(static d => d.Id == "MICRO0013" && !d.IsSuppressed).ToList();
        if (expected is null)
        {
            Assert.Empty(reported);
        }
        else
        {
            Assert.Equal(2, reported.Count);
            Assert.All(reported, d => Assert.Equal(expected, d.Severity));
        }
    }

    /// <summary>The per-tree severities an .editorconfig gives the compiler.</summary>
    private sealed class SeverityProvider(string id, ReportDiagnostic severity) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = severity;
            return diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = severity;
            return diagnosticId == id;
        }
    }
}
