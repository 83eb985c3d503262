using Micro.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Commands;

/// <summary>
/// Check the app for problems without serving it. Builds every route's endpoint and looks up every
/// service a command needs; exits with 1 when something is wrong.
/// </summary>
[Command]
internal static class CheckCommand
{
    /// <summary>Reports each problem on standard error.</summary>
    /// <param name="context">The running command.</param>
    public static int Run(CommandContext context)
    {
        var app = context.App;
        var services = app.Services;
        var problems = new List<string>();
        var table = app.Manifest.Routes;
        foreach (var route in table.Routes)
        {
            try
            {
                _ = new RouteMatcher(route, prefix: "");
                _ = RoutePatternFactory.Parse(RouteMatcher.CandidatePattern(route, prefix: ""));
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

        if (problems.Count == 0)
        {
            context.Out.WriteLine("System check identified no issues.");
            return CommandRunner.Success;
        }

        foreach (var problem in problems)
        {
            context.Error.WriteLine(problem);
        }

        context.Error.WriteLine($"System check identified {problems.Count} {(problems.Count == 1 ? "issue" : "issues")}.");
        return CommandRunner.Failure;
    }
}
