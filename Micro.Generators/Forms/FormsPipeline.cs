using Micro.Generators.Data.Model;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Forms
{
    /// <summary>
    /// Wires <c>[Form]</c> classes into their generated parts: one source per form, with its binding, validation and
    /// metadata. Model forms are resolved against the data layer's model (columns, references, unique indexes).
    /// Nothing joins the app's manifest: generated route code reaches a form's metadata through the form type itself
    /// (<c>IForm&lt;TSelf&gt;.Info</c>); the templates pipeline gets every form, to type render calls that read their generated members.
    /// </summary>
    internal static class FormsPipeline
    {
        /// <returns>Every valid form, for the templates pipeline, which binds render calls again with the forms' generated parts.</returns>
        public static IncrementalValueProvider<EquatableArray<FormModel>> Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<DataModel?> data)
        {
            var forms = context.SyntaxProvider.ForAttributeWithMetadataName(
                    KnownNames.FormAttribute,
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax or StructDeclarationSyntax,
                    FormsParser.ParseForm)
                .WithTrackingName(TrackingNames.FormTargets);

            context.ReportDiagnostics(forms.Select(static (parsed, _) => parsed.Diagnostics));

            var resolved = forms.Combine(data)
                .Select(FormsParser.Resolve)
                .WithTrackingName(TrackingNames.Forms);

            context.ReportDiagnostics(resolved.Select(static (parsed, _) => parsed.Diagnostics));

            var models = resolved.Select(static (parsed, _) => parsed.Model);
            context.RegisterSourceOutput(models, static (spc, form) =>
            {
                if (form is not null)
                {
                    spc.AddSource(FormsEmitter.HintName(form), FormsEmitter.Emit(form));
                }
            });

            return models.Where(static form => form is not null).Select(static (form, _) => form!).Collect()
                .Select(static (forms, _) => forms.ToEquatableArray())
                .WithTrackingName(TrackingNames.AllForms);
        }
    }
}
