using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Shared
{
    /// <summary>A location without a reference to a syntax tree, so that it can sit in a cached model.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
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
