using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Micro.Mail;

/// <summary>Registers <see cref="IEmailSender"/> with the backend <c>Micro:Email:Backend</c> names; an app may register its own first.</summary>
internal static class MailServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().Configure<IConfiguration>(static (options, configuration) => EmailOptions.Read(configuration, options));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MemoryEmailSender>();
        services.TryAddSingleton<IEmailSender>(static services =>
        {
            var options = services.GetRequiredService<IOptions<EmailOptions>>();
            var backend = options.Value.Backend
                ?? (services.GetService<IHostEnvironment>()?.IsDevelopment() == true ? EmailBackend.Console : EmailBackend.Smtp);
            return backend switch
            {
                EmailBackend.Console => new ConsoleEmailSender(options, services.GetRequiredService<TimeProvider>()),
                EmailBackend.File => new FileEmailSender(options, services.GetRequiredService<TimeProvider>()),
                EmailBackend.Memory => services.GetRequiredService<MemoryEmailSender>(),
                _ => new SmtpEmailSender(options),
            };
        });
    }
}
