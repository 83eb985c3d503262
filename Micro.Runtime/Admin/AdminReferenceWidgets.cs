using System.Text.Json;
using Micro.Auth;
using Micro.Forms;
using Micro.Routing;
using Microsoft.AspNetCore.Http;

namespace Micro.Admin;

/// <summary>
/// What a form's references that load no options show beside their fields, and the fields filled from others, for the admin's form
/// and for each row of an inline alike: the row a raw id box names, an autocomplete field's search box, and what <c>prepopulate.js</c>
/// reads. Each entry names its field by the form's HTML name (<c>author</c>, or an inline row's <c>comment_set-0-author</c>).
/// </summary>
internal static class AdminReferenceWidgets
{
    /// <summary>
    /// Beside each raw id box, as Django's <c>ForeignKeyRawIdWidget</c>: a link to the target's list to look a key up, and the name of the
    /// row the key shown points to, linked to its page; only for a target in the admin that the user may view.
    /// </summary>
    public static async Task<List<object?>> RawIdsAsync(AdminSite site, HttpContext context, CurrentUser user, IReadOnlyList<AdminReference> references, IForm form)
    {
        var raw = new List<object?>();
        foreach (var rawId in references)
        {
            if (rawId.Target(site) is not { } target || !(await AdminSite.PermissionsAsync(user, target)).ViewOrChange
                || form.FirstOrDefault(f => f.Field.Name == rawId.Field) is not { } field)
            {
                continue;
            }

            var key = field.Value?.Trim() ?? "";
            var name = key.Length > 0 ? await target.NameAsync(context, key) : null;
            raw.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["field"] = field.Name,
                ["lookup_url"] = Url.Reverse(target.ChangeListName),
                ["name"] = name ?? "",
                ["url"] = name is null ? "" : Url.Reverse(target.ChangeName, key),
            });
        }

        return raw;
    }

    /// <summary>
    /// Each select of <c>AutocompleteFields</c> holds the row chosen only (its options aren't loaded with the form), as Django's
    /// <c>AutocompleteSelect</c>; beside it, for a user who may view the target, the search box the admin's script fills it from, which
    /// asks <c>admin/autocomplete/</c> naming the model whose field it is (<paramref name="appLabel"/>, <paramref name="modelName"/>).
    /// </summary>
    public static async Task<List<object?>> AutocompletesAsync(
        AdminSite site, HttpContext context, CurrentUser user, IReadOnlyList<AdminReference> references, IForm form, string appLabel, string modelName)
    {
        var searches = new List<object?>();
        var own = false;
        foreach (var reference in references)
        {
            if (reference.Target(site) is not { } target || form.FirstOrDefault(f => f.Field.Name == reference.Field) is not { } field)
            {
                continue;
            }

            var key = field.Value?.Trim() ?? "";
            var name = key.Length > 0 ? await target.NameAsync(context, key) : null;
            if (!own)
            {
                // The rows of an inline share the options loaded once for its other references: this form's select gets its own row.
                form.State.Choices = form.State.Choices?.Copy() ?? new FormChoices();
                own = true;
            }

            form.State.Choices!.Set(field.Field, name is null ? [] : [new FormChoice(key, name)]);
            if ((await AdminSite.PermissionsAsync(user, target)).ViewOrChange)
            {
                searches.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["field"] = field.Name,
                    ["url"] = $"{Url.Reverse(AdminSite.AutocompleteName)}?app_label={Uri.EscapeDataString(appLabel)}&model_name={Uri.EscapeDataString(modelName)}&field_name={Uri.EscapeDataString(reference.Field)}",
                    ["label"] = "Search " + target.Admin.VerboseNamePlural,
                });
            }
        }

        return searches;
    }

    /// <summary>
    /// Writes, as Django's <c>prepopulated_fields_js</c>, each field of <paramref name="form"/> filled from others: the ids of their inputs,
    /// and the most characters it takes (its <c>MaxLength</c>, else Django's 50). An inline's empty form writes ids holding
    /// <c>__prefix__</c>, which the script fills in for each row "Add another" adds.
    /// </summary>
    public static void WritePrepopulated(Utf8JsonWriter json, IReadOnlyList<AdminPrepopulated> prepopulatedFields, IForm form)
    {
        if (prepopulatedFields.Count == 0)
        {
            return;
        }

        var fields = form.ToDictionary(static field => field.Field.Name, StringComparer.Ordinal);
        foreach (var prepopulated in prepopulatedFields)
        {
            if (!fields.TryGetValue(prepopulated.Field, out var target))
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("id", target.Id);
            json.WriteStartArray("from");
            foreach (var name in prepopulated.From)
            {
                if (fields.TryGetValue(name, out var source))
                {
                    json.WriteStringValue(source.Id);
                }
            }

            json.WriteEndArray();
            json.WriteNumber("maxLength", target.Field.MaxLength ?? 50);
            json.WriteEndObject();
        }
    }
}
