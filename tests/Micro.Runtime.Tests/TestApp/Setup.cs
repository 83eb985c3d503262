using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>What the test app adds in code, as a Program.cs would: services, middleware, mounted apps.</summary>
public static class Setup
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<Greeter>();
        services.AddSingleton<IClock, FixedClock>();
        services.AddSingleton<CallCounter>();
        services.AddSingleton<PageCalls>();
        services.AddSingleton<SlowGate>();
        services.AddScoped<RequestScope>();
        services.AddKeyedSingleton<IClock, FixedClock>("leap");
        services.AddSingleton<Micro.Templates.ITemplateContextProcessor, SiteNameProcessor>();
    }

    public static void Configure(MicroApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Middleware"] = "ran";

            // A stand-in for a TLS-terminating proxy's forwarded scheme, for the HTTPS-only checks (Referer, HSTS).
            if (context.Request.Headers.TryGetValue("X-Test-Scheme", out var scheme))
            {
                context.Request.Scheme = scheme.ToString();
            }

            // A stand-in for authentication, so that handlers can be given a signed-in user.
            if (context.Request.Headers.TryGetValue("X-Test-User", out var user))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString())], "Test"));
            }

            await next(context);
        });

        // Two endpoints at one URL: an ambiguous match, a mistake endpoint routing reports by throwing.
        app.MapGet("/err/clash/", new RequestDelegate(context => context.Response.WriteAsync("one")));
        app.MapGet("/err/clash/", new RequestDelegate(context => context.Response.WriteAsync("two")));

        app.Mount("legacy", context =>
            context.Response.WriteAsync($"legacy base={context.Request.PathBase} path={context.Request.Path} query={context.Request.QueryString}"));

        app.Mount("branch", branch =>
        {
            branch.Use(async (context, next) =>
            {
                context.Response.Headers["X-Branch"] = "yes";
                await next(context);
            });
            branch.Run(context => context.Response.WriteAsync($"branch base={context.Request.PathBase} path={context.Request.Path}"));
        });
    }
}
