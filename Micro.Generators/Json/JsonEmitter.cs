using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Micro.Generators.Shared;

namespace Micro.Generators.Json
{
    /// <summary>
    /// Writes System.Text.Json metadata for the app's types with <c>JsonMetadataServices</c>, the public API
    /// System.Text.Json's own generator uses, so that reading and writing JSON needs no reflection.
    /// </summary>
    internal static class JsonEmitter
    {
        public const string HintName = "Micro.Json.MicroJsonResolver.g.cs";
        public const string ResolverType = "global::Micro.Generated.MicroJsonResolver";

        private const string Metadata = "global::System.Text.Json.Serialization.Metadata";
        private const string Services = Metadata + ".JsonMetadataServices";
        private const string Options = "global::System.Text.Json.JsonSerializerOptions";

        public static string EmitResolver(EquatableArray<JsonTypeModel> types)
        {
            var writer = new SourceWriter().FileHeader();
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

            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitType(SourceWriter writer, JsonTypeModel type, string index)
        {
            var t = type.Type;
            writer.Line($"// {t}");
            writer.Line($"private static {Metadata}.JsonTypeInfo<{t}> Create{index}({Options} options)").OpenBrace();
            switch (type.Kind)
            {
                case JsonTypeKind.Value:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, {Services}.{type.Converter});");
                    break;
                case JsonTypeKind.Enum:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, {Services}.GetEnumConverter<{t}>(options));");
                    break;
                case JsonTypeKind.Nullable:
                    writer.Line($"return {Services}.CreateValueInfo<{t}>(options, {Services}.GetNullableConverter<{type.ElementType}>(options));");
                    break;
                case JsonTypeKind.Array:
                    writer.Line($"return {Services}.CreateArrayInfo<{type.ElementType}>(options, new {Metadata}.JsonCollectionInfoValues<{t}>());");
                    break;
                case JsonTypeKind.Collection:
                case JsonTypeKind.Dictionary:
                    var arguments = type.Kind == JsonTypeKind.Dictionary ? $"{t}, {type.KeyType}, {type.ElementType}" : $"{t}, {type.ElementType}";
                    writer.Line($"return {Services}.Create{type.Collection}Info<{arguments}>(options, new {Metadata}.JsonCollectionInfoValues<{t}>").OpenBrace();
                    writer.Line($"ObjectCreator = {(type.Creator is null ? "null" : "static () => " + type.Creator)},");
                    writer.CloseBrace(");");
                    break;
                case JsonTypeKind.Object:
                    EmitObject(writer, type);
                    break;
            }

            writer.CloseBrace();
        }

        private static void EmitObject(SourceWriter writer, JsonTypeModel type)
        {
            var t = type.Type;
            var constructorParameters = type.ConstructorParameters.Where(static p => !p.IsMemberInitializer).ToList();
            var initializers = type.ConstructorParameters.Where(static p => p.IsMemberInitializer).ToList();
            var parameterized = type.Creator is not null && type.ConstructorParameters.Count > 0;
            writer.Line($"var values = new {Metadata}.JsonObjectInfoValues<{t}>").OpenBrace();
            writer.Line($"ObjectCreator = {(type.Creator is not null && !parameterized ? $"static () => {type.Creator}()" : "null")},");
            if (parameterized)
            {
                var arguments = string.Join(", ", constructorParameters.Select(static p => Argument(p)));
                var members = initializers.Count == 0 ? "" : " { " + string.Join(", ", initializers.Select(static p => $"{p.Name} = {Argument(p)}")) + " }";
                writer.Line($"ObjectWithParameterizedConstructorCreator = static args => {type.Creator}({arguments}){members},");
                writer.Line("ConstructorParameterMetadataInitializer = static () => new " + Metadata + ".JsonParameterInfoValues[]").OpenBrace();
                foreach (var parameter in type.ConstructorParameters)
                {
                    writer.Line($"new {Metadata}.JsonParameterInfoValues").OpenBrace();
                    writer.Line($"Name = {GeneratedCode.Literal(parameter.Name)},");
                    writer.Line($"ParameterType = typeof({parameter.Type.TrimEnd('?')}),");
                    writer.Line($"Position = {parameter.Position.ToString(CultureInfo.InvariantCulture)},");
                    writer.Line($"HasDefaultValue = {Bool(parameter.HasDefaultValue)},");
                    writer.Line($"DefaultValue = {(parameter.HasDefaultValue ? parameter.DefaultValue : "null")},");
                    writer.Line($"IsNullable = {Bool(parameter.IsNullable)},");
                    writer.Line($"IsMemberInitializer = {Bool(parameter.IsMemberInitializer)},");
                    writer.CloseBrace(",");
                }

                writer.CloseBrace(",");
            }

            writer.Line("PropertyMetadataInitializer = _ => Properties(options),");
            writer.CloseBrace(";");
            writer.Line($"return {Services}.CreateObjectInfo<{t}>(options, values);");
            writer.Line();
            writer.Line($"static {Metadata}.JsonPropertyInfo[] Properties({Options} options)").OpenBrace();
            writer.Line($"var properties = new {Metadata}.JsonPropertyInfo[{type.Properties.Count.ToString(CultureInfo.InvariantCulture)}];");
            for (var i = 0; i < type.Properties.Count; i++)
            {
                var property = type.Properties[i];
                var target = type.IsValueType ? $"global::System.Runtime.CompilerServices.Unsafe.Unbox<{t}>(obj)" : $"(({t})obj)";
                writer.Line($"properties[{i.ToString(CultureInfo.InvariantCulture)}] = {Services}.CreatePropertyInfo<{property.Type}>(options, new {Metadata}.JsonPropertyInfoValues<{property.Type}>").OpenBrace();
                writer.Line("IsProperty = true,");
                writer.Line("IsPublic = true,");
                writer.Line($"IsVirtual = {Bool(property.IsVirtual)},");
                writer.Line($"DeclaringType = typeof({t}),");
                writer.Line($"Getter = static obj => (({t})obj).{property.Name},");
                writer.Line($"Setter = {(property.CanSet ? $"static (obj, value) => {target}.{property.Name} = value!" : "null")},");
                writer.Line($"PropertyName = {GeneratedCode.Literal(property.Name)},");
                writer.Line($"JsonPropertyName = {GeneratedCode.Literal(property.JsonName)},");
                writer.CloseBrace(");");
            }

            writer.Line("return properties;");
            writer.CloseBrace();
        }

        private static string Argument(JsonParameterModel parameter) =>
            $"({parameter.Type})args[{parameter.Position.ToString(CultureInfo.InvariantCulture)}]{(parameter.Type.EndsWith("?") ? "" : "!")}";

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
