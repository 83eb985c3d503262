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

/// <summary>The change list: columns, sorting, search, filters, date links, pages, and the delete action.</summary>
internal sealed partial class AdminModelViews<TModel>
{
    // ---- Change list ----------------------------------------------------------------------------------------

    private async Task ChangeListAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context, static p => p.ViewOrChange) is not var (user, permissions))
        {
            return;
        }

        var query = context.Request.Query;
        if (!TryFilter(query, Rows(context), out var filtered, out var search, out var shortened))
        {
            StartOver(context);
            return;
        }

        if (shortened && HttpMethods.IsGet(context.Request.Method))
        {
            Messages.Warning(context, $"Only the first {SearchWords} words of the search were looked for.");
        }

        // Django's lookup popup (a raw id's "Lookup"): each row's link chooses its key for the page that opened it; no actions, no edits.
        var popup = IsPopup(context);
        IReadOnlyList<AdminListForm<TModel>>? bound = null;
        if (HttpMethods.IsPost(context.Request.Method) && !popup)
        {
            if (_admin.ListEditable is { } editable)
            {
                if (await RequestBinding.ReadFormAsync(context, "_save") is not { } posted)
                {
                    return;
                }

                if (posted.ContainsKey("_save"))
                {
                    if (!permissions.Change)
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }

                    bound = await EditListAsync(context, user, filtered, editable, posted);
                    if (bound is null)
                    {
                        return;
                    }
                }
            }

            if (bound is null)
            {
                await ActionAsync(context, user, permissions, filtered);
                return;
            }
        }

        var ordering = Ordering(query[OrderParameter].ToString());
        var ordered = Ordered(filtered, ordering);
        var count = await filtered.CountAsync(context.RequestAborted);
        var paginator = new Paginator(count, Math.Max(1, Admin.ListPerPage));
        var pages = paginator.NumPages;
        int page;
        try
        {
            // As Django's change list: a page that isn't a number is the first; one that is but names no page starts over.
            page = paginator.ValidateNumber(query[PageParameter].ToString());
        }
        catch (PageNotAnIntegerException)
        {
            page = 1;
        }
        catch (EmptyPageException)
        {
            StartOver(context);
            return;
        }

        // Django's "Show all": every row found on one page, when they are few enough (list_max_show_all); else the pages, as if not asked.
        var canShowAll = count <= _admin.ListMaxShowAll;
        var showAll = canShowAll && query.ContainsKey(AllParameter);
        var paged = showAll ? ordered : ordered.Skip(paginator.Offset(page)).Take(paginator.Length(page));
        foreach (var relation in _admin.Includes)
        {
            paged = paged.Include(relation);
        }

        var rows = await paged.ToListAsync(context.RequestAborted);
        var filtersApplied = query.Keys.Any(static k => k is not (OrderParameter or PageParameter or ErrorFlag or PopupParameter or AllParameter));
        var total = filtersApplied ? await Rows(context).CountAsync(context.RequestAborted) : count;

        var values = await Site.PageAsync(context, user, popup ? $"Select {Admin.VerboseName}" : $"Select {Admin.VerboseName} to {(permissions.Change ? "change" : "view")}");
        values["model_name"] = AdminSite.Capitalize(Admin.VerboseNamePlural);
        values["verbose_name"] = Admin.VerboseName;
        values["verbose_name_plural"] = Admin.VerboseNamePlural;
        // Django's preserve_filters: the pages opened from the list carry its query, to come back to it.
        var filters = popup ? "" : context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        values["add_url"] = permissions.Add && !popup ? Carrying(Url.Reverse(AddName), filters) : "";
        values["is_popup"] = popup;
        var actions = popup ? [] : Actions(permissions);
        values["actions"] = actions;
        values["can_act"] = actions.Count > 0;
        values["headers"] = Headers(query, ordering);
        var forms = _admin.ListEditable is { } listEditable && permissions.Change && !popup
            ? await listEditable.ShowAsync(context.RequestServices, rows, context.RequestAborted)
            : null;
        values["editable"] = forms is not null;

        // A browser checks a required menu before any "Go": only when it is the form's one menu and the only thing it posts.
        values["action_required"] = forms is null && !(_admin.ActionsOnTop && _admin.ActionsOnBottom);
        values["management_form"] = new SafeString(FormValues.ManagementForm(AdminListEditable<TModel>.Prefix, rows.Count, rows.Count, 0, FormValues.DefaultMaxForms));
        var files = _admin.ListDisplay.Any(static f => f.IsFile) ? context.RequestServices.GetService<Files.IFileStorage>() : null;
        values["rows"] = rows.Select((row, i) => (object?)Row(row, filters, forms is null ? null : bound?.FirstOrDefault(f => f.Row is not null && f.PostedKey == Key(row))?.Form ?? forms[i].Form, files)).ToList();
        var refused = bound?.Where(static f => f.Row is null).SelectMany(static f => f.Form.State.Errors.NonField).Distinct().ToList() ?? [];
        values["list_errors"] = refused.Cast<object?>().ToList();
        values["error_count"] = bound?.Count(static f => !f.Form.State.IsValid) ?? 0;
        values["search_enabled"] = _admin.SearchFields.Count > 0;
        values["search"] = search;
        values["result_count"] = count;
        values["full_count"] = total;
        values["filtered"] = filtersApplied;
        values["count_text"] = $"{count} {(count == 1 ? Admin.VerboseName : Admin.VerboseNamePlural)}";
        values["filters"] = await FiltersAsync(context, query);
        values["dates"] = Admin.DateHierarchy is { } hierarchy ? await DatesAsync(context, query, filtered, hierarchy) : null;
        values["pagination"] = Pagination(query, page, paginator);
        values["page"] = page;
        values["pages"] = showAll ? 1 : pages;
        values["show_all_url"] = canShowAll && !showAll && pages > 1 ? Link(query, [PageParameter], [(AllParameter, "")]) : "";
        values["search_help_text"] = _admin.SearchHelpText ?? "";
        values["actions_on_top"] = _admin.ActionsOnTop;
        values["actions_on_bottom"] = _admin.ActionsOnBottom;
        values["all_url"] = Link(query, [SearchParameter, PageParameter], []);
        values["query_hidden"] = query.Where(static q => q.Key is not (SearchParameter or PageParameter or ErrorFlag))
            .Select(static q => (object?)new Dictionary<string, object?> { ["name"] = q.Key, ["value"] = q.Value.ToString() }).ToList();
        await AdminSite.RenderAsync(context, "admin/change_list.html", values);
    }

    /// <summary>
    /// Django's answer to <c>IncorrectLookupParameters</c>: start again from the unfiltered list, flagged with <c>?e=1</c>; a flagged
    /// request that is still wrong is a 400, so a bad link never loops.
    /// </summary>
    private static void StartOver(HttpContext context)
    {
        if (context.Request.Query.ContainsKey(ErrorFlag))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.Redirect(context.Request.PathBase + context.Request.Path + "?" + ErrorFlag + "=1");
    }

    /// <summary>The query set narrowed by the search box and the filters in the query string; false for a parameter the list doesn't know.</summary>
    private bool TryFilter(IQueryCollection query, QuerySet<TModel> rows, out QuerySet<TModel> filtered, out string search, out bool shortened)
    {
        filtered = rows;
        shortened = false;
        search = query[SearchParameter].ToString().Trim();
        foreach (var (key, value) in query)
        {
            var text = value.ToString();
            if (key is SearchParameter or OrderParameter or PageParameter or ErrorFlag or PopupParameter or AllParameter)
            {
                continue;
            }

            if (ParseFilter(key, text) is not { } condition)
            {
                return false;
            }

            filtered = filtered.Where(condition);
        }

        filtered = Search(filtered, search, out shortened);
        return true;
    }

    /// <summary>
    /// The rows where every word of <paramref name="search"/> is found in one of <c>SearchFields</c>, as Django's search; a word said
    /// twice counts once, and words beyond <see cref="SearchWords"/> are left out (<paramref name="shortened"/>), since each is a
    /// condition of the query and a database refuses a query of thousands.
    /// </summary>
    private QuerySet<TModel> Search(QuerySet<TModel> rows, string search, out bool shortened)
    {
        var words = search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        shortened = words.Count > SearchWords;
        if (_admin.SearchFields.Count == 0)
        {
            return rows;
        }

        foreach (var word in words.Take(SearchWords))
        {
            Condition<TModel>? any = null;
            foreach (var column in _admin.SearchFields)
            {
                Condition<TModel> match = new TextCondition<TModel>(column, TextMatch.IContains, word);
                any = any is null ? match : any | match;
            }

            rows = rows.Where(any!);
        }

        return rows;
    }

    /// <summary>
    /// The rows in <paramref name="ordering"/>, then by the key, descending, so that every page holds the rows it should whatever the
    /// other columns hold (Django's <c>-pk</c>).
    /// </summary>
    private QuerySet<TModel> Ordered(QuerySet<TModel> rows, List<(ColumnInfo Column, bool Descending)> ordering)
    {
        var first = true;
        foreach (var (column, descending) in ordering)
        {
            rows = rows.OrderByColumn(column, descending, then: !first);
            first = false;
        }

        return ordering.Any(o => ReferenceEquals(o.Column, _admin.Model.Key)) ? rows : rows.OrderByColumn(_admin.Model.Key, descending: true, then: !first);
    }

    /// <summary>A filter's condition from one query parameter (<c>year__exact=2024</c>), or null when it isn't one.</summary>
    private Condition<TModel>? ParseFilter(string key, string text)
    {
        var separator = key.IndexOf("__", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var name = key[..separator];
        var lookup = key[(separator + 2)..];
        if (_admin.ListFilter.FirstOrDefault(f => f.Name == name) is { Lookup: { } related })
        {
            return lookup == "id__exact" && related(text) is { } render ? new CustomCondition<TModel>(render) : null;
        }

        var column = _admin.ListFilter.FirstOrDefault(f => f.Name == name)?.Column
            ?? (Admin.DateHierarchy is { } hierarchy && Snake(hierarchy.Property) == name ? hierarchy : null);
        if (column is null)
        {
            return null;
        }

        switch (lookup)
        {
            case "isnull" when column.IsNullable:
                return text switch
                {
                    "True" or "1" => new NullCondition<TModel>(column, isNull: true),
                    "False" or "0" => new NullCondition<TModel>(column, isNull: false),
                    _ => null,
                };
            case "exact" or "id__exact":
                return FilterValue(column, text) is { } value ? new ComparisonCondition<TModel>(column, "=", value) : null;
            case "gte" or "lt":
                return DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new ComparisonCondition<TModel>(column, lookup == "gte" ? ">=" : "<", date) : null;
            case "year" or "month" or "day":
                return null; // Read with the others by DateRange, below.
            default:
                return null;
        }
    }

    private static object? FilterValue(ColumnInfo column, string text) => column.Kind switch
    {
        ColumnKind.Boolean => text switch { "1" or "True" => true, "0" or "False" => false, _ => null },
        ColumnKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null,
        ColumnKind.Text => text,
        _ => Guid.TryParse(text, out var guid) ? guid : text,
    };

    private List<(ColumnInfo Column, bool Descending)> Ordering(string parameter)
    {
        var result = new List<(ColumnInfo, bool)>();
        if (parameter.Length > 0)
        {
            foreach (var part in parameter.Split('.'))
            {
                var descending = part.StartsWith('-');
                if (int.TryParse(descending ? part[1..] : part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index >= 1 && index <= _admin.ListDisplay.Count && _admin.ListDisplay[index - 1] is { Column: { } column } field
                    && !result.Any(r => ReferenceEquals(r.Item1, column)))
                {
                    result.Add((column, descending ^ field.OrderReversed));
                }
            }
        }

        return result.Count > 0 ? result : [.. _admin.Ordering];
    }

    private List<object?> Headers(IQueryCollection query, List<(ColumnInfo Column, bool Descending)> ordering)
    {
        var headers = new List<object?>();
        if (_admin.ListDisplay.Count == 0)
        {
            headers.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["label"] = Admin.VerboseName.ToUpperInvariant(), ["sortable"] = false });
            return headers;
        }

        var current = query[OrderParameter].ToString().Split('.', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < _admin.ListDisplay.Count; i++)
        {
            var field = _admin.ListDisplay[i];
            var header = new Dictionary<string, object?>(StringComparer.Ordinal) { ["label"] = field.Label, ["sortable"] = field.Column is not null };
            if (field.Column is { } column)
            {
                var index = (i + 1).ToString(CultureInfo.InvariantCulture);
                var position = ordering.FindIndex(o => ReferenceEquals(o.Column, column));
                // The header's direction is the one its link asked for; a reversed field's column is sorted the other way.
                var descending = position >= 0 && ordering[position].Descending ^ field.OrderReversed;
                var sorted = position >= 0 ? (descending ? "descending" : "ascending") : "";
                var others = current.Where(o => o.TrimStart('-') != index).ToList();
                var toggled = position == 0 && !descending ? "-" + index : index;
                header["sorted"] = sorted;
                header["url"] = Link(query, [OrderParameter, PageParameter], [(OrderParameter, string.Join('.', others.Prepend(toggled)))]);
                header["remove_url"] = position >= 0 ? Link(query, [OrderParameter, PageParameter], others.Count > 0 ? [(OrderParameter, string.Join('.', others))] : []) : "";
            }

            headers.Add(header);
        }

        return headers;
    }

    private Dictionary<string, object?> Row(TModel row, string filters, IForm? form, Files.IFileStorage? files)
    {
        var key = Key(row);
        var url = Carrying(Url.Reverse(ChangeName, key), filters);
        var cells = new List<object?>();
        if (_admin.ListDisplay.Count == 0)
        {
            cells.Add(Cell(_admin.Display(row), url, boolean: null));
        }
        else
        {
            var links = _admin.ListDisplayLinks.Count > 0 ? _admin.ListDisplayLinks : [_admin.ListDisplay[0].Name];
            foreach (var field in _admin.ListDisplay)
            {
                var value = field.Value(row);
                var cell = Cell(field.Name == "__str__" ? _admin.Display(row) : field.Format(value, _admin.EmptyValueDisplay), links.Contains(field.Name) ? url : "",
                    field.IsBoolean ? value switch { true => "yes", false => "no", _ => "unknown" } : null);
                if (field.IsFile && value is string { Length: > 0 } name && cell["link"] is "")
                {
                    cell["file"] = FormHtml.FileUrl(files, name);
                }

                if (form is not null && _admin.ListEditable!.Fields.Contains(field.Name) && form.State.Info.Find(field.Name) is { } edited)
                {
                    cell["field"] = form.State.BoundFields(form)[edited.Index];
                }

                cells.Add(cell);
            }
        }

        return new(StringComparer.Ordinal)
        {
            ["pk"] = key,
            ["cells"] = cells,
            ["display"] = _admin.Display(row),
            ["form_prefix"] = form?.State.Prefix ?? "",
            ["errors"] = form is { State.Errors.NonField.Count: > 0 } ? form.State.Errors.NonField : null,
        };
    }

    /// <summary>
    /// The list's "Save" (Django's <c>list_editable</c>): binds the posted forms to the rows their keys name among those the filters find,
    /// and when every form is valid saves the rows that changed in one transaction, logs each, and redirects back to the list. The bound
    /// forms when the list must be shown again with their errors; null when the request was answered.
    /// </summary>
    private async Task<IReadOnlyList<AdminListForm<TModel>>?> EditListAsync(
        HttpContext context, CurrentUser user, QuerySet<TModel> filtered, AdminListEditable<TModel> editable, IFormCollection posted)
    {
        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        if (AdminListEditable<TModel>.PostedKeys(posted) is not { } keys)
        {
            FormValues.TryReadFormCount(posted, AdminListEditable<TModel>.Prefix, out _, out _, out var tampered);
            Messages.Error(context, tampered.Length > 0 ? tampered : FormValues.AtMost(AdminListEditable<TModel>.MaxForms));
            context.Response.Redirect(back);
            return null;
        }

        var parsed = keys.Select(ParseKey).OfType<object>().Distinct().ToArray();
        var rows = parsed.Length == 0 ? [] : await filtered.Where(new InCondition<TModel>(_admin.Model.Key, parsed)).ToListAsync(context.RequestAborted);
        var forms = await editable.BindAsync(context.RequestServices, rows.ToDictionary(Key, StringComparer.Ordinal), posted, context.RequestAborted);
        if (forms is null || forms.Any(static f => !f.Form.State.IsValid))
        {
            return forms ?? [];
        }

        var db = Db(context);
        var changed = new List<(TModel Row, string Message)>();
        await using (var transaction = await db.BeginTransactionAsync(context.RequestAborted))
        {
            foreach (var form in forms)
            {
                var labels = AdminChanges.ChangedLabels(form.Form, _admin.Model, form.Row!);
                if (labels.Count == 0)
                {
                    continue; // As Django's formsets: a row left as it was isn't saved or logged.
                }

                if (await editable.SaveAsync(form, db, context.RequestAborted) is null)
                {
                    return forms; // A taken unique value: the error is on its form, and the transaction undoes the rest.
                }

                changed.Add((form.Row!, "[{\"changed\": {\"fields\": " + JsonSerializer.Serialize(labels.ToArray(), AdminJson.Default.StringArray) + "}}]"));
            }

            await transaction.CommitAsync(context.RequestAborted);
        }

        foreach (var (row, message) in changed)
        {
            await LogAsync(context, user, row, LogAction.Change, message);
        }

        if (changed.Count > 0)
        {
            Messages.Success(context, $"{changed.Count} {(changed.Count == 1 ? Admin.VerboseName : Admin.VerboseNamePlural)} {(changed.Count == 1 ? "was" : "were")} changed successfully.");
        }

        context.Response.Redirect(back);
        return null;
    }

    private static Dictionary<string, object?> Cell(string text, string link, string? boolean) =>
        new(StringComparer.Ordinal) { ["text"] = text, ["link"] = link, ["boolean"] = boolean };

    private async Task<List<object?>> FiltersAsync(HttpContext context, IQueryCollection query)
    {
        var result = new List<object?>();
        foreach (var filter in _admin.ListFilter)
        {
            var choices = new List<object?>();
            var prefix = filter.Name + "__";
            var mine = query.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            string[] without = [.. mine, PageParameter];
            void Add(string label, (string, string)[] set)
            {
                var selected = set.Length == 0 ? mine.Length == 0 : set.All(s => query[s.Item1].ToString() == s.Item2) && mine.Length == set.Length;
                choices.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["label"] = label, ["url"] = Link(query, without, set), ["selected"] = selected });
            }

            Add("All", []);
            var exact = filter.Name + (filter.Kind == AdminFilterKind.Reference ? "__id__exact" : "__exact");
            switch (filter.Kind)
            {
                case AdminFilterKind.Boolean:
                    Add("Yes", [(exact, "1")]);
                    Add("No", [(exact, "0")]);
                    break;
                case AdminFilterKind.Choices:
                    foreach (var choice in filter.Choices)
                    {
                        Add(choice.Label, [(exact, choice.Value)]);
                    }

                    break;
                case AdminFilterKind.Reference when filter.LoadChoices is { } load:
                    foreach (var choice in await load(Db(context), context.RequestAborted))
                    {
                        Add(choice.Label, [(exact, choice.Value)]);
                    }

                    break;
                case AdminFilterKind.Date:
                    var today = DateTime.UtcNow.Date;
                    string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    (string, string)[] Between(DateTime from, DateTime to) => [(filter.Name + "__gte", Day(from)), (filter.Name + "__lt", Day(to))];
                    Add("Today", Between(today, today.AddDays(1)));
                    Add("Past 7 days", Between(today.AddDays(-7), today.AddDays(1)));
                    Add("This month", Between(new DateTime(today.Year, today.Month, 1), new DateTime(today.Year, today.Month, 1).AddMonths(1)));
                    Add("This year", Between(new DateTime(today.Year, 1, 1), new DateTime(today.Year + 1, 1, 1)));
                    break;
            }

            if (filter.Column.IsNullable && filter.Kind != AdminFilterKind.Date)
            {
                Add(filter.Kind == AdminFilterKind.Boolean ? "Unknown" : "-", [(filter.Name + "__isnull", "True")]);
            }

            result.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = filter.Label, ["choices"] = choices });
        }

        return result;
    }

    /// <summary>Django's date hierarchy: years, then the months of the chosen year, then its days; each a range filter.</summary>
    private async Task<Dictionary<string, object?>> DatesAsync(HttpContext context, IQueryCollection query, QuerySet<TModel> filtered, ColumnInfo column)
    {
        var name = Snake(column.Property);
        var gte = query[name + "__gte"].ToString();
        var lt = query[name + "__lt"].ToString();
        var from = DateTime.TryParseExact(gte, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ? start : (DateTime?)null;
        var to = DateTime.TryParseExact(lt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ? end : (DateTime?)null;

        var links = new List<object?>();
        string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        void Add(string label, DateTime a, DateTime b) => links.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = label,
            ["url"] = Link(query, [name + "__gte", name + "__lt", PageParameter], [(name + "__gte", Day(a)), (name + "__lt", Day(b))]),
        });

        // As Django's date_hierarchy: the years, months or days that have rows among those the list shows, one DISTINCT query.
        string back = "";
        if (await filtered.Where(new NullCondition<TModel>(column, isNull: false)).FirstOrDefaultAsync(context.RequestAborted) is { } sample
            && DateTypeOf(sample, column) is { } dateType)
        {
            async Task<List<DateTime>> DistinctAsync(DatePart part) =>
                (await filtered.DatesCore(column, dateType, part, descending: false, async: true, context.RequestAborted)).ConvertAll(static d => d.ToDateTime(TimeOnly.MinValue));

            if (from is { } f && to is { } t && (t - f).TotalDays <= 31 && f.Day == 1)
            {
                foreach (var day in await DistinctAsync(DatePart.Day))
                {
                    Add(day.ToString("MMMM d", CultureInfo.InvariantCulture), day, day.AddDays(1));
                }

                back = Link(query, [name + "__gte", name + "__lt", PageParameter], [(name + "__gte", Day(new DateTime(f.Year, 1, 1))), (name + "__lt", Day(new DateTime(f.Year + 1, 1, 1)))]);
            }
            else if (from is not null && to is { } ye && (ye - from.Value).TotalDays > 31)
            {
                foreach (var month in await DistinctAsync(DatePart.Month))
                {
                    Add(month.ToString("MMMM yyyy", CultureInfo.InvariantCulture), month, month.AddMonths(1));
                }

                back = Link(query, [name + "__gte", name + "__lt", PageParameter], []);
            }
            else
            {
                foreach (var year in await DistinctAsync(DatePart.Year))
                {
                    Add(year.Year.ToString(CultureInfo.InvariantCulture), year, year.AddYears(1));
                }
            }
        }

        return new(StringComparer.Ordinal) { ["links"] = links, ["back_url"] = back };
    }

    /// <summary>The date type of <paramref name="column"/>'s values, read from a row: what the database's date functions are written for.</summary>
    private Type? DateTypeOf(TModel row, ColumnInfo column)
    {
        var values = new object?[_admin.Model.Columns.Count];
        _admin.Model.GetValues(row, values);
        return values[_admin.Model.IndexOf(column)] switch
        {
            DateTime => typeof(DateTime),
            DateOnly => typeof(DateOnly),
            DateTimeOffset => typeof(DateTimeOffset),
            _ => null,
        };
    }

    /// <summary>The page links, as Django's admin: its elided page range (2 pages at each end, 3 either side of this one).</summary>
    private static List<object?> Pagination(IQueryCollection query, int page, Paginator paginator) =>
        paginator.GetElidedPageRange(page).Select(item => (object?)(item is int number
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["number"] = number,
                ["current"] = number == page,
                ["url"] = Link(query, [PageParameter, ErrorFlag], number == 1 ? [] : [(PageParameter, number.ToString(CultureInfo.InvariantCulture))]),
            }
            : new Dictionary<string, object?>(StringComparer.Ordinal) { ["ellipsis"] = true })).ToList();

    /// <summary>The change list's URL with the current query string, less <paramref name="remove"/>, plus <paramref name="set"/>.</summary>
    private static string Link(IQueryCollection query, string[] remove, (string Key, string Value)[] set)
    {
        var builder = new StringBuilder("?");
        foreach (var (key, values) in query)
        {
            if (key == ErrorFlag || remove.Contains(key) || set.Any(s => s.Key == key))
            {
                continue;
            }

            foreach (var value in values)
            {
                Append(builder, key, value ?? "");
            }
        }

        foreach (var (key, value) in set)
        {
            Append(builder, key, value);
        }

        return builder.ToString();

        static void Append(StringBuilder builder, string key, string value)
        {
            if (builder.Length > 1)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    // ---- Actions --------------------------------------------------------------------------------------------

    /// <summary>The actions of the menu the user may run: "Delete selected" with the delete permission, then the model's own.</summary>
    private List<object?> Actions(AdminPermissions permissions)
    {
        var actions = new List<object?>();
        if (permissions.Delete)
        {
            actions.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = DeleteSelected, ["description"] = $"Delete selected {Admin.VerboseNamePlural}" });
        }

        foreach (var action in _admin.Actions.Where(a => permissions.Allows(a.Permission)))
        {
            actions.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = action.Name, ["description"] = action.Description });
        }

        return actions;
    }

    private async Task ActionAsync(HttpContext context, CurrentUser user, AdminPermissions permissions, QuerySet<TModel> filtered)
    {
        var form = await RequestBinding.ReadFormAsync(context, "action");
        if (form is null)
        {
            return;
        }

        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        // As Django: with actions above and below the rows, the "Go" pressed (index 0 or 1) says which menu was chosen from.
        var menus = form["action"];
        var index = int.TryParse(form["index"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < menus.Count ? i : 0;
        var name = menus.Count > index ? menus[index] ?? "" : "";
        var custom = _admin.Actions.FirstOrDefault(a => a.Name == name);
        if (name != DeleteSelected && custom is null)
        {
            Messages.Warning(context, "No action selected.");
            context.Response.Redirect(back);
            return;
        }

        if (custom is null ? !permissions.Delete : !permissions.Allows(custom.Permission))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // The rows chosen: every row the list's filters find ("select all"), or the keys ticked among them.
        var chosen = filtered;
        if (!form["select_across"].Contains("1"))
        {
            var keys = form["_selected_action"].Select(k => ParseKey(k ?? "")).OfType<object>().ToArray();
            chosen = filtered.Where(new InCondition<TModel>(_admin.Model.Key, keys));
        }

        if (!await chosen.ExistsAsync(context.RequestAborted))
        {
            Messages.Warning(context, "Items must be selected in order to perform actions on them. No items have been changed.");
            context.Response.Redirect(back);
            return;
        }

        if (custom is not null)
        {
            if (await custom.RunAsync(chosen, context) is { Length: > 0 } message)
            {
                Messages.Success(context, message);
            }

            if (!context.Response.HasStarted && context.Response.StatusCode == StatusCodes.Status200OK && !context.Response.Headers.ContainsKey("Location"))
            {
                context.Response.Redirect(back);
            }

            return;
        }

        var rows = await chosen.OrderByColumn(_admin.Model.Key, descending: false).ToListAsync(context.RequestAborted);

        if (form["post"].ToString() == "yes")
        {
            // As Django: every deletion is logged first, so that a staff member deleting their own account (whose log entries go with it) deletes the rest too.
            foreach (var row in rows)
            {
                await LogAsync(context, user, row, LogAction.Deletion, "[{\"deleted\": {}}]");
            }

            var db = Db(context);
            foreach (var row in rows)
            {
                await new QuerySet<TModel>(db, _admin.Model).DeleteAsync(row, context.RequestAborted);
            }

            Messages.Success(context, $"Successfully deleted {rows.Count} {(rows.Count == 1 ? Admin.VerboseName : Admin.VerboseNamePlural)}.");
            context.Response.Redirect(back);
            return;
        }

        var values = await Site.PageAsync(context, user, "Delete multiple objects");
        values["verbose_name_plural"] = Admin.VerboseNamePlural;
        values["changelist_url"] = Url.Reverse(ChangeListName);
        // Every row chosen across pages is deleted again from the query string's filters, not from a list of keys in the page.
        var across = form["select_across"].ToString() == "1";
        values["objects"] = await DeletedObjectsAsync(context, rows.Count > ListedAtMost ? rows[..ListedAtMost] : rows);
        values["more"] = rows.Count > ListedAtMost ? rows.Count - ListedAtMost : 0;
        values["count"] = rows.Count;
        values["keys"] = across ? [] : rows.ConvertAll(row => (object?)Key(row));
        values["select_across"] = across ? "1" : "0";
        await AdminSite.RenderAsync(context, "admin/delete_selected_confirmation.html", values);
    }
}
