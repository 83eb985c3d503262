using System.Globalization;
using Micro.Auth;
using Micro.Data;
using Micro.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Admin;

/// <summary>
/// The admin site of one host, as Django's <c>admin.site</c>: the models registered with it, its URL table (mounted by
/// <c>MapAdmin</c>, reversed as <c>admin:index</c>, <c>admin:blog_post_changelist</c>...) and the views every model shares:
/// the index, login and logout. Each model's pages are in <see cref="AdminModelViews{TModel}"/>.
/// </summary>
internal sealed class AdminSite
{
    public const string Namespace = "admin:";
    public const string IndexName = Namespace + "index";
    public const string LoginName = Namespace + "login";
    public const string LogoutName = Namespace + "logout";
    public const string AppListName = Namespace + "app_list";
    public const string StylesheetName = Namespace + "stylesheet";
    public const string InlinesScriptName = Namespace + "inlines_script";
    public const string AutocompleteScriptName = Namespace + "autocomplete_script";
    public const string RelatedScriptName = Namespace + "related_script";
    public const string PrepopulateScriptName = Namespace + "prepopulate_script";
    public const string AutocompleteName = Namespace + "autocomplete";
    public const string PasswordChangeName = Namespace + "password_change";
    public const string PasswordChangeDoneName = Namespace + "password_change_done";

    private const string Source = "Micro.Runtime (MapAdmin)";

    public AdminSite(IReadOnlyList<ModelAdmin> admins, string appLabel)
    {
        AppLabel = appLabel;

        // Micro's users and groups are in every admin site, as Django's auth app registers them with it.
        Models = AuthAdmin.Admins.Concat(admins).Select(admin => admin.Views(this))
            .OrderBy(static m => m.Admin.VerboseNamePlural, StringComparer.OrdinalIgnoreCase).ToArray();
        Apps = Models.Select(static m => m.AppLabel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var labels = new AppLabelConverter(Apps);
        var routes = new List<RouteDefinition>
        {
            Route("", IndexName, ["GET", "HEAD"], "Index", IndexAsync),
            Route("login/", LoginName, ["GET", "HEAD", "POST"], "Login", LoginAsync, new AllowAnonymousAttribute()),
            Route("logout/", LogoutName, ["POST"], "Logout", LogoutAsync, new AllowAnonymousAttribute()),
            Route("password_change/", PasswordChangeName, ["GET", "HEAD", "POST"], "PasswordChange", PasswordChangeAsync),
            Route("password_change/done/", PasswordChangeDoneName, ["GET", "HEAD"], "PasswordChangeDone", PasswordChangeDoneAsync),
            Route("static/admin.css", StylesheetName, ["GET", "HEAD"], "Stylesheet", AdminAssets.StylesheetAsync, new AllowAnonymousAttribute()),
            Route("static/inlines.js", InlinesScriptName, ["GET", "HEAD"], "InlinesScript", AdminAssets.InlinesScriptAsync, new AllowAnonymousAttribute()),
            Route("static/autocomplete.js", AutocompleteScriptName, ["GET", "HEAD"], "AutocompleteScript", AdminAssets.AutocompleteScriptAsync, new AllowAnonymousAttribute()),
            Route("static/related.js", RelatedScriptName, ["GET", "HEAD"], "RelatedScript", AdminAssets.RelatedScriptAsync, new AllowAnonymousAttribute()),
            Route("static/prepopulate.js", PrepopulateScriptName, ["GET", "HEAD"], "PrepopulateScript", AdminAssets.PrepopulateScriptAsync, new AllowAnonymousAttribute()),
            Route("autocomplete/", AutocompleteName, ["GET", "HEAD"], "Autocomplete", AutocompleteAsync),

            // Django's app index, admin/<app_label>/, for the apps that have models here only.
            new("<app_label>/", isRegex: false, [RoutePart.Parameter("app_label", labels), RoutePart.Literal("/")], regex: null, AppListName, ["GET", "HEAD"], order: 0,
                "Micro.Admin.AppIndex", Source, _ => IndexAsync, [])
            {
                Namespace = Namespace.TrimEnd(':'),
                AppName = Namespace.TrimEnd(':'),
            },
        };
        foreach (var model in Models)
        {
            routes.AddRange(model.Routes());
        }

        Table = new RouteTable([.. routes], []);
    }

    /// <summary>The app's label: the first segment of the admin's URLs and of permission names (<c>blog.change_post</c>).</summary>
    public string AppLabel { get; }

    public IReadOnlyList<AdminModelViews> Models { get; }

    /// <summary>The labels of the apps with models here: <c>auth</c> and the app's.</summary>
    public IReadOnlyList<string> Apps { get; }

    public RouteTable Table { get; }

    /// <summary>A route of the admin's table; <paramref name="pattern"/> may hold <c>&lt;path:object_id&gt;</c>.</summary>
    internal static RouteDefinition Route(string pattern, string name, string[] methods, string handler, RequestDelegate view, params object[] metadata)
    {
        const string value = "<path:object_id>";
        var at = pattern.IndexOf(value, StringComparison.Ordinal);
        RoutePart[] parts = at < 0
            ? [RoutePart.Literal(pattern)]
            : [RoutePart.Literal(pattern[..at]), RoutePart.Parameter("object_id", RouteConverters.Path), RoutePart.Literal(pattern[(at + value.Length)..])];
        return new(pattern, isRegex: false, [.. parts.Where(static p => !p.IsLiteral || p.Text!.Length > 0)], regex: null, name, methods, order: 0,
            "Micro.Admin." + handler, Source, _ => view, metadata)
        {
            // Django's admin site: app_name and namespace "admin".
            Namespace = Namespace.TrimEnd(':'),
            AppName = Namespace.TrimEnd(':'),
        };
    }

    // ---- Access ---------------------------------------------------------------------------------------------

    /// <summary>
    /// The staff user of the request, or null when the request was answered: anyone else is sent to the admin's login page,
    /// as Django's <c>admin_view</c> does.
    /// </summary>
    public static CurrentUser? RequireStaff(HttpContext context)
    {
        var user = context.GetCurrentUser();
        if (user.IsActive && user.IsStaff)
        {
            return user;
        }

        var next = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect(Url.Reverse(LoginName) + "?next=" + SafeRedirect.EncodeQueryValue(next));
        return null;
    }

    /// <summary>The user's view, add, change and delete permissions on <paramref name="model"/>.</summary>
    public static Task<AdminPermissions> PermissionsAsync(CurrentUser user, AdminModelViews model) => PermissionsAsync(user, model.AppLabel, model.Admin.ModelName);

    /// <summary>The user's view, add, change and delete permissions on the model <paramref name="modelName"/> of <paramref name="appLabel"/>.</summary>
    public static async Task<AdminPermissions> PermissionsAsync(CurrentUser user, string appLabel, string modelName)
    {
        var granted = await user.GetPermissionsAsync();
        bool Has(string action) => user.IsActive && (user.IsSuperuser || granted.Contains($"{appLabel}.{action}_{modelName}"));
        return new AdminPermissions(Has("view"), Has("add"), Has("change"), Has("delete"));
    }

    // ---- Autocomplete ---------------------------------------------------------------------------------------

    /// <summary>
    /// Django's <c>admin/autocomplete/</c>: <c>app_label</c>, <c>model_name</c> and <c>field_name</c> name a reference in a model's
    /// <c>AutocompleteFields</c> (or in those of an inline of the model, on another model's page), and its target's admin answers the search
    /// (<c>term</c>, <c>page</c>). Anything else is a 403, as Django's <c>PermissionDenied</c>, so the view says nothing about models and
    /// fields to someone who guesses.
    /// </summary>
    private async Task AutocompleteAsync(HttpContext context)
    {
        if (RequireStaff(context) is not { } user)
        {
            return;
        }

        var query = context.Request.Query;
        var field = query["field_name"].ToString();
        var source = Models.FirstOrDefault(m => m.AppLabel == query["app_label"] && m.Admin.ModelName == query["model_name"]);
        var reference = source?.Admin.AutocompleteFields.FirstOrDefault(r => r.Field == field);
        if (reference is null && query["app_label"] == AppLabel)
        {
            // An inline's model: the app's own, edited on the page of the model it points to.
            reference = Models.SelectMany(m => m.Admin.InlineAutocompleteFields(query["model_name"].ToString())).FirstOrDefault(r => r.Field == field);
        }

        var target = reference?.Target(this);
        if (target is null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await target.AutocompleteAsync(context, user);
    }

    /// <summary>The values every admin page gets: the site's titles and, for the navigation, each app's models the user may see.</summary>
    public async Task<Dictionary<string, object?>> PageAsync(HttpContext context, CurrentUser user, string title, string? onlyApp = null)
    {
        var apps = new List<object?>();
        foreach (var app in Apps.Where(app => onlyApp is null || app == onlyApp).OrderBy(AppName, StringComparer.OrdinalIgnoreCase))
        {
            var models = new List<object?>();
            foreach (var model in Models.Where(m => m.AppLabel == app))
            {
                var permissions = await PermissionsAsync(user, model);
                if (!permissions.Any)
                {
                    continue;
                }

                models.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = Capitalize(model.Admin.VerboseNamePlural),
                    ["object_name"] = model.Admin.Model.Name,
                    ["admin_url"] = permissions.View || permissions.Change ? Url.Reverse(model.ChangeListName) : "",
                    ["add_url"] = permissions.Add ? Url.Reverse(model.AddName) : "",
                    ["view_only"] = !permissions.Change,
                });
            }

            if (models.Count > 0)
            {
                apps.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = AppName(app),
                    ["app_label"] = app,
                    ["app_url"] = Url.Reverse(AppListName, app),
                    ["models"] = models,
                });
            }
        }

        return new(StringComparer.Ordinal)
        {
            ["title"] = title,
            ["site_title"] = "Micro site admin",
            ["site_header"] = "Micro administration",
            ["app_list"] = apps,
            ["has_permission"] = true,
            ["index_url"] = Url.Reverse(IndexName),
        };
    }

    /// <summary>An app's name for people, as Django's <c>AppConfig.verbose_name</c>.</summary>
    public static string AppName(string label) => label == AuthAdmin.AppLabel ? "Authentication and Authorization" : Capitalize(label);

    public static Task RenderAsync(HttpContext context, string template, Dictionary<string, object?> values, int? status = null) =>
        new TemplateResult(template, values) { StatusCode = status }.ExecuteAsync(context);

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // ---- Index ----------------------------------------------------------------------------------------------

    /// <summary>The index of every app, or of one (Django's <c>app_index</c>, <c>admin/auth/</c>).</summary>
    private async Task IndexAsync(HttpContext context)
    {
        if (RequireStaff(context) is not { } user)
        {
            return;
        }

        var app = context.Request.RouteValues["app_label"] as string;
        var page = await PageAsync(context, user, app is null ? "Site administration" : AppName(app) + " administration", app);
        if (app is not null && page["app_list"] is List<object?> { Count: 0 })
        {
            // Django's app index is a 404 for a user who may see none of its models.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var auth = context.RequestServices.GetRequiredService<AuthDb>();
        var recent = await new QuerySet<LogEntry>(auth, LogEntryModel.Instance)
            .Where(new ComparisonCondition<LogEntry>(LogEntryModel.UserIdColumn, "=", user.Id!.Value))
            .OrderByColumn(LogEntryModel.ActionTimeColumn, descending: true).OrderByColumn(LogEntryModel.IdColumn, descending: true, then: true).Take(10).ToListAsync(context.RequestAborted);
        page["recent_actions"] = recent.ConvertAll(entry =>
        {
            var model = Models.FirstOrDefault(m => m.AppLabel == entry.AppLabel && m.Admin.ModelName == entry.ModelName);
            return (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["object_repr"] = entry.ObjectRepr,
                ["action"] = entry.Action.ToString().ToLowerInvariant(),
                ["model"] = model?.Admin.VerboseName ?? entry.ModelName,
                ["url"] = entry.Action != LogAction.Deletion && entry.ObjectId is { } id && model is not null ? Url.Reverse(model.ChangeName, id) : "",
            };
        });
        await RenderAsync(context, app is null ? "admin/index.html" : "admin/app_index.html", page);
    }

    // ---- Login and logout -----------------------------------------------------------------------------------

    private async Task LoginAsync(HttpContext context)
    {
        var next = context.Request.Query["next"].ToString();
        var current = context.GetCurrentUser();
        if (!HttpMethods.IsPost(context.Request.Method) && current.IsActive && current.IsStaff)
        {
            context.Response.Redirect(SafeRedirect.Choose(next, context.Request, Url.Reverse(IndexName)));
            return;
        }

        var username = "";
        var errors = new List<string>();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await RequestBinding.ReadFormAsync(context, "username");
            if (form is null)
            {
                return;
            }

            next = form["next"] is { Count: > 0 } posted ? posted.ToString() : next;
            username = form["username"].ToString();
            var password = form["password"].ToString();
            var auth = context.RequestServices.GetRequiredService<AuthDb>();
            if (username.Length > 0 && password.Length > 0
                && await auth.AuthenticateAsync(username, password, context.RequestAborted) is { IsActive: true, IsStaff: true } user)
            {
                await context.LoginAsync(user);
                context.Response.Redirect(SafeRedirect.Choose(next, context.Request, Url.Reverse(IndexName)));
                return;
            }

            errors.Add("Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.");
        }

        await RenderAsync(context, "admin/login.html", new(StringComparer.Ordinal)
        {
            ["title"] = "Log in",
            ["site_title"] = "Micro site admin",
            ["site_header"] = "Micro administration",
            ["username"] = username,
            ["errors"] = errors,
            ["next"] = SafeRedirect.IsAllowed(next, context.Request) ? next : "",
            ["authenticated_elsewhere"] = current.IsAuthenticated && !current.IsStaff ? current.Username : "",
        });
    }

    private static async Task LogoutAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType && await RequestBinding.ReadFormAsync(context, "next") is null)
        {
            return;
        }

        await context.LogoutAsync();
        await RenderAsync(context, "admin/logged_out.html", new(StringComparer.Ordinal)
        {
            ["title"] = "Logged out",
            ["site_title"] = "Micro site admin",
            ["site_header"] = "Micro administration",
            ["login_url"] = Url.Reverse(LoginName),
        });
    }

    // ---- The staff member's own password --------------------------------------------------------------------

    /// <summary>Django's admin <c>password_change</c>: the staff member's old password, then the new one twice.</summary>
    private async Task PasswordChangeAsync(HttpContext context)
    {
        if (RequireStaff(context) is not { User: { } user } staff)
        {
            return;
        }

        if (await AuthViews.ChangePasswordAsync(context, user, Url.Reverse(PasswordChangeDoneName)) is not { } errors)
        {
            return;
        }

        var page = await PageAsync(context, staff, "Password change");
        page["field_errors"] = errors.ByField;
        page["password_help"] = context.RequestServices.GetRequiredService<PasswordValidation>().HelpTexts.Cast<object?>().ToList();
        await RenderAsync(context, "admin/password_change_form.html", page);
    }

    private async Task PasswordChangeDoneAsync(HttpContext context)
    {
        if (RequireStaff(context) is { } staff)
        {
            await RenderAsync(context, "admin/password_change_done.html", await PageAsync(context, staff, "Password change successful"));
        }
    }

    public static string FormatValue(object? value) => value switch
    {
        null => "-",
        string { Length: 0 } => "-",
        string text => text,
        DateTime time => time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "Yes" : "No",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}

/// <summary>Matches the labels of the apps that have models in the admin, and nothing else.</summary>
internal sealed class AppLabelConverter(IEnumerable<string> labels) : RouteConverter
{
    public override string Regex { get; } = "(?:" + string.Join('|', labels.Select(System.Text.RegularExpressions.Regex.Escape)) + ")";
}

/// <summary>What a user may do with one model in the admin.</summary>
internal readonly record struct AdminPermissions(bool View, bool Add, bool Change, bool Delete)
{
    public bool Any => View || Add || Change || Delete;

    /// <summary>The change list and the change page (read-only without <see cref="Change"/>).</summary>
    public bool ViewOrChange => View || Change;

    /// <summary>Whether the user has the permission named (<c>view</c>, <c>add</c>, <c>change</c>, <c>delete</c>); false for any other name.</summary>
    public bool Allows(string permission) => permission switch
    {
        "view" => ViewOrChange,
        "add" => Add,
        "change" => Change,
        "delete" => Delete,
        _ => false,
    };
}
