using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Templates
{
    /// <summary>The <c>Template.Render(name, model)</c> calls: the accessors for their models and the names they render.</summary>
    internal static partial class TemplatesParser
    {
        /// <summary>Syntax-only filter: <c>X.Render(a, b)</c>.</summary>
        public static bool IsRenderCall(SyntaxNode node) =>
            node is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Render" },
                ArgumentList.Arguments.Count: 2,
            };

        /// <summary>A <c>Template.Render(name, model)</c> call: the accessors for the model's type, and the template's name when it is a literal.</summary>
        public static RenderCallModel? ParseRenderCall(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            // A model typed from generated code leaves the call unbound, with Template's Render methods as candidates.
            var info = context.SemanticModel.GetSymbolInfo(invocation, cancellationToken);
            var symbol = info.Symbol ?? info.CandidateSymbols.SingleOrDefault(static c => c is IMethodSymbol { IsStatic: true });
            if (symbol is not IMethodSymbol { IsStatic: true, Name: "Render" } method
                || !KnownTypes.For(context.SemanticModel.Compilation).Is(method.ContainingType, KnownNames.Template))
            {
                return null;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var name = context.SemanticModel.GetConstantValue(arguments[0].Expression, cancellationToken).Value as string;
            var modelType = context.SemanticModel.GetTypeInfo(arguments[1].Expression, cancellationToken).Type;
            return WithModel(new RenderCallModel(
                    name,
                    LocationInfo.From(arguments[0].Expression),
                    EquatableArray<AccessorModel>.Empty,
                    LocationInfo.From(arguments[1].Expression),
                    EquatableArray<string>.Empty),
                modelType,
                context.SemanticModel.Compilation,
                cancellationToken);
        }

        /// <summary>The call with what templates read of its model's type: the accessors, the model's own key and the parts of unknown type.</summary>
        private static RenderCallModel WithModel(RenderCallModel call, ITypeSymbol? modelType, Compilation compilation, CancellationToken cancellationToken)
        {
            if (modelType is null)
            {
                return call;
            }

            var collector = new AccessorCollector(compilation, cancellationToken);
            return call with
            {
                Accessors = collector.Collect(modelType),
                ModelKey = collector.KeyOf(modelType),
                UntypedMembers = UntypedMembers(modelType, "").ToEquatableArray(),
            };
        }

        /// <summary>
        /// The members of a model whose type is unknown while the generator runs: a generator never sees generated
        /// code (its own included), so a value typed from the generated Db (<c>var post = await db.Posts.GetAsync(...)</c>)
        /// has no type here, and no accessor can be written for it.
        /// </summary>
        private static List<string> UntypedMembers(ITypeSymbol type, string path)
        {
            var untyped = new List<string>();
            if (type.TypeKind == TypeKind.Error)
            {
                untyped.Add(path.Length == 0 ? "the model" : path);
            }
            else if (type is INamedTypeSymbol { IsAnonymousType: true } anonymous)
            {
                foreach (var property in anonymous.GetMembers().OfType<IPropertySymbol>())
                {
                    untyped.AddRange(UntypedMembers(property.Type, path.Length == 0 ? property.Name : path + "." + property.Name));
                }
            }
            else if (type is INamedTypeSymbol named && named.TypeArguments.Any(static t => t.TypeKind == TypeKind.Error))
            {
                untyped.Add(path.Length == 0 ? "the model" : path);
            }

            return untyped;
        }


        /// <summary>A Render call whose model has parts templates couldn't read (see <see cref="UntypedMembers"/>).</summary>
        public static EquatableArray<DiagnosticInfo> CheckModelTypes(EquatableArray<RenderCallModel> calls, CancellationToken cancellationToken) =>
            calls.Where(static call => !call.UntypedMembers.IsEmpty)
                .Select(static call => DiagnosticInfo.Create(DiagnosticDescriptors.UntypedTemplateModel, call.ModelLocation,
                    call.TemplateName ?? "the template", string.Join(", ", call.UntypedMembers.Select(static m => $"'{m}'"))))
                .ToEquatableArray();

        /// <summary>Render calls whose literal template name is not in <c>templates/</c>.</summary>
        public static EquatableArray<DiagnosticInfo> CheckRenderedNames(
            (ImmutableArray<RenderCallModel> Calls, ImmutableArray<TemplateFileModel> Files) input,
            CancellationToken cancellationToken)
        {
            if (input.Files.IsEmpty)
            {
                // No templates/ folder given to the generator (a library, a test): nothing to check against.
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            var names = new HashSet<string>(input.Files.Select(static f => f.Name), StringComparer.Ordinal);
            return input.Calls
                .Where(call => call.TemplateName is not null && !names.Contains(call.TemplateName))
                .Select(call => DiagnosticInfo.Create(DiagnosticDescriptors.RenderedTemplateNotFound, call.Location, call.TemplateName!))
                .ToEquatableArray();
        }
    }
}
