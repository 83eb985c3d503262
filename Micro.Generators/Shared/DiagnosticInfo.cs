using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Shared
{
    /// <summary>A location without a reference to a syntax tree, so that it can sit in a cached model.</summary>
    /// <remarks>
    /// Equality compares the file and the line span only. An edit that moves no line (a longer method
    /// body earlier in the file) shifts every character offset after it; comparing offsets would make
    /// every model below it "modified" and regenerate the sources for nothing. Lines and columns name
    /// the same place, and reporting finds the span again from them.
    /// </remarks>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public bool Equals(LocationInfo? other) =>
            other is not null && string.Equals(FilePath, other.FilePath, StringComparison.Ordinal) && LineSpan.Equals(other.LineSpan);

        public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(FilePath) * 31) + LineSpan.GetHashCode());

        /// <summary>
        /// The location in <paramref name="compilation"/>'s syntax tree of the file, so that <c>#pragma warning</c> and
        /// <c>.editorconfig</c> severities apply as they do to the compiler's own diagnostics; a file that is not C# source
        /// (a template) gets a location in that file.
        /// </summary>
        public Location ToLocation(Compilation compilation)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!string.Equals(tree.FilePath, FilePath, StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = tree.GetText().Lines;
                if (LineSpan.End.Line < lines.Count)
                {
                    return Location.Create(tree, lines.GetTextSpan(LineSpan));
                }
            }

            return Location.Create(FilePath, Span, LineSpan);
        }

        /// <summary><c>file(line,column)</c>, as compilers write positions.</summary>
        public string Display => $"{System.IO.Path.GetFileName(FilePath)}({LineSpan.Start.Line + 1},{LineSpan.Start.Character + 1})";

        public static LocationInfo? From(Location? location) =>
            location is null || location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public static LocationInfo From(SyntaxNode node) => From(node.GetLocation())!;

        /// <summary>Declaration order across files: by file path, then by line and column (never by character offset, see above).</summary>
        public static IComparer<LocationInfo?> SourceOrder { get; } = Comparer<LocationInfo?>.Create(static (a, b) =>
        {
            var byFile = string.CompareOrdinal(a?.FilePath, b?.FilePath);
            return byFile != 0 ? byFile : (a?.LineSpan.Start ?? default).CompareTo(b?.LineSpan.Start ?? default);
        });
    }

    /// <summary>A diagnostic to report, kept out of model equality.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
        : IEquatable<DiagnosticInfo>
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new(descriptor, location, arguments.ToEquatableArray());

        public Diagnostic ToDiagnostic(Compilation compilation) =>
            Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), System.Linq.Enumerable.ToArray<object?>(Arguments));
    }

    /// <summary>
    /// Reports the diagnostics that travelled beside the models. Only this output reads the compilation, to turn each
    /// location back into one in its syntax tree; the models and the sources never depend on it.
    /// </summary>
    internal static class DiagnosticReporting
    {
        public static void ReportDiagnostics(this IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
            context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, input) => Report(spc, input.Left, input.Right));

        public static void ReportDiagnostics(this IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
            context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, input) => Report(spc, input.Left, input.Right));

        private static void Report(SourceProductionContext context, IEnumerable<DiagnosticInfo> diagnostics, Compilation compilation)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic(compilation));
            }
        }
    }
}
