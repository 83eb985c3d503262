using Micro.Generators.Admin.Model;
using Micro.Generators.Commands.Model;
using Micro.Generators.Data.Model;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Micro.Generators.Testing.Model;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Hosting
{
    /// <summary>Wires the other pipelines' outputs into the app's manifest: the one entry point generated code offers the runtime.</summary>
    internal static class ManifestPipeline
    {
        public static void Register(
            IncrementalGeneratorInitializationContext context,
            IncrementalValueProvider<RouteTableModel?> routes,
            IncrementalValueProvider<CommandTableModel?> commands,
            IncrementalValueProvider<DataModel?> data,
            IncrementalValueProvider<TemplatesModel> templates,
            IncrementalValueProvider<TestTableModel?> tests,
            IncrementalValueProvider<AdminSiteModel?> admin,
            IncrementalValueProvider<ProjectOptions> project)
        {
            // Only flags survive this step, so most edits stop here.
            var manifest = routes.Combine(commands).Combine(data).Combine(templates).Combine(tests).Combine(admin).Combine(project)
                .Select(static (input, _) =>
                {
                    var ((((((routes, commands), data), templates), tests), admin), project) = input;
                    if (commands?.IsBuiltInAssembly == true)
                    {
                        // Micro.Runtime itself: its commands are the built-ins, not an app.
                        return null;
                    }

                    var model = new ManifestModel(
                        HasRoutes: routes is not null && (routes.Routes.Count > 0 || routes.ErrorHandlers.Count > 0),
                        HasJson: routes is not null && routes.JsonTypes.Count > 0,
                        HasCommands: commands is not null && commands.Commands.Count > 0,
                        HasData: data is not null && data.Models.Count > 0,
                        HasTemplateLibrary: templates.Tags.Count > 0,
                        HasTemplateAccessors: templates.Accessors.Count > 0,
                        ProjectDirectory: project.DevelopmentDirectory,
                        HasTests: tests is not null,
                        HasAdmin: admin is { Models.Count: > 0 },
                        AdminMountsItself: admin is { MountsItself: true, Models.Count: > 0 },
                        HasCompiledTemplates: templates.HasCompiledTemplates);
                    return model.IsEmpty ? null : model;
                })
                .WithTrackingName(TrackingNames.Manifest);

            context.RegisterSourceOutput(manifest, static (spc, model) =>
            {
                if (model is not null)
                {
                    spc.AddSource(ManifestEmitter.HintName, ManifestEmitter.Emit(model));
                }
            });
        }
    }
}
