using System.Reflection;
using Micro.Auth;
using Micro.Commands;
using Micro.Data;
using Micro.Hosting;
using Micro.Security;
using Micro.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Micro.Testing;

/// <summary>
/// How an app built for tests differs from one that serves: Production unless told otherwise, a temporary SQLite database
/// the test client replaces for each test, quiet logs, and a first middleware that lets the test client see what a request
/// rendered, turn the CSRF check off and log a user in. An app is built for tests by the <c>test</c> command, or by
/// <see cref="MicroTestClient.StartAsync"/>, which runs the app's own entry point and takes the app it builds (<see cref="Capture"/>).
/// </summary>
internal static class TestHost
{
    /// <summary>The header that marks a request as the test client's; its value names the request's recording.</summary>
    public const string RequestHeader = "Micro-Test-Request";

    /// <summary>The header that asks for the CSRF check (off for the test client's requests unless it enforces it).</summary>
    public const string CsrfHeader = "Micro-Test-Csrf";

    /// <summary>Where the test client logs a user in or out, without a password (Django's <c>force_login</c>).</summary>
    public const string LoginPath = "/__micro_test__/login";

    public const string LogoutPath = "/__micro_test__/logout";

    private static readonly AsyncLocal<Capture?> s_capture = new();

    /// <summary>A test client waiting for the app its entry point builds.</summary>
    internal sealed class Capture(Assembly assembly, MicroTestOptions options)
    {
        public Assembly Assembly { get; } = assembly;

        public MicroTestOptions Options { get; } = options;

        public MicroApplication? App { get; set; }
    }

    /// <summary>Builds the app of <paramref name="assembly"/> for a test client: its entry point runs, with this capture in effect.</summary>
    public static MicroApplication Build(Assembly assembly, MicroTestOptions options)
    {
        var capture = new Capture(assembly, options);
        var outer = s_capture.Value;
        s_capture.Value = capture;
        try
        {
            if (assembly.EntryPoint is { } entryPoint)
            {
                // The app's own Main, so that the services and middleware it adds in code are there, as WebApplicationFactory does.
                // MicroApplication.Run hands the built app over instead of running a command.
                try
                {
                    entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                }
                catch (TargetInvocationException exception) when (exception.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
                }
            }
            else
            {
                // A library that holds an app (no Main): built as MicroApp.Run would.
                capture.App = MicroApp.CreateBuilder([], assembly).Build();
            }
        }
        finally
        {
            s_capture.Value = outer;
        }

        return capture.App ?? throw new InvalidOperationException(
            $"The entry point of {assembly.GetName().Name} returned without building a Micro app. A test client starts the app its Main " +
            "builds with MicroApp.Run(args) or MicroApp.CreateBuilder(args)...Build().Run().");
    }

    /// <summary>The manifest <see cref="MicroApp.CreateBuilder(string[])"/> uses while a test client builds an app.</summary>
    public static AppManifest? CapturedManifest() =>
        TestingFeature.IsSupported && s_capture.Value is { App: null } capture ? AppManifest.Create(capture.Assembly) : null;

    /// <summary>Whether the app being built is for tests: for the <c>test</c> command, or for a test client.</summary>
    public static bool IsTestBuild(CommandInvocation invocation) =>
        TestingFeature.IsSupported && (s_capture.Value is { App: null } || invocation.Command == TestCommand.Name);

    /// <summary>
    /// The environment of an app built for tests: Production (or the test client's choice), so that error pages and security
    /// behave as deployed, unless the command line names one (<c>app test --environment Development</c>).
    /// </summary>
    public static string? EnvironmentName(CommandInvocation invocation)
    {
        if (!IsTestBuild(invocation))
        {
            return null;
        }

        var named = invocation.HostArguments.Any(static a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        return named ? null : s_capture.Value?.Options.Environment ?? "Production";
    }

    /// <summary>The services of an app built for tests; called after <c>AddMicro</c>, so that the test database wins.</summary>
    public static void AddServices(IServiceCollection services, ConfigurationManager configuration, ILoggingBuilder logging)
    {
        if (s_capture.Value is { App: null } capture && capture.Options.Configuration.Count > 0)
        {
            configuration.AddInMemoryCollection(capture.Options.Configuration);
        }

        // Uploads go to a temporary folder of this app's own, never into the project's media/.
        configuration["Micro:MediaRoot"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "micro-test-media-" + Guid.NewGuid().ToString("N"));

        services.AddSingleton<TestDatabase>();
        services.AddSingleton<IDatabaseProvider>(static provider => provider.GetRequiredService<TestDatabase>());
        services.AddSingleton<TemplateRecorder>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, TestStartupFilter>());

        // The runner's dots stay readable: a route's exception is a 500 the test sees, not a log on the console.
        logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Critical);
    }

    /// <summary>
    /// The last word on the services of an app built for tests, after the app's own code: mail stays in memory, then the test
    /// client's <see cref="MicroTestOptions.ConfigureBuilder"/> runs.
    /// </summary>
    public static void BeforeBuild(MicroAppBuilder builder, CommandInvocation invocation)
    {
        if (!IsTestBuild(invocation))
        {
            return;
        }

        // As Django's test runner: mail is kept in memory (MicroTestClient.Outbox), never sent, whatever the configuration
        // says and whichever sender the app registered itself in Program.cs.
        builder.Services.AddSingleton<Mail.IEmailSender>(static provider => provider.GetRequiredService<Mail.MemoryEmailSender>());
        if (s_capture.Value is { App: null } capture)
        {
            capture.Options.ConfigureBuilder?.Invoke(builder);
        }
    }

    /// <summary>Hands <paramref name="app"/> to the test client that is building it, instead of running it; false outside one.</summary>
    public static bool TryHandOver(MicroApplication app)
    {
        if (!TestingFeature.IsSupported || s_capture.Value is not { App: null } capture)
        {
            return false;
        }

        capture.App = app;
        return true;
    }

    /// <summary>The first middleware of an app built for tests.</summary>
    private sealed class TestStartupFilter(TemplateRecorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var id = context.Request.Headers[RequestHeader].ToString();
                if (id.Length == 0)
                {
                    await nextMiddleware(context);
                    return;
                }

                context.Features.Set(recorder.Begin(id));
                if (!string.Equals(context.Request.Headers[CsrfHeader].ToString(), "enforce", StringComparison.Ordinal))
                {
                    context.Features.Set(new CsrfChecksOff());
                }

                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(LoginPath, StringComparison.Ordinal))
                {
                    await LoginAsync(context);
                    return;
                }

                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(LogoutPath, StringComparison.Ordinal))
                {
                    await context.LogoutAsync();
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };

        private static async Task LoginAsync(HttpContext context)
        {
            var auth = context.RequestServices.GetRequiredService<AuthDb>();
            var user = int.TryParse(context.Request.Query["user"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? await auth.Users.FindAsync(id, context.RequestAborted)
                : null;
            if (user is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync($"No user with id '{context.Request.Query["user"]}' in the test database.");
                return;
            }

            await context.LoginAsync(user);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }
}

/// <summary>The database of an app built for tests: a new SQLite file for each test, in a temporary folder, deleted afterwards.</summary>
internal sealed class TestDatabase : IDatabaseProvider, IKeepsConnections, IDisposable
{
    private SqliteProvider? _current;
    private string? _directory;

    private SqliteProvider Current => _current ?? throw new InvalidOperationException(
        "The app was built for tests and has no test database yet: a MicroTestClient makes one for each test.");

    /// <summary>The file of the current test database.</summary>
    public string? Path => _current?.DataSource;

    public string DisplayName => Current.DisplayName;

    public SqlDialect Dialect => Current.Dialect;

    /// <summary>Replaces the database with a new, empty file; the previous one is deleted.</summary>
    public void Renew()
    {
        Dispose();
        _directory = Directory.CreateTempSubdirectory("micro-test-").FullName;
        _current = new SqliteProvider("Data Source=test.sqlite3", _directory);
    }

    public System.Data.Common.DbConnection Open() => Current.Open();

    public Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken) => Current.OpenAsync(cancellationToken);

    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode(EntityFrameworkFeature.Message)]
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
    public void UseEntityFramework(Microsoft.EntityFrameworkCore.DbContextOptionsBuilder options) => Current.UseEntityFramework(options);

    // A connection goes back to the pool of the file it was opened on, even once the next test has a new one.
    KeptConnection IKeepsConnections.Rent() => ((IKeepsConnections)Current).Rent();

    public void Dispose()
    {
        if (_current is not null)
        {
            _current.Dispose();
            // Pooled connections hold the file open; only this database's pool (other apps may be testing in this process).
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_current.ConnectionString))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            }

            _current = null;
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A connection the app still holds; the folder is in the temporary directory anyway.
            }

            _directory = null;
        }
    }
}

/// <summary>What a template saw while it rendered for a test client's request: its name and the values it could read.</summary>
internal sealed class RenderedTemplate(Template template, object? root, TemplateContextProcessors? processed)
{
    public string Name => template.Name;

    public bool TryGetValue(string name, out object? value) =>
        new TemplateContext(template.Engine, template, root, processed).TryGetValue(name, out value);
}

/// <summary>The templates one request rendered, in order (a page, then the template it extends, then its includes).</summary>
internal sealed class TemplateRecording
{
    private readonly List<RenderedTemplate> _templates = [];

    public void Add(Template template, TemplateContext context)
    {
        lock (_templates)
        {
            // The processors run now, while the request is under way, so a test reads what the page could have read.
            _ = context.Processed?.Values;
            _templates.Add(new RenderedTemplate(template, context.Root, context.Processed));
        }
    }

    public IReadOnlyList<RenderedTemplate> Templates
    {
        get
        {
            lock (_templates)
            {
                return [.. _templates];
            }
        }
    }
}

/// <summary>The recordings of the test client's requests, by the id each request carries, until the client takes them.</summary>
internal sealed class TemplateRecorder
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TemplateRecording> _recordings = new(StringComparer.Ordinal);

    public TemplateRecording Begin(string id) => _recordings.GetOrAdd(id, static _ => new TemplateRecording());

    public IReadOnlyList<RenderedTemplate> Take(string id) =>
        _recordings.TryRemove(id, out var recording) ? recording.Templates : [];
}
