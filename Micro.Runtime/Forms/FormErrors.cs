using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using Micro.Forms;
using Micro.Templates;
using Microsoft.AspNetCore.Html;

namespace Micro;

/// <summary>
/// A form's errors, as Django's <c>form.errors</c>: messages per field and the non-field errors. A form's
/// <c>Clean(FormErrors errors)</c> method adds its own with <see cref="Add(string, string)"/> (on a field) and
/// <see cref="Add(string)"/> (on the whole form), as Django's <c>add_error</c>.
/// </summary>
/// <remarks>
/// Fields are named by their C# property (<c>nameof(Email)</c>) or by their name in the form (<c>email</c>).
/// Enumerating gives the names of the fields that have errors, in the order the errors were added, and
/// <c>__all__</c> for the non-field errors, as iterating Django's error dictionary does. In a template
/// <c>{{ form.errors }}</c> renders them all as nested lists, and <c>{{ form.errors.email }}</c> one field's.
/// </remarks>
public sealed class FormErrors : IEnumerable<string>, ITemplateObject, IHtmlContent
{
    /// <summary>The key of the non-field errors, as Django's <c>NON_FIELD_ERRORS</c>.</summary>
    public const string NonFieldKey = "__all__";

    private readonly FormInfo _form;
    private readonly ErrorList?[] _fields;
    private readonly string? _prefix;
    private readonly List<string> _order = [];
    private ErrorList? _nonField;

    internal FormErrors(FormInfo form, string? prefix = null)
    {
        _prefix = prefix;
        _form = form;
        _fields = new ErrorList?[form.Fields.Count + FormSetFields];
    }

    /// <summary>The errors that belong to the form as a whole (an empty list when there are none).</summary>
    public ErrorList NonField => _nonField ??= new ErrorList("errorlist nonfield", null);

    /// <summary>The errors of the field named <paramref name="field"/> (an empty list when it has none).</summary>
    /// <exception cref="ArgumentException">The form has no such field.</exception>
    public ErrorList this[string field] => field == NonFieldKey ? NonField : For(Find(field));

    /// <summary>How many fields (and the form as a whole) have errors.</summary>
    public int Count => _order.Count;

    public bool IsEmpty => _order.Count == 0;

    /// <summary>Whether the field (or <see cref="NonFieldKey"/>) has errors.</summary>
    public bool Contains(string field) =>
        field == NonFieldKey ? _nonField is { Count: > 0 } : _form.Find(field) is { } found && _fields[found.Index] is { Count: > 0 };

    /// <summary>Adds an error to a field: <c>errors.Add(nameof(Email), "That address is taken.")</c>.</summary>
    /// <exception cref="ArgumentException">The form has no such field.</exception>
    public void Add(string field, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(message);
        if (field == NonFieldKey)
        {
            Add(message);
            return;
        }

        Add(Find(field), message);
    }

    /// <summary>Adds an error that belongs to no one field (Django's <c>add_error(None, message)</c>): shown above the fields.</summary>
    public void Add(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (NonField.Count == 0)
        {
            _order.Add(NonFieldKey);
        }

        NonField.Add(message);
    }

    internal void Add(FormField field, string message)
    {
        var list = For(field);
        if (list.Count == 0)
        {
            _order.Add(field.Name);
        }

        list.Add(message);
    }

    /// <summary>Takes back an error the reader added (a required file the form's row turned out to hold).</summary>
    internal void Remove(FormField field, string message)
    {
        if (_fields[Slot(field)] is { } list && list.Remove(message) && list.Count == 0)
        {
            _order.Remove(field.Name);
        }
    }

    internal bool Has(FormField field) => _fields[Slot(field)] is { Count: > 0 };

    internal ErrorList For(FormField field) => _fields[Slot(field)] ??= new ErrorList("errorlist", "id_" + FormValues.Prefixed(_prefix, field.Name));

    /// <summary>The fields a formset adds to a form (its order box and "Delete" box, indexes -2 and -1), kept after the form's own.</summary>
    private const int FormSetFields = 2;

    private int Slot(FormField field) => field.Index >= 0 ? field.Index : _form.Fields.Count - field.Index - 1;

    private FormField Find(string field) =>
        _form.Find(field) ?? throw new ArgumentException(
            $"{_form.Name} has no field named '{field}'; name one of {string.Join(", ", _form.Fields.Select(static f => f.Property))}, or call Add(message) for an error of the whole form.",
            nameof(field));

    public IEnumerator<string> GetEnumerator() => _order.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Django's <c>form.errors.as_ul()</c>: a list item per field with errors, holding the field's name and its list.</summary>
    public string ToHtml()
    {
        if (IsEmpty)
        {
            return "";
        }

        var html = new StringBuilder("<ul class=\"errorlist\">");
        foreach (var name in _order)
        {
            html.Append("<li>");
            Html.AppendEscaped(html, name);
            this[name].AppendHtml(html);
            html.Append("</li>");
        }

        return html.Append("</ul>").ToString();
    }

    /// <summary>Django's <c>as_text</c>: each field's name, then its messages.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var name in _order)
        {
            text.Append("* ").Append(name).Append('\n');
            foreach (var message in this[name])
            {
                text.Append("  * ").Append(message).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    public override string ToString() => ToHtml();

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(ToHtml());

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        if (Contains(name))
        {
            value = this[name];
            return true;
        }

        value = name switch
        {
            "items" => _order.Select(field => (object?)new KeyValueTuple(field, this[field])).ToList(),
            "keys" => _order.Select(static field => (object?)field).ToList(),
            "values" => _order.Select(field => (object?)this[field]).ToList(),
            "as_ul" => new SafeString(ToHtml()),
            "as_text" => ToText(),
            _ => null,
        };
        return value is not null;
    }
}
