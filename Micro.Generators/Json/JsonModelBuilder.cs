using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Generators.Json
{
    /// <summary>
    /// Collects the JSON metadata models of a set of root types and everything reachable from them, deciding
    /// what System.Text.Json's source generator decides for the same types: which members, constructor and
    /// converters are used, and what its attributes ask for. What generated code can't do is reported.
    /// </summary>
    internal sealed class JsonModelBuilder
    {
        /// <summary>The converters System.Text.Json has for simple values, by the special type of the value.</summary>
        private static readonly Dictionary<SpecialType, string> s_specialTypeConverters = new()
        {
            [SpecialType.System_Boolean] = "BooleanConverter",
            [SpecialType.System_Byte] = "ByteConverter",
            [SpecialType.System_SByte] = "SByteConverter",
            [SpecialType.System_Char] = "CharConverter",
            [SpecialType.System_Int16] = "Int16Converter",
            [SpecialType.System_UInt16] = "UInt16Converter",
            [SpecialType.System_Int32] = "Int32Converter",
            [SpecialType.System_UInt32] = "UInt32Converter",
            [SpecialType.System_Int64] = "Int64Converter",
            [SpecialType.System_UInt64] = "UInt64Converter",
            [SpecialType.System_Single] = "SingleConverter",
            [SpecialType.System_Double] = "DoubleConverter",
            [SpecialType.System_Decimal] = "DecimalConverter",
            [SpecialType.System_String] = "StringConverter",
            [SpecialType.System_Object] = "ObjectConverter",
            [SpecialType.System_DateTime] = "DateTimeConverter",
        };

        /// <summary>The converters System.Text.Json has for other values, by the metadata name of the value's type.</summary>
        private static readonly (string Type, string Converter)[] s_valueConverters =
        {
            ("System.Int128", "Int128Converter"),
            ("System.UInt128", "UInt128Converter"),
            ("System.Half", "HalfConverter"),
            ("System.DateTimeOffset", "DateTimeOffsetConverter"),
            ("System.DateOnly", "DateOnlyConverter"),
            ("System.TimeOnly", "TimeOnlyConverter"),
            ("System.TimeSpan", "TimeSpanConverter"),
            ("System.Guid", "GuidConverter"),
            ("System.Uri", "UriConverter"),
            ("System.Version", "VersionConverter"),
            ("System.Text.Json.JsonElement", "JsonElementConverter"),
            ("System.Text.Json.JsonDocument", "JsonDocumentConverter"),
            ("System.Text.Json.Nodes.JsonNode", "JsonNodeConverter"),
            ("System.Text.Json.Nodes.JsonObject", "JsonObjectConverter"),
            ("System.Text.Json.Nodes.JsonArray", "JsonArrayConverter"),
            ("System.Text.Json.Nodes.JsonValue", "JsonValueConverter"),
        };

        /// <summary>Immutable collections (by metadata name) and the static class whose <c>CreateRange</c> builds each.</summary>
        private static readonly (string Type, string Factory)[] s_immutableCollections =
        {
            ("System.Collections.Immutable.ImmutableArray`1", "ImmutableArray"),
            ("System.Collections.Immutable.ImmutableList`1", "ImmutableList"),
            ("System.Collections.Immutable.IImmutableList`1", "ImmutableList"),
            ("System.Collections.Immutable.ImmutableStack`1", "ImmutableStack"),
            ("System.Collections.Immutable.IImmutableStack`1", "ImmutableStack"),
            ("System.Collections.Immutable.ImmutableQueue`1", "ImmutableQueue"),
            ("System.Collections.Immutable.IImmutableQueue`1", "ImmutableQueue"),
            ("System.Collections.Immutable.ImmutableSortedSet`1", "ImmutableSortedSet"),
            ("System.Collections.Immutable.ImmutableHashSet`1", "ImmutableHashSet"),
            ("System.Collections.Immutable.IImmutableSet`1", "ImmutableHashSet"),
            ("System.Collections.Immutable.ImmutableDictionary`2", "ImmutableDictionary"),
            ("System.Collections.Immutable.IImmutableDictionary`2", "ImmutableDictionary"),
            ("System.Collections.Immutable.ImmutableSortedDictionary`2", "ImmutableSortedDictionary"),
        };

        /// <summary>Fully qualified names without nullable annotations: one name per run-time type.</summary>
        private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>Fully qualified names with nullable annotations, for values passed where the app's annotations are checked.</summary>
        private static readonly SymbolDisplayFormat s_annotatedFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private readonly Compilation _compilation;
        private readonly KnownTypes _known;
        private readonly LocationInfo? _location;
        private readonly Dictionary<string, JsonTypeModel?> _types = new(StringComparer.Ordinal);
        private readonly List<DiagnosticInfo> _diagnostics = new();

        /// <param name="compilation">The app's compilation: what generated code in it can reach.</param>
        /// <param name="location">Where to report a problem found in a type that has no source in the app.</param>
        public JsonModelBuilder(Compilation compilation, LocationInfo? location)
        {
            _compilation = compilation;
            _known = KnownTypes.For(compilation);
            _location = location;
        }

        public EquatableArray<JsonTypeModel> Types =>
            _types.Values.OfType<JsonTypeModel>().OrderBy(static t => t.Type, StringComparer.Ordinal).ToEquatableArray();

        /// <summary>What can't be generated as System.Text.Json's generator would, with the reasons.</summary>
        public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

        /// <summary>
        /// Whether <paramref name="diagnostic"/> is about a JSON type. Several handlers reach the same type, so these
        /// are reported once for the whole URL table rather than with each handler.
        /// </summary>
        public static bool Reports(DiagnosticInfo diagnostic) =>
            diagnostic.Descriptor.Id is DiagnosticIds.UnusableJsonMember or DiagnosticIds.UnusableJsonConverter or DiagnosticIds.InvalidJsonContract
                or DiagnosticIds.InvalidFieldAnnotation;

        /// <summary>The members of an enum that isn't <c>[Flags]</c> (whose values combine), in declaration order; empty for other types.</summary>
        private static EquatableArray<JsonEnumMemberModel> EnumMembers(ITypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Enum || type.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute"))
            {
                return EquatableArray<JsonEnumMemberModel>.Empty;
            }

            return type.GetMembers().OfType<IFieldSymbol>().Where(static f => f.IsConst)
                .Select(static f => new JsonEnumMemberModel(
                    f.GetAttributes().Where(static a => a.AttributeClass?.ToDisplayString() == JsonNames.JsonStringEnumMemberNameAttribute)
                        .Select(static a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null).FirstOrDefault() ?? f.Name,
                    System.Convert.ToString(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) ?? "0"))
                .ToEquatableArray();
        }

        /// <summary>Adds <paramref name="type"/> and every type its metadata refers to.</summary>
        public void Add(ITypeSymbol type)
        {
            type = Erase(type);
            if (!CanReference(type))
            {
                return;
            }

            var name = FullName(type);
            if (_types.ContainsKey(name))
            {
                return;
            }

            // Reserve the name first: a type may refer to itself.
            _types[name] = null;
            var model = Create(type, name);
            if (model is null)
            {
                _types.Remove(name);
            }
            else
            {
                _types[name] = model;
            }
        }

        private JsonTypeModel? Create(ITypeSymbol type, string name)
        {
            var attributes = type.GetAttributes();

            // Polymorphism is read from the attributes at run time; the derived types need metadata of their own.
            foreach (var derived in attributes.Where(a => Is(a, JsonNames.JsonDerivedTypeAttribute)))
            {
                if (derived.ConstructorArguments.Length > 0 && derived.ConstructorArguments[0].Value is ITypeSymbol derivedType)
                {
                    Add(derivedType);
                }
            }

            // A [JsonConverter] on the type wins over everything else.
            var converterAttribute = attributes.FirstOrDefault(a => IsConverterAttribute(a.AttributeClass));
            if (converterAttribute is not null)
            {
                var converter = ConverterType(converterAttribute, type, Display(type),
                    $"{Display(type)} gets no JSON metadata from Micro, so reading or writing it fails in a native binary");
                return converter is null ? null : new JsonTypeModel(name, JsonTypeKind.CustomConverter, Converter: converter, IsValueType: type.IsValueType) { EnumMembers = EnumMembers(type) };
            }

            if (ValueConverter(type) is { } valueConverter)
            {
                return new JsonTypeModel(name, JsonTypeKind.Value, Converter: valueConverter, IsValueType: type.IsValueType);
            }

            if (IsUnsupported(type))
            {
                return new JsonTypeModel(name, JsonTypeKind.Unsupported, IsValueType: type.IsValueType);
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                Add(nullable.TypeArguments[0]);
                return new JsonTypeModel(name, JsonTypeKind.Nullable, ElementType: FullName(nullable.TypeArguments[0]), IsValueType: true);
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return new JsonTypeModel(name, JsonTypeKind.Enum, IsValueType: true) { EnumMembers = EnumMembers(type) };
            }

            var numberHandling = EnumAttribute(attributes, JsonNames.JsonNumberHandlingAttribute);
            return CreateCollection(type, name, numberHandling)
                ?? (type is INamedTypeSymbol named ? CreateObject(named, name, attributes, numberHandling) : null);
        }

        /// <summary>Arrays, lists, sets, dictionaries and the other collections System.Text.Json reads and writes, in the order its generator tries them.</summary>
        private JsonTypeModel? CreateCollection(ITypeSymbol type, string name, string? numberHandling)
        {
            string factory;
            ITypeSymbol element;
            ITypeSymbol? key = null;
            string? argument = null;
            string? runtimeType = null;
            INamedTypeSymbol? match;
            var isDictionary = false;
            var elementOnly = false;
            var collectionOnly = false;
            var immutable = ImmutableCollection(type);
            if (_known.Which(type, "System.Memory`1", "System.ReadOnlyMemory`1") is { } memory)
            {
                factory = memory == "System.Memory`1" ? "CreateMemoryInfo" : "CreateReadOnlyMemoryInfo";
                element = ((INamedTypeSymbol)type).TypeArguments[0];
                elementOnly = true;
            }
            else if ((match = Compatible(type, "System.Collections.Generic.IAsyncEnumerable<T>")) is not null)
            {
                factory = "CreateIAsyncEnumerableInfo";
                element = match.TypeArguments[0];
            }
            else if (type is IArrayTypeSymbol array)
            {
                factory = "CreateArrayInfo";
                element = array.ElementType;
                elementOnly = true;
            }
            else if (!Implements(type, "System.Collections.IEnumerable"))
            {
                return null;
            }
            else if ((match = Compatible(type, "System.Collections.ObjectModel.KeyedCollection<TKey, TItem>")) is not null)
            {
                factory = "CreateICollectionInfo";
                element = match.TypeArguments[1];
            }
            else if ((match = Compatible(type, "System.Collections.Generic.List<T>")) is not null)
            {
                factory = "CreateListInfo";
                element = match.TypeArguments[0];
            }
            else if ((match = Compatible(type, "System.Collections.Generic.Dictionary<TKey, TValue>")) is not null)
            {
                factory = "CreateDictionaryInfo";
                (key, element, isDictionary) = (match.TypeArguments[0], match.TypeArguments[1], true);
            }
            else if (immutable is { IsDictionary: true })
            {
                factory = "CreateImmutableDictionaryInfo";
                var arguments = ((INamedTypeSymbol)type).TypeArguments;
                (key, element, isDictionary) = (arguments[0], arguments[1], true);
                argument = $"createRangeFunc: global::System.Collections.Immutable.{immutable.Value.Factory}.CreateRange";
            }
            else if ((match = Compatible(type, "System.Collections.Generic.IDictionary<TKey, TValue>")) is not null)
            {
                factory = "CreateIDictionaryInfo";
                (key, element, isDictionary) = (match.TypeArguments[0], match.TypeArguments[1], true);
                runtimeType = SymbolEqualityComparer.Default.Equals(type, match) ? "global::System.Collections.Generic.Dictionary" : null;
            }
            else if ((match = Compatible(type, "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")) is not null)
            {
                factory = "CreateIReadOnlyDictionaryInfo";
                (key, element, isDictionary) = (match.TypeArguments[0], match.TypeArguments[1], true);
                runtimeType = SymbolEqualityComparer.Default.Equals(type, match) ? "global::System.Collections.Generic.Dictionary" : null;
            }
            else if (immutable is { } enumerable)
            {
                factory = "CreateImmutableEnumerableInfo";
                element = ((INamedTypeSymbol)type).TypeArguments[0];
                argument = $"createRangeFunc: global::System.Collections.Immutable.{enumerable.Factory}.CreateRange";
            }
            else if (FirstCompatible(type, out match,
                         ("System.Collections.Generic.IList<T>", "CreateIListInfo"),
                         ("System.Collections.Generic.ISet<T>", "CreateISetInfo"),
                         ("System.Collections.Generic.ICollection<T>", "CreateICollectionInfo"),
                         ("System.Collections.Generic.Stack<T>", "CreateStackInfo"),
                         ("System.Collections.Generic.Queue<T>", "CreateQueueInfo"),
                         ("System.Collections.Concurrent.ConcurrentStack<T>", "CreateConcurrentStackInfo"),
                         ("System.Collections.Concurrent.ConcurrentQueue<T>", "CreateConcurrentQueueInfo"),
                         ("System.Collections.Generic.IEnumerable<T>", "CreateIEnumerableInfo")) is { } generic)
            {
                factory = generic;
                element = match!.TypeArguments[0];
            }
            else
            {
                // The non-generic collections hold objects (and a dictionary's keys are strings).
                element = _compilation.GetSpecialType(SpecialType.System_Object);
                collectionOnly = true;
                if (Implements(type, "System.Collections.IDictionary"))
                {
                    factory = "CreateIDictionaryInfo";
                }
                else if (Implements(type, "System.Collections.IList"))
                {
                    factory = "CreateIListInfo";
                }
                else if (DerivesFrom(type, "System.Collections.Stack") || DerivesFrom(type, "System.Collections.Queue"))
                {
                    var stack = DerivesFrom(type, "System.Collections.Stack");
                    factory = stack ? "CreateStackInfo" : "CreateQueueInfo";
                    argument = $"addFunc: static (collection, value) => collection.{(stack ? "Push" : "Enqueue")}(value)";
                }
                else
                {
                    factory = "CreateIEnumerableInfo";
                }
            }

            if (!CanReference(element) || (key is not null && !CanReference(key)))
            {
                return new JsonTypeModel(name, JsonTypeKind.Unsupported, IsValueType: type.IsValueType);
            }

            Add(element);
            if (key is not null)
            {
                Add(key);
            }

            var elementName = FullName(element);
            var keyName = key is null ? null : FullName(key);
            var typeArguments = elementOnly ? elementName
                : collectionOnly ? name
                : isDictionary ? $"{name}, {keyName}, {elementName}"
                : $"{name}, {elementName}";
            var creator = runtimeType is not null ? $"new {runtimeType}<{keyName}, {elementName}>()"
                : HasDefaultConstructor(type) ? $"new {name}()"
                : null;
            return new JsonTypeModel(
                name,
                isDictionary ? JsonTypeKind.Dictionary : JsonTypeKind.Collection,
                ElementType: elementName,
                KeyType: keyName,
                Collection: $"{factory}<{typeArguments}>",
                CollectionArgument: argument,
                Creator: creator,
                IsValueType: type.IsValueType,
                NumberHandling: numberHandling);
        }

        private JsonTypeModel CreateObject(INamedTypeSymbol type, string name, ImmutableArray<AttributeData> attributes, string? numberHandling)
        {
            var display = Display(type);
            var constructor = DeserializationConstructor(type, display);

            // The construction strategy, and the constructor's parameters.
            var construction = JsonConstruction.None;
            var parameters = new List<JsonParameterModel>();
            var setsRequiredMembers = false;
            if (!((constructor is null && !type.IsValueType) || type.IsAbstract))
            {
                setsRequiredMembers = constructor is not null && constructor.GetAttributes().Any(a => Is(a, JsonNames.SetsRequiredMembersAttribute));
                if (constructor is null || constructor.Parameters.IsEmpty)
                {
                    construction = JsonConstruction.Parameterless;
                }
                else if (constructor.Parameters.All(p => p.RefKind is RefKind.None or RefKind.In && CanReference(p.Type)))
                {
                    construction = JsonConstruction.Parameterized;
                    foreach (var parameter in constructor.Parameters)
                    {
                        parameters.Add(new JsonParameterModel(
                            parameter.Name,
                            AnnotatedName(parameter.Type),
                            FullName(Erase(parameter.Type)),
                            parameters.Count,
                            parameter.HasExplicitDefaultValue,
                            parameter.HasExplicitDefaultValue ? Symbols.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue) : null,
                            IsNullableParameter(parameter)));
                        Add(parameter.Type);
                    }
                }
            }

            // Members: every type of the hierarchy, most derived first; the run time resolves shadowing and name clashes.
            var members = new List<Member>();
            var ignored = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
            var hasExtensionData = false;
            foreach (var declaring in Hierarchy(type))
            {
                // Properties, then fields.
                foreach (var member in declaring.GetMembers().OrderBy(static m => m is IPropertySymbol ? 0 : 1))
                {
                    var memberType = member switch
                    {
                        IPropertySymbol { IsStatic: false, Parameters.IsEmpty: true } property when !IsOverriddenAndIgnored(property, ignored) => property.Type,
                        IFieldSymbol { IsStatic: false, IsConst: false, AssociatedSymbol: null, IsExplicitlyNamedTupleElement: false } field => field.Type,
                        _ => null,
                    };
                    if (memberType is not null && ParseMember(type, display, declaring, member, memberType, setsRequiredMembers, ref hasExtensionData) is { } parsed)
                    {
                        members.Add(parsed);
                        if (parsed.Model.IsAlwaysIgnored)
                        {
                            ignored[member.Name] = member;
                        }
                    }
                }
            }

            // Init-only and required members are set in the object initializer of the creating expression.
            var initializers = new List<JsonMemberInitializerModel>();
            if (construction != JsonConstruction.None)
            {
                var initialized = new HashSet<string>(StringComparer.Ordinal);
                var position = parameters.Count;
                foreach (var member in members.Where(m => m.Model.CanSet && ((m.IsRequired && !setsRequiredMembers) || m.Model.IsInitOnly)))
                {
                    // Shadowed members come after the members that hide them.
                    if (!initialized.Add(member.Model.Name))
                    {
                        continue;
                    }

                    var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, member.Model.Name, StringComparison.OrdinalIgnoreCase));
                    if (member.IsRequired || parameter is null)
                    {
                        construction = JsonConstruction.Parameterized;
                        initializers.Add(new JsonMemberInitializerModel(
                            member.Model.Name,
                            member.Model.Access,
                            member.Model.Type,
                            member.Model.RuntimeType,
                            parameter?.Position ?? position++,
                            parameter is not null,
                            member.CanBeNull && !member.Model.IsSetterNonNullable));
                    }
                }
            }

            return new JsonTypeModel(
                name,
                JsonTypeKind.Object,
                Creator: construction == JsonConstruction.None ? null : "new " + name,
                IsValueType: type.IsValueType,
                NumberHandling: numberHandling,
                UnmappedMemberHandling: EnumAttribute(attributes, JsonNames.JsonUnmappedMemberHandlingAttribute),
                ObjectCreationHandling: EnumAttribute(attributes, JsonNames.JsonObjectCreationHandlingAttribute),
                Construction: construction,
                Properties: members.Select(static m => m.Model).ToEquatableArray(),
                ConstructorParameters: parameters.ToEquatableArray(),
                MemberInitializers: initializers.ToEquatableArray());
        }

        /// <summary>A property or field as System.Text.Json's generator sees it, or null when it leaves the member out.</summary>
        private Member? ParseMember(
            INamedTypeSymbol type,
            string display,
            INamedTypeSymbol declaring,
            ISymbol member,
            ITypeSymbol memberType,
            bool setsRequiredMembers,
            ref bool hasExtensionData)
        {
            // Attributes.
            AttributeData? converterAttribute = null;
            var hasJsonInclude = false;
            var isExtensionData = false;
            var hasJsonRequired = false;
            string? jsonName = null;
            string? ignoreCondition = null;
            string? numberHandling = null;
            string? objectCreationHandling = null;
            var order = 0;
            foreach (var attribute in member.GetAttributes())
            {
                if (converterAttribute is null && IsConverterAttribute(attribute.AttributeClass))
                {
                    converterAttribute = attribute;
                    continue;
                }

                var argument = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0] : default;
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case JsonNames.JsonIgnoreAttribute:
                        if (attribute.NamedArguments.Length == 0)
                        {
                            ignoreCondition = JsonNames.IgnoreAlways;
                        }
                        else if (attribute.NamedArguments.Length == 1 && attribute.NamedArguments[0].Key == "Condition")
                        {
                            ignoreCondition = FormatEnum(attribute.NamedArguments[0].Value);
                        }

                        break;
                    case JsonNames.JsonIncludeAttribute:
                        hasJsonInclude = true;
                        break;
                    case JsonNames.JsonNumberHandlingAttribute:
                        numberHandling = FormatEnum(argument);
                        break;
                    case JsonNames.JsonObjectCreationHandlingAttribute:
                        objectCreationHandling = FormatEnum(argument);
                        break;
                    case JsonNames.JsonPropertyNameAttribute:
                        jsonName = argument.Value as string;
                        break;
                    case JsonNames.JsonPropertyOrderAttribute:
                        order = argument.Value is int value ? value : 0;
                        break;
                    case JsonNames.JsonExtensionDataAttribute:
                        isExtensionData = true;
                        break;
                    case JsonNames.JsonRequiredAttribute:
                        hasJsonRequired = true;
                        break;
                }
            }

            // What generated code can reach: public members, and non-public ones it can see when they have [JsonInclude].
            var isAccessible = false;
            var canGet = false;
            var canSet = false;
            var isInitOnly = false;
            var unreachable = (string?)null;
            var isRequired = false;
            var getterNonNullable = false;
            var setterNonNullable = false;
            if (member is IPropertySymbol property)
            {
                isRequired = property.IsRequired;
                if (property.GetMethod is { } getter)
                {
                    (isAccessible, canGet) = Reach(getter, hasJsonInclude, isAccessible, "getter", ref unreachable);
                }

                if (property.SetMethod is { } setter)
                {
                    isInitOnly = setter.IsInitOnly;
                    (isAccessible, canSet) = Reach(setter, hasJsonInclude, isAccessible, "setter", ref unreachable);
                }

                if (CanBeNull(property.Type))
                {
                    var definition = property.OriginalDefinition;
                    getterNonNullable = definition.GetMethod is not null && IsOutputNonNullable(definition, definition.Type);
                    setterNonNullable = definition.SetMethod is not null && IsInputNonNullable(definition, definition.Type);
                }
            }
            else if (member is IFieldSymbol field)
            {
                isRequired = field.IsRequired;
                if (field.DeclaredAccessibility == Accessibility.Public)
                {
                    (isAccessible, canGet, canSet) = (true, true, !field.IsReadOnly);
                }
                else if (IsAccessible(field))
                {
                    (isAccessible, canGet, canSet) = (true, hasJsonInclude, hasJsonInclude && !field.IsReadOnly);
                }
                else if (hasJsonInclude)
                {
                    unreachable = "field";
                }

                if (CanBeNull(field.Type))
                {
                    var definition = field.OriginalDefinition;
                    getterNonNullable = IsOutputNonNullable(definition, definition.Type);
                    setterNonNullable = IsInputNonNullable(definition, definition.Type);
                }
            }

            var memberDisplay = $"{display}.{member.Name}";
            if (unreachable is not null)
            {
                // A member whose every accessor is out of reach makes the whole type fail, as it does in System.Text.Json.
                var (what, consequence) = (isAccessible ? unreachable : "member") switch
                {
                    "getter" => ("this property's getter", $"writing {display} as JSON throws"),
                    "setter" => ("this property's setter", $"reading {display} from JSON throws"),
                    _ => (member is IFieldSymbol ? "this field" : "this property", $"reading or writing {display} as JSON throws"),
                };
                Report(DiagnosticDescriptors.UnusableJsonMember, member, memberDisplay,
                    $"[JsonInclude] needs what it marks to be reachable from generated code, and {what} is private or protected; make it public or internal (until then, {consequence} InvalidOperationException, as with System.Text.Json's source generator)");
            }

            if (isExtensionData)
            {
                if (hasExtensionData)
                {
                    Report(DiagnosticDescriptors.InvalidJsonContract, member, display, "it has more than one [JsonExtensionData] member; keep one");
                }

                if (!IsExtensionDataType(memberType))
                {
                    Report(DiagnosticDescriptors.InvalidJsonContract, member, display,
                        $"its [JsonExtensionData] member {member.Name} must be a Dictionary<string, JsonElement>, a Dictionary<string, object> or a JsonObject");
                }

                hasExtensionData = true;
            }

            if (!canGet && !canSet && unreachable is null)
            {
                return null;
            }

            var alwaysIgnored = ignoreCondition == JsonNames.IgnoreAlways;
            if (!CanReference(Erase(memberType)))
            {
                if (Symbols.IsRefLikeOrPointer(memberType) && !alwaysIgnored)
                {
                    Report(DiagnosticDescriptors.UnusableJsonMember, member, memberDisplay,
                        $"its type {memberType.ToDisplayString()} is a ref struct or a pointer, which JSON can't hold; it is left out (mark it [JsonIgnore])");
                }

                return null;
            }

            if (!alwaysIgnored)
            {
                Add(memberType);
            }

            string? converter = null;
            string? nullableUnderlying = null;
            if (converterAttribute is not null)
            {
                converter = ConverterType(converterAttribute, memberType, memberDisplay, $"{memberDisplay} uses the converter of its type");
                if (converter is not null && memberType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                {
                    nullableUnderlying = FullName(nullable.TypeArguments[0]);
                }
            }

            var model = new JsonPropertyModel(
                member.Name,
                Identifier(member.Name),
                FullName(declaring),
                AnnotatedName(memberType),
                FullName(Erase(memberType)),
                member is IPropertySymbol,
                isAccessible,
                member.IsVirtual || member.IsOverride || member.IsAbstract,
                canGet,
                canSet,
                isInitOnly,
                hasJsonInclude,
                isExtensionData,
                jsonName,
                ignoreCondition,
                numberHandling,
                objectCreationHandling,
                converter,
                nullableUnderlying,
                order,
                hasJsonRequired || (isRequired && !setsRequiredMembers),
                getterNonNullable,
                setterNonNullable);
            return new Member(model, isRequired, CanBeNull(memberType));
        }

        /// <summary>Whether generated code can use an accessor: always when public, with <c>[JsonInclude]</c> when it can see it.</summary>
        private (bool IsAccessible, bool CanUse) Reach(IMethodSymbol accessor, bool hasJsonInclude, bool wasAccessible, string kind, ref string? unreachable)
        {
            if (accessor.DeclaredAccessibility == Accessibility.Public)
            {
                return (true, true);
            }

            if (IsAccessible(accessor))
            {
                return (true, hasJsonInclude);
            }

            if (hasJsonInclude)
            {
                unreachable = unreachable is null ? kind : "member";
            }

            return (wasAccessible, false);
        }

        /// <summary>
        /// The constructor System.Text.Json uses to read <paramref name="type"/>: the one with <c>[JsonConstructor]</c>,
        /// else the public parameterless one, else the only public one; a struct without the attribute uses its default.
        /// </summary>
        private IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type, string display)
        {
            var constructors = type.InstanceConstructors
                .Where(c => !(c.IsImplicitlyDeclared && type.IsValueType && c.Parameters.IsEmpty))
                .ToList();
            var publicConstructors = constructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            var annotated = constructors.Where(c => c.GetAttributes().Any(a => Is(a, JsonNames.JsonConstructorAttribute))).ToList();
            if (annotated.Count > 1)
            {
                Report(DiagnosticDescriptors.InvalidJsonContract, type, display, "it has more than one [JsonConstructor]; keep one");
                return null;
            }

            var isKeyValuePair = _known.Is(type, "System.Collections.Generic.KeyValuePair`2");
            if (annotated.Count == 0 && type.IsValueType && !isKeyValuePair)
            {
                return null;
            }

            var constructor = annotated.FirstOrDefault()
                ?? publicConstructors.FirstOrDefault(static c => c.Parameters.IsEmpty)
                ?? (publicConstructors.Count == 1 ? publicConstructors[0] : null);
            if (constructor is not null && !IsAccessible(constructor))
            {
                Report(DiagnosticDescriptors.UnusableJsonMember, constructor, $"{display}'s constructor",
                    $"[JsonConstructor] is on a constructor generated code can't call, because it is private or protected; make it public or internal (until then, {display} can't be read from JSON, as with System.Text.Json's source generator)");
                return null;
            }

            return constructor;
        }

        /// <summary>
        /// The converter type of a <c>[JsonConverter]</c> on <paramref name="target"/> (of type <paramref name="convertedType"/>), or
        /// null, reported, when generated code can't create it.
        /// </summary>
        private string? ConverterType(AttributeData attribute, ITypeSymbol convertedType, string target, string consequence)
        {
            string? problem = null;
            var converter = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
            if (attribute.AttributeClass?.ToDisplayString() != JsonNames.JsonConverterAttribute)
            {
                problem = $"{attribute.AttributeClass?.Name} derives from JsonConverterAttribute, and generated code can't call its CreateConverter; use [JsonConverter(typeof(...))] with a converter type";
            }
            else if (converter is null || !DerivesFrom(converter, JsonNames.JsonConverter))
            {
                problem = $"{converter?.ToDisplayString() ?? "null"} is not a JsonConverter";
            }
            else if (converter.IsAbstract || converter.IsUnboundGenericType || !CanReference(converter)
                     || !converter.InstanceConstructors.Any(c => c.Parameters.IsEmpty && IsAccessible(c)))
            {
                problem = $"generated code can't create {converter.ToDisplayString()}: it needs a public or internal parameterless constructor, and not to be abstract or generic";
            }

            if (problem is not null)
            {
                Report(DiagnosticDescriptors.UnusableJsonConverter, attribute, target, $"{problem} ({consequence})");
                return null;
            }

            // The string enum converter creates its generic form by reflection; name that form, which needs none.
            var enumType = convertedType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : convertedType;
            if (_known.Is(converter, JsonNames.JsonStringEnumConverter) && enumType.TypeKind == TypeKind.Enum)
            {
                return $"global::{JsonNames.JsonStringEnumConverter}<{FullName(enumType)}>";
            }

            return FullName(converter!);
        }

        private bool IsConverterAttribute(INamedTypeSymbol? attribute) =>
            attribute is not null && DerivesFrom(attribute, JsonNames.JsonConverterAttribute);

        /// <summary>A type System.Text.Json refuses to serialize: it writes metadata that throws NotSupportedException.</summary>
        private bool IsUnsupported(ITypeSymbol type) =>
            type is IArrayTypeSymbol { Rank: > 1 }
            || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr
            || type.TypeKind == TypeKind.Delegate
            || _known.Is(type, "System.Runtime.Serialization.SerializationInfo")
            || DerivesFrom(type, "System.Reflection.MemberInfo")
            || DerivesFrom(type, "System.Delegate");

        private bool IsExtensionDataType(ITypeSymbol type)
        {
            if (_known.Is(type, "System.Text.Json.Nodes.JsonObject"))
            {
                return true;
            }

            var dictionary = Compatible(type, "System.Collections.Generic.IDictionary<TKey, TValue>");
            return dictionary is not null
                && dictionary.TypeArguments[0].SpecialType == SpecialType.System_String
                && (dictionary.TypeArguments[1].SpecialType == SpecialType.System_Object
                    || _known.Is(dictionary.TypeArguments[1], "System.Text.Json.JsonElement"));
        }

        /// <summary>
        /// A member hidden by an ignored override in a derived type is ignored too, as System.Text.Json's generator
        /// leaves it out.
        /// </summary>
        private static bool IsOverriddenAndIgnored(IPropertySymbol property, Dictionary<string, ISymbol> ignored) =>
            IsVirtual(property)
            && ignored.TryGetValue(property.Name, out var other)
            && IsVirtual(other)
            && SymbolEqualityComparer.Default.Equals(property.Type, other is IPropertySymbol p ? p.Type : ((IFieldSymbol)other).Type);

        private static bool IsVirtual(ISymbol symbol) => symbol.IsVirtual || symbol.IsOverride || symbol.IsAbstract;

        /// <summary>The type, then its base types; an interface, then the interfaces it extends, most derived first.</summary>
        private static IEnumerable<INamedTypeSymbol> Hierarchy(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Interface)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    yield return current;
                }

                yield break;
            }

            var remaining = new List<INamedTypeSymbol> { type };
            remaining.AddRange(type.AllInterfaces);
            while (remaining.Count > 0)
            {
                var next = remaining.First(candidate => !remaining.Any(other =>
                    !SymbolEqualityComparer.Default.Equals(other, candidate) && other.AllInterfaces.Contains(candidate, SymbolEqualityComparer.Default)));
                remaining.Remove(next);
                yield return next;
            }
        }

        /// <summary>The first of <paramref name="candidates"/> (a generic type definition and its factory) that <paramref name="type"/> is or implements.</summary>
        private string? FirstCompatible(ITypeSymbol type, out INamedTypeSymbol? match, params (string Definition, string Factory)[] candidates)
        {
            foreach (var (definition, factory) in candidates)
            {
                match = Compatible(type, definition);
                if (match is not null)
                {
                    return factory;
                }
            }

            match = null;
            return null;
        }

        /// <summary>The constructed form of the generic type <paramref name="definition"/> that <paramref name="type"/> is, derives from or implements.</summary>
        private INamedTypeSymbol? Compatible(ITypeSymbol type, string definition)
        {
            var metadataName = MetadataName(definition);
            foreach (var candidate in type.AllInterfaces)
            {
                if (candidate.IsGenericType && _known.Is(candidate, metadataName))
                {
                    return candidate;
                }
            }

            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (current.IsGenericType && _known.Is(current, metadataName))
                {
                    return current;
                }
            }

            return null;
        }

        private bool Implements(ITypeSymbol type, string interfaceName) => _known.Implements(type, interfaceName);

        private bool DerivesFrom(ITypeSymbol type, string baseName)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (_known.Is(current, baseName))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The converter System.Text.Json's metadata has for values of <paramref name="type"/>, or null.</summary>
        private string? ValueConverter(ITypeSymbol type)
        {
            if (s_specialTypeConverters.TryGetValue(type.SpecialType, out var converter))
            {
                return converter;
            }

            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            {
                return "ByteArrayConverter";
            }

            if (type is INamedTypeSymbol { TypeArguments.Length: 1 } bytes && bytes.TypeArguments[0].SpecialType == SpecialType.System_Byte
                && _known.Which(bytes, "System.Memory`1", "System.ReadOnlyMemory`1") is { } memory)
            {
                return memory == "System.Memory`1" ? "MemoryByteConverter" : "ReadOnlyMemoryByteConverter";
            }

            foreach (var (name, valueConverter) in s_valueConverters)
            {
                if (_known.Is(type, name))
                {
                    return valueConverter;
                }
            }

            return null;
        }

        /// <summary>The immutable collection <paramref name="type"/> is, and the class that builds it, or null.</summary>
        private (string Factory, bool IsDictionary)? ImmutableCollection(ITypeSymbol type)
        {
            foreach (var (name, factory) in s_immutableCollections)
            {
                if (_known.Is(type, name))
                {
                    return (factory, name.EndsWith("`2", StringComparison.Ordinal));
                }
            }

            return null;
        }

        /// <summary>The metadata name of a type written as C# shows it: <c>System.Collections.Generic.IDictionary`2</c> for <c>...IDictionary&lt;TKey, TValue&gt;</c>.</summary>
        private static string MetadataName(string displayName)
        {
            var open = displayName.IndexOf('<');
            return open < 0
                ? displayName
                : displayName.Substring(0, open) + "`" + (displayName.Count(static c => c == ',') + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static bool HasDefaultConstructor(ITypeSymbol type) =>
            type is INamedTypeSymbol named && !type.IsAbstract && type.TypeKind != TypeKind.Interface
            && (type.IsValueType || named.InstanceConstructors.Any(static c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.IsEmpty));

        private bool Is(AttributeData attribute, string name) => _known.Is(attribute.AttributeClass, name);

        /// <summary>The value of an attribute whose one argument is an enum (<c>[JsonNumberHandling(...)]</c>), as a C# expression.</summary>
        private string? EnumAttribute(ImmutableArray<AttributeData> attributes, string name) =>
            attributes.FirstOrDefault(a => Is(a, name)) is { ConstructorArguments.Length: > 0 } attribute ? FormatEnum(attribute.ConstructorArguments[0]) : null;

        /// <summary>An enum value as C#: a member (<c>global::E.A</c>), members of a flags enum (<c>global::E.A | global::E.B</c>), or a cast.</summary>
        private static string? FormatEnum(TypedConstant constant)
        {
            if (constant.Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType || constant.Value is null)
            {
                return null;
            }

            var typeName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var value = Convert.ToInt64(constant.Value, CultureInfo.InvariantCulture);
            var fields = enumType.GetMembers().OfType<IFieldSymbol>().Where(static f => f.HasConstantValue)
                .Select(static f => (f.Name, Value: Convert.ToInt64(f.ConstantValue, CultureInfo.InvariantCulture))).ToList();
            if (fields.FirstOrDefault(f => f.Value == value) is { Name: not null } exact)
            {
                return $"{typeName}.{exact.Name}";
            }

            var flags = fields.Where(f => f.Value != 0 && (value & f.Value) == f.Value).ToList();
            return flags.Count > 0 && flags.Aggregate(0L, static (all, f) => all | f.Value) == value
                ? string.Join(" | ", flags.Select(f => $"{typeName}.{f.Name}"))
                : $"({typeName})({value.ToString(CultureInfo.InvariantCulture)})";
        }

        /// <summary>
        /// Whether generated code can name <paramref name="type"/>: no ref structs, pointers, type parameters or
        /// file-local types, and every type in it accessible from the app's assembly.
        /// </summary>
        private bool CanReference(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => CanReference(array.ElementType),
            INamedTypeSymbol named => !named.IsRefLikeType && !named.IsUnboundGenericType && named.TypeKind != TypeKind.Error
                && IsVisible(named) && named.TypeArguments.All(CanReference),
            _ => false,
        };

        private bool IsVisible(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.IsFileLocal || !_compilation.IsSymbolAccessibleWithin(current.OriginalDefinition, _compilation.Assembly))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsAccessible(ISymbol member) => _compilation.IsSymbolAccessibleWithin(member, _compilation.Assembly);

        /// <summary>The type without nullable annotations or tuple element names: the type System.Text.Json sees at run time.</summary>
        private ITypeSymbol Erase(ITypeSymbol type)
        {
            if (type.NullableAnnotation == NullableAnnotation.Annotated && type.IsReferenceType)
            {
                type = type.WithNullableAnnotation(NullableAnnotation.None);
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    return _compilation.CreateArrayTypeSymbol(Erase(array.ElementType), array.Rank);
                case INamedTypeSymbol { IsTupleType: true } tuple when tuple.TupleElements.Length > 1:
                    return _compilation.CreateTupleTypeSymbol(tuple.TupleElements.Select(e => Erase(e.Type)).ToImmutableArray());
                case INamedTypeSymbol { IsGenericType: true, IsUnboundGenericType: false } generic when generic.ContainingType is not { IsGenericType: true }:
                    return generic.ConstructedFrom.Construct(generic.TypeArguments.Select(Erase).ToArray());
                default:
                    return type;
            }
        }

        private void Report(DiagnosticDescriptor descriptor, ISymbol symbol, params string[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(symbol.Locations.FirstOrDefault(static l => l.IsInSource)) ?? _location, arguments));

        private void Report(DiagnosticDescriptor descriptor, AttributeData attribute, params string[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()) ?? _location, arguments));

        private static bool CanBeNull(ITypeSymbol type) =>
            !type.IsValueType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

        /// <summary>
        /// Whether a constructor parameter accepts null, as System.Text.Json's generator reads the annotations (of the
        /// generic definition, since one run-time type serves every annotation of its type arguments).
        /// </summary>
        private bool IsNullableParameter(IParameterSymbol parameter) =>
            CanBeNull(parameter.Type) && !IsInputNonNullable(parameter.OriginalDefinition, parameter.OriginalDefinition.Type);

        private bool IsOutputNonNullable(ISymbol symbol, ITypeSymbol type) =>
            !HasCodeAnalysisAttribute(symbol, "MaybeNullAttribute")
            && (HasCodeAnalysisAttribute(symbol, "NotNullAttribute")
                || (type is not ITypeParameterSymbol { HasNotNullConstraint: false } && type.NullableAnnotation == NullableAnnotation.NotAnnotated));

        private bool IsInputNonNullable(ISymbol symbol, ITypeSymbol type) =>
            !HasCodeAnalysisAttribute(symbol, "AllowNullAttribute")
            && (HasCodeAnalysisAttribute(symbol, "DisallowNullAttribute")
                || (type is not ITypeParameterSymbol { HasNotNullConstraint: false } && type.NullableAnnotation == NullableAnnotation.NotAnnotated));

        private bool HasCodeAnalysisAttribute(ISymbol symbol, string name) =>
            symbol.GetAttributes().Any(a => _known.Is(a.AttributeClass, "System.Diagnostics.CodeAnalysis." + name));

        /// <summary>A member name as generated code writes it after a dot: keywords get an <c>@</c>.</summary>
        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        public static string FullName(ITypeSymbol type) => type.ToDisplayString(s_typeFormat);

        /// <summary>A type as diagnostics name it: <c>Order</c>, <c>Page&lt;Book&gt;</c>.</summary>
        private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        private static string AnnotatedName(ITypeSymbol type) => type.ToDisplayString(s_annotatedFormat);

        /// <param name="IsRequired">The member is C# <c>required</c>.</param>
        /// <param name="CanBeNull">The member's type can hold null.</param>
        private sealed record Member(JsonPropertyModel Model, bool IsRequired, bool CanBeNull);
    }
}
