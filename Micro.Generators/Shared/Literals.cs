using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Generators.Shared
{
    internal static class Literals
    {
        /// <summary>A C# expression for a parameter's declared default value.</summary>
        public static string DefaultValue(ITypeSymbol type, object? value)
        {
            if (value is null)
            {
                return "default";
            }

            var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
            var typeName = underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return value switch
            {
                string text => SymbolDisplay.FormatLiteral(text, quote: true),
                bool flag => flag ? "true" : "false",
                char ch => SymbolDisplay.FormatLiteral(ch, quote: true),
                _ => $"({typeName})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})",
            };
        }
    }
}
