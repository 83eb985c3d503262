using Micro.Generators.Shared;
using Micro.Generators.Testing.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Testing
{
    /// <summary>Wires <c>[Test]</c> into the test registry the <c>test</c> command runs; a build that leaves tests out (a publish) writes none.</summary>
    internal static class TestsPipeline
    {
        public static IncrementalValueProvider<TestTableModel?> Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<ProjectOptions> project)
        {
            var tests = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.TestAttribute,
                    static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                    TestsParser.ParseTest)
                .WithTrackingName(TrackingNames.TestTargets);

            context.ReportDiagnostics(tests.Select(static (parsed, _) => parsed.Diagnostics));

            var table = tests.Collect()
                .Combine(project)
                .Select(TestsParser.BuildTable)
                .WithTrackingName(TrackingNames.TestTable);

            context.ReportDiagnostics(table.Select(static (parsed, _) => parsed.Diagnostics));

            // A build without tests registers none, so that they (and what only they use) trim out of a native binary.
            var model = table.Combine(project).Select(static (input, _) =>
                input.Right.IncludeTests && input.Left.Model is { Tests.Count: > 0 } table ? table : null);
            context.RegisterSourceOutput(model, static (spc, table) =>
            {
                if (table is not null)
                {
                    spc.AddSource(TestsEmitter.HintName, TestsEmitter.Emit(table));
                }
            });

            return model;
        }
    }
}
