using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
    /// <summary>MICRO0006: renames the later of two routes with one name by appending <c>_2</c> (or the first free number).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameDuplicateRouteNameCodeFix)), Shared]
    public sealed class RenameDuplicateRouteNameCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.RenameDuplicateRouteName";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DuplicateRouteName);

        // Two fixes of one name would choose the same new name: no Fix All.
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || MicroTypes.From(model.Compilation) is not { } types
                || FixSyntax.AttributeAt(root, context.Span) is not { } attribute
                || FixSyntax.NamedArgument(attribute, "Name")?.Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
            {
                return;
            }

            var taken = new HashSet<string>(RouteIndex.For(model.Compilation, types, context.CancellationToken).Names.Select(Key));
            var name = literal.Token.ValueText;
            var renamed = Enumerable.Range(2, 1000).Select(i => name + "_" + i.ToString(CultureInfo.InvariantCulture)).First(n => !taken.Contains(Key(n)));
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Rename the route to '{renamed}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, FixSyntax.StringLiteral(renamed).WithTriviaFrom(literal)))),
                    EquivalenceKey),
                context.Diagnostics);
        }

        /// <summary>What must differ between route names: also their <c>Urls</c> methods (<c>home_2</c> and <c>Home2</c> are both <c>Home2</c>).</summary>
        private static string Key(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
    }
}
