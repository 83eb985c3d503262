using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;

namespace Micro.Analyzers.Shared
{
    /// <summary>Micro's types in one compilation, resolved once when its analysis starts.</summary>
    internal sealed class MicroTypes
    {
        private MicroTypes(Compilation compilation, INamedTypeSymbol route, INamedTypeSymbol command)
        {
            Route = route;
            Command = command;
            Argument = compilation.GetTypeByMetadataName(KnownNames.ArgumentAttribute);
            Option = compilation.GetTypeByMetadataName(KnownNames.OptionAttribute);
            Url = compilation.GetTypeByMetadataName("Micro.Url");
        }

        public INamedTypeSymbol Route { get; }

        public INamedTypeSymbol Command { get; }

        public INamedTypeSymbol? Argument { get; }

        public INamedTypeSymbol? Option { get; }

        public INamedTypeSymbol? Url { get; }

        /// <summary>Micro's types, or null when the compilation doesn't reference Micro.Runtime.</summary>
        public static MicroTypes? From(Compilation compilation)
        {
            var route = compilation.GetTypeByMetadataName(KnownNames.RouteAttribute);
            var command = compilation.GetTypeByMetadataName(KnownNames.CommandAttribute);
            return route is null || command is null ? null : new MicroTypes(compilation, route, command);
        }

        public static bool Is(AttributeData attribute, INamedTypeSymbol? type) =>
            type is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, type);

        public static bool Has(ISymbol symbol, INamedTypeSymbol? attributeType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (Is(attribute, attributeType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="method"/> is a command handler: a [Command] method, or the Run or RunAsync method of a [Command] class.</summary>
        public bool IsCommandHandler(IMethodSymbol method) =>
            Has(method, Command)
            || (method.Name is "Run" or "RunAsync" && method.ContainingType is { } type && Has(type, Command));
    }
}
