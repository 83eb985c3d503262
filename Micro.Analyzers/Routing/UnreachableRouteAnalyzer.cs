using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Micro.Analyzers.Diagnostics;
using Micro.Analyzers.Shared;
using Micro.Generators.Routing.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// MICRO0080: a route that another route always answers first, for some or all of its methods. A
    /// literal segment beats a value, so <c>posts/new/</c> beside <c>posts/&lt;slug:slug&gt;/</c> is fine;
    /// two equal patterns, or a <c>&lt;path:rest&gt;</c> route with a lower Order than a more specific one, are not.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnreachableRouteAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AnalyzerDescriptors.UnreachableRoute);

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
                            Analyze(route, RouteIndex.For(symbolContext.Compilation, types, symbolContext.CancellationToken), symbolContext);
                        }
                    },
                    SymbolKind.Method,
                    SymbolKind.NamedType);
            });
        }

        private static void Analyze(RouteDeclaration route, RouteIndex index, SymbolAnalysisContext context)
        {
            if (!route.IsValid)
            {
                return;
            }

            RouteDeclaration? first = null;
            string? reason = null;
            var shadowed = new HashSet<string>(StringComparer.Ordinal);
            var declaredEarlier = true;
            foreach (var other in index.Routes)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (ReferenceEquals(other.Attribute, route.Attribute) || Equals(other.Location, route.Location))
                {
                    declaredEarlier = false;
                    continue;
                }

                var methods = route.HandledMethods.Where(m => other.Methods.Contains(m) && !shadowed.Contains(m)).ToList();
                if (!other.IsValid || methods.Count == 0 || WhyFirst(other, route, declaredEarlier) is not { } why)
                {
                    continue;
                }

                shadowed.UnionWith(methods);
                if (first is null)
                {
                    first = other;
                    reason = why;
                }
            }

            if (first is null)
            {
                return;
            }

            var never = route.HandledMethods.Where(shadowed.Contains);
            context.ReportDiagnostic(Diagnostic.Create(
                AnalyzerDescriptors.UnreachableRoute,
                route.Location,
                route.Pattern,
                string.Join(", ", never),
                first.Pattern,
                SymbolText.Position(first.Location),
                reason));
        }

        /// <summary>Why <paramref name="winner"/> answers every URL <paramref name="route"/> matches, or null when it doesn't.</summary>
        private static string? WhyFirst(RouteDeclaration winner, RouteDeclaration route, bool winnerDeclaredEarlier)
        {
            var samePattern = winner.IsRegex == route.IsRegex && SamePattern(winner, route);
            if (!samePattern && (winner.IsRegex || route.IsRegex || winner.Parts is null || route.Parts is null))
            {
                // Regular expressions are compared as text only.
                return null;
            }

            if (winner.Order > route.Order || (winner.Order == route.Order && !winnerDeclaredEarlier))
            {
                return null;
            }

            if (winner.Order == route.Order && !samePattern)
            {
                // At one Order, a more specific endpoint pattern is tried first; a custom converter may
                // match slashes, which changes the endpoint pattern, so those are only compared when equal.
                if (HasCustomConverter(winner.Parts!) || HasCustomConverter(route.Parts!)
                    || RoutePrecedence.Of(winner.Parts!) != RoutePrecedence.Of(route.Parts!))
                {
                    return null;
                }
            }

            if (!samePattern && !PatternLanguage.Of(winner.Parts!).Includes(PatternLanguage.Of(route.Parts!)))
            {
                return null;
            }

            return winner.Order < route.Order
                ? $"its Order ({winner.Order}) is lower than this route's ({route.Order})"
                : samePattern ? "it has the same pattern and is declared earlier" : "it is declared earlier and is as specific";
        }

        /// <summary>The same pattern up to the names of the values: <c>&lt;int:id&gt;/</c> and <c>&lt;int:pk&gt;/</c> match the same URLs.</summary>
        private static bool SamePattern(RouteDeclaration a, RouteDeclaration b)
        {
            if (a.IsRegex)
            {
                return a.Regex is not null && string.Equals(a.Regex, b.Regex, StringComparison.Ordinal);
            }

            return a.Parts is not null && b.Parts is not null && string.Equals(Shape(a.Parts), Shape(b.Parts), StringComparison.Ordinal);
        }

        private static string Shape(IReadOnlyList<PatternPart> parts) =>
            string.Concat(parts.Select(static p => p.IsLiteral ? p.Literal!.Replace("<", "<<") : "<" + p.Converter + ">"));

        private static bool HasCustomConverter(IReadOnlyList<PatternPart> parts) =>
            parts.Any(static p => p.Converter is not null && Array.IndexOf(Generators.Routing.RoutePatternSyntax.BuiltInConverters, p.Converter) < 0);
    }
}
