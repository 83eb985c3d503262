using System.Net.Mail;

namespace Micro.Mail;

/// <summary>
/// An email, as Django's <c>EmailMessage</c>: a subject, a plain-text body (and an HTML one, optionally) and its recipients. Sent by
/// <see cref="IEmailSender"/>; <see cref="From"/> null means <see cref="EmailOptions.DefaultFrom"/>.
/// </summary>
public sealed record EmailMessage(string Subject, string Body, IReadOnlyList<string> To)
{
    /// <summary>The sender; null for the configured <see cref="EmailOptions.DefaultFrom"/> (Django's <c>DEFAULT_FROM_EMAIL</c>).</summary>
    public string? From { get; init; }

    /// <summary>An HTML alternative of <see cref="Body"/>, as Django's <c>html_message</c>.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Recipients every recipient sees (the <c>Cc</c> header).</summary>
    public IReadOnlyList<string> Cc { get; init; } = [];

    /// <summary>Recipients no recipient sees: they get the message, and no header names them.</summary>
    public IReadOnlyList<string> Bcc { get; init; } = [];

    /// <summary>Where replies go (the <c>Reply-To</c> header), when not to the sender.</summary>
    public IReadOnlyList<string> ReplyTo { get; init; } = [];

    /// <summary>
    /// Refuses what no backend may send: a header (subject or address) with a line break, which would let a value from a request add
    /// headers or recipients (Django's <c>BadHeaderError</c>), an address that isn't one, and a message without recipients.
    /// </summary>
    /// <returns>The sender: <see cref="From"/>, or <paramref name="options"/>' default.</returns>
    /// <exception cref="BadHeaderException">A header or an address is refused; the message says which.</exception>
    internal string Validate(EmailOptions options)
    {
        var from = From ?? options.DefaultFrom;
        if (To.Count + Cc.Count + Bcc.Count == 0)
        {
            throw new BadHeaderException($"The email \"{Subject}\" has no recipient.");
        }

        Header("Subject", Subject);
        Address("From", from);
        foreach (var (name, addresses) in new[] { ("To", To), ("Cc", Cc), ("Bcc", Bcc), ("Reply-To", ReplyTo) })
        {
            foreach (var address in addresses)
            {
                Address(name, address);
            }
        }

        return from;
    }

    private static void Header(string name, string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new BadHeaderException($"The email header {name} contains a line break, which would start another header: '{value.ReplaceLineEndings(" ")}'.");
        }
    }

    private static void Address(string name, string value)
    {
        Header(name, value);
        if (!MailAddress.TryCreate(value, out _))
        {
            throw new BadHeaderException($"The email header {name} is not an email address: '{value}'.");
        }
    }
}

/// <summary>An email refused before sending: a header with a line break, an address that isn't one, no recipient.</summary>
public sealed class BadHeaderException(string message) : InvalidOperationException(message);
