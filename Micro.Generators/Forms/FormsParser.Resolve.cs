using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Micro.Generators.Data.Model;
using Micro.Generators.Diagnostics;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;

namespace Micro.Generators.Forms
{
    internal static partial class FormsParser
    {
        /// <summary>
        /// A form ready to emit. A plain form is its class's fields; a model form's fields are the listed columns of its
        /// model (a reference becomes a select of the rows it can point to), with the form's own properties overriding
        /// the columns of the same name and added after them, and it checks the model's unique indexes when it saves.
        /// </summary>
        public static Parsed<FormModel> Resolve((Parsed<FormClassModel> Form, DataModel? Data) input, CancellationToken cancellationToken)
        {
            var form = input.Form.Model;
            if (form is null)
            {
                return new Parsed<FormModel>(null, EquatableArray<DiagnosticInfo>.Empty);
            }

            var diagnostics = new List<DiagnosticInfo>();
            List<FieldModel>? fields = form.Fields.ToList();
            ModelFormModel? modelForm = null;
            if (form.Model is { } source)
            {
                // A model the data layer couldn't build has its own errors; the form waits for it.
                var model = input.Data?.Models.FirstOrDefault(m => m.Class.Type == source.ModelType);
                if (!source.IsModel || model is null)
                {
                    return new Parsed<FormModel>(null, EquatableArray<DiagnosticInfo>.Empty);
                }

                fields = ModelFields(form, source, model, input.Data!, diagnostics);
                if (fields is not null)
                {
                    modelForm = new ModelFormModel(source.ModelType, source.ModelName, model.SetName, model.InfoType, Uniques(model, fields, source).ToEquatableArray());
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (fields is not null)
            {
                CheckCompares(form, fields, diagnostics);
            }

            if (fields is null || diagnostics.Count > 0)
            {
                return new Parsed<FormModel>(null, diagnostics.ToEquatableArray());
            }

            return new Parsed<FormModel>(new FormModel(form, fields.ToEquatableArray(), modelForm), EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>The fields of a model form, in order; null (with the reasons reported) when a listed name can't be one.</summary>
        private static List<FieldModel>? ModelFields(FormClassModel form, ModelFormSourceModel source, ModelModel model, DataModel data, List<DiagnosticInfo> diagnostics)
        {
            var properties = source.Properties.ToDictionary(static p => p.Property, StringComparer.Ordinal);
            var declared = form.Fields.ToDictionary(static f => f.Property, StringComparer.Ordinal);
            var names = source.ListsAll
                ? model.Class.Properties.Where((_, i) => i != model.KeyIndex).Where(p => properties.TryGetValue(p.Name, out var read) && read.Field is not null)
                    .Select(static p => new ListedFieldModel(p.Name, null)).ToList()
                : source.Listed.ToList();

            var fields = new List<FieldModel>();
            var ok = true;
            void Problem(LocationInfo? at, string why)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelForm, at ?? source.Location, form.Name, why));
                ok = false;
            }

            foreach (var listed in names)
            {
                var name = listed.Name;
                var reference = model.ForeignKeys.FirstOrDefault(k => k.Navigation == name || k.Property == name);
                var column = model.Class.Properties.FirstOrDefault(p => p.Name == (reference?.Property ?? name));
                if (column is null)
                {
                    var why = model.Collections.Any(c => c.Navigation == name)
                        ? $"'{name}' is a list of related rows, which a form field can't edit; list the reference on the other model instead"
                        : $"'{name}' is not a column or reference of {model.Class.Name}; use nameof({model.Class.Name}.Property)";
                    Problem(listed.Location, why);
                    continue;
                }

                if (fields.Any(f => f.Property == column.Name))
                {
                    Problem(listed.Location, $"'{name}' is listed twice{(reference is null ? "" : $" ({reference.Navigation} and {reference.Property} are one field)")}");
                    continue;
                }

                if (column == model.Key && model.KeyIsAutoIncrement)
                {
                    Problem(listed.Location, $"'{name}' is the key of {model.Class.Name}, which the database assigns; leave it out");
                    continue;
                }

                if (column.IsInitOnly)
                {
                    Problem(listed.Location, $"{model.Class.Name}.{column.Name} is init-only, so a saved form can't set it; give it a setter");
                    continue;
                }

                var read = properties[column.Name];
                if (read.Field is not { } field)
                {
                    Problem(listed.Location, $"{model.Class.Name}.{column.Name} has type {read.Problem}, which a form field can't hold");
                    continue;
                }

                // As Django's model TextField: text without a maximum length is edited in a textarea.
                if (reference is null && field.Widget == Widget.Text && field.ValueType == "string" && field.MaxLength is null)
                {
                    field = field with { Widget = Widget.Textarea };
                }

                if (reference is not null)
                {
                    var target = data.Models.First(m => m.Class.Type == reference.TargetType);
                    var navigationName = GeneratedCode.SnakeCase(reference.Navigation);
                    field = field with
                    {
                        Name = navigationName,
                        Label = field.HasLabel ? field.Label : Pretty(navigationName),
                        Widget = Widget.Select,
                        IsRequired = reference.IsRequired,
                        Min = null,
                        Max = null,
                        Step = null,
                        HasEmptyChoice = true,
                        Checks = EquatableArray<CheckModel>.Empty,
                        Relation = new RelationModel(
                            reference.TargetModel,
                            reference.TargetType,
                            target.SetName,
                            target.InfoType,
                            target.Key.Name,
                            properties.TryGetValue(reference.Navigation, out var navigation) && navigation.TargetOverridesToString),
                    };
                }

                if (declared.TryGetValue(column.Name, out var own))
                {
                    if (own.Type != field.Type)
                    {
                        Problem(own.Location, $"its property {own.Property} is {Readable(own.Type)}, but the column {model.Class.Name}.{column.Name} is {Readable(field.Type)}; declare it with the column's type");
                        continue;
                    }

                    if (own.IsInitOnly)
                    {
                        Problem(own.Location, $"its property {own.Property} is init-only, so an instance can't fill it; give it a setter");
                        continue;
                    }

                    fields.Add(Merge(own, field));
                }
                else
                {
                    fields.Add(field with
                    {
                        IsGenerated = true,
                        IsColumn = true,
                        Initializer = column.DefaultValue ?? (field.Type == "string" ? "\"\"" : null),
                    });
                }
            }

            // The form's own properties that aren't columns are fields too, after the model's.
            fields.AddRange(form.Fields.Where(f => !fields.Any(m => m.Property == f.Property)));
            return ok ? fields : null;
        }

        /// <summary>A form's own property over a model column: the form's label, widget and checks, and the column's where the form has none.</summary>
        private static FieldModel Merge(FieldModel own, FieldModel column) => own with
        {
            IsColumn = true,
            Value = column.Value == ValueKind.StoredFile ? ValueKind.StoredFile : own.Value,
            UploadTo = column.UploadTo,
            IsImage = own.IsImage || column.IsImage,
            SizeColumns = column.SizeColumns,
            Label = own.HasLabel ? own.Label : column.Label,
            HasLabel = own.HasLabel || column.HasLabel,
            Widget = own.Widget == Widget.Text ? column.Widget : own.Widget,
            IsRequired = own.IsRequired || column.IsRequired,
            MaxLength = own.MaxLength ?? column.MaxLength,
            MinLength = own.MinLength ?? column.MinLength,
            HelpText = own.HelpText ?? column.HelpText,
            Placeholder = own.Placeholder ?? column.Placeholder,
            Checks = own.Checks.Concat(column.Checks.Where(c => !own.Checks.Any(o => o.Kind == c.Kind)))
                .OrderBy(static c => (int)c.Kind).ToEquatableArray(),
            Relation = column.Relation,
            Choices = own.Choices.IsEmpty ? column.Choices : own.Choices,
            HasEmptyChoice = own.HasEmptyChoice || column.HasEmptyChoice,
            Name = column.Name,
        };

        /// <summary>The unique indexes of the model, each with Django's message and the field its error belongs to.</summary>
        private static IEnumerable<UniqueModel> Uniques(ModelModel model, List<FieldModel> fields, ModelFormSourceModel source)
        {
            var verbose = Pretty(GeneratedCode.SnakeCase(model.Class.Name));
            foreach (var index in model.Indexes.Where(static i => i.IsUnique))
            {
                var labels = index.Properties.Select(property =>
                    fields.FirstOrDefault(f => f.Property == property)?.Label
                    ?? Pretty(GeneratedCode.SnakeCase(model.ForeignKeys.FirstOrDefault(k => k.Property == property)?.Navigation ?? property))).ToList();
                var joined = labels.Count == 1 ? labels[0] : string.Join(", ", labels.Take(labels.Count - 1)) + " and " + labels[labels.Count - 1];
                var nullable = index.Properties.Where(p => model.Class.Properties.First(c => c.Name == p) is var column
                    && (column.Type.EndsWith("?", StringComparison.Ordinal) || column.ValueType is "string" || column.ValueType.EndsWith("[]", StringComparison.Ordinal)));
                var field = index.Properties.Count == 1 ? fields.FirstOrDefault(f => f.Property == index.Properties[0])?.Property : null;
                yield return new UniqueModel(index.Properties, index.Columns, nullable.ToEquatableArray(), field, $"{verbose} with this {joined} already exists.");
            }
        }

        /// <summary>Each <c>[Compare]</c> names another field of the form.</summary>
        private static void CheckCompares(FormClassModel form, List<FieldModel> fields, List<DiagnosticInfo> diagnostics)
        {
            foreach (var field in fields)
            {
                foreach (var check in field.Checks.Where(static c => c.Kind == CheckKind.Compare))
                {
                    var other = check.Arguments[0];
                    if (!fields.Any(f => f.Property == other && f != field))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFieldAnnotation, field.Location ?? form.Location, "Compare", form.Name, field.Property,
                            $"'{other}' is not another field of {form.Name}; name one with nameof()"));
                    }
                }
            }
        }

        /// <summary>A type name as a user writes it, for messages.</summary>
        private static string Readable(string type) => type.Replace("global::", "");
    }
}
