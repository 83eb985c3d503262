using System.Threading;
using Microsoft.CodeAnalysis;

namespace Micro.Analyzers.Shared
{
    /// <summary>How messages name symbols and places, the same way the generator's messages do.</summary>
    internal static class SymbolText
    {
        /// <summary><c>Type.Method</c>, or the type's name for a class-based view or command.</summary>
        public static string Display(ISymbol symbol) =>
            symbol is IMethodSymbol { ContainingType: { } type } method ? type.Name + "." + method.Name : symbol.Name;

        /// <summary><c>file(line,column)</c>, as compilers write positions.</summary>
        public static string Position(Location location)
        {
            var span = location.GetLineSpan();
            return $"{System.IO.Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        }

        /// <summary>The location of an attribute as written, or the symbol's when it has no syntax.</summary>
        public static Location AttributeLocation(AttributeData attribute, ISymbol target, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()
            ?? (target.Locations.Length > 0 ? target.Locations[0] : Location.None);
    }
}
