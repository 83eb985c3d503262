using Micro.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Micro
{
    /// <summary>
    /// Only logged-in users, as Django's <c>@login_required</c>: on a route or a class-based view, an anonymous visitor is sent to the
    /// login page with <c>?next=</c> this page (a JSON client gets a 401). ASP.NET Core's authorization runs it, as it runs <c>[Authorize]</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
    public sealed class LoginRequiredAttribute : Attribute, IAuthorizationRequirementData
    {
        public IEnumerable<IAuthorizationRequirement> GetRequirements() => [AuthRequirements.LoggedIn];
    }

    /// <summary>
    /// Only users with every permission named (<c>blog.change_post</c>), as Django's <c>@permission_required</c>: an anonymous visitor
    /// goes to the login page, a logged-in user without the permissions gets a 403. Superusers have every permission.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
    public sealed class PermissionRequiredAttribute(params string[] permissions) : Attribute, IAuthorizationRequirementData
    {
        /// <summary>The permissions, as <c>app_label.codename</c>.</summary>
        public IReadOnlyList<string> Permissions { get; } = permissions;

        public IEnumerable<IAuthorizationRequirement> GetRequirements() => [AuthRequirements.LoggedIn, new PermissionRequirement(Permissions)];
    }

    /// <summary>
    /// Only active staff users (<c>is_staff</c>), as Django's <c>@staff_member_required</c>: an anonymous visitor goes to the login page,
    /// a logged-in user who isn't staff gets a 403.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
    public sealed class StaffRequiredAttribute : Attribute, IAuthorizationRequirementData
    {
        public IEnumerable<IAuthorizationRequirement> GetRequirements() => [AuthRequirements.LoggedIn, StaffRequirement.Instance];
    }
}

namespace Micro.Auth
{
    internal static class AuthRequirements
    {
        public static readonly DenyAnonymousAuthorizationRequirement LoggedIn = new();
    }

    /// <summary>The user has every permission named (<see cref="PermissionRequiredAttribute"/>).</summary>
    public sealed class PermissionRequirement(IReadOnlyList<string> permissions) : IAuthorizationRequirement
    {
        public IReadOnlyList<string> Permissions { get; } = permissions;

        public override string ToString() => $"PermissionRequirement: the user has {string.Join(", ", Permissions)}";
    }

    /// <summary>The user is active staff (<see cref="StaffRequiredAttribute"/>).</summary>
    public sealed class StaffRequirement : IAuthorizationRequirement
    {
        public static StaffRequirement Instance { get; } = new();

        public override string ToString() => "StaffRequirement: the user is staff";
    }

    /// <summary>Decides <see cref="PermissionRequirement"/> and <see cref="StaffRequirement"/> for Micro's users.</summary>
    internal sealed class MicroAuthorizationHandler : IAuthorizationHandler
    {
        public async Task HandleAsync(AuthorizationHandlerContext context)
        {
            if (context.Resource is not Microsoft.AspNetCore.Http.HttpContext httpContext)
            {
                return;
            }

            foreach (var requirement in context.PendingRequirements.ToList())
            {
                switch (requirement)
                {
                    case StaffRequirement when httpContext.GetCurrentUser() is { IsStaff: true, IsActive: true }:
                        context.Succeed(requirement);
                        break;
                    case PermissionRequirement permissions when await httpContext.GetCurrentUser().HasPermsAsync(permissions.Permissions):
                        context.Succeed(requirement);
                        break;
                }
            }
        }
    }
}
