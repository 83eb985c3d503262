using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Micro.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Analyzers.CodeFixes.Shared
{
    /// <summary>
    /// MICRO0005 and MICRO0023, when generated code can't call a handler because of how it is declared:
    /// makes the method static, makes it (or its private containing type) visible to the assembly, or
    /// removes <c>file</c>. The first problem the generator names is the one fixed, as its message says.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeHandlerCallableCodeFix)), Shared]
    public sealed class MakeHandlerCallableCodeFix : CodeFixProvider
    {
        public const string MakeStaticKey = "Micro.MakeHandlerStatic";
        public const string MakeVisibleKey = "Micro.MakeHandlerVisible";
        public const string RemoveFileKey = "Micro.RemoveFileModifier";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.HandlerNotCallable, DiagnosticIds.CommandNotCallable);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || FixSyntax.AttributeAt(root, context.Span) is not { } attribute
                || FixSyntax.Target(attribute) is not MemberDeclarationSyntax target || target is not (MethodDeclarationSyntax or TypeDeclarationSyntax)
                || model.GetDeclaredSymbol(target, context.CancellationToken) is not { } symbol)
            {
                return;
            }

            // A class-based command is called through its Run method.
            if (symbol is INamedTypeSymbol type && context.Diagnostics[0].Id == DiagnosticIds.CommandNotCallable)
            {
                var run = type.GetMembers().OfType<IMethodSymbol>().Where(static m => m.Name is "Run" or "RunAsync").ToList();
                if (run.Count == 1)
                {
                    symbol = run[0];
                }
            }

            if (symbol is IMethodSymbol { IsStatic: false } method)
            {
                Register(context, $"Make {method.Name} static", MakeStaticKey, method, static declaration =>
                    FixSyntax.EditModifiers(declaration, static modifiers => WithModifier(modifiers, SyntaxKind.StaticKeyword)));
                return;
            }

            if (symbol is IMethodSymbol { IsGenericMethod: true } || (symbol is INamedTypeSymbol { IsGenericType: true }))
            {
                return;
            }

            for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    // A method becomes public, as handlers are written; a type internal, which is always allowed.
                    var visibility = current is IMethodSymbol ? SyntaxKind.PublicKeyword : SyntaxKind.InternalKeyword;
                    Register(context, $"Make {current.Name} {SyntaxFacts.GetText(visibility)}", MakeVisibleKey, current, declaration =>
                        FixSyntax.EditModifiers(declaration, modifiers => WithAccessibility(modifiers, visibility)));
                    return;
                }

                if (current is INamedTypeSymbol { IsGenericType: true } && !SymbolEqualityComparer.Default.Equals(current, symbol))
                {
                    return;
                }

                if (current is INamedTypeSymbol { IsFileLocal: true })
                {
                    Register(context, $"Remove 'file' from {current.Name}", RemoveFileKey, current, static declaration =>
                        FixSyntax.EditModifiers(declaration, static modifiers => SyntaxFactory.TokenList(modifiers.Where(static m => !m.IsKind(SyntaxKind.FileKeyword)))));
                    return;
                }
            }
        }

        private static void Register(CodeFixContext context, string title, string key, ISymbol symbol, System.Func<MemberDeclarationSyntax, MemberDeclarationSyntax> edit) =>
            context.RegisterCodeFix(CodeAction.Create(title, ct => EditAsync(context.Document.Project.Solution, symbol, edit, ct), key), context.Diagnostics);

        /// <summary>Edits the first declaration of <paramref name="symbol"/>, in whichever document it is.</summary>
        private static async Task<Solution> EditAsync(Solution solution, ISymbol symbol, System.Func<MemberDeclarationSyntax, MemberDeclarationSyntax> edit, CancellationToken cancellationToken)
        {
            var reference = symbol.DeclaringSyntaxReferences.FirstOrDefault();
            if (reference is null || solution.GetDocument(reference.SyntaxTree) is not { } document
                || await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not MemberDeclarationSyntax declaration)
            {
                return solution;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return solution.WithDocumentSyntaxRoot(document.Id, root!.ReplaceNode(declaration, edit(declaration)));
        }

        /// <summary>The modifiers with <paramref name="kind"/> added after the accessibility ones, as C# style orders them.</summary>
        private static SyntaxTokenList WithModifier(SyntaxTokenList modifiers, SyntaxKind kind)
        {
            var index = 0;
            while (index < modifiers.Count && SyntaxFacts.IsAccessibilityModifier(modifiers[index].Kind()))
            {
                index++;
            }

            return modifiers.Insert(index, SyntaxFactory.Token(kind).WithTrailingTrivia(SyntaxFactory.Space));
        }

        /// <summary>The modifiers with their accessibility replaced by <paramref name="kind"/>.</summary>
        private static SyntaxTokenList WithAccessibility(SyntaxTokenList modifiers, SyntaxKind kind)
        {
            var others = modifiers.Where(static m => !SyntaxFacts.IsAccessibilityModifier(m.Kind()));
            return SyntaxFactory.TokenList(new[] { SyntaxFactory.Token(kind).WithTrailingTrivia(SyntaxFactory.Space) }.Concat(others));
        }
    }
}
