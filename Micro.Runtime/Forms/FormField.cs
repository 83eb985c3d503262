using System.ComponentModel;

namespace Micro.Forms;

/// <summary>How a field is shown: Django's widgets, with HTML5 input types.</summary>
public enum WidgetKind
{
    /// <summary><c>&lt;input type="text"&gt;</c>: text, and values read with a <c>TryParse</c> method (Guid, TimeSpan...).</summary>
    Text,

    /// <summary><c>&lt;input type="email"&gt;</c>.</summary>
    Email,

    /// <summary><c>&lt;input type="url"&gt;</c>.</summary>
    Url,

    /// <summary><c>&lt;input type="password"&gt;</c>, never filled in again, as Django's <c>PasswordInput</c>.</summary>
    Password,

    /// <summary><c>&lt;input type="number"&gt;</c>.</summary>
    Number,

    /// <summary><c>&lt;input type="date"&gt;</c> (Django's <c>DateInput</c> is a text input).</summary>
    Date,

    /// <summary><c>&lt;input type="datetime-local"&gt;</c>.</summary>
    DateTimeLocal,

    /// <summary><c>&lt;input type="time"&gt;</c>.</summary>
    Time,

    /// <summary><c>&lt;textarea&gt;</c>.</summary>
    Textarea,

    /// <summary><c>&lt;input type="checkbox"&gt;</c>: a bool, false when left unchecked.</summary>
    Checkbox,

    /// <summary><c>&lt;select&gt;</c> of the field's choices: an enum, <c>[AllowedValues]</c>, or the rows a reference can point to.</summary>
    Select,

    /// <summary>A <c>&lt;select&gt;</c> of Unknown, Yes and No: a <c>bool?</c>, as Django's <c>NullBooleanSelect</c>.</summary>
    NullBooleanSelect,

    /// <summary><c>&lt;input type="file"&gt;</c>: an uploaded file (<c>IFormFile</c>), never shown again, as Django's <c>ClearableFileInput</c> without a saved file.</summary>
    File,
}

/// <summary>One option of a select: the value posted and the text shown.</summary>
public sealed record FormChoice(string Value, string Label);

/// <summary>
/// One field of a form type, as the generator found it: its names, label, widget and the HTML attributes its
/// annotations give it (<c>required</c>, <c>maxlength</c>, <c>min</c>...). Shared by every instance of the form;
/// a form's <see cref="BoundField"/> pairs it with that instance's value and errors.
/// </summary>
public sealed class FormField
{
    /// <param name="property">The C# property.</param>
    /// <param name="name">The name in the posted form and in templates: the property in snake_case.</param>
    /// <param name="label">The label: <c>[Display(Name = ...)]</c>, or the name made readable (<c>cc_myself</c> is "Cc myself").</param>
    /// <param name="widget">How the field is shown.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public FormField(string property, string name, string label, WidgetKind widget)
    {
        Property = property;
        Name = name;
        Label = label;
        Widget = widget;
    }

    /// <summary>The C# property name: <c>CcMyself</c>.</summary>
    public string Property { get; }

    /// <summary>The field's name in the posted form and in templates: <c>cc_myself</c>.</summary>
    public string Name { get; }

    public string Label { get; }

    public WidgetKind Widget { get; }

    /// <summary>An empty value is an error ("This field is required."), and the widget has the <c>required</c> attribute.</summary>
    public bool IsRequired { get; init; }

    /// <summary>The <c>ErrorMessage</c> of <c>[Required]</c>, instead of Django's "This field is required."</summary>
    public string? RequiredMessage { get; init; }

    /// <summary>Surrounding whitespace is removed from the posted text, as Django's <c>CharField(strip=True)</c>; not for passwords.</summary>
    public bool Strip { get; init; } = true;

    public int? MaxLength { get; init; }

    public int? MinLength { get; init; }

    /// <summary>The <c>min</c> attribute, as written into the HTML.</summary>
    public string? Min { get; init; }

    /// <summary>The <c>max</c> attribute, as written into the HTML.</summary>
    public string? Max { get; init; }

    /// <summary>The <c>step</c> attribute: <c>any</c> for decimals and floating-point numbers.</summary>
    public string? Step { get; init; }

    /// <summary>The <c>placeholder</c> attribute, from <c>[Display(Prompt = ...)]</c>.</summary>
    public string? Placeholder { get; init; }

    /// <summary>
    /// From <c>[Display(Description = ...)]</c>: shown beside the field. Like Django's <c>help_text</c> it is the app's
    /// own text and is not escaped, so it may hold HTML.
    /// </summary>
    public string? HelpText { get; init; }

    /// <summary>The options of a select whose options are known when the app is built (enum members, <c>[AllowedValues]</c>); null otherwise.</summary>
    public IReadOnlyList<FormChoice>? Choices { get; init; }

    /// <summary>The options come from the database when a form is bound: the rows a model form's reference can point to.</summary>
    public bool HasDatabaseChoices { get; init; }

    /// <summary>The select starts with an empty option, "---------", as Django's for a choice that may be left empty.</summary>
    public bool HasEmptyChoice { get; init; }

    /// <summary>
    /// For a model's <c>[FileField]</c> column: the folder its uploads are stored in (<c>UploadTo</c>); null for every other field. The
    /// field is a file input with Django's "Currently", "Clear" and "Change", and its property holds the stored file's name.
    /// </summary>
    public string? UploadTo { get; init; }

    /// <summary>An image upload (<c>[ImageField]</c>): the input has <c>accept="image/*"</c>, and the reader checks the file is one.</summary>
    public bool IsImage { get; init; }

    /// <summary>The position of the field in its form.</summary>
    public int Index { get; internal set; }

    public override string ToString() => Name;
}

/// <summary>The options of fields whose options come from the database, loaded for one form instance.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FormChoices
{
    private readonly Dictionary<FormField, IReadOnlyList<FormChoice>> _choices = [];

    public void Set(FormField field, IReadOnlyList<FormChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(choices);
        _choices[field] = choices;
    }

    /// <summary>The loaded options of <paramref name="field"/>, or null when none were loaded.</summary>
    public IReadOnlyList<FormChoice>? Get(FormField field) => _choices.GetValueOrDefault(field);

    /// <summary>A copy, for one form of several that were given these (an inline's rows): setting its options leaves the others' alone.</summary>
    internal FormChoices Copy()
    {
        var copy = new FormChoices();
        foreach (var (field, choices) in _choices)
        {
            copy._choices[field] = choices;
        }

        return copy;
    }
}
