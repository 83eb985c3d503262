using System.Text;
using Micro.Caching;
using Micro.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Hosting;

/// <summary>
/// Liveness and readiness for a load balancer or an orchestrator, on by default: <c>/healthz</c> answers 200 while the process
/// serves; <c>/readyz</c> answers 200 when the database opens and answers, and Redis answers when <c>ConnectionStrings:Redis</c> is
/// set, else 503 with the part that failed. They run before the host check, HTTPS redirect and everything else, since probes
/// come by address rather than by name. <c>Micro:Health:Enabled</c>, <c>:LivenessPath</c> and <c>:ReadinessPath</c> change them.
/// </summary>
internal static class HealthEndpoints
{
    /// <summary>How long readiness waits for each dependency before it calls it unavailable.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static void Use(IApplicationBuilder app, IConfiguration configuration)
    {
        var section = configuration.GetSection("Micro:Health");
        if (section["Enabled"] is { } enabled && !Sessions.Settings.Boolean(section, "Enabled", enabled))
        {
            return;
        }

        var liveness = Path(section, "LivenessPath", "/healthz");
        var readiness = Path(section, "ReadinessPath", "/readyz");
        app.Use(next => context =>
        {
            var path = context.Request.Path;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                return next(context);
            }

            if (path.Equals(liveness, StringComparison.Ordinal))
            {
                return WriteAsync(context, StatusCodes.Status200OK, "ok\n");
            }

            return path.Equals(readiness, StringComparison.Ordinal) ? ReadyAsync(context) : next(context);
        });
    }

    private static async Task ReadyAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var report = new StringBuilder();
        var ready = await CheckAsync(report, "database", services, static async (services, cancellationToken) =>
        {
            await using var connection = await services.GetRequiredService<IDatabaseProvider>().OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
        }, context.RequestAborted);

        if (services.GetRequiredService<IOptions<MicroCacheOptions>>().Value.Redis is not null)
        {
            ready &= await CheckAsync(report, "redis", services, static (services, cancellationToken) =>
                services.GetRequiredService<Cache>().PingAsync(cancellationToken).AsTask(), context.RequestAborted);
        }

        await WriteAsync(context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, report.ToString());
    }

    private static async Task<bool> CheckAsync(StringBuilder report, string name, IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> check, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(services, timeout.Token).WaitAsync(timeout.Token);
            report.Append(name).Append(": ok\n");
            return true;
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested)
        {
            services.GetService<ILoggerFactory>()?.CreateLogger("Micro.Health").LogWarning(exception, "Readiness: the {Dependency} is unavailable.", name);
            report.Append(name).Append(": unavailable\n");
            return false;
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static PathString Path(IConfigurationSection section, string key, string fallback)
    {
        var value = section[key] is { Length: > 0 } configured ? configured : fallback;
        return value.StartsWith('/')
            ? new PathString(value)
            : throw new InvalidOperationException($"The setting {section.Path}:{key} is '{value}', which is not a path starting with /.");
    }
}
