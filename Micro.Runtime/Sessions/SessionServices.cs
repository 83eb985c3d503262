using Micro.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Micro.Sessions
{
    /// <summary>The services sessions need, registered by <c>AddMicro</c>: cheap until a request uses its session.</summary>
    internal static class SessionServices
    {
        public static void Add(IServiceCollection services)
        {
            services.AddOptions<MicroSessionOptions>().Configure<IConfiguration>(static (options, configuration) => MicroSessionOptions.Read(configuration, options));
            services.TryAddSingleton(TimeProvider.System);
            services.AddDataProtection();
            services.AddDistributedMemoryCache();
            services.TryAddSingleton<DatabaseSessionStore>();
            services.TryAddSingleton<CookieSessionStore>();
            services.TryAddSingleton<CacheSessionStore>();
            services.TryAddSingleton<ISessionStore>(static provider =>
                provider.GetRequiredService<IOptions<MicroSessionOptions>>().Value.Store switch
                {
                    SessionStoreKind.Cookie => provider.GetRequiredService<CookieSessionStore>(),
                    SessionStoreKind.Cache => provider.GetRequiredService<CacheSessionStore>(),
                    _ => provider.GetRequiredService<DatabaseSessionStore>(),
                });
        }
    }

    /// <summary>Delete expired sessions from the session store (run it now and then, from cron).</summary>
    [Command("clearsessions")]
    internal static class ClearSessionsCommand
    {
        /// <summary>Deletes the sessions that have expired, as Django's clearsessions.</summary>
        /// <param name="context">The running command.</param>
        public static async Task<int> RunAsync(CommandContext context)
        {
            var store = context.Services.GetRequiredService<ISessionStore>();
            var clock = context.Services.GetService<TimeProvider>() ?? TimeProvider.System;
            var deleted = await store.ClearExpiredAsync(clock.GetUtcNow(), context.CancellationToken);
            context.Out.WriteLine(deleted switch
            {
                null => $"The {store.GetType().Name} keeps no expired sessions to clear.",
                1 => "Deleted 1 expired session.",
                _ => $"Deleted {deleted} expired sessions.",
            });
            return 0;
        }
    }
}

namespace Micro
{
    /// <summary>The request's session from its <see cref="HttpContext"/>, for code that isn't a route parameter (middleware, minimal APIs).</summary>
    public static class SessionHttpContextExtensions
    {
        /// <summary>The request's <see cref="Session"/>: made on first use, loaded on first read, saved when the response starts if it changed.</summary>
        public static Session GetSession(this HttpContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return Session.For(context);
        }
    }
}
