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

    internal void Bind(string?[] raw, FormErrors errors, FormChoices? choices)
    {
        _raw = raw;
        Errors = errors;
        Choices = choices;
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
