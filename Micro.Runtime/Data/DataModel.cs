using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Micro.Data;

/// <summary>The models of one app, registered by generated code, and the services that reach them.</summary>
public sealed class DataModel
{
    private readonly Action<IServiceCollection> _addDb;

    private Hosting.AppManifest? _manifest;

    /// <param name="models">Every <c>[Model]</c>.</param>
    /// <param name="addDb">Registers the generated <c>Db</c> service.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public DataModel(ModelInfo[] models, Action<IServiceCollection> addDb)
    {
        Models = models;
        _addDb = addDb;
    }

    /// <summary>The app these models belong to: its assembly holds the embedded <c>migrations/</c> that <c>migrate</c> applies.</summary>
    public Hosting.AppManifest Manifest
    {
        get => _manifest ?? throw new InvalidOperationException("This data model is not part of an app manifest.");
        internal set => _manifest = _manifest is null || ReferenceEquals(_manifest, value)
            ? value
            : throw new InvalidOperationException("A data model belongs to one app manifest; create one per manifest.");
    }

    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>The generated EF Core context; set only where <see cref="EntityFrameworkFeature.IsSupported"/>.</summary>
    public EntityFrameworkModel? EntityFramework { get; set; }

    /// <summary>
    /// Registers the <see cref="IDatabaseProvider"/> (PostgreSQL when <c>ConnectionStrings:Default</c> is an Npgsql connection string or a
    /// <c>postgres://</c> URL, else SQLite from it, relative to the content root)
    /// unless the app registered its own. Every app has one, models or not: Micro's users and sessions live there.
    /// </summary>
    internal static void AddDatabaseProvider(IServiceCollection services) =>
        services.TryAddSingleton<IDatabaseProvider>(static provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var environment = provider.GetRequiredService<IHostEnvironment>();
            var connectionString = configuration.GetConnectionString("Default") ?? SqliteProvider.DefaultConnectionString;
            if (PostgreSqlConnectionString.Matches(connectionString))
            {
                if (!PostgreSqlFeature.IsSupported)
                {
                    throw PostgreSqlFeature.NotSupported();
                }

                try
                {
                    return new PostgreSqlProvider(connectionString);
                }
                catch (FormatException exception)
                {
                    // The message never holds the password.
                    throw new Hosting.ConfigurationValueException(
                        $"Configuration value ConnectionStrings:Default is not a PostgreSQL connection string Micro can read: {exception.Message}");
                }
            }

            var synchronous = configuration["Micro:Database:Synchronous"] is { Length: > 0 } setting ? setting : "FULL";
            try
            {
                return new SqliteProvider(connectionString, environment.ContentRootPath) { Synchronous = synchronous };
            }
            catch (ArgumentException)
            {
                throw new Hosting.ConfigurationValueException(
                    $"Configuration value Micro:Database:Synchronous must be FULL, NORMAL, EXTRA or OFF, not '{synchronous}'.");
            }
        });

    /// <summary>
    /// Registers the database provider (SQLite from <c>ConnectionStrings:Default</c>, relative to the content root,
    /// unless the app registered its own <see cref="IDatabaseProvider"/>), the scoped <c>Db</c> and, under the JIT, the EF Core context.
    /// </summary>
    public void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(this);
        AddDatabaseProvider(services);
        _addDb(services);
        if (EntityFrameworkFeature.IsSupported)
        {
            EntityFramework?.AddServices(services);
        }
    }
}
