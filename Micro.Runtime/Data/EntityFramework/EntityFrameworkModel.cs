using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Data;

/// <summary>Creates the app's generated EF Core context over the app's database. Exists only under the JIT.</summary>
[RequiresDynamicCode(EntityFrameworkFeature.Message)]
[RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
public abstract class EntityFrameworkModel
{
    public abstract Type ContextType { get; }

    /// <summary>A new context over <paramref name="provider"/>'s database; the caller disposes it.</summary>
    public abstract DbContext CreateContext(IDatabaseProvider provider);

    /// <summary>A new context configured by <paramref name="configure"/> (makemigrations builds one per database it writes SQL for).</summary>
    public abstract DbContext CreateContext(Action<DbContextOptionsBuilder> configure);

    /// <summary>Registers the context as a scoped service, so that routes can take it as a parameter.</summary>
    public abstract void AddServices(IServiceCollection services);
}

/// <inheritdoc />
[RequiresDynamicCode(EntityFrameworkFeature.Message)]
[RequiresUnreferencedCode(EntityFrameworkFeature.Message)]
public sealed class EntityFrameworkModel<TContext>(Func<DbContextOptions<TContext>, TContext> create) : EntityFrameworkModel
    where TContext : DbContext
{
    public override Type ContextType => typeof(TContext);

    public override DbContext CreateContext(IDatabaseProvider provider) => CreateContext(provider.UseEntityFramework);

    public override DbContext CreateContext(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        configure(options);
        return create(options.Options);
    }

    public override void AddServices(IServiceCollection services) =>
        services.AddScoped(static services => Create(services.GetRequiredService<IDatabaseProvider>(), services.GetRequiredService<DataModel>()));

    private static TContext Create(IDatabaseProvider provider, DataModel data) =>
        (TContext)data.EntityFramework!.CreateContext(provider);
}
