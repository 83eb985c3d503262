using Micro.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>
/// ASP.NET Core's authentication, run only for requests that can carry a login. While Micro's session login is the only
/// scheme, a request without the session cookie is anonymous whatever the handler finds, so the handler lookups are
/// skipped for it, as Django's lazy <c>request.user</c> costs nothing on a page that never reads it. With any other scheme
/// registered (a bearer token, an external login) every request is authenticated, as <c>UseAuthentication()</c> does.
/// </summary>
internal sealed class SessionAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes, IOptions<MicroSessionOptions> sessions)
{
    private readonly AuthenticationMiddleware _authentication = new(next, schemes);
    private Task<bool>? _sessionsOnly;

    public Task InvokeAsync(HttpContext context)
    {
        // The common case without a state machine: a request without the session cookie once the schemes are known.
        if (_sessionsOnly is { IsCompletedSuccessfully: true, Result: true } && !Session.HasCookie(context, sessions.Value))
        {
            return next(context);
        }

        return AuthenticateAsync(context);
    }

    private async Task AuthenticateAsync(HttpContext context)
    {
        if (!Session.HasCookie(context, sessions.Value) && await (_sessionsOnly ??= SessionsOnlyAsync()))
        {
            await next(context);
            return;
        }

        await _authentication.Invoke(context);
    }

    /// <summary>Whether Micro's session login is the only scheme; schemes are registered while the app is built.</summary>
    private async Task<bool> SessionsOnlyAsync()
    {
        var all = await schemes.GetAllSchemesAsync();
        var handlers = await schemes.GetRequestHandlerSchemesAsync();
        return !handlers.Any() && all.All(static scheme => scheme.Name == MicroAuthDefaults.Scheme);
    }
}
