using System.Globalization;
using System.Linq;
using Micro.Generators.Shared;

namespace Micro.Generators.Json
{
    /// <summary>
    /// Writes System.Text.Json metadata for the app's types with <c>JsonMetadataServices</c>, the public API
    /// System.Text.Json's own generator uses, so that reading and writing JSON needs no reflection. The metadata
    /// is what that generator writes for the same types: converters registered in the options win, then
    /// <c>[JsonConverter]</c>, then the type's members with what their attributes ask for.
    /// </summary>
    internal static class JsonEmitter
    {
        public const string HintName = "Micro.Json.MicroJsonResolver.g.cs";
        public const string ResolverType = "global::Micro.Generated.MicroJsonResolver";

        private const string Serialization = "global::System.Text.Json.Serialization";
        private const string Metadata = Serialization + ".Metadata";
        private const string Services = Metadata + ".JsonMetadataServices";
        private const string Options = "global::System.Text.Json.JsonSerializerOptions";
        private const string Converter = Serialization + ".JsonConverter";

        public static string EmitResolver(EquatableArray<JsonTypeModel> types)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("#pragma warning disable CS0612, CS0618 // the app's obsolete members are still read and written");
            writer.Line();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>System.Text.Json metadata for the types the app's routes read and write, without reflection.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"internal sealed class MicroJsonResolver : {Metadata}.IJsonTypeInfoResolver").OpenBrace();
            writer.Line("public static MicroJsonResolver Instance { get; } = new MicroJsonResolver();");
            writer.Line();
            writer.Line($"public {Metadata}.JsonTypeInfo? GetTypeInfo(global::System.Type type, {Options} options)").OpenBrace();
            for (var i = 0; i < types.Count; i++)
            {
                writer.Line($"if (type == typeof({types[i].Type})) return Create{Index(i)}(options);");
            }

            writer.Line("return null;");
            writer.CloseBrace();

            for (var i = 0; i < types.Count; i++)
            {
                writer.Line();
                EmitType(writer, types[i], Index(i));
            }

            writer.Line();
            EmitConverterHelpers(writer, types.Any(static t => t.Properties.Any(static p => p.NullableUnderlyingType is not null)));
            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitType(SourceWriter writer, JsonTypeModel type, string index)
        {
            var t = type.Type;
            writer.Line($"// {t}");
            writer.Line($"private static {Metadata}.JsonTypeInfo<{t}> Create{index}({Options} options)").OpenBrace();

            // As with System.Text.Json's generator, a converter added to the options wins over the metadata below.
            writer.Line($"if (ConverterFromOptions(typeof({t}), options) is {{ }} converter)").OpenBrace();
            writer.Line($"return {Services}.CreateValueInfo<{t}>(options, converter);");
            writer.CloseBrace();
            writer.Line();
            switch (type.Kind)
            {
                case JsonTypeKind.Value:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, {Services}.{type.Converter});");
                    break;
                case JsonTypeKind.CustomConverter:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, ExpandConverter(typeof({t}), new {type.Converter}(), options));");
                    break;
                case JsonTypeKind.Unsupported:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, {Services}.GetUnsupportedTypeConverter<{t}>());");
                    break;
                case JsonTypeKind.Enum:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, {Services}.GetEnumConverter<{t}>(options));");
                    break;
                case JsonTypeKind.Nullable:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, {Services}.GetNullableConverter<{type.ElementType}>(options));");
                    break;
                case JsonTypeKind.Collection:
                case JsonTypeKind.Dictionary:
                    EmitCollection(writer, type);
                    break;
                case JsonTypeKind.Object:
                    EmitObject(writer, type);
                    break;
            }

            writer.CloseBrace();
        }

        private static void EmitCollection(SourceWriter writer, JsonTypeModel type)
        {
            writer.Line($"var values = new {Metadata}.JsonCollectionInfoValues<{type.Type}>").OpenBrace();
            writer.Line($"ObjectCreator = {(type.Creator is null ? "null" : "static () => " + type.Creator)},");
            writer.CloseBrace(";");
            var extra = type.CollectionArgument is null ? "" : ", " + type.CollectionArgument;
            writer.Line($"var typeInfo = {Services}.{type.Collection}(options, values{extra});");
            EmitNumberHandling(writer, type);
            writer.Line("return typeInfo;");
        }

        private static void EmitObject(SourceWriter writer, JsonTypeModel type)
        {
            var t = type.Type;
            writer.Line($"var values = new {Metadata}.JsonObjectInfoValues<{t}>").OpenBrace();
            writer.Line($"ObjectCreator = {(type.Construction == JsonConstruction.Parameterless ? $"static () => {type.Creator}()" : "null")},");
            if (type.Construction == JsonConstruction.Parameterized)
            {
                var arguments = string.Join(", ", type.ConstructorParameters.Select(static p => Argument(p.Type, p.Position)));
                var members = type.MemberInitializers.Count == 0
                    ? ""
                    : " { " + string.Join(", ", type.MemberInitializers.Select(static m => $"{m.Access} = {Argument(m.Type, m.Position)}")) + " }";
                writer.Line($"ObjectWithParameterizedConstructorCreator = static args => {type.Creator}({arguments}){members},");
                writer.Line($"ConstructorParameterMetadataInitializer = static () => new {Metadata}.JsonParameterInfoValues[]").OpenBrace();
                foreach (var parameter in type.ConstructorParameters)
                {
                    EmitParameter(writer, parameter.Name, parameter.RuntimeType, parameter.Position, parameter.HasDefaultValue, parameter.DefaultValue, parameter.IsNullable, isMemberInitializer: false);
                }

                foreach (var member in type.MemberInitializers.Where(static m => !m.MatchesConstructorParameter))
                {
                    EmitParameter(writer, member.Name, member.RuntimeType, member.Position, hasDefaultValue: false, defaultValue: null, member.IsNullable, isMemberInitializer: true);
                }

                writer.CloseBrace(",");
            }

            writer.Line("PropertyMetadataInitializer = _ => Properties(options),");
            writer.CloseBrace(";");
            writer.Line($"var typeInfo = {Services}.CreateObjectInfo<{t}>(options, values);");
            EmitNumberHandling(writer, type);
            if (type.UnmappedMemberHandling is not null)
            {
                writer.Line($"typeInfo.UnmappedMemberHandling = {type.UnmappedMemberHandling};");
            }

            if (type.ObjectCreationHandling is not null)
            {
                writer.Line($"typeInfo.PreferredPropertyObjectCreationHandling = {type.ObjectCreationHandling};");
            }

            writer.Line("return typeInfo;");

            writer.Line();
            writer.Line($"static {Metadata}.JsonPropertyInfo[] Properties({Options} options)").OpenBrace();
            writer.Line($"var properties = new {Metadata}.JsonPropertyInfo[{type.Properties.Count.ToString(CultureInfo.InvariantCulture)}];");
            for (var i = 0; i < type.Properties.Count; i++)
            {
                EmitProperty(writer, type, type.Properties[i], $"properties[{Index(i)}]");
            }

            writer.Line("return properties;");
            writer.CloseBrace();
        }

        /// <summary>
        /// The type's <c>[JsonNumberHandling]</c>, or none: the info values passed to <c>JsonMetadataServices</c> say
        /// <c>Strict</c> when they say nothing, which would hide the options' number handling from the type's members.
        /// </summary>
        private static void EmitNumberHandling(SourceWriter writer, JsonTypeModel type) =>
            writer.Line($"typeInfo.NumberHandling = {type.NumberHandling ?? "null"};");

        private static void EmitParameter(SourceWriter writer, string name, string type, int position, bool hasDefaultValue, string? defaultValue, bool isNullable, bool isMemberInitializer)
        {
            writer.Line($"new {Metadata}.JsonParameterInfoValues").OpenBrace();
            writer.Line($"Name = {GeneratedCode.Literal(name)},");
            writer.Line($"ParameterType = typeof({type}),");
            writer.Line($"Position = {position.ToString(CultureInfo.InvariantCulture)},");
            writer.Line($"HasDefaultValue = {Bool(hasDefaultValue)},");
            writer.Line($"DefaultValue = {(hasDefaultValue ? defaultValue : "null")},");
            writer.Line($"IsNullable = {Bool(isNullable)},");
            writer.Line($"IsMemberInitializer = {Bool(isMemberInitializer)},");
            writer.CloseBrace(",");
        }

        private static void EmitProperty(SourceWriter writer, JsonTypeModel type, JsonPropertyModel property, string target)
        {
            var p = property.Type;
            var instance = $"(({property.DeclaringType})obj)";
            var getter = property.IsAlwaysIgnored ? "null"
                : property.CanGet ? $"static obj => {instance}.{property.Access}"
                : property.HasJsonInclude ? Throw($"{TypeName(type.Type)}.{property.Name} has [JsonInclude], but generated code can't read it; make its getter public or internal.")
                : "null";
            var setter = property.IsAlwaysIgnored ? "null"
                : property.CanSet && property.IsInitOnly ? Throw($"{TypeName(type.Type)}.{property.Name} is init-only: it is set when the object is created, not afterwards.", "(obj, value)")
                : property.CanSet && type.IsValueType ? $"static (obj, value) => global::System.Runtime.CompilerServices.Unsafe.Unbox<{property.DeclaringType}>(obj).{property.Access} = value!"
                : property.CanSet ? $"static (obj, value) => {instance}.{property.Access} = value!"
                : property.HasJsonInclude ? Throw($"{TypeName(type.Type)}.{property.Name} has [JsonInclude], but generated code can't set it; make its setter public, internal or init.", "(obj, value)")
                : "null";
            var converter = property.Converter is null ? "null"
                : property.NullableUnderlyingType is not null ? $"NullablePropertyConverter<{property.NullableUnderlyingType}>(new {property.Converter}(), options)"
                : $"({Converter}<{p}>)ExpandConverter(typeof({property.RuntimeType}), new {property.Converter}(), options)";

            writer.Line($"{target} = {Services}.CreatePropertyInfo<{p}>(options, new {Metadata}.JsonPropertyInfoValues<{p}>").OpenBrace();
            writer.Line($"IsProperty = {Bool(property.IsProperty)},");
            writer.Line($"IsPublic = {Bool(property.IsAccessible)},");
            writer.Line($"IsVirtual = {Bool(property.IsVirtual)},");
            writer.Line($"DeclaringType = typeof({property.DeclaringType}),");
            writer.Line($"Converter = {converter},");
            writer.Line($"Getter = {getter},");
            writer.Line($"Setter = {setter},");
            writer.Line($"IgnoreCondition = {property.IgnoreCondition ?? "null"},");
            writer.Line($"HasJsonInclude = {Bool(property.HasJsonInclude)},");
            writer.Line($"IsExtensionData = {Bool(property.IsExtensionData)},");
            writer.Line($"NumberHandling = {property.NumberHandling ?? "null"},");
            writer.Line($"PropertyName = {GeneratedCode.Literal(property.Name)},");
            writer.Line($"JsonPropertyName = {GeneratedCode.Literal(property.JsonName)},");
            writer.CloseBrace(");");
            if (property.IsRequired)
            {
                writer.Line($"{target}.IsRequired = true;");
            }

            if (property.ObjectCreationHandling is not null)
            {
                writer.Line($"{target}.ObjectCreationHandling = {property.ObjectCreationHandling};");
            }

            if (property.Order != 0)
            {
                writer.Line($"{target}.Order = {property.Order.ToString(CultureInfo.InvariantCulture)};");
            }

            // Read when the options respect nullable annotations.
            if (property.IsGetterNonNullable)
            {
                writer.Line($"{target}.IsGetNullable = false;");
            }

            if (property.IsSetterNonNullable)
            {
                writer.Line($"{target}.IsSetNullable = false;");
            }
        }

        /// <summary>The helpers that pick and expand converters, as System.Text.Json's generated contexts have them.</summary>
        private static void EmitConverterHelpers(SourceWriter writer, bool nullableProperties)
        {
            writer.Lines($$"""
                /// <summary>The first converter in <c>options.Converters</c> that converts <paramref name="type"/>, expanded if it is a factory.</summary>
                private static {{Converter}}? ConverterFromOptions(global::System.Type type, {{Options}} options)
                {
                    for (var i = 0; i < options.Converters.Count; i++)
                    {
                        var converter = options.Converters[i];
                        if (converter?.CanConvert(type) == true)
                        {
                            return ExpandConverter(type, converter, options, checkType: false);
                        }
                    }

                    return null;
                }

                /// <summary>The converter for <paramref name="type"/>: <paramref name="converter"/>, or the one it creates when it is a factory.</summary>
                private static {{Converter}} ExpandConverter(global::System.Type type, {{Converter}} converter, {{Options}} options, bool checkType = true)
                {
                    if (checkType && !converter.CanConvert(type))
                    {
                        throw new global::System.InvalidOperationException($"The converter '{converter.GetType()}' can't convert '{type}'.");
                    }

                    if (converter is not {{Serialization}}.JsonConverterFactory factory)
                    {
                        return converter;
                    }

                    var created = factory.CreateConverter(type, options);
                    return created is null or {{Serialization}}.JsonConverterFactory
                        ? throw new global::System.InvalidOperationException($"The converter factory '{factory.GetType()}' returned null or another factory for '{type}'.")
                        : created;
                }
                """);
            if (!nullableProperties)
            {
                return;
            }

            writer.Line();
            writer.Lines($$"""
                /// <summary>The converter of a <c>T?</c> property with <c>[JsonConverter]</c>: the converter itself, or the nullable form of its converter for <c>T</c>.</summary>
                private static {{Converter}}<T?> NullablePropertyConverter<T>({{Converter}} converter, {{Options}} options)
                    where T : struct
                {
                    if (converter.CanConvert(typeof(T?)))
                    {
                        return ({{Converter}}<T?>)ExpandConverter(typeof(T?), converter, options, checkType: false);
                    }

                    var typeInfo = {{Services}}.CreateValueInfo<T>(options, ExpandConverter(typeof(T), converter, options));
                    return {{Services}}.GetNullableConverter<T>(typeInfo);
                }
                """);
        }

        private static string Throw(string message, string parameters = "_") =>
            $"static {parameters} => throw new global::System.InvalidOperationException({GeneratedCode.Literal(message)})";

        private static string Argument(string type, int position) =>
            $"({type})args[{position.ToString(CultureInfo.InvariantCulture)}]{(type.EndsWith("?") ? "" : "!")}";

        /// <summary>The simple name of a fully qualified type, as messages show it.</summary>
        private static string TypeName(string type)
        {
            var generic = type.IndexOf('<');
            var name = generic < 0 ? type : type.Substring(0, generic);
            return name.Substring(name.LastIndexOf('.') + 1).Replace("global::", "");
        }

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
