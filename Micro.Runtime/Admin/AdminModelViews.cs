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

/// <summary>The names and routes of one registered model's pages.</summary>
internal abstract class AdminModelViews(AdminSite site, ModelAdmin admin)
{
    public AdminSite Site { get; } = site;

    public ModelAdmin Admin { get; } = admin;

    private string Prefix => $"{AdminSite.Namespace}{Site.AppLabel}_{Admin.ModelName}_";

    public string ChangeListName => Prefix + "changelist";

    public string AddName => Prefix + "add";

    public string ChangeName => Prefix + "change";

    public string DeleteName => Prefix + "delete";

    public string HistoryName => Prefix + "history";

    public abstract IEnumerable<RouteDefinition> Routes();
}

/// <summary>
/// Django's <c>ModelAdmin</c> views for one model: the change list (columns, sorting, search, filters, date links, pages, the
/// delete action), add and change forms, delete with the rows it takes along, and the history of a row. Every page needs a
/// staff user and the model permission for what it does; everything shown is escaped by the templates.
/// </summary>
internal sealed class AdminModelViews<TModel>(AdminSite site, ModelAdmin<TModel> admin) : AdminModelViews(site, admin)
    where TModel : class
{
    private const string ErrorFlag = "e";
    private const string SearchParameter = "q";
    private const string OrderParameter = "o";
    private const string PageParameter = "p";
    private const string DeleteSelected = "delete_selected";

    /// <summary>The rows a delete confirmation names, with what goes with each; beyond them it says how many more.</summary>
    private const int ListedAtMost = 100;

    private readonly ModelAdmin<TModel> _admin = admin;

    public override IEnumerable<RouteDefinition> Routes()
    {
        var path = $"{Site.AppLabel}/{Admin.ModelName}/";
        var handler = Admin.Model.Name + ".";
        yield return AdminSite.Route(path, ChangeListName, ["GET", "HEAD", "POST"], handler + "ChangeList", ChangeListAsync);
        yield return AdminSite.Route(path + "add/", AddName, ["GET", "HEAD", "POST"], handler + "Add", AddAsync);
        yield return AdminSite.Route(path + "<path:object_id>/change/", ChangeName, ["GET", "HEAD", "POST"], handler + "Change", ChangeAsync);
        yield return AdminSite.Route(path + "<path:object_id>/delete/", DeleteName, ["GET", "HEAD", "POST"], handler + "Delete", DeleteAsync);
        yield return AdminSite.Route(path + "<path:object_id>/history/", HistoryName, ["GET", "HEAD"], handler + "History", HistoryAsync);
    }

    private Database Db(HttpContext context) => _admin.Database(context.RequestServices);

    private QuerySet<TModel> Rows(HttpContext context) => new(Db(context), _admin.Model);

    /// <summary>The staff user and their permissions, or null when the request was answered (login page, or 403 without <paramref name="allowed"/>).</summary>
    private async Task<(CurrentUser User, AdminPermissions Permissions)?> AuthorizeAsync(HttpContext context, Func<AdminPermissions, bool> allowed)
    {
        if (AdminSite.RequireStaff(context) is not { } user)
        {
            return null;
        }

        var permissions = await Site.PermissionsAsync(user, Admin);
        if (!allowed(permissions))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return null;
        }

        return (user, permissions);
    }

    // ---- Change list ----------------------------------------------------------------------------------------

    private async Task ChangeListAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context, static p => p.ViewOrChange) is not var (user, permissions))
        {
            return;
        }

        var query = context.Request.Query;
        if (!TryFilter(query, Rows(context), out var filtered, out var search))
        {
            StartOver(context);
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            await ActionAsync(context, user, permissions, filtered);
            return;
        }

        var ordering = Ordering(query[OrderParameter].ToString());
        var ordered = filtered;
        var first = true;
        foreach (var (column, descending) in ordering)
        {
            ordered = ordered.OrderByColumn(column, descending, then: !first);
            first = false;
        }

        // The key last, so that every page holds the rows it should whatever the other columns hold (Django's -pk).
        if (!ordering.Any(o => ReferenceEquals(o.Column, _admin.Model.Key)))
        {
            ordered = ordered.OrderByColumn(_admin.Model.Key, descending: true, then: !first);
        }

        var count = await filtered.CountAsync(context.RequestAborted);
        var perPage = Math.Max(1, Admin.ListPerPage);
        var pages = Math.Max(1, (count + perPage - 1) / perPage);
        var pageText = query[PageParameter].ToString();
        var page = 1;
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > pages))
        {
            StartOver(context);
            return;
        }

        var paged = ordered.Skip((page - 1) * perPage).Take(perPage);
        foreach (var relation in _admin.Includes)
        {
            paged = paged.Include(relation);
        }

        var rows = await paged.ToListAsync(context.RequestAborted);
        var filtersApplied = query.Keys.Any(static k => k is not (OrderParameter or PageParameter or ErrorFlag));
        var total = filtersApplied ? await Rows(context).CountAsync(context.RequestAborted) : count;

        var values = await Site.PageAsync(context, user, $"Select {Admin.VerboseName} to {(permissions.Change ? "change" : "view")}");
        values["model_name"] = AdminSite.Capitalize(Admin.VerboseNamePlural);
        values["verbose_name"] = Admin.VerboseName;
        values["verbose_name_plural"] = Admin.VerboseNamePlural;
        values["add_url"] = permissions.Add ? Url.Reverse(AddName) : "";
        values["can_delete"] = permissions.Delete;
        values["headers"] = Headers(query, ordering);
        values["rows"] = rows.ConvertAll(row => (object?)Row(row));
        values["search_enabled"] = _admin.SearchFields.Count > 0;
        values["search"] = search;
        values["result_count"] = count;
        values["full_count"] = total;
        values["filtered"] = filtersApplied;
        values["count_text"] = $"{count} {(count == 1 ? Admin.VerboseName : Admin.VerboseNamePlural)}";
        values["filters"] = await FiltersAsync(context, query);
        values["dates"] = Admin.DateHierarchy is { } hierarchy ? await DatesAsync(context, query, filtered, hierarchy) : null;
        values["pagination"] = Pagination(query, page, pages);
        values["page"] = page;
        values["pages"] = pages;
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
    private bool TryFilter(IQueryCollection query, QuerySet<TModel> rows, out QuerySet<TModel> filtered, out string search)
    {
        filtered = rows;
        search = query[SearchParameter].ToString().Trim();
        foreach (var (key, value) in query)
        {
            var text = value.ToString();
            if (key is SearchParameter or OrderParameter or PageParameter or ErrorFlag)
            {
                continue;
            }

            if (ParseFilter(key, text) is not { } condition)
            {
                return false;
            }

            filtered = filtered.Where(condition);
        }

        if (search.Length > 0 && _admin.SearchFields.Count > 0)
        {
            // As Django: every word must be found in one of the fields.
            foreach (var word in search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                Condition<TModel>? any = null;
                foreach (var column in _admin.SearchFields)
                {
                    Condition<TModel> match = new TextCondition<TModel>(column, TextMatch.IContains, word);
                    any = any is null ? match : any | match;
                }

                filtered = filtered.Where(any!);
            }
        }

        return true;
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
                    && index >= 1 && index <= _admin.ListDisplay.Count && _admin.ListDisplay[index - 1].Column is { } column
                    && !result.Any(r => ReferenceEquals(r.Item1, column)))
                {
                    result.Add((column, descending));
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
                var sorted = position >= 0 ? (ordering[position].Descending ? "descending" : "ascending") : "";
                var others = current.Where(o => o.TrimStart('-') != index).ToList();
                var toggled = position == 0 && !ordering[0].Descending ? "-" + index : index;
                header["sorted"] = sorted;
                header["url"] = Link(query, [OrderParameter, PageParameter], [(OrderParameter, string.Join('.', others.Prepend(toggled)))]);
                header["remove_url"] = position >= 0 ? Link(query, [OrderParameter, PageParameter], others.Count > 0 ? [(OrderParameter, string.Join('.', others))] : []) : "";
            }

            headers.Add(header);
        }

        return headers;
    }

    private Dictionary<string, object?> Row(TModel row)
    {
        var key = Key(row);
        var url = Url.Reverse(ChangeName, key);
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
                cells.Add(Cell(field.Name == "__str__" ? _admin.Display(row) : AdminSite.FormatValue(value), links.Contains(field.Name) ? url : "",
                    field.IsBoolean ? value switch { true => "yes", false => "no", _ => "unknown" } : null));
            }
        }

        return new(StringComparer.Ordinal) { ["pk"] = key, ["cells"] = cells, ["display"] = _admin.Display(row) };
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

        // The distinct dates come from the rows in range, read one column at a time would need SQL the query set doesn't write;
        // the extremes bound the links instead, as Django's does when it can't aggregate.
        var oldest = await filtered.OrderByColumn(column, descending: false).FirstOrDefaultAsync(context.RequestAborted);
        var newest = await filtered.OrderByColumn(column, descending: true).FirstOrDefaultAsync(context.RequestAborted);
        var links = new List<object?>();
        string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        void Add(string label, DateTime a, DateTime b) => links.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = label,
            ["url"] = Link(query, [name + "__gte", name + "__lt", PageParameter], [(name + "__gte", Day(a)), (name + "__lt", Day(b))]),
        });

        string back = "";
        if (oldest is not null && newest is not null && DateOf(oldest, column) is { } low && DateOf(newest, column) is { } high)
        {
            if (from is { } f && to is { } t && (t - f).TotalDays <= 31 && f.Day == 1)
            {
                for (var day = f; day < t && day <= high; day = day.AddDays(1))
                {
                    if (day >= low.Date)
                    {
                        Add(day.ToString("MMMM d", CultureInfo.InvariantCulture), day, day.AddDays(1));
                    }
                }

                back = Link(query, [name + "__gte", name + "__lt", PageParameter], [(name + "__gte", Day(new DateTime(f.Year, 1, 1))), (name + "__lt", Day(new DateTime(f.Year + 1, 1, 1)))]);
            }
            else if (from is { } y && to is { } ye && (ye - y).TotalDays > 31)
            {
                for (var month = new DateTime(y.Year, 1, 1); month < ye && month <= high; month = month.AddMonths(1))
                {
                    if (month.AddMonths(1) > low)
                    {
                        Add(month.ToString("MMMM yyyy", CultureInfo.InvariantCulture), month, month.AddMonths(1));
                    }
                }

                back = Link(query, [name + "__gte", name + "__lt", PageParameter], []);
            }
            else
            {
                for (var year = low.Year; year <= high.Year; year++)
                {
                    Add(year.ToString(CultureInfo.InvariantCulture), new DateTime(year, 1, 1), new DateTime(year + 1, 1, 1));
                }
            }
        }

        return new(StringComparer.Ordinal) { ["links"] = links, ["back_url"] = back };
    }

    private DateTime? DateOf(TModel row, ColumnInfo column)
    {
        var values = new object?[_admin.Model.Columns.Count];
        _admin.Model.GetValues(row, values);
        return values[_admin.Model.Columns.ToList().IndexOf(column)] switch
        {
            DateTime time => time,
            DateOnly date => date.ToDateTime(TimeOnly.MinValue),
            DateTimeOffset offset => offset.UtcDateTime,
            _ => null,
        };
    }

    private static List<object?> Pagination(IQueryCollection query, int page, int pages)
    {
        var numbers = new SortedSet<int>();
        for (var i = 1; i <= pages; i++)
        {
            if (pages <= 10 || i <= 2 || i > pages - 2 || Math.Abs(i - page) <= 3)
            {
                numbers.Add(i);
            }
        }

        var result = new List<object?>();
        var previous = 0;
        foreach (var number in numbers)
        {
            if (number > previous + 1)
            {
                result.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["ellipsis"] = true });
            }

            result.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["number"] = number,
                ["current"] = number == page,
                ["url"] = Link(query, [PageParameter, ErrorFlag], number == 1 ? [] : [(PageParameter, number.ToString(CultureInfo.InvariantCulture))]),
            });
            previous = number;
        }

        return result;
    }

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

    private async Task ActionAsync(HttpContext context, CurrentUser user, AdminPermissions permissions, QuerySet<TModel> filtered)
    {
        var form = await RequestBinding.ReadFormAsync(context, "action");
        if (form is null)
        {
            return;
        }

        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        if (form["action"].ToString() != DeleteSelected)
        {
            Messages.Warning(context, "No action selected.");
            context.Response.Redirect(back);
            return;
        }

        if (!permissions.Delete)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        List<TModel> rows;
        if (form["select_across"].ToString() == "1")
        {
            rows = await filtered.OrderByColumn(_admin.Model.Key, descending: false).ToListAsync(context.RequestAborted);
        }
        else
        {
            var keys = form["_selected_action"].Select(k => ParseKey(k ?? "")).OfType<object>().ToArray();
            rows = keys.Length == 0 ? [] : await filtered.Where(new InCondition<TModel>(_admin.Model.Key, keys))
                .OrderByColumn(_admin.Model.Key, descending: false).ToListAsync(context.RequestAborted);
        }

        if (rows.Count == 0)
        {
            Messages.Warning(context, "Items must be selected in order to perform actions on them. No items have been changed.");
            context.Response.Redirect(back);
            return;
        }

        if (form["post"].ToString() == "yes")
        {
            var db = Db(context);
            foreach (var row in rows)
            {
                await new QuerySet<TModel>(db, _admin.Model).DeleteAsync(row, context.RequestAborted);
                await LogAsync(context, user, row, LogAction.Deletion, "[{\"deleted\": {}}]");
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

    // ---- Add and change -------------------------------------------------------------------------------------

    private async Task AddAsync(HttpContext context)
    {
        if (await AuthorizeAsync(context, static p => p.Add) is not var (user, permissions))
        {
            return;
        }

        if (await _admin.BindFormAsync(context, null) is not { } form)
        {
            return;
        }

        if (form.State.IsBound && form.State.IsValid && await _admin.SaveFormAsync(form, Db(context), context.RequestAborted) is { } row)
        {
            await LogAsync(context, user, row, LogAction.Addition, "[{\"added\": {}}]");
            await SavedAsync(context, row, "added", permissions);
            return;
        }

        await RenderFormAsync(context, user, permissions, form, null, $"Add {Admin.VerboseName}");
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

        var before = new object?[_admin.Model.Columns.Count];
        _admin.Model.GetValues(row, before);
        if (await _admin.BindFormAsync(context, row) is not { } form)
        {
            return;
        }

        if (form.State.IsBound && form.State.IsValid && await _admin.SaveFormAsync(form, Db(context), context.RequestAborted) is { } saved)
        {
            var after = new object?[before.Length];
            _admin.Model.GetValues(saved, after);
            var changed = form.Where(field => Changed(field.Field.Property)).Select(static field => field.Label).ToArray();
            await LogAsync(context, user, saved, LogAction.Change,
                changed.Length == 0 ? "[]" : "[{\"changed\": {\"fields\": " + JsonSerializer.Serialize(changed, AdminJson.Default.StringArray) + "}}]");
            await SavedAsync(context, saved, "changed", permissions);
            return;

            bool Changed(string property)
            {
                var index = _admin.Model.Columns.ToList().FindIndex(c => c.Property == property);
                return index >= 0 && !Equals(before[index], after[index]);
            }
        }

        var verb = permissions.Change ? "Change" : "View";
        await RenderFormAsync(context, user, permissions, form, row, $"{verb} {Admin.VerboseName}");
    }

    private async Task RenderFormAsync(HttpContext context, CurrentUser user, AdminPermissions permissions, IForm form, TModel? row, string title)
    {
        var values = await Site.PageAsync(context, user, title);
        values["form"] = form;
        values["add"] = row is null;
        values["change"] = row is not null;
        values["can_save"] = row is null ? permissions.Add : permissions.Change;
        values["can_add"] = permissions.Add;
        values["verbose_name"] = Admin.VerboseName;
        values["model_name"] = AdminSite.Capitalize(Admin.VerboseNamePlural);
        values["changelist_url"] = permissions.ViewOrChange ? Url.Reverse(ChangeListName) : "";
        values["original"] = row is null ? "" : _admin.Display(row);
        values["delete_url"] = row is not null && permissions.Delete ? Url.Reverse(DeleteName, Key(row)) : "";
        values["history_url"] = row is null ? "" : Url.Reverse(HistoryName, Key(row));
        values["errors"] = form.State.IsBound && !form.State.IsValid;
        values["readonly"] = row is null ? new List<object?>() : _admin.ReadonlyFields.Select(field => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = field.Label,
            ["value"] = AdminSite.FormatValue(field.Value(row)),
        }).ToList();

        // Without the change permission the page shows the row's values as text, as Django's view-only change page.
        values["view_only"] = row is not null && !permissions.Change;
        values["values"] = row is null || permissions.Change ? new List<object?>() : form.Select(field => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = field.Label,
            ["value"] = field.Value is { } v ? AdminSite.FormatValue(v) : "-",
        }).ToList();
        await AdminSite.RenderAsync(context, "admin/change_form.html", values, form.State.IsBound && !form.State.IsValid ? StatusCodes.Status200OK : null);
    }

    /// <summary>After a save: Django's message, then the page each button asks for.</summary>
    private async Task SavedAsync(HttpContext context, TModel row, string verb, AdminPermissions permissions)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = $"The {Admin.VerboseName} “{_admin.Display(row)}” was {verb} successfully.";
        if (form.ContainsKey("_continue"))
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
            await Rows(context).DeleteAsync(row, context.RequestAborted);
            await LogAsync(context, user, row, LogAction.Deletion, "[{\"deleted\": {}}]");
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
            .Where(new ComparisonCondition<LogEntry>(LogEntryModel.AppLabelColumn, "=", Site.AppLabel)
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

    // ---- Rows -----------------------------------------------------------------------------------------------

    /// <summary>The row named by the URL, or null when the request was answered: as Django, a missing row is a message on the index.</summary>
    private async Task<TModel?> FindAsync(HttpContext context)
    {
        var text = context.Request.RouteValues["object_id"] as string ?? "";
        var row = ParseKey(text) is { } key
            ? await Rows(context).Where(new ComparisonCondition<TModel>(_admin.Model.Key, "=", key)).FirstOrDefaultAsync(context.RequestAborted)
            : null;
        if (row is null)
        {
            Messages.Warning(context, $"{AdminSite.Capitalize(Admin.VerboseName)} with ID “{text}” doesn’t exist. Perhaps it was deleted?");
            context.Response.Redirect(Url.Reverse(AdminSite.IndexName));
        }

        return row;
    }

    private object? ParseKey(string text) => _admin.Model.Key.Kind switch
    {
        ColumnKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null,
        ColumnKind.Text => text.Length > 0 ? text : null,
        _ => Guid.TryParse(text, out var guid) ? guid : (text.Length > 0 ? text : null),
    };

    private string Key(TModel row) => AdminSite.FormatValue(_admin.Model.GetKey(row));

    private async Task LogAsync(HttpContext context, CurrentUser user, TModel row, LogAction action, string message)
    {
        var auth = context.RequestServices.GetRequiredService<AuthDb>();
        var display = _admin.Display(row);
        await new QuerySet<LogEntry>(auth, LogEntryModel.Instance).CreateAsync(new LogEntry
        {
            ActionTime = context.RequestServices.GetService<TimeProvider>()?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow,
            UserId = user.Id!.Value,
            AppLabel = Site.AppLabel,
            ModelName = Admin.ModelName,
            ObjectId = Key(row),
            ObjectRepr = display.Length > 200 ? display[..200] : display,
            Action = action,
            ChangeMessage = message,
        }, context.RequestAborted);
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

/// <summary>JSON metadata for the log's change messages, without reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class AdminJson : System.Text.Json.Serialization.JsonSerializerContext;
