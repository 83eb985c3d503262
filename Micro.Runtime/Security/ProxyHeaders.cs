using System.Net;
using Micro.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Security;

/// <summary>
/// An app behind a reverse proxy, from configuration alone. <c>Micro:Proxy:ForwardedHeaders=true</c> reads the client's address,
/// the scheme and the path prefix the proxy took off (<c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Prefix</c>; <c>-Host</c> too with
/// <c>Micro:Proxy:ForwardedHost=true</c>, Django's <c>USE_X_FORWARDED_HOST</c>) from the proxies in <c>Micro:Proxy:KnownProxies</c>
/// (loopback when unset) and from no one else. <c>Micro:ScriptPrefix=/blog</c> is Django's <c>FORCE_SCRIPT_NAME</c>: every request
/// is served as if under that prefix. Either way the prefix is the request's <c>PathBase</c>, so URLs reverse under it.
/// </summary>
internal static class ProxyHeaders
{
    public static IApplicationBuilder UseMicroProxyHeaders(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        if (Flag(configuration, "Micro:Proxy:ForwardedHeaders"))
        {
            var options = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedPrefix
                    | (Flag(configuration, "Micro:Proxy:ForwardedHost") ? ForwardedHeaders.XForwardedHost : ForwardedHeaders.None),
            };
            if (configuration["Micro:Proxy:KnownProxies"] is { Length: > 0 } proxies)
            {
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var proxy in proxies.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                        ? address
                        : throw new ConfigurationValueException($"Configuration value Micro:Proxy:KnownProxies must list IP addresses separated by ';', and '{proxy}' is not one."));
                }
            }

            app.UseForwardedHeaders(options);

            // A proxy may send the prefix with its trailing slash (/shop/); the path that follows brings its own.
            app.Use(static (context, next) =>
            {
                if (context.Request.PathBase.Value is { Length: > 1 } pathBase && pathBase.EndsWith('/'))
                {
                    context.Request.PathBase = new PathString(pathBase.TrimEnd('/'));
                }

                return next(context);
            });
        }

        if (configuration["Micro:ScriptPrefix"] is { Length: > 0 } prefix)
        {
            var path = prefix.TrimEnd('/');
            if (!path.StartsWith('/') || path.Contains('?') || path.Contains('#'))
            {
                throw new ConfigurationValueException($"Configuration value Micro:ScriptPrefix must be a path that starts with '/' (such as /blog), not '{prefix}'.");
            }

            var scriptPrefix = PathString.FromUriComponent(path);
            app.Use((context, next) =>
            {
                context.Request.PathBase = scriptPrefix.Add(context.Request.PathBase);
                return next(context);
            });
        }

        return app;
    }

    private static bool Flag(IConfiguration configuration, string key) =>
        configuration[key] is not { Length: > 0 } text
            ? false
            : bool.TryParse(text, out var value)
                ? value
                : throw new ConfigurationValueException($"Configuration value {key} must be true or false, not '{text}'.");
}
