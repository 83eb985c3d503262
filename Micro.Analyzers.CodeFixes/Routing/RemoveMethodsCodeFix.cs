using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Analyzers.CodeFixes.Routing
{
    /// <summary>MICRO0084: removes <c>Methods = "..."</c> from a class-based view's <c>[Route]</c>, where it is ignored.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveMethodsCodeFix)), Shared]
    public sealed class RemoveMethodsCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.RemoveMethods";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MethodsOnClassView);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span).FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { Parent: AttributeArgumentListSyntax list } argument)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove Methods",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(list, list.WithArguments(list.Arguments.Remove(argument))))),
                    EquivalenceKey),
                context.Diagnostics);
        }
    }
}
