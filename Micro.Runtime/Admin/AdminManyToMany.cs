using Micro.Data;
using Micro.Forms;
using Microsoft.Extensions.Primitives;

namespace Micro.Admin;

/// <summary>
/// A many-to-many field of a change page: a user's groups, a group's permissions. Shown as a list of checkboxes (Django's
/// <c>filter_horizontal</c> needs a script; this doesn't), posted as one value per checked box, and written after the row is saved.
/// </summary>
/// <param name="Name">The name of the posted values: <c>groups</c>.</param>
/// <param name="Label">The field's label.</param>
/// <param name="HelpText">Shown under the field (escaped).</param>
/// <param name="LoadChoices">Every row it may hold, as (key, label).</param>
/// <param name="LoadSelected">The keys a saved row holds.</param>
/// <param name="SaveAsync">Makes a saved row hold exactly these keys.</param>
internal sealed record AdminManyToMany(
    string Name,
    string Label,
    string HelpText,
    Func<Database, CancellationToken, Task<IReadOnlyList<FormChoice>>> LoadChoices,
    Func<Database, object, CancellationToken, Task<IReadOnlySet<string>>> LoadSelected,
    Func<Database, object, IReadOnlyCollection<string>, CancellationToken, Task> SaveAsync)
{
    /// <summary>
    /// The field on one page: its options and which are checked, from the saved row (<paramref name="key"/>, or nothing for a new one)
    /// or from what was posted, each posted value checked against the options.
    /// </summary>
    public async Task<AdminManyToManyValue> ReadAsync(Database db, object? key, StringValues? posted, CancellationToken cancellationToken)
    {
        var choices = await LoadChoices(db, cancellationToken);
        if (posted is not { } values)
        {
            var saved = key is null ? new HashSet<string>(StringComparer.Ordinal) : await LoadSelected(db, key, cancellationToken);
            return new(this, choices, saved, null);
        }

        var known = choices.Select(static c => c.Value).ToHashSet(StringComparer.Ordinal);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var text = value ?? "";
            if (!known.Contains(text))
            {
                // Django's ModelMultipleChoiceField; the value is shown shortened, never the whole of what a client sent.
                var shown = text.Length > 40 ? text[..40] + "…" : text;
                return new(this, choices, selected, $"Select a valid choice. {shown} is not one of the available choices.");
            }

            selected.Add(text);
        }

        return new(this, choices, selected, null);
    }
}

/// <summary>A many-to-many field as one page shows it: its options, the keys checked, and the error of what was posted.</summary>
internal sealed record AdminManyToManyValue(AdminManyToMany Field, IReadOnlyList<FormChoice> Choices, IReadOnlySet<string> Selected, string? Error)
{
    /// <summary>What the change form's template reads.</summary>
    public Dictionary<string, object?> ToTemplate() => new(StringComparer.Ordinal)
    {
        ["name"] = Field.Name,
        ["label"] = Field.Label,
        ["help_text"] = Field.HelpText,
        ["errors"] = Error is null ? new List<object?>() : new List<object?> { Error },
        ["options"] = Choices.Select(choice => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["value"] = choice.Value,
            ["label"] = choice.Label,
            ["checked"] = Selected.Contains(choice.Value),
        }).ToList(),
        ["shown"] = Shown,
    };

    /// <summary>The labels of the keys held, for a read-only page: "editors, reviewers", or "-".</summary>
    public string Shown => Selected.Count == 0 ? "-" : string.Join(", ", Choices.Where(choice => Selected.Contains(choice.Value)).Select(static choice => choice.Label));
}
