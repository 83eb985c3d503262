using Micro.Templates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Micro.Auth;

/// <summary>
/// The services users and logins need, registered by <c>AddMicro</c> as Django has auth in INSTALLED_APPS by default: Micro's
/// authentication scheme (the default unless the app chose another), ASP.NET Core's authorization with the handler of Micro's
/// requirements, <see cref="AuthDb"/>, the password hasher and validators, and <c>user</c> and <c>perms</c> for templates.
/// </summary>
internal static class AuthServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<MicroAuthOptions>().Configure<IConfiguration>(static (options, configuration) => MicroAuthOptions.Read(configuration, options));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PasswordHasher>();
        services.TryAddSingleton<PasswordValidation>();
        services.TryAddSingleton<PasswordResetTokens>();
        services.TryAddScoped<AuthDb>();
        services.AddAuthentication();
        services.Configure<AuthenticationOptions>(static options =>
        {
            if (!options.SchemeMap.ContainsKey(MicroAuthDefaults.Scheme))
            {
                options.AddScheme<SessionAuthenticationHandler>(MicroAuthDefaults.Scheme, "Micro sessions");
            }

            // The default unless the app chose its own (JWT for an API, say), before or after AddMicro.
            options.DefaultScheme ??= MicroAuthDefaults.Scheme;
        });
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, MicroAuthorizationHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITemplateContextProcessor, AuthTemplateValues>());
    }
}
