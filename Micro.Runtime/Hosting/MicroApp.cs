using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Micro.Commands;
using Micro.Hosting;
using Micro.Security;

namespace Micro;

/// <summary>
/// The entry point of a Micro app: <c>return MicroApp.Run(args);</c> serves every <c>[Route]</c> in the
/// app, or runs the command named by the first argument (<c>app routes</c>, <c>app greet Ada</c>).
/// <see cref="CreateBuilder(string[])"/> adds services and middleware in code first.
/// </summary>
public static class MicroApp
{
    /// <summary>Builds the app from <paramref name="args"/> and runs the command they name (serving by default); returns the exit code.</summary>
    /// <remarks>
    /// <c>help</c>, <c>version</c>, <c>routes</c>, a command's <c>--help</c>, a mistaken command line and a command that takes
    /// nothing from the app (<see cref="Commands.CommandDefinition.RunsWithoutHost"/>) are answered without building the host.
    /// </remarks>
    public static int Run(string[] args)
    {
        var (manifest, invocation, hostFree) = Start(args);
        if (hostFree && CommandRunner.TryRunWithoutHost(manifest, invocation, Console.Out, Console.Error) is { } exitCode)
        {
            return exitCode;
        }

        return NewBuilder(invocation, manifest, reportErrors: hostFree) is { } builder ? builder.Build().Run() : CommandRunner.UsageError;
    }

    /// <summary>
    /// A builder over ASP.NET Core's slim <see cref="WebApplicationBuilder"/>: configuration from
    /// appsettings.json, the environment and the command line; services and logging in code.
    /// </summary>
    /// <remarks>
    /// In the app's own process, <c>help</c>, <c>version</c>, <c>routes</c>, a command's <c>--help</c>, a mistaken command
    /// line and a command that takes nothing from the app (<see cref="Commands.CommandDefinition.RunsWithoutHost"/>) are
    /// answered here and the process exits with their code: nothing the app adds to the builder changes those answers, and
    /// they don't pay for building the host.
    /// </remarks>
    public static MicroAppBuilder CreateBuilder(string[] args)
    {
        var (manifest, invocation, hostFree) = Start(args);
        var ownProcess = hostFree && manifest.Assembly == Assembly.GetEntryAssembly();
        if (ownProcess && CommandRunner.TryRunWithoutHost(manifest, invocation, Console.Out, Console.Error) is { } exitCode)
        {
            Environment.Exit(exitCode);
        }

        var builder = NewBuilder(invocation, manifest, reportErrors: ownProcess);
        if (builder is null)
        {
            Environment.Exit(CommandRunner.UsageError);
        }

        return builder;
    }

    /// <summary>As <see cref="CreateBuilder(string[])"/>, for the app compiled into <paramref name="appAssembly"/>.</summary>
    public static MicroAppBuilder CreateBuilder(string[] args, Assembly appAssembly) => new(MicroAppBuilder.ParseInvocation(args), AppManifest.Create(appAssembly));

    /// <summary>
    /// The builder, or null when <paramref name="reportErrors"/> and a configuration file can't be loaded (appsettings.json
    /// that isn't valid JSON): that is said on one line, with the file, line and column (the stack trace with
    /// <c>--traceback</c>), instead of a crash.
    /// </summary>
    private static MicroAppBuilder? NewBuilder(CommandInvocation invocation, AppManifest manifest, bool reportErrors)
    {
        try
        {
            return new(invocation, manifest);
        }
        catch (InvalidDataException exception) when (reportErrors && ConfigurationFiles.Error(exception) is { } message)
        {
            Console.Error.WriteLine(invocation.Traceback ? exception.ToString() : "error: " + message);
            return null;
        }
    }

    /// <summary>
    /// The app's manifest and command line, and whether a command may be answered without the host: not under a test
    /// client that is starting the app, which takes the built app instead.
    /// </summary>
    private static (AppManifest Manifest, CommandInvocation Invocation, bool HostFree) Start(string[] args)
    {
        var captured = Testing.TestHost.CapturedManifest();
        return (captured ?? AppManifest.CreateDefault(), MicroAppBuilder.ParseInvocation(args), captured is null);
    }
}

/// <summary>Configures a Micro app before it is built. Everything ASP.NET Core's builder offers is here.</summary>
public sealed class MicroAppBuilder
{
    private readonly WebApplicationBuilder _web;
    private readonly CommandInvocation _invocation;
    private readonly JsonConfigurationSource[] _watchedFiles;

    internal MicroAppBuilder(CommandInvocation invocation, AppManifest manifest)
    {
        Manifest = manifest;
        _invocation = invocation;

        // A command's own options are not configuration; the host sees only the global ones (--environment).
        // An app built for tests (the test command, a test client) runs as deployed: Production unless the command line says otherwise.
        _web = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [ReadConfigurationOnce, .. invocation.HostArguments],
            EnvironmentName = Testing.TestHost.EnvironmentName(_invocation),
        });
        // The host's own JSON files (appsettings.json, appsettings.{Environment}.json, user secrets), watched from Build() on by a server.
        _watchedFiles = WatchesConfiguration(invocation) ? [.. _web.Configuration.Sources.OfType<JsonConfigurationSource>()] : [];
        _web.Services.AddMicro(manifest);
        if (Testing.TestHost.IsTestBuild(_invocation))
        {
            Testing.TestHost.AddServices(_web.Services, _web.Configuration, _web.Logging);
        }

        // Micro checks the Host header itself, with Django's patterns (.example.com) and a page that says what to add.
        // ASP.NET Core's host filtering, which the builder puts first in the pipeline, reads the same AllowedHosts and would
        // refuse those patterns before Micro sees them, so its startup filter goes.
        RemoveHostFiltering(_web.Services);

        // The app's routes are at the root: each HTTP/1.1 connection starts in their URL scope, so that a request needn't set it.
        _web.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<MountedRouteTables>((kestrel, mounted) =>
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(Routing.UrlScope.ForConnections(manifest.Routes, mounted))));
    }

    /// <summary>This host's manifest of the app: its routes, commands, models and template library.</summary>
    public AppManifest Manifest { get; }

    /// <summary>
    /// The host reads its configuration files once, as a Django command reads its settings once. A server then watches them
    /// (<see cref="Build"/>), with a watcher of the content root alone: ASP.NET Core's would watch every folder under it
    /// (bin/, obj/, node_modules/), walked while the host is built, and a command's exit would wait for it to stop.
    /// </summary>
    private const string ReadConfigurationOnce = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>Whether the host built for <paramref name="invocation"/> watches the configuration files: only a server's does.</summary>
    private static bool WatchesConfiguration(CommandInvocation invocation) => invocation.Command == CommandInvocation.DefaultCommand;

    private static void RemoveHostFiltering(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(Microsoft.AspNetCore.Hosting.IStartupFilter)
                && services[i].ImplementationType?.FullName == "Microsoft.AspNetCore.HostFilteringStartupFilter")
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// The command line, read before anything is built. A <c>--contentRoot</c> that doesn't exist is a usage error and is
    /// left out of the host's arguments: the host would throw while it is built, and the command runner reports it instead.
    /// </summary>
    internal static CommandInvocation ParseInvocation(string[] args)
    {
        var invocation = CommandInvocation.Parse(args);
        return MissingContentRoot(invocation.HostArguments) is { } contentRoot
            ? invocation with
            {
                UsageError = invocation.UsageError ?? $"--contentRoot: the folder '{contentRoot}' doesn't exist.",
                HostArguments = WithoutContentRoot(invocation.HostArguments),
            }
            : invocation;
    }

    private static string? MissingContentRoot(string[] hostArguments)
    {
        for (var i = 0; i < hostArguments.Length; i++)
        {
            var value = ContentRootValue(hostArguments, i);
            if (value is { Length: > 0 } && !Directory.Exists(Path.GetFullPath(value)))
            {
                return value;
            }
        }

        return null;
    }

    private static string[] WithoutContentRoot(string[] hostArguments)
    {
        var kept = new List<string>();
        for (var i = 0; i < hostArguments.Length; i++)
        {
            if (ContentRootValue(hostArguments, i) is null)
            {
                kept.Add(hostArguments[i]);
            }
            else if (!hostArguments[i].Contains('='))
            {
                i++;
            }
        }

        return [.. kept];
    }

    /// <summary>
    /// Takes out data protection's hosted service, which reads the key ring (files or Redis, XML, OpenSSL) while the host starts.
    /// The first request that protects or reads a cookie with it (a flash message, a session kept in the cookie) reads it
    /// instead, so an app serving neither pays nothing for keys at start-up. Done in <see cref="Build"/>, after the app's own
    /// registrations, which may add the service back (<c>AddAuthentication</c> calls <c>AddDataProtection</c>).
    /// </summary>
    private static void LoadKeyRingOnFirstUse(IServiceCollection services)
    {
        var dataProtection = typeof(Microsoft.AspNetCore.DataProtection.DataProtectionOptions).Assembly;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i] is { IsKeyedService: false } descriptor
                && descriptor.ServiceType == typeof(IHostedService)
                && descriptor.ImplementationType?.Assembly == dataProtection)
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>The request asks to switch protocols: an HTTP/1.1 upgrade or an HTTP/2 extended CONNECT (a WebSocket handshake may be either).</summary>
    private static bool IsUpgradeRequest(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    /// <summary>The value of <c>--contentRoot</c> at <paramref name="index"/> (<c>--contentRoot dir</c> or <c>--contentRoot=dir</c>), else null.</summary>
    private static string? ContentRootValue(string[] arguments, int index)
    {
        const string Option = "--contentRoot";
        var argument = arguments[index];
        if (argument.Equals(Option, StringComparison.OrdinalIgnoreCase))
        {
            return index + 1 < arguments.Length ? arguments[index + 1] : "";
        }

        return argument.StartsWith(Option + "=", StringComparison.OrdinalIgnoreCase) ? argument[(Option.Length + 1)..] : null;
    }

    public IServiceCollection Services => _web.Services;

    public ConfigurationManager Configuration => _web.Configuration;

    public IWebHostEnvironment Environment => _web.Environment;

    public ILoggingBuilder Logging => _web.Logging;

    public ConfigureWebHostBuilder WebHost => _web.WebHost;

    public ConfigureHostBuilder Host => _web.Host;

    /// <summary>Builds the app with its URL table mounted at the root.</summary>
    public MicroApplication Build()
    {
        var manifest = Manifest;
        Testing.TestHost.BeforeBuild(this, _invocation);
        LoadKeyRingOnFirstUse(_web.Services);
        var configurationFiles = ConfigurationFiles.KeepLastGoodValues(_web.Configuration, _watchedFiles, static message => Console.Error.WriteLine(message));
        var app = _web.Build();
        foreach (var file in configurationFiles)
        {
            // The logger is made when a mistake is found, so that building the app pays nothing for it.
            file.Report = message => app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Micro.Configuration").LogError("{Problem}", message);
        }

        // Liveness and readiness first: probes come by address, so they must not meet the host check or the HTTPS redirect.
        HealthEndpoints.Use(app, app.Configuration);

        // Behind a reverse proxy: the client's scheme and address and the path prefix first, so everything after sees them.
        app.UseMicroProxyHeaders();
        app.UseMicroErrorPages();
        app.UseMicroSecurity();
        app.UseMicroStaticFiles();
        app.UseMicroMediaFiles();

        // WebSocket handshakes, for routes that take a WebSocketConnection (keep-alive pings are set per connection). Only an
        // upgrade request (HTTP/1.1) or an extended CONNECT (HTTP/2) can be one, so only those pass through the middleware.
        // Made with its constructor rather than by UseWebSockets(), whose reflection costs a native start-up more than the call.
        app.UseWhen(IsUpgradeRequest, static branch =>
        {
            var services = branch.ApplicationServices;
            branch.Use(next => new Microsoft.AspNetCore.WebSockets.WebSocketMiddleware(
                next, services.GetRequiredService<IOptions<WebSocketOptions>>(), services.GetRequiredService<ILoggerFactory>()).Invoke);
        });

        // Routing after the error pages, so that a routing failure (an ambiguous match between a
        // Micro route and an endpoint the app maps itself) gets an error page too. Called here,
        // WebApplication doesn't add its own UseRouting in front of everything.
        app.UseRouting();

        // Users and permissions (AddMicro registers them): between routing and the endpoints, so that [Authorize],
        // [LoginRequired] and the app's policies see the matched route, as in a minimal API.
        app.UseMicroAuth();

        app.MapMicro(manifest);

        // Models with [Admin] bring the admin along, at /admin/ unless configured otherwise (nanodjango's one decorator).
        if (manifest.AdminMountsItself && !(bool.TryParse(app.Configuration["Micro:Admin:Enabled"], out var enabled) && !enabled))
        {
            app.MapAdmin(app.Configuration["Micro:Admin:Prefix"] ?? "admin");
        }

        // The OpenAPI document and its page: in Development, or when Micro:OpenApi:Enabled is true.
        var openApiProblem = OpenApi.OpenApiDocument.Map(app, manifest);
        return new MicroApplication(app, manifest, _invocation) { ConfigurationProblem = openApiProblem };
    }
}

/// <summary>
/// A built Micro app. It is an ASP.NET Core application and endpoint builder, so middleware and
/// endpoints are added with the usual extension methods (<c>app.Use(...)</c>, <c>app.MapGet(...)</c>).
/// </summary>
public sealed class MicroApplication : IApplicationBuilder, IEndpointRouteBuilder, IAsyncDisposable
{
    private readonly CommandInvocation _invocation;

    internal MicroApplication(WebApplication app, AppManifest manifest, CommandInvocation invocation)
    {
        Web = app;
        Manifest = manifest;
        _invocation = invocation;
    }

    /// <summary>The underlying ASP.NET Core application.</summary>
    public WebApplication Web { get; }

    public AppManifest Manifest { get; }

    /// <summary>A configuration value <see cref="MicroAppBuilder.Build"/> couldn't use, reported when the app starts serving.</summary>
    internal string? ConfigurationProblem { get; init; }

    public IServiceProvider Services => Web.Services;

    public IConfiguration Configuration => Web.Configuration;

    public IWebHostEnvironment Environment => Web.Environment;

    public ILogger Logger => Web.Logger;

    /// <summary>The addresses the server listens on once it has started.</summary>
    public ICollection<string> Urls => Web.Urls;

    /// <summary>
    /// Mounts any request delegate at <paramref name="prefix"/>: requests under it reach
    /// <paramref name="app"/> with the prefix moved to <c>PathBase</c>, as a WSGI app mounted in Django.
    /// </summary>
    public MicroApplication Mount(string prefix, RequestDelegate app) => Mount(prefix, branch => branch.Run(app));

    /// <summary>Mounts an ASP.NET Core pipeline branch at <paramref name="prefix"/>.</summary>
    public MicroApplication Mount(string prefix, Action<IApplicationBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Web.Map(new PathString("/" + prefix.Trim('/')), configure);
        return this;
    }

    /// <summary>
    /// Runs the command named on the command line, or serves the app until it is stopped (Ctrl+C) when
    /// there is none; returns the process exit code.
    /// </summary>
    public int Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>As <see cref="Run"/>; serving stops when <paramref name="cancellationToken"/> fires.</summary>
    /// <remarks>Under a test client that is starting the app (<see cref="MicroTestClient.StartAsync"/>), hands the app to it and returns 0.</remarks>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        Testing.TestHost.TryHandOver(this)
            ? Task.FromResult(CommandRunner.Success)
            : CommandRunner.RunAsync(this, _invocation, Console.Out, Console.Error, handleSignals: true, cancellationToken);

    /// <summary>
    /// Runs a command in this process, as Django's <c>call_command</c>: <c>CallCommandAsync(["greet", "Ada"])</c>.
    /// Returns its exit code; output and errors go to the given writers (the console by default).
    /// </summary>
    public Task<int> CallCommandAsync(
        IReadOnlyList<string> args,
        TextWriter? output = null,
        TextWriter? error = null,
        CancellationToken cancellationToken = default) =>
        CommandRunner.RunAsync(this, CommandInvocation.Parse([.. args]), output ?? Console.Out, error ?? Console.Error, handleSignals: false, cancellationToken);

    /// <summary>Serves the app until it is stopped or <paramref name="cancellationToken"/> fires: the <c>runserver</c> command.</summary>
    internal async Task<int> ServeAsync(CancellationToken cancellationToken)
    {
        Data.Migrations.MigrationCommands.WarnAboutPending(Web.Services, Web.Logger);
        Security.SecurityChecks.WarnAboutLocalHostsOnly(Web.Services, Web.Logger);
        await StartAsync(cancellationToken);
        await Web.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>Starts serving and returns once the server listens; the addresses are in <see cref="Urls"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // A setting Build couldn't use fails serving with its one-line message (commands that don't serve still run).
        if (ConfigurationProblem is { } problem)
        {
            throw new ConfigurationValueException(problem);
        }

        // Make the database provider now, so that a connection string it can't read fails at start rather than at the first query.
        _ = Web.Services.GetService<Data.IDatabaseProvider>();

        // Build the endpoints now, so that a misconfigured route fails at start rather than at the first request.
        foreach (var source in ((IEndpointRouteBuilder)this).DataSources)
        {
            _ = source.Endpoints;
        }

        await Web.StartAsync(cancellationToken);
        var addresses = Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Web.Logger.LogInformation(
            "Micro is serving {App} ({Environment}) at {Urls}. Quit with Ctrl+C.",
            Manifest.Assembly.GetName().Name,
            Web.Environment.EnvironmentName,
            string.Join(", ", addresses));
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Web.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => Web.DisposeAsync();

    IServiceProvider IApplicationBuilder.ApplicationServices
    {
        get => ((IApplicationBuilder)Web).ApplicationServices;
        set => ((IApplicationBuilder)Web).ApplicationServices = value;
    }

    IFeatureCollection IApplicationBuilder.ServerFeatures => ((IApplicationBuilder)Web).ServerFeatures;

    IDictionary<string, object?> IApplicationBuilder.Properties => ((IApplicationBuilder)Web).Properties;

    IApplicationBuilder IApplicationBuilder.Use(Func<RequestDelegate, RequestDelegate> middleware) => ((IApplicationBuilder)Web).Use(middleware);

    IApplicationBuilder IApplicationBuilder.New() => ((IApplicationBuilder)Web).New();

    RequestDelegate IApplicationBuilder.Build() => ((IApplicationBuilder)Web).Build();

    IApplicationBuilder IEndpointRouteBuilder.CreateApplicationBuilder() => ((IEndpointRouteBuilder)Web).CreateApplicationBuilder();

    IServiceProvider IEndpointRouteBuilder.ServiceProvider => ((IEndpointRouteBuilder)Web).ServiceProvider;

    ICollection<EndpointDataSource> IEndpointRouteBuilder.DataSources => ((IEndpointRouteBuilder)Web).DataSources;
}
