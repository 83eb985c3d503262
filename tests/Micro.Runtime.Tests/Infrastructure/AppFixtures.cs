using System.Net.Sockets;
using System.Text;
using Micro.Hosting;
using Micro.Runtime.Tests.TestApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Micro.Runtime.Tests.Infrastructure;

/// <summary>
/// The test app (TestApp/) served by Kestrel on 127.0.0.1 and a free port, started once per test
/// class, with an HTTP client that does not follow redirects.
/// </summary>
public abstract class MicroAppFixture : IAsyncLifetime
{
    private MicroApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The app has not started.");

    protected virtual string Environment => "Production";

    /// <summary>
    /// Whether unsafe requests need a CSRF token. Off by default, as in Django's test client: the tests that send forms and
    /// JSON are about binding; the CSRF tests turn it on.
    /// </summary>
    protected virtual bool CsrfChecks => false;

    /// <summary>More command-line arguments (configuration) for the app.</summary>
    protected virtual IEnumerable<string> Arguments => [];

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Runs with the app built, before it starts serving (for example to migrate its database).</summary>
    protected virtual Task BeforeStartAsync(MicroApplication app) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var builder = MicroApp.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", "--environment", Environment, "--TestApp:Setting=from-args",
                "--Micro:Security:CsrfChecks=" + (CsrfChecks ? "true" : "false"), .. Arguments],
            typeof(ConverterViews).Assembly);
        builder.Logging.ClearProviders();
        Setup.AddServices(builder.Services);
        ConfigureServices(builder.Services);
        _app = builder.Build();
        Setup.Configure(_app);
        await BeforeStartAsync(_app);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
        Client = Http.CreateClient(BaseAddress);
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The test app over a new SQLite file in a temporary folder, migrated with the test app's migrations.</summary>
public sealed class DatabaseApp : MicroAppFixture
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-runtime-tests-").FullName;

    public string DatabasePath => Path.Combine(_directory, "app.db");

    /// <summary>The media root: where the app's uploads are stored (a folder of this test class's own).</summary>
    public string MediaRoot => Path.Combine(_directory, "media");

    protected override IEnumerable<string> Arguments => ["--Micro:MediaRoot=" + MediaRoot];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Micro.Data.IDatabaseProvider>(new Micro.Data.SqliteProvider("Data Source=" + DatabasePath, _directory));

    protected override Task BeforeStartAsync(MicroApplication app) => MigrateAsync(app);

    /// <summary>Applies Micro's migrations and the test app's to the app's database.</summary>
    internal static Task MigrateAsync(MicroApplication app)
    {
        var output = new StringWriter();
        Assert.True(Micro.Data.Migrations.MigrationCommands.Migrate(app.Services, output) == 0, output.ToString());
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open: the temporary folder is cleaned up eventually.
        }
    }
}

/// <summary>The test app over a fresh PostgreSQL database of its own, migrated before it serves and dropped after.</summary>
public sealed class PostgreSqlDatabaseApp : MicroAppFixture
{
    private readonly string _connectionString = Micro.Tests.Shared.PostgresServer.CreateDatabase("micro_runtime");

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Micro.Data.IDatabaseProvider>(_ => new Micro.Data.PostgreSqlProvider(_connectionString));

    protected override Task BeforeStartAsync(MicroApplication app) => DatabaseApp.MigrateAsync(app);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Micro.Tests.Shared.PostgresServer.DropDatabase(_connectionString);
    }
}

/// <summary>The test app in the Production environment: plain error pages.</summary>
public sealed class ProductionApp : MicroAppFixture;

/// <summary>The test app in Production with admins to mail server errors to, its mail kept in memory.</summary>
public class MailingApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments =>
        ["--Micro:Email:Backend=Memory", "--Micro:Email:Admins=ops@example.org; dev@example.org"];
}

/// <summary>The same in Development, where errors are pages for the developer and not mailed.</summary>
public sealed class DevelopmentMailingApp : MailingApp
{
    protected override string Environment => "Development";
}

/// <summary>The test app in Production, keeping every line the app logs (Debug and up) for the tests to read.</summary>
public sealed class LoggedApp : MicroAppFixture
{
    private readonly CapturedLogs _logs = new();

    /// <summary>The lines logged so far: category, level and message.</summary>
    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Logs => _logs.Entries;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(_logs);
        services.Configure<LoggerFilterOptions>(static options => options.MinLevel = LogLevel.Debug);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

/// <summary>The test app in the Development environment: detailed error pages.</summary>
public sealed class DevelopmentApp : MicroAppFixture
{
    protected override string Environment => "Development";
}

/// <summary>The test app with <see cref="MicroOptions.AppendSlash"/> off.</summary>
public sealed class NoAppendSlashApp : MicroAppFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<MicroOptions>(options => options.AppendSlash = false);
}

/// <summary>
/// A plain ASP.NET Core app (not a Micro app) that mounts the test app's URL table under <c>api/</c>
/// beside endpoints of its own.
/// </summary>
public class HostedApp : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Whether the host registers the services the test app's routes take, as a careful host does.</summary>
    protected virtual bool RegistersAppServices => true;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--environment", "Production", "--Micro:Security:CsrfChecks=false"]);
        builder.Logging.ClearProviders();
        builder.Services.AddMicro();
        if (RegistersAppServices)
        {
            Setup.AddServices(builder.Services);
        }

        _app = builder.Build();
        _app.MapGet("/hello", (RequestDelegate)(context => context.Response.WriteAsync("hello from the host")));
        _app.MapGet("/api/host-status", (RequestDelegate)(context => context.Response.WriteAsync("host status")));
        _app.MapMicro("api");
        await _app.StartAsync();
        Client = Http.CreateClient(new Uri(_app.Urls.Single()));
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

internal static class Http
{
    public static HttpClient CreateClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

    /// <summary>
    /// Sends <paramref name="request"/> as written over a new connection and returns everything the server
    /// sends until it closes it: what a client library would hide (a body after a HEAD response).
    /// </summary>
    public static async Task<string> RawAsync(Uri baseAddress, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync();

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    public static string? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.ToString();
}

/// <summary>
/// A plain ASP.NET Core app that mounts the test app twice, under <c>one/</c> and <c>two/</c>, behind
/// <c>UsePathBase("/site")</c> (as a reverse proxy's prefix would be).
/// </summary>
public sealed class MountedTwiceApp : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>This host's manifest of the test app.</summary>
    public AppManifest Manifest => _app!.Services.GetRequiredService<AppManifest>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--environment", "Production", "--Micro:Security:CsrfChecks=false"]);
        builder.Logging.ClearProviders();
        builder.Services.AddMicro(typeof(ConverterViews).Assembly);
        Setup.AddServices(builder.Services);
        _app = builder.Build();
        _app.UsePathBase("/site");
        _app.UseRouting();
        _app.MapMicro("one");
        _app.MapMicro("two");
        await _app.StartAsync();
        Client = Http.CreateClient(new Uri(_app.Urls.Single()));
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
