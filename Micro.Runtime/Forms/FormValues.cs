using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Micro.Forms;

/// <summary>How values are written into a widget and how a checkbox's posted text reads, as Django's widgets do.</summary>
internal static class FormValues
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The text a widget shows for a property's value: dates and times in the formats HTML5 inputs use
    /// (<c>2024-01-31</c>, <c>2024-01-31T09:30</c>, <c>09:30</c>), numbers in the invariant culture, enum members by
    /// name; null for null.
    /// </summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "True" : "False",
        DateOnly date => date.ToString("yyyy-MM-dd", s_invariant),
        DateTime dateTime => dateTime.ToString(HasSeconds(dateTime.TimeOfDay) ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm", s_invariant),
        TimeOnly time => time.ToString(HasSeconds(time.ToTimeSpan()) ? "HH:mm:ss" : "HH:mm", s_invariant),
        Guid guid => guid.ToString("D"),
        Enum member => member.ToString(),
        IFormattable formattable => formattable.ToString(null, s_invariant),
        _ => value.ToString(),
    };

    private static bool HasSeconds(TimeSpan time) => time.Ticks % TimeSpan.TicksPerMinute != 0;

    /// <summary>
    /// Whether a checkbox is checked, from the text posted for it, as Django's <c>CheckboxInput</c> reads it: absent,
    /// empty or <c>false</c> is unchecked; anything else (the browser sends <c>on</c>) is checked.
    /// </summary>
    /// <summary>The value posted under <paramref name="name"/>: the last when it was sent more than once, as Django's <c>QueryDict</c>; null when absent.</summary>
    public static string? Last(IFormCollection data, string name) =>
        data.TryGetValue(name, out var values) && values.Count > 0 ? values[values.Count - 1] : null;

    /// <summary>The name a field is posted under in a form with <paramref name="prefix"/> (Django's <c>add_prefix</c>): <c>comment_set-0-text</c>.</summary>
    public static string Prefixed(string? prefix, string name) => prefix is null ? name : prefix + "-" + name;

    /// <summary>
    /// A formset's management form (Django's <c>{prefix}-TOTAL_FORMS</c> and <c>-INITIAL_FORMS</c>): the number of forms posted, or false when
    /// either count is missing or not a number, and then Django's words in <paramref name="error"/>. <paramref name="initial"/> is how many of
    /// them say they were initial forms.
    /// </summary>
    public static bool TryReadFormCount(IFormCollection data, string prefix, out int total, out int initial, out string error)
    {
        var counted = int.TryParse(Last(data, prefix + "-TOTAL_FORMS"), NumberStyles.None, s_invariant, out total)
            & int.TryParse(Last(data, prefix + "-INITIAL_FORMS"), NumberStyles.None, s_invariant, out initial);
        error = counted ? "" : $"ManagementForm data is missing or has been tampered with. Missing fields: {prefix}-TOTAL_FORMS, {prefix}-INITIAL_FORMS. You may need to file a bug report if the issue persists.";
        return counted;
    }

    /// <summary>
    /// A formset's management form, Django's four hidden inputs: <c>&lt;input type="hidden" name="form-TOTAL_FORMS" value="3"
    /// id="id_form-TOTAL_FORMS"&gt;</c>, then <c>INITIAL_FORMS</c>, <c>MIN_NUM_FORMS</c> and <c>MAX_NUM_FORMS</c>. The prefix is the app's
    /// or the admin's, never a client's.
    /// </summary>
    public static string ManagementForm(string prefix, int total, int initial, int min, int max)
    {
        var html = new System.Text.StringBuilder();
        Hidden("TOTAL_FORMS", total);
        Hidden("INITIAL_FORMS", initial);
        Hidden("MIN_NUM_FORMS", min);
        Hidden("MAX_NUM_FORMS", max);
        return html.ToString();

        void Hidden(string name, int value)
        {
            var field = Prefixed(prefix, name);
            html.Append("<input type=\"hidden\" name=\"").Append(field).Append("\" value=\"").Append(value.ToString(s_invariant))
                .Append("\" id=\"id_").Append(field).Append("\">");
        }
    }

    /// <summary>Django's default <c>max_num</c> of a formset, and how many forms beyond its <c>max_num</c> are ever read (<c>absolute_max</c>).</summary>
    public const int DefaultMaxForms = 1000;

    /// <summary>Django's "Please submit at most 3 forms." (one form, in the singular).</summary>
    public static string AtMost(int count) => count == 1 ? "Please submit at most 1 form." : $"Please submit at most {count.ToString(s_invariant)} forms.";

    /// <summary>Django's "Please submit at least 2 forms.".</summary>
    public static string AtLeast(int count) => count == 1 ? "Please submit at least 1 form." : $"Please submit at least {count.ToString(s_invariant)} forms.";

    public static bool IsChecked(string? raw) => !string.IsNullOrEmpty(raw) && !raw.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>A <c>bool?</c> from the text of a <see cref="WidgetKind.NullBooleanSelect"/>, as Django's <c>NullBooleanSelect</c> reads it.</summary>
    public static bool? NullBoolean(string? raw) => raw switch
    {
        "true" or "True" or "2" => true,
        "false" or "False" or "3" => false,
        _ => null,
    };

    /// <summary>The option of a <see cref="WidgetKind.NullBooleanSelect"/> that a value selects.</summary>
    public static string NullBooleanOption(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => "unknown",
    };
}
