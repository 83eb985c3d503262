using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Micro.Analyzers.CodeFixes.Shared;
using Micro.Analyzers.Routing;
using Micro.Analyzers.Shared;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Analyzers.CodeFixes.Routing
{
    /// <summary>MICRO0012: replaces each unknown HTTP method in <c>Methods</c> with the nearest valid one (<c>PSOT</c> with <c>POST</c>, <c>DEL</c> with <c>DELETE</c>).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixHttpMethodCodeFix)), Shared]
    public sealed class FixHttpMethodCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.FixHttpMethod";

        private static readonly Regex s_method = new(@"[^,\s]+", RegexOptions.CultureInvariant);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidHttpMethod);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || FixSyntax.AttributeAt(root, context.Span) is not { } attribute
                || FixSyntax.NamedArgument(attribute, "Methods")?.Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
            {
                return;
            }

            // One fix for the whole attribute: each unknown method is a diagnostic of its own, on the same span.
            var replacements = new List<string>();
            var fixedText = s_method.Replace(literal.Token.ValueText, match =>
            {
                var method = match.Value.ToUpperInvariant();
                if (Array.IndexOf(RouteDeclaration.HttpMethods, method) >= 0 || Nearest(method) is not { } nearest)
                {
                    return match.Value;
                }

                replacements.Add($"{nearest} for {match.Value}");
                return nearest;
            });
            if (replacements.Count == 0)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use " + string.Join(", ", replacements),
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, FixSyntax.StringLiteral(fixedText).WithTriviaFrom(literal)))),
                    EquivalenceKey),
                context.Diagnostics);
        }

        /// <summary>The method this one abbreviates or extends (<c>DEL</c>, <c>GETS</c>), or the one a few edits away.</summary>
        private static string? Nearest(string method) =>
            RouteDeclaration.HttpMethods.FirstOrDefault(m => m.StartsWith(method, StringComparison.Ordinal) || method.StartsWith(m, StringComparison.Ordinal))
            ?? EditDistance.Nearest(method, RouteDeclaration.HttpMethods);
    }
}
