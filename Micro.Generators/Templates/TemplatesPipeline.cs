using System.Linq;
using Micro.Generators.Data.Model;
using Micro.Generators.Forms.Model;
using Micro.Generators.Routing.Model;
using Micro.Generators.Shared;
using Micro.Generators.Templates.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Templates
{
    /// <summary>
    /// Wires templates: <c>Template.Render</c> call sites (their model types get accessors), <c>[TemplateTag]</c> methods
    /// (registered into the app's library), and the files of <c>templates/</c> (checked against both and the route names).
    /// </summary>
    internal static class TemplatesPipeline
    {
        private const string TemplateMetadata = "build_metadata.AdditionalFiles.MicroTemplate";
        private const string StaticMetadata = "build_metadata.AdditionalFiles.MicroStatic";

        public static IncrementalValueProvider<TemplatesModel> Register(
            IncrementalGeneratorInitializationContext context,
            IncrementalValueProvider<RouteTableModel?> routes,
            IncrementalValueProvider<DataModel?> data,
            IncrementalValueProvider<EquatableArray<FormModel>> forms,
            IncrementalValueProvider<ProjectOptions> project)
        {
            var calls = context.SyntaxProvider.CreateSyntaxProvider(
                    static (node, _) => TemplatesParser.IsRenderCall(node),
                    TemplatesParser.ParseRenderCall)
                .Where(static call => call is not null)
                .Select(static (call, _) => call!)
                .WithTrackingName(TrackingNames.TemplateRenderCalls);

            var tags = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.TemplateTagAttribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    TemplatesParser.ParseTag)
                .WithTrackingName(TrackingNames.TemplateTags);

            context.ReportDiagnostics(tags.Select(static (parsed, _) => parsed.Diagnostics));

            var projectDirectory = project.Select(static (project, _) => project.Directory);

            var files = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Where(static pair => pair.Right.GetOptions(pair.Left).TryGetValue(TemplateMetadata, out var flag) && flag == "true")
                .Select(static (pair, _) => pair.Left)
                .Combine(projectDirectory)
                .Select(static (pair, cancellationToken) => TemplatesParser.ReadTemplateFile(pair.Left, pair.Right, cancellationToken))
                .Where(static file => file is not null)
                .Select(static (file, _) => file!)
                .WithTrackingName(TrackingNames.TemplateFiles);

            // static/: only the names, for {% static %}; the content (often not text) is never read here.
            var staticNames = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Where(static pair => pair.Right.GetOptions(pair.Left).TryGetValue(StaticMetadata, out var flag) && flag == "true")
                .Select(static (pair, _) => pair.Left.Path)
                .Combine(projectDirectory)
                .Select(static (pair, _) => TemplatesParser.FolderRelativeName(pair.Left, pair.Right, TemplatesParser.StaticFolder))
                .Collect()
                .Select(static (names, _) => names.OrderBy(static n => n, System.StringComparer.Ordinal).ToEquatableArray());

            var allFiles = files.Collect();
            var allTags = tags.Collect();

            var checks = allFiles.Combine(allTags).Combine(routes).Combine(staticNames)
                .Select(TemplatesParser.Validate)
                .WithTrackingName(TrackingNames.TemplateChecks);
            context.ReportDiagnostics(checks);

            var duplicates = allTags.Select(TemplatesParser.CheckDuplicateTags);
            context.ReportDiagnostics(duplicates);

            // Models typed from generated code (the Db's query sets, forms' generated members) are bound again with those declarations.
            var typedFromGenerated = calls.Where(static call => !call.UntypedMembers.IsEmpty).Collect()
                .Combine(data)
                .Combine(forms)
                .Combine(context.CompilationProvider)
                .Select(TemplatesParser.TypeGeneratedParts)
                .WithTrackingName(TrackingNames.TemplateGeneratedTypes);
            context.ReportDiagnostics(typedFromGenerated.Select(TemplatesParser.CheckModelTypes));

            var renderedNames = calls.Collect().Combine(allFiles).Select(TemplatesParser.CheckRenderedNames);
            context.ReportDiagnostics(renderedNames);

            var typedCalls = calls.Where(static call => call.UntypedMembers.IsEmpty).Collect();

            // What templates read of their models, checked against the models' types.
            var members = typedCalls.Combine(typedFromGenerated)
                .Select(static (input, _) => input.Left.AddRange(input.Right))
                .Combine(allFiles)
                .Combine(allTags)
                .Select(TemplatesParser.CheckMembers)
                .WithTrackingName(TrackingNames.TemplateMemberChecks);
            context.ReportDiagnostics(members);

            var model = typedCalls.Combine(typedFromGenerated).Combine(allTags)
                .Select(TemplatesParser.Build)
                .WithTrackingName(TrackingNames.TemplatesModel);

            context.RegisterSourceOutput(model, static (spc, model) =>
            {
                if (model.Accessors.Count == 0 && model.Tags.Count == 0)
                {
                    return;
                }

                spc.AddSource(TemplatesEmitter.HintName, TemplatesEmitter.Emit(model));
            });

            var compiled = allFiles.Combine(allTags).Combine(model)
                .Select(static (input, _) => new CompiledTemplatesModel(
                    input.Left.Left.OrderBy(static f => f.Name, System.StringComparer.Ordinal).ToEquatableArray(),
                    input.Left.Right.Select(static t => t.Model).Where(static t => t is not null).Select(static t => t!).ToEquatableArray(),
                    input.Right.Accessors))
                .WithTrackingName(TrackingNames.CompiledTemplates);
            context.RegisterSourceOutput(compiled, static (spc, model) =>
            {
                if (TemplatesCompiler.Emit(model, spc.CancellationToken) is { } source)
                {
                    spc.AddSource(TemplatesCompiler.HintName, source);
                }
            });

            return model.Combine(allFiles).Select(static (input, _) => input.Left with { HasCompiledTemplates = !input.Right.IsEmpty });
        }
    }
}
