using System;
using System.Collections.Immutable;
using System.Linq;
using Micro.Analyzers.Diagnostics;
using Micro.Analyzers.Shared;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// MICRO0083: a handler reads a form or a JSON body, but its route answers only GET and HEAD (the
    /// default), whose requests carry no body: a form post gets a 405, and a GET never has the value.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BodyOnGetRouteAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] s_bodyTypes = { KnownNames.IFormFile, KnownNames.IFormFileCollection, KnownNames.IFormCollection };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AnalyzerDescriptors.BodyOnGetRoute);

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
                    SymbolKind.Method,
                    SymbolKind.NamedType);
            });
        }

        private static void Analyze(RouteDeclaration route, SymbolAnalysisContext context)
        {
            if (!route.IsValid)
            {
                return;
            }

            foreach (var handler in route.Handlers())
            {
                // A class-based view's verb method answers its verb; a function route answers its methods.
                var methods = route.IsClassView ? new[] { handler.Name.ToUpperInvariant() } : route.Methods.ToArray();
                if (!methods.All(static m => m is "GET" or "HEAD"))
                {
                    continue;
                }

                foreach (var parameter in handler.Parameters.Where(ReadsBody))
                {
                    var advice = route.IsClassView
                        ? "read it in a Post method"
                        : "answer POST with [Route(..., Methods = \"POST\")]";
                    var answers = string.Join(" and ", methods);
                    context.ReportDiagnostic(Diagnostic.Create(
                        AnalyzerDescriptors.BodyOnGetRoute,
                        parameter.Locations.FirstOrDefault(),
                        parameter.Name,
                        SymbolText.Display(handler),
                        answers,
                        advice));
                }
            }
        }

        private static bool ReadsBody(IParameterSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass is { } type
                    && type.AllInterfaces.Any(static i => i.ToDisplayString() is KnownNames.FromBodyMetadata or KnownNames.FromFormMetadata))
                {
                    return true;
                }
            }

            var typeName = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
            return Array.IndexOf(s_bodyTypes, typeName) >= 0;
        }
    }
}
