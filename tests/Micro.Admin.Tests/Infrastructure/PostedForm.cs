using System.Net;
using System.Text.RegularExpressions;

namespace Micro.Admin.Tests.Infrastructure;

/// <summary>A page's form as a browser posts it back, for tests that change a few fields of what the page shows.</summary>
public static partial class PostedForm
{
    /// <summary>What a browser posts for the form on <paramref name="html"/>: every input, textarea, checked box and selected option.</summary>
    public static List<(string Name, string Value)> Fields(string html)
    {
        // A <template>'s content (an inline's empty form) is no part of the form a browser posts.
        var form = TemplatePattern().Replace(FormPattern().Match(html).Value, "");
        var fields = new List<(string, string)>();
        foreach (Match input in InputPattern().Matches(form))
        {
            var tag = input.Value;
            var name = WebUtility.HtmlDecode(Attribute(tag, "name") ?? "");
            var type = Attribute(tag, "type") ?? "text";
            if (name.Length == 0 || type == "submit" || (type == "checkbox" && !tag.Contains(" checked", StringComparison.Ordinal)))
            {
                continue;
            }

            fields.Add((name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? (type == "checkbox" ? "on" : ""))));
        }

        foreach (Match area in TextareaPattern().Matches(form))
        {
            fields.Add((area.Groups[1].Value, WebUtility.HtmlDecode(area.Groups[2].Value.TrimStart('\n'))));
        }

        foreach (Match select in SelectPattern().Matches(form))
        {
            var chosen = SelectedPattern().Match(select.Groups[2].Value);
            var value = chosen.Success ? chosen.Groups[1].Value : FirstOptionPattern().Match(select.Groups[2].Value).Groups[1].Value;
            fields.Add((select.Groups[1].Value, WebUtility.HtmlDecode(value)));
        }

        return fields;

        static string? Attribute(string tag, string name) => Regex.Match(tag, $" {name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;
    }

    public static (string, string)[] With(List<(string Name, string Value)> fields, params (string Name, string Value)[] changes)
    {
        var result = fields.Where(f => changes.All(c => c.Name != f.Name)).ToList();
        result.AddRange(changes.Where(static c => c.Value is not null));
        return [.. result];
    }

    public static List<(string Name, string Value)> Without(List<(string Name, string Value)> fields, Func<string, bool> dropped) => [.. fields.Where(f => !dropped(f.Name))];

    [GeneratedRegex("<form (?![^>]*id=\"logout-form\")[^>]*method=\"post\"[\\s\\S]*?</form>")]
    private static partial Regex FormPattern();

    [GeneratedRegex("<template[\\s>][\\s\\S]*?</template>")]
    private static partial Regex TemplatePattern();

    [GeneratedRegex("<input [^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("<textarea name=\"([^\"]+)\"[^>]*>([\\s\\S]*?)</textarea>")]
    private static partial Regex TextareaPattern();

    [GeneratedRegex("<select name=\"([^\"]+)\"[^>]*>([\\s\\S]*?)</select>")]
    private static partial Regex SelectPattern();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected>")]
    private static partial Regex SelectedPattern();

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex FirstOptionPattern();
}
