using System.ComponentModel;
using Micro.Data;
using Micro.Forms;
using Micro.Routing;
using Microsoft.AspNetCore.Http;

namespace Micro.Admin;

/// <summary>How a change list filter offers its choices: Django's <c>BooleanFieldListFilter</c>, <c>ChoicesFieldListFilter</c>, <c>RelatedFieldListFilter</c> and <c>DateFieldListFilter</c>.</summary>
public enum AdminFilterKind
{
    Boolean,
    Choices,
    Reference,
    Date,
}

/// <summary>
/// A model registered with the admin, as Django's <c>ModelAdmin</c>: generated from <c>[Admin]</c> (or for every model by
/// <c>MapAdmin</c> when none has it). The admin's views read it; nothing here is found by reflection.
/// </summary>
public abstract class ModelAdmin
{
    private protected ModelAdmin(ModelInfo model, string verboseName, string verboseNamePlural)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        VerboseName = verboseName;
        VerboseNamePlural = verboseNamePlural;
    }

    public ModelInfo Model { get; }

    /// <summary>The model's name in URLs and permissions: the class name in lower case (<c>blogpost</c>).</summary>
    public string ModelName => Model.Name.ToLowerInvariant();

    /// <summary>"blog post", made from the class name as Django makes <c>verbose_name</c>.</summary>
    public string VerboseName { get; }

    public string VerboseNamePlural { get; }

    /// <summary>Rows per change list page.</summary>
    public int ListPerPage { get; init; } = 100;

    /// <summary>The change page offers "Save as new" (Django's <c>save_as</c>).</summary>
    public bool SaveAs { get; init; }

    /// <summary>The change page has its save buttons above the form too (Django's <c>save_on_top</c>).</summary>
    public bool SaveOnTop { get; init; }

    /// <summary>The change list offers "Show all" when the rows found are at most this many (Django's <c>list_max_show_all</c>).</summary>
    public int ListMaxShowAll { get; init; } = 200;

    /// <summary>Text under the change list's search box (Django's <c>search_help_text</c>).</summary>
    public string? SearchHelpText { get; init; }

    /// <summary>The change list's actions are above the rows (Django's <c>actions_on_top</c>).</summary>
    public bool ActionsOnTop { get; init; } = true;

    /// <summary>The change list's actions are below the rows (Django's <c>actions_on_bottom</c>).</summary>
    public bool ActionsOnBottom { get; init; }

    /// <summary>What the change list and read-only fields show for an empty value (Django's <c>empty_value_display</c>).</summary>
    public string EmptyValueDisplay { get; init; } = "-";

    /// <summary>The date column of the change list's year, month and day links, if any.</summary>
    public ColumnInfo? DateHierarchy { get; init; }

    /// <summary>The references the form edits as keys (Django's <c>raw_id_fields</c>), each named beside its box on the change page.</summary>
    public IReadOnlyList<AdminReference> RawIdFields { get; init; } = [];

    /// <summary>
    /// The references chosen by a search (Django's <c>autocomplete_fields</c>): the select holds the row chosen, and the admin's script
    /// fills it from <c>admin/autocomplete/</c>, which searches the target's admin.
    /// </summary>
    public IReadOnlyList<AdminReference> AutocompleteFields { get; init; } = [];

    /// <summary>
    /// The references the form shows as selects (all but <see cref="RawIdFields"/>): beside each, for users who may add rows of the
    /// target, Django's "+" opens the target's add page in a popup, and the row added there is chosen in the select.
    /// </summary>
    public IReadOnlyList<AdminReference> RelatedFields { get; init; } = [];

    /// <summary>
    /// The change page's sections (Django's <c>fieldsets</c>), each naming its fields as the page knows them: a form field's name
    /// (<c>published</c>), a many-to-many field's, or a read-only field's (<see cref="AdminField{TModel}.Name"/>). Empty: one section of
    /// every field.
    /// </summary>
    public IReadOnlyList<AdminFieldset> Fieldsets { get; init; } = [];

    /// <summary>The form fields filled from others as they are typed (Django's <c>prepopulated_fields</c>), by the form's names.</summary>
    public IReadOnlyList<AdminPrepopulated> PrepopulatedFields { get; init; } = [];

    /// <summary>The app the model belongs to, in URLs and permission names (<c>auth</c> for Micro's users and groups); null for the app's own.</summary>
    internal string? AppLabel { get; init; }

    internal abstract AdminModelViews Views(AdminSite site);

    /// <summary>The <c>AutocompleteFields</c> of this admin's inline of the model <paramref name="modelName"/> (<c>comment</c>); none without one.</summary>
    internal virtual IReadOnlyList<AdminReference> InlineAutocompleteFields(string modelName) => [];
}

/// <summary>A column of the change list, or a read-only field of the change page.</summary>
/// <param name="Name">The property, or <c>__str__</c> for the row's display text.</param>
/// <param name="Label">The column header or field label.</param>
/// <param name="Value">Reads the value from a row.</param>
public sealed record AdminField<TModel>(string Name, string Label, Func<TModel, object?> Value)
    where TModel : class
{
    /// <summary>The column it shows, which the change list can sort by; null for the display text and references' objects.</summary>
    public ColumnInfo? Column { get; init; }

    /// <summary>Shown as Django's yes/no icons.</summary>
    public bool IsBoolean { get; init; }

    /// <summary>Sorting by this field sorts <see cref="Column"/> the other way (<c>[AdminDisplay(Ordering = "-Published")]</c>).</summary>
    public bool OrderReversed { get; init; }

    /// <summary>A <c>[FileField]</c> column: its name links to its file (Django's <c>display_for_field</c>).</summary>
    public bool IsFile { get; init; }

    /// <summary>What a null or empty value reads; "-" when null.</summary>
    public string? EmptyValue { get; init; }

    /// <summary>The value as the admin shows it; an empty one as the field's <see cref="EmptyValue"/>, else as <paramref name="empty"/> (the admin's).</summary>
    internal string Format(object? value, string empty) => value is null or string { Length: 0 } ? EmptyValue ?? empty : AdminSite.FormatValue(value);
}

/// <summary>A form field filled from others as they are typed (one of Django's <c>prepopulated_fields</c>).</summary>
/// <param name="Field">The form's name of the field filled: <c>slug</c>.</param>
/// <param name="From">The form's names of the fields it is filled from, in order.</param>
public sealed record AdminPrepopulated(string Field, IReadOnlyList<string> From);

/// <summary>A section of the change page (one of Django's <c>fieldsets</c>).</summary>
/// <param name="Name">The heading; null for a section without one.</param>
/// <param name="Fields">The fields shown, in order, named as <see cref="ModelAdmin.Fieldsets"/> says.</param>
public sealed record AdminFieldset(string? Name, IReadOnlyList<string> Fields)
{
    /// <summary>Text under the heading, shown as written (HTML included).</summary>
    public string? Description { get; init; }

    /// <summary>Folded under its heading until opened; open when a field in it has an error.</summary>
    public bool Collapse { get; init; }

    /// <summary>Wider labels.</summary>
    public bool Wide { get; init; }
}

/// <summary>An action of the change list, as Django's admin actions: run on the rows chosen, by users with its permission.</summary>
/// <param name="Name">The value the menu posts: the method's name in snake_case.</param>
/// <param name="Description">The menu's text.</param>
/// <param name="Permission">The model permission it needs: <c>view</c>, <c>add</c>, <c>change</c> or <c>delete</c>.</param>
/// <param name="RunAsync">Runs it on the chosen rows; answers the message to show, or null.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record AdminAction<TModel>(string Name, string Description, string Permission, Func<QuerySet<TModel>, HttpContext, Task<string?>> RunAsync)
    where TModel : class;

/// <summary>A filter of the change list's sidebar.</summary>
/// <param name="Name">The property, snake_case in the query string: <c>?year__exact=2024</c>.</param>
/// <param name="Label">The filter's title.</param>
/// <param name="Column">The column it compares.</param>
/// <param name="Kind">How it offers its choices.</param>
public sealed record AdminFilter(string Name, string Label, ColumnInfo Column, AdminFilterKind Kind)
{
    /// <summary>An enum's members (value, label).</summary>
    public IReadOnlyList<FormChoice> Choices { get; init; } = [];

    /// <summary>A reference's rows (key, display text), loaded per request.</summary>
    public Func<Database, CancellationToken, Task<IReadOnlyList<FormChoice>>>? LoadChoices { get; init; }

    /// <summary>
    /// For a reference that isn't a column (a user's groups): the SQL condition of a chosen key, or null for text that isn't one.
    /// Without it the filter compares <see cref="Column"/>.
    /// </summary>
    internal Func<string, Action<SqlBuilder>?>? Lookup { get; init; }
}

/// <summary>The rows of another model that point to a row with a foreign key, listed (and deleted with it when the key cascades) on the delete page.</summary>
public abstract class AdminDependent
{
    private protected AdminDependent(string verboseName, bool cascades)
    {
        VerboseName = verboseName;
        Cascades = cascades;
    }

    public string VerboseName { get; }

    /// <summary>The foreign key is required: the database deletes these rows with the row they point to.</summary>
    public bool Cascades { get; }

    internal abstract Task<IReadOnlyList<string>> FindAsync(Database db, object key, CancellationToken cancellationToken);
}

/// <summary>A model whose <paramref name="foreignKey"/> points to the admin's model.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AdminDependent<TDependent>(string verboseName, ModelInfo<TDependent> model, ColumnInfo foreignKey, bool cascades, Func<TDependent, string> display)
    : AdminDependent(verboseName, cascades)
    where TDependent : class
{
    internal override async Task<IReadOnlyList<string>> FindAsync(Database db, object key, CancellationToken cancellationToken)
    {
        var rows = await new QuerySet<TDependent>(db, model).Where(new ComparisonCondition<TDependent>(foreignKey, "=", key))
            .OrderByColumn(model.Key, descending: false).ToListAsync(cancellationToken);
        return rows.ConvertAll(row => display(row));
    }
}

/// <summary>What generated code writes per registered model: the options of <c>[Admin]</c> resolved to columns, and the admin form.</summary>
/// <typeparam name="TModel">The model.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ModelAdmin<TModel> : ModelAdmin
    where TModel : class
{
    protected ModelAdmin(ModelInfo<TModel> model, string verboseName, string verboseNamePlural)
        : base(model, verboseName, verboseNamePlural)
    {
        Model = model;
    }

    public new ModelInfo<TModel> Model { get; }

    /// <summary>The change list's columns; the display text alone when empty.</summary>
    public IReadOnlyList<AdminField<TModel>> ListDisplay { get; init; } = [];

    /// <summary>The names in <see cref="ListDisplay"/> that link to the change page; the first column when empty.</summary>
    public IReadOnlyList<string> ListDisplayLinks { get; init; } = [];

    /// <summary>Text columns the search box looks in.</summary>
    public IReadOnlyList<ColumnInfo> SearchFields { get; init; } = [];

    public IReadOnlyList<AdminFilter> ListFilter { get; init; } = [];

    /// <summary>The default order: columns, descending when true. The key, descending, when empty (Django's <c>-pk</c>).</summary>
    public IReadOnlyList<(ColumnInfo Column, bool Descending)> Ordering { get; init; } = [];

    /// <summary>Shown on the change page as text.</summary>
    public IReadOnlyList<AdminField<TModel>> ReadonlyFields { get; init; } = [];

    /// <summary>References the change list shows, loaded with each page (Django's <c>list_select_related</c>).</summary>
    public IReadOnlyList<Relation<TModel>> Includes { get; init; } = [];

    /// <summary>Rows of other models that point to this one.</summary>
    public IReadOnlyList<AdminDependent> Dependents { get; init; } = [];

    /// <summary>The row's URL on the site, for the change page's "View on site" link (the model's <c>GetAbsoluteUrl()</c>); null for none.</summary>
    public Func<TModel, string?>? ViewOnSite { get; init; }

    /// <summary>The change list's actions beside "Delete selected".</summary>
    public IReadOnlyList<AdminAction<TModel>> Actions { get; init; } = [];

    /// <summary>Columns of the change list edited in place, saved by the list's "Save" (Django's <c>list_editable</c>); null for none.</summary>
    public AdminListEditable<TModel>? ListEditable { get; init; }

    /// <summary>Rows of other models edited on the change and add pages (Django's <c>inlines</c>).</summary>
    public IReadOnlyList<AdminInline<TModel>> Inlines { get; init; } = [];

    /// <summary>The app's <c>Db</c> of the request.</summary>
    public abstract Database Database(IServiceProvider services);

    /// <summary>How a row is named: its display property, its <c>ToString()</c>, or "Post object (3)".</summary>
    public abstract string Display(TModel row);

    /// <summary>
    /// The admin form for a request: unbound on GET (filled from <paramref name="instance"/> when there is one), bound to the posted
    /// form otherwise; null when the request was answered (a body that isn't a form).
    /// </summary>
    public abstract ValueTask<IForm?> BindFormAsync(HttpContext context, TModel? instance);

    /// <summary>Saves a valid bound form onto its instance or a new row; null with the error on the form when a unique value clashes.</summary>
    public abstract Task<TModel?> SaveFormAsync(IForm form, Database db, CancellationToken cancellationToken);

    /// <summary>Many-to-many fields the change page edits beside the form (Micro's users' groups and permissions).</summary>
    internal IReadOnlyList<AdminManyToMany> ManyToMany { get; init; } = [];

    /// <summary>After an add, the change page follows (Django's <c>UserAdmin</c>: a user is added with a password, then edited).</summary>
    internal virtual bool ContinuesAfterAdd => false;

    /// <summary>Pages of this model's admin beyond Django's five (the user admin's password page).</summary>
    internal virtual IEnumerable<RouteDefinition> ExtraRoutes(AdminModelViews<TModel> views) => [];

    /// <summary>Links beside "History" on a row's change page, as (label, URL).</summary>
    internal virtual IEnumerable<(string Label, string Url)> ObjectTools(AdminModelViews<TModel> views, TModel row, AdminPermissions permissions) => [];

    /// <summary>The add page edits <see cref="ManyToMany"/> too; Django's user add page asks for a username and password only.</summary>
    internal virtual bool ManyToManyOnAdd => true;

    /// <summary>The words above the add page's form, if any.</summary>
    internal virtual string? AddIntro => null;

    /// <summary>The add page's sections (Django's <c>add_fieldsets</c>, which only the user admin sets): the change page's by default.</summary>
    internal virtual IReadOnlyList<AdminFieldset> AddFieldsets => Fieldsets;

    internal override AdminModelViews Views(AdminSite site) => new AdminModelViews<TModel>(site, this);

    internal override IReadOnlyList<AdminReference> InlineAutocompleteFields(string modelName) =>
        Inlines.FirstOrDefault(inline => inline.ModelName == modelName)?.AutocompleteFields ?? [];
}
