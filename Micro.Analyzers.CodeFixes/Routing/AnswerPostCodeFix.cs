using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Micro.Analyzers.CodeFixes.Shared;
using Micro.Analyzers.Routing;
using Micro.Analyzers.Shared;
using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Analyzers.CodeFixes.Routing
{
    /// <summary>MICRO0083: a function route that reads the body answers POST (<c>Methods = "POST"</c>), where a form or a JSON body comes from.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AnswerPostCodeFix)), Shared]
    public sealed class AnswerPostCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.AnswerPost";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BodyOnGetRoute);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || MicroTypes.From(model.Compilation) is not { } types
                || root.FindNode(context.Span).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || model.GetDeclaredSymbol(method, context.CancellationToken) is not { } handler)
            {
                return;
            }

            // Every [Route] of the method answers only GET and HEAD, or the parameter would not be reported.
            var attributes = RouteDeclaration.On(handler, types, context.CancellationToken)
                .Select(r => root.FindNode(r.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>())
                .OfType<AttributeSyntax>()
                .ToList();
            if (attributes.Count == 0)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Answer POST (Methods = \"POST\")",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(attributes, static (original, _) => WithPost(original)))),
                    EquivalenceKey),
                context.Diagnostics);
        }

        private static AttributeSyntax WithPost(AttributeSyntax attribute)
        {
            var post = FixSyntax.StringLiteral("POST");
            if (FixSyntax.NamedArgument(attribute, "Methods") is { } methods)
            {
                return attribute.ReplaceNode(methods.Expression, post.WithTriviaFrom(methods.Expression));
            }

            var argument = SyntaxFactory.AttributeArgument(post)
                .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Methods"), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
            var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            var separators = list.Arguments.GetSeparators().Concat(list.Arguments.Count > 0 ? new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) } : Enumerable.Empty<SyntaxToken>());
            return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(list.Arguments.Concat(new[] { argument }), separators)));
        }
    }
}
