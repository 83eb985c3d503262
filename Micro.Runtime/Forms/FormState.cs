using System.ComponentModel;
using Micro.Templates;

namespace Micro.Forms;

/// <summary>
/// What a form instance holds beside its properties: whether it was bound to posted data, the text submitted for
/// each field (shown again when the form is rendered with its errors), the errors, and the options loaded for its
/// database-backed selects. The generated part of a form keeps one and answers <c>IsBound</c>, <c>IsValid</c> and
/// <c>Errors</c> from it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FormState
{
    /// <summary>The "Delete" box a formset adds to each form that can be deleted (Django's <c>DELETE</c> field), after the form's own fields.</summary>
    internal static readonly FormField DeleteField = new("DELETE", "DELETE", "Delete", WidgetKind.Checkbox) { Index = -1 };

    /// <summary>The order box a formset adds to each form when its forms can be ordered (Django's <c>ORDER</c> field).</summary>
    internal static readonly FormField OrderField = new("ORDER", "ORDER", "Order", WidgetKind.Number) { Index = -2 };

    private string?[]? _raw;
    private List<(FormField Field, object? Initial, string? Posted)>? _formSetFields;
    private BoundField[]? _boundFields;

    public FormState(FormInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        Errors = new FormErrors(info);
    }

    public FormInfo Info { get; }

    /// <summary>The form was made from posted data (Django's <c>is_bound</c>).</summary>
    public bool IsBound => _raw is not null;

    /// <summary>Bound, and without errors (Django's <c>is_valid()</c>).</summary>
    public bool IsValid => IsBound && Errors.IsEmpty;

    public FormErrors Errors { get; private set; }

    /// <summary>The form shows a row (a model form whose <c>Instance</c> was set): every value shows, defaults included.</summary>
    public bool HasInstance { get; set; }

    internal FormChoices? Choices { get; set; }

    /// <summary>
    /// Django's <c>prefix</c>: the fields are posted and shown as <c>{prefix}-{name}</c>, so several forms share one page (the forms
    /// of a formset, <c>comment_set-0-text</c>); null for none.
    /// </summary>
    internal string? Prefix { get; set; }

    /// <summary>
    /// Whether a required field's widget has the <c>required</c> attribute: not in a formset (Django's <c>use_required_attribute</c>
    /// is false there), whose empty extra forms must post as they are shown, which a browser would refuse with required fields empty.
    /// </summary>
    internal bool UseRequiredAttribute => Prefix is null;

    /// <summary>
    /// The key of the row the form shows in a formset of rows (a model form's <c>Instance</c>), posted back in a hidden <c>form-0-id</c>
    /// as Django's model formsets do, so the post is paired with the row it showed; null for none.
    /// </summary>
    internal string? Key { get; set; }

    /// <summary>The hidden input of <see cref="Key"/>: <c>&lt;input type="hidden" name="form-0-id" value="3" id="id_form-0-id"&gt;</c>.</summary>
    internal string KeyHtml()
    {
        var name = FormValues.Prefixed(Prefix, "id");
        var html = new System.Text.StringBuilder("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"");
        Html.AppendEscaped(html, Key ?? "");
        return html.Append("\" id=\"id_").Append(name).Append("\">").ToString();
    }

    /// <summary>
    /// Gives the form a field its formset adds after the form's own (<see cref="OrderField"/>, <see cref="DeleteField"/>): what it shows
    /// unbound, and what was posted for it (null when unbound or absent). Shown and posted as <c>form-0-DELETE</c>.
    /// </summary>
    internal void AddFormSetField(FormField field, object? initial, string? posted)
    {
        (_formSetFields ??= []).Add((field, initial, posted));
        _boundFields = null;
    }

    private (FormField Field, object? Initial, string? Posted)? FormSetField(FormField field) =>
        _formSetFields?.Find(f => ReferenceEquals(f.Field, field)) is { Field: not null } found ? found : null;

    internal void Bind(string?[] raw, FormErrors errors, FormChoices? choices, string? prefix, List<PendingFile>? uploads = null)
    {
        _raw = raw;
        Errors = errors;
        Choices = choices;
        Prefix = prefix;
        _uploads = uploads;
    }

    // ---- File columns ([FileField]) ----------------------------------------------------------------------------------

    private List<PendingFile>? _uploads;
    private Dictionary<FormField, string>? _current;
    private Dictionary<FormField, string>? _stored;
    private Dictionary<FormField, Files.ImageSize?>? _sizes;

    /// <summary>
    /// Where the form's uploads are stored when it is saved: the app's storage, given when Micro binds the form for a request (a route's
    /// form parameter, a formset, the admin). A form bound by hand is given one by its page.
    /// </summary>
    public Files.IFileStorage? Files { get; set; }

    /// <summary>
    /// A bound form's file column once its instance is known (the generated <c>Instance</c> setter): the upload's name when a file was
    /// sent, <c>""</c> when "Clear" was ticked, else the row's <paramref name="current"/> file, kept (a required field holding one
    /// is then no longer missing, as Django's <c>FileField.clean</c> with an initial value).
    /// </summary>
    public string? FileName(FormField field, string? posted, string? current)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!string.IsNullOrEmpty(current))
        {
            (_current ??= [])[field] = current;
        }

        if (_uploads?.Find(u => ReferenceEquals(u.Field, field)) is not { } pending)
        {
            // Bound with an error before the field (or unbound): nothing was decided for it.
            return string.IsNullOrEmpty(current) ? posted : current;
        }

        if (pending.File is not null)
        {
            return posted;
        }

        if (pending.Cleared)
        {
            return "";
        }

        if (pending.RequiredUntilKept && !string.IsNullOrEmpty(current))
        {
            Errors.Remove(field, FormReader.Required(field));
        }

        return current;
    }

    /// <summary>The name a file column's upload was stored under by the last save; null when none was (the property's value counts).</summary>
    public string? StoredName(FormField field) => _stored?.GetValueOrDefault(field);

    /// <summary>
    /// For an <c>[ImageField]</c> column with <c>WidthField</c> and <c>HeightField</c>, what the last save makes of them (Django's
    /// <c>update_dimension_fields</c>): true with the stored image's <paramref name="size"/> when one was stored, true with null when
    /// the column's <paramref name="name"/> is empty (cleared, or never set), false when the row keeps its file and so its size. A
    /// kept file whose size the row doesn't hold yet (<paramref name="sizeKnown"/> false: a row saved before the columns were added)
    /// has it read from the storage, as Django reads it when such a row is loaded.
    /// </summary>
    public bool ImageSizeChanged(FormField field, string? name, bool sizeKnown, out Files.ImageSize? size)
    {
        ArgumentNullException.ThrowIfNull(field);
        size = null;
        if (_stored?.ContainsKey(field) == true)
        {
            size = _sizes?.GetValueOrDefault(field);
            return true;
        }

        if (string.IsNullOrEmpty(name))
        {
            return true;
        }

        if (sizeKnown || Files is not { } storage)
        {
            return false;
        }

        try
        {
            using var content = storage.OpenRead(name);
            size = Micro.Files.ImageFormats.SizeOf(content);
            return size is not null;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            // The file is gone, or its name isn't one the storage holds: the size stays unknown.
            return false;
        }
    }

    /// <summary>The file a file column's widget shows as "Currently": the row's, when the form shows one.</summary>
    internal string? CurrentFile(IForm form, FormField field) =>
        IsBound ? _current?.GetValueOrDefault(field) : FormValues.Format(Info.GetValue(form, field)) is { Length: > 0 } name ? name : null;

    /// <summary>Stores each file uploaded to a file column (<see cref="StoredName"/> gives the names), before the row is saved.</summary>
    /// <exception cref="InvalidOperationException">Files were uploaded but the form has no <see cref="Files"/> storage.</exception>
    internal async ValueTask StoreFilesAsync(bool async, CancellationToken cancellationToken)
    {
        if (_uploads is null)
        {
            return;
        }

        foreach (var pending in _uploads)
        {
            if (pending.File is not { } file)
            {
                continue;
            }

            var storage = Files ?? throw new InvalidOperationException(
                $"{Info.Name} has a file to store for '{pending.Field.Name}' but no storage: bind it through Micro (a route's form parameter), or set ((IForm)form).State.Files.");
            var name = Micro.Files.UploadNames.Generate(pending.Field.UploadTo ?? "", file.FileName, DateTime.UtcNow);
            if (pending.Field.IsImage)
            {
                (_sizes ??= [])[pending.Field] = Micro.Files.ImageFormats.SizeOf(file);
            }

            await using var content = file.OpenReadStream();

            var task = storage.SaveAsync(name, content, pending.Field.MaxLength, cancellationToken);
            (_stored ??= [])[pending.Field] = async ? await task : task.GetAwaiter().GetResult();
        }
    }

    /// <summary>Deletes the files <see cref="StoreFilesAsync"/> stored, when the row couldn't be saved: no file is left that no row names.</summary>
    internal void DeleteStoredFiles()
    {
        if (_stored is null || Files is not { } storage)
        {
            return;
        }

        foreach (var name in _stored.Values)
        {
            storage.Delete(name);
        }

        _stored = null;
        _sizes = null;
    }

    /// <summary>
    /// An extra form of a formset posted as it was shown (Django's <c>empty_permitted</c> form that hasn't changed): valid, without the
    /// errors its required fields found.
    /// </summary>
    internal void PermitEmpty() => Errors = new FormErrors(Info, Prefix);

    /// <summary>The name a field is posted under: its name, after the prefix when there is one.</summary>
    internal string HtmlName(FormField field) => FormValues.Prefixed(Prefix, field.Name);

    /// <summary>
    /// Whether what was posted differs from what <paramref name="blank"/> (a new form of the same type) shows, as Django's
    /// <c>has_changed()</c>: an extra form of a formset left as it was shown is skipped, neither checked nor saved. A field
    /// whose initial value is its type's default (shown empty, or as a select's first option) is unchanged when posted either way.
    /// </summary>
    internal bool HasChanged(IForm blank)
    {
        // A file sent to a file column changes the form, whatever its text says.
        if (_uploads?.Exists(static u => u.File is not null) == true)
        {
            return true;
        }

        // Django's has_changed() counts the formset's own fields: a checked "Delete" box, an order typed or changed.
        foreach (var (field, initial, posted) in _formSetFields ?? [])
        {
            if (field.Widget == WidgetKind.Checkbox ? FormValues.IsChecked(posted) : (posted?.Trim() ?? "") != (FormValues.Format(initial) ?? ""))
            {
                return true;
            }
        }

        foreach (var field in Info.Fields)
        {
            var raw = Raw(field);
            if (field.Widget == WidgetKind.Checkbox)
            {
                if (FormValues.IsChecked(raw) != Info.GetValue(blank, field) is true)
                {
                    return true;
                }

                continue;
            }

            var text = (field.Strip ? raw?.Trim() : raw) ?? "";
            var shown = FormValues.Format(Info.GetValue(blank, field)) ?? "";
            if (text == shown)
            {
                continue;
            }

            // A default value (0, a date's default, an enum's first member) shows as an empty field, or a select's first option.
            var wasShown = blank.State.HasInstance;
            blank.State.HasInstance = true;
            var initial = FormValues.Format(Info.GetValue(blank, field)) ?? "";
            blank.State.HasInstance = wasShown;
            if (shown.Length == 0 && (text.Length == 0 || text == initial))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>The text submitted for <paramref name="field"/> (null when it was absent); null when the form is unbound.</summary>
    internal string? Raw(FormField field) => _raw is null ? null : field.Index < 0 ? FormSetField(field)?.Posted : _raw[field.Index];

    /// <summary>The value a field's widget shows when the form is unbound: its property's, or the formset's for its own fields.</summary>
    internal object? Initial(IForm form, FormField field) => field.Index < 0 ? FormSetField(field)?.Initial : Info.GetValue(form, field);

    /// <summary>The options of a select: its fixed choices, or those loaded from the database.</summary>
    internal IReadOnlyList<FormChoice> ChoicesOf(FormField field) => field.Choices ?? Choices?.Get(field) ?? [];

    internal IReadOnlyList<BoundField> BoundFields(IForm form)
    {
        if (_boundFields is null)
        {
            var count = Info.Fields.Count;
            var fields = new BoundField[count + (_formSetFields?.Count ?? 0)];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = new BoundField(form, i < count ? Info.Fields[i] : _formSetFields![i - count].Field);
            }

            _boundFields = fields;
        }

        return _boundFields;
    }

    internal string Render(IForm form, FormLayout layout) => FormHtml.Form(form, this, layout);

    /// <summary>
    /// A template lookup on the form: a field first (as Django looks up <c>form["email"]</c> before attributes), then
    /// the form's own members.
    /// </summary>
    internal bool TryGetMember(IForm form, string name, out object? value)
    {
        if (Info.Find(name) is { } field)
        {
            value = BoundFields(form)[field.Index];
            return true;
        }

        if (Key is not null && name == "id")
        {
            value = new SafeString(KeyHtml());
            return true;
        }

        if (_formSetFields?.FindIndex(f => f.Field.Name == name) is >= 0 and var index)
        {
            value = BoundFields(form)[Info.Fields.Count + index];
            return true;
        }

        value = name switch
        {
            "as_div" => new SafeString(Render(form, FormLayout.Div)),
            "as_p" => new SafeString(Render(form, FormLayout.P)),
            "as_table" => new SafeString(Render(form, FormLayout.Table)),
            "as_ul" => new SafeString(Render(form, FormLayout.Ul)),
            "errors" => Errors,
            "non_field_errors" => Errors.NonField,
            "is_bound" => TemplateAccessors.Box(IsBound),
            "is_valid" => TemplateAccessors.Box(IsValid),
            "visible_fields" => BoundFields(form).Cast<object?>().ToList(),
            "hidden_fields" => new List<object?>(),
            "is_multipart" => TemplateAccessors.Box(Info.Fields.Any(static f => f.Widget == WidgetKind.File)),
            _ => null,
        };
        return value is not null;
    }
}
