using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Micro.Analyzers.Diagnostics;
using Micro.Analyzers.Shared;
using Micro.Generators.Routing.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// MICRO0082: <c>Url.Reverse</c> of an existing route that can only throw: the wrong number of
    /// values, a constant value its converter refuses, or a regular expression that can't be reversed.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReverseValuesAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(AnalyzerDescriptors.ReverseValuesDontFit);

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
                        if (ReverseCall.From((IInvocationOperation)operationContext.Operation, types) is { } call)
                        {
                            Analyze(call, RouteIndex.For(operationContext.Compilation, types, operationContext.CancellationToken), operationContext);
                        }
                    },
                    OperationKind.Invocation);
            });
        }

        private static void Analyze(ReverseCall call, RouteIndex index, OperationAnalysisContext context)
        {
            // An unknown name is MICRO0081; a duplicate one is MICRO0006.
            var named = index.Named(call.Name);
            if (named.Count != 1 || !named[0].IsValid)
            {
                return;
            }

            var route = named[0];
            if (route.IsRegex && route.Reversals is null)
            {
                Report(context, call.NameArgument, call.Name,
                    "its pattern is a regular expression that can't be reversed (an alternation '|', or a construct such as '(?i)'), as in Django");
                return;
            }

            if (call.Values is null)
            {
                return;
            }

            if (route.Parts is null)
            {
                // A regex with unnamed or optional groups, lookarounds...: the run time checks the values against the whole
                // expression, as Django does; here only their count, against each way it reverses.
                var counts = route.Reversals!.Select(static r => r.Count(static p => p.IsValue)).Distinct().ToList();
                if (!counts.Contains(call.Values.Count))
                {
                    Report(context, call.Invocation, call.Name,
                        $"it takes {string.Join(" or ", counts.Select(c => Count(c)))}, and {Count(call.Values.Count, verb: true)} given");
                }

                return;
            }

            var valueParts = route.Parts.Where(static p => !p.IsLiteral).ToList();
            if (call.Values.Count != valueParts.Count)
            {
                var names = valueParts.Count == 0 ? "" : " (" + string.Join(", ", valueParts.Select(static p => p.Name)) + ")";
                Report(context, call.Invocation, call.Name,
                    $"it takes {Count(valueParts.Count)}{names}, and {Count(call.Values.Count, verb: true)} given");
                return;
            }

            for (var i = 0; i < valueParts.Count; i++)
            {
                var part = valueParts[i];
                if (UrlText(call.Values[i]) is not { } text || ValueRegex(part) is not { } regex)
                {
                    continue;
                }

                if (!Regex.IsMatch(text, "^(?:" + regex + ")\\z", RegexOptions.CultureInvariant))
                {
                    Report(context, call.Values[i], call.Name, $"'{text}' is not a valid value for '{part.Name}' (it must match {regex})");
                }
            }
        }

        /// <summary>The text a constant string or integer becomes in the URL, as the runtime's converters write it.</summary>
        private static string? UrlText(IOperation value) => value.ConstantValue switch
        {
            { HasValue: true, Value: string text } => text,
            { HasValue: true, Value: int or long or short or byte or sbyte or uint or ulong or ushort } constant =>
                ((IFormattable)constant.Value!).ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };

        /// <summary>The expression a value must match: a built-in converter's or a regex group's; null for a custom converter.</summary>
        private static string? ValueRegex(PatternPart part) => part.Converter switch
        {
            null => part.GroupRegex,
            "int" => "[0-9]+",
            "str" => "[^/]+",
            "slug" => "[-a-zA-Z0-9_]+",
            "uuid" => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "path" => ".+",
            _ => null,
        };

        private static string Count(int count, bool verb = false) =>
            (count == 1 ? "1 value" : $"{count.ToString(CultureInfo.InvariantCulture)} values") + (verb ? (count == 1 ? " is" : " are") : "");

        private static void Report(OperationAnalysisContext context, IOperation at, string name, string problem) =>
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.ReverseValuesDontFit, at.Syntax.GetLocation(), name, problem));
    }
}
