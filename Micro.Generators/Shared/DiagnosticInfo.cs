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
    /// the same place, and they are what <see cref="Display"/> and reported diagnostics show.
    /// </remarks>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public bool Equals(LocationInfo? other) =>
            other is not null && string.Equals(FilePath, other.FilePath, StringComparison.Ordinal) && LineSpan.Equals(other.LineSpan);

        public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(FilePath) * 31) + LineSpan.GetHashCode());

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        /// <summary><c>file(line,column)</c>, as compilers write positions.</summary>
        public string Display => $"{System.IO.Path.GetFileName(FilePath)}({LineSpan.Start.Line + 1},{LineSpan.Start.Character + 1})";

        public static LocationInfo? From(Location? location) =>
            location is null || location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public static LocationInfo From(SyntaxNode node) => From(node.GetLocation())!;
    }

    /// <summary>A diagnostic to report, kept out of model equality.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
        : IEquatable<DiagnosticInfo>
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new(descriptor, location, arguments.ToEquatableArray());

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptor, Location?.ToLocation(), System.Linq.Enumerable.ToArray<object?>(Arguments));
    }

    internal static class DiagnosticReporting
    {
        /// <summary>Reports diagnostics that travelled beside a model.</summary>
        public static void Report(this SourceProductionContext context, IEnumerable<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }
    }
}
