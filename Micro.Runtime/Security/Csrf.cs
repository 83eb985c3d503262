using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Micro;

/// <summary>
/// Cross-site request forgery protection, as Django's: a secret in the <c>csrftoken</c> cookie, and a masked form of it
/// (different on every page, so it can't be read back through compression) in each form's <c>csrfmiddlewaretoken</c>
/// field or a script's <c>X-CSRFToken</c> header. Every unsafe request (POST, PUT, PATCH, DELETE) to a Micro route must
/// carry one, unless the route is <see cref="CsrfExemptAttribute"/>.
/// </summary>
public static class Csrf
{
    /// <summary>The cookie that holds the secret (Django's <c>CSRF_COOKIE_NAME</c>).</summary>
    public const string CookieName = "csrftoken";

    /// <summary>The form field <c>{% csrf_token %}</c> writes.</summary>
    public const string FormField = "csrfmiddlewaretoken";

    /// <summary>The header scripts send the token in.</summary>
    public const string HeaderName = "X-CSRFToken";

    internal const int SecretLength = 32;
    private const string Chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>
    /// The token for forms and scripts on the page being made for <paramref name="context"/>, as Django's <c>get_token</c>:
    /// the request's secret (a new one, set in the cookie, when it has none), masked afresh.
    /// </summary>
    public static string GetToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = State(context);
        if (state.Secret is null)
        {
            state.Secret = ReadSecret(context) ?? NewSecret();
            state.SetCookie = state.SetCookie || ReadSecret(context) is null;
        }

        ScheduleCookie(context, state);
        return Mask(state.Secret);
    }

    /// <summary>Gives the request a new secret, as Django does at login, so a token made before cannot be replayed after.</summary>
    public static void RotateToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = State(context);
        state.Secret = NewSecret();
        state.SetCookie = true;
        ScheduleCookie(context, state);
    }

    /// <summary>The secret in the request's cookie, when it is well formed.</summary>
    internal static string? ReadSecret(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var cookie) && IsWellFormed(cookie, SecretLength) ? cookie : null;

    /// <summary>Whether <paramref name="token"/>, from a form or a header, unmasks to <paramref name="secret"/>. Constant time.</summary>
    internal static bool Matches(string token, string secret)
    {
        string candidate;
        if (IsWellFormed(token, SecretLength * 2))
        {
            candidate = Unmask(token);
        }
        else if (IsWellFormed(token, SecretLength))
        {
            candidate = token;
        }
        else
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(candidate),
            System.Text.Encoding.ASCII.GetBytes(secret));
    }

    internal static bool IsWellFormed(string? token, int length) =>
        token is not null && token.Length == length && token.AsSpan().IndexOfAnyExcept(Chars) < 0;

    private static string NewSecret() => RandomNumberGenerator.GetString(Chars, SecretLength);

    /// <summary>A random mask followed by the secret shifted by it, character by character.</summary>
    private static string Mask(string secret)
    {
        var mask = RandomNumberGenerator.GetString(Chars, SecretLength);
        return string.Create(SecretLength * 2, (secret, mask), static (span, state) =>
        {
            state.mask.AsSpan().CopyTo(span);
            for (var i = 0; i < SecretLength; i++)
            {
                span[SecretLength + i] = Chars[(Chars.IndexOf(state.secret[i]) + Chars.IndexOf(state.mask[i])) % Chars.Length];
            }
        });
    }

    private static string Unmask(string token) =>
        string.Create(SecretLength, token, static (span, token) =>
        {
            for (var i = 0; i < SecretLength; i++)
            {
                var shifted = Chars.IndexOf(token[SecretLength + i]) - Chars.IndexOf(token[i]);
                span[i] = Chars[(shifted + Chars.Length) % Chars.Length];
            }
        });

    private static CsrfState State(HttpContext context)
    {
        if (context.Features.Get<CsrfState>() is { } state)
        {
            return state;
        }

        state = new CsrfState();
        context.Features.Set(state);
        return state;
    }

    private static void ScheduleCookie(HttpContext context, CsrfState state)
    {
        if (state.CookieScheduled || !state.SetCookie)
        {
            return;
        }

        state.CookieScheduled = true;
        context.Response.OnStarting(static value =>
        {
            var context = (HttpContext)value;
            var state = context.Features.Get<CsrfState>()!;
            var options = context.RequestServices.GetService<IOptions<SecurityOptions>>()?.Value ?? new SecurityOptions();
            var development = context.RequestServices.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
            context.Response.Cookies.Append(CookieName, state.Secret!, new CookieOptions
            {
                // A year, as Django's CSRF_COOKIE_AGE: the secret only proves the page came from this site.
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = options.CsrfCookieHttpOnly,
                Secure = options.CsrfCookieSecure ?? !development,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            });
            return Task.CompletedTask;
        }, context);
    }

    /// <summary>The request's CSRF secret and whether the response must set it.</summary>
    private sealed class CsrfState
    {
        public string? Secret { get; set; }

        public bool SetCookie { get; set; }

        public bool CookieScheduled { get; set; }
    }
}

/// <summary>
/// Turns off CSRF checks for a route or class-based view, as Django's <c>@csrf_exempt</c>: for an API its clients call with
/// a token of their own rather than a browser's cookies. It is ASP.NET Core's antiforgery metadata too, so <c>[RequireAntiforgeryToken]</c> after it turns the check back on.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class CsrfExemptAttribute : Attribute, Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata
{
    /// <summary>False: requests to the route are not checked.</summary>
    public bool RequiresValidation => false;
}
