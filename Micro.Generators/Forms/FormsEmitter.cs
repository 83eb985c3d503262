using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis.CSharp;

namespace Micro.Generators.Forms
{
    /// <summary>
    /// Writes the other part of a form class: its state (<c>IsBound</c>, <c>IsValid</c>, <c>Errors</c>) and, for a model
    /// form, its generated fields, <c>Instance</c> and <c>SaveAsync</c>; and beside it, file-local, the form's metadata
    /// class: a descriptor per field, and how a posted form is read into a new instance, field by field, with the
    /// checks its annotations ask for.
    /// </summary>
    internal static class FormsEmitter
    {
        private const string Forms = "global::Micro.Forms";
        private const string Tasks = "global::System.Threading.Tasks";
        private const string CancellationToken = "global::System.Threading.CancellationToken";

        public static string HintName(FormModel form) => "Micro.Forms." + form.Class.Type.Replace("global::", "") + ".g.cs";

        public static string Emit(FormModel form)
        {
            var writer = new SourceWriter().FileHeader();
            var declared = form.Class;
            if (declared.Namespace is not null)
            {
                writer.Line("namespace " + declared.Namespace).OpenBrace();
            }

            foreach (var container in declared.Containers)
            {
                writer.Line(container).OpenBrace();
            }

            EmitPartial(writer, form);
            foreach (var _ in declared.Containers)
            {
                writer.CloseBrace();
            }

            if (declared.Namespace is not null)
            {
                writer.CloseBrace();
            }

            writer.Line();
            writer.Line("namespace Micro.Generated").OpenBrace();
            EmitInfo(writer, form);
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitPartial(SourceWriter writer, FormModel form)
        {
            var type = form.Class.Type;
            var model = form.ModelForm;
            writer.Line($"{form.Class.Declaration} {form.Class.Name} : {Forms}.IForm<{type}>").OpenBrace();
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"private readonly {Forms}.FormState _microFormState = new {Forms}.FormState({form.InfoType}.Instance);");
            if (model is not null)
            {
                writer.Line();
                writer.Line(GeneratedCode.Attribute);
                writer.Line($"private {model.ModelType}? _microInstance;");
            }

            foreach (var field in form.Fields.Where(static f => f.IsGenerated))
            {
                writer.Line();
                writer.Line($"/// <summary>The {Xml(model!.ModelName)} column <c>{Xml(field.Property)}</c>, a field of this form.</summary>");
                writer.Line(GeneratedCode.Attribute);
                writer.Line($"public {field.Type} {field.Property} {{ get; set; }}{(field.Initializer is null ? "" : " = " + field.Initializer + ";")}");
            }

            writer.Line();
            writer.Line("/// <summary>Whether the form was made from posted data, as Django's <c>is_bound</c>: false for a new form, and on GET.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("public bool IsBound => _microFormState.IsBound;");
            writer.Line();
            writer.Line("/// <summary>Bound and without errors, as Django's <c>is_valid()</c>: the properties hold the posted values, checked.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("public bool IsValid => _microFormState.IsValid;");
            writer.Line();
            writer.Line("/// <summary>The errors of each field and of the whole form, as Django's <c>errors</c>.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("public global::Micro.FormErrors Errors => _microFormState.Errors;");
            if (model is not null)
            {
                EmitModelFormMembers(writer, form, model);
            }

            writer.Line();
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"{Forms}.FormState {Forms}.IForm.State => _microFormState;");
            writer.Line();
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"static {Forms}.FormInfo<{type}> {Forms}.IForm<{type}>.Info => {form.InfoType}.Instance;");
            writer.CloseBrace();
        }

        private static void EmitModelFormMembers(SourceWriter writer, FormModel form, ModelFormModel model)
        {
            var row = model.ModelType;
            writer.Line();
            writer.Line("/// <summary>");
            writer.Line($"/// The {Xml(model.ModelName)} this form edits, as Django's <c>instance</c>; null for a new one. Set on an unbound form, it");
            writer.Line("/// fills the fields from the row; <see cref=\"SaveAsync\"/> writes the fields onto it.");
            writer.Line("/// </summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"public {row}? Instance").OpenBrace();
            writer.Line("get => _microInstance;");
            writer.Line("set").OpenBrace();
            writer.Line("_microInstance = value;");
            writer.Line("_microFormState.HasInstance = value is not null;");
            writer.Line("if (value is not null && !IsBound)").OpenBrace();
            writer.Line($"{form.InfoType}.Load(this, value);");
            writer.CloseBrace();
            var files = form.Fields.Where(static f => f.IsColumn && f.Value == ValueKind.StoredFile).ToList();
            if (files.Count > 0)
            {
                // A bound form's file columns keep the row's files unless a file was sent or "Clear" ticked.
                writer.Line("else if (value is not null)").OpenBrace();
                foreach (var field in files)
                {
                    var kept = $"_microFormState.FileName({form.InfoType}.{field.Descriptor}, {field.Property}, value.{field.Property})";
                    writer.Line($"{field.Property} = {kept}{(field.IsNullable ? "" : " ?? \"\"")};");
                }

                writer.CloseBrace();
            }
            writer.CloseBrace();
            writer.CloseBrace();

            var call = $"{Forms}.ModelForms.SaveAsync(this, db.{model.SetName}, row, {form.InfoType}.Fill, {form.InfoType}.UniqueChecks";
            writer.Line();
            writer.Line("/// <summary>");
            writer.Line($"/// Saves the form, as Django's <c>form.save()</c>: updates <see cref=\"Instance\"/>, or creates a {Xml(model.ModelName)}, with the");
            writer.Line("/// fields' values, after checking the unique indexes. Returns the row, or null when another row has the same unique");
            writer.Line("/// values (the error is on the form, which can be shown again). Only for a valid form.");
            writer.Line("/// </summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"public async {Tasks}.Task<{row}?> SaveAsync(global::Micro.Db db, {CancellationToken} cancellationToken = default)").OpenBrace();
            writer.Line($"var row = _microInstance ?? new {row}();");
            writer.Line($"if (!await {call}, async: true, cancellationToken))").OpenBrace();
            writer.Line("return null;");
            writer.CloseBrace();
            writer.Line();
            writer.Line("_microInstance = row;");
            writer.Line("return row;");
            writer.CloseBrace();
            writer.Line();
            writer.Line("/// <inheritdoc cref=\"SaveAsync\"/>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"public {row}? Save(global::Micro.Db db)").OpenBrace();
            writer.Line($"var row = _microInstance ?? new {row}();");
            writer.Line($"if (!{call}, async: false, default).GetAwaiter().GetResult())").OpenBrace();
            writer.Line("return null;");
            writer.CloseBrace();
            writer.Line();
            writer.Line("_microInstance = row;");
            writer.Line("return row;");
            writer.CloseBrace();
        }

        private static void EmitInfo(SourceWriter writer, FormModel form)
        {
            var type = form.Class.Type;
            var fields = form.Fields;
            writer.Line($"/// <summary>The fields of <see cref=\"{type}\"/>, and how a posted form is read into one.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line($"file sealed class {form.InfoClass} : {Forms}.FormInfo<{type}>").OpenBrace();
            writer.Separated(fields, EmitDescriptor);

            var statics = new List<string>();
            foreach (var field in fields)
            {
                var number = 0;
                foreach (var check in field.Checks)
                {
                    if (check.Kind == CheckKind.Attribute)
                    {
                        number++;
                    }

                    if (CheckField(check, field.Property + "Pattern", field.Property + "Check" + number.ToString(CultureInfo.InvariantCulture)) is { } declaration)
                    {
                        statics.Add(declaration);
                    }
                }
            }

            if (statics.Count > 0)
            {
                writer.Line();
                foreach (var line in statics)
                {
                    writer.Line(line);
                }
            }

            if (form.ModelForm is { } model)
            {
                writer.Line();
                EmitUniqueChecks(writer, form, model);
            }

            writer.Line();
            writer.Line($"public static readonly {form.InfoClass} Instance = new {form.InfoClass}();");
            writer.Line();
            writer.Line($"private {form.InfoClass}()");
            writer.Line($"    : base({GeneratedCode.Literal(form.Class.Name)}, new {Forms}.FormField[] {{ {string.Join(", ", fields.Select(static f => f.Descriptor))} }})");
            writer.Line("{");
            writer.Line("}");
            writer.Line();
            writer.Line($"public override {type} Create() => {Construction(form, unbound: true)};");
            writer.Line();
            EmitRead(writer, form);
            if (form.Class.HasClean)
            {
                writer.Line();
                writer.Line($"protected override void Clean({type} form, global::Micro.FormErrors errors) => form.Clean(errors);");
            }

            writer.Line();
            EmitGetValue(writer, form);
            if (form.ModelForm is { } modelForm)
            {
                writer.Line();
                EmitRows(writer, form, modelForm);
                if (fields.Any(static f => f.Relation is { LoadsChoices: true }))
                {
                    writer.Line();
                    EmitLoadChoices(writer, form);
                }
            }

            writer.CloseBrace();
        }

        /// <summary>The field's descriptor: names, label, widget, and what its annotations give the widget.</summary>
        private static void EmitDescriptor(SourceWriter writer, FieldModel field)
        {
            var properties = new List<string>();
            if (field.IsRequired)
            {
                properties.Add("IsRequired = true");
            }

            if (field.RequiredMessage is not null)
            {
                properties.Add("RequiredMessage = " + GeneratedCode.Literal(field.RequiredMessage));
            }

            if (field.Widget == Widget.Password)
            {
                properties.Add("Strip = false");
            }

            if (field.MaxLength is { } maxLength)
            {
                properties.Add("MaxLength = " + maxLength.ToString(CultureInfo.InvariantCulture));
            }

            if (field.MinLength is { } minLength)
            {
                properties.Add("MinLength = " + minLength.ToString(CultureInfo.InvariantCulture));
            }

            AddText(properties, "Min", field.Min);
            AddText(properties, "Max", field.Max);
            AddText(properties, "Step", field.Step);
            AddText(properties, "Placeholder", field.Placeholder);
            AddText(properties, "HelpText", field.HelpText);
            if (!field.Choices.IsEmpty)
            {
                var choices = field.Choices.Select(static c => $"    new {Forms}.FormChoice({GeneratedCode.Literal(c.Value)}, {GeneratedCode.Literal(c.Label)}),");
                properties.Add($"Choices = new {Forms}.FormChoice[]\n{{\n{string.Join("\n", choices)}\n}}");
            }

            if (field.Relation is not null)
            {
                properties.Add("HasDatabaseChoices = true");
            }

            if (field.HasEmptyChoice)
            {
                properties.Add("HasEmptyChoice = true");
            }

            AddText(properties, "UploadTo", field.UploadTo);
            if (field.IsImage)
            {
                properties.Add("IsImage = true");
            }

            var construction = $"public static readonly {Forms}.FormField {field.Descriptor} = new {Forms}.FormField({GeneratedCode.Literal(field.Property)}, {GeneratedCode.Literal(field.Name)}, {GeneratedCode.Literal(field.Label)}, {Forms}.WidgetKind.{field.Widget})";
            if (properties.Count == 0)
            {
                writer.Line(construction + ";");
                return;
            }

            writer.Line(construction).OpenBrace();
            foreach (var property in properties)
            {
                writer.Lines(property + ",");
            }

            writer.CloseBrace(";");
        }

        private static void AddText(List<string> properties, string name, string? value)
        {
            if (value is not null)
            {
                properties.Add(name + " = " + GeneratedCode.Literal(value));
            }
        }

        private static void EmitUniqueChecks(SourceWriter writer, FormModel form, ModelFormModel model)
        {
            var check = $"{Forms}.UniqueCheck<{model.ModelType}>";
            if (model.Uniques.IsEmpty)
            {
                writer.Line($"public static readonly {check}[] UniqueChecks = global::System.Array.Empty<{check}>();");
                return;
            }

            writer.Line($"public static readonly {check}[] UniqueChecks = new {check}[]").OpenBrace();
            foreach (var unique in model.Uniques)
            {
                var columns = $"new string[] {{ {string.Join(", ", unique.Columns.Select(static c => GeneratedCode.Literal(c)))} }}";
                var field = unique.Field is null ? "null" : unique.Field + "Field";
                var same = string.Join(" & ", unique.Properties.Select(p => $"{model.InfoType}.{p}Field.Exact(row.{p})"));
                var condition = unique.NullableProperties.IsEmpty
                    ? same
                    : $"{string.Join(" || ", unique.NullableProperties.Select(static p => $"row.{p} is null"))} ? null : {same}";
                writer.Line($"new {check}(");
                writer.Line($"    {columns},");
                writer.Line($"    {field},");
                writer.Line($"    {GeneratedCode.Literal(unique.Message)},");
                writer.Line($"    static row => {condition}),");
            }

            writer.CloseBrace(";");
        }

        /// <summary><c>new T()</c>, or for a positional record <c>new T(a, b)</c> with the values read (or the defaults of an unbound form).</summary>
        private static string Construction(FormModel form, bool unbound)
        {
            var parameters = form.Class.ConstructorParameters;
            var arguments = unbound
                ? form.Class.ConstructorDefaults
                : parameters.Select(p => Value(form.Fields.First(f => f.Property == p))).ToEquatableArray();
            return $"new {form.Class.Type}({string.Join(", ", arguments)})";
        }

        /// <summary>
        /// Reads each field in order (parsed by its type, then checked by its annotations, as Django cleans a field and
        /// runs its validators), the cross-field <c>[Compare]</c> checks, then makes the form from the values.
        /// </summary>
        private static void EmitRead(SourceWriter writer, FormModel form)
        {
            writer.Line($"protected override {form.Class.Type} Read({Forms}.FormReader reader)").OpenBrace();
            writer.Separated(form.Fields, EmitReadField);
            var compares = form.Fields.SelectMany(static f => f.Checks.Where(static c => c.Kind == CheckKind.Compare).Select(c => (Field: f, Check: c))).ToList();
            if (compares.Count > 0)
            {
                writer.Line();
            }

            foreach (var (field, check) in compares)
            {
                var other = form.Fields.First(f => f.Property == check.Arguments[0]);
                writer.Line($"reader.Compare({field.Descriptor}, {Local(field)}, {other.Descriptor}, {Local(other)}{MessageArgument(check)});");
            }

            writer.Line();
            var construction = Construction(form, unbound: false);
            var initialized = form.Fields.Where(f => !form.Class.ConstructorParameters.Contains(f.Property)).ToList();
            if (initialized.Count == 0)
            {
                writer.Line($"return {construction};");
            }
            else
            {
                writer.Line($"return {construction}").OpenBrace();
                foreach (var field in initialized)
                {
                    writer.Line($"{field.Property} = {Value(field)},");
                }

                writer.CloseBrace(";");
            }

            writer.CloseBrace();
        }

        private static void EmitReadField(SourceWriter writer, FieldModel field)
        {
            var local = Local(field);
            var descriptor = field.Descriptor;
            if (field.Value == ValueKind.Parsed)
            {
                var parse = field.Parse!;
                writer.Line($"{parse.ValueType}? {local} = null;");
                writer.Line($"if (reader.Text({descriptor}) is {{ }} {local}Text)").OpenBrace();
                writer.Line($"if ({parse.TryParseExpression(local + "Text", local + "Value", declare: true)})").OpenBrace();
                writer.Line($"{local} = {local}Value;");
                writer.CloseBrace();
                writer.Line("else").OpenBrace();
                writer.Line($"reader.Invalid({descriptor});");
                writer.CloseBrace();
                writer.CloseBrace();
            }
            else
            {
                var read = field.Value switch
                {
                    ValueKind.Text => "Text",
                    ValueKind.Checkbox => "Checkbox",
                    ValueKind.NullBoolean => "NullBoolean",
                    ValueKind.Integer => $"Integer<{field.ValueType}>",
                    ValueKind.Number => $"Number<{field.ValueType}>",
                    ValueKind.Date => "Date",
                    ValueKind.DateTime => "DateTime",
                    ValueKind.Time => "Time",
                    ValueKind.Uuid => "Uuid",
                    ValueKind.Duration => "Duration",
                    ValueKind.File => "File",
                    ValueKind.StoredFile => "StoredFile",
                    _ => $"Enum<{field.ValueType}>",
                };
                writer.Line($"var {local} = reader.{read}({descriptor});");
            }

            var attributes = 0;
            foreach (var check in field.Checks)
            {
                var message = MessageArgument(check);
                switch (check.Kind)
                {
                    case CheckKind.Email:
                        writer.Line($"reader.Email({descriptor}, {local}{message});");
                        break;
                    case CheckKind.Url:
                        writer.Line($"reader.Url({descriptor}, {local}{message});");
                        break;
                    case CheckKind.MinLength:
                        writer.Line($"reader.MinLength({descriptor}, {local}, {check.Arguments[0]}{message});");
                        break;
                    case CheckKind.MaxLength:
                        writer.Line($"reader.MaxLength({descriptor}, {local}, {check.Arguments[0]}{message});");
                        break;
                    case CheckKind.StringLength:
                        writer.Line($"reader.StringLength({descriptor}, {local}, {check.Arguments[0]}, {check.Arguments[1]}{message});");
                        break;
                    case CheckKind.Range:
                        writer.Line($"reader.Range({descriptor}, {local}, {check.Arguments[0]}, {check.Arguments[1]}{message});");
                        break;
                    case CheckKind.Pattern:
                        writer.Line($"reader.Pattern({descriptor}, {local}, {field.Property}Pattern{message});");
                        break;
                    case CheckKind.Image:
                        writer.Line($"reader.Image({descriptor}, {local});");
                        break;
                    case CheckKind.FileExtensions:
                        writer.Line($"reader.FileExtensions({descriptor}, {local}, {check.Arguments[0]}{message});");
                        break;
                    case CheckKind.Attribute:
                        attributes++;
                        writer.Line($"reader.Check({descriptor}, {local}, {field.Property}Check{attributes.ToString(CultureInfo.InvariantCulture)});");
                        break;
                }
            }
        }

        /// <summary>
        /// The static field a check needs, made once: a <c>[RegularExpression]</c>'s regex (named <paramref name="pattern"/>) or
        /// another <c>ValidationAttribute</c> (named <paramref name="attribute"/>); null for checks that need none. Body validation uses it too.
        /// </summary>
        internal static string? CheckField(CheckModel check, string pattern, string attribute) => check.Kind switch
        {
            CheckKind.Pattern => $"private static readonly global::System.Text.RegularExpressions.Regex {pattern} = new global::System.Text.RegularExpressions.Regex({check.Arguments[0]}, global::System.Text.RegularExpressions.RegexOptions.None, global::System.TimeSpan.FromMilliseconds({check.Arguments[1]}));",
            CheckKind.Attribute => $"private static readonly global::System.ComponentModel.DataAnnotations.ValidationAttribute {attribute} = {check.Arguments[0]};",
            _ => null,
        };

        private static string MessageArgument(CheckModel check) => check.Message is null ? "" : ", " + GeneratedCode.Literal(check.Message);

        /// <summary>What a field's property gets from the value read: null or the default when there is none.</summary>
        private static string Value(FieldModel field)
        {
            var local = Local(field);
            return field.Value switch
            {
                ValueKind.Checkbox => local,
                ValueKind.StoredFile => local + "?.FileName" + (field.IsNullable ? "" : " ?? \"\""),
                _ when field.IsNullable => local,
                _ when field.IsValueType => local + ".GetValueOrDefault()",
                _ when field.ValueType == "string" => local + " ?? \"\"",
                _ => local + "!",
            };
        }

        /// <summary>The property's value for the widget; a value type's default shows as empty (<c>FormInfo.Shown</c>).</summary>
        private static void EmitGetValue(SourceWriter writer, FormModel form)
        {
            var local = Local(form.Class.Name);
            writer.Line($"public override object? GetValue({Forms}.IForm form, {Forms}.FormField field)").OpenBrace();
            writer.Line($"var {local} = ({form.Class.Type})form;");
            writer.Line("return field.Index switch").OpenBrace();
            for (var i = 0; i < form.Fields.Count; i++)
            {
                var field = form.Fields[i];
                var value = field.IsValueType && !field.IsNullable && field.Value != ValueKind.Checkbox
                    ? $"Shown(form, {local}.{field.Property})"
                    : $"{local}.{field.Property}";
                writer.Line($"{i.ToString(CultureInfo.InvariantCulture)} => {value},");
            }

            writer.Line("_ => null,");
            writer.CloseBrace(";");
            writer.CloseBrace();
        }

        /// <summary>A model form's copies between the form and a row: filling the fields from its instance, and the row from the fields.</summary>
        private static void EmitRows(SourceWriter writer, FormModel form, ModelFormModel model)
        {
            var type = form.Class.Type;
            var columns = form.Fields.Where(static f => f.IsColumn).ToList();
            writer.Line($"/// <summary>Shows the row's values in an unbound form.</summary>");
            writer.Line($"public static void Load({type} form, {model.ModelType} row)").OpenBrace();
            foreach (var field in columns)
            {
                writer.Line($"form.{field.Property} = row.{field.Property};");
            }

            writer.CloseBrace();
            writer.Line();
            writer.Line($"/// <summary>Writes the form's values onto the row it saves.</summary>");
            writer.Line($"public static void Fill({type} form, {model.ModelType} row)").OpenBrace();
            foreach (var field in columns)
            {
                writer.Line(field.Value == ValueKind.StoredFile
                    ? $"row.{field.Property} = (({Forms}.IForm)form).State.StoredName({field.Descriptor}) ?? form.{field.Property};"
                    : $"row.{field.Property} = form.{field.Property};");
            }

            // An image's size columns follow its file, after the columns the form edits (Django's update_dimension_fields).
            foreach (var field in columns.Where(static f => f.SizeColumns is not null))
            {
                var size = Local(field.Property) + "Size";
                var sizes = field.SizeColumns!;
                var known = string.Join(" && ", new[] { sizes.Width, sizes.Height }.OfType<string>().Select(static column => $"row.{column} is > 0"));
                writer.Line($"if ((({Forms}.IForm)form).State.ImageSizeChanged({field.Descriptor}, row.{field.Property}, {known}, out var {size}))").OpenBrace();
                if (sizes.Width is not null)
                {
                    writer.Line($"row.{sizes.Width} = {size}?.Width{(sizes.WidthIsNullable ? "" : " ?? 0")};");
                }

                if (sizes.Height is not null)
                {
                    writer.Line($"row.{sizes.Height} = {size}?.Height{(sizes.HeightIsNullable ? "" : " ?? 0")};");
                }

                writer.CloseBrace();
            }

            writer.CloseBrace();
            writer.Line();
            writer.Line("// What a formset of rows needs: which row a form edits, and saving or deleting it.");
            writer.Line("public override bool IsModelForm => true;");
            writer.Line();
            writer.Line($"public override object? GetInstanceKey({type} form) => form.Instance is {{ }} row ? {model.InfoType}.Instance.GetKey(row) : null;");
            writer.Line();
            writer.Line($"public override void CopyInstance({type} from, {type} to) => to.Instance = from.Instance;");
            writer.Line();
            writer.Line($"public override async {Tasks}.Task<bool> SaveInstanceAsync({type} form, global::Micro.Data.Database db, {CancellationToken} cancellationToken) =>");
            writer.Line("    await form.SaveAsync((global::Micro.Db)db, cancellationToken) is not null;");
            writer.Line();
            writer.Line($"public override {Tasks}.Task DeleteInstanceAsync({type} form, global::Micro.Data.Database db, {CancellationToken} cancellationToken) =>");
            writer.Line($"    form.Instance is {{ }} row ? ((global::Micro.Db)db).{model.SetName}.DeleteAsync(row, cancellationToken) : {Tasks}.Task.CompletedTask;");
        }

        private static void EmitLoadChoices(SourceWriter writer, FormModel form)
        {
            writer.Line("/// <summary>The rows each reference can point to, as options of its select.</summary>");
            writer.Line($"public override async {Tasks}.ValueTask<{Forms}.FormChoices?> LoadChoicesAsync(global::System.IServiceProvider services, {CancellationToken} cancellationToken)").OpenBrace();
            writer.Line("var db = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Micro.Db>(services);");
            writer.Line($"var choices = new {Forms}.FormChoices();");
            // Two references to one model (a comment's replier and approver) share one read of its rows.
            var loaded = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in form.Fields.Where(static f => f.Relation is { LoadsChoices: true }))
            {
                var relation = field.Relation!;
                var label = relation.LabelExpression ?? (relation.LabelFromToString ? "row.ToString()" : "null");
                if (!loaded.TryGetValue(relation.TargetSet, out var rows))
                {
                    rows = loaded[relation.TargetSet] = Local(relation.TargetSet);
                    writer.Line($"var {rows} = await db.{relation.TargetSet}.OrderBy(static _ => {relation.TargetInfoType}.{relation.TargetKey}Field).ToListAsync(cancellationToken);");
                }

                writer.Line($"choices.Set({field.Descriptor}, {rows}.ConvertAll(static row => {Forms}.ModelForms.Choice(row.{relation.TargetKey}, {label}, {GeneratedCode.Literal(relation.TargetName)})));");
            }

            writer.Line("return choices;");
            writer.CloseBrace();
        }

        private static string Local(FieldModel field) => Local(field.Property);

        /// <summary>A local variable named after <paramref name="name"/> in camelCase, clear of the method's own names and of keywords.</summary>
        private static string Local(string name)
        {
            var identifier = GeneratedCode.Identifier(name);
            identifier = char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
            if (identifier is "reader" or "form" or "field" or "db" or "choices" or "row")
            {
                return identifier + "Value";
            }

            return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
        }

        private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
