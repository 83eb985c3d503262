namespace Micro;

/// <summary>
/// Registers a <c>[Model]</c> class with the admin, as Django's <c>@admin.register(Post)</c> with a <c>ModelAdmin</c>: the admin
/// lists, searches, filters, adds, changes and deletes its rows at <c>/admin/</c>. The options are Django's <c>ModelAdmin</c>
/// attributes; every name in them is a property of the model, checked when the app is built.
/// <code>
/// [Model, Admin(ListDisplay = new[] { nameof(Title), nameof(Year), nameof(Author) }, SearchFields = new[] { nameof(Title) },
///               ListFilter = new[] { nameof(Year), nameof(Author) }, Ordering = new[] { "-" + nameof(Year) })]
/// public class Post { ... }
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AdminAttribute : Attribute
{
    /// <summary>The columns of the change list (Django's <c>list_display</c>); the default is the row's display text alone.</summary>
    public string[]? ListDisplay { get; set; }

    /// <summary>Which of <see cref="ListDisplay"/> link to the change page; the default is the first.</summary>
    public string[]? ListDisplayLinks { get; set; }

    /// <summary>
    /// Columns of <see cref="ListDisplay"/> edited in the change list itself, saved by its "Save" (Django's <c>list_editable</c>), for users who
    /// may change rows; not the columns that link to the change page.
    /// </summary>
    public string[]? ListEditable { get; set; }

    /// <summary>Text properties the change list's search box looks in, case-insensitively (SQL <c>LIKE</c>).</summary>
    public string[]? SearchFields { get; set; }

    /// <summary>Properties the change list's sidebar filters by: booleans, enums, references and dates.</summary>
    public string[]? ListFilter { get; set; }

    /// <summary>The change list's order: property names, <c>-</c> before a name for descending. The default is the newest key first.</summary>
    public string[]? Ordering { get; set; }

    /// <summary>Rows per change list page (Django's <c>list_per_page</c>).</summary>
    public int ListPerPage { get; set; } = 100;

    /// <summary>Properties shown on the change page but not editable.</summary>
    public string[]? ReadonlyFields { get; set; }

    /// <summary>The form's fields, in order; the default is every column but the key.</summary>
    public string[]? Fields { get; set; }

    /// <summary>Columns left out of the form.</summary>
    public string[]? Exclude { get; set; }

    /// <summary>
    /// References edited as the key of the row they point to, in a text box, instead of a select of every row (Django's
    /// <c>raw_id_fields</c>): for references to large tables. The key is checked against the table when the form is posted.
    /// </summary>
    public string[]? RawIdFields { get; set; }

    /// <summary>
    /// References chosen by searching the rows they can point to, instead of a select of every row (Django's
    /// <c>autocomplete_fields</c>): the select holds the row chosen, and the admin's script fills it with the rows a search finds
    /// (<c>admin/autocomplete/</c>, the target's <c>SearchFields</c>, the target's view permission). The target model must be in the
    /// admin with <c>SearchFields</c>. The key is checked against the table when the form is posted.
    /// </summary>
    public string[]? AutocompleteFields { get; set; }

    /// <summary>A date or date-and-time property: the change list gets links by year, then month, then day.</summary>
    public string? DateHierarchy { get; set; }

    /// <summary>
    /// The property that names a row in lists, titles and selects (Django's <c>__str__</c>); the default is the model's
    /// <c>ToString()</c> when it overrides it, else "Post object (3)".
    /// </summary>
    public string? Display { get; set; }

    /// <summary>
    /// The change list's actions beside "Delete selected" (Django's <c>actions</c>): names of static methods of the model, each
    /// taking its rows; see <see cref="AdminActionAttribute"/>.
    /// </summary>
    public string[]? Actions { get; set; }

    /// <summary>
    /// Whether the change page links to the row on the site (Django's <c>view_on_site</c>): true by default, for a model with a
    /// public <c>GetAbsoluteUrl()</c> method (Django's <c>get_absolute_url</c>) returning the row's URL.
    /// </summary>
    public bool ViewOnSite { get; set; } = true;

    /// <summary>The change page has "Save as new", which saves the form as a new row and leaves the row it showed as it was (Django's <c>save_as</c>).</summary>
    public bool SaveAs { get; set; }

    /// <summary>The change page has its save buttons above the form too (Django's <c>save_on_top</c>).</summary>
    public bool SaveOnTop { get; set; }

    /// <summary>
    /// The change list offers "Show all" (every row the filters find, on one page) when they are at most this many (Django's
    /// <c>list_max_show_all</c>).
    /// </summary>
    public int ListMaxShowAll { get; set; } = 200;

    /// <summary>Text under the change list's search box (Django's <c>search_help_text</c>).</summary>
    public string? SearchHelpText { get; set; }

    /// <summary>The change list's actions are above the rows (Django's <c>actions_on_top</c>).</summary>
    public bool ActionsOnTop { get; set; } = true;

    /// <summary>The change list's actions are below the rows (Django's <c>actions_on_bottom</c>).</summary>
    public bool ActionsOnBottom { get; set; }

    /// <summary>What the change list and read-only fields show for an empty value (Django's <c>empty_value_display</c>, "-").</summary>
    public string? EmptyValueDisplay { get; set; }
}

/// <summary>
/// Fills a text field from others as they are typed on the admin's add and change pages, as Django's <c>prepopulated_fields</c>: the
/// values joined and made a slug ("Déjà vu, again!" becomes <c>deja-vu-again</c>), cut to the field's <c>MaxLength</c> (50 without
/// one), until the user edits the field; a field that already holds a value is left as it is. Every name is checked when the app is built.
/// <code>
/// [AdminPrepopulated(nameof(Title))]
/// public string Slug { get; set; } = "";
/// </code>
/// </summary>
/// <param name="from">The properties whose values fill it, in order.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class AdminPrepopulatedAttribute(params string[] from) : Attribute
{
    /// <summary>The properties whose values fill it, in order.</summary>
    public string[] From { get; } = from;
}

/// <summary>
/// How the admin shows a method or property of a model, as Django's <c>@admin.display</c>: its column header, whether it is a flag
/// (the yes/no icon), which column sorts it, and what an empty value reads.
/// <code>
/// [AdminDisplay(Description = "Published recently?", Boolean = true, Ordering = "-" + nameof(Published))]
/// public bool WasPublishedRecently() => Published &gt;= DateTime.UtcNow.AddDays(-1);
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
public sealed class AdminDisplayAttribute : Attribute
{
    /// <summary>The column header and the read-only field's label (Django's <c>description</c>); wins over <c>[Display(Name = ...)]</c>.</summary>
    public string? Description { get; set; }

    /// <summary>Shown as the yes/no icon (Django's <c>boolean</c>).</summary>
    public bool Boolean { get; set; }

    /// <summary>
    /// The column of the model the change list sorts by when this header is clicked (Django's <c>ordering</c>); a leading <c>-</c>
    /// sorts it the other way. Without it, a method's column can't be sorted by.
    /// </summary>
    public string? Ordering { get; set; }

    /// <summary>What a null or empty value reads (Django's <c>empty_value</c>); "-" by default.</summary>
    public string? EmptyValue { get; set; }
}

/// <summary>
/// Describes an admin action, as Django's <c>@admin.action</c>: a static method of the model named in <c>[Admin(Actions = ...)]</c>
/// that takes the rows chosen in the change list (a <c>QuerySet</c> of the model, and optionally the <c>HttpContext</c> and a
/// <c>CancellationToken</c>) and returns nothing or the message to show (<c>string?</c>, or a task of one).
/// <code>
/// [AdminAction(Description = "Mark selected posts as published")]
/// public static async Task&lt;string&gt; Publish(QuerySet&lt;Post&gt; rows) =&gt; $"{await rows.UpdateAsync(p =&gt; p.Published.Set(true))} posts published.";
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AdminActionAttribute : Attribute
{
    /// <summary>The action's name in the change list's menu; the method's name made readable by default ("Publish").</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The model permission a user needs to run it and see it: <c>view</c>, <c>add</c>, <c>change</c> (the default) or <c>delete</c>.
    /// Django's default is none beyond seeing the list; Micro asks for the permission to change rows.
    /// </summary>
    public string? Permission { get; set; }
}

/// <summary>
/// Edits rows of another model on this model's change and add pages, as Django's <c>TabularInline</c> in <c>inlines</c>: the rows whose
/// foreign key points to the row shown, one line each with a "Delete?" box, and empty lines for new ones. The other model needs a
/// foreign key to this one; everything named is checked when the app is built.
/// <code>
/// [Model, Admin, AdminInline(typeof(Comment), Extra = 1)]
/// public class Post { ... }
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdminInlineAttribute(Type model) : Attribute
{
    /// <summary>The <c>[Model]</c> class whose rows are edited.</summary>
    public Type Model { get; } = model;

    /// <summary>Empty lines shown for new rows (Django's <c>extra</c>).</summary>
    public int Extra { get; set; } = 3;

    /// <summary>The most rows the page edits (Django's <c>max_num</c>).</summary>
    public int MaxNum { get; set; } = 1000;

    /// <summary>Rows can be deleted from the page, by users who may delete them (Django's <c>can_delete</c>).</summary>
    public bool CanDelete { get; set; } = true;

    /// <summary>The columns edited, in order; the default is every column but the key and the foreign key to this model.</summary>
    public string[]? Fields { get; set; }

    /// <summary>Columns left out.</summary>
    public string[]? Exclude { get; set; }

    /// <summary>Each row's fields one under another, with their labels, as Django's <c>StackedInline</c>; a table row per row when false.</summary>
    public bool Stacked { get; set; }

    /// <summary>The reference to this model, when the other model has more than one (Django's <c>fk_name</c>): its navigation or its column.</summary>
    public string? ForeignKey { get; set; }

    /// <summary>
    /// References of the inline's rows edited as the key of the row they point to, in a text box with the row's name beside it (Django's
    /// <c>raw_id_fields</c> on an inline). The key is checked against the table when the page is posted.
    /// </summary>
    public string[]? RawIdFields { get; set; }

    /// <summary>
    /// References of the inline's rows chosen by a search of the target's admin (Django's <c>autocomplete_fields</c> on an inline), in
    /// the rows the page shows and in those "Add another" adds. The target must be in the admin with <c>SearchFields</c>.
    /// </summary>
    public string[]? AutocompleteFields { get; set; }
}

/// <summary>
/// A section of the change page, as one entry of Django's <c>fieldsets</c>: a heading (none for an unnamed set), an optional description,
/// and the fields it shows, in order. Repeat it for each section; together they say which fields the page shows (so <c>Fields</c> goes),
/// and <c>ReadonlyFields</c> show only where a set names them. Every name is checked when the app is built.
/// <code>
/// [Model, Admin]
/// [AdminFieldset(Fields = new[] { nameof(Title), nameof(Body) })]
/// [AdminFieldset("Publishing", Fields = new[] { nameof(Status), nameof(Published) }, Collapse = true)]
/// public class Post { ... }
/// </code>
/// </summary>
/// <param name="name">The heading; null for a set without one.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AdminFieldsetAttribute(string? name = null) : Attribute
{
    /// <summary>The heading; null for a set without one.</summary>
    public string? Name { get; } = name;

    /// <summary>The properties shown, in order: columns the form edits, or names in <c>ReadonlyFields</c>.</summary>
    public string[]? Fields { get; set; }

    /// <summary>Text under the heading; shown as written, HTML included, as Django's <c>description</c>.</summary>
    public string? Description { get; set; }

    /// <summary>Folded under its heading until opened (Django's <c>collapse</c> class); open when a field in it has an error.</summary>
    public bool Collapse { get; set; }

    /// <summary>Wider labels (Django's <c>wide</c> class).</summary>
    public bool Wide { get; set; }
}
