using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Micro.Templates;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Templates
{
    /// <summary>The <c>[TemplateTag]</c> methods: filters, simple tags and inclusion tags.</summary>
    internal static partial class TemplatesParser
    {
        /// <summary>A <c>[TemplateTag]</c> method.</summary>
        public static Parsed<TagModel> ParseTag(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var attribute = context.Attributes[0];
            var location = Symbols.AttributeLocation(attribute, context.TargetNode, cancellationToken);
            var display = method.ContainingType.Name + "." + method.Name;
            Parsed<TagModel> Invalid(string reason) =>
                new(null, new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTemplateTag, location, display, reason) }.ToEquatableArray());

            if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                return Invalid("it must be a static method of a class");
            }

            if (!context.SemanticModel.Compilation.IsSymbolAccessibleWithin(method, context.SemanticModel.Compilation.Assembly) || method.ContainingType.IsFileLocal)
            {
                return Invalid("generated code can't call it; make it public or internal");
            }

            if (method.IsGenericMethod || method.Parameters.Any(static p => p.RefKind != RefKind.None))
            {
                return Invalid("it can't be generic or have ref/out parameters");
            }

            var kind = Symbols.NamedArgument<int>(attribute, "Kind") switch
            {
                1 => TemplateTagKind.SimpleTag,
                2 => TemplateTagKind.InclusionTag,
                _ => TemplateTagKind.Filter,
            };
            var template = Symbols.NamedArgument<string>(attribute, "Template");
            if (template is not null && kind == TemplateTagKind.Filter)
            {
                kind = TemplateTagKind.InclusionTag;
            }

            if (kind == TemplateTagKind.InclusionTag && string.IsNullOrEmpty(template))
            {
                return Invalid("an inclusion tag needs Template = \"the/template.html\"");
            }

            var name = Symbols.NamedArgument<string>(attribute, "Name") ?? GeneratedCode.SnakeCase(method.Name);
            var isSafe = Symbols.NamedArgument<bool>(attribute, "IsSafe");
            var needsAutoescape = Symbols.NamedArgument<bool>(attribute, "NeedsAutoescape");
            var parameters = new List<TagParameterModel>();
            foreach (var parameter in method.Parameters)
            {
                var hasDefault = parameter.HasExplicitDefaultValue;
                parameters.Add(new TagParameterModel(
                    parameter.Name,
                    Symbols.FullName(parameter.Type),
                    Conversion(parameter.Type),
                    hasDefault,
                    hasDefault ? Symbols.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue) : null));
            }

            var filterArgument = FilterArgument.None;
            if (kind == TemplateTagKind.Filter)
            {
                var inputs = parameters.Where(p => !(needsAutoescape && p.Name == "autoescape")).ToList();
                if (inputs.Count is 0 or > 2)
                {
                    return Invalid("a filter takes the value and at most one argument" + (needsAutoescape ? " (and bool autoescape)" : ""));
                }

                if (needsAutoescape && !parameters.Any(static p => p.Name == "autoescape" && p.Conversion == TagArgumentConversion.Bool))
                {
                    return Invalid("NeedsAutoescape = true needs a 'bool autoescape' parameter");
                }

                filterArgument = inputs.Count == 1 ? FilterArgument.None : inputs[1].HasDefault ? FilterArgument.Optional : FilterArgument.Required;
            }

            if (method.ReturnsVoid)
            {
                return Invalid("it must return the value to render");
            }

            var diagnostics = new List<DiagnosticInfo>();
            if (kind == TemplateTagKind.Filter ? BuiltinSyntax.Filters.Any(f => f.Name == name) : BuiltinSyntax.Tags.Contains(name) || BuiltinSyntax.ClosingTags.Contains(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TemplateTagClashesWithBuiltin, location, name, kind == TemplateTagKind.Filter ? "filter" : "tag"));
                return new Parsed<TagModel>(null, diagnostics.ToEquatableArray());
            }

            if (name.Length == 0 || !name.All(static c => char.IsLetterOrDigit(c) || c == '_'))
            {
                return Invalid($"'{name}' is not a valid name: use letters, digits and underscores");
            }

            var returned = kind == TemplateTagKind.InclusionTag ? new AccessorCollector(context.SemanticModel.Compilation, cancellationToken) : null;
            return new Parsed<TagModel>(
                new TagModel(name, kind, Symbols.FullName(method.ContainingType) + "." + method.Name, parameters.ToEquatableArray(), filterArgument, isSafe, needsAutoescape, template)
                {
                    Location = location,
                    ReturnAccessors = returned?.Collect(method.ReturnType) ?? EquatableArray<AccessorModel>.Empty,
                    ReturnKey = returned?.KeyOf(method.ReturnType),
                },
                EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>How a template value becomes a parameter of <paramref name="type"/>.</summary>
        private static TagArgumentConversion Conversion(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_String => TagArgumentConversion.Text,
            SpecialType.System_Boolean => TagArgumentConversion.Bool,
            SpecialType.System_Int32 => TagArgumentConversion.Int,
            SpecialType.System_Int64 => TagArgumentConversion.Long,
            SpecialType.System_Double => TagArgumentConversion.Double,
            SpecialType.System_Decimal => TagArgumentConversion.Decimal,
            SpecialType.System_Object => TagArgumentConversion.Object,
            _ => TagArgumentConversion.As,
        };


        /// <summary>A tag's parameters as templates pass them: every parameter of the method.</summary>
        public static TagParameters Parameters(TagModel tag)
        {
            var parameters = tag.Parameters;
            var required = 0;
            while (required < parameters.Count && !parameters[required].HasDefault)
            {
                required++;
            }

            return new TagParameters(parameters.Select(static p => p.Name).ToArray(), required);
        }
    }
}
