using System.Linq;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// Writes what the app's templates need at run time without reflection: the <c>[TemplateTag]</c> filters and tags
    /// in the app's library, and a member accessor per type that reaches a template.
    /// </summary>
    internal static class TemplatesEmitter
    {
        public const string HintName = "Micro.Templates.MicroTemplates.g.cs";

        private const string Arguments = "global::Micro.Templates.TemplateTagArguments";

        public static string Emit(TemplatesModel model)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>The app's template tags and the accessors templates read its types with, for its manifest.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroTemplates").OpenBrace();
            var wroteMember = false;
            if (model.Tags.Count > 0)
            {
                writer.Line("public static global::Micro.TemplateLibrary CreateLibrary()").OpenBrace();
                writer.Line("var library = new global::Micro.TemplateLibrary();");
                foreach (var tag in model.Tags)
                {
                    EmitTag(writer, tag);
                }

                writer.Line("return library;");
                writer.CloseBrace();
                wroteMember = true;
            }

            if (model.Accessors.Count > 0)
            {
                if (wroteMember)
                {
                    writer.Line();
                }

                writer.Line("public static global::Micro.Templates.TemplateAccessors CreateAccessors()").OpenBrace();
                writer.Line("var accessors = new global::Micro.Templates.TemplateAccessors();");
                foreach (var accessor in model.Accessors)
                {
                    EmitAccessor(writer, accessor);
                }

                writer.Line("return accessors;");
                writer.CloseBrace();
            }

            writer.CloseBrace();
            if (model.Accessors.Any(static a => a.Prototype is not null && a.Prototype.Contains("TemplatePrototypes.")))
            {
                writer.Line();
                writer.Lines("""
                    /// <summary>Expressions of collection types of anonymous types, which code can't name, for inferring them.</summary>
                    file static class TemplatePrototypes
                    {
                        public static global::System.Collections.Generic.List<T> ListOf<T>(T item) => null!;

                        public static global::System.Collections.Generic.IEnumerable<T> EnumerableOf<T>(T item) => null!;

                        public static global::System.Collections.Generic.IReadOnlyList<T> ReadOnlyListOf<T>(T item) => null!;

                        public static T[] ArrayOf<T>(T item) => null!;
                    }
                    """);
            }

            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitTag(SourceWriter writer, TagModel tag)
        {
            var name = GeneratedCode.Literal(tag.Name);
            if (tag.Kind == TemplateTagKind.Filter)
            {
                var arguments = tag.Parameters.Select((p, i) =>
                    p.Name == "autoescape" && tag.NeedsAutoescape ? "autoescape"
                    : i == 0 ? Convert(p, "value", tag.Name)
                    : p.HasDefault ? $"argument is null ? {p.DefaultValue} : {Convert(p, "argument", tag.Name)}"
                    : Convert(p, "argument", tag.Name));
                writer.Line($"library.AddFilter({name}, static (value, argument, autoescape) => {tag.Method}({string.Join(", ", arguments)}), global::Micro.Templates.FilterArgument.{tag.FilterArgument}, isSafe: {Bool(tag.IsSafe)}, needsAutoescape: {Bool(tag.NeedsAutoescape)});");
                return;
            }

            var values = tag.Parameters.Select((p, i) =>
                p.HasDefault
                    ? $"call.Get({i}, {GeneratedCode.Literal(p.Name)}) is {{ }} {Identifier(p.Name)} ? {Convert(p, Identifier(p.Name), tag.Name)} : {p.DefaultValue}"
                    : Convert(p, $"call.Get({i}, {GeneratedCode.Literal(p.Name)})", tag.Name));
            var call = $"static call => {tag.Method}({string.Join(", ", values)})";
            var parameters = $"new global::Micro.Templates.TagParameters(new string[] {{ {string.Join(", ", tag.Parameters.Select(static p => GeneratedCode.Literal(p.Name)))} }}, {TemplatesParser.Parameters(tag).RequiredCount})";
            writer.Line(tag.Kind == TemplateTagKind.SimpleTag
                ? $"library.AddSimpleTag({name}, {call}, {parameters});"
                : $"library.AddInclusionTag({name}, {GeneratedCode.Literal(tag.Template)}, {call}, {parameters});");
        }

        private static string Identifier(string name) => "__" + name;

        private static string Convert(TagParameterModel parameter, string value, string tag) => parameter.Conversion switch
        {
            TagArgumentConversion.Text => $"{Arguments}.Text({value})",
            TagArgumentConversion.Bool => $"{Arguments}.Bool({value})",
            TagArgumentConversion.Object => value,
            TagArgumentConversion.As => $"{Arguments}.As<{parameter.Type}>({value}, {GeneratedCode.Literal(tag)})",
            var conversion => $"{Arguments}.{conversion}({value}, {GeneratedCode.Literal(tag)})",
        };

        private static void EmitAccessor(SourceWriter writer, AccessorModel accessor)
        {
            var target = accessor.Prototype is not null ? $"Register({accessor.Prototype}, " : $"Register<{accessor.Type}>(";
            writer.Line($"accessors.{target}static (instance, name) => name switch").OpenBrace();
            foreach (var member in accessor.Members)
            {
                var read = member.Read("instance");
                var value = member.Boxing != Boxing.None ? $"global::Micro.Templates.TemplateAccessors.Box({read})" : $"(object?){read}";
                writer.Line($"{string.Join(" or ", member.Names.Select(GeneratedCode.Literal))} => (true, {value}),");
            }

            writer.Line("_ => (false, null),");
            writer.CloseBrace(");");
        }

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
