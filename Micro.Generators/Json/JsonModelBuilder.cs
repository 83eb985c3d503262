using System;
using System.Collections.Generic;
using System.Linq;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Json
{
    /// <summary>Collects the JSON metadata models of a set of root types and everything reachable from them.</summary>
    internal sealed class JsonModelBuilder
    {
        private static readonly Dictionary<string, string> s_valueConverters = new(StringComparer.Ordinal)
        {
            ["bool"] = "BooleanConverter",
            ["byte"] = "ByteConverter",
            ["sbyte"] = "SByteConverter",
            ["char"] = "CharConverter",
            ["short"] = "Int16Converter",
            ["ushort"] = "UInt16Converter",
            ["int"] = "Int32Converter",
            ["uint"] = "UInt32Converter",
            ["long"] = "Int64Converter",
            ["ulong"] = "UInt64Converter",
            ["float"] = "SingleConverter",
            ["double"] = "DoubleConverter",
            ["decimal"] = "DecimalConverter",
            ["string"] = "StringConverter",
            ["object"] = "ObjectConverter",
            ["byte[]"] = "ByteArrayConverter",
            ["global::System.DateTime"] = "DateTimeConverter",
            ["global::System.DateTimeOffset"] = "DateTimeOffsetConverter",
            ["global::System.DateOnly"] = "DateOnlyConverter",
            ["global::System.TimeOnly"] = "TimeOnlyConverter",
            ["global::System.TimeSpan"] = "TimeSpanConverter",
            ["global::System.Guid"] = "GuidConverter",
            ["global::System.Uri"] = "UriConverter",
            ["global::System.Version"] = "VersionConverter",
            ["global::System.Half"] = "HalfConverter",
            ["global::System.Text.Json.JsonElement"] = "JsonElementConverter",
            ["global::System.Text.Json.JsonDocument"] = "JsonDocumentConverter",
            ["global::System.Text.Json.Nodes.JsonNode"] = "JsonNodeConverter",
            ["global::System.Text.Json.Nodes.JsonObject"] = "JsonObjectConverter",
            ["global::System.Text.Json.Nodes.JsonArray"] = "JsonArrayConverter",
            ["global::System.Text.Json.Nodes.JsonValue"] = "JsonValueConverter",
        };

        private readonly Dictionary<string, JsonTypeModel> _types = new(StringComparer.Ordinal);

        public EquatableArray<JsonTypeModel> Types =>
            _types.Values.OrderBy(static t => t.Type, StringComparer.Ordinal).ToEquatableArray();

        /// <summary>Adds <paramref name="type"/> and every type its metadata refers to.</summary>
        public void Add(ITypeSymbol type)
        {
            type = Normalize(type);
            var name = FullName(type);
            if (_types.ContainsKey(name) || type.TypeKind is TypeKind.TypeParameter or TypeKind.Error or TypeKind.Pointer or TypeKind.Dynamic)
            {
                return;
            }

            if (!IsAccessible(type))
            {
                return;
            }

            var empty = EquatableArray<JsonPropertyModel>.Empty;
            var noParameters = EquatableArray<JsonParameterModel>.Empty;
            if (s_valueConverters.TryGetValue(name, out var converter))
            {
                _types[name] = new JsonTypeModel(name, JsonTypeKind.Value, converter, null, null, null, null, type.IsValueType, empty, noParameters);
                return;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                _types[name] = new JsonTypeModel(name, JsonTypeKind.Enum, null, null, null, null, null, true, empty, noParameters);
                return;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                var underlying = nullable.TypeArguments[0];
                _types[name] = new JsonTypeModel(name, JsonTypeKind.Nullable, null, FullName(underlying), null, null, null, true, empty, noParameters);
                Add(underlying);
                return;
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                _types[name] = new JsonTypeModel(name, JsonTypeKind.Array, null, FullName(array.ElementType), null, "Array", null, false, empty, noParameters);
                Add(array.ElementType);
                return;
            }

            if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Delegate)
            {
                return;
            }

            if (AddCollection(named, name))
            {
                return;
            }

            AddObject(named, name);
        }

        private bool AddCollection(INamedTypeSymbol type, string name)
        {
            var definition = type.OriginalDefinition.ToDisplayString();
            var arguments = type.TypeArguments;
            string? collection = null;
            string? creator = null;
            switch (definition)
            {
                case "System.Collections.Generic.List<T>":
                    collection = "List";
                    creator = $"new {name}()";
                    break;
                case "System.Collections.Generic.HashSet<T>":
                    collection = "ISet";
                    creator = $"new {name}()";
                    break;
                case "System.Collections.Generic.IList<T>":
                case "System.Collections.Generic.ICollection<T>":
                    collection = definition.Contains("IList") ? "IList" : "ICollection";
                    creator = $"new global::System.Collections.Generic.List<{FullName(arguments[0])}>()";
                    break;
                case "System.Collections.Generic.ISet<T>":
                    collection = "ISet";
                    creator = $"new global::System.Collections.Generic.HashSet<{FullName(arguments[0])}>()";
                    break;
                case "System.Collections.Generic.IEnumerable<T>":
                case "System.Collections.Generic.IReadOnlyList<T>":
                case "System.Collections.Generic.IReadOnlyCollection<T>":
                    collection = "IEnumerable";
                    break;
                case "System.Collections.Generic.Dictionary<TKey, TValue>":
                    collection = "Dictionary";
                    creator = $"new {name}()";
                    break;
                case "System.Collections.Generic.IDictionary<TKey, TValue>":
                    collection = "IDictionary";
                    creator = $"new global::System.Collections.Generic.Dictionary<{FullName(arguments[0])}, {FullName(arguments[1])}>()";
                    break;
                case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                    collection = "IReadOnlyDictionary";
                    break;
            }

            if (collection is null)
            {
                return false;
            }

            var isDictionary = arguments.Length == 2;
            var element = arguments[isDictionary ? 1 : 0];
            _types[name] = new JsonTypeModel(
                name,
                isDictionary ? JsonTypeKind.Dictionary : JsonTypeKind.Collection,
                null,
                FullName(element),
                isDictionary ? FullName(arguments[0]) : null,
                collection,
                creator,
                false,
                EquatableArray<JsonPropertyModel>.Empty,
                EquatableArray<JsonParameterModel>.Empty);
            if (isDictionary)
            {
                Add(arguments[0]);
            }

            Add(element);
            return true;
        }

        private void AddObject(INamedTypeSymbol type, string name)
        {
            // Reserve the name first: a type may refer to itself.
            _types[name] = null!;
            var properties = new List<(IPropertySymbol Symbol, JsonPropertyModel Model)>();
            var hierarchy = new List<INamedTypeSymbol>();
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                hierarchy.Insert(0, current);
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                hierarchy.InsertRange(0, type.AllInterfaces);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var declaring in hierarchy)
            {
                foreach (var property in declaring.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                        || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } || IsIgnored(property)
                        || !seen.Add(property.Name))
                    {
                        continue;
                    }

                    // Init-only and required properties can only be set in an object initializer.
                    var setter = property.SetMethod is { DeclaredAccessibility: Accessibility.Public } set ? set : null;
                    var setInInitializer = setter is not null && (setter.IsInitOnly || property.IsRequired);
                    properties.Add((property, new JsonPropertyModel(
                        property.Name,
                        FullName(Normalize(property.Type)),
                        JsonName(property),
                        setter is not null && !setInInitializer,
                        setInInitializer,
                        property.IsVirtual || property.IsOverride || property.IsAbstract)));
                    Add(property.Type);
                }
            }

            // The constructor used to read: [JsonConstructor], else a public parameterless one, else the only public one.
            string? creator = null;
            var parameters = new List<JsonParameterModel>();
            if (!type.IsAbstract && type.TypeKind != TypeKind.Interface)
            {
                var constructors = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public).ToList();
                var constructor = constructors.FirstOrDefault(static c => c.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonConstructorAttribute"))
                    ?? constructors.FirstOrDefault(static c => c.Parameters.IsEmpty)
                    ?? (constructors.Count == 1 ? constructors[0] : null);
                if (constructor is not null)
                {
                    foreach (var parameter in constructor.Parameters)
                    {
                        parameters.Add(new JsonParameterModel(
                            Pascal(parameter.Name, properties),
                            FullName(Normalize(parameter.Type)) + (parameter.Type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated ? "?" : ""),
                            parameters.Count,
                            parameter.HasExplicitDefaultValue,
                            parameter.HasExplicitDefaultValue ? Symbols.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue) : null,
                            parameter.Type.IsReferenceType || parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T,
                            false));
                        Add(parameter.Type);
                    }

                    foreach (var (symbol, property) in properties.Where(p => p.Model.IsInitOnly && !parameters.Any(c => string.Equals(c.Name, p.Model.Name, StringComparison.OrdinalIgnoreCase))))
                    {
                        parameters.Add(new JsonParameterModel(property.Name, property.Type, parameters.Count, false, null,
                            symbol.Type.IsReferenceType || symbol.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T, true));
                    }

                    creator = "new " + name;
                }
            }

            _types[name] = new JsonTypeModel(
                name,
                JsonTypeKind.Object,
                null,
                null,
                null,
                null,
                creator,
                type.IsValueType,
                properties.Select(static p => p.Model).ToEquatableArray(),
                parameters.ToEquatableArray());
        }

        /// <summary>Constructor parameters bind to properties by name, case-insensitively; keep the property's spelling.</summary>
        private static string Pascal(string parameter, List<(IPropertySymbol Symbol, JsonPropertyModel Model)> properties) =>
            properties.FirstOrDefault(p => string.Equals(p.Model.Name, parameter, StringComparison.OrdinalIgnoreCase)).Model?.Name ?? parameter;

        private static bool IsIgnored(IPropertySymbol property) =>
            property.GetAttributes().Any(static a =>
                a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonIgnoreAttribute"
                && (a.NamedArguments.Length == 0 || a.NamedArguments.Any(static n => n.Key == "Condition" && n.Value.Value is 1)));

        private static string? JsonName(IPropertySymbol property) =>
            property.GetAttributes()
                .FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute")
                ?.ConstructorArguments.FirstOrDefault().Value as string;

        private static bool IsAccessible(ITypeSymbol type)
        {
            for (ISymbol? current = type; current is INamedTypeSymbol; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return type is not INamedTypeSymbol { IsGenericType: true } generic || generic.TypeArguments.All(IsAccessible);
        }

        private static ITypeSymbol Normalize(ITypeSymbol type) =>
            type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type;

        public static string FullName(ITypeSymbol type) => Normalize(type).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}
