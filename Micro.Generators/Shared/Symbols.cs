using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Generators.Shared
{
    /// <summary>Questions every pipeline's parser asks of symbols and attributes.</summary>
    internal static class Symbols
    {
        public static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        /// <summary>The value of a named argument of an attribute (<c>Name = "home"</c>), or the default.</summary>
        public static T? NamedArgument<T>(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is T value)
                {
                    return value;
                }
            }

            return default;
        }

        /// <summary>The attribute's own location, for diagnostics; the target's when the attribute has no syntax.</summary>
        public static LocationInfo AttributeLocation(AttributeData attribute, SyntaxNode target, CancellationToken cancellationToken) =>
            LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()) ?? LocationInfo.From(target);

        /// <summary>A ref struct, pointer or function pointer: a type generated code can't store, resolve or serialize.</summary>
        public static bool IsRefLikeOrPointer(ITypeSymbol type) =>
            type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;

        /// <summary>
        /// Why generated code can't pass any value for <paramref name="parameter"/> (ref/out/in, a ref struct or a
        /// pointer), or null; <paramref name="instead"/> says what to use.
        /// </summary>
        public static string? UnbindableReason(IParameterSymbol parameter, string instead) =>
            parameter.RefKind != RefKind.None ? "ref, out and in parameters can't be bound"
            : IsRefLikeOrPointer(parameter.Type) ? $"{parameter.Type.ToDisplayString()} is a ref struct or a pointer, which generated code can't bind; {instead}"
            : null;

        /// <summary>
        /// A C# expression for a parameter's declared default value, of the parameter's type: a literal (<c>10</c>,
        /// <c>1.5m</c>, <c>"World"</c>), an enum member (<c>global::Level.High</c>), or a cast only where a literal of
        /// that type can't be written.
        /// </summary>
        public static string DefaultValue(ITypeSymbol type, object? value)
        {
            if (value is null)
            {
                return "default";
            }

            var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
            var typeName = underlying.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (underlying.TypeKind == TypeKind.Enum)
            {
                var member = underlying.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst && Equals(f.ConstantValue, value));
                return member is not null
                    ? typeName + "." + member.Name
                    : $"({typeName})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})";
            }

            var literal = SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false);
            return value switch
            {
                string text => SymbolDisplay.FormatLiteral(text, quote: true),
                bool flag => flag ? "true" : "false",
                char ch => SymbolDisplay.FormatLiteral(ch, quote: true),
                double number when double.IsNaN(number) || double.IsInfinity(number) => SpecialFloatingPoint("double", number),
                float number when float.IsNaN(number) || float.IsInfinity(number) => SpecialFloatingPoint("float", number),

                // Suffixed literals: a decimal or float default written as a double would round it.
                decimal => literal + "m",
                float => literal + "f",
                double => literal.Contains(".") || literal.Contains("E") ? literal : literal + ".0",
                int => literal,
                long => literal + "L",
                uint => literal + "u",
                ulong => literal + "ul",

                // byte, sbyte, short, ushort: no literal of their own.
                _ => $"({typeName})({literal})",
            };
        }

        /// <summary>
        /// Why generated code can't call <paramref name="symbol"/>, or null when it can.
        /// <paramref name="handlers"/> and <paramref name="classBased"/> name what the symbol is meant to be
        /// ("handlers", "class-based views"); <paramref name="example"/> shows where to move a local function.
        /// </summary>
        public static string? CallProblem(ISymbol symbol, string handlers, string classBased, string example)
        {
            if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction })
            {
                return $"it is a local function, and generated code can't call local functions; move it into a static class ({example})";
            }

            if (symbol is IMethodSymbol { IsStatic: false })
            {
                return "it is not static; make it static";
            }

            if (symbol is IMethodSymbol { IsGenericMethod: true })
            {
                return $"it is generic; {handlers} can't have type parameters";
            }

            if (symbol is INamedTypeSymbol { IsGenericType: true })
            {
                return $"it is generic; {classBased} can't have type parameters";
            }

            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return SymbolEqualityComparer.Default.Equals(current, symbol)
                        ? "it is private or protected; make it public or internal"
                        : $"its containing type {current.Name} is private or protected; make it public or internal";
                }

                if (current is INamedTypeSymbol { IsGenericType: true } && !SymbolEqualityComparer.Default.Equals(current, symbol))
                {
                    return $"its containing type {current.Name} is generic";
                }

                if (current is INamedTypeSymbol { IsFileLocal: true })
                {
                    return SymbolEqualityComparer.Default.Equals(current, symbol)
                        ? "it is file-local, and generated code in another file can't see it; remove 'file'"
                        : $"its containing type {current.Name} is file-local, and generated code in another file can't see it; remove 'file'";
                }
            }

            return null;
        }

        private static string SpecialFloatingPoint(string type, double value) =>
            type + (double.IsNaN(value) ? ".NaN" : value > 0 ? ".PositiveInfinity" : ".NegativeInfinity");
    }
}
