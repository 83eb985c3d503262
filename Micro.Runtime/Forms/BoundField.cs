using System.Text.Encodings.Web;
using Micro.Templates;
using Microsoft.AspNetCore.Html;

namespace Micro.Forms;

/// <summary>
/// One field of one form instance, as Django's <c>BoundField</c>: what <c>{{ form.email }}</c> and
/// <c>{% for field in form %}</c> give. It renders as its widget, filled with the submitted text when the form is
/// bound (so a form shown again with its errors keeps what was typed) or with the property's value when it is not;
/// everything a user typed is escaped.
/// </summary>
public sealed class BoundField : ITemplateObject, IHtmlContent
{
    private readonly IForm _form;

    internal BoundField(IForm form, FormField field)
    {
        _form = form;
        Field = field;
    }

    public FormField Field { get; }

    /// <summary>The name the widget posts: the field's, after the form's prefix when it has one (<c>comment_set-0-text</c>).</summary>
    public string Name => State.HtmlName(Field);

    public string Label => Field.Label;

    public string? HelpText => Field.HelpText;

    /// <summary>The widget's id, <c>id_email</c>, which the label's <c>for</c> names.</summary>
    public string Id => "id_" + Name;

    public ErrorList Errors => State.Errors.For(Field);

    /// <summary>
    /// The text the widget shows: what was submitted when the form is bound, else the property's value formatted as
    /// the widget writes it (<c>2024-01-31</c> for a date); null when there is none. A password is never shown again.
    /// </summary>
    public string? Value => Field.Widget is WidgetKind.Password or WidgetKind.File ? null : State.IsBound ? State.Raw(Field) : FormValues.Format(Initial);

    /// <summary>For a checkbox: whether it is checked.</summary>
    public bool IsChecked => State.IsBound ? FormValues.IsChecked(State.Raw(Field)) : Initial is true;

    internal FormState State => _form.State;

    internal IForm Form => _form;

    /// <summary>The property's current value.</summary>
    internal object? Initial => State.Initial(_form, Field);

    /// <summary>The widget's HTML: <c>&lt;input type="email" name="email" required id="id_email"&gt;</c>.</summary>
    public string ToHtml() => FormHtml.Widget(this);

    /// <summary>Django's <c>label_tag</c>: <c>&lt;label for="id_email"&gt;Email:&lt;/label&gt;</c>.</summary>
    public string LabelTag() => FormHtml.LabelTag(this);

    public override string ToString() => ToHtml();

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(ToHtml());

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        switch (name)
        {
            case "name":
            case "html_name":
                value = Name;
                return true;
            case "label":
                value = Label;
                return true;
            case "label_tag":
                value = new SafeString(LabelTag());
                return true;
            case "id_for_label":
            case "auto_id":
                value = Id;
                return true;
            case "value":
                value = Field.Widget switch
                {
                    WidgetKind.Checkbox => TemplateAccessors.Box(IsChecked),
                    _ => Value,
                };
                return true;
            case "data":
                value = State.Raw(Field);
                return true;
            case "errors":
                value = Errors;
                return true;
            case "help_text":
                // The app's own text, not escaped: Django renders it with |safe.
                value = HelpText is null ? "" : new SafeString(HelpText);
                return true;
            case "css_classes":
                value = "";
                return true;
            case "is_hidden":
            case "use_fieldset":
                value = TemplateAccessors.Box(false);
                return true;
            case "widget_type":
                value = FormHtml.WidgetType(Field.Widget);
                return true;
            case "as_widget":
                value = new SafeString(ToHtml());
                return true;
            case "as_field_group":
                value = new SafeString(FormHtml.FieldGroup(this));
                return true;
            case "field":
                value = new FieldView(Field);
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>What <c>{{ field.field.required }}</c> and its siblings read: the field's definition.</summary>
    private sealed class FieldView(FormField field) : ITemplateObject
    {
        public bool TryGetMember(string name, out object? value)
        {
            value = name switch
            {
                "required" => TemplateAccessors.Box(field.IsRequired),
                "label" => field.Label,
                "help_text" => field.HelpText ?? "",
                "max_length" => field.MaxLength,
                "min_length" => field.MinLength,
                "choices" => field.Choices?.Select(static c => (object?)new KeyValueTuple(c.Value, c.Label)).ToList(),
                _ => null,
            };
            return value is not null || name is "max_length" or "min_length" or "choices";
        }
    }
}
