using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Formatting;

namespace Micro.Analyzers.CodeFixes.Shared
{
    /// <summary>
    /// MICRO0005 and MICRO0023 on a local function of the top-level statements, which generated code
    /// can't call: moves it into a <c>public static class</c> (<c>Views</c> for a route, <c>Commands</c>
    /// for a command) as a <c>public static</c> method. The class is the existing static class of that
    /// name, or a new one at the end of the file; calls from the top-level statements are qualified.
    /// A function that uses the top-level statements' variables is left alone: it can't be moved as is.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveLocalFunctionCodeFix)), Shared]
    public sealed class MoveLocalFunctionCodeFix : CodeFixProvider
    {
        public const string ViewsKey = "Micro.MoveLocalFunction.Views";
        public const string CommandsKey = "Micro.MoveLocalFunction.Commands";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.HandlerNotCallable, DiagnosticIds.CommandNotCallable);

        public override FixAllProvider GetFixAllProvider() => MoveAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || TopLevelFunction(root, context.Span) is not { } function
                || !CanMove(model, function, new[] { function }, context.CancellationToken))
            {
                return;
            }

            var key = context.Diagnostics[0].Id == DiagnosticIds.CommandNotCallable ? CommandsKey : ViewsKey;
            var destination = Destination.Find(model.Compilation, ClassName(key));
            var title = destination.Existing is null
                ? $"Move {function.Identifier.ValueText} into a new static class {destination.Name}"
                : $"Move {function.Identifier.ValueText} into static class {destination.Name}";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => MoveAsync(context.Document, new[] { function }, ClassName(key), ct), key),
                context.Diagnostics);
        }

        private static string ClassName(string key) => key == CommandsKey ? "Commands" : "Views";

        /// <summary>The local function of the top-level statements whose attribute is at <paramref name="span"/>.</summary>
        private static LocalFunctionStatementSyntax? TopLevelFunction(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
            FixSyntax.AttributeAt(root, span) is { } attribute && FixSyntax.Target(attribute) is LocalFunctionStatementSyntax { Parent: GlobalStatementSyntax } function
                ? function
                : null;

        /// <summary>Whether the function uses nothing of the top-level statements but the other functions being moved with it.</summary>
        private static bool CanMove(SemanticModel model, LocalFunctionStatementSyntax function, IReadOnlyCollection<LocalFunctionStatementSyntax> moved, CancellationToken cancellationToken)
        {
            foreach (var name in function.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                if (symbol is not (ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or IMethodSymbol { MethodKind: MethodKind.LocalFunction }))
                {
                    continue;
                }

                var declaration = symbol.DeclaringSyntaxReferences.FirstOrDefault();
                var declaredInside = declaration is not null && declaration.SyntaxTree == function.SyntaxTree
                    && moved.Any(m => m.Span.Contains(declaration.Span));
                if (!declaredInside)
                {
                    return false;
                }
            }

            return true;
        }

        private static async Task<Solution> MoveAsync(Document document, IReadOnlyList<LocalFunctionStatementSyntax> functions, string className, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || root is not CompilationUnitSyntax unit)
            {
                return document.Project.Solution;
            }

            var destination = Destination.Find(model.Compilation, className);
            var symbols = functions.Select(f => model.GetDeclaredSymbol(f, cancellationToken)).OfType<IMethodSymbol>().ToList();
            var methods = functions.Select(ToMethod).ToList();

            // A blank line between methods, and before the first one when the class has members already.
            var afterMembers = destination.Existing?.GetMembers().Any(static m => !m.IsImplicitlyDeclared) == true;
            methods = methods.Select((m, i) => i > 0 || afterMembers ? m.WithLeadingTrivia(m.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine("\n"))) : m).ToList();

            // Calls from the rest of the file name the class; calls between moved functions stay as they are.
            var references = unit.DescendantNodes().OfType<SimpleNameSyntax>()
                .Where(n => !functions.Any(f => f.Span.Contains(n.Span))
                    && !(n.Parent is MemberAccessExpressionSyntax access && access.Name == n)
                    && symbols.Contains(Referenced(model.GetSymbolInfo(n, cancellationToken)), SymbolEqualityComparer.Default))
                .ToList();
            var statements = functions.Select(static f => (GlobalStatementSyntax)f.Parent!).ToList();
            var ending = unit.EndOfFileToken.GetPreviousToken().TrailingTrivia;
            var existing = destination.Existing?.DeclaringSyntaxReferences.FirstOrDefault();
            var existingClass = existing is null ? null : await existing.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) as ClassDeclarationSyntax;
            var tracked = new List<SyntaxNode>(references);
            tracked.AddRange(statements);
            if (existingClass is not null && existing!.SyntaxTree == root.SyntaxTree)
            {
                tracked.Add(existingClass);
            }

            unit = unit.TrackNodes(tracked);
            unit = unit.ReplaceNodes(references.Select(r => unit.GetCurrentNode(r)!), (original, _) =>
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(destination.Name), original.WithoutTrivia())
                    .WithTriviaFrom(original));
            unit = unit.RemoveNodes(statements.Select(s => unit.GetCurrentNode(s)!), SyntaxRemoveOptions.KeepNoTrivia)!;

            var solution = document.Project.Solution;
            if (existingClass is not null)
            {
                if (existing!.SyntaxTree == root.SyntaxTree)
                {
                    var current = unit.GetCurrentNode(existingClass)!;
                    return solution.WithDocumentSyntaxRoot(document.Id, unit.ReplaceNode(current, current.AddMembers(methods.ToArray())));
                }

                solution = solution.WithDocumentSyntaxRoot(document.Id, unit);
                var other = solution.GetDocument(existing.SyntaxTree)!;
                var otherRoot = await other.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                return solution.WithDocumentSyntaxRoot(other.Id, otherRoot!.ReplaceNode(existingClass, existingClass.AddMembers(methods.ToArray())));
            }

            // The new class ends the file after a blank line, and takes over whatever ended it.
            var last = unit.Members.Last().GetLastToken();
            unit = unit.ReplaceToken(last, last.WithTrailingTrivia(SyntaxFactory.EndOfLine("\n")));
            var newClass = SyntaxFactory.ClassDeclaration(destination.Name)
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword), SyntaxFactory.Token(SyntaxKind.StaticKeyword)))
                .WithMembers(SyntaxFactory.List<MemberDeclarationSyntax>(methods))
                .WithLeadingTrivia(SyntaxFactory.EndOfLine("\n"))
                .WithAdditionalAnnotations(Formatter.Annotation);
            newClass = newClass.WithCloseBraceToken(newClass.CloseBraceToken.WithTrailingTrivia(ending));
            return solution.WithDocumentSyntaxRoot(document.Id, unit.AddMembers(newClass));
        }

        /// <summary>The symbol a name refers to, also as the argument of <c>nameof</c> (a method group).</summary>
        private static ISymbol? Referenced(SymbolInfo info) =>
            info.Symbol ?? (info.CandidateReason == CandidateReason.MemberGroup ? info.CandidateSymbols.FirstOrDefault() : null);

        /// <summary>The local function as a <c>public static</c> method, with its attributes, doc comment and body.</summary>
        private static MethodDeclarationSyntax ToMethod(LocalFunctionStatementSyntax function)
        {
            var modifiers = new List<SyntaxToken> { SyntaxFactory.Token(SyntaxKind.PublicKeyword), SyntaxFactory.Token(SyntaxKind.StaticKeyword) };
            modifiers.AddRange(function.Modifiers.Where(static m => !m.IsKind(SyntaxKind.StaticKeyword)).Select(static m => SyntaxFactory.Token(m.Kind())));
            var spaced = modifiers.Select(static m => m.WithTrailingTrivia(SyntaxFactory.Space));

            // Comments above the function stay with it; blank lines and indentation are the formatter's.
            var leading = function.GetLeadingTrivia().SkipWhile(static t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
            var bare = function.WithoutLeadingTrivia();
            return SyntaxFactory.MethodDeclaration(
                    bare.AttributeLists,
                    SyntaxFactory.TokenList(spaced),
                    bare.ReturnType.WithoutLeadingTrivia(),
                    explicitInterfaceSpecifier: null,
                    bare.Identifier,
                    bare.TypeParameterList,
                    bare.ParameterList,
                    bare.ConstraintClauses,
                    bare.Body,
                    bare.ExpressionBody,
                    bare.SemicolonToken)
                .WithLeadingTrivia(leading)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>The class to move into: the first of <c>Views</c>, <c>Views2</c>, ... that doesn't exist or is a static class declared in source.</summary>
        private readonly struct Destination
        {
            private Destination(string name, INamedTypeSymbol? existing)
            {
                Name = name;
                Existing = existing;
            }

            public string Name { get; }

            public INamedTypeSymbol? Existing { get; }

            public static Destination Find(Compilation compilation, string baseName)
            {
                for (var i = 1; ; i++)
                {
                    var name = i == 1 ? baseName : baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var types = compilation.GlobalNamespace.GetTypeMembers(name);
                    if (types.IsEmpty)
                    {
                        return new Destination(name, null);
                    }

                    if (types.Length == 1 && types[0] is { IsStatic: true, IsGenericType: false, IsFileLocal: false, TypeKind: TypeKind.Class } type
                        && type.DeclaringSyntaxReferences.Length > 0)
                    {
                        return new Destination(name, type);
                    }
                }
            }
        }

        /// <summary>Moves every top-level local function of a document that the same diagnostic names, into one class.</summary>
        private sealed class MoveAll : FixAllProvider
        {
            public static readonly MoveAll Instance = new();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
            {
                var key = context.CodeActionEquivalenceKey;
                if (context.Document is not { } document || key is not (ViewsKey or CommandsKey))
                {
                    return null;
                }

                var id = key == CommandsKey ? DiagnosticIds.CommandNotCallable : DiagnosticIds.HandlerNotCallable;
                var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (root is null || model is null)
                {
                    return null;
                }

                var functions = (await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                    .Where(d => d.Id == id)
                    .Select(d => TopLevelFunction(root, d.Location.SourceSpan))
                    .OfType<LocalFunctionStatementSyntax>()
                    .Distinct()
                    .OrderBy(static f => f.SpanStart)
                    .ToList();
                var movable = functions.Where(f => CanMove(model, f, functions, context.CancellationToken)).ToList();
                return movable.Count == 0
                    ? null
                    : CodeAction.Create($"Move local functions into static class {ClassName(key)}", ct => MoveAsync(document, movable, ClassName(key), ct), key);
            }
        }
    }
}
