using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Micro.Analyzers.CodeFixes.Shared;
using Micro.Analyzers.Shared;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Micro.Generators.Commands.CommandNames;

namespace Micro.Analyzers.CodeFixes.Commands
{
    /// <summary>
    /// Renames a command: MICRO0020 (a built-in's name) to <c>my-NAME</c>, MICRO0021 (a duplicate) to
    /// <c>NAME-2</c>, MICRO0024 (an invalid name) to its kebab-case; always to a name no other command has.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameCommandCodeFix)), Shared]
    public sealed class RenameCommandCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.RenameCommand";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.CommandShadowsBuiltIn, DiagnosticIds.DuplicateCommandName, DiagnosticIds.InvalidCommandName);

        // Two fixes of one name would choose the same new name: no Fix All.
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || MicroTypes.From(model.Compilation) is not { } types
                || FixSyntax.AttributeAt(root, context.Span) is not { } attribute
                || FixSyntax.Target(attribute) is not { } target
                || model.GetDeclaredSymbol(target, context.CancellationToken) is not { } symbol)
            {
                return;
            }

            var explicitName = attribute.ArgumentList?.Arguments.FirstOrDefault(static a => a.NameEquals is null && a.NameColon is null);
            if (explicitName is not null && explicitName.Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression })
            {
                return;
            }

            var name = explicitName is null ? DerivedName(symbol) : ((LiteralExpressionSyntax)explicitName.Expression).Token.ValueText;
            var taken = TakenNames(model.Compilation, types, context.CancellationToken);
            string candidate;
            switch (context.Diagnostics[0].Id)
            {
                case DiagnosticIds.CommandShadowsBuiltIn:
                    candidate = "my-" + name;
                    break;
                case DiagnosticIds.DuplicateCommandName:
                    candidate = name + "-2";
                    break;
                default:
                    candidate = KebabCase(name);
                    if (!IsValidName(candidate))
                    {
                        return;
                    }

                    break;
            }

            var renamed = Enumerable.Range(1, 1000)
                .Select(i => i == 1 ? candidate : candidate + "-" + i.ToString(CultureInfo.InvariantCulture))
                .First(n => !taken.Contains(n));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Rename the command to '{renamed}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, WithName(attribute, explicitName, renamed)))),
                    EquivalenceKey),
                context.Diagnostics);
        }

        private static AttributeSyntax WithName(AttributeSyntax attribute, AttributeArgumentSyntax? explicitName, string name)
        {
            var literal = FixSyntax.StringLiteral(name);
            if (explicitName is not null)
            {
                return attribute.ReplaceNode(explicitName.Expression, literal.WithTriviaFrom(explicitName.Expression));
            }

            var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            var separators = list.Arguments.Count == 0
                ? Enumerable.Empty<SyntaxToken>()
                : new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) }.Concat(list.Arguments.GetSeparators());
            return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.AttributeArgument(literal) }.Concat(list.Arguments), separators)));
        }

        /// <summary>The name the generator gives a command without an explicit one.</summary>
        private static string DerivedName(ISymbol symbol) => KebabCase(symbol is INamedTypeSymbol type ? WithoutCommandSuffix(type.Name) : symbol.Name);

        /// <summary>The names of the app's commands and of the built-in ones.</summary>
        private static HashSet<string> TakenNames(Compilation compilation, MicroTypes types, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var attribute in types.Command.ContainingAssembly.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == KnownNames.BuiltInCommandAttribute && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string builtIn)
                {
                    names.Add(builtIn);
                }
            }

            foreach (var symbol in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.TypeAndMember, cancellationToken))
            {
                foreach (var attribute in symbol.GetAttributes().Where(a => MicroTypes.Is(a, types.Command)))
                {
                    names.Add(attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string name ? name : DerivedName(symbol));
                }
            }

            return names;
        }
    }
}
