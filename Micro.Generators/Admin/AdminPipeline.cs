using System.Linq;
using Micro.Generators.Admin.Model;
using Micro.Generators.Data.Model;
using Micro.Generators.Forms;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Admin
{
    /// <summary>
    /// Wires the admin: every <c>[Model]</c> class with its <c>[Admin]</c> options, joined with the data layer's model and with
    /// whether the app calls <c>MapAdmin</c> (which registers every model when none carries <c>[Admin]</c>). Writes the site and
    /// one model form per registered model.
    /// </summary>
    internal static class AdminPipeline
    {
        /// <returns>The admin site, for the manifest; null when the app has none.</returns>
        public static IncrementalValueProvider<AdminSiteModel?> Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<DataModel?> data)
        {
            var classes = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.ModelAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    AdminParser.ParseModel)
                .WithTrackingName(TrackingNames.AdminTargets);

            context.ReportDiagnostics(classes.Select(static (parsed, _) => parsed.Diagnostics));

            var misplaced = context.SyntaxProvider.ForAttributeWithMetadataName(
                KnownNames.AdminAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                AdminParser.CheckAdminTarget);
            context.ReportDiagnostics(misplaced);

            // A call to MapAdmin anywhere: the app mounts the admin itself, with every model unless some carry [Admin].
            var mapsAdmin = context.SyntaxProvider.CreateSyntaxProvider(
                    static (node, _) => node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MapAdmin" } },
                    static (_, _) => true)
                .Collect()
                .Select(static (calls, _) => calls.Length > 0);

            var site = classes.Collect().Combine(data).Combine(mapsAdmin)
                .Select(AdminParser.Build)
                .WithTrackingName(TrackingNames.AdminSite);

            context.ReportDiagnostics(site.Select(static (parsed, _) => parsed.Diagnostics));

            var model = site.Select(static (parsed, _) => parsed.Model);
            context.RegisterSourceOutput(model, static (spc, site) =>
            {
                if (site is null || site.Models.Count == 0)
                {
                    return;
                }

                spc.AddSource(AdminEmitter.HintName, AdminEmitter.Emit(site));
                foreach (var admin in site.Models)
                {
                    spc.AddSource(FormsEmitter.HintName(admin.Form), FormsEmitter.Emit(admin.Form));
                    if (admin.ListEditable is { } listEditable)
                    {
                        spc.AddSource(FormsEmitter.HintName(listEditable.Form), FormsEmitter.Emit(listEditable.Form));
                    }

                    foreach (var inline in admin.Inlines)
                    {
                        spc.AddSource(FormsEmitter.HintName(inline.Form), FormsEmitter.Emit(inline.Form));
                    }
                }
            });

            return model;
        }
    }
}
