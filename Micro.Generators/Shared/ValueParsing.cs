using System.Linq;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Shared
{
    internal enum ParseKind
    {
        /// <summary>The text itself.</summary>
        String,

        /// <summary><c>T.TryParse(string, IFormatProvider, out T)</c>, with the invariant culture.</summary>
        TryParseWithProvider,

        /// <summary>
        /// <c>T.TryParse(string, NumberStyles.Float, IFormatProvider, out T)</c> for <c>double</c>, <c>float</c> and <c>decimal</c>:
        /// the invariant culture without thousands separators, so <c>1,5</c> is refused rather than read as 15.
        /// </summary>
        FloatingPoint,

        /// <summary><c>T.TryParse(string, out T)</c>.</summary>
        TryParse,

        /// <summary><c>Enum.TryParse&lt;T&gt;</c> of a defined name, ignoring case.</summary>
        Enum,
    }

    /// <summary>How text from a URL, a query string, a form or a command line becomes a typed value.</summary>
    /// <param name="Kind">The parse method.</param>
    /// <param name="ValueType">The parsed type, fully qualified, without <c>?</c>.</param>
    /// <param name="IsNullableValueType">The parameter is <c>T?</c> of a value type.</param>
    /// <param name="Expected">What a valid value looks like, for error messages: "an integer".</param>
    internal sealed record ParseModel(ParseKind Kind, string ValueType, bool IsNullableValueType, string Expected)
    {
        /// <summary>
        /// A boolean C# expression that parses <paramref name="input"/> into <paramref name="output"/>,
        /// declaring it as a new variable when <paramref name="declare"/> is set.
        /// </summary>
        public string TryParseExpression(string input, string output, bool declare)
        {
            var target = declare ? $"{ValueType} {output}" : output;
            return Kind switch
            {
                ParseKind.String => $"({target} = {input}) is not null",
                ParseKind.TryParseWithProvider =>
                    $"{ValueType}.TryParse({input}, global::System.Globalization.CultureInfo.InvariantCulture, out {target})",
                ParseKind.FloatingPoint =>
                    $"{ValueType}.TryParse({input}, global::System.Globalization.NumberStyles.Float, global::System.Globalization.CultureInfo.InvariantCulture, out {target})",
                ParseKind.TryParse => $"{ValueType}.TryParse({input}, out {target})",
                _ => $"(global::System.Enum.TryParse<{ValueType}>({input}, true, out {target}) && global::System.Enum.IsDefined({output}))",
            };
        }
    }

    /// <summary>How values of a type are read from text, with the compilation's known types at hand (<see cref="KnownTypes.Parsing"/>).</summary>
    internal sealed class ValueParsing(KnownTypes known)
    {
        /// <summary>How to parse <paramref name="type"/> from text, or null when it can't be.</summary>
        public ParseModel? Classify(ITypeSymbol type)
        {
            var nullableValue = false;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
                nullableValue = true;
            }

            var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (type.SpecialType == SpecialType.System_String)
            {
                return new ParseModel(ParseKind.String, name, false, "text");
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                var names = type.GetMembers().OfType<IFieldSymbol>().Where(static f => f.IsConst).Select(static f => f.Name);
                return new ParseModel(ParseKind.Enum, name, nullableValue, "one of " + string.Join(", ", names));
            }

            var expected = Expected(type);
            if (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal)
            {
                return new ParseModel(ParseKind.FloatingPoint, name, nullableValue, expected);
            }

            if (FindTryParse(type, withProvider: true))
            {
                return new ParseModel(ParseKind.TryParseWithProvider, name, nullableValue, expected);
            }

            if (FindTryParse(type, withProvider: false))
            {
                return new ParseModel(ParseKind.TryParse, name, nullableValue, expected);
            }

            return null;
        }

        /// <summary>How to parse each element of a one-dimensional array, or null when <paramref name="type"/> is not one or its elements can't be parsed.</summary>
        public ParseModel? ArrayElement(ITypeSymbol type) =>
            type is IArrayTypeSymbol { Rank: 1 } array ? Classify(array.ElementType) : null;

        /// <summary>
        /// A short name for a value of <paramref name="type"/> in usage text: <c>&lt;int&gt;</c>,
        /// <c>&lt;text&gt;</c>, <c>&lt;Low|High&gt;</c> for an enum.
        /// </summary>
        public string Placeholder(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return "<" + string.Join("|", type.GetMembers().OfType<IFieldSymbol>().Where(static f => f.IsConst).Select(static f => f.Name)) + ">";
            }

            var name = type.SpecialType switch
            {
                SpecialType.System_String => "text",
                SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_SByte
                    or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_Byte => "int",
                SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal => "number",
                SpecialType.System_Boolean => "true|false",
                SpecialType.System_Char => "char",
                SpecialType.System_DateTime => "datetime",
                _ => known.Which(type, KnownNames.Guid, KnownNames.DateOnly, KnownNames.TimeOnly, KnownNames.TimeSpan, KnownNames.DateTimeOffset) switch
                {
                    KnownNames.Guid => "uuid",
                    KnownNames.DateOnly => "date",
                    KnownNames.TimeOnly => "time",
                    KnownNames.TimeSpan => "duration",
                    KnownNames.DateTimeOffset => "datetime",
                    _ => type.Name,
                },
            };
            return "<" + name + ">";
        }

        private bool FindTryParse(ITypeSymbol type, bool withProvider)
        {
            foreach (var member in type.GetMembers("TryParse"))
            {
                if (member is not IMethodSymbol { IsStatic: true, DeclaredAccessibility: Accessibility.Public, ReturnType.SpecialType: SpecialType.System_Boolean } method)
                {
                    continue;
                }

                var parameters = method.Parameters;
                var expectedCount = withProvider ? 3 : 2;
                if (parameters.Length != expectedCount
                    || parameters[0].Type.SpecialType != SpecialType.System_String
                    || parameters[expectedCount - 1].RefKind != RefKind.Out
                    || !SymbolEqualityComparer.Default.Equals(parameters[expectedCount - 1].Type, type))
                {
                    continue;
                }

                if (!withProvider || known.Is(parameters[1].Type, KnownNames.IFormatProvider))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Expected(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_SByte
                => "an integer",
            SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_Byte
                => "a non-negative integer",
            SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal => "a number",
            SpecialType.System_Boolean => "true or false",
            SpecialType.System_Char => "a single character",
            SpecialType.System_DateTime => "a date and time",
            _ => type.Name switch
            {
                "Guid" => "a UUID",
                "DateOnly" => "a date (yyyy-mm-dd)",
                "TimeOnly" => "a time of day",
                "TimeSpan" => "a duration (hh:mm:ss)",
                "DateTimeOffset" => "a date and time",
                _ => "a valid " + type.Name,
            },
        };

        /// <summary>Whether <paramref name="type"/> is an integer type, the only kind the <c>int</c> converter fits besides text.</summary>
        public bool IsIntegerOrText(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.SpecialType is SpecialType.System_String
                or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_SByte
                or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_Byte
                or SpecialType.System_Decimal
                || known.Which(type, KnownNames.BigInteger, KnownNames.Int128, KnownNames.UInt128) is not null;
        }
    }
}
