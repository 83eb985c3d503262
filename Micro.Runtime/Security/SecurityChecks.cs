using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Security;

/// <summary>What <c>check --deploy</c> reports about an app's security settings, as Django's deployment checks.</summary>
internal static class SecurityChecks
{
    /// <summary>At start outside Development: say that only localhost is served while AllowedHosts is empty.</summary>
    public static void WarnAboutLocalHostsOnly(IServiceProvider services, ILogger logger)
    {
        var options = services.GetService<IOptions<SecurityOptions>>()?.Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (options is { AllowedHosts.Count: 0 } && !environment.IsDevelopment())
        {
            logger.LogWarning(
                "AllowedHosts is not set, so only requests for localhost are served; others get a 400. Set it to the site's host names (AllowedHosts=example.com;www.example.com).");
        }
    }

    /// <summary>The deployment warnings, each with Django's check id where there is one.</summary>
    public static IReadOnlyList<(string Id, string Message)> Deploy(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var micro = services.GetRequiredService<IOptions<MicroOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var warnings = new List<(string, string)>();
        if (environment.IsDevelopment() || micro.DetailedErrors == true)
        {
            warnings.Add(("security.W018",
                $"Detailed error pages are on (environment '{environment.EnvironmentName}'{(micro.DetailedErrors == true ? ", DetailedErrors" : "")}): they show code, settings and the URL table. Deploy with ASPNETCORE_ENVIRONMENT=Production."));
        }

        if (options.AllowedHosts.Count == 0)
        {
            warnings.Add(("security.W020", "AllowedHosts is not set: only localhost is served. Set it to the site's host names."));
        }
        else if (options.AllowedHosts.Contains("*"))
        {
            warnings.Add(("security.W020", "AllowedHosts contains '*': any Host header is accepted, and links the app builds from it can point elsewhere."));
        }

        if (KeyRing.IsDefault(services))
        {
            warnings.Add(("security.W009",
                "The keys that sign and encrypt the app's cookies (sessions, logins, messages; Micro's SECRET_KEY) are in data protection's default place, a folder in the user's home or only memory: a new container, release folder or machine has other keys, and its visitors' cookies stop working. Set Micro:Security:KeysPath to a folder every process shares, set ConnectionStrings:Redis to keep them in Redis, or persist them with AddDataProtection().PersistKeysTo...()."));
        }

        if (services.GetService<IOptions<Sessions.MicroSessionOptions>>()?.Value.Store == Sessions.SessionStoreKind.Cache
            && services.GetService<IOptions<Caching.MicroCacheOptions>>()?.Value.Redis is null)
        {
            warnings.Add(("sessions.W001",
                "Micro:Sessions:Store is Cache, but the cache is in this process's memory: sessions are lost at every restart and each process of the app has its own. Set ConnectionStrings:Redis, or keep sessions in the database."));
        }

        if (options.HstsSeconds == 0)
        {
            warnings.Add(("security.W004",
                "Micro:Security:HstsSeconds is not set. If the site is served only over HTTPS, set it so that browsers refuse plain HTTP to it (start small, 3600, then a year)."));
        }

        if (!options.SslRedirect)
        {
            warnings.Add(("security.W008",
                "Micro:Security:SslRedirect is off. Unless a proxy redirects HTTP to HTTPS, turn it on so that every request is over HTTPS."));
        }

        if (options.CsrfCookieSecure == false)
        {
            warnings.Add(("security.W016", "Micro:Security:CsrfCookieSecure is false: the CSRF cookie travels over plain HTTP."));
        }

        if (!options.CsrfChecks)
        {
            warnings.Add(("security.W003", "Micro:Security:CsrfChecks is false: no route is protected against cross-site request forgery."));
        }

        if (!string.Equals(options.XFrameOptions, "DENY", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add(("security.W019",
                $"X-Frame-Options is '{options.XFrameOptions}', not 'DENY'. Unless the site is meant to be framed by its own pages, DENY stops clickjacking."));
        }

        if (!options.ContentTypeNosniff)
        {
            warnings.Add(("security.W006", "Micro:Security:ContentTypeNosniff is false: browsers may guess a response's type from its content."));
        }

        return warnings;
    }
}
