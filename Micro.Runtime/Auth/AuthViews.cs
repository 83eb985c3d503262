using System.Globalization;
using System.Net.Mail;
using System.Text;
using Micro.Mail;
using Micro.Routing;
using Micro.Sessions;
using Micro.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>
/// Django's <c>django.contrib.auth.urls</c>: login, logout, password change and password reset, mounted by <c>app.MapAuth("accounts")</c>. Each renders a
/// template under <c>registration/</c> (Django's names); an app overrides one by putting its own in <c>templates/registration/</c>.
/// Their forms are read by hand until generated forms exist; CSRF is checked by the app's CSRF protection like any other POST.
/// </summary>
internal static class AuthViews
{
    public const string LoginName = "login";
    public const string LogoutName = "logout";
    public const string PasswordChangeName = "password_change";
    public const string PasswordChangeDoneName = "password_change_done";
    public const string PasswordResetName = "password_reset";
    public const string PasswordResetDoneName = "password_reset_done";
    public const string PasswordResetConfirmName = "password_reset_confirm";
    public const string PasswordResetCompleteName = "password_reset_complete";

    /// <summary>The route names <c>{% url %}</c> and <c>Url.Reverse</c> know besides the app's.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [LoginName, LogoutName, PasswordChangeName, PasswordChangeDoneName, PasswordResetName, PasswordResetDoneName, PasswordResetConfirmName, PasswordResetCompleteName];

    /// <summary>The token a reset link's URL holds once its real token is in the session, as Django's <c>set-password</c>.</summary>
    private const string ResetUrlToken = "set-password";

    /// <summary>The session key of a reset link's token, between opening the link and posting the new password.</summary>
    private const string ResetSessionKey = "_password_reset_token";

    /// <summary>The longest email address (RFC 5321's path limit), as Django's <c>EmailField</c>.</summary>
    private const int MaxEmailLength = 254;

    private const string Source = "Micro.Runtime (MapAuth)";

    /// <summary>The views' URL table; <c>MapAuth</c> mounts it under a prefix, as <c>include("django.contrib.auth.urls")</c>.</summary>
    public static RouteTable Table { get; } = new(
        [
            // Reachable under a fallback policy that requires a login everywhere else, as ASP.NET Core Identity's pages are.
            Route("login/", LoginName, ["GET", "HEAD", "POST"], "Micro.Auth.AuthViews.Login", static _ => LoginAsync, new AllowAnonymousAttribute()),
            Route("logout/", LogoutName, ["POST"], "Micro.Auth.AuthViews.Logout", static _ => LogoutAsync, new AllowAnonymousAttribute()),
            Route("password_change/", PasswordChangeName, ["GET", "HEAD", "POST"], "Micro.Auth.AuthViews.PasswordChange", static _ => PasswordChangeAsync, new LoginRequiredAttribute()),
            Route("password_change/done/", PasswordChangeDoneName, ["GET", "HEAD"], "Micro.Auth.AuthViews.PasswordChangeDone", static _ => Page("registration/password_change_done.html"), new LoginRequiredAttribute()),
            Route("password_reset/", PasswordResetName, ["GET", "HEAD", "POST"], "Micro.Auth.AuthViews.PasswordReset", static _ => PasswordResetAsync, new AllowAnonymousAttribute()),
            Route("password_reset/done/", PasswordResetDoneName, ["GET", "HEAD"], "Micro.Auth.AuthViews.PasswordResetDone", static _ => Page("registration/password_reset_done.html"), new AllowAnonymousAttribute()),
            new(
                "reset/<uidb64>/<token>/", isRegex: false,
                [RoutePart.Literal("reset/"), RoutePart.Parameter("uidb64", RouteConverters.Str), RoutePart.Literal("/"), RoutePart.Parameter("token", RouteConverters.Str), RoutePart.Literal("/")],
                regex: null, PasswordResetConfirmName, ["GET", "HEAD", "POST"], order: 0, "Micro.Auth.AuthViews.PasswordResetConfirm", Source, static _ => PasswordResetConfirmAsync,
                [new AllowAnonymousAttribute()]),
            Route("reset/done/", PasswordResetCompleteName, ["GET", "HEAD"], "Micro.Auth.AuthViews.PasswordResetComplete", static _ => Page("registration/password_reset_complete.html"), new AllowAnonymousAttribute()),
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

        if (await ChangePasswordAsync(context, user, Url.Reverse(PasswordChangeDoneName)) is not { } errors)
        {
            return;
        }

        await new TemplateResult("registration/password_change_form.html", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["errors"] = errors.NonField,
            ["field_errors"] = errors.ByField,
            ["help_texts"] = context.RequestServices.GetRequiredService<PasswordValidation>().HelpTexts,
        }).ExecuteAsync(context);
    }

    /// <summary>
    /// Django's <c>PasswordChangeForm</c> for the user of the request, on POST: the old password, then the new one twice. Changed, the
    /// session stays logged in (the user's other sessions end) and the response redirects to <paramref name="done"/>; null then, and
    /// when the request was answered (a body that isn't a form). Otherwise the errors to show (none on GET).
    /// </summary>
    internal static async Task<FormErrors?> ChangePasswordAsync(HttpContext context, User user, string done)
    {
        var errors = new FormErrors();
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return errors;
        }

        var form = await RequestBinding.ReadFormAsync(context, "new_password1");
        if (form is null)
        {
            return null;
        }

        var old = form["old_password"].ToString();
        errors.Require("old_password", old);
        var auth = context.RequestServices.GetRequiredService<AuthDb>();
        if (old.Length > 0 && !auth.CheckPassword(user, old))
        {
            errors.Add("old_password", "Your old password was entered incorrectly. Please enter it again.");
        }

        var second = form["new_password2"].ToString();
        CheckNewPassword(context, errors, user, form["new_password1"].ToString(), second);
        if (!errors.IsEmpty)
        {
            return errors;
        }

        await auth.SetPasswordAsync(user, second, context.RequestAborted);
        await context.UpdateSessionAuthHashAsync(user);
        context.Response.Redirect(done);
        return null;
    }

    /// <summary>A page that is its template alone (a "done" page).</summary>
    private static RequestDelegate Page(string template) =>
        context => new TemplateResult(template, new Dictionary<string, object?>()).ExecuteAsync(context);

    /// <summary>A new password typed twice (Django's <c>SetPasswordForm</c>): both given, the same, and passing the password validators.</summary>
    internal static void CheckNewPassword(
        HttpContext context, FormErrors errors, User user, string first, string second, string firstName = "new_password1", string secondName = "new_password2")
    {
        errors.Require(firstName, first);
        errors.Require(secondName, second);
        if (first.Length > 0 && second.Length > 0)
        {
            if (first != second)
            {
                errors.Add(secondName, "The two password fields didn’t match.");
            }
            else
            {
                foreach (var problem in context.RequestServices.GetRequiredService<PasswordValidation>().Validate(second, user))
                {
                    errors.Add(secondName, problem);
                }
            }
        }
    }

    // ---- Password reset --------------------------------------------------------------------------------------

    /// <summary>
    /// Django's <c>PasswordResetView</c>: an email address, and a reset link mailed to each active user with that address and a usable
    /// password. The answer is the same redirect whether or not an account has the address, so the page doesn't tell who has one.
    /// </summary>
    private static async Task PasswordResetAsync(HttpContext context)
    {
        var errors = new FormErrors();
        var email = "";
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await RequestBinding.ReadFormAsync(context, "email");
            if (form is null)
            {
                return;
            }

            email = form["email"].ToString().Trim();
            errors.Require("email", email);
            if (email.Length > MaxEmailLength)
            {
                errors.Add("email", $"Ensure this value has at most {MaxEmailLength} characters (it has {email.Length}).");
            }
            else if (email.Length > 0 && !(MailAddress.TryCreate(email, out var address) && address.Address == email))
            {
                errors.Add("email", "Enter a valid email address.");
            }

            if (errors.IsEmpty)
            {
                await SendResetLinksAsync(context, email);
                context.Response.Redirect(Url.Reverse(PasswordResetDoneName));
                return;
            }
        }

        await new TemplateResult("registration/password_reset_form.html", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["email"] = email.Length > MaxEmailLength ? "" : email,
            ["errors"] = errors.NonField,
            ["field_errors"] = errors.ByField,
        }).ExecuteAsync(context);
    }

    /// <summary>
    /// Mails a reset link to each user <paramref name="email"/> belongs to. A failure to send is logged, not shown: an error page for
    /// the addresses that have an account would tell who has one.
    /// </summary>
    private static async Task SendResetLinksAsync(HttpContext context, string email)
    {
        var services = context.RequestServices;
        var auth = services.GetRequiredService<AuthDb>();
        var users = await auth.Users.Filter(u => u.Email.IExact(email) & u.IsActive.Exact(true)).ToListAsync(context.RequestAborted);
        var options = services.GetRequiredService<IOptions<MicroAuthOptions>>().Value;
        var tokens = services.GetRequiredService<PasswordResetTokens>();
        var templates = services.GetRequiredService<TemplateEngine>();
        var sender = services.GetRequiredService<IEmailSender>();
        // The host has passed the AllowedHosts check, so a request can't make the link point elsewhere.
        var domain = context.Request.Host.Value ?? "localhost";
        foreach (var user in users)
        {
            if (!user.HasUsablePassword || !string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["email"] = user.Email,
                ["domain"] = domain,
                ["site_name"] = options.SiteName ?? domain,
                ["uid"] = UidOf(user),
                ["token"] = tokens.Make(user),
                ["protocol"] = context.Request.IsHttps ? "https" : "http",
                ["username"] = user.Username,
            };
            // A subject is one line, whatever the template's line breaks.
            var subject = string.Concat(templates.Render("registration/password_reset_subject.txt", values).Split('\r', '\n')).Trim();
            var body = templates.Render("registration/password_reset_email.html", values);
            try
            {
                await sender.SendAsync(new EmailMessage(subject, body, [user.Email]), context.RequestAborted);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Micro.Auth.PasswordReset")
                    .LogError(exception, "The password reset email to user {UserId} could not be sent.", user.Id);
            }
        }
    }

    /// <summary>
    /// Django's <c>PasswordResetConfirmView</c>: a link with a valid token puts the token in the session and redirects to the same link
    /// with <c>set-password</c> instead, so that the token isn't in the address bar (nor in the Referer of a link the page has); that
    /// URL shows the form while the session's token is valid, and a valid POST sets the password. Anything else is "this link doesn't work".
    /// </summary>
    private static async Task PasswordResetConfirmAsync(HttpContext context)
    {
        var uid = context.Request.RouteValues["uidb64"] as string ?? "";
        var token = context.Request.RouteValues["token"] as string ?? "";
        var user = await UserOfUidAsync(context, uid);
        var tokens = context.RequestServices.GetRequiredService<PasswordResetTokens>();
        var session = context.GetSession();
        await session.LoadAsync(context.RequestAborted);
        var errors = new FormErrors();
        var valid = false;
        if (user is not null && token != ResetUrlToken && tokens.Check(user, token))
        {
            session.SetString(ResetSessionKey, token);
            context.Response.Redirect(Url.Reverse(PasswordResetConfirmName, uid, ResetUrlToken));
            return;
        }

        if (user is not null && token == ResetUrlToken && tokens.Check(user, session.GetString(ResetSessionKey)))
        {
            valid = true;
            if (HttpMethods.IsPost(context.Request.Method))
            {
                var form = await RequestBinding.ReadFormAsync(context, "new_password1");
                if (form is null)
                {
                    return;
                }

                CheckNewPassword(context, errors, user, form["new_password1"].ToString(), form["new_password2"].ToString());
                if (errors.IsEmpty)
                {
                    // A new hash: the link stops working, and so does every session logged in with the old password.
                    await context.RequestServices.GetRequiredService<AuthDb>().SetPasswordAsync(user, form["new_password2"].ToString(), context.RequestAborted);
                    session.Remove(ResetSessionKey);
                    context.Response.Redirect(Url.Reverse(PasswordResetCompleteName));
                    return;
                }
            }
        }

        await new TemplateResult("registration/password_reset_confirm.html", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["validlink"] = valid,
            ["username"] = valid ? user!.Username : "",
            ["errors"] = errors.NonField,
            ["field_errors"] = errors.ByField,
            ["help_texts"] = context.RequestServices.GetRequiredService<PasswordValidation>().HelpTexts,
        }).ExecuteAsync(context);
    }

    /// <summary>A user's id in a reset link, as Django's <c>urlsafe_base64_encode(force_bytes(user.pk))</c>.</summary>
    internal static string UidOf(User user) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(user.Id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The user a reset link's id names, or null for an id that isn't one (bad base64, not a number, no such user).</summary>
    private static async Task<User?> UserOfUidAsync(HttpContext context, string uid)
    {
        if (uid.Length is 0 or > 32)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(uid));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await context.RequestServices.GetRequiredService<AuthDb>().Users.FindAsync(id, context.RequestAborted)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A hand-read form's errors: per field (<c>field_errors.username</c>) and for the whole form (<c>errors</c>).</summary>
    internal sealed class FormErrors
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
