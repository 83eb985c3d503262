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
        /// <summary>The MSBuild property Micro.App.targets makes visible to the compiler: where <c>migrations/</c> lives.</summary>
        private const string ProjectDirectoryProperty = "build_property.MSBuildProjectDirectory";

        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            var models = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.ModelAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax or StructDeclarationSyntax,
                    DataParser.ParseModel)
                .WithTrackingName(TrackingNames.ModelTargets);

            context.RegisterSourceOutput(models, static (spc, parsed) =>
            {
                foreach (var diagnostic in parsed.Diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

            var projectDirectory = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => options.GlobalOptions.TryGetValue(ProjectDirectoryProperty, out var directory) && directory.Length > 0 ? directory : null)
                .WithTrackingName(TrackingNames.ProjectDirectory);

            var data = models.Collect()
                .Combine(projectDirectory)
                .Select(DataParser.Build)
                .WithTrackingName(TrackingNames.DataModel);

            context.RegisterSourceOutput(data, static (spc, parsed) =>
            {
                foreach (var diagnostic in parsed.Diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

            context.RegisterSourceOutput(data.Select(static (parsed, _) => parsed.Model), static (spc, model) =>
            {
                if (model is null || model.Models.Count == 0)
                {
                    return;
                }

                spc.AddSource(DataEmitter.ModelsHintName, DataEmitter.EmitModels(model));
                spc.AddSource(DataEmitter.DbHintName, DataEmitter.EmitDb(model));
                spc.AddSource(DataEmitter.DbContextHintName, DataEmitter.EmitDbContext(model));
            });
        }
    }
}
