using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Micro.Templates;

/// <summary>HTML escaping as Django's <c>escape</c> and <c>conditional_escape</c>: &amp; &lt; &gt; " ' are replaced.</summary>
internal static class Html
{
    private static readonly SearchValues<char> s_special = SearchValues.Create("&<>\"'");

    public static void AppendEscaped(StringBuilder output, string text) => AppendEscaped(output, text.AsSpan());

    public static void AppendEscaped(StringBuilder output, ReadOnlySpan<char> text)
    {
        while (true)
        {
            var index = text.IndexOfAny(s_special);
            if (index < 0)
            {
                output.Append(text);
                return;
            }

            output.Append(text[..index]);
            output.Append(text[index] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#x27;",
            });
            text = text[(index + 1)..];
        }
    }

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(s_special) < 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length + 16);
        AppendEscaped(output, text);
        return output.ToString();
    }

    /// <summary>Escapes unless the value is already safe; the result is safe.</summary>
    public static SafeString ConditionalEscape(object? value) =>
        value as SafeString ?? (value is IHtmlContent content ? new SafeString(ToHtml(content)) : new SafeString(Escape(TemplateValues.ToText(value))));

    /// <summary>Escapes the value when <paramref name="autoescape"/> is on and it isn't safe, as many filters do with their input.</summary>
    public static string EscapeIf(bool autoescape, object? value) =>
        value is IHtmlContent content ? ToHtml(content)
        : autoescape && value is not SafeString ? Escape(TemplateValues.ToText(value)) : TemplateValues.ToText(value);

    /// <summary>
    /// The HTML of a value that writes its own (ASP.NET Core's <see cref="IHtmlContent"/>: <c>HtmlString</c>, a form, a
    /// form field): it is already HTML and is not escaped again, as Django treats objects with an <c>__html__</c> method.
    /// </summary>
    public static string ToHtml(IHtmlContent content)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
