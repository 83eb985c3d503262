using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Micro.Generators.Admin.Model;
using Micro.Generators.Data.Model;
using Micro.Generators.Diagnostics;
using Micro.Generators.Forms;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Micro.Generators.Admin
{
    /// <summary>
    /// Reads each <c>[Model]</c> class and its <c>[Admin]</c> options (<see cref="ParseModel"/>, the only place that touches symbols),
    /// then checks every named option against the data layer's model and resolves it to columns, filters and a model form
    /// (<see cref="Build"/>).
    /// </summary>
    internal static class AdminParser
    {
        private static readonly string[] s_lists = { "ListDisplay", "ListDisplayLinks", "ListEditable", "SearchFields", "ListFilter", "Ordering", "ReadonlyFields", "Fields", "Exclude", "Actions", "RawIdFields", "AutocompleteFields" };

        public static Parsed<AdminClassModel> ParseModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var known = KnownTypes.For(context.SemanticModel.Compilation);
            var admin = known.Attributes(type, KnownNames.AdminAttribute).FirstOrDefault();
            var location = admin is null
                ? Symbols.AttributeLocation(context.Attributes[0], context.TargetNode, cancellationToken)
                : Symbols.AttributeLocation(admin, context.TargetNode, cancellationToken);

            var lists = new Dictionary<string, List<ListedFieldModel>?>(StringComparer.Ordinal);
            foreach (var name in s_lists)
            {
                lists[name] = admin is null ? null : Listed(admin, name, location, cancellationToken);
            }

            var properties = new List<AdminPropertyModel>();
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>().Where(static p => !p.IsStatic && !p.IsIndexer && p.GetMethod is not null))
            {
                properties.Add(Property(property, property.Type, known));
            }

            // Methods the list and the change page can show, as Django's callables in list_display and readonly_fields.
            var names = new HashSet<string>(properties.Select(static p => p.Name), StringComparer.Ordinal);
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var method in current.GetMembers().OfType<IMethodSymbol>().Where(known.IsReadableMethod))
                {
                    if (names.Add(method.Name))
                    {
                        properties.Add(Property(method, method.ReturnType, known) with { IsMethod = true });
                    }
                }
            }

            // Static methods, which [Admin(Actions = ...)] may name: read only when it names some.
            var staticMethods = new List<AdminActionMethodModel>();
            if (lists["Actions"] is { Count: > 0 })
            {
                foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(static m => m.IsStatic && m.MethodKind == MethodKind.Ordinary))
                {
                    staticMethods.Add(ActionMethod(method, type, known));
                }
            }

            var inlines = new List<AdminInlineClassModel>();
            foreach (var inline in known.Attributes(type, KnownNames.AdminInlineAttribute))
            {
                var inlineLocation = Symbols.AttributeLocation(inline, context.TargetNode, cancellationToken);
                var target = inline.ConstructorArguments.Length == 1 ? inline.ConstructorArguments[0].Value as ITypeSymbol : null;
                inlines.Add(new AdminInlineClassModel(
                    target is null ? "" : Symbols.FullName(target),
                    target?.Name ?? "",
                    Symbols.NamedArgument<int?>(inline, "Extra") ?? 3,
                    Symbols.NamedArgument<int?>(inline, "MaxNum") ?? 1000,
                    Symbols.NamedArgument<bool?>(inline, "CanDelete") != false,
                    Listed(inline, "Fields", inlineLocation, cancellationToken)?.ToEquatableArray(),
                    Array(Listed(inline, "Exclude", inlineLocation, cancellationToken)),
                    Single(inline, "ForeignKey", inlineLocation, cancellationToken),
                    inlineLocation)
                {
                    Stacked = Symbols.NamedArgument<bool?>(inline, "Stacked") == true,
                    RawIdFields = Array(Listed(inline, "RawIdFields", inlineLocation, cancellationToken)),
                    AutocompleteFields = Array(Listed(inline, "AutocompleteFields", inlineLocation, cancellationToken)),
                });
            }

            var prepopulated = new List<AdminPrepopulatedClassModel>();
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                foreach (var attribute in known.Attributes(property, KnownNames.AdminPrepopulatedAttribute))
                {
                    var attributeLocation = Symbols.AttributeLocation(attribute, context.TargetNode, cancellationToken);
                    prepopulated.Add(new AdminPrepopulatedClassModel(new ListedFieldModel(property.Name, attributeLocation), Arguments(attribute, attributeLocation, cancellationToken)));
                }
            }

            var fieldsets = new List<AdminFieldsetClassModel>();
            foreach (var fieldset in known.Attributes(type, KnownNames.AdminFieldsetAttribute))
            {
                var fieldsetLocation = Symbols.AttributeLocation(fieldset, context.TargetNode, cancellationToken);
                fieldsets.Add(new AdminFieldsetClassModel(
                    fieldset.ConstructorArguments.Length == 1 ? fieldset.ConstructorArguments[0].Value as string : null,
                    Array(Listed(fieldset, "Fields", fieldsetLocation, cancellationToken)),
                    Symbols.NamedArgument<string>(fieldset, "Description"),
                    Symbols.NamedArgument<bool?>(fieldset, "Collapse") == true,
                    Symbols.NamedArgument<bool?>(fieldset, "Wide") == true,
                    fieldsetLocation));
            }

            var diagnostics = new List<DiagnosticInfo>();
            var source = FormsParser.ReadModelSource(type, known, isModel: true, EquatableArray<ListedFieldModel>.Empty, listsAll: true, location, diagnostics, cancellationToken);
            var perPage = admin is null ? 100 : Symbols.NamedArgument<int?>(admin, "ListPerPage") ?? 100;
            if (perPage < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAdminOption, location, type.Name, "ListPerPage", perPage.ToString(CultureInfo.InvariantCulture), "must be at least 1"));
            }

            var pageOptions = admin is null ? AdminPageOptions.Default : new AdminPageOptions(
                Symbols.NamedArgument<bool?>(admin, "SaveOnTop") == true,
                Symbols.NamedArgument<int?>(admin, "ListMaxShowAll") ?? AdminPageOptions.Default.ListMaxShowAll,
                Symbols.NamedArgument<string>(admin, "SearchHelpText"),
                Symbols.NamedArgument<bool?>(admin, "ActionsOnTop") != false,
                Symbols.NamedArgument<bool?>(admin, "ActionsOnBottom") == true,
                Symbols.NamedArgument<string>(admin, "EmptyValueDisplay"));
            if (pageOptions.ListMaxShowAll < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAdminOption, location, type.Name, "ListMaxShowAll", pageOptions.ListMaxShowAll.ToString(CultureInfo.InvariantCulture), "must be at least 1"));
            }

            var model = new AdminClassModel(
                Symbols.FullName(type),
                type.Name,
                admin is not null,
                Array(lists["ListDisplay"]),
                Array(lists["ListDisplayLinks"]),
                Array(lists["SearchFields"]),
                Array(lists["ListFilter"]),
                Array(lists["Ordering"]),
                Array(lists["ReadonlyFields"]),
                lists["Fields"] is { } fields ? fields.ToEquatableArray() : null,
                Array(lists["Exclude"]),
                admin is null ? null : Single(admin, "DateHierarchy", location, cancellationToken),
                admin is null ? null : Single(admin, "Display", location, cancellationToken),
                Math.Max(1, perPage),
                FormsParser.OverridesToString(type),
                properties.ToEquatableArray(),
                source,
                location)
            {
                Actions = Array(lists["Actions"]),
                ListEditable = Array(lists["ListEditable"]),
                RawIdFields = Array(lists["RawIdFields"]),
                AutocompleteFields = Array(lists["AutocompleteFields"]),
                Inlines = inlines.ToEquatableArray(),
                Fieldsets = fieldsets.ToEquatableArray(),
                Prepopulated = prepopulated.ToEquatableArray(),
                StaticMethods = staticMethods.ToEquatableArray(),
                ViewOnSite = admin is null || Symbols.NamedArgument<bool?>(admin, "ViewOnSite") != false,
                SaveAs = admin is not null && Symbols.NamedArgument<bool?>(admin, "SaveAs") == true,
                PageOptions = pageOptions with { ListMaxShowAll = Math.Max(1, pageOptions.ListMaxShowAll) },
            };

            // The form's own problems are reported by the form of a registered model only, once it is known to be one.
            return new Parsed<AdminClassModel>(model, admin is null ? EquatableArray<DiagnosticInfo>.Empty : diagnostics.ToEquatableArray());
        }

        /// <summary><c>[Admin]</c> on a class that isn't a <c>[Model]</c>.</summary>
        public static EquatableArray<DiagnosticInfo> CheckAdminTarget(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var known = KnownTypes.For(context.SemanticModel.Compilation);
            return known.HasAttribute(context.TargetSymbol, KnownNames.ModelAttribute)
                ? EquatableArray<DiagnosticInfo>.Empty
                : new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.AdminWithoutModel, Symbols.AttributeLocation(context.Attributes[0], context.TargetNode, cancellationToken), context.TargetSymbol.Name),
                }.ToEquatableArray();
        }

        /// <summary>A static method as an admin action sees it: what each parameter is given, and what it returns.</summary>
        private static AdminActionMethodModel ActionMethod(IMethodSymbol method, INamedTypeSymbol model, KnownTypes known)
        {
            var arguments = new List<string>();
            foreach (var parameter in method.Parameters)
            {
                var type = parameter.Type;
                string? argument = known.Which(type, "Micro.Data.QuerySet`1", "Microsoft.AspNetCore.Http.HttpContext", "System.Threading.CancellationToken") switch
                {
                    "Micro.Data.QuerySet`1" when SymbolEqualityComparer.Default.Equals(((INamedTypeSymbol)type).TypeArguments[0], model) => "rows",
                    "Microsoft.AspNetCore.Http.HttpContext" => "context",
                    "System.Threading.CancellationToken" => "context.RequestAborted",
                    _ => null,
                };
                if (argument is null || parameter.RefKind != RefKind.None)
                {
                    arguments = null;
                    break;
                }

                arguments.Add(argument);
            }

            if (arguments is not null && !arguments.Contains("rows"))
            {
                arguments = null;
            }

            var returned = method.ReturnType;
            var returnsText = returned is INamedTypeSymbol { TypeArguments.Length: 1 } task && task.TypeArguments[0].SpecialType == SpecialType.System_String;
            var returns = returned.SpecialType == SpecialType.System_Void ? "void"
                : returned.SpecialType == SpecialType.System_String ? "string"
                : known.Which(returned, "System.Threading.Tasks.Task", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask`1") switch
                {
                    "System.Threading.Tasks.Task" => "Task",
                    "System.Threading.Tasks.ValueTask" => "ValueTask",
                    "System.Threading.Tasks.Task`1" when returnsText => "Task<string>",
                    "System.Threading.Tasks.ValueTask`1" when returnsText => "ValueTask<string>",
                    _ => null,
                };
            var options = known.Attributes(method, KnownNames.AdminActionAttribute).FirstOrDefault();
            return new AdminActionMethodModel(
                method.Name,
                arguments?.ToEquatableArray(),
                method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal ? returns : null,
                options is null ? null : Symbols.NamedArgument<string>(options, "Description"),
                options is null ? null : Symbols.NamedArgument<string>(options, "Permission"));
        }

        private static EquatableArray<ListedFieldModel> Array(List<ListedFieldModel>? list) => list is null ? EquatableArray<ListedFieldModel>.Empty : list.ToEquatableArray();

        private static AdminPropertyModel Property(ISymbol property, ITypeSymbol type, KnownTypes known)
        {
            var display = known.Attributes(property, KnownNames.AdminDisplayAttribute).FirstOrDefault();
            return PropertyKind(property, type, known) with
            {
                Label = (display is null ? null : Symbols.NamedArgument<string>(display, "Description")) ?? DisplayName(property, known),
                ShownAsBoolean = display is not null && Symbols.NamedArgument<bool?>(display, "Boolean") == true,
                Ordering = display is null ? null : Symbols.NamedArgument<string>(display, "Ordering"),
                EmptyValue = display is null ? null : Symbols.NamedArgument<string>(display, "EmptyValue"),
            };
        }

        /// <summary>The <c>[Display(Name = ...)]</c> or <c>[DisplayName(...)]</c> of a property or method, as a form's label reads it.</summary>
        private static string? DisplayName(ISymbol member, KnownTypes known) =>
            known.Attributes(member, KnownNames.DisplayAttribute).Select(static a => Symbols.NamedArgument<string>(a, "Name")).FirstOrDefault(static n => n is not null)
            ?? known.Attributes(member, KnownNames.DisplayNameAttribute).Select(static a => a.ConstructorArguments.FirstOrDefault().Value as string).FirstOrDefault(static n => n is not null);

        private static AdminPropertyModel PropertyKind(ISymbol property, ITypeSymbol type, KnownTypes known)
        {
            var nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                type = wrapper.TypeArguments[0];
                nullable = true;
            }

            if (type is INamedTypeSymbol target && known.HasAttribute(target, KnownNames.ModelAttribute))
            {
                return new AdminPropertyModel(property.Name, AdminValueKind.Other, nullable, EquatableArray<ChoiceModel>.Empty, Symbols.FullName(target));
            }

            if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
            {
                var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(static f => f.HasConstantValue)
                    .Select(static f => new ChoiceModel(Convert.ToInt64(f.ConstantValue, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), f.Name))
                    .ToEquatableArray();
                return new AdminPropertyModel(property.Name, AdminValueKind.Enum, nullable, members, null);
            }

            var kind = type.SpecialType switch
            {
                SpecialType.System_String => AdminValueKind.Text,
                SpecialType.System_Boolean => AdminValueKind.Boolean,
                SpecialType.System_DateTime => AdminValueKind.Date,
                _ => known.Which(type, "System.DateOnly", "System.DateTimeOffset") is not null ? AdminValueKind.Date : AdminValueKind.Other,
            };
            return new AdminPropertyModel(property.Name, kind, nullable, EquatableArray<ChoiceModel>.Empty, null);
        }

        /// <summary>The names of a string-array option, each with where it is written; null when the option is left out.</summary>
        private static List<ListedFieldModel>? Listed(AttributeData attribute, string option, LocationInfo fallback, CancellationToken cancellationToken)
        {
            var argument = attribute.NamedArguments.FirstOrDefault(a => a.Key == option);
            if (argument.Key is null || argument.Value.IsNull)
            {
                return null;
            }

            var locations = new List<LocationInfo?>();
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments })
            {
                var expression = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == option)?.Expression;
                IEnumerable<ExpressionSyntax> elements = expression switch
                {
                    ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                    ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                    CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(static e => e.Expression),
                    _ => Enumerable.Empty<ExpressionSyntax>(),
                };
                locations.AddRange(elements.Select(static e => LocationInfo.From(e)));
            }

            var values = argument.Value.Values;
            var result = new List<ListedFieldModel>();
            for (var i = 0; i < values.Length; i++)
            {
                result.Add(new ListedFieldModel(values[i].Value as string ?? "", i < locations.Count ? locations[i] ?? fallback : fallback));
            }

            return result;
        }

        /// <summary>The names an attribute takes as its <c>params string[]</c>, each at its own argument.</summary>
        private static EquatableArray<ListedFieldModel> Arguments(AttributeData attribute, LocationInfo fallback, CancellationToken cancellationToken)
        {
            var written = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments }
                ? arguments.Arguments.Where(static a => a.NameEquals is null && a.NameColon is null).Select(static a => LocationInfo.From(a.Expression)).ToList()
                : new List<LocationInfo>();
            var values = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
                ? attribute.ConstructorArguments[0].Values
                : ImmutableArray<TypedConstant>.Empty;
            return values.Select((value, i) => new ListedFieldModel(value.Value as string ?? "", i < written.Count ? written[i] : fallback)).ToEquatableArray();
        }

        private static ListedFieldModel? Single(AttributeData attribute, string option, LocationInfo fallback, CancellationToken cancellationToken)
        {
            var argument = attribute.NamedArguments.FirstOrDefault(a => a.Key == option);
            if (argument.Key is null || argument.Value.Value is not string name)
            {
                return null;
            }

            var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments }
                && arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == option) is { } written
                    ? LocationInfo.From(written.Expression)
                    : null;
            return new ListedFieldModel(name, location ?? fallback);
        }

        // ---- Build ----------------------------------------------------------------------------------------------

        /// <summary>
        /// The admin site: the models with <c>[Admin]</c> or, when none has it and the app calls <c>MapAdmin</c>, every model; each
        /// option checked against the data layer's model (MICRO0075 at the name) and resolved, and each model's form made as a model form.
        /// </summary>
        public static Parsed<AdminSiteModel> Build(((ImmutableArray<Parsed<AdminClassModel>> Classes, DataModel? Data) Input, bool MapsAdmin) input, CancellationToken cancellationToken)
        {
            var ((parsed, data), mapsAdmin) = input;
            var classes = parsed.Select(static p => p.Model).OfType<AdminClassModel>().OrderBy(static c => c.ModelType, StringComparer.Ordinal).ToList();
            var mountsItself = classes.Any(static c => c.IsRegistered);
            if (data is null || (!mountsItself && !mapsAdmin))
            {
                return new Parsed<AdminSiteModel>(null, Unshown(classes, "the app has no admin (no model carries [Admin] and it doesn't call MapAdmin), so no page shows it"));
            }

            var registered = mountsItself ? classes.Where(static c => c.IsRegistered).ToList() : classes;
            var diagnostics = new List<DiagnosticInfo>(Unshown(
                classes.Except(registered),
                "the model isn't in the admin (other models carry [Admin] and it doesn't), so it has no page to show the inline on; add [Admin] to it"));
            var models = new List<AdminModel>();
            foreach (var admin in registered)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (data.Models.FirstOrDefault(m => m.Class.Type == admin.ModelType) is not { } model)
                {
                    continue; // The data layer reported why.
                }

                var resolved = new ModelResolver(admin, model, data, classes, registered, diagnostics).Resolve(cancellationToken);
                if (resolved is not null)
                {
                    models.Add(resolved);
                }
            }

            return new Parsed<AdminSiteModel>(
                diagnostics.Count > 0 && diagnostics.Any(static d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error) ? null : new AdminSiteModel(models.ToEquatableArray(), mountsItself),
                diagnostics.ToEquatableArray());
        }

        /// <summary>MICRO0077 for each <c>[AdminInline]</c> of <paramref name="classes"/>, which no admin page would show.</summary>
        private static EquatableArray<DiagnosticInfo> Unshown(IEnumerable<AdminClassModel> classes, string problem) =>
            classes.SelectMany(c => c.Inlines.Select(inline => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAdminInline, inline.Location, c.ModelName, inline.ModelName, problem)))
                .ToEquatableArray();

        private sealed class ModelResolver(AdminClassModel admin, ModelModel model, DataModel data, List<AdminClassModel> classes, List<AdminClassModel> registered, List<DiagnosticInfo> diagnostics)
        {
            private readonly int _before = diagnostics.Count;

            public AdminModel? Resolve(CancellationToken cancellationToken)
            {
                var verbose = GeneratedCode.SnakeCase(model.Class.Name).Replace('_', ' ');
                var listDisplay = admin.ListDisplay.Select(name => Field(name, "ListDisplay", allowDisplay: true)).OfType<AdminFieldModel>().ToList();
                foreach (var link in admin.ListDisplayLinks.Where(link => !admin.ListDisplay.Any(d => d.Name == link.Name)))
                {
                    Report("ListDisplayLinks", link, "is not one of ListDisplay");
                }

                var search = new List<string>();
                foreach (var name in admin.SearchFields)
                {
                    if (Column(name, "SearchFields") is { } column)
                    {
                        if (Kind(column.Name) == AdminValueKind.Text)
                        {
                            search.Add(ColumnField(column.Name));
                        }
                        else
                        {
                            Report("SearchFields", name, "is not text; search looks in text columns");
                        }
                    }
                }

                var filters = admin.ListFilter.Select(Filter).OfType<AdminFilterModel>().ToList();
                var ordering = new List<string>();
                foreach (var name in admin.Ordering)
                {
                    var descending = name.Name.StartsWith("-", StringComparison.Ordinal);
                    if (Column(name with { Name = name.Name.TrimStart('-') }, "Ordering") is { } column)
                    {
                        ordering.Add($"({ColumnField(column.Name)}, {(descending ? "true" : "false")})");
                    }
                }

                var readonlyFields = admin.ReadonlyFields.Select(name => Field(name, "ReadonlyFields", allowDisplay: false)).OfType<AdminFieldModel>().ToList();
                string? hierarchy = null;
                if (admin.DateHierarchy is { } date && Column(date, "DateHierarchy") is { } dateColumn)
                {
                    if (Kind(dateColumn.Name) == AdminValueKind.Date)
                    {
                        hierarchy = ColumnField(dateColumn.Name);
                    }
                    else
                    {
                        Report("DateHierarchy", date, "is not a date; the hierarchy links years, months and days");
                    }
                }

                if (admin.Display is { } display && admin.Properties.All(p => p.Name != display.Name))
                {
                    Report("Display", display, "is not a property of the model, or a public method that needs no argument and returns a value");
                }

                var actions = new List<AdminActionModel>();
                foreach (var name in admin.Actions)
                {
                    if (Action(name) is { } action)
                    {
                        actions.Add(action);
                    }
                }

                var inlines = new List<AdminInlineModel>();
                foreach (var inline in admin.Inlines)
                {
                    if (admin.Inlines.TakeWhile(other => other != inline).Any(other => other.ModelType == inline.ModelType))
                    {
                        ReportInline(inline, inline.Location, "it is already inlined on this model; one inline per model");
                        continue;
                    }

                    if (Inline(inline, cancellationToken) is { } resolvedInline)
                    {
                        inlines.Add(resolvedInline);
                    }
                }

                var listEditable = admin.ListEditable.Count > 0 ? ListEditable(cancellationToken) : null;
                var fieldsetNames = FieldsetNames();
                var form = Form(admin.Fields ?? fieldsetNames, cancellationToken);
                var rawIds = new List<AdminReferenceModel>();
                var autocompletes = new List<AdminReferenceModel>();
                if (form is not null && (admin.RawIdFields.Count > 0 || admin.AutocompleteFields.Count > 0))
                {
                    form = References(form, model, admin.RawIdFields, admin.AutocompleteFields, rawIds, autocompletes, Report);
                }

                var prepopulated = form is null ? [] : Prepopulated(form);
                if (diagnostics.Count > _before || form is null)
                {
                    return null;
                }

                return new AdminModel(
                    model,
                    verbose,
                    verbose + "s",
                    listDisplay.ToEquatableArray(),
                    admin.ListDisplayLinks.Select(static l => l.Name).ToEquatableArray(),
                    search.ToEquatableArray(),
                    filters.ToEquatableArray(),
                    ordering.ToEquatableArray(),
                    admin.ListPerPage,
                    readonlyFields.ToEquatableArray(),
                    hierarchy,
                    DisplayOf(admin, model, "row"),
                    admin.ListDisplay.Where(name => model.ForeignKeys.Any(fk => fk.Navigation == name.Name))
                        .Select(name => $"{model.InfoType}.{name.Name}Relation").ToEquatableArray(),
                    Dependents().ToEquatableArray(),
                    form)
                {
                    Actions = actions.ToEquatableArray(),
                    Inlines = inlines.ToEquatableArray(),
                    Fieldsets = Fieldsets(form, readonlyFields).ToEquatableArray(),
                    Prepopulated = prepopulated.ToEquatableArray(),
                    RawIds = rawIds.ToEquatableArray(),
                    Autocompletes = autocompletes.ToEquatableArray(),
                    Related = form.Fields.Where(static f => f.Relation is not null).Select(Reference).ToEquatableArray(),
                    ListEditable = listEditable is null ? null : new AdminListEditableModel(admin.ListEditable.Select(static n => n.Name).ToEquatableArray(), listEditable),
                    SaveAs = admin.SaveAs,
                    PageOptions = admin.PageOptions,

                    // Django's get_absolute_url: a public GetAbsoluteUrl() that answers text.
                    ViewOnSite = admin.ViewOnSite && admin.Properties.FirstOrDefault(static p => p.Name == "GetAbsoluteUrl") is { IsMethod: true, Kind: AdminValueKind.Text } url
                        ? url.Read("row")
                        : null,
                };
            }

            /// <summary>An action named in <c>Actions</c>: a static method of the model that takes its rows, with its menu text and permission.</summary>
            private AdminActionModel? Action(ListedFieldModel name)
            {
                var method = admin.StaticMethods.FirstOrDefault(m => m.Name == name.Name);
                if (method is not { Arguments: { } arguments, Returns: { } returns })
                {
                    Report("Actions", name, $"is not a public static method of the model that takes its rows (QuerySet<{model.Class.Name}>, and optionally HttpContext and CancellationToken) and returns nothing, a message (string), or a task of one");
                    return null;
                }

                var permission = method.Permission ?? "change";
                if (permission is not ("view" or "add" or "change" or "delete"))
                {
                    Report("Actions", name, $"asks for the permission '{permission}'; [AdminAction(Permission)] is view, add, change or delete");
                    return null;
                }

                var call = $"{model.Class.Type}.{method.Name}({string.Join(", ", arguments)})";
                var run = returns switch
                {
                    "void" => $"static (rows, context) => {{ {call}; return global::System.Threading.Tasks.Task.FromResult<string?>(null); }}",
                    "string" => $"static (rows, context) => global::System.Threading.Tasks.Task.FromResult<string?>({call})",
                    "Task" or "ValueTask" => $"static async (rows, context) => {{ await {call}; return null; }}",
                    _ => $"static async (rows, context) => (string?)await {call}",
                };
                var description = method.Description ?? FormsParser.Pretty(GeneratedCode.SnakeCase(method.Name));
                return new AdminActionModel(GeneratedCode.SnakeCase(method.Name), description, permission, run);
            }

            private AdminValueKind Kind(string property) => admin.Properties.FirstOrDefault(p => p.Name == property)?.Kind ?? AdminValueKind.Other;

            private string ColumnField(string property) => $"{model.InfoType}.{property}Column";

            private PropertyModel? Column(ListedFieldModel name, string option)
            {
                var column = model.Class.Properties.FirstOrDefault(p => p.Name == name.Name);
                if (column is null)
                {
                    Report(option, name, model.ForeignKeys.Any(fk => fk.Navigation == name.Name)
                        ? "is a reference; name its foreign key column instead"
                        : "is not a column of the model");
                }

                return column;
            }

            /// <summary>A column, a reference or <c>__str__</c> shown in the list or on the change page.</summary>
            private AdminFieldModel? Field(ListedFieldModel name, string option, bool allowDisplay)
            {
                var member = admin.Properties.FirstOrDefault(p => p.Name == name.Name);
                var label = member?.Label ?? FormsParser.Pretty(GeneratedCode.SnakeCase(name.Name));
                if (allowDisplay && name.Name == "__str__")
                {
                    return new AdminFieldModel("__str__", GeneratedCode.SnakeCase(model.Class.Name).Replace('_', ' ').ToUpperInvariant(), "null", null, false);
                }

                if (model.ForeignKeys.FirstOrDefault(fk => fk.Navigation == name.Name) is { } reference)
                {
                    var target = data.Models.First(m => m.Class.Type == reference.TargetType);
                    var targetClass = classes.FirstOrDefault(c => c.ModelType == reference.TargetType);
                    return new AdminFieldModel(name.Name, label, $"row.{name.Name} is {{ }} target ? {DisplayOf(targetClass, target, "target")} : null", ColumnField(reference.Property), false);
                }

                if (model.Class.Properties.FirstOrDefault(p => p.Name == name.Name) is { } column)
                {
                    var isFile = admin.FormSource.Properties.Any(p => p.Property == column.Name && p.Field?.Value == ValueKind.StoredFile);
                    return Displayed(new AdminFieldModel(name.Name, label, "row." + name.Name, ColumnField(column.Name),
                        column.Storage.Kind == ColumnKind.Boolean && !column.Storage.IsEnum) { IsFile = isFile }, member, option, name);
                }

                if (member is not null)
                {
                    // A property that isn't a column, or a method: shown, sorted by the column its [AdminDisplay] names; a flag as the column's icon.
                    return Displayed(new AdminFieldModel(name.Name, label, member.Read("row"), null, member.Kind == AdminValueKind.Boolean), member, option, name);
                }

                Report(option, name, "is not a property of the model, or a public method that needs no argument and returns a value");
                return null;
            }

            /// <summary>A field with what its <c>[AdminDisplay]</c> says: the icon, the empty value, the column that sorts it (which must be one).</summary>
            private AdminFieldModel? Displayed(AdminFieldModel field, AdminPropertyModel? member, string option, ListedFieldModel name)
            {
                if (member is null)
                {
                    return field;
                }

                field = field with { IsBoolean = field.IsBoolean || member.ShownAsBoolean, EmptyValue = member.EmptyValue };
                if (member.Ordering is not { } ordering)
                {
                    return field;
                }

                var reversed = ordering.StartsWith("-", StringComparison.Ordinal);
                var sortedBy = reversed ? ordering.Substring(1) : ordering;
                if (model.Class.Properties.FirstOrDefault(p => p.Name == sortedBy) is not { } column)
                {
                    Report(option, name, $"[AdminDisplay] sorts by '{sortedBy}', not a column of the model; name a column (with '-' to sort it the other way)");
                    return null;
                }

                return field with { Column = ColumnField(column.Name), OrderReversed = reversed };
            }

            private AdminFilterModel? Filter(ListedFieldModel name)
            {
                var reference = model.ForeignKeys.FirstOrDefault(fk => fk.Navigation == name.Name || fk.Property == name.Name);
                if (reference is not null)
                {
                    var target = data.Models.First(m => m.Class.Type == reference.TargetType);
                    var targetClass = classes.FirstOrDefault(c => c.ModelType == reference.TargetType);
                    return new AdminFilterModel(GeneratedCode.SnakeCase(reference.Navigation), FormsParser.Pretty(GeneratedCode.SnakeCase(reference.Navigation)),
                        ColumnField(reference.Property), "Reference", EquatableArray<ChoiceModel>.Empty, target.Class.Type, target.InfoType, target.Key.Name,
                        DisplayOf(targetClass, target, "row"));
                }

                if (Column(name, "ListFilter") is not { } column)
                {
                    return null;
                }

                var property = admin.Properties.FirstOrDefault(p => p.Name == column.Name);
                var kind = property?.Kind switch
                {
                    AdminValueKind.Boolean => "Boolean",
                    AdminValueKind.Enum => "Choices",
                    AdminValueKind.Date => "Date",
                    _ => null,
                };
                if (kind is null)
                {
                    Report("ListFilter", name, "can't be filtered by; filters take booleans, enums, references and dates");
                    return null;
                }

                return new AdminFilterModel(GeneratedCode.SnakeCase(column.Name), FormsParser.Pretty(GeneratedCode.SnakeCase(column.Name)), ColumnField(column.Name), kind,
                    property!.EnumMembers, null, null, null, null);
            }

            /// <summary>
            /// The names of the <c>[AdminFieldset]</c>s, in order, which say the form's fields as <c>Fields</c> would (Django's admin.E005: not
            /// both), each once (admin.E012); null when there are none.
            /// </summary>
            private EquatableArray<ListedFieldModel>? FieldsetNames()
            {
                if (admin.Fieldsets.Count == 0)
                {
                    return null;
                }

                if (admin.Fields is { Count: > 0 } fields)
                {
                    Report("Fields", fields[0], "is named in Fields, and the model has [AdminFieldset]s too; the fieldsets say which fields the page shows, so leave Fields out");
                }

                var names = new List<ListedFieldModel>();
                foreach (var name in admin.Fieldsets.SelectMany(static f => f.Fields))
                {
                    if (names.Any(n => n.Name == name.Name))
                    {
                        Report("AdminFieldset", name, "is in a fieldset already; each field shows once");
                        continue;
                    }

                    if (admin.ReadonlyFields.All(r => r.Name != name.Name) && model.Class.Properties.All(p => p.Name != name.Name)
                        && model.ForeignKeys.All(fk => fk.Navigation != name.Name))
                    {
                        Report("AdminFieldset", name, "is neither a property of the model nor one of ReadonlyFields");
                        continue;
                    }

                    names.Add(name);
                }

                return names.ToEquatableArray();
            }

            /// <summary>
            /// <c>[AdminPrepopulated]</c>, Django's <c>prepopulated_fields</c>: the property is a text field of the admin's form (Django's
            /// admin.E028 refuses dates and references), and each name it is filled from is a field of the form too (admin.E030).
            /// </summary>
            private List<AdminPrepopulatedModel> Prepopulated(FormModel form)
            {
                var result = new List<AdminPrepopulatedModel>();
                foreach (var prepopulated in admin.Prepopulated)
                {
                    var target = FormField(form, prepopulated.Property.Name);
                    if (target is null || admin.Properties.FirstOrDefault(p => p.Name == target.Property) is not { Kind: AdminValueKind.Text, IsMethod: false }
                        || model.ForeignKeys.Any(fk => fk.Property == target.Property))
                    {
                        Report("AdminPrepopulated", prepopulated.Property, target is null
                            ? "is not a field of the admin's form; only a field the page edits is filled"
                            : "is not a text field; only text is filled from other fields");
                        continue;
                    }

                    var from = new List<string>();
                    foreach (var name in prepopulated.From)
                    {
                        if (FormField(form, name.Name) is { } source)
                        {
                            from.Add(source.Name);
                        }
                        else
                        {
                            Report("AdminPrepopulated", name, "is not a field of the admin's form; a field is filled from fields the page edits");
                        }
                    }

                    if (prepopulated.From.Count == 0)
                    {
                        Report("AdminPrepopulated", prepopulated.Property, "names no field to fill it from");
                    }

                    result.Add(new AdminPrepopulatedModel(target.Name, from.ToEquatableArray()));
                }

                return result;
            }

            /// <summary>The field of <paramref name="form"/> that edits the property (or the reference) <paramref name="name"/>, or null.</summary>
            private FieldModel? FormField(FormModel form, string name)
            {
                var column = model.ForeignKeys.FirstOrDefault(fk => fk.Navigation == name)?.Property ?? name;
                return form.Fields.FirstOrDefault(f => f.Property == column);
            }

            /// <summary>The page's sections: each name of a fieldset as the page knows it, a form field's name or a read-only field's.</summary>
            private IEnumerable<AdminFieldsetModel> Fieldsets(FormModel form, List<AdminFieldModel> readonlyFields)
            {
                foreach (var fieldset in admin.Fieldsets)
                {
                    var names = new List<string>();
                    foreach (var name in fieldset.Fields)
                    {
                        if (readonlyFields.Any(r => r.Name == name.Name))
                        {
                            names.Add(name.Name);
                        }
                        else if (FormField(form, name.Name) is { } field)
                        {
                            names.Add(field.Name);
                        }
                    }

                    yield return new AdminFieldsetModel(fieldset.Name, names.ToEquatableArray(), fieldset.Description, fieldset.Collapse, fieldset.Wide);
                }
            }

            /// <summary>The admin's model form: <paramref name="listed"/> (<c>Fields</c> or the fieldsets' names), else every column but the key, less <c>Exclude</c> and <c>ReadonlyFields</c>.</summary>
            private FormModel? Form(EquatableArray<ListedFieldModel>? listed, CancellationToken cancellationToken)
            {
                foreach (var name in admin.Exclude)
                {
                    Column(name, "Exclude");
                }

                var source = admin.FormSource;
                var left = new HashSet<string>(admin.Exclude.Concat(admin.ReadonlyFields).Select(static n => n.Name), StringComparer.Ordinal);
                if (listed is { } fields)
                {
                    source = source with { Listed = fields.Where(f => !left.Contains(f.Name)).ToEquatableArray(), ListsAll = false };
                }
                else
                {
                    source = source with
                    {
                        // As Fields left out: every column a form field can edit, less the ones named.
                        Listed = model.Class.Properties
                            .Where(p => p.Name != model.Key.Name && !p.IsInitOnly && !left.Contains(p.Name)
                                && source.Properties.Any(read => read.Property == p.Name && read.Field is not null))
                            .Select(p => new ListedFieldModel(p.Name, admin.Location)).ToEquatableArray(),
                        ListsAll = false,
                    };
                }

                var formName = GeneratedCode.Identifier(model.Class.Name) + "AdminForm" + (model.InfoSuffix.Length > 0 ? "_" + model.InfoSuffix : "");
                return ModelForm(formName, source, admin.Location, cancellationToken);
            }

            /// <summary>
            /// The form's references that load no options. <c>RawIdFields</c>: shown as a box for the key instead of a select of every row
            /// (the form's field becomes a plain number or text field). <c>AutocompleteFields</c>: a select holding the row chosen, which
            /// the admin's script fills from a search of the target's admin, so the target must be in the admin with <c>SearchFields</c>
            /// (Django's admin.E039 and E040). Either way the key posted is checked against its table.
            /// </summary>
            /// <param name="owner">The model of the form: the admin's, or an inline's.</param>
            /// <param name="report">Reports a name of <c>RawIdFields</c> or <c>AutocompleteFields</c> and what is wrong with it.</param>
            private FormModel References(
                FormModel form,
                ModelModel owner,
                EquatableArray<ListedFieldModel> rawIdNames,
                EquatableArray<ListedFieldModel> autocompleteNames,
                List<AdminReferenceModel> rawIds,
                List<AdminReferenceModel> autocompletes,
                Action<string, ListedFieldModel, string> report)
            {
                var fields = form.Fields.ToList();
                foreach (var (option, names, found) in new[] { ("RawIdFields", rawIdNames, rawIds), ("AutocompleteFields", autocompleteNames, autocompletes) })
                {
                    foreach (var name in names)
                    {
                        var key = owner.ForeignKeys.FirstOrDefault(fk => fk.Navigation == name.Name || fk.Property == name.Name);
                        var index = key is null ? -1 : fields.FindIndex(f => f.Property == key.Property);
                        var field = index < 0 ? null : fields[index];
                        var relation = field?.Relation;
                        var targetModel = relation is null ? null : data.Models.FirstOrDefault(m => m.Class.Type == relation.TargetType);
                        var target = relation is null ? null : registered.FirstOrDefault(c => c.ModelType == relation.TargetType);
                        var problem =
                            key is null ? "is not a reference of the model"
                            : found.Any(r => r.Property == key.Property) ? "is named twice"
                            : rawIds.Any(r => r.Property == key.Property) ? "is in RawIdFields too; a reference is one or the other"
                            : relation is null || targetModel is null ? "is not a field of the admin's form"
                            : option == "RawIdFields" ? null
                            : target is null ? $"points to {targetModel.Class.Name}, which isn't in the admin; autocomplete searches the target's admin"
                            : target.SearchFields.Count == 0 ? $"points to {targetModel.Class.Name}, whose [Admin] has no SearchFields; autocomplete searches them"
                            : null;
                        if (problem is not null)
                        {
                            report(option, name, problem);
                            continue;
                        }

                        fields[index] = option == "RawIdFields"
                            ? field! with { Relation = null, Widget = targetModel!.Key.Storage.Kind != ColumnKind.Integer ? Widget.Text : Widget.Number, HasEmptyChoice = false }
                            : field! with { Relation = relation! with { LoadsChoices = false } };
                        found.Add(Reference(field!));
                    }
                }

                return form with { Fields = fields.ToEquatableArray() };
            }

            /// <summary>A reference field of the admin's form (one whose <c>Relation</c> is still set) and its target.</summary>
            private static AdminReferenceModel Reference(FieldModel field) =>
                new(field.Property, field.Name, field.Relation!.TargetType, field.Relation.TargetSet, $"{field.Relation.TargetInfoType}.{field.Relation.TargetKey}Field", field.IsNullable);

            /// <summary>
            /// <c>ListEditable</c>: names in <c>ListDisplay</c> that don't link to the change page, each a column (or a reference) the form can
            /// edit; the model form of those columns, <c>PostListForm</c>.
            /// </summary>
            private FormModel? ListEditable(CancellationToken cancellationToken)
            {
                var links = admin.ListDisplayLinks.Count > 0 ? admin.ListDisplayLinks.Select(static l => l.Name).ToList() : admin.ListDisplay.Take(1).Select(static l => l.Name).ToList();
                var listed = new List<ListedFieldModel>();
                var source = admin.FormSource;
                foreach (var name in admin.ListEditable)
                {
                    var column = model.ForeignKeys.FirstOrDefault(fk => fk.Navigation == name.Name)?.Property ?? name.Name;
                    if (admin.ListDisplay.All(d => d.Name != name.Name))
                    {
                        Report("ListEditable", name, "is not one of ListDisplay");
                    }
                    else if (links.Contains(name.Name))
                    {
                        Report("ListEditable", name, "links to the change page; name another column in ListDisplayLinks, or don't edit this one in the list");
                    }
                    else if (column == model.Key.Name || admin.ReadonlyFields.Any(r => r.Name == name.Name)
                        || model.Class.Properties.FirstOrDefault(p => p.Name == column) is not { IsInitOnly: false }
                        || !source.Properties.Any(read => read.Property == column && read.Field is not null))
                    {
                        Report("ListEditable", name, "is not a column a form can edit (the key, a read-only field, a method or another property)");
                    }
                    else
                    {
                        listed.Add(name with { Name = column });
                    }
                }

                if (listed.Count < admin.ListEditable.Count)
                {
                    return null;
                }

                var formName = GeneratedCode.Identifier(model.Class.Name) + "ListForm" + (model.InfoSuffix.Length > 0 ? "_" + model.InfoSuffix : "");
                return ModelForm(formName, source with { Listed = listed.ToEquatableArray(), ListsAll = false }, admin.Location, cancellationToken);
            }

            /// <summary>
            /// A model form of the admin's, <c>Micro.Generated.{name}</c>, written by the forms pipeline's resolver (its problems reported
            /// with the admin's); a reference's options are named as the admin names the target's rows (its Display), as Django's
            /// <c>__str__</c> does both.
            /// </summary>
            private FormModel? ModelForm(string name, ModelFormSourceModel source, LocationInfo? location, CancellationToken cancellationToken)
            {
                var form = new FormClassModel(
                    name,
                    "global::Micro.Generated." + name,
                    "Micro.Generated",
                    "sealed partial class",
                    EquatableArray<string>.Empty,
                    EquatableArray<FieldModel>.Empty,
                    EquatableArray<string>.Empty,
                    EquatableArray<string>.Empty,
                    false,
                    source,
                    location);
                var resolved = FormsParser.Resolve((new Parsed<FormClassModel>(form, EquatableArray<DiagnosticInfo>.Empty), data), cancellationToken);
                diagnostics.AddRange(resolved.Diagnostics);
                if (resolved.Model is not { } formModel)
                {
                    return null;
                }

                return formModel with
                {
                    Fields = formModel.Fields.Select(field => field.Relation is { } relation
                            && classes.FirstOrDefault(c => c.ModelType == relation.TargetType) is { Display: not null } target
                            && data.Models.FirstOrDefault(m => m.Class.Type == relation.TargetType) is { } targetModel
                        ? field with { Relation = relation with { LabelExpression = DisplayOf(target, targetModel, "row") } }
                        : field).ToEquatableArray(),
                };
            }

            /// <summary>
            /// An <c>[AdminInline]</c>: a model with one foreign key to this one (or the one <c>ForeignKey</c> names), and a model form of
            /// its <c>Fields</c> (else every column but its key and that foreign key, which the inline sets) less <c>Exclude</c>.
            /// </summary>
            private AdminInlineModel? Inline(AdminInlineClassModel inline, CancellationToken cancellationToken)
            {
                var child = data.Models.FirstOrDefault(m => m.Class.Type == inline.ModelType);
                var childClass = classes.FirstOrDefault(c => c.ModelType == inline.ModelType);
                if (child is null || childClass is null)
                {
                    ReportInline(inline, inline.Location, "it is not a [Model] class; an inline edits the rows of a model");
                    return null;
                }

                var keys = child.ForeignKeys.Where(fk => fk.TargetType == model.Class.Type).ToList();
                if (inline.ForeignKey is { } named)
                {
                    keys = keys.Where(fk => fk.Navigation == named.Name || fk.Property == named.Name).ToList();
                    if (keys.Count == 0)
                    {
                        ReportInline(inline, named.Location, $"ForeignKey names '{named.Name}', which is not a reference of {child.Class.Name} to {model.Class.Name}");
                        return null;
                    }
                }

                if (keys.Count != 1)
                {
                    ReportInline(inline, inline.Location, keys.Count == 0
                        ? $"{child.Class.Name} has no foreign key to {model.Class.Name}; an inline edits the rows that point to the row shown"
                        : $"{child.Class.Name} has more than one foreign key to {model.Class.Name} ({string.Join(", ", keys.Select(static k => k.Navigation))}); name one with ForeignKey");
                    return null;
                }

                var key = keys[0];
                if (inline.Extra < 0 || inline.MaxNum < 0)
                {
                    ReportInline(inline, inline.Location, $"{(inline.Extra < 0 ? "Extra" : "MaxNum")} is {(inline.Extra < 0 ? inline.Extra : inline.MaxNum).ToString(CultureInfo.InvariantCulture)}; it must be 0 or more");
                    return null;
                }

                var linked = inline.Fields?.Concat(inline.Exclude).FirstOrDefault(f => f.Name == key.Property || f.Name == key.Navigation);
                if (linked is not null)
                {
                    ReportInline(inline, linked.Location, $"'{linked.Name}' is the foreign key to {model.Class.Name}, which the inline sets; leave it out");
                    return null;
                }

                var source = childClass.FormSource;
                var left = new HashSet<string>(inline.Exclude.Select(static n => n.Name), StringComparer.Ordinal);
                foreach (var name in inline.Exclude.Where(n => child.Class.Properties.All(p => p.Name != n.Name)))
                {
                    ReportInline(inline, name.Location, $"Exclude names '{name.Name}', which is not a column of {child.Class.Name}");
                }

                source = source with
                {
                    Listed = inline.Fields is { } fields
                        ? fields.Where(f => !left.Contains(f.Name)).ToEquatableArray()
                        : child.Class.Properties
                            .Where(p => p.Name != child.Key.Name && p.Name != key.Property && !p.IsInitOnly && !left.Contains(p.Name)
                                && source.Properties.Any(read => read.Property == p.Name && read.Field is not null))
                            .Select(p => new ListedFieldModel(p.Name, inline.Location)).ToEquatableArray(),
                    ListsAll = false,
                };

                var formName = GeneratedCode.Identifier(model.Class.Name) + GeneratedCode.Identifier(child.Class.Name) + "InlineForm"
                    + (model.InfoSuffix.Length > 0 ? "_" + model.InfoSuffix : "");
                if (ModelForm(formName, source, inline.Location, cancellationToken) is not { } formModel)
                {
                    return null;
                }

                var rawIds = new List<AdminReferenceModel>();
                var autocompletes = new List<AdminReferenceModel>();
                if (inline.RawIdFields.Count > 0 || inline.AutocompleteFields.Count > 0)
                {
                    formModel = References(formModel, child, inline.RawIdFields, inline.AutocompleteFields, rawIds, autocompletes,
                        (option, name, problem) => ReportInline(inline, name.Location, $"{option} '{name.Name}' {problem}"));
                }

                var verbose = GeneratedCode.SnakeCase(child.Class.Name).Replace('_', ' ');
                return new AdminInlineModel(
                    child.Class.Type,
                    child.InfoType,
                    $"{child.InfoType}.{key.Property}Column",
                    $"static (child, parent) => child.{key.Property} = parent.{model.Key.Name}",
                    verbose,
                    verbose + "s",
                    inline.Extra,
                    inline.MaxNum,
                    inline.CanDelete,
                    DisplayOf(childClass, child, "row"),
                    formModel)
                {
                    Stacked = inline.Stacked,
                    RawIds = rawIds.ToEquatableArray(),
                    Autocompletes = autocompletes.ToEquatableArray(),
                    Prepopulated = InlinePrepopulated(childClass, child, formModel).ToEquatableArray(),
                };
            }

            /// <summary>
            /// The inline model's <c>[AdminPrepopulated]</c> fields that its form edits, each filled from the fields of the form it names
            /// (as Django's inline <c>prepopulated_fields</c>); one whose field the inline leaves out is left out, since the attribute
            /// is checked against the model's own admin page.
            /// </summary>
            private static IEnumerable<AdminPrepopulatedModel> InlinePrepopulated(AdminClassModel childClass, ModelModel child, FormModel form)
            {
                FieldModel? Field(string name)
                {
                    var column = child.ForeignKeys.FirstOrDefault(fk => fk.Navigation == name)?.Property ?? name;
                    return form.Fields.FirstOrDefault(f => f.Property == column);
                }

                foreach (var prepopulated in childClass.Prepopulated)
                {
                    var from = prepopulated.From.Select(name => Field(name.Name)).ToList();
                    if (Field(prepopulated.Property.Name) is { } target && from.Count > 0 && from.All(static f => f is not null)
                        && childClass.Properties.FirstOrDefault(p => p.Name == target.Property) is { Kind: AdminValueKind.Text, IsMethod: false }
                        && child.ForeignKeys.All(fk => fk.Property != target.Property))
                    {
                        yield return new AdminPrepopulatedModel(target.Name, from.Select(static f => f!.Name).ToEquatableArray());
                    }
                }
            }

            private void ReportInline(AdminInlineClassModel inline, LocationInfo? location, string problem) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAdminInline, location, model.Class.Name, inline.ModelName, problem));

            private IEnumerable<AdminDependentModel> Dependents()
            {
                foreach (var other in data.Models)
                {
                    foreach (var key in other.ForeignKeys.Where(fk => fk.TargetType == model.Class.Type))
                    {
                        var otherClass = classes.FirstOrDefault(c => c.ModelType == other.Class.Type);
                        yield return new AdminDependentModel(GeneratedCode.SnakeCase(other.Class.Name).Replace('_', ' '), other.Class.Type, other.InfoType,
                            $"{other.InfoType}.{key.Property}Column", key.IsRequired, DisplayOf(otherClass, other, "row"));
                    }
                }
            }

            private void Report(string option, ListedFieldModel name, string problem) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAdminOption, name.Location, model.Class.Name, option, name.Name, problem));
        }

        /// <summary>How a row of <paramref name="model"/> named <paramref name="row"/> is named: its display property, its <c>ToString()</c>, or "Post object (3)".</summary>
        private static string DisplayOf(AdminClassModel? admin, ModelModel model, string row)
        {
            if (admin?.Display is { } display && admin.Properties.FirstOrDefault(p => p.Name == display.Name) is { } shown)
            {
                return $"global::System.Convert.ToString({shown.Read(row)}, global::System.Globalization.CultureInfo.InvariantCulture) ?? \"\"";
            }

            if (admin?.OverridesToString == true)
            {
                return $"{row}.ToString() ?? \"\"";
            }

            return $"\"{model.Class.Name} object (\" + global::System.Convert.ToString({row}.{model.Key.Name}, global::System.Globalization.CultureInfo.InvariantCulture) + \")\"";
        }
    }
}
