using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Micro.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Micro;

/// <summary>
/// The user of the request, as Django's <c>request.user</c>: a logged-in <see cref="Auth.User"/> or an anonymous visitor. Take it as
/// a route parameter (<c>CurrentUser user</c>) or from <c>context.GetCurrentUser()</c>. Templates see it as <c>user</c>
/// (<c>{% if user.is_authenticated %}</c>, <c>{{ user.username }}</c>) and its permissions as <c>perms</c>.
/// </summary>
public sealed class CurrentUser : ITemplateObject
{
    private readonly HttpContext _context;

    private CurrentUser(HttpContext context, User? user)
    {
        _context = context;
        User = user;
    }

    /// <summary>The request's user, resolved once; a new one after a login or logout in the same request.</summary>
    internal static CurrentUser For(HttpContext context)
    {
        var user = SessionAuthentication.Resolve(context);
        if (context.Features.Get<CurrentUser>() is { } existing && ReferenceEquals(existing.User, user))
        {
            return existing;
        }

        var current = new CurrentUser(context, user);
        context.Features.Set(current);
        return current;
    }

    /// <summary>The logged-in user's row; null for an anonymous visitor.</summary>
    public User? User { get; }

    [MemberNotNullWhen(true, nameof(User))]
    public bool IsAuthenticated => User is not null;

    public bool IsAnonymous => User is null;

    public int? Id => User?.Id;

    /// <summary>The username; empty for an anonymous visitor.</summary>
    public string Username => User?.Username ?? "";

    public bool IsStaff => User?.IsStaff ?? false;

    public bool IsSuperuser => User?.IsSuperuser ?? false;

    public bool IsActive => User?.IsActive ?? false;

    /// <summary>Every permission the user has (<c>blog.change_post</c>), loaded once per request; none for an anonymous visitor.</summary>
    public async Task<IReadOnlySet<string>> GetPermissionsAsync()
    {
        if (User is null)
        {
            return new HashSet<string>();
        }

        var resolved = _context.Features.Get<SessionAuthentication.ResolvedUser>();
        if (resolved?.Permissions is { } cached && ReferenceEquals(resolved.User, User))
        {
            return cached;
        }

        var permissions = await _context.RequestServices.GetRequiredService<AuthDb>().GetPermissionsAsync(User, _context.RequestAborted);
        if (resolved is not null && ReferenceEquals(resolved.User, User))
        {
            resolved.Permissions = permissions;
        }

        return permissions;
    }

    /// <summary>Whether the user has every permission named, as Django's <c>has_perms()</c>: a superuser has all, an anonymous visitor none.</summary>
    public async Task<bool> HasPermsAsync(params IEnumerable<string> permissions)
    {
        if (User is not { IsActive: true })
        {
            return false;
        }

        if (User.IsSuperuser)
        {
            return true;
        }

        var granted = await GetPermissionsAsync();
        return permissions.All(granted.Contains);
    }

    /// <summary>Whether the user has the permission named (<c>blog.change_post</c>), as Django's <c>has_perm()</c>.</summary>
    public Task<bool> HasPermAsync(string permission) => HasPermsAsync(permission);

    /// <inheritdoc cref="HasPermAsync"/>
    public bool HasPerm(string permission) => HasPermAsync(permission).GetAwaiter().GetResult();

    /// <summary>The username, or <c>AnonymousUser</c> as Django prints it.</summary>
    public override string ToString() => User?.Username ?? "AnonymousUser";

    bool ITemplateObject.TryGetMember(string name, out object? value)
    {
        if (name is "is_authenticated")
        {
            value = IsAuthenticated;
            return true;
        }

        if (name is "is_anonymous")
        {
            value = IsAnonymous;
            return true;
        }

        if (User is ITemplateObject user)
        {
            return user.TryGetMember(name, out value);
        }

        // Django's AnonymousUser.
        (var found, value) = name switch
        {
            "id" or "pk" => (true, (object?)null),
            "username" or "get_username" or "email" or "first_name" or "last_name" or "get_full_name" or "get_short_name" => (true, ""),
            "is_active" or "is_staff" or "is_superuser" => (true, false),
            _ => (false, null),
        };
        return found;
    }

    /// <summary>The user's permissions as templates read them: <c>{{ perms.blog }}</c>, <c>{{ perms.blog.change_post }}</c>, <c>{% if "blog.change_post" in perms %}</c>.</summary>
    internal IReadOnlyDictionary<string, object?> Perms => new PermissionsView(this);

    /// <summary>Django's <c>PermWrapper</c>: each app label is an <see cref="AppPermissionsView"/>, and <c>in</c> tests a full name.</summary>
    private sealed class PermissionsView(CurrentUser user) : IReadOnlyDictionary<string, object?>
    {
        private IReadOnlySet<string> Granted => user.GetPermissionsAsync().GetAwaiter().GetResult();

        public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => Granted.Select(static p => p[..p.IndexOf('.', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal);

        public IEnumerable<object?> Values => Keys.Select(key => (object?)new AppPermissionsView(user, key));

        public int Count => Keys.Count();

        // "blog.change_post" in perms is a full permission; perms.blog is an app.
        public bool ContainsKey(string key) => key.Contains('.', StringComparison.Ordinal) ? HasPerm(key) : HasApp(key);

        public bool TryGetValue(string key, out object? value)
        {
            value = key.Contains('.', StringComparison.Ordinal) ? HasPerm(key) : new AppPermissionsView(user, key);
            return true;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
            Keys.Select(key => new KeyValuePair<string, object?>(key, new AppPermissionsView(user, key))).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private bool HasPerm(string permission) => user.IsActive && (user.IsSuperuser || Granted.Contains(permission));

        private bool HasApp(string label) => user.IsActive && (user.IsSuperuser || Granted.Any(p => p.StartsWith(label + ".", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The permissions of one app: true in <c>{% if perms.blog %}</c> when the user has any of them (its count is how many),
    /// and <c>perms.blog.change_post</c> is one of them.
    /// </summary>
    private sealed class AppPermissionsView(CurrentUser user, string label) : IReadOnlyDictionary<string, object?>
    {
        private IEnumerable<string> Codenames =>
            !user.IsActive
                ? []
                : user.GetPermissionsAsync().GetAwaiter().GetResult()
                    .Where(p => p.StartsWith(label + ".", StringComparison.Ordinal))
                    .Select(p => p[(label.Length + 1)..]);

        public object? this[string key] => ContainsKey(key);

        public IEnumerable<string> Keys => Codenames;

        public IEnumerable<object?> Values => Codenames.Select(static _ => (object?)true);

        // A superuser has every permission, also ones no model made (as Django's has_perm).
        public int Count => user.IsSuperuser && user.IsActive ? Math.Max(1, Codenames.Count()) : Codenames.Count();

        public bool ContainsKey(string key) => user.IsActive && (user.IsSuperuser || Codenames.Contains(key, StringComparer.Ordinal));

        public bool TryGetValue(string key, out object? value)
        {
            value = ContainsKey(key);
            return true;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
            Codenames.Select(static c => new KeyValuePair<string, object?>(c, true)).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
