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
                double number when double.IsNaN(number) || double.IsInfinity(number) => SpecialFloatingPoint("double", number),
                float number when float.IsNaN(number) || float.IsInfinity(number) => SpecialFloatingPoint("float", number),

                // Suffixed literals: a decimal or float default written as a double would round it.
                decimal or float => SymbolDisplay.FormatPrimitive(value, quoteStrings: false, useHexadecimalNumbers: false) + (value is decimal ? "m" : "f"),
                _ => $"({typeName})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})",
            };
        }

        private static string SpecialFloatingPoint(string type, double value) =>
            type + (double.IsNaN(value) ? ".NaN" : value > 0 ? ".PositiveInfinity" : ".NegativeInfinity");
    }
}
