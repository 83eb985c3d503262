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
    private async Task AddCoreAsync(HttpContext context, CurrentUser user, AdminPermissions permissions)
    {
        if (await _admin.BindFormAsync(context, null) is not { } form)
        {
            return;
        }

        var many = await ReadManyToManyAsync(context, form, null);
        if (IsValid(form, many) && await SaveAsync(context, form, many) is { } row)
        {
            await LogAsync(context, user, row, LogAction.Addition, "[{\"added\": {}}]");
            await SavedAsync(context, row, "added", permissions, added: true);
            return;
        }

        await RenderFormAsync(context, user, permissions, form, many, null, $"Add {Admin.VerboseName}");
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

                await AddCoreAsync(context, user, permissions);
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
        if (IsValid(form, many))
        {
            // What the row's many-to-many fields held before the save, for the log's changed fields.
            var held = new List<IReadOnlySet<string>>(many.Count);
            foreach (var field in many)
            {
                held.Add(await field.Field.LoadSelected(Db(context), _admin.Model.GetKey(row)!, context.RequestAborted));
            }

            if (await SaveAsync(context, form, many) is { } saved)
            {
                var after = new object?[before.Length];
                _admin.Model.GetValues(saved, after);
                var changed = form.Where(field => Changed(field.Field.Property)).Select(static field => field.Label)
                    .Concat(many.Where((m, i) => !m.Selected.SetEquals(held[i])).Select(static m => m.Field.Label))
                    .ToArray();
                await LogAsync(context, user, saved, LogAction.Change,
                    changed.Length == 0 ? "[]" : "[{\"changed\": {\"fields\": " + JsonSerializer.Serialize(changed, AdminJson.Default.StringArray) + "}}]");
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
        await RenderFormAsync(context, user, permissions, form, many, row, $"{verb} {Admin.VerboseName}");
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

    private static bool IsValid(IForm form, IReadOnlyList<AdminManyToManyValue> many) =>
        form.State.IsBound && form.State.IsValid && many.All(static m => m.Error is null);

    /// <summary>The row and its many-to-many fields, in one transaction; null when the form's save found an error (a taken unique value).</summary>
    private async Task<TModel?> SaveAsync(HttpContext context, IForm form, IReadOnlyList<AdminManyToManyValue> many)
    {
        var db = Db(context);
        await using var transaction = many.Count > 0 ? await db.BeginTransactionAsync(context.RequestAborted) : null;
        if (await _admin.SaveFormAsync(form, db, context.RequestAborted) is not { } row)
        {
            return null;
        }

        foreach (var field in many)
        {
            await field.Field.SaveAsync(db, _admin.Model.GetKey(row)!, field.Selected, context.RequestAborted);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(context.RequestAborted);
        }

        return row;
    }

    private async Task RenderFormAsync(HttpContext context, CurrentUser user, AdminPermissions permissions, IForm form, IReadOnlyList<AdminManyToManyValue> many, TModel? row, string title)
    {
        var values = await Site.PageAsync(context, user, title);
        var invalid = form.State.IsBound && !IsValid(form, many);
        values["form"] = form;
        values["many"] = many.Select(static m => (object?)m.ToTemplate()).ToList();
        values["add"] = row is null;
        values["change"] = row is not null;
        values["intro"] = row is null ? _admin.AddIntro ?? "" : "";
        values["can_save"] = row is null ? permissions.Add : permissions.Change;
        values["can_add"] = permissions.Add;
        values["save_as"] = row is not null && _admin.SaveAs && permissions.Add;
        values["verbose_name"] = Admin.VerboseName;
        values["model_name"] = AdminSite.Capitalize(Admin.VerboseNamePlural);
        values["changelist_url"] = permissions.ViewOrChange ? Url.Reverse(ChangeListName) : "";
        values["original"] = row is null ? "" : _admin.Display(row);
        values["delete_url"] = row is not null && permissions.Delete ? Url.Reverse(DeleteName, Key(row)) : "";
        values["history_url"] = row is null ? "" : Url.Reverse(HistoryName, Key(row));
        values["tools"] = row is null ? new List<object?>() : _admin.ObjectTools(this, row, permissions)
            .Select(static tool => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["label"] = tool.Label, ["url"] = tool.Url }).ToList();
        values["view_on_site"] = row is null ? "" : SiteUrl(row);
        values["errors"] = invalid;
        values["error_count"] = form.State.Errors.Count + many.Count(static m => m.Error is not null);
        values["readonly"] = row is null ? new List<object?>() : _admin.ReadonlyFields.Select(field => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = field.Label,
            ["value"] = field.Format(field.Value(row)),
        }).ToList();

        // Without the change permission the page shows the row's values as text, as Django's view-only change page.
        values["view_only"] = row is not null && !permissions.Change;
        values["values"] = row is null || permissions.Change ? new List<object?>() : form.Select(field => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = field.Label,
            ["value"] = field.Value is { } v ? AdminSite.FormatValue(v) : "-",
        }).Concat(many.Select(static m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = m.Field.Label,
            ["value"] = m.Shown,
        })).ToList();
        await AdminSite.RenderAsync(context, "admin/change_form.html", values);
    }

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
        if (form.ContainsKey("_continue") || (added && (_admin.ContinuesAfterAdd || form.ContainsKey("_saveasnew")) && !form.ContainsKey("_addanother")))
        {
            Messages.Success(context, name + " You may edit it again below.");
            context.Response.Redirect(Url.Reverse(ChangeName, Key(row)));
        }
        else if (form.ContainsKey("_addanother"))
        {
            Messages.Success(context, name + $" You may add another {Admin.VerboseName} below.");
            context.Response.Redirect(Url.Reverse(AddName));
        }
        else
        {
            Messages.Success(context, name);
            context.Response.Redirect(permissions.ViewOrChange ? Url.Reverse(ChangeListName) : Url.Reverse(AdminSite.IndexName));
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
            context.Response.Redirect(Url.Reverse(ChangeListName));
            return;
        }

        var values = await Site.PageAsync(context, user, "Are you sure?");
        values["verbose_name"] = Admin.VerboseName;
        values["object_name"] = _admin.Display(row);
        values["changelist_url"] = Url.Reverse(ChangeListName);
        values["change_url"] = Url.Reverse(ChangeName, Key(row));
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
        values["changelist_url"] = Url.Reverse(ChangeListName);
        values["change_url"] = Url.Reverse(ChangeName, Key(row));
        values["original"] = _admin.Display(row);
        values["entries"] = entries.ConvertAll(entry => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["time"] = entry.ActionTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC",
            ["user"] = users.FirstOrDefault(u => u.Id == entry.UserId)?.Username ?? "",
            ["action"] = Describe(entry),
        });
        await AdminSite.RenderAsync(context, "admin/object_history.html", values);
    }

    /// <summary>Django's words for a log entry's change message.</summary>
    private static string Describe(LogEntry entry)
    {
        if (entry.Action == LogAction.Addition)
        {
            return "Added.";
        }

        if (entry.Action == LogAction.Deletion)
        {
            return "Deleted.";
        }

        try
        {
            using var json = JsonDocument.Parse(entry.ChangeMessage);
            var fields = json.RootElement.EnumerateArray()
                .Where(static item => item.TryGetProperty("changed", out _))
                .SelectMany(static item => item.GetProperty("changed").GetProperty("fields").EnumerateArray().Select(static f => f.GetString() ?? ""))
                .ToArray();
            return fields.Length == 0 ? "No fields changed." : "Changed " + (fields.Length == 1 ? fields[0] : string.Join(", ", fields[..^1]) + " and " + fields[^1]) + ".";
        }
        catch (JsonException)
        {
            return entry.ChangeMessage;
        }
    }
}
