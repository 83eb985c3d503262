using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Micro.Generators.Admin.Model;
using Micro.Generators.Shared;

namespace Micro.Generators.Admin
{
    /// <summary>
    /// Writes the admin site: one file-local <c>ModelAdmin&lt;T&gt;</c> per registered model (its options resolved to the model's
    /// generated columns and relations) and <c>MicroAdmin.Create()</c>, which the manifest calls. Each model's form is a model
    /// form, written by the forms emitter into its own file.
    /// </summary>
    internal static class AdminEmitter
    {
        public const string HintName = "Micro.Admin.MicroAdmin.g.cs";

        private const string Admin = "global::Micro.Admin.";

        public static string Emit(AdminSiteModel site)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>The models registered with the admin.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroAdmin").OpenBrace();
            writer.Line("/// <summary>Some model carries <c>[Admin]</c>, so the host mounts the admin itself.</summary>");
            writer.Line($"public const bool MountsItself = {(site.MountsItself ? "true" : "false")};");
            writer.Line();
            writer.Line($"public static {Admin}ModelAdmin[] Create() => new {Admin}ModelAdmin[]").OpenBrace();
            foreach (var model in site.Models)
            {
                writer.Line($"{model.ClassName}.Instance,");
            }

            writer.CloseBrace(";");
            writer.CloseBrace();
            foreach (var model in site.Models)
            {
                writer.Line();
                EmitModel(writer, model);
            }

            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitModel(SourceWriter writer, AdminModel admin)
        {
            var type = admin.Model.Class.Type;
            var form = admin.Form.Class.Type;
            writer.Line($"/// <summary>The admin of <see cref=\"{type}\"/>.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"file sealed class {admin.ClassName} : {Admin}ModelAdmin<{type}>").OpenBrace();
            writer.Line($"public static readonly {admin.ClassName} Instance = new {admin.ClassName}();");
            writer.Line();
            writer.Line($"private {admin.ClassName}()");
            writer.Line($"    : base({admin.Model.InfoType}.Instance, {GeneratedCode.Literal(admin.VerboseName)}, {GeneratedCode.Literal(admin.VerboseNamePlural)})").OpenBrace();
            writer.Line($"ListPerPage = {admin.ListPerPage};");
            Fields(writer, "ListDisplay", type, admin.ListDisplay);
            if (admin.ListDisplayLinks.Count > 0)
            {
                writer.Line($"ListDisplayLinks = new string[] {{ {string.Join(", ", admin.ListDisplayLinks.Select(GeneratedCode.Literal))} }};");
            }

            if (admin.SearchColumns.Count > 0)
            {
                writer.Line($"SearchFields = new global::Micro.Data.ColumnInfo[] {{ {string.Join(", ", admin.SearchColumns)} }};");
            }

            if (admin.Filters.Count > 0)
            {
                writer.Line($"ListFilter = new {Admin}AdminFilter[]").OpenBrace();
                foreach (var filter in admin.Filters)
                {
                    var head = $"new {Admin}AdminFilter({GeneratedCode.Literal(filter.Name)}, {GeneratedCode.Literal(filter.Label)}, {filter.Column}, {Admin}AdminFilterKind.{filter.Kind})";
                    if (filter.Choices.Count > 0)
                    {
                        var choices = string.Join(", ", filter.Choices.Select(static c => $"new global::Micro.Forms.FormChoice({GeneratedCode.Literal(c.Value)}, {GeneratedCode.Literal(c.Label)})"));
                        writer.Line($"{head} {{ Choices = new global::Micro.Forms.FormChoice[] {{ {choices} }} }},");
                    }
                    else if (filter.TargetType is not null)
                    {
                        writer.Line(head).OpenBrace();
                        writer.Line($"LoadChoices = static async (db, cancellationToken) => (await new global::Micro.Data.QuerySet<{filter.TargetType}>(db, {filter.TargetInfo}.Instance)");
                        writer.Line($"    .OrderBy(static _ => {filter.TargetInfo}.{filter.TargetKey}Field).ToListAsync(cancellationToken))");
                        writer.Line($"    .ConvertAll(static row => global::Micro.Forms.ModelForms.Choice(row.{filter.TargetKey}, {filter.TargetDisplay}, \"\")),");
                        writer.CloseBrace(",");
                    }
                    else
                    {
                        writer.Line(head + ",");
                    }
                }

                writer.CloseBrace(";");
            }

            if (admin.Ordering.Count > 0)
            {
                writer.Line($"Ordering = new (global::Micro.Data.ColumnInfo, bool)[] {{ {string.Join(", ", admin.Ordering)} }};");
            }

            Fields(writer, "ReadonlyFields", type, admin.ReadonlyFields);
            if (admin.Fieldsets.Count > 0)
            {
                writer.Line($"Fieldsets = new {Admin}AdminFieldset[]").OpenBrace();
                foreach (var fieldset in admin.Fieldsets)
                {
                    var options = new List<string>();
                    if (fieldset.Description is { } description)
                    {
                        options.Add("Description = " + GeneratedCode.Literal(description));
                    }

                    if (fieldset.Collapse)
                    {
                        options.Add("Collapse = true");
                    }

                    if (fieldset.Wide)
                    {
                        options.Add("Wide = true");
                    }

                    writer.Line($"new {Admin}AdminFieldset({(fieldset.Name is null ? "null" : GeneratedCode.Literal(fieldset.Name))}, " +
                        $"new[] {{ {string.Join(", ", fieldset.Fields.Select(GeneratedCode.Literal))} }}){(options.Count > 0 ? " { " + string.Join(", ", options) + " }" : "")},");
                }

                writer.CloseBrace(";");
            }

            Prepopulated(writer, admin.Prepopulated, ";");

            if (admin.DateHierarchyColumn is not null)
            {
                writer.Line($"DateHierarchy = {admin.DateHierarchyColumn};");
            }

            if (admin.Includes.Count > 0)
            {
                writer.Line($"Includes = new global::Micro.Data.Relation<{type}>[] {{ {string.Join(", ", admin.Includes)} }};");
            }

            if (admin.Dependents.Count > 0)
            {
                writer.Line($"Dependents = new {Admin}AdminDependent[]").OpenBrace();
                foreach (var dependent in admin.Dependents)
                {
                    writer.Line($"new {Admin}AdminDependent<{dependent.Type}>({GeneratedCode.Literal(dependent.VerboseName)}, {dependent.Info}.Instance, {dependent.ForeignKeyColumn}, " +
                        $"{(dependent.Cascades ? "true" : "false")}, static row => {dependent.Display}),");
                }

                writer.CloseBrace(";");
            }

            if (admin.SaveAs)
            {
                writer.Line("SaveAs = true;");
            }

            var pageOptions = admin.PageOptions;
            if (pageOptions.SaveOnTop)
            {
                writer.Line("SaveOnTop = true;");
            }

            if (pageOptions.ListMaxShowAll != AdminPageOptions.Default.ListMaxShowAll)
            {
                writer.Line($"ListMaxShowAll = {pageOptions.ListMaxShowAll.ToString(CultureInfo.InvariantCulture)};");
            }

            if (pageOptions.SearchHelpText is { } searchHelpText)
            {
                writer.Line($"SearchHelpText = {GeneratedCode.Literal(searchHelpText)};");
            }

            if (!pageOptions.ActionsOnTop)
            {
                writer.Line("ActionsOnTop = false;");
            }

            if (pageOptions.ActionsOnBottom)
            {
                writer.Line("ActionsOnBottom = true;");
            }

            if (pageOptions.EmptyValueDisplay is { } empty)
            {
                writer.Line($"EmptyValueDisplay = {GeneratedCode.Literal(empty)};");
            }

            if (admin.ViewOnSite is { } viewOnSite)
            {
                writer.Line($"ViewOnSite = static row => {viewOnSite};");
            }

            if (admin.Actions.Count > 0)
            {
                writer.Line($"Actions = new {Admin}AdminAction<{type}>[]").OpenBrace();
                foreach (var action in admin.Actions)
                {
                    writer.Line($"new {Admin}AdminAction<{type}>({GeneratedCode.Literal(action.Name)}, {GeneratedCode.Literal(action.Description)}, {GeneratedCode.Literal(action.Permission)}, {action.Run}),");
                }

                writer.CloseBrace(";");
            }

            if (admin.ListEditable is { } listEditable)
            {
                writer.Line($"ListEditable = new {Admin}AdminListEditable<{type}, {listEditable.Form.Class.Type}>(");
                writer.Line($"    new string[] {{ {string.Join(", ", listEditable.Names.Select(GeneratedCode.Literal))} }},");
                writer.Line("    static (form, row) => form.Instance = row,");
                writer.Line("    static (form, db, cancellationToken) => form.SaveAsync((global::Micro.Db)db, cancellationToken));");
            }

            References(writer, "RawIdFields", admin.RawIds, "The change page names the row each key points to, as Django's ForeignKeyRawIdWidget.", ";");
            References(writer, "AutocompleteFields", admin.Autocompletes, "Each select holds the row chosen; the admin's script searches the target's admin for others.", ";");
            References(writer, "RelatedFields", admin.Related, "Beside each select, Django's \"+\" adds a row of the target in a popup.", ";");
            if (admin.Inlines.Count > 0)
            {
                writer.Line($"Inlines = new {Admin}AdminInline<{type}>[]").OpenBrace();
                foreach (var inline in admin.Inlines)
                {
                    writer.Line($"new {Admin}AdminInline<{type}, {inline.Type}, {inline.Form.Class.Type}>(");
                    writer.Line($"    {inline.Info}.Instance,");
                    writer.Line($"    {inline.ForeignKeyColumn},");
                    writer.Line($"    {GeneratedCode.Literal(inline.VerboseName)},");
                    writer.Line($"    {GeneratedCode.Literal(inline.VerboseNamePlural)},");
                    writer.Line($"    {inline.Link},");
                    writer.Line("    static (form, row) => form.Instance = row,");
                    writer.Line("    static (form, db, cancellationToken) => form.SaveAsync((global::Micro.Db)db, cancellationToken),");
                    writer.Line($"    static row => {inline.Display})");
                    writer.OpenBrace();
                    writer.Line($"Extra = {inline.Extra.ToString(CultureInfo.InvariantCulture)},");
                    writer.Line($"MaxNum = {inline.MaxNum.ToString(CultureInfo.InvariantCulture)},");
                    writer.Line($"CanDelete = {(inline.CanDelete ? "true" : "false")},");
                    if (inline.Stacked)
                    {
                        writer.Line("Stacked = true,");
                    }

                    References(writer, "RawIdFields", inline.RawIds, "Each row's key box names the row it points to.", ",");
                    References(writer, "AutocompleteFields", inline.Autocompletes, "Each row's select holds the row chosen; the admin's script searches the target's admin for others.", ",");
                    Prepopulated(writer, inline.Prepopulated, ",");
                    if (inline.RawIds.Count > 0 || inline.Autocompletes.Count > 0)
                    {
                        // Those references load no options, so each key posted is looked for in its table, as Django's fields do.
                        writer.Line("CheckReferencesAsync = static async (form, database, cancellationToken) =>").OpenBrace();
                        writer.Line("var db = (global::Micro.Db)database;");
                        ReferenceChecks(writer, inline.RawIds.Concat(inline.Autocompletes), "cancellationToken");
                        writer.CloseBrace(",");
                    }

                    writer.CloseBrace(",");
                }

                writer.CloseBrace(";");
            }

            writer.CloseBrace();
            writer.Line();
            writer.Line("public override global::Micro.Data.Database Database(global::System.IServiceProvider services) =>");
            writer.Line("    global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Micro.Db>(services);");
            writer.Line();
            writer.Line($"public override string Display({type} row) => {admin.Display};");
            writer.Line();
            writer.Line($"public override async global::System.Threading.Tasks.ValueTask<global::Micro.Forms.IForm?> BindFormAsync(global::Microsoft.AspNetCore.Http.HttpContext context, {type}? instance)");
            writer.OpenBrace();
            writer.Line($"var form = await global::Micro.Forms.FormBinding.BindAsync<{form}>(context, \"form\");");
            writer.Line("if (form is not null)").OpenBrace();
            writer.Line("form.Instance = instance;");
            writer.CloseBrace();
            writer.Line();
            if (admin.RawIds.Count > 0 || admin.Autocompletes.Count > 0)
            {
                // Raw id and autocomplete fields load no options, so the key posted is looked for in its table, as Django's fields do.
                writer.Line("if (form is { IsBound: true })").OpenBrace();
                writer.Line("var db = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Micro.Db>(context.RequestServices);");
                ReferenceChecks(writer, admin.RawIds.Concat(admin.Autocompletes), "context.RequestAborted");
                writer.CloseBrace();
                writer.Line();
            }

            writer.Line("return form;");
            writer.CloseBrace();
            writer.Line();
            writer.Line($"public override global::System.Threading.Tasks.Task<{type}?> SaveFormAsync(global::Micro.Forms.IForm form, global::Micro.Data.Database db, global::System.Threading.CancellationToken cancellationToken) =>");
            writer.Line($"    (({form})form).SaveAsync((global::Micro.Db)db, cancellationToken);");
            writer.CloseBrace();
        }

        /// <summary>
        /// The <c>RawIdFields</c>, <c>AutocompleteFields</c> or <c>RelatedFields</c> of a model's admin or an inline: each form field and
        /// its target model; the assignment ends with <paramref name="end"/> (";", or "," in an inline's initializer).
        /// </summary>
        private static void References(SourceWriter writer, string property, EquatableArray<AdminReferenceModel> references, string comment, string end)
        {
            if (references.Count == 0)
            {
                return;
            }

            writer.Line("// " + comment);
            writer.Line($"{property} = new {Admin}AdminReference[]").OpenBrace();
            foreach (var reference in references)
            {
                writer.Line($"new {Admin}AdminReference<{reference.TargetType}>({GeneratedCode.Literal(reference.Name)}),");
            }

            writer.CloseBrace(end);
        }

        /// <summary>The <c>[AdminPrepopulated]</c> fields of a model's admin or an inline; the assignment ends with <paramref name="end"/>.</summary>
        private static void Prepopulated(SourceWriter writer, EquatableArray<AdminPrepopulatedModel> fields, string end)
        {
            if (fields.Count == 0)
            {
                return;
            }

            writer.Line($"PrepopulatedFields = new {Admin}AdminPrepopulated[]").OpenBrace();
            foreach (var prepopulated in fields)
            {
                writer.Line($"new {Admin}AdminPrepopulated({GeneratedCode.Literal(prepopulated.Field)}, new[] {{ {string.Join(", ", prepopulated.From.Select(GeneratedCode.Literal))} }}),");
            }

            writer.CloseBrace(end);
        }

        /// <summary>
        /// For each reference that loads no options, an error on the form's field when the key posted names no row of the target (the
        /// form is <c>form</c>, the app's <c>Db</c> <c>db</c>).
        /// </summary>
        private static void ReferenceChecks(SourceWriter writer, IEnumerable<AdminReferenceModel> references, string cancellationToken)
        {
            foreach (var reference in references)
            {
                var identifier = GeneratedCode.Identifier(reference.Property);
                var key = char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
                writer.Line($"if (!form.Errors.Contains({GeneratedCode.Literal(reference.Property)}) && form.{reference.Property} is {(reference.IsNullable ? "{ }" : "var")} {key})").OpenBrace();
                writer.Line($"var {key}Row = {reference.TargetKeyField}.Exact({key});");
                writer.Line($"if (!await db.{reference.TargetSet}.Filter(_ => {key}Row).ExistsAsync({cancellationToken}))").OpenBrace();
                writer.Line($"form.Errors.Add({GeneratedCode.Literal(reference.Property)}, \"Select a valid choice. That choice is not one of the available choices.\");");
                writer.CloseBrace();
                writer.CloseBrace();
            }
        }

        private static void Fields(SourceWriter writer, string property, string type, EquatableArray<AdminFieldModel> fields)
        {
            if (fields.Count == 0)
            {
                return;
            }

            writer.Line($"{property} = new {Admin}AdminField<{type}>[]").OpenBrace();
            foreach (var field in fields)
            {
                var options = (field.Column is null ? "" : $" Column = {field.Column},") + (field.IsBoolean ? " IsBoolean = true," : "")
                    + (field.OrderReversed ? " OrderReversed = true," : "") + (field.EmptyValue is null ? "" : $" EmptyValue = {GeneratedCode.Literal(field.EmptyValue)},")
                    + (field.IsFile ? " IsFile = true," : "");
                var init = options.Length == 0 ? "" : " {" + options + " }";
                writer.Line($"new {Admin}AdminField<{type}>({GeneratedCode.Literal(field.Name)}, {GeneratedCode.Literal(field.Label)}, static row => {field.Value}){init},");
            }

            writer.CloseBrace(";");
        }
    }
}
