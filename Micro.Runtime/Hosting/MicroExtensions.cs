using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Micro.Hosting;
using Micro.Routing;
using Micro.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro;

/// <summary>Adds Micro to any ASP.NET Core app: services, error pages, and a Micro app's URL table under a prefix.</summary>
public static class MicroExtensions
{
    /// <summary>
    /// Registers the Micro app compiled into the entry assembly (or the one app assembly loaded) with what its routes
    /// need: exact Django-style matching, options, its models' <c>Db</c> and its template engine.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Micro app, or several, were found; pass the one to use.</exception>
    public static IServiceCollection AddMicro(this IServiceCollection services) => services.AddMicro(AppManifest.CreateDefault());

    /// <summary>As <see cref="AddMicro(IServiceCollection)"/>, for the app compiled into <paramref name="appAssembly"/>.</summary>
    public static IServiceCollection AddMicro(this IServiceCollection services, Assembly appAssembly) =>
        services.AddMicro(AppManifest.Create(appAssembly));

    /// <summary>As <see cref="AddMicro(IServiceCollection)"/>, for the app of <paramref name="manifest"/> (this host's own manifest of it).</summary>
    public static IServiceCollection AddMicro(this IServiceCollection services, AppManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        services.AddRoutingCore();
        services.AddOptions<MicroOptions>().Configure<Microsoft.Extensions.Configuration.IConfiguration>(static (options, configuration) =>
        {
            options.AppLabel ??= configuration["Micro:AppLabel"] is { Length: > 0 } label ? label : null;
            options.MediaRoot ??= configuration["Micro:MediaRoot"] is { Length: > 0 } root ? root : null;
            if (configuration["Micro:MediaUrl"] is { Length: > 0 } mediaUrl)
            {
                options.MediaUrl = mediaUrl;
            }
        });
        services.TryAddSingleton(manifest);
        services.TryAddSingleton<MountedRouteTables>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, MicroMatcherPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, MicroLiteralRoutePolicy>());
        Data.DataModel.AddDatabaseProvider(services);
        manifest.Data?.AddServices(services);
        services.AddMicroStaticFiles(manifest);
        Files.MediaFiles.AddServices(services);
        services.AddOptions<MicroWebSocketOptions>().Configure<Microsoft.Extensions.Configuration.IConfiguration>(static (options, configuration) =>
        {
            var section = configuration.GetSection("Micro:WebSockets");
            if (section["MaxMessageBytes"] is { } max)
            {
                options.MaxMessageBytes = int.TryParse(max, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes > 0
                    ? bytes
                    : throw new InvalidOperationException($"Configuration value Micro:WebSockets:MaxMessageBytes must be a whole number of bytes above zero, not '{max}'.");
            }

            if (section["KeepAliveInterval"] is { } interval)
            {
                options.KeepAliveInterval = TimeSpan.TryParse(interval, System.Globalization.CultureInfo.InvariantCulture, out var every) && every >= TimeSpan.Zero
                    ? every
                    : throw new InvalidOperationException($"Configuration value Micro:WebSockets:KeepAliveInterval must be a time span (00:00:30), not '{interval}'.");
            }
        });
        services.AddMicroTemplates(manifest);
        services.AddMicroSecurity();

        // The cache before sessions: its IDistributedCache (memory, or Redis when configured) is the one sessions keep to.
        Caching.CacheServices.Add(services);

        // Django's INSTALLED_APPS defaults: sessions and users, cheap until a request uses them (tables made by `migrate`).
        Sessions.SessionServices.Add(services);
        Auth.AuthServices.Add(services);
        Mail.MailServices.Add(services);
        if (manifest.JsonTypeInfoResolver is { } resolver)
        {
            // After the app's own Configure calls, so that its resolvers come first.
            services.PostConfigure<JsonOptions>(options => AddJsonResolver(options.SerializerOptions, resolver));
        }

        return services;
    }

    /// <summary>
    /// Registers the <see cref="TemplateEngine"/> that <see cref="TemplateResult"/> renders with: the templates embedded in
    /// <paramref name="manifest"/>'s assembly (its <c>templates/</c> folder), and in Development the folder itself, reloaded when edited.
    /// <c>{% url %}</c> reverses the app's routes. <see cref="AddMicro(IServiceCollection)"/> calls it.
    /// </summary>
    public static IServiceCollection AddMicroTemplates(this IServiceCollection services, AppManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        services.AddOptions<MicroOptions>();
        services.TryAddSingleton(serviceProvider => AppTemplates.CreateEngine(
            manifest,
            serviceProvider.GetRequiredService<IHostEnvironment>(),
            serviceProvider.GetRequiredService<IOptions<MicroOptions>>().Value,
            serviceProvider.GetService<Static.StaticFiles>(),
            serviceProvider.GetService<Files.IFileStorage>()));
        return services;
    }

    /// <summary>
    /// Registers the app's <c>static/</c> files (<see cref="Static.StaticFiles"/>), built into <paramref name="manifest"/>'s
    /// assembly, or in Development read from the project's folder, so that <c>{% static %}</c> links their fingerprinted names.
    /// <see cref="AddMicro(IServiceCollection)"/> calls it; <see cref="UseMicroStaticFiles"/> serves them.
    /// </summary>
    public static IServiceCollection AddMicroStaticFiles(this IServiceCollection services, AppManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        services.TryAddSingleton(serviceProvider =>
        {
            var environment = serviceProvider.GetRequiredService<IHostEnvironment>();
            var folder = environment.IsDevelopment() ? AppTemplates.FindProjectFolder(manifest, environment, "static") : null;
            return new Static.StaticFiles(manifest.Assembly, folder);
        });
        return services;
    }

    /// <summary>
    /// Serves the app's <c>static/</c> files under <see cref="MicroOptions.StaticUrl"/> (<c>/static/</c>), for GET and HEAD, in
    /// every environment: fingerprinted names cached for a year, others revalidated, Brotli and gzip where accepted.
    /// <see cref="MicroApp"/> adds it after <see cref="UseMicroSecurity"/>.
    /// </summary>
    public static IApplicationBuilder UseMicroStaticFiles(this IApplicationBuilder app)
    {
        // Micro's middleware is made with its constructor, not UseMiddleware<T>(): that finds the constructor and InvokeAsync by
        // reflection, which costs a native binary's start-up more than the call itself (docs/benchmarks.md has the numbers).
        var services = app.ApplicationServices;
        var files = services.GetService<Static.StaticFiles>()
            ?? throw ServicesMissing("app.UseMicroStaticFiles()");
        return app.Use(next => new Static.StaticFilesMiddleware(next, files, services.GetRequiredService<IOptions<MicroOptions>>()).InvokeAsync);
    }

    /// <summary>
    /// Serves the app's uploaded files (the media root, where <c>[FileField]</c> columns keep theirs) under <see cref="MicroOptions.MediaUrl"/>
    /// (<c>/media/</c>) for GET and HEAD, as Django's <c>static(MEDIA_URL, document_root=MEDIA_ROOT)</c>: pages and scripts uploaded are
    /// served as sandboxed downloads. <see cref="MicroApp"/> adds it after <see cref="UseMicroStaticFiles"/>.
    /// </summary>
    public static IApplicationBuilder UseMicroMediaFiles(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Files.MediaFiles.Use(app);
    }

    /// <summary>
    /// Registers Django's protections, configured under <c>AllowedHosts</c> and <c>Micro:Security</c> (<see cref="SecurityOptions"/>):
    /// the host check and security headers (<see cref="UseMicroSecurity"/>), CSRF checks on Micro routes, the signing keys of
    /// cookies (ASP.NET Core data protection), and the template variables <c>csrf_token</c>, <c>messages</c> and <c>request</c>.
    /// <see cref="AddMicro(IServiceCollection)"/> calls it.
    /// </summary>
    public static IServiceCollection AddMicroSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SecurityOptions>, SecurityOptions.FromConfiguration>());
        services.AddDataProtection();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, Security.KeyRing>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.DataProtectionOptions>, Security.KeyRing>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITemplateContextProcessor, RequestContextProcessor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITemplateContextProcessor, Security.CsrfContextProcessor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITemplateContextProcessor, MessagesContextProcessor>());
        return services;
    }

    /// <summary>
    /// Refuses requests for hosts the app doesn't serve (a 400; <see cref="SecurityOptions.AllowedHosts"/>) and adds Django's
    /// security headers to every response. <see cref="MicroApp"/> adds it; an ASP.NET Core app hosting Micro routes adds it
    /// after <see cref="UseMicroErrorPages"/>.
    /// </summary>
    public static IApplicationBuilder UseMicroSecurity(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        return app.Use(next => new Security.SecurityMiddleware(
            next,
            services.GetRequiredService<IOptions<SecurityOptions>>(),
            services.GetRequiredService<IOptions<MicroOptions>>(),
            services.GetRequiredService<IWebHostEnvironment>(),
            services.GetRequiredService<ILogger<Security.SecurityMiddleware>>()).InvokeAsync);
    }

    /// <summary>
    /// Runs ASP.NET Core's authentication (Micro's session logins become <c>HttpContext.User</c>) and authorization (<c>[Authorize]</c>,
    /// <c>[LoginRequired]</c>, <c>[PermissionRequired]</c>, policies) for the endpoint routing chose: call it after <c>UseRouting()</c>.
    /// <c>MicroApp</c>'s builder calls it; an app that maps Micro into its own pipeline calls ASP.NET Core's
    /// <c>UseAuthentication()</c> and <c>UseAuthorization()</c> itself (or lets WebApplication add them).
    /// </summary>
    internal static IApplicationBuilder UseMicroAuth(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices.GetService<IServiceProviderIsService>();
        if (services?.IsService(typeof(Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider)) == true)
        {
            var provider = app.ApplicationServices;
            app.Use(next => new Auth.SessionAuthenticationMiddleware(
                next,
                provider.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>(),
                provider.GetRequiredService<IOptions<Sessions.MicroSessionOptions>>()).InvokeAsync);

            // What UseAuthentication() records, so that WebApplication doesn't add ASP.NET Core's own in front of everything.
            app.Properties["__AuthenticationMiddlewareSet"] = true;
        }

        if (services?.IsService(typeof(Microsoft.AspNetCore.Authorization.IAuthorizationHandlerProvider)) == true)
        {
            if (HasNoFallbackPolicy(app.ApplicationServices))
            {
                // Without a fallback policy, ASP.NET Core's authorization only looks at an endpoint without authorization metadata
                // and lets it through: such requests (a public page, a 404) go straight on.
                app.UseWhen(HasAuthorizationMetadata, static branch => branch.UseAuthorization());

                // What UseAuthorization() records (here on the branch only), so that WebApplication doesn't add its own.
                app.Properties["__AuthorizationMiddlewareSet"] = true;
            }
            else
            {
                app.UseAuthorization();
            }
        }

        return app;
    }

    /// <summary>
    /// True when authorization has no fallback policy for endpoints without metadata: the policy provider is ASP.NET Core's own
    /// (an app's provider may make one up per request) and <c>AuthorizationOptions.FallbackPolicy</c> is unset.
    /// </summary>
    private static bool HasNoFallbackPolicy(IServiceProvider services) =>
        services.GetService<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>()?.GetType()
            == typeof(Microsoft.AspNetCore.Authorization.DefaultAuthorizationPolicyProvider)
        && services.GetService<IOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>>()?.Value.FallbackPolicy is null;

    /// <summary>The endpoint routing chose asks for authorization (what ASP.NET Core's endpoint middleware insists was run).</summary>
    private static bool HasAuthorizationMetadata(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null
            || metadata.GetMetadata<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>() is not null
            || metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizationRequirementData>() is not null);

    /// <summary>
    /// Renders error responses and unhandled exceptions as pages (the app's <see cref="ErrorHandlerAttribute"/>
    /// methods first). Add it before other middleware so that it sees their failures too.
    /// </summary>
    public static IApplicationBuilder UseMicroErrorPages(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var mounted = services.GetService<MountedRouteTables>()
            ?? throw ServicesMissing("app.UseMicroErrorPages()");
        return app.Use(next => new ErrorPagesMiddleware(
            next,
            mounted,
            services.GetRequiredService<IOptions<MicroOptions>>(),
            services.GetRequiredService<IWebHostEnvironment>(),
            services.GetRequiredService<ILogger<ErrorPagesMiddleware>>()).InvokeAsync);
    }

    /// <summary>
    /// Runs a command of the Micro app registered by <see cref="AddMicro(IServiceCollection)"/> in an ASP.NET Core host, as Django's
    /// <c>call_command</c>: <c>await app.CallMicroCommandAsync(["migrate"])</c> applies Micro's and the app's migrations to the
    /// database the host configured. Built-in commands (<c>migrate</c>, <c>createsuperuser</c>, <c>check</c>, <c>routes</c>...) and the
    /// app's <c>[Command]</c>s run as under <c>MicroApp.Run</c>; <c>runserver</c> serves the host. Returns the exit code.
    /// </summary>
    public static Task<int> CallMicroCommandAsync(
        this WebApplication app,
        IReadOnlyList<string> args,
        TextWriter? output = null,
        TextWriter? error = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var manifest = app.Services.GetService<AppManifest>()
            ?? throw ServicesMissing("running a Micro command");
        var micro = new MicroApplication(app, manifest, Commands.CommandInvocation.Parse([.. args]));
        return micro.CallCommandAsync(args, output, error, cancellationToken);
    }

    /// <summary>
    /// Mounts the URL table of the Micro app registered by <see cref="AddMicro(IServiceCollection)"/> under
    /// <paramref name="prefix"/> (for example <c>"blog"</c> serves its <c>""</c> route at <c>/blog/</c>). An app mounted
    /// twice reverses its URLs under the prefix each request came through.
    /// </summary>
    public static IEndpointConventionBuilder MapMicro(this IEndpointRouteBuilder endpoints, string prefix = "") =>
        endpoints.MapMicro(
            endpoints.ServiceProvider.GetService<AppManifest>()
                ?? throw ServicesMissing("mapping a Micro app"),
            prefix);

    /// <summary>Mounts the URL table of the Micro app in <paramref name="manifest"/>'s assembly under <paramref name="prefix"/>.</summary>
    public static IEndpointConventionBuilder MapMicro(this IEndpointRouteBuilder endpoints, AppManifest manifest, string prefix = "")
    {
        var services = endpoints.ServiceProvider;
        _ = services.GetService<MountedRouteTables>()
            ?? throw ServicesMissing("mapping a Micro app");
        if (manifest.JsonTypeInfoResolver is { } resolver && !ReferenceEquals(services.GetService<AppManifest>(), manifest))
        {
            // Another app than the one AddMicro registered: its metadata joins the options now.
            AddJsonResolver(services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, resolver);
        }

        return MapTable(endpoints, manifest.Routes, prefix);
    }

    /// <summary>
    /// Mounts Micro's login, logout, password change and password reset views under <paramref name="prefix"/>, as Django's
    /// <c>path("accounts/", include("django.contrib.auth.urls"))</c>: <c>accounts/login/</c>, <c>accounts/logout/</c> (POST),
    /// <c>accounts/password_change/</c>, <c>accounts/password_change/done/</c>, <c>accounts/password_reset/</c> (which mails a link
    /// through <see cref="Mail.IEmailSender"/>), <c>accounts/password_reset/done/</c>, <c>accounts/reset/&lt;uidb64&gt;/&lt;token&gt;/</c>
    /// and <c>accounts/reset/done/</c>, reversed by Django's names (<c>login</c>, <c>logout</c>, <c>password_change</c>,
    /// <c>password_change_done</c>, <c>password_reset</c>, <c>password_reset_done</c>, <c>password_reset_confirm</c>,
    /// <c>password_reset_complete</c>) from the app's templates and code.
    /// </summary>
    public static IEndpointConventionBuilder MapAuth(this IEndpointRouteBuilder endpoints, string prefix = "accounts") =>
        MapTable(endpoints, Auth.AuthViews.Table, prefix);

    /// <summary>
    /// Mounts the admin under <paramref name="prefix"/>, as Django's <c>path("admin/", admin.site.urls)</c>, with the models of
    /// the app registered by <see cref="AddMicro(IServiceCollection)"/>: those with <c>[Admin]</c> or, when none has it, every
    /// <c>[Model]</c>. An app whose models carry <c>[Admin]</c> gets the admin at <c>/admin/</c> without this call
    /// (<c>Micro:Admin:Prefix</c> moves it, <c>Micro:Admin:Enabled=false</c> turns it off).
    /// </summary>
    /// <exception cref="InvalidOperationException">The app has no models, or the admin is mounted already.</exception>
    public static IEndpointConventionBuilder MapAdmin(this IEndpointRouteBuilder endpoints, string prefix = "admin")
    {
        var services = endpoints.ServiceProvider;
        var manifest = services.GetService<AppManifest>()
            ?? throw ServicesMissing("mapping the admin");
        if (manifest.Admin.Count == 0)
        {
            throw new InvalidOperationException("The admin has no models to show: the app has no [Model] classes. Add one, then build again.");
        }

        var mounted = services.GetRequiredService<MountedRouteTables>();
        if (mounted.Tables.FirstOrDefault(static t => t.Table.FindByName(Admin.AdminSite.IndexName) is not null) is { Table: not null } existing)
        {
            throw new InvalidOperationException(
                $"The admin is mounted already, at /{existing.Prefix}: the app's models carry [Admin], which mounts it. Set Micro:Admin:Prefix to move it instead of calling MapAdmin.");
        }

        var label = services.GetRequiredService<IOptions<MicroOptions>>().Value.AppLabelFor(manifest);
        return MapTable(endpoints, new Admin.AdminSite(manifest.Admin, label).Table, prefix);
    }

    private static MicroEndpointDataSource MapTable(IEndpointRouteBuilder endpoints, RouteTable table, string prefix)
    {
        var services = endpoints.ServiceProvider;
        var mounted = services.GetService<MountedRouteTables>()
            ?? throw ServicesMissing("mapping a Micro app");
        var normalized = prefix.Trim('/');
        normalized = normalized.Length == 0 ? "" : normalized + "/";
        mounted.Add(table, normalized, services);
        var source = new MicroEndpointDataSource(table, normalized, services);
        endpoints.DataSources.Add(source);
        return source;
    }

    /// <summary>
    /// Adds the app's generated JSON metadata to <paramref name="options"/> after the resolvers the app configured
    /// (its <c>JsonSerializerContext</c>, its own <c>TypeInfoResolverChain</c> entries), which win, and before
    /// reflection (<see cref="DefaultJsonTypeInfoResolver"/>), which it wins over.
    /// </summary>
    internal static void AddJsonResolver(JsonSerializerOptions options, IJsonTypeInfoResolver resolver)
    {
        var chain = options.TypeInfoResolverChain;
        if (chain.Contains(resolver))
        {
            return;
        }

        var reflection = 0;
        while (reflection < chain.Count && chain[reflection] is not DefaultJsonTypeInfoResolver)
        {
            reflection++;
        }

        chain.Insert(reflection, resolver);
    }

    /// <summary>The error of a Micro extension called without Micro's services, naming what it was called for.</summary>
    private static InvalidOperationException ServicesMissing(string before) =>
        new($"Micro's services are missing: call builder.Services.AddMicro() before {before}.");
}
