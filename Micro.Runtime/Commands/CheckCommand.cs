using Micro.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Commands;

/// <summary>The least serious finding that makes <c>check</c> exit with 1.</summary>
internal enum CheckFailLevel
{
    Warning,
    Error,
}

/// <summary>
/// Check the app for problems without serving it. Builds every route's endpoint and looks up every
/// service a command needs; exits with 1 when something is wrong. With --deploy, also warns about
/// settings unsafe for production (environment, AllowedHosts, HSTS, HTTPS, cookies, CSRF).
/// </summary>
[Command]
internal static class CheckCommand
{
    /// <summary>Reports each problem on standard error.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="deploy">Also check the settings a production deployment needs.</param>
    /// <param name="failLevel">Exit with 1 for warnings too (warning), or for errors only (error).</param>
    public static int Run(CommandContext context, bool deploy = false, CheckFailLevel failLevel = CheckFailLevel.Error)
    {
        var app = context.App;
        var services = app.Services;
        var problems = new List<string>();
        var table = app.Manifest.Routes;
        foreach (var route in table.Routes)
        {
            try
            {
                _ = RoutePatternFactory.Parse(new RouteMatcher(route, prefix: "").CandidatePattern);
                _ = route.CreateRequestDelegate(services);
            }
            catch (Exception exception)
            {
                problems.Add($"route '{route.Pattern}' ({route.Handler}, {route.Source}): {exception.Message}");
            }
        }

        // Endpoints mapped in code (app.MapGet and friends); Micro's routes were built one by one above.
        foreach (var source in ((IEndpointRouteBuilder)app).DataSources.Where(static s => s is not MicroEndpointDataSource))
        {
            try
            {
                _ = source.Endpoints;
            }
            catch (Exception exception)
            {
                problems.Add($"endpoints of {source.GetType().Name}: {exception.Message}");
            }
        }

        var isService = services.GetService<IServiceProviderIsService>();
        foreach (var command in context.Commands)
        {
            foreach (var type in command.Services)
            {
                if (isService is not null && !isService.IsService(type))
                {
                    problems.Add($"command '{command.Name}' ({command.Handler}, {command.Source}): it needs the service {type.FullName}, which is not registered.");
                }
            }
        }

        var warnings = new List<string>();
        try
        {
            // Reading the options checks their configuration values; the trusted origins are parsed as requests will.
            Security.CsrfProtection.Validate(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value);
            if (deploy)
            {
                foreach (var (id, message) in Security.SecurityChecks.Deploy(services))
                {
                    warnings.Add($"({id}) {message}");
                }
            }
        }
        catch (InvalidOperationException exception)
        {
            problems.Add($"security settings: {exception.Message}");
        }

        var count = problems.Count + warnings.Count;
        if (count == 0)
        {
            context.Out.WriteLine("System check identified no issues.");
            return CommandRunner.Success;
        }

        if (problems.Count > 0)
        {
            context.Error.WriteLine("ERRORS:");
            foreach (var problem in problems)
            {
                context.Error.WriteLine(problem);
            }
        }

        if (warnings.Count > 0)
        {
            context.Error.WriteLine("WARNINGS:");
            foreach (var warning in warnings)
            {
                context.Error.WriteLine(warning);
            }
        }

        context.Error.WriteLine($"System check identified {count} {(count == 1 ? "issue" : "issues")}.");
        return problems.Count > 0 || (warnings.Count > 0 && failLevel == CheckFailLevel.Warning) ? CommandRunner.Failure : CommandRunner.Success;
    }
}
