using Micro.Auth;
using Microsoft.AspNetCore.Http;

namespace Micro;

/// <summary>Logging in and out, as Django's <c>login(request, user)</c> and <c>logout(request)</c>, and the request's user.</summary>
public static class AuthHttpContextExtensions
{
    /// <summary>The request's <see cref="CurrentUser"/>, as Django's <c>request.user</c>.</summary>
    public static CurrentUser GetCurrentUser(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CurrentUser.For(context);
    }

    /// <summary>
    /// Logs <paramref name="user"/> in (check the password with <see cref="AuthDb.AuthenticateAsync"/> first): the session gets a new
    /// key, so a key an attacker planted before the login is worthless, and holds the user's id; <c>last_login</c> is now.
    /// </summary>
    public static Task LoginAsync(this HttpContext context, User user)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SessionAuthentication.LoginAsync(context, user);
    }

    /// <summary>Logs the request's user out: the session is flushed (its values, its row and its cookie).</summary>
    public static Task LogoutAsync(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SessionAuthentication.LogoutAsync(context);
    }

    /// <summary>
    /// After <paramref name="user"/> changed their own password, keeps this session logged in, as Django's
    /// <c>update_session_auth_hash()</c>; the user's other sessions end at their next request.
    /// </summary>
    public static Task UpdateSessionAuthHashAsync(this HttpContext context, User user)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SessionAuthentication.UpdateSessionAuthHashAsync(context, user);
    }
}
