using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Testing;

/// <summary>
/// An app built for tests keeps mail in memory even when its Program.cs registers a sender of its own (Django's test runner
/// sets the in-memory backend over any setting): a test must never send real mail.
/// </summary>
public sealed class TestClientMailTests
{
    private const string App = """
        using Micro.Mail;

        var builder = MicroApp.CreateBuilder(args);
        builder.Services.AddSingleton<IEmailSender, ApiSender>();
        return builder.Build().Run();

        /// <summary>An app's own way to send mail (an HTTP mail API, say): in a test it must not be called.</summary>
        public sealed class ApiSender : IEmailSender
        {
            public static int Calls;

            public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref Calls);
                throw new InvalidOperationException("The app's own sender was called from a test.");
            }
        }

        public static class Site
        {
            [Route("invite/", Name = "invite")]
            public static async Task<string> Invite(IEmailSender mail)
            {
                await mail.SendAsync(new EmailMessage("Welcome", "Come in.", ["ada@example.com"]));
                return "Invited";
            }
        }
        """;

    [Fact]
    public async Task The_outbox_gets_the_mail_an_app_with_its_own_sender_sends()
    {
        var run = TestCompilation.Run(App).AssertCompilesCleanly();
        using var app = LoadedApp.Load(run.Output);
        await using (var client = await MicroTestClient.StartAsync(app.Assembly))
        {
            var response = await client.GetAsync("/invite/");

            response.AssertStatus(200).AssertContains("Invited");
            var mail = Assert.Single(client.Outbox);
            Assert.Equal("Welcome", mail.Subject);
            Assert.Equal(["ada@example.com"], mail.To);
        }

        Assert.Equal(0, (int)app.Assembly.GetType("ApiSender", throwOnError: true)!.GetField("Calls")!.GetValue(null)!);
    }
}
