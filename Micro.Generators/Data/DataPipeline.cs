using System.Linq;
using Micro.Generators.Data.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Data
{
    /// <summary>Wires <c>[Model]</c> classes into the data layer: model metadata, the <c>Db</c> service and the EF Core context.</summary>
    internal static class DataPipeline
    {
        public static IncrementalValueProvider<DataModel?> Register(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.ModelAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax or StructDeclarationSyntax,
                    DataParser.ParseModel)
                .WithTrackingName(TrackingNames.ModelTargets);

            context.ReportDiagnostics(models.Select(static (parsed, _) => parsed.Diagnostics));

            var data = models.Collect()
                .Select(DataParser.Build)
                .WithTrackingName(TrackingNames.DataModel);

            context.ReportDiagnostics(data.Select(static (parsed, _) => parsed.Diagnostics));

            var model = data.Select(static (parsed, _) => parsed.Model);
            context.RegisterSourceOutput(model, static (spc, model) =>
            {
                if (model is null || model.Models.Count == 0)
                {
                    return;
                }

                spc.AddSource(DataEmitter.ModelsHintName, DataEmitter.EmitModels(model));
                spc.AddSource(DataEmitter.DbHintName, DataEmitter.EmitDb(model));
                spc.AddSource(DataEmitter.DbContextHintName, DataEmitter.EmitDbContext(model));
            });

            return model;
        }
    }
}
