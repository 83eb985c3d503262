using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Mail;

/// <summary>
/// Django's <c>AdminEmailHandler</c>: a server error outside Development is mailed to <see cref="EmailOptions.Admins"/>, with the
/// exception and where it happened. Not the request's cookies, headers or body, which hold sessions and passwords.
/// </summary>
internal static class ErrorReports
{
    /// <summary>Subjects longer than this are cut (a path can be long; mail servers fold or refuse long header lines).</summary>
    private const int MaxSubjectLength = 200;

    public static async Task SendAsync(HttpContext context, Exception exception, ILogger logger)
    {
        var services = context.RequestServices;
        if (services.GetService<IOptions<EmailOptions>>()?.Value is not { Admins.Count: > 0 } options || services.GetService<IEmailSender>() is not { } sender)
        {
            return;
        }

        var request = context.Request;
        var path = request.PathBase.Add(request.Path).Value is { Length: > 0 } full ? full : "/";
        var subject = OneLine($"{options.SubjectPrefix}ERROR: Internal Server Error: {path}");
        if (subject.Length > MaxSubjectLength)
        {
            subject = subject[..(MaxSubjectLength - 1)] + "…";
        }

        var body = new StringBuilder()
            .Append("Internal Server Error: ").Append(path).Append("\n\n")
            .Append(exception).Append("\n\n")
            .Append("Request: ").Append(request.Method).Append(' ').Append(request.Scheme).Append("://").Append(request.Host.Value)
            .Append(path).Append(request.QueryString.Value).Append('\n')
            .Append("User: ").Append(context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous").Append('\n')
            .Append("User agent: ").Append(request.Headers.UserAgent.ToString()).Append('\n')
            .Append("Remote address: ").Append(context.Connection.RemoteIpAddress?.ToString()).Append('\n')
            .ToString();
        try
        {
            // Not the request's token: a report is sent even when the client has gone.
            await sender.SendAsync(new EmailMessage(subject, body, [.. options.Admins]) { From = options.ServerFrom }, CancellationToken.None);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "The report of a server error in {Path} could not be mailed to the admins.", path);
        }
    }

    /// <summary>Control characters (a line break decoded from the path's <c>%0A</c>) as spaces: a subject is one header line.</summary>
    private static string OneLine(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }
    });
}
