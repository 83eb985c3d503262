using Micro.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>
/// Django's <c>django.contrib.auth.urls</c>: login, logout and password change, mounted by <c>app.MapAuth("accounts")</c>. Each renders a
/// template under <c>registration/</c> (Django's names); an app overrides one by putting its own in <c>templates/registration/</c>.
/// Their forms are read by hand until generated forms exist; CSRF is checked by the app's CSRF protection like any other POST.
/// </summary>
internal static class AuthViews
{
    public const string LoginName = "login";
    public const string LogoutName = "logout";
    public const string PasswordChangeName = "password_change";
    public const string PasswordChangeDoneName = "password_change_done";

    /// <summary>The route names <c>{% url %}</c> and <c>Url.Reverse</c> know besides the app's.</summary>
    public static IReadOnlyList<string> Names { get; } = [LoginName, LogoutName, PasswordChangeName, PasswordChangeDoneName];

    private const string Source = "Micro.Runtime (MapAuth)";

    /// <summary>The views' URL table; <c>MapAuth</c> mounts it under a prefix, as <c>include("django.contrib.auth.urls")</c>.</summary>
    public static RouteTable Table { get; } = new(
        [
            // Reachable under a fallback policy that requires a login everywhere else, as ASP.NET Core Identity's pages are.
            Route("login/", LoginName, ["GET", "HEAD", "POST"], "Micro.Auth.AuthViews.Login", static _ => LoginAsync, new AllowAnonymousAttribute()),
            Route("logout/", LogoutName, ["POST"], "Micro.Auth.AuthViews.Logout", static _ => LogoutAsync, new AllowAnonymousAttribute()),
            Route("password_change/", PasswordChangeName, ["GET", "HEAD", "POST"], "Micro.Auth.AuthViews.PasswordChange", static _ => PasswordChangeAsync, new LoginRequiredAttribute()),
            Route("password_change/done/", PasswordChangeDoneName, ["GET", "HEAD"], "Micro.Auth.AuthViews.PasswordChangeDone", static _ => PasswordChangeDoneAsync, new LoginRequiredAttribute()),
        ],
        []);

    private static RouteDefinition Route(string pattern, string name, string[] methods, string handler, Func<IServiceProvider, RequestDelegate> create, params object[] metadata) =>
        new(pattern, isRegex: false, [RoutePart.Literal(pattern)], regex: null, name, methods, order: 0, handler, Source, create, metadata);

    // ---- Login -----------------------------------------------------------------------------------------------

    private static async Task LoginAsync(HttpContext context)
    {
        var next = context.Request.Query["next"].ToString();
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await RenderLogin(context, next, username: "", new FormErrors()).ExecuteAsync(context);
            return;
        }

        var form = await RequestBinding.ReadFormAsync(context, "username");
        if (form is null)
        {
            return;
        }

        next = form["next"] is { Count: > 0 } posted ? posted.ToString() : next;
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        var errors = new FormErrors();
        errors.Require("username", username);
        errors.Require("password", password);
        if (errors.IsEmpty)
        {
            var auth = context.RequestServices.GetRequiredService<AuthDb>();
            if (await auth.AuthenticateAsync(username, password, context.RequestAborted) is { } user)
            {
                await context.LoginAsync(user);
                var options = context.RequestServices.GetRequiredService<IOptions<MicroAuthOptions>>().Value;
                context.Response.Redirect(SafeRedirect.Choose(next, context.Request, options.LoginRedirectUrl));
                return;
            }

            errors.Add(null, "Please enter a correct username and password. Note that both fields may be case-sensitive.");
        }

        await RenderLogin(context, next, username, errors).ExecuteAsync(context);
    }

    private static TemplateResult RenderLogin(HttpContext context, string next, string username, FormErrors errors) =>
        new("registration/login.html", new Dictionary<string, object?>(4, StringComparer.Ordinal)
        {
            ["next"] = SafeRedirect.IsAllowed(next, context.Request) ? next : "",
            ["username"] = username,
            ["errors"] = errors.NonField,
            ["field_errors"] = errors.ByField,
        });

    // ---- Logout ----------------------------------------------------------------------------------------------

    private static async Task LogoutAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await RequestBinding.ReadFormAsync(context, "next") : null;
        if (context.Request.HasFormContentType && form is null)
        {
            return;
        }

        await context.LogoutAsync();
        var next = form?["next"] is { Count: > 0 } posted ? posted.ToString() : context.Request.Query["next"].ToString();
        var configured = context.RequestServices.GetRequiredService<IOptions<MicroAuthOptions>>().Value.LogoutRedirectUrl;
        if (SafeRedirect.IsAllowed(next, context.Request))
        {
            context.Response.Redirect(next.Trim());
        }
        else if (configured is not null)
        {
            context.Response.Redirect(configured);
        }
        else
        {
            await new TemplateResult("registration/logged_out.html", new Dictionary<string, object?>()).ExecuteAsync(context);
        }
    }

    // ---- Password change -------------------------------------------------------------------------------------

    private static async Task PasswordChangeAsync(HttpContext context)
    {
        var current = context.GetCurrentUser();
        if (current.User is not { } user)
        {
            // [LoginRequired] sends anonymous visitors to the login page first; this is for an app without authorization.
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.ChallengeAsync(context, MicroAuthDefaults.Scheme);
            return;
        }

        var errors = new FormErrors();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await RequestBinding.ReadFormAsync(context, "new_password1");
            if (form is null)
            {
                return;
            }

            var old = form["old_password"].ToString();
            var first = form["new_password1"].ToString();
            var second = form["new_password2"].ToString();
            errors.Require("old_password", old);
            errors.Require("new_password1", first);
            errors.Require("new_password2", second);
            var auth = context.RequestServices.GetRequiredService<AuthDb>();
            if (old.Length > 0 && !auth.CheckPassword(user, old))
            {
                errors.Add("old_password", "Your old password was entered incorrectly. Please enter it again.");
            }

            if (first.Length > 0 && second.Length > 0)
            {
                if (first != second)
                {
                    errors.Add("new_password2", "The two password fields didn’t match.");
                }
                else
                {
                    foreach (var problem in context.RequestServices.GetRequiredService<PasswordValidation>().Validate(second, user))
                    {
                        errors.Add("new_password2", problem);
                    }
                }
            }

            if (errors.IsEmpty)
            {
                await auth.SetPasswordAsync(user, second, context.RequestAborted);
                await context.UpdateSessionAuthHashAsync(user);
                context.Response.Redirect(Url.Reverse(PasswordChangeDoneName));
                return;
            }
        }

        await new TemplateResult("registration/password_change_form.html", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["errors"] = errors.NonField,
            ["field_errors"] = errors.ByField,
            ["help_texts"] = context.RequestServices.GetRequiredService<PasswordValidation>().HelpTexts,
        }).ExecuteAsync(context);
    }

    private static Task PasswordChangeDoneAsync(HttpContext context) =>
        new TemplateResult("registration/password_change_done.html", new Dictionary<string, object?>()).ExecuteAsync(context);

    /// <summary>A hand-read form's errors: per field (<c>field_errors.username</c>) and for the whole form (<c>errors</c>).</summary>
    private sealed class FormErrors
    {
        public List<string> NonField { get; } = [];

        public Dictionary<string, object?> ByField { get; } = new(StringComparer.Ordinal);

        public bool IsEmpty => NonField.Count == 0 && ByField.Count == 0;

        public void Require(string field, string value)
        {
            if (value.Length == 0)
            {
                Add(field, "This field is required.");
            }
        }

        public void Add(string? field, string message)
        {
            if (field is null)
            {
                NonField.Add(message);
                return;
            }

            if (ByField.GetValueOrDefault(field) is not List<string> list)
            {
                ByField[field] = list = [];
            }

            list.Add(message);
        }
    }
}
