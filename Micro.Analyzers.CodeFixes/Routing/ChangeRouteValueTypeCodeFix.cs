using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Micro.Analyzers.Routing;
using Micro.Analyzers.Shared;
using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Micro.Analyzers.CodeFixes.Routing
{
    /// <summary>MICRO0004 for a built-in converter: gives the parameter the type the converter's values fit (<c>int</c> for int, <c>Guid</c> for uuid, else <c>string</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChangeRouteValueTypeCodeFix)), Shared]
    public sealed class ChangeRouteValueTypeCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.ChangeRouteValueType";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RouteValueTypeMismatch);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);

            // Reported on the parameter for a built-in converter (on the attribute for a custom one, which is left alone).
            if (root is null || model is null || MicroTypes.From(model.Compilation) is not { } types
                || root.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<ParameterSyntax>() is not { Type: { } type } parameter
                || model.GetDeclaredSymbol(parameter, context.CancellationToken) is not { ContainingSymbol: IMethodSymbol handler } symbol)
            {
                return;
            }

            var routes = RouteDeclaration.On(handler, types, context.CancellationToken)
                .Concat(handler.ContainingType is { } view ? RouteDeclaration.On(view, types, context.CancellationToken) : Enumerable.Empty<RouteDeclaration>());
            var converter = routes.SelectMany(static r => r.Parts ?? Enumerable.Empty<Generators.Routing.Model.PatternPart>())
                .FirstOrDefault(p => p.Name == symbol.Name && p.Converter is not null)?.Converter;
            var (newType, display) = converter switch
            {
                "int" => ((TypeSyntax)SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.IntKeyword)), "int"),
                "uuid" => (SyntaxFactory.ParseTypeName("global::System.Guid").WithAdditionalAnnotations(Simplifier.Annotation), "Guid"),
                "str" or "slug" or "path" => (SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)), "string"),
                _ => (null, ""),
            };
            if (newType is null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Change the type of '{symbol.Name}' to {display}",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(type, newType.WithTriviaFrom(type)))),
                    EquivalenceKey),
                context.Diagnostics);
        }
    }
}
