using System.Diagnostics.CodeAnalysis;
using Micro.Data.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>The databases the data suite runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// BlogApp over a fresh database (a SQLite file in a temp directory, or a new PostgreSQL database dropped at the end), migrated
/// with <c>migrate</c> and served by real Kestrel on a free loopback port.
/// </summary>
/// <param name="postgreSqlOptions">Keywords added to the PostgreSQL connection string (<c>Maximum Pool Size=1</c>).</param>
public sealed class BlogServer(DatabaseKind kind = DatabaseKind.Sqlite, string postgreSqlOptions = "") : IAsyncLifetime
{
    private MicroApplication? _app;
    private string? _postgres;

    public DatabaseKind Kind => kind;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "micro-data-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Directory, "blog.db");

    public MicroApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client { get; } = new();

    public string MigrateOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var connectionString = kind == DatabaseKind.PostgreSql
            ? (_postgres = Micro.Tests.Shared.PostgresServer.CreateDatabase("micro_data")) + postgreSqlOptions
            : "Data Source=" + DatabasePath;
        var builder = MicroApp.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--ConnectionStrings:Default", connectionString],
            typeof(BlogApp.Post).Assembly);
        builder.Logging.ClearProviders();
        try
        {
            _app = builder.Build();
            var output = new StringWriter();
            Assert.True(MigrationCommands.Migrate(_app.Services, output) == 0, output.ToString());
            MigrateOutput = output.ToString();
            await _app.StartAsync();
            Client.BaseAddress = new Uri(_app.Urls.First());
        }
        catch
        {
            // A failed start leaves no database behind on the shared server.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A scoped <see cref="Db"/>, as a request gets one.</summary>
    public Scoped<Db> Db()
    {
        var scope = App.Services.CreateScope();
        return new Scoped<Db>(scope, scope.ServiceProvider.GetRequiredService<Db>());
    }

    /// <summary>Stops and disposes the app, keeping the database.</summary>
    public async Task StopAppAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await StopAppAsync();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            Micro.Tests.Shared.PostgresServer.DropDatabase(_postgres);
            _postgres = null;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms; the temp directory is cleaned up eventually.
        }
    }
}

public sealed class Scoped<T>(IServiceScope scope, T value) : IDisposable
    where T : notnull
{
    [SuppressMessage("Naming", "CA1721", Justification = "Reads as db.Value in tests.")]
    public T Value { get; } = value;

    public void Dispose() => scope.Dispose();
}
