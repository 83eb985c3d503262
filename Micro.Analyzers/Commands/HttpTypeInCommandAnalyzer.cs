using System;
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
    /// MICRO0085: a command takes <c>HttpContext</c>, a form file or another value that only a request
    /// has. The generator treats such a parameter as a service, which no container can provide, so the
    /// command fails each time it runs.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HttpTypeInCommandAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] s_requestTypes =
        {
            KnownNames.HttpContext,
            KnownNames.HttpRequest,
            KnownNames.HttpResponse,
            KnownNames.IFormCollection,
            KnownNames.IFormFile,
            KnownNames.IFormFileCollection,
            KnownNames.ErrorInfo,
            KnownNames.Session,
            KnownNames.CurrentUser,
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AnalyzerDescriptors.HttpTypeInCommand);

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
                        var method = (IMethodSymbol)symbolContext.Symbol;
                        if (!types.IsCommandHandler(method) || MicroTypes.Has(method, types.Route))
                        {
                            return;
                        }

                        foreach (var parameter in method.Parameters)
                        {
                            var typeName = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
                            if (Array.IndexOf(s_requestTypes, typeName) >= 0)
                            {
                                symbolContext.ReportDiagnostic(Diagnostic.Create(
                                    AnalyzerDescriptors.HttpTypeInCommand,
                                    parameter.Locations.FirstOrDefault(),
                                    parameter.Name,
                                    SymbolText.Display(method),
                                    parameter.Type.Name));
                            }
                        }
                    },
                    SymbolKind.Method);
            });
        }
    }
}
