using System;
using System.Collections.Generic;
using System.Linq;
using Micro.Generators.Forms;
using Micro.Generators.Forms.Model;
using Micro.Generators.Json;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Generators.Routing
{
    internal static partial class RoutesParser
    {
        /// <summary>
        /// Reads the DataAnnotations of a JSON body's type, and of the objects and lists of objects it holds, into checks
        /// for generated code. Each property is read as a form's field is (<see cref="FormsParser.FieldReader"/>), so an
        /// annotation checks and words a body's value as it does a form's. Types of the app's own source are followed;
        /// types with nothing to check anywhere inside them are left out.
        /// </summary>
        private sealed class BodyValidationReader(KnownTypes known, List<DiagnosticInfo> diagnostics)
        {
            private readonly Dictionary<string, (List<ValidatedPropertyModel> Properties, List<(int Index, string Nested)> References)> _types = new(StringComparer.Ordinal);

            /// <summary>The checked types reachable from <paramref name="bodyType"/>; empty when nothing in it is checked.</summary>
            public List<ValidatedTypeModel> Read(ITypeSymbol bodyType)
            {
                var root = Visit(Unwrap(bodyType));
                if (root is null)
                {
                    return new List<ValidatedTypeModel>();
                }

                // A type is checked when it has checks of its own or holds a type that is (to a fixed point: types may refer to each other).
                var needed = new HashSet<string>(_types.Where(static t => t.Value.Properties.Any(static p => p.IsRequired || p.Checks.Count > 0 || p.CountChecks.Count > 0)).Select(static t => t.Key), StringComparer.Ordinal);
                bool grew;
                do
                {
                    grew = false;
                    foreach (var type in _types.Where(t => !needed.Contains(t.Key) && t.Value.References.Any(r => needed.Contains(r.Nested))))
                    {
                        grew |= needed.Add(type.Key);
                    }
                }
                while (grew);

                return _types.Where(t => needed.Contains(t.Key))
                    .Select(t => new ValidatedTypeModel(
                        t.Key,
                        t.Value.Properties
                            .Select(p => p.Nested is not null && !needed.Contains(p.Nested) ? p with { Nested = null, IsList = false } : p)
                            .Where(p => p.IsRequired || p.Checks.Count > 0 || p.CountChecks.Count > 0 || p.Nested is not null || IsCompared(t.Value.Properties, p.Name))
                            .ToEquatableArray()))
                    .OrderBy(static t => t.Type, StringComparer.Ordinal)
                    .ToList();
            }

            /// <summary>A list's <c>[MinLength]</c>, <c>[MaxLength]</c> and <c>[Length]</c>, which count its items (as .NET's attributes do).</summary>
            private List<CheckModel> CountChecks(List<AttributeData> attributes)
            {
                var checks = new List<CheckModel>();
                foreach (var attribute in attributes)
                {
                    var message = Symbols.NamedArgument<string>(attribute, "ErrorMessage");
                    var arguments = attribute.ConstructorArguments.Select(static a => a.Value).OfType<int>().Select(static v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                    switch (known.Which(attribute.AttributeClass, KnownNames.MinLengthAttribute, KnownNames.MaxLengthAttribute, KnownNames.LengthAttribute))
                    {
                        case KnownNames.MinLengthAttribute when arguments.Count == 1:
                            checks.Add(new CheckModel(CheckKind.MinLength, arguments.ToEquatableArray(), message));
                            break;
                        case KnownNames.MaxLengthAttribute when arguments.Count == 1:
                            checks.Add(new CheckModel(CheckKind.MaxLength, arguments.ToEquatableArray(), message));
                            break;
                        case KnownNames.LengthAttribute when arguments.Count == 2:
                            checks.Add(new CheckModel(CheckKind.MinLength, new[] { arguments[0] }.ToEquatableArray(), message));
                            checks.Add(new CheckModel(CheckKind.MaxLength, new[] { arguments[1] }.ToEquatableArray(), message));
                            break;
                    }
                }

                return checks;
            }

            /// <summary>Whether a <c>[Compare]</c> of another property names <paramref name="name"/> (whose value it then reads).</summary>
            private static bool IsCompared(List<ValidatedPropertyModel> properties, string name) =>
                properties.Any(p => p.Checks.Any(c => c.Kind == CheckKind.Compare && c.Arguments[0] == name));

            private string? Visit(ITypeSymbol type)
            {
                if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsGenericType: false } named || named.IsAbstract
                    || named.DeclaringSyntaxReferences.IsEmpty || named.SpecialType != SpecialType.None)
                {
                    return null;
                }

                var name = Symbols.FullName(named);
                if (_types.ContainsKey(name))
                {
                    return name;
                }

                var properties = new List<ValidatedPropertyModel>();
                var references = new List<(int, string)>();
                _types[name] = (properties, references);
                var constructor = named.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public)
                    .OrderByDescending(static c => c.Parameters.Length).FirstOrDefault();
                var fields = new FormsParser.FieldReader(known, diagnostics);
                foreach (var (property, parameter) in FormsParser.FormClassReader.FieldProperties(named, constructor ?? named.InstanceConstructors[0]))
                {
                    var attributes = property.GetAttributes().Concat(parameter?.GetAttributes() ?? Enumerable.Empty<AttributeData>()).ToList();
                    if (attributes.Any(a => known.Is(a.AttributeClass, JsonNames.JsonIgnoreAttribute) && !a.NamedArguments.Any(static n => n.Key == "Condition")))
                    {
                        continue;
                    }

                    var jsonName = attributes.Where(a => known.Is(a.AttributeClass, JsonNames.JsonPropertyNameAttribute))
                        .Select(static a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null).FirstOrDefault();
                    var required = attributes.FirstOrDefault(a => known.Is(a.AttributeClass, KnownNames.RequiredAttribute));
                    var field = fields.Read(property, parameter, named.Name);
                    var checks = field?.Checks.Where(c => c.Kind != CheckKind.Compare || FormsParser.FormClassReader.AllProperties(named).Any(p => p.Name == c.Arguments[0])).ToEquatableArray()
                        ?? EquatableArray<CheckModel>.Empty;

                    var isList = false;
                    var nestedType = Unwrap(property.Type);
                    var countChecks = new List<CheckModel>();
                    if (Element(known, nestedType) is { } element)
                    {
                        nestedType = element;
                        isList = true;
                        countChecks = CountChecks(attributes);
                    }

                    var nested = nestedType.IsReferenceType ? Visit(nestedType) : null;
                    if (nested is not null)
                    {
                        references.Add((properties.Count, nested));
                    }

                    properties.Add(new ValidatedPropertyModel(
                        property.Name,
                        SyntaxFacts.GetKeywordKind(property.Name) != SyntaxKind.None ? "@" + property.Name : property.Name,
                        jsonName,
                        field is { HasLabel: true } ? field.Label : property.Name,
                        required is not null && (property.Type.IsReferenceType || property.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T),
                        required is not null && Symbols.NamedArgument<bool>(required, "AllowEmptyStrings"),
                        required is null ? null : Symbols.NamedArgument<string>(required, "ErrorMessage"),
                        checks,
                        nested,
                        isList && nested is not null)
                    {
                        CountChecks = countChecks.ToEquatableArray(),
                    });
                }

                return name;
            }
        }

        /// <summary>The item type of an array or a generic collection (not text, not a dictionary); null for anything else.</summary>
        public static ITypeSymbol? Element(KnownTypes known, ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return array.ElementType;
            }

            if (type.SpecialType == SpecialType.System_String || known.Implements(type, "System.Collections.IDictionary")
                || type.AllInterfaces.Concat(type is INamedTypeSymbol self ? new[] { self } : Array.Empty<INamedTypeSymbol>())
                    .Any(static i => i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"))
            {
                return null;
            }

            var enumerable = (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T ? named : null)
                ?? type.AllInterfaces.FirstOrDefault(static i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
            return enumerable?.TypeArguments[0];
        }

        public static ITypeSymbol Unwrap(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

        /// <summary>
        /// The app's types that routes may read from a JSON body: their handlers' parameters of the app's own classes, and
        /// the classes those hold (as properties, or items of lists), found the way <see cref="BodyValidationReader"/> follows them.
        /// </summary>
        public static HashSet<ITypeSymbol> BodyTypes(Compilation compilation, KnownTypes known, System.Threading.CancellationToken cancellationToken)
        {
            var found = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            void Visit(ITypeSymbol type)
            {
                type = Unwrap(type);
                type = Element(known, type) is { } element ? Unwrap(element) : type;
                if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || named.DeclaringSyntaxReferences.IsEmpty || !found.Add(named))
                {
                    return;
                }

                foreach (var property in FormsParser.FormClassReader.AllProperties(named))
                {
                    Visit(property.Type);
                }
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (declaration.AttributeLists.Count == 0 && declaration.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax { AttributeLists.Count: 0 })
                    {
                        continue;
                    }

                    if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method
                        || !(known.HasAttribute(method, KnownNames.RouteAttribute) || (method.ContainingType is { } view && known.HasAttribute(view, KnownNames.RouteAttribute))))
                    {
                        continue;
                    }

                    foreach (var parameter in method.Parameters)
                    {
                        Visit(parameter.Type);
                    }
                }
            }

            return found;
        }
    }
}
