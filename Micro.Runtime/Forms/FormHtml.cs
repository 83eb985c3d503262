using System.Text;
using Micro.Templates;

namespace Micro.Forms;

/// <summary>The layouts of a whole form: Django's <c>as_div</c> (what <c>{{ form }}</c> renders), <c>as_p</c>, <c>as_table</c> and <c>as_ul</c>.</summary>
internal enum FormLayout
{
    Div,
    P,
    Table,
    Ul,
}

/// <summary>
/// The HTML of forms, fields, labels and widgets, as Django's default form templates write it: the same elements,
/// attributes and attribute order, with the accessibility attributes of current Django (<c>aria-invalid</c> on a field
/// with errors, <c>aria-describedby</c> naming its help text and error list). Whitespace between elements differs.
/// Every value and message is escaped; help text is the app's own HTML, as Django's.
/// </summary>
internal static class FormHtml
{
    /// <summary>The label of the empty option of a select, as Django's <c>BLANK_CHOICE_DASH</c>.</summary>
    public const string EmptyLabel = "---------";

    public static string Form(IForm form, FormState state, FormLayout layout)
    {
        var html = new StringBuilder();
        var nonField = state.Errors.NonField;
        var fields = state.BoundFields(form);
        if (nonField.Count > 0)
        {
            switch (layout)
            {
                case FormLayout.Table:
                    html.Append("<tr><td colspan=\"2\">");
                    nonField.AppendHtml(html);
                    html.Append("</td></tr>\n");
                    break;
                case FormLayout.Ul:
                    html.Append("<li>");
                    nonField.AppendHtml(html);
                    html.Append("</li>\n");
                    break;
                default:
                    nonField.AppendHtml(html);
                    html.Append('\n');
                    break;
            }
        }

        foreach (var field in fields)
        {
            switch (layout)
            {
                case FormLayout.Div:
                    html.Append("<div>\n  ");
                    AppendLabelTag(html, field);
                    if (field.HelpText is not null)
                    {
                        html.Append("\n  <div class=\"helptext\" id=\"").Append(Escape(field.Id)).Append("_helptext\">").Append(field.HelpText).Append("</div>");
                    }

                    if (field.Errors.Count > 0)
                    {
                        html.Append("\n  ");
                        field.Errors.AppendHtml(html);
                    }

                    html.Append("\n  ");
                    AppendWidget(html, field);
                    html.Append("\n</div>\n");
                    break;
                case FormLayout.P:
                    if (field.Errors.Count > 0)
                    {
                        field.Errors.AppendHtml(html);
                        html.Append('\n');
                    }

                    html.Append("<p>");
                    AppendLabelTag(html, field);
                    html.Append(' ');
                    AppendWidget(html, field);
                    AppendHelpSpan(html, field, " ");
                    html.Append("</p>\n");
                    break;
                case FormLayout.Table:
                    html.Append("<tr><th>");
                    AppendLabelTag(html, field);
                    html.Append("</th><td>");
                    field.Errors.AppendHtml(html);
                    AppendWidget(html, field);
                    AppendHelpSpan(html, field, "<br>");
                    html.Append("</td></tr>\n");
                    break;
                case FormLayout.Ul:
                    html.Append("<li>");
                    field.Errors.AppendHtml(html);
                    AppendLabelTag(html, field);
                    html.Append(' ');
                    AppendWidget(html, field);
                    AppendHelpSpan(html, field, " ");
                    html.Append("</li>\n");
                    break;
            }
        }

        if (state.Key is not null)
        {
            // The row's key in a formset of rows, after the fields, as Django places a form's hidden fields.
            html.Append(state.KeyHtml()).Append('\n');
        }

        return html.ToString();
    }

    /// <summary>Django 5's <c>as_field_group</c>: the label, help text, errors and widget of one field.</summary>
    public static string FieldGroup(BoundField field)
    {
        var html = new StringBuilder();
        AppendLabelTag(html, field);
        if (field.HelpText is not null)
        {
            html.Append("\n<div class=\"helptext\" id=\"").Append(Escape(field.Id)).Append("_helptext\">").Append(field.HelpText).Append("</div>");
        }

        if (field.Errors.Count > 0)
        {
            html.Append('\n');
            field.Errors.AppendHtml(html);
        }

        html.Append('\n');
        AppendWidget(html, field);
        return html.ToString();
    }

    public static string LabelTag(BoundField field)
    {
        var html = new StringBuilder();
        AppendLabelTag(html, field);
        return html.ToString();
    }

    public static string Widget(BoundField field)
    {
        var html = new StringBuilder();
        AppendWidget(html, field);
        return html.ToString();
    }

    /// <summary>Django's <c>widget_type</c>: the widget's class name without "Input" or "Widget".</summary>
    public static string WidgetType(WidgetKind widget) => widget switch
    {
        WidgetKind.DateTimeLocal => "datetime",
        WidgetKind.NullBooleanSelect => "nullbooleanselect",
        WidgetKind.File => "clearablefile",
        _ => widget.ToString().ToLowerInvariant(),
    };

    private static void AppendHelpSpan(StringBuilder html, BoundField field, string separator)
    {
        if (field.HelpText is not null)
        {
            html.Append(separator).Append("<span class=\"helptext\" id=\"").Append(Escape(field.Id)).Append("_helptext\">").Append(field.HelpText).Append("</span>");
        }
    }

    private static void AppendLabelTag(StringBuilder html, BoundField field)
    {
        var label = field.Label;
        html.Append("<label for=\"").Append(Escape(field.Id)).Append("\">");
        Html.AppendEscaped(html, label);

        // Django adds the suffix unless the label already ends with punctuation.
        if (label.Length > 0 && ":?.!".IndexOf(label[^1]) < 0)
        {
            html.Append(':');
        }

        html.Append("</label>");
    }

    private static void AppendWidget(StringBuilder html, BoundField bound)
    {
        var field = bound.Field;
        switch (field.Widget)
        {
            case WidgetKind.Textarea:
                html.Append("<textarea name=\"").Append(Escape(bound.Name)).Append("\" cols=\"40\" rows=\"10\"");
                AppendFieldAttributes(html, field);
                AppendBoundAttributes(html, bound, required: field.IsRequired);
                html.Append(">\n");
                Html.AppendEscaped(html, bound.Value ?? "");
                html.Append("</textarea>");
                return;
            case WidgetKind.Checkbox:
                html.Append("<input type=\"checkbox\" name=\"").Append(Escape(bound.Name)).Append('"');
                AppendBoundAttributes(html, bound, required: field.IsRequired);
                if (bound.IsChecked)
                {
                    html.Append(" checked");
                }

                html.Append('>');
                return;
            case WidgetKind.Select:
                AppendSelect(html, bound);
                return;
            case WidgetKind.NullBooleanSelect:
                AppendNullBooleanSelect(html, bound);
                return;
            case WidgetKind.File when field.UploadTo is not null:
                AppendClearableFile(html, bound);
                return;
        }

        html.Append("<input type=\"").Append(InputType(field.Widget)).Append("\" name=\"").Append(Escape(bound.Name)).Append('"');
        if (bound.Value is { Length: > 0 } value)
        {
            html.Append(" value=\"");
            Html.AppendEscaped(html, value);
            html.Append('"');
        }

        AppendFieldAttributes(html, field);
        AppendBoundAttributes(html, bound, required: field.IsRequired);
        html.Append('>');
    }

    /// <summary>
    /// A file column's input, as Django's <c>ClearableFileInput</c>: with a file stored, "Currently:" links it, an optional field adds
    /// the "Clear" box (<c>{name}-clear</c>), and the input is "Change:" and no longer required.
    /// </summary>
    private static void AppendClearableFile(StringBuilder html, BoundField bound)
    {
        var field = bound.Field;
        var current = bound.State.CurrentFile(bound.Form, field);
        if (current is not null)
        {
            html.Append("Currently: <a href=\"");
            Html.AppendEscaped(html, FileUrl(bound.State.Files, current));
            html.Append("\">");
            Html.AppendEscaped(html, current);
            html.Append("</a>");
            if (!field.IsRequired)
            {
                var name = Escape(bound.Name) + "-clear";
                html.Append("\n<input type=\"checkbox\" name=\"").Append(name).Append("\" id=\"").Append(name).Append("_id\">");
                html.Append("\n<label for=\"").Append(name).Append("_id\">Clear</label>");
            }

            html.Append("<br>\nChange:\n");
        }

        html.Append("<input type=\"file\" name=\"").Append(Escape(bound.Name)).Append('"');
        AppendFieldAttributes(html, field);
        AppendBoundAttributes(html, bound, required: field.IsRequired && current is null);
        html.Append('>');
    }

    /// <summary>A stored file's address: the storage's, else the default media URL's (a form made by hand, without a storage).</summary>
    internal static string FileUrl(Files.IFileStorage? files, string name)
    {
        if (files is { } storage)
        {
            try
            {
                return storage.Url(name);
            }
            catch (ArgumentException)
            {
                // A name no storage holds (written into the column by hand) links nowhere rather than failing the page.
                return "";
            }
        }

        return Files.FileSystemStorage.UrlOf("/media/", name);
    }

    private static string InputType(WidgetKind widget) => widget switch
    {
        WidgetKind.Email => "email",
        WidgetKind.Url => "url",
        WidgetKind.Password => "password",
        WidgetKind.Number => "number",
        WidgetKind.Date => "date",
        WidgetKind.DateTimeLocal => "datetime-local",
        WidgetKind.Time => "time",
        WidgetKind.File => "file",
        _ => "text",
    };

    /// <summary>What the field's annotations give its widget, in Django's order: the widget's own attributes, then the field's.</summary>
    private static void AppendFieldAttributes(StringBuilder html, FormField field)
    {
        Attribute(html, "placeholder", field.Placeholder);
        if (field.Widget is WidgetKind.File)
        {
            // A file's own: Django's ImageField asks the browser for images.
            Attribute(html, "accept", field.IsImage ? "image/*" : null);
            return;
        }

        if (field.Widget is WidgetKind.Number or WidgetKind.Date or WidgetKind.DateTimeLocal or WidgetKind.Time)
        {
            Attribute(html, "min", field.Min);
            Attribute(html, "max", field.Max);
            Attribute(html, "step", field.Step);
            return;
        }

        Attribute(html, "maxlength", field.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Attribute(html, "minlength", field.MinLength?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What the bound field adds, as Django's <c>BoundField.build_widget_attrs</c>, then the id.</summary>
    private static void AppendBoundAttributes(StringBuilder html, BoundField bound, bool required)
    {
        if (required && bound.State.UseRequiredAttribute)
        {
            html.Append(" required");
        }

        var hasErrors = bound.Errors.Count > 0;
        if (hasErrors)
        {
            html.Append(" aria-invalid=\"true\"");
        }

        var id = Escape(bound.Id);
        if (bound.HelpText is not null || hasErrors)
        {
            html.Append(" aria-describedby=\"");
            if (bound.HelpText is not null)
            {
                html.Append(id).Append("_helptext");
            }

            if (hasErrors)
            {
                html.Append(bound.HelpText is not null ? " " : "").Append(id).Append("_error");
            }

            html.Append('"');
        }

        html.Append(" id=\"").Append(id).Append('"');
    }

    private static void AppendSelect(StringBuilder html, BoundField bound)
    {
        var field = bound.Field;
        var selected = bound.Value;
        var choices = bound.State.ChoicesOf(field);

        // Django shows the empty option for an optional choice, and for a required one that has no value yet.
        var empty = field.HasEmptyChoice && !(field.IsRequired && !bound.State.IsBound && !string.IsNullOrEmpty(selected));
        html.Append("<select name=\"").Append(Escape(bound.Name)).Append('"');

        // Django's Select has the required attribute only when its first option is the empty one.
        AppendBoundAttributes(html, bound, required: field.IsRequired && empty);
        html.Append('>');
        if (empty)
        {
            Option(html, "", EmptyLabel, string.IsNullOrEmpty(selected));
        }

        foreach (var choice in choices)
        {
            Option(html, choice.Value, choice.Label, choice.Value == selected);
        }

        html.Append("\n</select>");
    }

    private static void AppendNullBooleanSelect(StringBuilder html, BoundField bound)
    {
        var field = bound.Field;
        var value = bound.State.IsBound ? FormValues.NullBoolean(bound.State.Raw(field)) : bound.Initial as bool?;
        var selected = FormValues.NullBooleanOption(value);
        html.Append("<select name=\"").Append(Escape(bound.Name)).Append('"');
        AppendBoundAttributes(html, bound, required: false);
        html.Append('>');
        Option(html, "unknown", "Unknown", selected == "unknown");
        Option(html, "true", "Yes", selected == "true");
        Option(html, "false", "No", selected == "false");
        html.Append("\n</select>");
    }

    private static void Option(StringBuilder html, string value, string label, bool selected)
    {
        html.Append("\n  <option value=\"");
        Html.AppendEscaped(html, value);
        html.Append('"');
        if (selected)
        {
            html.Append(" selected");
        }

        html.Append('>');
        Html.AppendEscaped(html, label);
        html.Append("</option>");
    }

    private static void Attribute(StringBuilder html, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        html.Append(' ').Append(name).Append("=\"");
        Html.AppendEscaped(html, value);
        html.Append('"');
    }

    private static string Escape(string text) => Html.Escape(text);
}
