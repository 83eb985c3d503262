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

    /// <summary>The model's app: Micro's <c>auth</c> for users and groups, else the app's label.</summary>
    public string AppLabel => Admin.AppLabel ?? Site.AppLabel;

    private string Prefix => $"{AdminSite.Namespace}{AppLabel}_{Admin.ModelName}_";

    public string ChangeListName => Prefix + "changelist";

    public string AddName => Prefix + "add";

    public string ChangeName => Prefix + "change";

    public string DeleteName => Prefix + "delete";

    public string HistoryName => Prefix + "history";

    public abstract IEnumerable<RouteDefinition> Routes();

    /// <summary>How the row with the key <paramref name="text"/> is named (the admin's <c>Display</c>), or null when there is no such row.</summary>
    internal abstract Task<string?> NameAsync(HttpContext context, string text);

    /// <summary>The rows a search of this model finds, as JSON, for a reference of another model chosen by a search.</summary>
    internal abstract Task AutocompleteAsync(HttpContext context, CurrentUser user);
}

/// <summary>
/// Django's <c>ModelAdmin</c> views for one model: the change list (columns, sorting, search, filters, date links, pages, the
/// delete action), add and change forms, delete with the rows it takes along, and the history of a row. Every page needs a
/// staff user and the model permission for what it does; everything shown is escaped by the templates.
/// </summary>
internal sealed partial class AdminModelViews<TModel>(AdminSite site, ModelAdmin<TModel> admin) : AdminModelViews(site, admin)
    where TModel : class
{
    private const string ErrorFlag = "e";
    private const string SearchParameter = "q";
    private const string OrderParameter = "o";
    private const string PageParameter = "p";
    private const string PopupParameter = "_popup";
    private const string AllParameter = "all";
    private const string FiltersParameter = "_changelist_filters";
    private const string DeleteSelected = "delete_selected";

    /// <summary>The words of a search looked for; the rest are left out (a search is a condition per word and field).</summary>
    private const int SearchWords = 32;

    /// <summary>The rows a delete confirmation names, with what goes with each; beyond them it says how many more.</summary>
    private const int ListedAtMost = 100;

    private readonly ModelAdmin<TModel> _admin = admin;

    public override IEnumerable<RouteDefinition> Routes()
    {
        var path = $"{AppLabel}/{Admin.ModelName}/";
        var handler = Admin.Model.Name + ".";
        yield return AdminSite.Route(path, ChangeListName, ["GET", "HEAD", "POST"], handler + "ChangeList", ChangeListAsync);
        yield return AdminSite.Route(path + "add/", AddName, ["GET", "HEAD", "POST"], handler + "Add", AddAsync);
        yield return AdminSite.Route(path + "<path:object_id>/change/", ChangeName, ["GET", "HEAD", "POST"], handler + "Change", ChangeAsync);
        yield return AdminSite.Route(path + "<path:object_id>/delete/", DeleteName, ["GET", "HEAD", "POST"], handler + "Delete", DeleteAsync);
        yield return AdminSite.Route(path + "<path:object_id>/history/", HistoryName, ["GET", "HEAD"], handler + "History", HistoryAsync);
        foreach (var route in _admin.ExtraRoutes(this))
        {
            yield return route;
        }
    }

    // ---- Django's preserve_filters ---------------------------------------------------------------------------

    /// <summary>
    /// The change list's query string (search, filters, order, page) that a page opened from the list carries as
    /// <c>_changelist_filters</c>, so that its links back and its redirects after a save return to the same list; "" for none.
    /// </summary>
    private static string PreservedFilters(HttpContext context) => context.Request.Query[FiltersParameter].ToString();

    /// <summary><paramref name="url"/> (a page opened from the list) carrying <paramref name="filters"/>.</summary>
    private static string Carrying(string url, string filters) =>
        filters.Length == 0 ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + FiltersParameter + "=" + Uri.EscapeDataString(filters);

    /// <summary>
    /// The change list with <paramref name="filters"/> as its query again, parsed and written anew by the list's own <see cref="Link"/>,
    /// so that whatever the parameter held stays a query string of this list.
    /// </summary>
    private string ChangeListUrl(string filters)
    {
        var url = Url.Reverse(ChangeListName);
        if (filters.Length == 0)
        {
            return url;
        }

        var query = Link(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(filters)), [FiltersParameter, PopupParameter], []);
        return query.Length > 1 ? url + query : url;
    }

    private Database Db(HttpContext context) => _admin.Database(context.RequestServices);

    private QuerySet<TModel> Rows(HttpContext context) => new(Db(context), _admin.Model);

    /// <summary>The staff user and their permissions, or null when the request was answered (login page, or 403 without <paramref name="allowed"/>).</summary>
    internal async Task<(CurrentUser User, AdminPermissions Permissions)?> AuthorizeAsync(HttpContext context, Func<AdminPermissions, bool> allowed)
    {
        if (AdminSite.RequireStaff(context) is not { } user)
        {
            return null;
        }

        var permissions = await AdminSite.PermissionsAsync(user, this);
        if (!allowed(permissions))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return null;
        }

        return (user, permissions);
    }

    // ---- Rows -----------------------------------------------------------------------------------------------

    /// <summary>The row named by the URL, or null when the request was answered: as Django, a missing row is a message on the index.</summary>
    internal async Task<TModel?> FindAsync(HttpContext context)
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

    internal override async Task<string?> NameAsync(HttpContext context, string text) =>
        ParseKey(text) is { } key && await Rows(context).Where(new ComparisonCondition<TModel>(_admin.Model.Key, "=", key)).FirstOrDefaultAsync(context.RequestAborted) is { } row
            ? _admin.Display(row)
            : null;

    private object? ParseKey(string text) => _admin.Model.Key.Kind switch
    {
        ColumnKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null,
        ColumnKind.Text => text.Length > 0 ? text : null,
        _ => Guid.TryParse(text, out var guid) ? guid : (text.Length > 0 ? text : null),
    };

    internal string Key(TModel row) => AdminSite.FormatValue(_admin.Model.GetKey(row));

    internal async Task LogAsync(HttpContext context, CurrentUser user, TModel row, LogAction action, string message)
    {
        var auth = context.RequestServices.GetRequiredService<AuthDb>();
        var display = _admin.Display(row);
        await new QuerySet<LogEntry>(auth, LogEntryModel.Instance).CreateAsync(new LogEntry
        {
            ActionTime = context.RequestServices.GetService<TimeProvider>()?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow,
            UserId = user.Id!.Value,
            AppLabel = AppLabel,
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
