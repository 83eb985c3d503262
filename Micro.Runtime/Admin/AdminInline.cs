using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Micro.Auth;
using Micro.Data;
using Micro.Forms;
using Microsoft.AspNetCore.Http;

namespace Micro.Admin;

/// <summary>
/// Rows of another model edited on a row's change and add pages, as Django's <c>TabularInline</c>: the rows whose foreign key points
/// to the row, one form each (with a "Delete?" box), and <see cref="Extra"/> empty forms for new ones. Generated from
/// <c>[AdminInline(typeof(Comment))]</c> on the row's model.
/// </summary>
/// <typeparam name="TParent">The model of the page.</typeparam>
public abstract class AdminInline<TParent>
    where TParent : class
{
    private protected AdminInline(ModelInfo model, string verboseName, string verboseNamePlural)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        VerboseName = verboseName;
        VerboseNamePlural = verboseNamePlural;
    }

    /// <summary>The inline's model.</summary>
    public ModelInfo Model { get; }

    /// <summary>The model's name in permissions: <c>comment</c>.</summary>
    public string ModelName => Model.Name.ToLowerInvariant();

    public string VerboseName { get; }

    public string VerboseNamePlural { get; }

    /// <summary>Empty forms shown for new rows (Django's <c>extra</c>).</summary>
    public int Extra { get; init; } = 3;

    /// <summary>The most rows the page edits (Django's <c>max_num</c>): no empty forms beyond it, and a post with more is refused.</summary>
    public int MaxNum { get; init; } = FormValues.DefaultMaxForms;

    /// <summary>Rows can be deleted from the page (Django's <c>can_delete</c>), by users who may delete them.</summary>
    public bool CanDelete { get; init; } = true;

    /// <summary>Each row's fields one under another, with their labels (Django's <c>StackedInline</c>); a table row each when false.</summary>
    public bool Stacked { get; init; }

    /// <summary>What the forms' fields are posted under: <c>comment_set-0-text</c>, as Django's default prefix.</summary>
    public string Prefix => ModelName + "_set";

    /// <summary>The rows' references edited as keys (Django's inline <c>raw_id_fields</c>), each named beside its box.</summary>
    public IReadOnlyList<AdminReference> RawIdFields { get; init; } = [];

    /// <summary>
    /// The rows' references chosen by a search (Django's inline <c>autocomplete_fields</c>): each select holds the row chosen, and the
    /// admin's script fills it from <c>admin/autocomplete/</c>, naming the inline's model as the source.
    /// </summary>
    public IReadOnlyList<AdminReference> AutocompleteFields { get; init; } = [];

    /// <summary>The rows' fields filled from others as they are typed (the inline model's <c>[AdminPrepopulated]</c>), new rows' too.</summary>
    public IReadOnlyList<AdminPrepopulated> PrepopulatedFields { get; init; } = [];

    /// <summary>
    /// The inline on one page: the rows of <paramref name="parentKey"/> (none on the add page) as forms, bound to <paramref name="posted"/>
    /// when the page was posted. Rows are changed, added and deleted only as <paramref name="permissions"/> (the inline model's) allow.
    /// </summary>
    /// <paramref name="asNew"/> reads a "Save as new" post: every form posted is a new row, copied from the one it showed.
    internal abstract Task<AdminFormSet<TParent>> ReadAsync(
        Database db, IServiceProvider services, object? parentKey, IFormCollection? posted, bool asNew, AdminPermissions permissions, CancellationToken cancellationToken);
}

/// <summary>What generated code writes per <c>[AdminInline]</c>: the inline's model, its foreign key to the page's model, and its form.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AdminInline<TParent, TChild, TForm> : AdminInline<TParent>
    where TParent : class
    where TChild : class, new()
    where TForm : class, IForm<TForm>
{
    private readonly ModelInfo<TChild> _model;
    private readonly ColumnInfo _foreignKey;
    private readonly Action<TChild, TParent> _link;
    private readonly Action<TForm, TChild> _setInstance;
    private readonly Func<TForm, Database, CancellationToken, Task<TChild?>> _saveAsync;
    private readonly Func<TChild, string> _display;

    /// <summary>
    /// Adds an error to each field of a bound form whose key names no row of its target: the references of
    /// <see cref="AdminInline{TParent}.RawIdFields"/> and <see cref="AdminInline{TParent}.AutocompleteFields"/> load no options to check against.
    /// </summary>
    public Func<TForm, Database, CancellationToken, Task>? CheckReferencesAsync { get; init; }

    /// <param name="model">The inline's model.</param>
    /// <param name="foreignKey">Its column that points to the page's row.</param>
    /// <param name="verboseName">"comment", as the admin names the model.</param>
    /// <param name="verboseNamePlural">"comments".</param>
    /// <param name="link">Sets a new row's foreign key to the page's row.</param>
    /// <param name="setInstance">Sets the form's <c>Instance</c>.</param>
    /// <param name="saveAsync">The form's <c>SaveAsync</c>.</param>
    /// <param name="display">How a row is named on the page and in the history.</param>
    public AdminInline(
        ModelInfo<TChild> model,
        ColumnInfo foreignKey,
        string verboseName,
        string verboseNamePlural,
        Action<TChild, TParent> link,
        Action<TForm, TChild> setInstance,
        Func<TForm, Database, CancellationToken, Task<TChild?>> saveAsync,
        Func<TChild, string> display)
        : base(model, verboseName, verboseNamePlural)
    {
        _model = model;
        _foreignKey = foreignKey;
        _link = link;
        _setInstance = setInstance;
        _saveAsync = saveAsync;
        _display = display;
    }

    internal override async Task<AdminFormSet<TParent>> ReadAsync(
        Database db, IServiceProvider services, object? parentKey, IFormCollection? posted, bool asNew, AdminPermissions permissions, CancellationToken cancellationToken)
    {
        var set = await ReadFormsAsync(db, services, parentKey, posted, asNew, permissions, cancellationToken);
        if (CheckReferencesAsync is { } check)
        {
            foreach (var form in set.Forms.Where(static f => f.Active && !f.Deleted && f.Form.State.IsBound))
            {
                await check(form.Form, db, cancellationToken);
            }
        }

        if (TForm.Info.HasFileColumns)
        {
            // The rows' file columns store their uploads, and link their files, through the app's storage.
            foreach (var form in set.Forms)
            {
                FormBinding.WithStorage(form.Form, services);
            }
        }

        return set;
    }

    private async Task<FormSet> ReadFormsAsync(
        Database db, IServiceProvider services, object? parentKey, IFormCollection? posted, bool asNew, AdminPermissions permissions, CancellationToken cancellationToken)
    {
        var info = TForm.Info;
        var rows = parentKey is null
            ? []
            : await new QuerySet<TChild>(db, _model).Where(new ComparisonCondition<TChild>(_foreignKey, "=", parentKey))
                .OrderByColumn(_model.Key, descending: false).ToListAsync(cancellationToken);
        var choices = await info.LoadChoicesAsync(services, cancellationToken);
        var set = new FormSet(this, rows.Count, permissions, choices);
        if (posted is null || (!posted.ContainsKey(Prefix + "-TOTAL_FORMS") && !posted.ContainsKey(Prefix + "-INITIAL_FORMS")))
        {
            // The page, or a post without the inline at all (a client that edits only the row's fields): its rows are left as they are.
            ShowSaved(set, rows, info, choices);
            return set;
        }

        if (!FormValues.TryReadFormCount(posted, Prefix, out var total, out _, out var tampered))
        {
            // As Django's formsets: the hidden counts are missing or not numbers, so which forms were sent can't be known.
            set.NonFormErrors.Add(tampered);
            ShowSaved(set, rows, info, choices);
            return set;
        }

        if (total > MaxNum + FormValues.DefaultMaxForms)
        {
            set.NonFormErrors.Add(FormValues.AtMost(MaxNum));
            ShowSaved(set, rows, info, choices);
            return set;
        }

        var byKey = rows.ToDictionary(row => AdminSite.FormatValue(_model.GetKey(row)), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < total; i++)
        {
            var prefix = FormPrefix(i);
            var id = FormValues.Last(posted, prefix + "-id")?.Trim();
            if (asNew && !string.IsNullOrEmpty(id) && FormValues.IsChecked(FormValues.Last(posted, prefix + "-DELETE")))
            {
                continue; // Django's save_as_new: a row marked for deletion isn't copied.
            }

            if (!asNew && !string.IsNullOrEmpty(id))
            {
                if (!byKey.TryGetValue(id, out var row) || !seen.Add(id))
                {
                    // A key that isn't one of this row's (another row's, or one sent twice): Django's error on the hidden id field.
                    var refused = info.Bind(posted, choices, prefix);
                    refused.State.Errors.Add("(Hidden field id) Select a valid choice. That choice is not one of the available choices.");
                    set.Forms.Add(new InlineForm(refused, null, "", Deleted: false, Active: true));
                    continue;
                }

                var deleted = CanDelete && permissions.Delete && FormValues.IsChecked(FormValues.Last(posted, prefix + "-DELETE"));
                var form = permissions.Change && !deleted ? info.Bind(posted, choices, prefix) : info.CreateUnbound(choices, prefix);
                set.Forms.Add(Existing(row, form, deleted));
                continue;
            }

            if (!permissions.Add)
            {
                continue; // Never offered to this user: nothing to add.
            }

            var added = info.Bind(posted, choices, prefix);
            var blank = info.CreateUnbound(choices, prefix);
            set.Forms.Add(added.State.HasChanged(blank)
                ? new InlineForm(added, null, "", Deleted: false, Active: true)
                : new InlineForm(blank, null, "", Deleted: false, Active: false));
        }

        // As the add button Django's script hides at max_num: rows beyond it can't be added (the saved ones can always be edited).
        var adding = set.Forms.Count(static f => f.Row is null && f.Active);
        if (adding > 0 && set.Forms.Count(static f => f.Row is not null && !f.Deleted) + adding > MaxNum)
        {
            set.NonFormErrors.Add(FormValues.AtMost(MaxNum));
        }

        return set;

    }

    /// <summary>A saved row's form: showing the row when unbound, holding what was posted for it when bound (then it is saved).</summary>
    private InlineForm Existing(TChild row, TForm form, bool deleted)
    {
        _setInstance(form, row);
        return new InlineForm(form, row, AdminSite.FormatValue(_model.GetKey(row)), deleted, Active: form.State.IsBound);
    }

    private string FormPrefix(int index) => FormValues.Prefixed(Prefix, index.ToString(CultureInfo.InvariantCulture));

    private void AddEmptyForms(FormSet set, FormInfo<TForm> info, FormChoices? choices)
    {
        if (!set.Permissions.Add)
        {
            return;
        }

        var count = Math.Max(0, Math.Min(Extra, MaxNum - set.Forms.Count));
        for (var i = 0; i < count; i++)
        {
            set.Forms.Add(new InlineForm(info.CreateUnbound(choices, FormPrefix(set.Forms.Count)), null, "", Deleted: false, Active: false));
        }
    }

    /// <summary>The saved rows as they are, and the empty forms: the page, and what a post that couldn't be read shows again.</summary>
    private void ShowSaved(FormSet set, List<TChild> rows, FormInfo<TForm> info, FormChoices? choices)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            set.Forms.Add(Existing(rows[i], info.CreateUnbound(choices, FormPrefix(i)), deleted: false));
        }

        AddEmptyForms(set, info, choices);
    }


    /// <summary>One form of the inline: a saved row's or a new one's; inactive when it is left out of the save.</summary>
    private sealed record InlineForm(TForm Form, TChild? Row, string Key, bool Deleted, bool Active);

    private sealed class FormSet(AdminInline<TParent, TChild, TForm> inline, int initial, AdminPermissions permissions, FormChoices? choices) : AdminFormSet<TParent>
    {
        public List<InlineForm> Forms { get; } = [];

        public List<string> NonFormErrors { get; } = [];

        public AdminPermissions Permissions => permissions;

        public override bool IsValid => NonFormErrors.Count == 0 && Forms.All(static f => !f.Active || f.Deleted || f.Form.State.IsValid);

        public override bool HasFileColumns => TForm.Info.HasFileColumns;

        public override int ErrorCount => NonFormErrors.Count + Forms.Count(static f => f.Active && !f.Deleted && !f.Form.State.IsValid);

        public override AdminInline<TParent> Inline => inline;

        public override IEnumerable<IForm> EditableForms =>
            Forms.Where(f => f.Row is null || permissions.Change).Select(static f => (IForm)f.Form).Concat(Empty is { } empty ? [empty.Form] : []);

        /// <summary>Django's empty form, which the admin's script copies for "Add another" (prefix <c>comment_set-__prefix__</c>); null when no row may be added.</summary>
        private InlineForm? Empty => permissions.Add && Forms.Count < inline.MaxNum
            ? _empty ??= new InlineForm(TForm.Info.CreateUnbound(choices, FormValues.Prefixed(inline.Prefix, "__prefix__")), null, "", Deleted: false, Active: false)
            : null;

        private InlineForm? _empty;

        public override async Task<bool> SaveAsync(Database db, TParent parent, List<string> changes, CancellationToken cancellationToken)
        {
            // Django's order: the saved rows are deleted and changed first, then the new ones added; the history lists additions first.
            var rows = new QuerySet<TChild>(db, inline._model);
            var added = new List<string>();
            var changed = new List<string>();
            var deleted = new List<string>();
            foreach (var form in Forms.Where(static f => f.Row is not null && (f.Deleted || f.Active)))
            {
                var row = form.Row!;
                if (form.Deleted)
                {
                    deleted.Add(Message("deleted", inline.VerboseName, inline._display(row), null));
                    await rows.DeleteAsync(row, cancellationToken);
                    continue;
                }

                var fields = AdminChanges.ChangedLabels(form.Form, inline._model, row);
                if (fields.Count == 0)
                {
                    continue; // As Django's formsets: an unchanged row isn't saved.
                }

                if (await inline._saveAsync(form.Form, db, cancellationToken) is null)
                {
                    return false;
                }

                changed.Add(Message("changed", inline.VerboseName, inline._display(row), fields));
            }

            foreach (var form in Forms.Where(static f => f.Row is null && f.Active))
            {
                var child = new TChild();
                inline._link(child, parent);
                inline._setInstance(form.Form, child);
                if (await inline._saveAsync(form.Form, db, cancellationToken) is not { } saved)
                {
                    return false;
                }

                added.Add(Message("added", inline.VerboseName, inline._display(saved), null));
            }

            changes.AddRange(added);
            changes.AddRange(changed);
            changes.AddRange(deleted);
            return true;
        }

        /// <summary>One entry of Django's change message, written as Django's <c>json.dumps</c> writes it: <c>{"added": {"name": "comment", "object": "Nice"}}</c>.</summary>
        private static string Message(string kind, string name, string shown, List<string>? fields)
        {
            var fieldList = fields is null ? "" : "\"fields\": [" + string.Join(", ", fields.Select(Quoted)) + "], ";
            return $"{{\"{kind}\": {{{fieldList}\"name\": {Quoted(name)}, \"object\": {Quoted(shown.Length > 200 ? shown[..200] : shown)}}}}}";

            static string Quoted(string text) => "\"" + JsonEncodedText.Encode(text) + "\"";
        }

        /// <summary>A field's value on a read-only line, as the admin shows values.</summary>
        private static string Shown(BoundField field) => field.Value is { } value ? AdminSite.FormatValue(value) : "-";

        /// <summary>
        /// One line of the inline as its template reads it; <paramref name="index"/> and <paramref name="number"/> are <c>__prefix__</c> and
        /// <c>__num__</c> for the empty form. An editable line has its references' widgets: the names of the rows raw id boxes point to, and
        /// autocomplete search boxes (whose selects then hold only the row chosen).
        /// </summary>
        private async Task<Dictionary<string, object?>> RowAsync(InlineForm f, string index, string number, bool editable, AdminSite site, HttpContext context, CurrentUser user)
        {
            var line = Row(f, index, number, editable);
            var widgets = line["editable"] is true;
            line["raw_ids"] = widgets ? await AdminReferenceWidgets.RawIdsAsync(site, context, user, inline.RawIdFields, f.Form) : null;
            line["autocompletes"] = widgets
                ? await AdminReferenceWidgets.AutocompletesAsync(site, context, user, inline.AutocompleteFields, f.Form, site.AppLabel, inline.ModelName)
                : null;
            return line;
        }

        private Dictionary<string, object?> Row(InlineForm f, string index, string number, bool editable) => new(StringComparer.Ordinal)
        {
            ["prefix"] = FormValues.Prefixed(inline.Prefix, index),
            ["form"] = f.Form,
            ["id"] = f.Key,
            ["original"] = f.Row is null ? "" : $"{AdminSite.Capitalize(inline.VerboseName)}: {inline._display(f.Row)}",
            ["deleted"] = f.Deleted,
            ["errors"] = f.Active && !f.Deleted ? f.Form.State.Errors.NonField : null,
            ["editable"] = editable && (f.Row is null || permissions.Change),
            ["label"] = f.Row is null ? "" : inline._display(f.Row),
            ["values"] = f.Form.Select(static field => (object?)Shown(field)).ToList(),
            ["readonly"] = f.Form.Select(static field => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["label"] = field.Label,
                ["value"] = Shown(field),
            }).ToList(),
            ["number"] = number,
        };

        public override async Task<Dictionary<string, object?>> ToTemplateAsync(bool editable, AdminSite site, HttpContext context, CurrentUser user)
        {
            var fields = TForm.Info.Fields;
            var canDelete = editable && inline.CanDelete && permissions.Delete;
            var shown = editable ? Forms : Forms.Where(static f => f.Row is not null).ToList();
            var rows = new List<object?>();
            for (var i = 0; i < shown.Count; i++)
            {
                rows.Add(await RowAsync(shown[i], i.ToString(CultureInfo.InvariantCulture), (i + 1).ToString(CultureInfo.InvariantCulture), editable, site, context, user));
            }

            var empty = editable && Empty is { } emptyForm ? await RowAsync(emptyForm, "__prefix__", "__num__", editable, site, context, user) : null;
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["prefix"] = inline.Prefix,
                ["stacked"] = inline.Stacked,
                ["title"] = AdminSite.Capitalize(inline.VerboseNamePlural),
                ["verbose_name"] = inline.VerboseName,
                ["management_form"] = new SafeString(FormValues.ManagementForm(inline.Prefix, shown.Count, initial, 0, inline.MaxNum)),
                ["editable"] = editable,
                ["can_delete"] = canDelete,
                ["non_form_errors"] = NonFormErrors.Cast<object?>().ToList(),
                ["headers"] = fields.Select(static f => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["label"] = f.Label,
                    ["name"] = f.Name,
                    ["required"] = f.IsRequired,
                }).ToList(),
                ["rows"] = rows,
                ["empty"] = empty,
            };
        }
    }
}

/// <summary>An inline on one page: its forms, bound or not, what was wrong with the post, and how the page shows it.</summary>
internal abstract class AdminFormSet<TParent>
    where TParent : class
{
    /// <summary>No form the save would use has an error, and the post could be read.</summary>
    public abstract bool IsValid { get; }

    /// <summary>The inline's rows have file columns: the page posts multipart.</summary>
    public abstract bool HasFileColumns { get; }

    public abstract int ErrorCount { get; }

    /// <summary>
    /// Deletes, changes and adds the rows, in that order of the forms, pointing new ones to <paramref name="parent"/>; each as Django's
    /// change message (<c>{"added": {"name": "comment", "object": "Nice"}}</c>) in <paramref name="changes"/>. False when a row's save
    /// found an error (a taken unique value), which is on its form; the caller's transaction then undoes the rest.
    /// </summary>
    public abstract Task<bool> SaveAsync(Database db, TParent parent, List<string> changes, CancellationToken cancellationToken);

    /// <summary>The inline whose rows these are.</summary>
    public abstract AdminInline<TParent> Inline { get; }

    /// <summary>The forms the page shows as inputs: the rows the user may change, the new ones, and the empty form "Add another" copies.</summary>
    public abstract IEnumerable<IForm> EditableForms { get; }

    /// <summary>What the change form's template reads; <paramref name="editable"/> false shows the saved rows as text.</summary>
    public abstract Task<Dictionary<string, object?>> ToTemplateAsync(bool editable, AdminSite site, HttpContext context, CurrentUser user);
}
