using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Micro.Generators.Shared.Symbols;

namespace Micro.Generators.Routing
{
    internal static partial class RoutesParser
    {
        // Micro's own markers, which the generator reads rather than the endpoint.
        private static readonly string[] s_markerAttributes =
        {
            KnownNames.RouteAttribute, KnownNames.RouteGroupAttribute, KnownNames.ErrorHandlerAttribute, KnownNames.RouteConverterAttribute,
            KnownNames.CommandAttribute, KnownNames.TemplateTagAttribute, KnownNames.ModelAttribute,
        };

        /// <summary>
        /// The attributes of <paramref name="symbol"/> that become endpoint metadata, as a minimal API's handler attributes do:
        /// <c>[Authorize]</c>, <c>[AllowAnonymous]</c>, <c>[LoginRequired]</c>, and any other the app's middleware reads. Left out: Micro's
        /// own markers, compiler attributes, and attributes generated code can't create (inaccessible, or with an argument it can't write).
        /// </summary>
        private static List<AttributeModel> ReadMetadata(ISymbol symbol, Compilation compilation)
        {
            var known = KnownTypes.For(compilation);
            var result = new List<AttributeModel>();
            foreach (var attribute in symbol.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type is null || type.TypeKind == TypeKind.Error || attribute.AttributeConstructor is not { } constructor
                    || s_markerAttributes.Any(name => known.Is(type, name))
                    || type.ContainingNamespace?.ToDisplayString() is "System.Runtime.CompilerServices" or "System.Diagnostics.CodeAnalysis"
                    || type.IsFileLocal || type.IsUnboundGenericType
                    || !compilation.IsSymbolAccessibleWithin(type, compilation.Assembly)
                    || !compilation.IsSymbolAccessibleWithin(constructor, compilation.Assembly))
                {
                    continue;
                }

                var arguments = new List<string>();
                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (Constant(argument) is not { } text)
                    {
                        arguments = null;
                        break;
                    }

                    arguments.Add(text);
                }

                var named = new List<string>();
                foreach (var argument in attribute.NamedArguments)
                {
                    if (arguments is null || Constant(argument.Value) is not { } text)
                    {
                        arguments = null;
                        break;
                    }

                    named.Add(GeneratedCode.Identifier(argument.Key) + " = " + text);
                }

                if (arguments is null)
                {
                    continue;
                }

                var expression = $"new {FullName(type)}({string.Join(", ", arguments)})" + (named.Count > 0 ? " { " + string.Join(", ", named) + " }" : "");
                var isAuthorization = known.Implements(type, KnownNames.IAuthorizeData) || known.Implements(type, KnownNames.IAllowAnonymous)
                    || known.Implements(type, KnownNames.IAuthorizationRequirementData);
                result.Add(new AttributeModel(expression, isAuthorization));
            }

            return result;
        }

        /// <summary><c>(T)7</c>, or <c>(T)(-7)</c>, which would otherwise read as a subtraction.</summary>
        private static string Cast(ITypeSymbol type, string value) => value.StartsWith("-", StringComparison.Ordinal) ? $"({FullName(type)})({value})" : $"({FullName(type)}){value}";

        /// <summary>An attribute argument as C#, or null when generated code can't write it.</summary>
        private static string? Constant(TypedConstant constant)
        {
            switch (constant.Kind)
            {
                case TypedConstantKind.Array:
                    if (constant.IsNull)
                    {
                        return "null!";
                    }

                    var element = ((IArrayTypeSymbol)constant.Type!).ElementType;
                    var items = new List<string>();
                    foreach (var item in constant.Values)
                    {
                        if (Constant(item) is not { } text)
                        {
                            return null;
                        }

                        items.Add(text);
                    }

                    return items.Count == 0 ? $"global::System.Array.Empty<{FullName(element)}>()" : $"new {FullName(element)}[] {{ {string.Join(", ", items)} }}";
                case TypedConstantKind.Type:
                    return constant.Value is ITypeSymbol { TypeKind: not TypeKind.Error } type && !(type is INamedTypeSymbol { IsUnboundGenericType: true })
                        ? $"typeof({FullName(type)})"
                        : null;
                case TypedConstantKind.Enum:
                    return Cast(constant.Type!, Convert.ToString(constant.Value, CultureInfo.InvariantCulture)!);
                case TypedConstantKind.Primitive:
                    return constant.Value switch
                    {
                        null => "null!",
                        string text => GeneratedCode.Literal(text),
                        bool flag => flag ? "true" : "false",
                        char ch => SymbolDisplay.FormatLiteral(ch, quote: true),
                        int number => number.ToString(CultureInfo.InvariantCulture),
                        double d when !double.IsNaN(d) && !double.IsInfinity(d) => Cast(constant.Type!, d.ToString("R", CultureInfo.InvariantCulture)),
                        float f when !float.IsNaN(f) && !float.IsInfinity(f) => Cast(constant.Type!, f.ToString("R", CultureInfo.InvariantCulture) + "f"),
                        double or float => null,
                        var number => Cast(constant.Type!, Convert.ToString(number, CultureInfo.InvariantCulture)!),
                    };
                default:
                    return null;
            }
        }
    }
}
