using System.Net;
using Micro.Mail;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Runtime.Tests;

/// <summary>Django's ADMINS: a server error outside Development is mailed to the admins; a client's error isn't.</summary>
public sealed class ErrorReportTests(MailingApp app) : IClassFixture<MailingApp>
{
    private MemoryEmailSender Mail => app.Services.GetRequiredService<MemoryEmailSender>();

    [Fact]
    public async Task A_server_error_is_mailed_to_the_admins_without_the_requests_secrets()
    {
        Mail.Clear();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/err/boom/?page=2");
        request.Headers.Add("Cookie", "sessionid=secret-session-key");
        request.Headers.Add("Authorization", "Bearer secret-token");
        request.Headers.UserAgent.ParseAdd("ReportTest/1.0");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(ErrorViews.ExceptionMessage, await response.Content.ReadAsStringAsync());
        var report = Assert.Single(Mail.Outbox);
        Assert.Equal(["ops@example.org", "dev@example.org"], report.To);
        Assert.Equal("root@localhost", report.From);
        Assert.Equal("[Micro] ERROR: Internal Server Error: /err/boom/", report.Subject);
        Assert.StartsWith("Internal Server Error: /err/boom/\n\nSystem.InvalidOperationException: " + ErrorViews.ExceptionMessage, report.Body);
        Assert.Contains("ErrorViews.Boom()", report.Body);
        Assert.Contains($"Request: GET http://{app.BaseAddress.Authority}/err/boom/?page=2\nUser: anonymous\nUser agent: ReportTest/1.0\nRemote address: 127.0.0.1\n", report.Body);
        Assert.DoesNotContain("secret-session-key", report.Body);
        Assert.DoesNotContain("secret-token", report.Body);
    }

    [Fact]
    public async Task A_path_cant_add_headers_or_recipients_to_the_report()
    {
        Mail.Clear();
        var response = await app.Client.GetAsync("/err/boom/x%0D%0ABcc:%20victim@example.org/");
        var longer = await app.Client.GetAsync("/err/boom/" + new string('a', 500) + "/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, longer.StatusCode);
        Assert.Equal(2, Mail.Outbox.Count);
        var injected = Mail.Outbox[0];
        Assert.Equal(["ops@example.org", "dev@example.org"], injected.To);
        Assert.Equal("[Micro] ERROR: Internal Server Error: /err/boom/x  Bcc: victim@example.org/", injected.Subject);
        Assert.Equal(200, Mail.Outbox[1].Subject.Length);
        Assert.EndsWith("aaa…", Mail.Outbox[1].Subject);
    }

    [Fact]
    public async Task A_clients_error_is_not_reported()
    {
        Mail.Clear();

        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/bind/query-int/?n=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/no/such/page/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/err/missing/")).StatusCode);

        Assert.Empty(Mail.Outbox);
    }
}

/// <summary>In Development the error page shows the exception, and nothing is mailed (Django's <c>require_debug_false</c>).</summary>
public sealed class DevelopmentErrorReportTests(DevelopmentMailingApp app) : IClassFixture<DevelopmentMailingApp>
{
    [Fact]
    public async Task Nothing_is_mailed_in_Development()
    {
        var response = await app.Client.GetAsync("/err/boom/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(ErrorViews.ExceptionMessage, await response.Content.ReadAsStringAsync());
        Assert.Empty(app.Services.GetRequiredService<MemoryEmailSender>().Outbox);
    }
}
