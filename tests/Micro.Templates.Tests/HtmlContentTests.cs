using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Micro.Templates.Tests;

/// <summary>
/// A value that writes its own HTML (ASP.NET Core's <see cref="IHtmlContent"/>: a form, a form field, an HtmlString) is
/// rendered as it is, as Django renders objects with an <c>__html__</c> method; everything else is still escaped.
/// </summary>
public class HtmlContentTests
{
    private sealed class Widget(string html, string text) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(html);

        public override string ToString() => text;
    }

    private static string Render(string template, object? value) =>
        Template.Parse(template).Render(new Dictionary<string, object?> { ["value"] = value });

    [Fact]
    public void Html_content_is_not_escaped()
    {
        Assert.Equal("<b>bold</b>", Render("{{ value }}", new HtmlString("<b>bold</b>")));
        Assert.Equal("<input name=\"a\">", Render("{{ value }}", new Widget("<input name=\"a\">", "plain")));
    }

    [Fact]
    public void Text_is_still_escaped_and_string_filters_see_text()
    {
        Assert.Equal("&lt;i&gt;", Render("{{ value }}", "<i>"));

        // As in Django, where |escape is a string filter: it escapes str(value), which is not safe.
        Assert.Equal("&lt;i&gt;x&lt;/i&gt;", Render("{{ value|escape }}", new Widget("<i>x</i>", "<i>x</i>")));
        Assert.Equal("<I>X</I>", Render("{{ value|upper|safe }}", new Widget("<i>x</i>", "<i>x</i>")));
    }

    [Fact]
    public void Html_content_is_html_inside_blocks_that_collect_output_too()
    {
        Assert.Equal("[<br>]", Render("{% with v=value %}[{{ v }}]{% endwith %}", new HtmlString("<br>")));
        Assert.Equal("<br>", Render("{% autoescape off %}{{ value }}{% endautoescape %}", new HtmlString("<br>")));
    }
}
