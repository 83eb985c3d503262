using System.Globalization;

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
