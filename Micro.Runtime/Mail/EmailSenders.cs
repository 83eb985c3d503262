using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;

namespace Micro.Mail;

/// <summary>
/// Sends email, as Django's <c>send_mail</c> through <c>EMAIL_BACKEND</c>: a route or a command takes it as a parameter. Which
/// backend answers is <see cref="EmailOptions.Backend"/> (<c>Micro:Email:Backend</c>).
/// </summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/>.</summary>
    /// <exception cref="BadHeaderException">A header has a line break, an address isn't one, or there is no recipient; nothing is sent.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Sends through an SMTP server with .NET's <see cref="SmtpClient"/>, a connection per message.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var from = message.Validate(settings);
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.UseTls,
            Timeout = (int)Math.Min(int.MaxValue, settings.Timeout.TotalMilliseconds),
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (settings.User is { } user)
        {
            client.Credentials = new NetworkCredential(user, settings.Password);
        }

        using var mail = new MailMessage
        {
            From = new MailAddress(from),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
        };
        foreach (var (addresses, list) in new[] { (message.To, mail.To), (message.Cc, mail.CC), (message.Bcc, mail.Bcc), (message.ReplyTo, mail.ReplyToList) })
        {
            foreach (var address in addresses)
            {
                list.Add(new MailAddress(address));
            }
        }

        if (message.HtmlBody is { } html)
        {
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, "text/html"));
        }

        await client.SendMailAsync(mail, cancellationToken);
    }
}

/// <summary>Writes each message to the standard output, as Django's console backend: the development default.</summary>
internal sealed class ConsoleEmailSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    private static readonly Lock Writing = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var text = EmailText.Format(message, options.Value, time.GetUtcNow());
        lock (Writing)
        {
            Console.Out.Write(text);
            Console.Out.Flush();
        }

        return Task.CompletedTask;
    }
}

/// <summary>Writes each message to a file of its own in <see cref="EmailOptions.FilePath"/>, as Django's file-based backend.</summary>
internal sealed class FileEmailSender(IOptions<EmailOptions> options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var folder = settings.FilePath
            ?? throw new InvalidOperationException($"The File email backend needs a folder: set {EmailOptions.Section}:FilePath.");
        var now = time.GetUtcNow();
        var text = EmailText.Format(message, settings, now);
        Directory.CreateDirectory(folder);
        var name = $"{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.eml";
        await File.WriteAllTextAsync(Path.Combine(folder, name), text, cancellationToken);
    }
}

/// <summary>
/// Keeps each message in <see cref="Outbox"/> instead of sending it, as Django's <c>locmem</c> backend (<c>mail.outbox</c>): a test's
/// app sets <c>Micro:Email:Backend=Memory</c> and reads the outbox from its services.
/// </summary>
public sealed class MemoryEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    private readonly Lock _lock = new();
    private readonly List<EmailMessage> _outbox = [];

    /// <summary>The messages sent so far, oldest first, each with its <see cref="EmailMessage.From"/> filled in.</summary>
    public IReadOnlyList<EmailMessage> Outbox
    {
        get
        {
            lock (_lock)
            {
                return [.. _outbox];
            }
        }
    }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var from = message.Validate(options.Value);
        lock (_lock)
        {
            _outbox.Add(message with { From = from });
        }

        return Task.CompletedTask;
    }

    /// <summary>Forgets the messages sent so far.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _outbox.Clear();
        }
    }
}

/// <summary>A message as the console and file backends write it: its headers, a blank line, its body, and a line of dashes.</summary>
internal static class EmailText
{
    public static string Format(EmailMessage message, EmailOptions options, DateTimeOffset date)
    {
        var from = message.Validate(options);
        var text = new StringBuilder();
        text.Append("Subject: ").Append(message.Subject).Append('\n')
            .Append("From: ").Append(from).Append('\n');

        // Bcc recipients are in no header, as on the wire.
        foreach (var (name, addresses) in new[] { ("To", message.To), ("Cc", message.Cc), ("Reply-To", message.ReplyTo) })
        {
            if (addresses.Count > 0)
            {
                text.Append(name).Append(": ").AppendJoin(", ", addresses).Append('\n');
            }
        }

        text
            .Append("Date: ").Append(date.ToString("r", CultureInfo.InvariantCulture)).Append('\n')
            .Append("Content-Type: text/plain; charset=\"utf-8\"\n\n")
            .Append(message.Body.ReplaceLineEndings("\n"));
        if (message.HtmlBody is { } html)
        {
            text.Append("\n\nContent-Type: text/html; charset=\"utf-8\"\n\n").Append(html.ReplaceLineEndings("\n"));
        }

        return text.Append('\n').Append('-', 79).Append('\n').ToString();
    }
}
