using Micro.Auth.Tests.TestApp;
using Micro.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Micro.Auth.Tests.Infrastructure;

/// <summary>A clock the tests move: sessions expire without anyone waiting.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// The test app (TestApp/) over a new SQLite file in a temporary folder (or a new PostgreSQL database: <see cref="PostgreSqlAuthApp"/>), migrated (Micro's tables and permissions) and served by
/// Kestrel on 127.0.0.1 and a free port, with a <see cref="TestClock"/> and cheap password hashes (1,000 iterations).
/// </summary>
public class AuthApp : IAsyncLifetime
{
    public const int Iterations = 1000;

    private MicroApplication? _app;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("micro-auth-").FullName;

    public string DatabasePath => Path.Combine(Directory, "app.db");

    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public Uri BaseAddress { get; private set; } = null!;

    public MicroApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public string MigrateOutput { get; private set; } = "";

    protected virtual string Environment => "Production";

    /// <summary>The app's <c>ConnectionStrings:Default</c>.</summary>
    protected virtual string ConnectionString => "Data Source=" + DatabasePath;

    /// <summary>Configuration for the fixture (<c>--Micro:Sessions:Store=Cookie</c>).</summary>
    protected virtual IEnumerable<string> Settings => [];

    /// <summary>Services a fixture adds after the test app's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Whether the fixture migrates the database before the tests.</summary>
    protected virtual bool Migrate => true;

    public async Task InitializeAsync()
    {
        await StartAsync();
        if (!Migrate)
        {
            return;
        }

        var output = new StringWriter();
        Assert.True(MigrationCommands.Migrate(App.Services, output) == 0, output.ToString());
        MigrateOutput = output.ToString();
    }

    private async Task StartAsync()
    {
        var builder = MicroApp.CreateBuilder(
            [
                "--urls", "http://127.0.0.1:0",
                "--environment", Environment,
                "--ConnectionStrings:Default", ConnectionString,
                "--Micro:AppLabel", "authapp",
                "--Micro:Auth:PasswordIterations", Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--Micro:Email:Backend", "Memory",
                .. Settings,
            ],
            typeof(Widget).Assembly);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        Setup.AddServices(builder.Services);
        ConfigureServices(builder.Services);
        _app = builder.Build();
        Setup.Configure(_app);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    /// <summary>Stops the app and starts a new one over the same database, as a restart of the process would.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public Browser NewBrowser() => new(BaseAddress);

    /// <summary>Runs <paramref name="work"/> with an <see cref="AuthDb"/> in its own scope, as a request or command gets one.</summary>
    public async Task<T> WithAuthAsync<T>(Func<AuthDb, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AuthDb>());
    }

    /// <summary>A new user with <paramref name="password"/>, and whatever <paramref name="configure"/> sets (saved).</summary>
    public Task<User> CreateUserAsync(string username, string password = "correct horse battery", Action<User>? configure = null, params string[] permissions) =>
        WithAuthAsync(async auth =>
        {
            var user = await auth.CreateUserAsync(username, $"{username}@example.com", password);
            if (configure is not null)
            {
                configure(user);
                await auth.Users.SaveAsync(user);
            }

            if (permissions.Length > 0)
            {
                await auth.GrantAsync(user, permissions);
            }

            return user;
        });

    /// <summary>The rows of a query on the app's database, each as its columns joined by <c>|</c>.</summary>
    public List<string> Query(string sql)
    {
        using var connection = App.Services.GetRequiredService<Micro.Data.IDatabaseProvider>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())));
        }

        return rows;
    }

    /// <summary>The names of the database's tables, in order.</summary>
    public List<string> TableNames() =>
        Query(App.Services.GetRequiredService<Micro.Data.IDatabaseProvider>().Dialect.Name == "postgresql"
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name COLLATE \"C\""
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name");

    private async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms; the temp folder is cleaned up eventually.
        }
    }
}

/// <summary>The app in the Development environment: the session cookie isn't Secure.</summary>
public sealed class DevelopmentAuthApp : AuthApp
{
    protected override string Environment => "Development";
}

/// <summary>An app whose fallback policy requires a login on every endpoint without authorization metadata of its own.</summary>
public sealed class FallbackPolicyApp : AuthApp
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddAuthorization(static options =>
            options.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}

/// <summary>An app whose own policy provider makes up the fallback policy (the options have none).</summary>
public sealed class FallbackPolicyProviderApp : AuthApp
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider, LoginEverywherePolicyProvider>();

    private sealed class LoginEverywherePolicyProvider(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions> options)
        : Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider
    {
        private readonly Microsoft.AspNetCore.Authorization.DefaultAuthorizationPolicyProvider _default = new(options);

        public Task<Microsoft.AspNetCore.Authorization.AuthorizationPolicy> GetDefaultPolicyAsync() => _default.GetDefaultPolicyAsync();

        public Task<Microsoft.AspNetCore.Authorization.AuthorizationPolicy?> GetPolicyAsync(string policyName) => _default.GetPolicyAsync(policyName);

        public Task<Microsoft.AspNetCore.Authorization.AuthorizationPolicy?> GetFallbackPolicyAsync() =>
            Task.FromResult<Microsoft.AspNetCore.Authorization.AuthorizationPolicy?>(
                new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}

/// <summary>An app whose database was never migrated: no session table.</summary>
public sealed class UnmigratedApp : AuthApp
{
    protected override bool Migrate => false;
}

/// <summary>Sessions in their cookie, protected by data protection.</summary>
public sealed class CookieStoreApp : AuthApp
{
    protected override IEnumerable<string> Settings => ["--Micro:Sessions:Store", "Cookie"];
}

/// <summary>Sessions in the distributed cache (in memory here).</summary>
public sealed class CacheStoreApp : AuthApp
{
    protected override IEnumerable<string> Settings => ["--Micro:Sessions:Store", "Cache"];
}

/// <summary>Session cookies that last until the browser closes, and sessions of one hour.</summary>
public sealed class BrowserCloseApp : AuthApp
{
    protected override IEnumerable<string> Settings => ["--Micro:Sessions:ExpireAtBrowserClose", "true", "--Micro:Sessions:CookieAge", "3600"];
}

/// <summary>The app over a new PostgreSQL database of its own, dropped at the end.</summary>
public sealed class PostgreSqlAuthApp : AuthApp
{
    private readonly Lazy<string> _database = new(static () => Micro.Tests.Shared.PostgresServer.CreateDatabase("micro_auth"));

    protected override string ConnectionString => _database.Value;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database.IsValueCreated)
        {
            Micro.Tests.Shared.PostgresServer.DropDatabase(_database.Value);
        }
    }
}
