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
    private string?[]? _raw;
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

    internal void Bind(string?[] raw, FormErrors errors, FormChoices? choices, string? prefix)
    {
        _raw = raw;
        Errors = errors;
        Choices = choices;
        Prefix = prefix;
    }

    /// <summary>The name a field is posted under: its name, after the prefix when there is one.</summary>
    internal string HtmlName(FormField field) => FormValues.Prefixed(Prefix, field.Name);

    /// <summary>
    /// Whether what was posted differs from what <paramref name="blank"/> (a new form of the same type) shows, as Django's
    /// <c>has_changed()</c>: an extra form of a formset left as it was shown is skipped, neither checked nor saved. A field
    /// whose initial value is its type's default (shown empty, or as a select's first option) is unchanged when posted either way.
    /// </summary>
    internal bool HasChanged(IForm blank)
    {
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
    internal string? Raw(FormField field) => _raw?[field.Index];

    /// <summary>The options of a select: its fixed choices, or those loaded from the database.</summary>
    internal IReadOnlyList<FormChoice> ChoicesOf(FormField field) => field.Choices ?? Choices?.Get(field) ?? [];

    internal IReadOnlyList<BoundField> BoundFields(IForm form)
    {
        if (_boundFields is null)
        {
            var fields = new BoundField[Info.Fields.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = new BoundField(form, Info.Fields[i]);
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
            "is_multipart" => TemplateAccessors.Box(false),
            _ => null,
        };
        return value is not null;
    }
}
