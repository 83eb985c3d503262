using System.Collections.Immutable;
using System.Linq;
using Micro.Analyzers.Diagnostics;
using Micro.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// MICRO0084: <c>Methods = "..."</c> on the <c>[Route]</c> of a class-based view. The view answers
    /// the verbs it has methods for, so the setting is ignored, and a verb it names without a method
    /// ("an HTTP method without a handler") gets a 405.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MethodsOnClassViewAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AnalyzerDescriptors.MethodsOnClassView);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                if (MicroTypes.From(start.Compilation) is not { } types)
                {
                    return;
                }

                start.RegisterSymbolAction(
                    symbolContext =>
                    {
                        foreach (var route in RouteDeclaration.On(symbolContext.Symbol, types, symbolContext.CancellationToken))
                        {
                            Analyze(route, symbolContext);
                        }
                    },
                    SymbolKind.NamedType);
            });
        }

        private static void Analyze(RouteDeclaration route, SymbolAnalysisContext context)
        {
            // A view without verb methods is MICRO0009.
            if (route.DeclaredMethods.Count == 0 || route.HandledMethods.Count == 0
                || route.Attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
            {
                return;
            }

            var methodsArgument = arguments.Arguments.FirstOrDefault(static a => a.NameEquals?.Name.Identifier.ValueText == "Methods");
            if (methodsArgument is null)
            {
                return;
            }

            // Verbs it names that it has no method for; HEAD is answered by Get, OPTIONS by every view.
            var missing = route.DeclaredMethods.Where(m => !route.Methods.Contains(m)).ToList();
            var advice = missing.Count == 0
                ? "remove Methods"
                : "remove Methods, and add " + string.Join(" and ", missing.Select(static m => $"a static {m.Substring(0, 1)}{m.Substring(1).ToLowerInvariant()} method to answer {m}"));
            context.ReportDiagnostic(Diagnostic.Create(
                AnalyzerDescriptors.MethodsOnClassView,
                methodsArgument.GetLocation(),
                route.Target.Name,
                string.Join(", ", route.Methods),
                advice));
        }
    }
}
