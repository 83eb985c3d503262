using System.Collections.Immutable;
using Micro.Analyzers.Diagnostics;
using Micro.Analyzers.Shared;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Micro.Analyzers.Routing
{
    /// <summary>MICRO0081: <c>Url.Reverse("nope")</c> with a constant name no route has.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnknownRouteNameAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AnalyzerDescriptors.UnknownRouteName);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                if (MicroTypes.From(start.Compilation) is not { Url: not null } types)
                {
                    return;
                }

                start.RegisterOperationAction(
                    operationContext =>
                    {
                        if (ReverseCall.From((IInvocationOperation)operationContext.Operation, types) is not { } call)
                        {
                            return;
                        }

                        // Without routes of its own, the compilation may be a library reversing the app's routes.
                        var routes = RouteIndex.For(operationContext.Compilation, types, operationContext.CancellationToken);
                        // Names Micro's own views have (MapAuth's login, logout...) are known too.
                        if (routes.Routes.Count == 0 || routes.Named(call.Name).Count > 0
                            || Micro.Generators.Shared.KnownNames.IsBuiltInRouteName(call.Name)
                            || routes.IsNamedOnLocalFunction(call.Name, operationContext.CancellationToken))
                        {
                            return;
                        }

                        var suggestion = EditDistance.Nearest(call.Name, routes.Names);
                        var properties = suggestion is null
                            ? ImmutableDictionary<string, string?>.Empty
                            : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Replacement, suggestion);
                        operationContext.ReportDiagnostic(Diagnostic.Create(
                            AnalyzerDescriptors.UnknownRouteName,
                            call.NameArgument.Syntax.GetLocation(),
                            properties,
                            call.Name,
                            suggestion is null ? $"name a route with [Route(..., Name = \"{call.Name}\")]" : $"did you mean '{suggestion}'?"));
                    },
                    OperationKind.Invocation);
            });
        }
    }
}
