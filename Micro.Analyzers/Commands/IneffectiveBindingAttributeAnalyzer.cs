using System.Collections.Immutable;
using System.Linq;
using Micro.Analyzers.Diagnostics;
using Micro.Analyzers.Shared;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Micro.Analyzers.Commands
{
    /// <summary>
    /// MICRO0086: a binding attribute the generator never reads where it is: <c>[Argument]</c> or
    /// <c>[Option]</c> on a method that is not a command, or <c>[FromQuery]</c>, <c>[FromRoute]</c>,
    /// <c>[FromHeader]</c>, <c>[FromForm]</c> or <c>[FromBody]</c> on a command that is not also a route.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class IneffectiveBindingAttributeAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] s_requestSources =
        {
            KnownNames.FromQueryMetadata,
            KnownNames.FromRouteMetadata,
            KnownNames.FromHeaderMetadata,
            KnownNames.FromFormMetadata,
            KnownNames.FromBodyMetadata,
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AnalyzerDescriptors.IneffectiveBindingAttribute);

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

                start.RegisterSymbolAction(symbolContext => Analyze((IMethodSymbol)symbolContext.Symbol, types, symbolContext), SymbolKind.Method);
            });
        }

        private static void Analyze(IMethodSymbol method, MicroTypes types, SymbolAnalysisContext context)
        {
            var isCommand = types.IsCommandHandler(method);
            var isRoute = MicroTypes.Has(method, types.Route) || (method.ContainingType is { } view && MicroTypes.Has(view, types.Route));
            foreach (var parameter in method.Parameters)
            {
                foreach (var attribute in parameter.GetAttributes())
                {
                    string? why = null;
                    if (!isCommand && (MicroTypes.Is(attribute, types.Argument) || MicroTypes.Is(attribute, types.Option)))
                    {
                        why = $"{SymbolText.Display(method)} is not a command";
                    }
                    else if (isCommand && !isRoute && IsRequestSource(attribute))
                    {
                        why = $"{SymbolText.Display(method)} is a command, and commands read no request";
                    }

                    if (why is not null && attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is { } syntax)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            AnalyzerDescriptors.IneffectiveBindingAttribute,
                            syntax.GetLocation(),
                            ShortName(attribute.AttributeClass!),
                            parameter.Name,
                            why));
                    }
                }
            }
        }

        private static bool IsRequestSource(AttributeData attribute) =>
            attribute.AttributeClass is { } type && type.AllInterfaces.Any(static i => System.Array.IndexOf(s_requestSources, i.ToDisplayString()) >= 0);

        private static string ShortName(INamedTypeSymbol attribute) =>
            attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;
    }
}
