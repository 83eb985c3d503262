using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Micro.Generators.Forms.Model;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;

namespace Micro.Generators.Routing
{
    internal static partial class RoutesEmitter
    {
        public const string ValidationHintName = "Micro.Routing.MicroValidation.g.cs";
        private const string ValidationType = "global::Micro.Generated.MicroValidation";
        private const string Errors = "global::Micro.Routing.BodyErrors";

        /// <summary>
        /// Writes a <c>Validate</c> overload per checked body type: each annotation of each property becomes a call to
        /// <c>BodyErrors</c>, nested objects and list items are checked under their path. No <c>Validator</c>, no reflection.
        /// </summary>
        public static string EmitValidation(EquatableArray<ValidatedTypeModel> types)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>Checks the JSON bodies the app's routes read against their DataAnnotations.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroValidation").OpenBrace();

            // The descriptors, regexes and custom attributes, made once.
            var statics = new List<string>();
            var names = new Dictionary<(string Type, string Property), string>();
            for (var t = 0; t < types.Count; t++)
            {
                foreach (var property in types[t].Properties)
                {
                    var field = $"s_{Number(t)}_{GeneratedCode.Identifier(property.Name)}";
                    names[(types[t].Type, property.Name)] = field;
                    statics.Add($"private static readonly global::Micro.Routing.BodyField {field} = new global::Micro.Routing.BodyField({GeneratedCode.Literal(property.Name)}, {GeneratedCode.Literal(property.JsonName)}, {GeneratedCode.Literal(property.Label)});");
                    var attributes = 0;
                    foreach (var check in property.Checks)
                    {
                        if (check.Kind == CheckKind.Attribute)
                        {
                            attributes++;
                        }

                        if (Forms.FormsEmitter.CheckField(check, field + "_pattern", field + "_check" + Number(attributes)) is { } declaration)
                        {
                            statics.Add(declaration);
                        }
                    }
                }
            }

            foreach (var line in statics)
            {
                writer.Line(line);
            }

            foreach (var type in types)
            {
                writer.Line();
                writer.Line($"public static void Validate({type.Type} value, {Errors} errors, string path)").OpenBrace();
                foreach (var property in type.Properties)
                {
                    EmitPropertyChecks(writer, type, property, names);
                }

                writer.CloseBrace();
            }

            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitPropertyChecks(SourceWriter writer, ValidatedTypeModel type, ValidatedPropertyModel property, Dictionary<(string Type, string Property), string> names)
        {
            var field = names[(type.Type, property.Name)];
            var value = "value." + property.Access;
            var message = (string? text) => text is null ? "null" : GeneratedCode.Literal(text);
            if (property.IsRequired)
            {
                writer.Line($"errors.Required(path, {field}, {value}, {(property.AllowEmptyStrings ? "true" : "false")}, {message(property.RequiredMessage)});");
            }

            var attributes = 0;
            foreach (var check in property.Checks)
            {
                var own = message(check.Message);
                switch (check.Kind)
                {
                    case CheckKind.Email:
                        writer.Line($"errors.Email(path, {field}, {value}, {own});");
                        break;
                    case CheckKind.Url:
                        writer.Line($"errors.Url(path, {field}, {value}, {own});");
                        break;
                    case CheckKind.MinLength:
                        writer.Line($"errors.MinLength(path, {field}, {value}, {check.Arguments[0]}, {own});");
                        break;
                    case CheckKind.MaxLength:
                        writer.Line($"errors.MaxLength(path, {field}, {value}, {check.Arguments[0]}, {own});");
                        break;
                    case CheckKind.StringLength:
                        writer.Line($"errors.StringLength(path, {field}, {value}, {check.Arguments[0]}, {check.Arguments[1]}, {own});");
                        break;
                    case CheckKind.Range:
                        writer.Line($"errors.Range(path, {field}, {value}, {check.Arguments[0]}, {check.Arguments[1]}, {own});");
                        break;
                    case CheckKind.Pattern:
                        writer.Line($"errors.Pattern(path, {field}, {value}, {field}_pattern, {own});");
                        break;
                    case CheckKind.Attribute:
                        attributes++;
                        writer.Line($"errors.Check(path, {field}, {value}, {field}_check{Number(attributes)});");
                        break;
                    case CheckKind.Compare:
                        var other = type.Properties.FirstOrDefault(p => p.Name == check.Arguments[0]);
                        if (other is not null)
                        {
                            writer.Line($"errors.Compare(path, {field}, {value}, {names[(type.Type, other.Name)]}, value.{other.Access}, {own});");
                        }

                        break;
                }
            }

            foreach (var check in property.CountChecks)
            {
                var bound = check.Kind == CheckKind.MinLength ? "MinCount" : "MaxCount";
                writer.Line($"errors.{bound}(path, {field}, {value}, {check.Arguments[0]}, {message(check.Message)});");
            }

            if (property.Nested is null)
            {
                return;
            }

            var local = "v_" + GeneratedCode.Identifier(property.Name);
            if (property.IsList)
            {
                writer.Line($"if ({value} is {{ }} {local})").OpenBrace();
                writer.Line($"var {local}_index = 0;");
                writer.Line($"foreach (var item in {local})").OpenBrace();
                writer.Line("if (item is not null)").OpenBrace();
                writer.Line($"Validate(item, errors, errors.Item(path, {field}, {local}_index));");
                writer.CloseBrace();
                writer.Line();
                writer.Line($"{local}_index++;");
                writer.CloseBrace();
                writer.CloseBrace();
            }
            else
            {
                writer.Line($"if ({value} is {{ }} {local})").OpenBrace();
                writer.Line($"Validate({local}, errors, errors.Member(path, {field}));");
                writer.CloseBrace();
            }
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
