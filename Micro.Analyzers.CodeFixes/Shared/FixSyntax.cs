using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Micro.Analyzers.Routing;
using Micro.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Analyzers.CodeFixes.Shared
{
    /// <summary>Finding what a diagnostic points at, and writing small pieces of syntax.</summary>
    internal static class FixSyntax
    {
        /// <summary>The attribute under a diagnostic: the generator reports route and command problems on the attribute.</summary>
        public static AttributeSyntax? AttributeAt(SyntaxNode root, TextSpan span) =>
            root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();

        /// <summary>The declaration an attribute is written on: a method, a local function or a type.</summary>
        public static SyntaxNode? Target(AttributeSyntax attribute) => attribute.Parent?.Parent;

        public static AttributeArgumentSyntax? NamedArgument(AttributeSyntax attribute, string name) =>
            attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

        public static LiteralExpressionSyntax StringLiteral(string value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

        /// <summary>
        /// Edits a declaration's modifiers, keeping the indentation and comments that stood before the first
        /// of them (or before the type, when there were none) in front of the new first one.
        /// </summary>
        public static T EditModifiers<T>(T declaration, System.Func<SyntaxTokenList, SyntaxTokenList> edit)
            where T : MemberDeclarationSyntax
        {
            var first = FirstTokenAfterAttributes(declaration);
            var leading = first.LeadingTrivia;
            var bare = declaration.ReplaceToken(first, first.WithLeadingTrivia());
            var edited = (T)bare.WithModifiers(edit(bare.Modifiers));
            var newFirst = FirstTokenAfterAttributes(edited);
            return edited.ReplaceToken(newFirst, newFirst.WithLeadingTrivia(leading));
        }

        private static SyntaxToken FirstTokenAfterAttributes(MemberDeclarationSyntax declaration) =>
            declaration.AttributeLists.Count > 0 ? declaration.AttributeLists.Last().GetLastToken().GetNextToken() : declaration.GetFirstToken();

        /// <summary>The route declared by <paramref name="attribute"/>, read as the analyzers read routes.</summary>
        public static async Task<RouteDeclaration?> RouteAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || MicroTypes.From(model.Compilation) is not { } types || Target(attribute) is not { } target
                || model.GetDeclaredSymbol(target, cancellationToken) is not { } symbol)
            {
                return null;
            }

            return RouteDeclaration.On(symbol, types, cancellationToken).FirstOrDefault(r => r.Location.SourceSpan == attribute.Span);
        }
    }
}
