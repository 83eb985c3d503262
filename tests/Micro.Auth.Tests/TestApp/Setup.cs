using Microsoft.Extensions.DependencyInjection;

namespace Micro.Auth.Tests.TestApp;

/// <summary>What the test app adds in code, as a Program.cs would.</summary>
public static class Setup
{
    public static void AddServices(IServiceCollection services) =>
        services.AddAuthorization(static options => options.AddPolicy("AdaOnly", static policy => policy.RequireUserName("ada")));

    public static void Configure(MicroApplication app) => app.MapAuth("accounts");
}
