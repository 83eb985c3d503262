using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Micro.Routing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro.Auth;

/// <summary>Names of Micro's authentication scheme and of the claims its users carry.</summary>
public static class MicroAuthDefaults
{
    /// <summary>The scheme of session logins: <c>[Authorize(AuthenticationSchemes = MicroAuthDefaults.Scheme)]</c>.</summary>
    public const string Scheme = "Micro";

    /// <summary>A claim (<c>true</c>) of staff users, for policies: <c>policy.RequireClaim(MicroAuthDefaults.StaffClaim)</c>.</summary>
    public const string StaffClaim = "micro:is_staff";

    /// <summary>A claim (<c>true</c>) of superusers.</summary>
    public const string SuperuserClaim = "micro:is_superuser";
}

/// <summary>
/// Logins kept in the session, as Django's: the session holds the user's id and a digest of the password hash, so changing the
/// password ends the user's other sessions. Everything here works per request and loads the user once.
/// </summary>
internal static class SessionAuthentication
{
    // Django's session keys, so that a session reads the same in both.
    public const string UserIdKey = "_auth_user_id";
    public const string BackendKey = "_auth_user_backend";
    public const string HashKey = "_auth_user_hash";
    public const string Backend = "micro.auth.ModelBackend";

    private static readonly byte[] s_hashKey = Encoding.UTF8.GetBytes("micro.auth.User.session_auth_hash");

    /// <summary>The request's user, once resolved (null: anonymous).</summary>
    internal sealed class ResolvedUser(User? user)
    {
        public User? User { get; set; } = user;

        public IReadOnlySet<string>? Permissions { get; set; }
    }

    /// <summary>
    /// The logged-in user of the request: the session's user if it still exists, is active and its password hasn't changed since the
    /// login (else the session is flushed); null otherwise. Without a session cookie it touches nothing.
    /// </summary>
    public static async ValueTask<User?> ResolveAsync(HttpContext context)
    {
        if (context.Features.Get<ResolvedUser>() is { } resolved)
        {
            return resolved.User;
        }

        User? user = null;
        if (Session.HasCookie(context))
        {
            var session = context.GetSession();
            await session.LoadAsync(context.RequestAborted);
            if (session.GetString(UserIdKey) is { } idText && int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                var candidate = await context.RequestServices.GetRequiredService<AuthDb>().Users.FindAsync(id, context.RequestAborted);
                if (candidate is { IsActive: true })
                {
                    if (HashMatches(session.GetString(HashKey), candidate))
                    {
                        user = candidate;
                    }
                    else
                    {
                        // The password changed since this login: the session ends, as Django's get_user() flushes it.
                        session.Flush();
                    }
                }
            }
        }

        context.Features.Set(new ResolvedUser(user));
        return user;
    }

    /// <summary>The resolved user without waiting, for code that can't (template values); resolves synchronously the first time.</summary>
    public static User? Resolve(HttpContext context) =>
        context.Features.Get<ResolvedUser>() is { } resolved ? resolved.User : ResolveAsync(context).AsTask().GetAwaiter().GetResult();

    /// <summary>Django's <c>login()</c>: a new session key (no fixation), the user's id and hash in the session, <c>last_login</c> now.</summary>
    public static async Task LoginAsync(HttpContext context, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Id == 0)
        {
            throw new ArgumentException("Only a saved user can log in.", nameof(user));
        }

        var session = context.GetSession();
        await session.LoadAsync(context.RequestAborted);
        var id = user.Id.ToString(CultureInfo.InvariantCulture);
        var hash = SessionHash(user);
        if (session.ContainsKey(UserIdKey))
        {
            // Another user's session (or this user's before a password change): start afresh rather than inherit its values.
            if (session.GetString(UserIdKey) != id || !HashMatches(session.GetString(HashKey), user))
            {
                session.Flush();
            }
            else
            {
                session.CycleKey();
            }
        }
        else
        {
            session.CycleKey();
        }

        session.SetString(UserIdKey, id);
        session.SetString(BackendKey, Backend);
        session.SetString(HashKey, hash);

        // As Django's login(): a CSRF token from before the login is worthless after it.
        Csrf.RotateToken(context);
        await context.RequestServices.GetRequiredService<AuthDb>().UpdateLastLoginAsync(user, context.RequestAborted);
        context.Features.Set(new ResolvedUser(user));
        context.User = await PrincipalAsync(context, user);
    }

    /// <summary>Django's <c>logout()</c>: the session is flushed (values, row and cookie) and the request is anonymous.</summary>
    public static async Task LogoutAsync(HttpContext context)
    {
        var session = context.GetSession();
        await session.LoadAsync(context.RequestAborted);
        session.Flush();
        context.Features.Set(new ResolvedUser(null));
        context.User = new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>Django's <c>update_session_auth_hash()</c>: after a password change, keeps this session logged in (under a new key).</summary>
    public static async Task UpdateSessionAuthHashAsync(HttpContext context, User user)
    {
        var session = context.GetSession();
        await session.LoadAsync(context.RequestAborted);
        session.CycleKey();
        if (session.GetString(UserIdKey) == user.Id.ToString(CultureInfo.InvariantCulture))
        {
            session.SetString(HashKey, SessionHash(user));
            context.Features.Set(new ResolvedUser(user));
        }
    }

    /// <summary>
    /// A digest of the password hash, as Django's <c>get_session_auth_hash()</c>: it changes with the password, and the session table
    /// never holds the hash itself. An HMAC keyed by a fixed label rather than Django's SECRET_KEY, which Micro doesn't have.
    /// </summary>
    public static string SessionHash(User user) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(s_hashKey, Encoding.UTF8.GetBytes(user.Password)));

    private static bool HashMatches(string? stored, User user) =>
        stored is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(SessionHash(user)));

    /// <summary>The user as a <see cref="ClaimsPrincipal"/>: id, name, email, groups as roles, and staff and superuser claims.</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(HttpContext context, User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
        };
        if (user.Email.Length > 0)
        {
            claims.Add(new Claim(ClaimTypes.Email, user.Email));
        }

        if (user.IsStaff)
        {
            claims.Add(new Claim(MicroAuthDefaults.StaffClaim, "true"));
        }

        if (user.IsSuperuser)
        {
            claims.Add(new Claim(MicroAuthDefaults.SuperuserClaim, "true"));
        }

        foreach (var group in await context.RequestServices.GetRequiredService<AuthDb>().GetGroupsAsync(user, context.RequestAborted))
        {
            claims.Add(new Claim(ClaimTypes.Role, group.Name));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, MicroAuthDefaults.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// The login page's URL: <see cref="MicroAuthOptions.LoginUrl"/>, else the <c>login</c> view wherever <c>MapAuth</c> mounted it,
    /// else Django's default <c>/accounts/login/</c>.
    /// </summary>
    public static string LoginUrl(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<IOptions<MicroAuthOptions>>().Value.LoginUrl is { Length: > 0 } configured)
        {
            return configured;
        }

        if (context.RequestServices.GetService<Hosting.MountedRouteTables>() is { } mounted)
        {
            foreach (var (table, prefix) in mounted.Tables)
            {
                if (table.FindByName(AuthViews.LoginName) is { Parts: { } parts })
                {
                    return context.Request.PathBase + "/" + prefix + string.Concat(parts.Select(static p => p.Text));
                }
            }
        }

        return context.Request.PathBase + "/accounts/login/";
    }
}

/// <summary>
/// Micro's authentication scheme for ASP.NET Core: the session's login becomes <c>HttpContext.User</c>; a challenge sends a browser to
/// the login page with <c>?next=</c> the page it asked for (a JSON or script client gets a 401); a forbid is a 403.
/// </summary>
internal sealed class SessionAuthenticationHandler : IAuthenticationHandler
{
    private HttpContext _context = null!;
    private AuthenticationScheme _scheme = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        _context = context;
        return Task.CompletedTask;
    }

    public async Task<AuthenticateResult> AuthenticateAsync()
    {
        var user = await SessionAuthentication.ResolveAsync(_context);
        if (user is null)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await SessionAuthentication.PrincipalAsync(_context, user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, _scheme.Name));
    }

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        var response = _context.Response;
        if (IsScriptClient(_context.Request))
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        var request = _context.Request;
        var next = properties?.RedirectUri is { Length: > 0 } redirect ? redirect : request.PathBase + request.Path + request.QueryString;
        response.Redirect(SessionAuthentication.LoginUrl(_context) + "?next=" + SafeRedirect.EncodeQueryValue(next));
        return Task.CompletedTask;
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>A client that wants data rather than pages (JSON, or a script's request): it gets a status code, not a redirect.</summary>
    internal static bool IsScriptClient(HttpRequest request)
    {
        if (string.Equals(request.Headers["X-Requested-With"], "XMLHttpRequest", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
