using Micro.Generators.Data.Model;
using Micro.Generators.Forms.Model;
using Micro.Generators.Shared;

namespace Micro.Generators.Admin.Model
{
    /// <summary>How the admin shows and filters a property's values.</summary>
    internal enum AdminValueKind
    {
        Other,
        Text,
        Boolean,
        Enum,
        Date,
    }

    /// <summary>A property of a model as the admin sees it, or a method it can show (Django's callables in <c>list_display</c>).</summary>
    /// <param name="EnumMembers">An enum's members: the stored number and the member's name.</param>
    /// <param name="ReferenceTarget">For a navigation to another model: that model, fully qualified.</param>
    internal sealed record AdminPropertyModel(string Name, AdminValueKind Kind, bool IsNullable, EquatableArray<ChoiceModel> EnumMembers, string? ReferenceTarget)
    {
        /// <summary>A method that needs no argument: read by calling it, and never a column.</summary>
        public bool IsMethod { get; init; }

        /// <summary>The <c>[Display(Name = ...)]</c> or <c>[DisplayName(...)]</c> given, Django's <c>verbose_name</c> or <c>description</c>.</summary>
        public string? Label { get; init; }

        /// <summary>From <c>[AdminDisplay(Boolean = true)]</c>: shown as the yes/no icon whatever its type.</summary>
        public bool ShownAsBoolean { get; init; }

        /// <summary>From <c>[AdminDisplay(Ordering = ...)]</c>: the column that sorts it, with a leading <c>-</c> for the other way.</summary>
        public string? Ordering { get; init; }

        /// <summary>From <c>[AdminDisplay(EmptyValue = ...)]</c>.</summary>
        public string? EmptyValue { get; init; }

        /// <summary>How generated code reads it from a row named <paramref name="row"/>.</summary>
        public string Read(string row) => row + "." + Name + (IsMethod ? "()" : "");
    }

    /// <summary>
    /// A static method of a model that can be an admin action: what it takes and returns, and its <c>[AdminAction]</c> options.
    /// </summary>
    /// <param name="Arguments">What to pass for each parameter, over <c>rows</c> and <c>context</c>; null when a parameter can't be given.</param>
    /// <param name="Returns"><c>void</c>, <c>string</c>, <c>Task</c>, <c>Task&lt;string&gt;</c>, <c>ValueTask</c>, <c>ValueTask&lt;string&gt;</c>, or null for anything else.</param>
    internal sealed record AdminActionMethodModel(string Name, EquatableArray<string>? Arguments, string? Returns, string? Description, string? Permission);

    /// <summary>
    /// A <c>[Model]</c> class with its <c>[Admin]</c> options as written (names not yet checked against the data layer's model), and
    /// every property as a model form reads it, for the admin's form.
    /// </summary>
    /// <param name="IsRegistered">It carries <c>[Admin]</c>; otherwise it is registered only when the app calls <c>MapAdmin</c> and no model carries it.</param>
    /// <param name="Fields">The names in <c>Fields</c>, or null when left out.</param>
    internal sealed record AdminClassModel(
        string ModelType,
        string ModelName,
        bool IsRegistered,
        EquatableArray<ListedFieldModel> ListDisplay,
        EquatableArray<ListedFieldModel> ListDisplayLinks,
        EquatableArray<ListedFieldModel> SearchFields,
        EquatableArray<ListedFieldModel> ListFilter,
        EquatableArray<ListedFieldModel> Ordering,
        EquatableArray<ListedFieldModel> ReadonlyFields,
        EquatableArray<ListedFieldModel>? Fields,
        EquatableArray<ListedFieldModel> Exclude,
        ListedFieldModel? DateHierarchy,
        ListedFieldModel? Display,
        int ListPerPage,
        bool OverridesToString,
        EquatableArray<AdminPropertyModel> Properties,
        ModelFormSourceModel FormSource,
        LocationInfo? Location)
    {
        /// <summary>The names in <c>Actions</c>.</summary>
        public EquatableArray<ListedFieldModel> Actions { get; init; } = EquatableArray<ListedFieldModel>.Empty;

        /// <summary><c>ViewOnSite</c> isn't turned off.</summary>
        public bool ViewOnSite { get; init; } = true;

        /// <summary><c>SaveAs</c>: the change page has "Save as new".</summary>
        public bool SaveAs { get; init; }

        /// <summary>The options that only shape the pages, as written.</summary>
        public AdminPageOptions PageOptions { get; init; } = AdminPageOptions.Default;

        /// <summary>The names in <c>RawIdFields</c>.</summary>
        public EquatableArray<ListedFieldModel> RawIdFields { get; init; } = EquatableArray<ListedFieldModel>.Empty;

        /// <summary>The names in <c>AutocompleteFields</c>.</summary>
        public EquatableArray<ListedFieldModel> AutocompleteFields { get; init; } = EquatableArray<ListedFieldModel>.Empty;

        /// <summary>The names in <c>ListEditable</c>.</summary>
        public EquatableArray<ListedFieldModel> ListEditable { get; init; } = EquatableArray<ListedFieldModel>.Empty;

        /// <summary>Its <c>[AdminInline]</c>s, as written.</summary>
        public EquatableArray<AdminInlineClassModel> Inlines { get; init; } = EquatableArray<AdminInlineClassModel>.Empty;

        /// <summary>Its properties with <c>[AdminPrepopulated]</c>, as written.</summary>
        public EquatableArray<AdminPrepopulatedClassModel> Prepopulated { get; init; } = EquatableArray<AdminPrepopulatedClassModel>.Empty;

        /// <summary>Its <c>[AdminFieldset]</c>s, in order, as written.</summary>
        public EquatableArray<AdminFieldsetClassModel> Fieldsets { get; init; } = EquatableArray<AdminFieldsetClassModel>.Empty;

        /// <summary>The model's static methods, candidates for <see cref="Actions"/>.</summary>
        public EquatableArray<AdminActionMethodModel> StaticMethods { get; init; } = EquatableArray<AdminActionMethodModel>.Empty;
    }

    /// <summary>
    /// The options of <c>[Admin]</c> that shape its pages and name nothing: Django's <c>save_on_top</c>, <c>list_max_show_all</c>,
    /// <c>search_help_text</c>, <c>actions_on_top</c>, <c>actions_on_bottom</c> and <c>empty_value_display</c>.
    /// </summary>
    internal sealed record AdminPageOptions(bool SaveOnTop, int ListMaxShowAll, string? SearchHelpText, bool ActionsOnTop, bool ActionsOnBottom, string? EmptyValueDisplay)
    {
        public static readonly AdminPageOptions Default = new(false, 200, null, true, false, null);
    }

    /// <summary>An <c>[AdminPrepopulated]</c> as written: the property it is on (at the attribute) and the names it is filled from.</summary>
    internal sealed record AdminPrepopulatedClassModel(ListedFieldModel Property, EquatableArray<ListedFieldModel> From);

    /// <summary>A form field filled from others as they are typed, all by their form names.</summary>
    internal sealed record AdminPrepopulatedModel(string Field, EquatableArray<string> From);

    /// <summary>An <c>[AdminFieldset]</c> as written: its heading (null for none), its names, not yet checked, and how it is shown.</summary>
    internal sealed record AdminFieldsetClassModel(string? Name, EquatableArray<ListedFieldModel> Fields, string? Description, bool Collapse, bool Wide, LocationInfo? Location);

    /// <summary>A section of the change page, its fields named as the page knows them (a form field's name, a read-only field's).</summary>
    internal sealed record AdminFieldsetModel(string? Name, EquatableArray<string> Fields, string? Description, bool Collapse, bool Wide);

    /// <summary>An <c>[AdminInline(typeof(Comment))]</c> as written: the inline's model and its options, names not yet checked.</summary>
    /// <param name="ModelType">The model named, fully qualified ("" when the argument isn't a type).</param>
    internal sealed record AdminInlineClassModel(
        string ModelType,
        string ModelName,
        int Extra,
        int MaxNum,
        bool CanDelete,
        EquatableArray<ListedFieldModel>? Fields,
        EquatableArray<ListedFieldModel> Exclude,
        ListedFieldModel? ForeignKey,
        LocationInfo Location)
    {
        /// <summary><c>Stacked</c>: Django's <c>StackedInline</c>.</summary>
        public bool Stacked { get; init; }

        /// <summary><c>RawIdFields</c>: the inline's references edited as keys.</summary>
        public EquatableArray<ListedFieldModel> RawIdFields { get; init; } = EquatableArray<ListedFieldModel>.Empty;

        /// <summary><c>AutocompleteFields</c>: the inline's references chosen by a search.</summary>
        public EquatableArray<ListedFieldModel> AutocompleteFields { get; init; } = EquatableArray<ListedFieldModel>.Empty;
    }

    /// <summary>An inline resolved against the data layer: the model, its foreign key to the page's model, and its form.</summary>
    /// <param name="ForeignKeyColumn">The metadata's column field of the foreign key.</param>
    /// <param name="Link">A C# lambda that points a new row to the page's row.</param>
    /// <param name="Display">A C# expression naming a row named <c>row</c>.</param>
    internal sealed record AdminInlineModel(
        string Type,
        string Info,
        string ForeignKeyColumn,
        string Link,
        string VerboseName,
        string VerboseNamePlural,
        int Extra,
        int MaxNum,
        bool CanDelete,
        string Display,
        FormModel Form)
    {
        public bool Stacked { get; init; }

        /// <summary>The inline's references edited as keys.</summary>
        public EquatableArray<AdminReferenceModel> RawIds { get; init; } = EquatableArray<AdminReferenceModel>.Empty;

        /// <summary>The inline's references chosen by a search.</summary>
        public EquatableArray<AdminReferenceModel> Autocompletes { get; init; } = EquatableArray<AdminReferenceModel>.Empty;

        /// <summary>The inline model's <c>[AdminPrepopulated]</c> fields.</summary>
        public EquatableArray<AdminPrepopulatedModel> Prepopulated { get; init; } = EquatableArray<AdminPrepopulatedModel>.Empty;
    }

    /// <summary>A reference of the admin form that loads no options: edited as the key of its row (Django's <c>raw_id_fields</c>) or chosen by a search (<c>autocomplete_fields</c>).</summary>
    /// <param name="Property">The form's property, the foreign key column (<c>AuthorId</c>).</param>
    /// <param name="TargetSet">The target's set on the app's <c>Db</c> (<c>Authors</c>).</param>
    /// <param name="TargetKeyField">The target key's field (<c>global::Micro.Generated.AuthorModel.IdField</c>).</param>
    internal sealed record AdminReferenceModel(string Property, string Name, string TargetType, string TargetSet, string TargetKeyField, bool IsNullable);

    /// <summary>The <c>ListDisplay</c> names edited in the change list (Django's <c>list_editable</c>), and the model form of their columns.</summary>
    internal sealed record AdminListEditableModel(EquatableArray<string> Names, FormModel Form);

    /// <summary>A column of the change list or a read-only field: its label and how generated code reads it from a row.</summary>
    /// <param name="Value">A C# expression over <c>row</c>.</param>
    /// <param name="Column">The metadata's column field (<c>global::Micro.Generated.PostModel.TitleColumn</c>), or null when it can't be sorted by.</param>
    internal sealed record AdminFieldModel(string Name, string Label, string Value, string? Column, bool IsBoolean)
    {
        /// <summary>Sorting by it sorts <see cref="Column"/> the other way.</summary>
        public bool OrderReversed { get; init; }

        public string? EmptyValue { get; init; }

        /// <summary>A <c>[FileField]</c> column: shown as a link to its file.</summary>
        public bool IsFile { get; init; }
    }

    /// <summary>A filter of the change list.</summary>
    /// <param name="Kind">A member of <c>Micro.Admin.AdminFilterKind</c>.</param>
    /// <param name="TargetType">For a reference: the model it points to, whose rows are the choices.</param>
    internal sealed record AdminFilterModel(
        string Name,
        string Label,
        string Column,
        string Kind,
        EquatableArray<ChoiceModel> Choices,
        string? TargetType,
        string? TargetInfo,
        string? TargetKey,
        string? TargetDisplay);

    /// <summary>An action of the change list: its posted name, menu text, permission, and the C# lambda that runs it.</summary>
    internal sealed record AdminActionModel(string Name, string Description, string Permission, string Run);

    /// <summary>Rows of another model pointing to this one, listed on the delete page.</summary>
    internal sealed record AdminDependentModel(string VerboseName, string Type, string Info, string ForeignKeyColumn, bool Cascades, string Display);

    /// <summary>One registered model, resolved against the data layer and ready to emit with its form.</summary>
    internal sealed record AdminModel(
        ModelModel Model,
        string VerboseName,
        string VerboseNamePlural,
        EquatableArray<AdminFieldModel> ListDisplay,
        EquatableArray<string> ListDisplayLinks,
        EquatableArray<string> SearchColumns,
        EquatableArray<AdminFilterModel> Filters,
        EquatableArray<string> Ordering,
        int ListPerPage,
        EquatableArray<AdminFieldModel> ReadonlyFields,
        string? DateHierarchyColumn,
        string Display,
        EquatableArray<string> Includes,
        EquatableArray<AdminDependentModel> Dependents,
        FormModel Form)
    {
        public EquatableArray<AdminActionModel> Actions { get; init; } = EquatableArray<AdminActionModel>.Empty;

        public EquatableArray<AdminInlineModel> Inlines { get; init; } = EquatableArray<AdminInlineModel>.Empty;

        /// <summary>The form fields filled from others (<c>[AdminPrepopulated]</c>).</summary>
        public EquatableArray<AdminPrepopulatedModel> Prepopulated { get; init; } = EquatableArray<AdminPrepopulatedModel>.Empty;

        /// <summary>The change page's sections (<c>[AdminFieldset]</c>); empty for one of every field.</summary>
        public EquatableArray<AdminFieldsetModel> Fieldsets { get; init; } = EquatableArray<AdminFieldsetModel>.Empty;

        /// <summary>The admin form's references edited as keys (<c>RawIdFields</c>), each checked against its table when posted.</summary>
        public EquatableArray<AdminReferenceModel> RawIds { get; init; } = EquatableArray<AdminReferenceModel>.Empty;

        /// <summary>The admin form's references chosen by a search (<c>AutocompleteFields</c>), each checked against its table when posted.</summary>
        public EquatableArray<AdminReferenceModel> Autocompletes { get; init; } = EquatableArray<AdminReferenceModel>.Empty;

        /// <summary>The admin form's references shown as selects (all but the raw id fields): each gets Django's "+" to add a target row in a popup.</summary>
        public EquatableArray<AdminReferenceModel> Related { get; init; } = EquatableArray<AdminReferenceModel>.Empty;

        /// <summary>The <c>ListDisplay</c> names edited in the change list, and the model form of their columns; null for none.</summary>
        public AdminListEditableModel? ListEditable { get; init; }

        /// <summary>The C# expression over <c>row</c> of the row's URL on the site (its <c>GetAbsoluteUrl()</c>), or null.</summary>
        public string? ViewOnSite { get; init; }

        public bool SaveAs { get; init; }

        public AdminPageOptions PageOptions { get; init; } = AdminPageOptions.Default;

        /// <summary>The generated descriptor class, <c>PostAdmin</c>, in <c>Micro.Generated</c>.</summary>
        public string ClassName => GeneratedCode.Identifier(Model.Class.Name) + "Admin" + (Model.InfoSuffix.Length > 0 ? "_" + Model.InfoSuffix : "");
    }

    /// <summary>Every registered model, and whether the host mounts the admin itself (some model carries <c>[Admin]</c>).</summary>
    internal sealed record AdminSiteModel(EquatableArray<AdminModel> Models, bool MountsItself);
}
