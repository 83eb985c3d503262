using System.Globalization;
using System.Text;
using System.Text.Json;
using Micro.Auth;
using Micro.Data;
using Micro.Forms;
using Micro.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Micro.Admin;

/// <summary>Adding, changing and deleting a row, and its history.</summary>
internal sealed partial class AdminModelViews<TModel>
{
    // ---- Add and change -------------------------------------------------------------------------------------

    private async Task AddAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context, static p => p.Add) is not var (user, permissions))
        {
            return;
        }

        await AddCoreAsync(context, user, permissions);
    }

    /// <summary>The add page's form, bound and saved as a new row: from the add page, or the change page's "Save as new".</summary>
    private async Task AddCoreAsync(HttpContext context, CurrentUser user, AdminPermissions permissions, bool asNew = false)
    {
        if (await _admin.BindFormAsync(context, null) is not { } form)
        {
            return;
        }

        var many = await ReadManyToManyAsync(context, form, null);
        var inlines = await ReadInlinesAsync(context, user, form, null, asNew);
        var changes = new List<string> { "{\"added\": {}}" };
        if (IsValid(form, many, inlines) && await SaveAsync(context, form, many, inlines, changes) is { } row)
        {
            await LogAsync(context, user, row, LogAction.Addition, "[" + string.Join(", ", changes) + "]");
            if (!asNew && IsPopup(context))
            {
                await PopupResponseAsync(context, row, "add");
                return;
            }

            await SavedAsync(context, row, "added", permissions, added: true);
            return;
        }

        await RenderFormAsync(context, user, permissions, form, many, inlines, null, $"Add {Admin.VerboseName}");
    }

    private async Task ChangeAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context, static p => p.ViewOrChange) is not var (user, permissions))
        {
            return;
        }

        if (await FindAsync(context) is not { } row)
        {
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && !permissions.Change)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && _admin.SaveAs)
        {
            if (await RequestBinding.ReadFormAsync(context, "_saveasnew") is not { } posted)
            {
                return;
            }

            if (posted.ContainsKey("_saveasnew"))
            {
                // Django's save_as: the form becomes a new row, which needs the add permission; the row shown stays as it was.
                if (!permissions.Add)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                await AddCoreAsync(context, user, permissions, asNew: true);
                return;
            }
        }

        var before = new object?[_admin.Model.Columns.Count];
        _admin.Model.GetValues(row, before);
        if (await _admin.BindFormAsync(context, row) is not { } form)
        {
            return;
        }

        var many = await ReadManyToManyAsync(context, form, row);
        var inlines = await ReadInlinesAsync(context, user, form, row, asNew: false);
        if (IsValid(form, many, inlines))
        {
            // What the row's many-to-many fields held before the save, for the log's changed fields.
            var held = new List<IReadOnlySet<string>>(many.Count);
            foreach (var field in many)
            {
                held.Add(await field.Field.LoadSelected(Db(context), _admin.Model.GetKey(row)!, context.RequestAborted));
            }

            var changes = new List<string>();
            if (await SaveAsync(context, form, many, inlines, changes) is { } saved)
            {
                var after = new object?[before.Length];
                _admin.Model.GetValues(saved, after);
                var changed = form.Where(field => Changed(field.Field.Property)).Select(static field => field.Label)
                    .Concat(many.Where((m, i) => !m.Selected.SetEquals(held[i])).Select(static m => m.Field.Label))
                    .ToArray();
                if (changed.Length > 0)
                {
                    changes.Insert(0, "{\"changed\": {\"fields\": " + JsonSerializer.Serialize(changed, AdminJson.Default.StringArray) + "}}");
                }

                await LogAsync(context, user, saved, LogAction.Change, "[" + string.Join(", ", changes) + "]");
                if (IsPopup(context))
                {
                    await PopupResponseAsync(context, saved, "change");
                    return;
                }

                await SavedAsync(context, saved, "changed", permissions, added: false);
                return;

                bool Changed(string property)
                {
                    var index = _admin.Model.Columns.ToList().FindIndex(c => c.Property == property);
                    return index >= 0 && !Equals(before[index], after[index]);
                }
            }
        }

        var verb = permissions.Change ? "Change" : "View";
        await RenderFormAsync(context, user, permissions, form, many, inlines, row, $"{verb} {Admin.VerboseName}");
    }

    /// <summary>
    /// The many-to-many fields of the page: what <paramref name="row"/> holds when <paramref name="form"/> is unbound, what was posted
    /// otherwise. None on the add page of a model that edits them only once the row exists (users).
    /// </summary>
    private async Task<IReadOnlyList<AdminManyToManyValue>> ReadManyToManyAsync(HttpContext context, IForm form, TModel? row)
    {
        if (_admin.ManyToMany.Count == 0 || (row is null && !_admin.ManyToManyOnAdd))
        {
            return [];
        }

        var posted = form.State.IsBound ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var key = row is null ? null : _admin.Model.GetKey(row);
        var values = new List<AdminManyToManyValue>(_admin.ManyToMany.Count);
        foreach (var field in _admin.ManyToMany)
        {
            values.Add(await field.ReadAsync(Db(context), key, posted?[field.Name], context.RequestAborted));
        }

        return values;
    }

    /// <summary>
    /// The inlines the user may see, each with the rows of <paramref name="row"/> (none on the add page), bound to the post when
    /// <paramref name="form"/> is. An inline's rows are changed, added and deleted only as the user's permissions on its model allow.
    /// </summary>
    private async Task<IReadOnlyList<AdminFormSet<TModel>>> ReadInlinesAsync(HttpContext context, CurrentUser user, IForm form, TModel? row, bool asNew)
    {
        if (_admin.Inlines.Count == 0)
        {
            return [];
        }

        var posted = form.State.IsBound ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var key = row is null ? null : _admin.Model.GetKey(row);
        var sets = new List<AdminFormSet<TModel>>(_admin.Inlines.Count);
        foreach (var inline in _admin.Inlines)
        {
            var permissions = await AdminSite.PermissionsAsync(user, Site.AppLabel, inline.ModelName);
            if (!permissions.Any)
            {
                continue; // As Django's: an inline whose model the user may neither see nor change is left off the page.
            }

            sets.Add(await inline.ReadAsync(Db(context), context.RequestServices, key, posted, asNew, permissions, context.RequestAborted));
        }

        return sets;
    }

    private static bool IsValid(IForm form, IReadOnlyList<AdminManyToManyValue> many, IReadOnlyList<AdminFormSet<TModel>> inlines) =>
        form.State.IsBound && form.State.IsValid && many.All(static m => m.Error is null) && inlines.All(static i => i.IsValid);

    /// <summary>
    /// The row, its many-to-many fields and its inlines' rows, in one transaction; null when a form's save found an error (a taken
    /// unique value), and then nothing is saved. The inlines' change messages go to <paramref name="changes"/>.
    /// </summary>
    private async Task<TModel?> SaveAsync(HttpContext context, IForm form, IReadOnlyList<AdminManyToManyValue> many, IReadOnlyList<AdminFormSet<TModel>> inlines, List<string> changes)
    {
        var db = Db(context);
        await using var transaction = many.Count > 0 || inlines.Count > 0 ? await db.BeginTransactionAsync(context.RequestAborted) : null;
        if (await _admin.SaveFormAsync(form, db, context.RequestAborted) is not { } row)
        {
            return null;
        }

        foreach (var field in many)
        {
            await field.Field.SaveAsync(db, _admin.Model.GetKey(row)!, field.Selected, context.RequestAborted);
        }

        foreach (var inline in inlines)
        {
            if (!await inline.SaveAsync(db, row, changes, context.RequestAborted))
            {
                return null;
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(context.RequestAborted);
        }

        return row;
    }

    private async Task RenderFormAsync(
        HttpContext context, CurrentUser user, AdminPermissions permissions, IForm form, IReadOnlyList<AdminManyToManyValue> many, IReadOnlyList<AdminFormSet<TModel>> inlines, TModel? row, string title)
    {
        var values = await Site.PageAsync(context, user, title);
        var invalid = form.State.IsBound && !IsValid(form, many, inlines);
        values["form"] = form;

        // Django's has_file_field: the page posts multipart when its form or an inline takes files.
        values["has_file_field"] = form.State.Info.HasFileColumns || inlines.Any(static inline => inline.HasFileColumns);
        var inlinesShown = new List<object?>();
        foreach (var inline in inlines)
        {
            inlinesShown.Add(await inline.ToTemplateAsync(editable: row is null || permissions.Change, Site, context, user));
        }

        values["inlines"] = inlinesShown;

        // The scripts the inlines' rows need, when the admin's own form doesn't: autocomplete searches, raw id lookups.
        values["inline_autocompletes"] = inlines.Any(static inline => inline.Inline.AutocompleteFields.Count > 0);
        values["inline_raw_ids"] = inlines.Any(static inline => inline.Inline.RawIdFields.Count > 0);
        values["add"] = row is null;
        values["change"] = row is not null;
        values["intro"] = row is null ? _admin.AddIntro ?? "" : "";
        values["can_save"] = row is null ? permissions.Add : permissions.Change;
        values["can_add"] = permissions.Add;
        values["save_as"] = row is not null && _admin.SaveAs && permissions.Add;
        values["save_on_top"] = _admin.SaveOnTop;
        values["verbose_name"] = Admin.VerboseName;
        values["model_name"] = AdminSite.Capitalize(Admin.VerboseNamePlural);
        var filters = PreservedFilters(context);
        values["changelist_url"] = permissions.ViewOrChange ? ChangeListUrl(filters) : "";
        values["original"] = row is null ? "" : _admin.Display(row);
        values["delete_url"] = row is not null && permissions.Delete ? Carrying(Url.Reverse(DeleteName, Key(row)), filters) : "";
        values["history_url"] = row is null ? "" : Carrying(Url.Reverse(HistoryName, Key(row)), filters);
        values["tools"] = row is null ? new List<object?>() : _admin.ObjectTools(this, row, permissions)
            .Select(static tool => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["label"] = tool.Label, ["url"] = tool.Url }).ToList();
        values["view_on_site"] = row is null ? "" : SiteUrl(row);
        values["errors"] = invalid;
        values["error_count"] = form.State.Errors.Count + many.Count(static m => m.Error is not null) + inlines.Sum(static i => i.ErrorCount);
        values["raw_ids"] = await AdminReferenceWidgets.RawIdsAsync(Site, context, user, _admin.RawIdFields, form);
        values["autocompletes"] = await AdminReferenceWidgets.AutocompletesAsync(Site, context, user, _admin.AutocompleteFields, form, AppLabel, Admin.ModelName);
        values["related"] = await RelatedAsync(user, form);
        values["is_popup"] = IsPopup(context);

        // Without the change permission the page shows the row's values as text, as Django's view-only change page.
        var viewOnly = row is not null && !permissions.Change;
        values["view_only"] = viewOnly;
        values["fieldsets"] = Fieldsets(form, many, row, viewOnly);
        values["prepopulated"] = viewOnly ? "" : Prepopulated(form, inlines);
        await AdminSite.RenderAsync(context, "admin/change_form.html", values);
    }

    /// <summary>
    /// The page's sections, as Django's <c>fieldsets</c>: the admin's <see cref="ModelAdmin.Fieldsets"/>, else one of every field (the form's,
    /// then the many-to-many ones, then the read-only values of a saved row). Each line is a form field, a many-to-many field, or a label
    /// and a value as text: every line on a view-only page, and read-only fields, which a new row has none of.
    /// </summary>
    private List<object?> Fieldsets(IForm form, IReadOnlyList<AdminManyToManyValue> many, TModel? row, bool viewOnly)
    {
        var lines = new Dictionary<string, (Dictionary<string, object?> Line, bool HasErrors)>(StringComparer.Ordinal);
        foreach (var field in form)
        {
            lines.TryAdd(field.Field.Name, viewOnly
                ? (field.Field.UploadTo is not null && form.State.CurrentFile(form, field.Field) is { } file
                    ? (Text(field.Label, file, FormHtml.FileUrl(form.State.Files, file)), false)
                    : (Text(field.Label, field.Value is { Length: > 0 } value ? value : _admin.EmptyValueDisplay), false))
                : (Line("field", field), field.Errors.Count > 0));
        }

        foreach (var field in many)
        {
            lines.TryAdd(field.Field.Name, viewOnly ? (Text(field.Field.Label, field.Shown), false) : (Line("many", field.ToTemplate()), field.Error is not null));
        }

        if (row is not null)
        {
            foreach (var field in _admin.ReadonlyFields)
            {
                var value = field.Value(row);
                lines.TryAdd(field.Name, (Text(field.Label, field.Format(value, _admin.EmptyValueDisplay),
                    field.IsFile && value is string { Length: > 0 } file ? FormHtml.FileUrl(form.State.Files, file) : null), false));
            }
        }

        var fieldsets = row is null ? _admin.AddFieldsets : _admin.Fieldsets;
        return fieldsets.Count == 0 ? [Section(new AdminFieldset(null, [.. lines.Keys]))] : [.. fieldsets.Select(Section).Where(static s => s is not null)];

        object? Section(AdminFieldset fieldset)
        {
            // A section of read-only fields alone has nothing to show on the add page: it is left out.
            var shown = fieldset.Fields.Where(lines.ContainsKey).Select(name => lines[name]).ToList();
            return shown.Count == 0 && fieldset.Fields.Count > 0 ? null : new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = fieldset.Name ?? "",
                ["description"] = fieldset.Description ?? "",
                ["collapse"] = fieldset.Collapse && fieldset.Name is not null,
                ["open"] = shown.Any(static line => line.HasErrors),
                ["wide"] = fieldset.Wide,
                ["lines"] = shown.Select(static line => (object?)line.Line).ToList(),
            };
        }

        static Dictionary<string, object?> Line(string kind, object field) => new(StringComparer.Ordinal) { ["kind"] = kind, ["field"] = field };

        static Dictionary<string, object?> Text(string label, string value, string? link = null) =>
            new(StringComparer.Ordinal) { ["kind"] = "text", ["label"] = label, ["value"] = value, ["link"] = link };
    }

    /// <summary>
    /// What the admin's <c>prepopulate.js</c> reads (<see cref="AdminReferenceWidgets.WritePrepopulated"/>): the fields of the admin's form
    /// and of the inlines' editable rows filled from others; "" when there are none.
    /// </summary>
    private string Prepopulated(IForm form, IReadOnlyList<AdminFormSet<TModel>> inlines)
    {
        if (_admin.PrepopulatedFields.Count == 0 && inlines.All(static inline => inline.Inline.PrepopulatedFields.Count == 0))
        {
            return "";
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            AdminReferenceWidgets.WritePrepopulated(json, _admin.PrepopulatedFields, form);
            foreach (var inline in inlines)
            {
                foreach (var rowForm in inline.EditableForms)
                {
                    AdminReferenceWidgets.WritePrepopulated(json, inline.Inline.PrepopulatedFields, rowForm);
                }
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Django's links beside a reference's select (<c>RelatedFieldWidgetWrapper</c>), each opening a page of the target in a popup
    /// (<c>related.js</c>): "+" adds a row, for users who may add rows of the target, and the row added is chosen in the select; the
    /// pencil changes the row chosen, for users who may change them, and its new name is shown in the select. The pencil's address
    /// holds <c>__fk__</c> where the chosen key goes, so the script follows the select.
    /// </summary>
    private async Task<List<object?>> RelatedAsync(CurrentUser user, IForm form)
    {
        var links = new List<object?>();
        foreach (var reference in _admin.RelatedFields)
        {
            if (reference.Target(Site) is not { } target || form.FirstOrDefault(f => f.Field.Name == reference.Field) is not { } field)
            {
                continue;
            }

            var permissions = await AdminSite.PermissionsAsync(user, target);
            if (!permissions.Add && !permissions.Change)
            {
                continue;
            }

            var chosen = field.Value?.Trim() ?? "";
            var template = Url.Reverse(target.ChangeName, ChosenKey) + "?" + PopupParameter + "=1";
            links.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["field"] = reference.Field,
                ["add_url"] = permissions.Add ? Url.Reverse(target.AddName) + "?" + PopupParameter + "=1" : "",
                ["add_label"] = "Add another " + target.Admin.VerboseName,
                ["change_template"] = permissions.Change ? template : "",
                ["change_url"] = permissions.Change && chosen.Length > 0 ? template.Replace(ChosenKey, Uri.EscapeDataString(chosen), StringComparison.Ordinal) : "",
                ["change_label"] = "Change selected " + target.Admin.VerboseName,
            });
        }

        return links;
    }

    /// <summary>Where the pencil's address takes the key chosen in the select (Django's <c>__fk__</c>).</summary>
    private const string ChosenKey = "__fk__";

    /// <summary>
    /// Django's <c>popup_response</c>: after a save in a popup, instead of a redirect and a message, a page whose script tells the page
    /// that opened the popup what was saved (<paramref name="action"/> <c>add</c> or <c>change</c>), then closes it.
    /// </summary>
    private Task PopupResponseAsync(HttpContext context, TModel row, string action) =>
        AdminSite.RenderAsync(context, "admin/popup_response.html", new(StringComparer.Ordinal) { ["action"] = action, ["value"] = Key(row), ["label"] = _admin.Display(row) });

    /// <summary>The page is in a popup that another page opened (Django's <c>_popup</c>).</summary>
    private static bool IsPopup(HttpContext context) => context.Request.Query.ContainsKey(PopupParameter);

    /// <summary>
    /// The row's URL on the site, or "" for none: a path of the site (<c>/blog/2024/post/</c>) or an http(s) address, never a
    /// <c>javascript:</c> or other scheme; a URL that can't be reversed (a value its route doesn't take) is no link, not an error page.
    /// </summary>
    private string SiteUrl(TModel row)
    {
        string? url;
        try
        {
            url = _admin.ViewOnSite?.Invoke(row);
        }
        catch (NoReverseMatchException)
        {
            return "";
        }

        return url switch
        {
            null or "" => "",
            ['/', not ('/' or '\\'), ..] or "/" => url,
            _ when Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp) => url,
            _ => "",
        };
    }

    /// <summary>After a save: Django's message, then the page each button asks for.</summary>
    private async Task SavedAsync(HttpContext context, TModel row, string verb, AdminPermissions permissions, bool added)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = $"The {Admin.VerboseName} “{_admin.Display(row)}” was {verb} successfully.";
        var filters = PreservedFilters(context);
        if (form.ContainsKey("_continue") || (added && (_admin.ContinuesAfterAdd || form.ContainsKey("_saveasnew")) && !form.ContainsKey("_addanother")))
        {
            Messages.Success(context, name + " You may edit it again below.");
            context.Response.Redirect(Carrying(Url.Reverse(ChangeName, Key(row)), filters));
        }
        else if (form.ContainsKey("_addanother"))
        {
            Messages.Success(context, name + $" You may add another {Admin.VerboseName} below.");
            context.Response.Redirect(Carrying(Url.Reverse(AddName), filters));
        }
        else
        {
            Messages.Success(context, name);
            context.Response.Redirect(permissions.ViewOrChange ? ChangeListUrl(filters) : Url.Reverse(AdminSite.IndexName));
        }
    }

    // ---- Delete and history ---------------------------------------------------------------------------------

    private async Task DeleteAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context, static p => p.Delete) is not var (user, _))
        {
            return;
        }

        if (await FindAsync(context) is not { } row)
        {
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (await RequestBinding.ReadFormAsync(context, "post") is null)
            {
                return;
            }

            var display = _admin.Display(row);
            await LogAsync(context, user, row, LogAction.Deletion, "[{\"deleted\": {}}]");
            await Rows(context).DeleteAsync(row, context.RequestAborted);
            Messages.Success(context, $"The {Admin.VerboseName} “{display}” was deleted successfully.");
            context.Response.Redirect(ChangeListUrl(PreservedFilters(context)));
            return;
        }

        var values = await Site.PageAsync(context, user, "Are you sure?");
        var filters = PreservedFilters(context);
        values["verbose_name"] = Admin.VerboseName;
        values["object_name"] = _admin.Display(row);
        values["changelist_url"] = ChangeListUrl(filters);
        values["change_url"] = Carrying(Url.Reverse(ChangeName, Key(row)), filters);
        values["objects"] = await DeletedObjectsAsync(context, [row]);
        await AdminSite.RenderAsync(context, "admin/delete_confirmation.html", values);
    }

    /// <summary>Each row, and the rows of other models that its deletion deletes with it (required foreign keys cascade).</summary>
    private async Task<List<object?>> DeletedObjectsAsync(HttpContext context, List<TModel> rows)
    {
        var result = new List<object?>();
        var db = Db(context);
        foreach (var row in rows)
        {
            var related = new List<object?>();
            foreach (var dependent in _admin.Dependents.Where(static d => d.Cascades))
            {
                foreach (var name in await dependent.FindAsync(db, _admin.Model.GetKey(row)!, context.RequestAborted))
                {
                    related.Add($"{AdminSite.Capitalize(dependent.VerboseName)}: {name}");
                }
            }

            result.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["label"] = $"{AdminSite.Capitalize(Admin.VerboseName)}: {_admin.Display(row)}",
                ["url"] = Url.Reverse(ChangeName, Key(row)),
                ["related"] = related,
            });
        }

        return result;
    }

    private async Task HistoryAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context, static p => p.ViewOrChange) is not var (user, _))
        {
            return;
        }

        if (await FindAsync(context) is not { } row)
        {
            return;
        }

        var auth = context.RequestServices.GetRequiredService<AuthDb>();
        var entries = await new QuerySet<LogEntry>(auth, LogEntryModel.Instance)
            .Where(new ComparisonCondition<LogEntry>(LogEntryModel.AppLabelColumn, "=", AppLabel)
                & new ComparisonCondition<LogEntry>(LogEntryModel.ModelNameColumn, "=", Admin.ModelName)
                & new ComparisonCondition<LogEntry>(LogEntryModel.ObjectIdColumn, "=", Key(row)))
            .OrderByColumn(LogEntryModel.ActionTimeColumn, descending: false).OrderByColumn(LogEntryModel.IdColumn, descending: false, then: true)
            .ToListAsync(context.RequestAborted);
        var userIds = entries.Select(static e => (object)e.UserId).Distinct().ToArray();
        var users = userIds.Length == 0 ? [] : await auth.Users.Where(new InCondition<User>(UserModel.IdColumn, userIds)).ToListAsync(context.RequestAborted);
        var values = await Site.PageAsync(context, user, $"Change history: {_admin.Display(row)}");
        values["verbose_name"] = Admin.VerboseName;
        var filters = PreservedFilters(context);
        values["changelist_url"] = ChangeListUrl(filters);
        values["change_url"] = Carrying(Url.Reverse(ChangeName, Key(row)), filters);
        values["original"] = _admin.Display(row);
        values["entries"] = entries.ConvertAll(entry => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["time"] = entry.ActionTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
            ["user"] = users.FirstOrDefault(u => u.Id == entry.UserId)?.Username ?? "",
            ["action"] = Describe(entry),
        });
        await AdminSite.RenderAsync(context, "admin/object_history.html", values);
    }

    /// <summary>Django's words for a log entry's change message: "Changed Title. Added comment “Nice”."</summary>
    private static string Describe(LogEntry entry)
    {
        try
        {
            using var json = JsonDocument.Parse(entry.ChangeMessage);
            var sentences = new List<string>();
            foreach (var item in json.RootElement.EnumerateArray())
            {
                foreach (var part in item.EnumerateObject())
                {
                    var named = part.Value.TryGetProperty("name", out var name) && part.Value.TryGetProperty("object", out var shown)
                        ? $" {name.GetString()} “{shown.GetString()}”"
                        : null;
                    var fields = part.Value.TryGetProperty("fields", out var list)
                        ? list.EnumerateArray().Select(static f => f.GetString() ?? "").ToArray()
                        : [];
                    sentences.Add(part.Name switch
                    {
                        "added" => named is null ? "Added." : $"Added{named}.",
                        "deleted" => named is null ? "Deleted." : $"Deleted{named}.",
                        _ => $"Changed {TextList(fields)}" + (named is null ? "." : $" for{named}."),
                    });
                }
            }

            return sentences.Count > 0 ? string.Join(" ", sentences)
                : entry.Action switch
                {
                    LogAction.Addition => "Added.",
                    LogAction.Deletion => "Deleted.",
                    _ => "No fields changed.",
                };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return entry.ChangeMessage;
        }
    }

    /// <summary>Django's <c>get_text_list</c>: "Title", "Title and Body", "Title, Slug and Body".</summary>
    private static string TextList(string[] items) => items.Length switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items[..^1]) + " and " + items[^1],
    };
}
