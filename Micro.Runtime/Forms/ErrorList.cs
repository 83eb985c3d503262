using System.Collections.ObjectModel;
using System.Text;
using System.Text.Encodings.Web;
using Micro.Templates;
using Microsoft.AspNetCore.Html;

namespace Micro.Forms;

/// <summary>
/// The error messages of one field, or a form's non-field errors, as Django's <c>ErrorList</c>: a list in C# and in
/// <c>{% for error in field.errors %}</c>, and in a template <c>{{ field.errors }}</c> renders
/// <c>&lt;ul class="errorlist"&gt;&lt;li&gt;...&lt;/li&gt;&lt;/ul&gt;</c> (nothing when empty), the messages escaped.
/// </summary>
public sealed class ErrorList : ReadOnlyCollection<string>, IHtmlContent, ITemplateObject
{
    internal ErrorList(string cssClass, string? fieldId)
        : base(new List<string>())
    {
        CssClass = cssClass;
        FieldId = fieldId;
    }

    /// <summary><c>errorlist</c>, or <c>errorlist nonfield</c> for a form's non-field errors.</summary>
    public string CssClass { get; }

    /// <summary>The id of the field's widget (<c>id_email</c>); the list's own id is <c>id_email_error</c>, which the widget's <c>aria-describedby</c> names.</summary>
    public string? FieldId { get; }

    internal void Add(string message) => Items.Add(message);

    internal bool Remove(string message) => Items.Remove(message);

    /// <summary>The HTML of the list: <c>&lt;ul class="errorlist" id="id_email_error"&gt;&lt;li&gt;...&lt;/li&gt;&lt;/ul&gt;</c>, or "" when there are no errors.</summary>
    public string ToHtml()
    {
        if (Count == 0)
        {
            return "";
        }

        var html = new StringBuilder();
        AppendHtml(html);
        return html.ToString();
    }

    internal void AppendHtml(StringBuilder html)
    {
        if (Count == 0)
        {
            return;
        }

        html.Append("<ul class=\"").Append(CssClass).Append('"');
        if (FieldId is not null)
        {
            html.Append(" id=\"");
            Html.AppendEscaped(html, FieldId);
            html.Append("_error\"");
        }

        html.Append('>');
        foreach (var message in this)
        {
            html.Append("<li>");
            Html.AppendEscaped(html, message);
            html.Append("</li>");
        }

        html.Append("</ul>");
    }

    /// <summary>Django's <c>as_text</c>: one <c>* message</c> line per error.</summary>
    public string ToText() => string.Join("\n", this.Select(static message => "* " + message));

    public override string ToString() => ToHtml();

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(ToHtml());

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        value = name switch
        {
            "as_ul" => new SafeString(ToHtml()),
            "as_text" => ToText(),
            _ => null,
        };
        return value is not null;
    }
}
