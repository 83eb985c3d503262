using System.Linq;
using Micro.Generators.Json;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Routing
{
    /// <summary>Wires <c>[Route]</c>, <c>[ErrorHandler]</c> and <c>[RouteConverter]</c> into the URL table and <c>Urls</c>.</summary>
    internal static class RoutesPipeline
    {
        public static IncrementalValueProvider<RouteTableModel?> Register(IncrementalGeneratorInitializationContext context)
        {
            var routes = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.RouteAttribute,
                    static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or ClassDeclarationSyntax or RecordDeclarationSyntax,
                    RoutesParser.ParseRoutes)
                .WithTrackingName(TrackingNames.RouteTargets);

            var errorHandlers = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.ErrorHandlerAttribute,
                    static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                    RoutesParser.ParseErrorHandlers)
                .WithTrackingName(TrackingNames.ErrorHandlerTargets);

            var converters = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.RouteConverterAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    RoutesParser.ParseConverter)
                .WithTrackingName(TrackingNames.RouteConverters);

            var groups = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.RouteGroupAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    RoutesParser.ParseGroup)
                .WithTrackingName(TrackingNames.RouteGroups);
            context.ReportDiagnostics(groups);

            // JSON problems are reported once, with the table (RoutesParser.BuildTable).
            context.ReportDiagnostics(routes.Select(static (parsed, _) => parsed.SelectMany(static p => p.Diagnostics).Where(static d => !JsonModelBuilder.Reports(d)).ToEquatableArray()));
            context.ReportDiagnostics(errorHandlers.Select(static (parsed, _) => parsed.SelectMany(static p => p.Diagnostics).Where(static d => !JsonModelBuilder.Reports(d)).ToEquatableArray()));
            context.ReportDiagnostics(converters.Select(static (parsed, _) => parsed.Diagnostics));

            var table = routes.Collect()
                .Combine(converters.Collect())
                .Combine(errorHandlers.Collect())
                .Select(RoutesParser.BuildTable)
                .WithTrackingName(TrackingNames.RouteTable);

            context.ReportDiagnostics(table.Select(static (parsed, _) => parsed.Diagnostics));

            var model = table.Select(static (parsed, _) => parsed.Model);
            context.RegisterSourceOutput(model, static (spc, table) =>
            {
                if (table is null || (table.Routes.Count == 0 && table.ErrorHandlers.Count == 0))
                {
                    return;
                }

                spc.AddSource(RoutesEmitter.RoutesHintName, RoutesEmitter.EmitRoutes(table));
                spc.AddSource(RoutesEmitter.UrlsHintName, RoutesEmitter.EmitUrls(table));
                if (table.Validation.Count > 0)
                {
                    spc.AddSource(RoutesEmitter.ValidationHintName, RoutesEmitter.EmitValidation(table.Validation));
                }

                if (table.JsonTypes.Count > 0)
                {
                    spc.AddSource(JsonEmitter.HintName, JsonEmitter.EmitResolver(table.JsonTypes));
                }
            });

            return model;
        }
    }
}
