using System.Net.Mail;
using Micro.Sessions;
using Microsoft.Extensions.Configuration;

namespace Micro.Mail;

/// <summary>Where emails go (Django's <c>EMAIL_BACKEND</c>).</summary>
public enum EmailBackend
{
    /// <summary>To an SMTP server (<see cref="EmailOptions.Host"/>, <see cref="EmailOptions.Port"/>): Django's default.</summary>
    Smtp,

    /// <summary>Written to the standard output, for development: Django's console backend.</summary>
    Console,

    /// <summary>One file per message in <see cref="EmailOptions.FilePath"/>: Django's file-based backend.</summary>
    File,

    /// <summary>Kept in <see cref="MemoryEmailSender.Outbox"/>, for tests: Django's <c>locmem</c> backend and <c>mail.outbox</c>.</summary>
    Memory,
}

/// <summary>
/// Email settings, as Django's <c>EMAIL_*</c> settings, from the <c>Micro:Email</c> section of configuration: <c>Backend</c> (Smtp,
/// Console, File or Memory; Console in Development, Smtp elsewhere), <c>Host</c>, <c>Port</c>, <c>UseTls</c>, <c>User</c>,
/// <c>Password</c>, <c>Timeout</c>, <c>FilePath</c> and <c>DefaultFrom</c>; <c>Admins</c>, <c>ServerFrom</c> and <c>SubjectPrefix</c> for
/// the reports of server errors.
/// </summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string Section = "Micro:Email";

    /// <summary>Where messages go; null until configured (then Console in Development, Smtp elsewhere).</summary>
    public EmailBackend? Backend { get; set; }

    /// <summary>The SMTP server (<c>EMAIL_HOST</c>).</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>The SMTP port (<c>EMAIL_PORT</c>).</summary>
    public int Port { get; set; } = 25;

    /// <summary>STARTTLS on the SMTP connection (<c>EMAIL_USE_TLS</c>); a server that only speaks TLS from the start (port 465) isn't supported.</summary>
    public bool UseTls { get; set; }

    /// <summary>The SMTP user name (<c>EMAIL_HOST_USER</c>); none means no authentication.</summary>
    public string? User { get; set; }

    /// <summary>The SMTP password (<c>EMAIL_HOST_PASSWORD</c>).</summary>
    public string? Password { get; set; }

    /// <summary>How long an SMTP send may take (<c>EMAIL_TIMEOUT</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The folder of the File backend (<c>EMAIL_FILE_PATH</c>).</summary>
    public string? FilePath { get; set; }

    /// <summary>The sender of messages that name none (<c>DEFAULT_FROM_EMAIL</c>).</summary>
    public string DefaultFrom { get; set; } = "webmaster@localhost";

    /// <summary>
    /// Who gets an email with the exception for each server error (500) outside Development (Django's <c>ADMINS</c> and
    /// <c>AdminEmailHandler</c>); none by default. In configuration a list, or addresses separated by <c>;</c>.
    /// </summary>
    public IList<string> Admins { get; } = [];

    /// <summary>The sender of error reports (<c>SERVER_EMAIL</c>).</summary>
    public string ServerFrom { get; set; } = "root@localhost";

    /// <summary>The start of error reports' subjects (<c>EMAIL_SUBJECT_PREFIX</c>).</summary>
    public string SubjectPrefix { get; set; } = "[Micro] ";

    internal static void Read(IConfiguration configuration, EmailOptions options)
    {
        var section = configuration.GetSection(Section);
        options.Backend = section["Backend"] is { Length: > 0 } backend ? Settings.Enum<EmailBackend>(section, "Backend", backend) : options.Backend;
        options.Host = section["Host"] is { Length: > 0 } host ? host : options.Host;
        if (section["Port"] is { } port)
        {
            options.Port = Settings.Integer(section, "Port", port) is > 0 and <= 65535 and var number
                ? number
                : throw new InvalidOperationException($"The setting {section.Path}:Port must be between 1 and 65535, not '{port}'.");
        }

        options.UseTls = section["UseTls"] is { } tls ? Settings.Boolean(section, "UseTls", tls) : options.UseTls;
        options.User = section["User"] is { Length: > 0 } user ? user : options.User;
        options.Password = section["Password"] ?? options.Password;
        options.Timeout = section["Timeout"] is { } timeout ? Settings.Duration(section, "Timeout", timeout) : options.Timeout;
        options.FilePath = section["FilePath"] is { Length: > 0 } path ? path : options.FilePath;
        options.DefaultFrom = section["DefaultFrom"] is { Length: > 0 } from ? from : options.DefaultFrom;
        options.ServerFrom = section["ServerFrom"] is { Length: > 0 } server ? server : options.ServerFrom;
        options.SubjectPrefix = section["SubjectPrefix"] ?? options.SubjectPrefix;
        var admins = section.GetSection("Admins");
        var listed = admins.Value is { } joined
            ? joined.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : admins.GetChildren().Select(static c => c.Value?.Trim()).OfType<string>().Where(static a => a.Length > 0).ToArray();
        if (listed.Length > 0)
        {
            options.Admins.Clear();
            foreach (var admin in listed)
            {
                options.Admins.Add(MailAddress.TryCreate(admin, out _) && admin.AsSpan().IndexOfAny('\r', '\n') < 0
                    ? admin
                    : throw new InvalidOperationException($"The setting {admins.Path} lists '{admin}', which is not an email address."));
            }
        }
    }
}
