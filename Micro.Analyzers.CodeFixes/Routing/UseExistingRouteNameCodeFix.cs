using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Micro.Analyzers.CodeFixes.Shared;
using Micro.Analyzers.Shared;
using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Analyzers.CodeFixes.Routing
{
    /// <summary>MICRO0081: reverses the route whose name is closest to the unknown one (<c>"hom"</c> becomes <c>"home"</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseExistingRouteNameCodeFix)), Shared]
    public sealed class UseExistingRouteNameCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.UseExistingRouteName";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownRouteName);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Replacement, out var name) || name is null
                || root.FindNode(context.Span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use route '{name}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, FixSyntax.StringLiteral(name).WithTriviaFrom(literal)))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
