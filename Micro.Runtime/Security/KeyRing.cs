using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Security;

/// <summary>
/// Puts data protection's key ring in <see cref="SecurityOptions.KeysPath"/> when it is set, else in Redis when
/// <c>ConnectionStrings:Redis</c> is (the list <c>micro.keyring</c>), named by the app rather than by the folder it runs from, so
/// that every process of the app, and the next release, reads the same keys.
/// </summary>
internal sealed class KeyRing(
    IOptions<SecurityOptions> security,
    IOptions<Caching.MicroCacheOptions> cache,
    IHostEnvironment environment,
    ILoggerFactory loggers,
    IServiceProvider services)
    : IConfigureOptions<KeyManagementOptions>, IConfigureOptions<DataProtectionOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        if (security.Value.KeysPath is { } path)
        {
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(path)), loggers);
        }
        else if (Caching.CacheServices.UsesRedis(cache.Value) && Caching.RedisFeature.IsSupported)
        {
            options.XmlRepository = Caching.RedisServices.KeyRepository(services);
        }
    }

    public void Configure(DataProtectionOptions options)
    {
        if (security.Value.KeysPath is not null || cache.Value.Redis is not null)
        {
            options.ApplicationDiscriminator = "Micro:" + environment.ApplicationName;
        }
    }

    /// <summary>Where the keys are when nothing chose a place: the words of <c>check --deploy</c>.</summary>
    public static bool IsDefault(IServiceProvider services) =>
        services.GetService(typeof(IOptions<KeyManagementOptions>)) is IOptions<KeyManagementOptions> { Value.XmlRepository: null };
}
