using System.Text.RegularExpressions;

namespace Micro.Runtime.Tests.Infrastructure;

/// <summary>What the form tests read out of pages.</summary>
internal static partial class FormPatterns
{
    /// <summary>A field's error list, <c>&lt;ul class="errorlist" id="id_name_error"&gt;...&lt;/ul&gt;</c>.</summary>
    [GeneratedRegex("""<ul class="errorlist" id="id_(?<field>\w+)_error">(?<items>.*?)</ul>""", RegexOptions.Singleline)]
    public static partial Regex ErrorLists();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    public static partial Regex Items();

    /// <summary>Attributes Django added after 3.2, which Micro writes as current Django does.</summary>
    [GeneratedRegex(""" (?:aria-invalid="true"|aria-describedby="[^"]*"|id="id_[\w-]+_(?:helptext|error)")""")]
    public static partial Regex NewerAttributes();

    [GeneratedRegex(@">\s+<")]
    public static partial Regex SpaceBetweenTags();

    /// <summary>HTML with the whitespace between elements removed, which Django's and Micro's templates lay out differently.</summary>
    public static string Compact(string html) => SpaceBetweenTags().Replace(html.Trim(), "><");

    /// <summary>The sections of a page made of <c>[name]</c> lines and what follows each.</summary>
    public static Dictionary<string, string> Sections(string page)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in page.Split('\n'))
        {
            if (line.Length > 2 && line[0] == '[' && line[^1] == ']' && !line.Contains(' ', StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    sections[current] = text.ToString().TrimEnd('\n');
                }

                current = line[1..^1];
                text.Clear();
                continue;
            }

            text.Append(line).Append('\n');
        }

        return sections;
    }
}
