using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Micro.Analyzers.CodeFixes.Shared;
using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Analyzers.CodeFixes.Commands
{
    /// <summary>MICRO0086: removes a binding attribute that has no effect where it is.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveAttributeCodeFix)), Shared]
    public sealed class RemoveAttributeCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.RemoveIneffectiveAttribute";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.IneffectiveBindingAttribute);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || FixSyntax.AttributeAt(root, context.Span) is not { Parent: AttributeListSyntax list } attribute)
            {
                return;
            }

            var edited = list.Attributes.Count == 1
                ? root.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia)!
                : root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
            context.RegisterCodeFix(
                CodeAction.Create($"Remove [{attribute.Name}]", _ => Task.FromResult(context.Document.WithSyntaxRoot(edited)), EquivalenceKey),
                context.Diagnostics);
        }
    }
}
