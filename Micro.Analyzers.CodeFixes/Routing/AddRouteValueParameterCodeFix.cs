using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Micro.Analyzers.CodeFixes.Shared;
using Micro.Analyzers.Routing;
using Micro.Generators.Diagnostics;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Micro.Analyzers.CodeFixes.Routing
{
    /// <summary>
    /// MICRO0003: adds a parameter for each route value the handler lacks, typed from its converter
    /// (<c>int</c> for int, <c>Guid</c> for uuid, a custom converter's value type, else <c>string</c>),
    /// placed after the route values before it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRouteValueParameterCodeFix)), Shared]
    public sealed class AddRouteValueParameterCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "Micro.AddRouteValueParameter";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RouteValueWithoutParameter);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || FixSyntax.AttributeAt(root, context.Span) is not { } attribute
                || await FixSyntax.RouteAsync(context.Document, attribute, context.CancellationToken).ConfigureAwait(false) is not { } route)
            {
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var additions = new List<(MethodDeclarationSyntax Method, List<ParameterSyntax> Parameters, List<int> Positions)>();
            var described = new List<string>();
            foreach (var handler in route.Handlers())
            {
                if (handler.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax method
                    || method.SyntaxTree != root.SyntaxTree)
                {
                    continue;
                }

                var parameters = new List<ParameterSyntax>();
                var positions = new List<int>();
                var existing = handler.Parameters.Select(static p => p.Name).ToList();
                foreach (var value in route.ValueNames)
                {
                    if (existing.Contains(value))
                    {
                        continue;
                    }

                    // After the route value that precedes it in the pattern, or first.
                    var before = route.ValueNames.TakeWhile(v => v != value).LastOrDefault(existing.Contains);
                    var position = before is null ? 0 : existing.IndexOf(before) + 1;
                    existing.Insert(position, value);
                    var (type, display) = TypeFor(route, value, model!.Compilation);
                    parameters.Add(SyntaxFactory.Parameter(SyntaxFactory.Identifier(value)).WithType(type));
                    described.Add($"'{display} {value}'");
                    positions.Add(position);
                }

                if (parameters.Count > 0)
                {
                    additions.Add((method, parameters, positions));
                }
            }

            if (additions.Count == 0)
            {
                return;
            }

            described = described.Distinct().ToList();
            var title = (described.Count == 1 ? "Add parameter " : "Add parameters ") + string.Join(", ", described);
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNodes(
                    additions.Select(static a => a.Method),
                    (original, _) =>
                    {
                        var addition = additions.First(a => a.Method == original);
                        var list = original.ParameterList.Parameters;
                        for (var i = 0; i < addition.Parameters.Count; i++)
                        {
                            list = list.Insert(addition.Positions[i], addition.Parameters[i]);
                        }

                        return original.WithParameterList(original.ParameterList.WithParameters(list).WithAdditionalAnnotations(Formatter.Annotation));
                    }))), EquivalenceKey),
                context.Diagnostics);
        }

        /// <summary>The parameter type for a route value, what its converter produces, and how a title shows it.</summary>
        private static (TypeSyntax Type, string Display) TypeFor(RouteDeclaration route, string value, Compilation compilation)
        {
            var converter = route.Parts?.FirstOrDefault(p => p.Name == value)?.Converter;
            var text = SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword));
            switch (converter)
            {
                case "int":
                    return (SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.IntKeyword)), "int");
                case "uuid":
                    return (Qualified("global::System.Guid"), "Guid");
                case null or "str" or "slug" or "path":
                    return (text, "string");
            }

            return CustomConverterValueType(converter, compilation) is { } type
                ? (Qualified(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)), type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))
                : (text, "string");
        }

        private static TypeSyntax Qualified(string name) => SyntaxFactory.ParseTypeName(name).WithAdditionalAnnotations(Simplifier.Annotation);

        /// <summary>The <c>T</c> of the <c>RouteConverter&lt;T&gt;</c> class marked <c>[RouteConverter("name")]</c>.</summary>
        private static ITypeSymbol? CustomConverterValueType(string name, Compilation compilation)
        {
            var attributeType = compilation.GetTypeByMetadataName(KnownNames.RouteConverterAttribute);
            var converterOfT = compilation.GetTypeByMetadataName(KnownNames.RouteConverterOfT);
            foreach (var symbol in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type))
            {
                if (symbol is not INamedTypeSymbol type
                    || !type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType)
                        && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value as string == name))
                {
                    continue;
                }

                for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, converterOfT))
                    {
                        return baseType.TypeArguments[0];
                    }
                }
            }

            return null;
        }
    }
}
