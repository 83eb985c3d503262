using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Commands;

/// <summary>Snapshots of the commands pipeline's output: every kind of parameter, help from doc comments or the attribute.</summary>
public sealed class CommandsSnapshotTests
{
    private const string Tools = """
        return MicroApp.Run(args);

        public enum Level { Low, High }

        public sealed class Store { }

        /// <summary>Tools for the tests.</summary>
        public static class Tools
        {
            /// <summary>Seed the database. Creates sample rows.</summary>
            /// <param name="count">How many <c>rows</c> to create.</param>
            [Command]
            public static async Task<int> Seed(
                [Argument] string table,
                Store store,
                TextWriter output,
                CommandContext context,
                CancellationToken cancellationToken,
                int[] ids,
                [Option(Short = 'c')] int count = 10,
                bool dryRun = false,
                bool? verbose = null,
                Level level = Level.High,
                string[]? tags = null,
                Guid? id = null,
                decimal price = 1.5m,
                [Argument] string[]? more = null)
            {
                await Task.Yield();
                return 0;
            }

            [Command(Help = "From the attribute.")]
            public static string? Echo([Argument] string? text = null) => text;
        }

        /// <summary>Import data.</summary>
        [Command]
        public static class ImportCommand
        {
            /// <param name="file">The file.</param>
            public static ValueTask RunAsync([Argument] FileKind file) => default;
        }

        public enum FileKind { Csv, Json }
        """;

    /// <summary>Help comes from doc comments whether the compiler parses them (GenerateDocumentationFile) or not.</summary>
    [Theory]
    [InlineData(DocumentationMode.Diagnose)]
    [InlineData(DocumentationMode.None)]
    public void EveryKindOfParameter(DocumentationMode documentation)
    {
        var run = TestCompilation.Run(Tools, documentation);

        // Both ways of reading doc comments give the same source: one snapshot.
        Snapshot.Verify(run, ["Micro.Commands.MicroCommands.g.cs", "Micro.Hosting.MicroManifest.g.cs"], testMethod: nameof(EveryKindOfParameter));

        // The app documents some parameters only (the compiler warns about that in Program.cs); the generated code is clean.
        Assert.Empty(run.Diagnostics);
        var problems = run.Output.GetDiagnostics()
            .Where(static d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "Program.cs"));
        Assert.Empty(problems);
    }
}
