using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Micro.Analyzers.CodeFixes.Data
{
    /// <summary>MICRO0061 for a model without a key: adds the conventional <c>public int Id { get; set; }</c> as its first member.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddKeyPropertyCodeFix)), Shared]
    public sealed class AddKeyPropertyCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.AddKeyProperty";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidKey);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            // MICRO0061 also reports keys that exist but can't be keys; only "has no key" is mechanical.
            var diagnostic = context.Diagnostics.FirstOrDefault(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("has no key"));
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (diagnostic is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } model
                || model.Members.OfType<PropertyDeclarationSyntax>().Any(static p => p.Identifier.ValueText == "Id"))
            {
                return;
            }

            var key = SyntaxFactory.ParseMemberDeclaration("public int Id { get; set; }\n")!
                .WithAdditionalAnnotations(Formatter.Annotation);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add the key 'public int Id { get; set; }'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(model, model.WithMembers(model.Members.Insert(0, key))))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
