using System.Net;
using System.Net.Sockets;
using System.Text;
using Micro.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Micro.Runtime.Tests;

/// <summary>The email backends: SMTP to a real socket, files, the choice by configuration, and headers that are refused.</summary>
public sealed class MailTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("micro-mail-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Smtp_speaks_to_the_configured_server()
    {
        using var server = new SmtpServer();
        var sender = Sender(("Backend", "Smtp"), ("Host", "127.0.0.1"), ("Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("DefaultFrom", "site@example.org"));

        var sending = sender.SendAsync(new EmailMessage("Grüße", "Line one\nLine two", ["ada@example.com", "grace@example.com"]));
        var conversation = await server.ReceiveAsync();
        await sending;

        Assert.Contains("MAIL FROM:<site@example.org>", conversation);
        Assert.Contains("RCPT TO:<ada@example.com>", conversation);
        Assert.Contains("RCPT TO:<grace@example.com>", conversation);
        Assert.Contains("Subject: =?utf-8?", conversation); // encoded, as the subject isn't ASCII
        Assert.Contains("To: ada@example.com, grace@example.com", conversation);
    }

    [Fact]
    public async Task Copies_go_to_every_recipient_and_only_blind_ones_are_in_no_header()
    {
        using var server = new SmtpServer();
        var sender = Sender(("Backend", "Smtp"), ("Host", "127.0.0.1"), ("Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var message = new EmailMessage("Minutes", "Attached below.", ["ada@example.com"])
        {
            Cc = ["grace@example.com"], Bcc = ["audit@example.org"], ReplyTo = ["secretary@example.org"],
        };

        var sending = sender.SendAsync(message);
        var conversation = await server.ReceiveAsync();
        await sending;

        Assert.Contains("RCPT TO:<ada@example.com>", conversation);
        Assert.Contains("RCPT TO:<grace@example.com>", conversation);
        Assert.Contains("RCPT TO:<audit@example.org>", conversation);
        Assert.Contains("\nCc: grace@example.com\n", conversation);
        Assert.Contains("\nReply-To: secretary@example.org\n", conversation);
        Assert.DoesNotContain("Bcc", conversation, StringComparison.OrdinalIgnoreCase);

        await Sender(("Backend", "File"), ("FilePath", _folder)).SendAsync(message with { To = [] });
        var text = File.ReadAllText(Assert.Single(Directory.GetFiles(_folder)));
        Assert.StartsWith("Subject: Minutes\nFrom: webmaster@localhost\nCc: grace@example.com\nReply-To: secretary@example.org\nDate: ", text);
        Assert.DoesNotContain("audit@example.org", text);
    }

    [Fact]
    public async Task A_server_that_refuses_is_an_error_for_the_caller()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var sender = Sender(("Backend", "Smtp"), ("Host", "127.0.0.1"), ("Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await Assert.ThrowsAsync<System.Net.Mail.SmtpException>(() => sender.SendAsync(new EmailMessage("Hi", "Body", ["ada@example.com"])));
    }

    [Fact]
    public async Task The_file_backend_writes_a_file_per_message()
    {
        var sender = Sender(("Backend", "File"), ("FilePath", _folder));

        await sender.SendAsync(new EmailMessage("First", "One", ["ada@example.com"]) { From = "me@example.org" });
        await sender.SendAsync(new EmailMessage("Second", "Two", ["grace@example.com"]) { HtmlBody = "<p>Two</p>" });

        var texts = Directory.GetFiles(_folder, "*.eml").Select(File.ReadAllText).OrderBy(static t => t, StringComparer.Ordinal).ToList();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("Subject: First\nFrom: me@example.org\nTo: ada@example.com\nDate: ", texts[0]);
        Assert.EndsWith("\n\nOne\n" + new string('-', 79) + "\n", texts[0]);
        Assert.StartsWith("Subject: Second\nFrom: webmaster@localhost\n", texts[1]);
        Assert.Contains("Content-Type: text/html; charset=\"utf-8\"\n\n<p>Two</p>\n", texts[1]);
    }

    [Theory]
    [InlineData(null, "Development", typeof(ConsoleEmailSender))]
    [InlineData(null, "Production", typeof(SmtpEmailSender))]
    [InlineData("memory", "Production", typeof(MemoryEmailSender))]
    [InlineData("File", "Development", typeof(FileEmailSender))]
    public void The_backend_is_chosen_by_configuration_then_environment(string? backend, string environment, Type expected)
    {
        var sender = Sender(environment, backend is null ? [] : [("Backend", backend)]);
        Assert.IsType(expected, sender);
    }

    [Theory]
    [InlineData("Backend", "Pigeon", "The setting Micro:Email:Backend is 'Pigeon', which is not one of Smtp, Console, File, Memory.")]
    [InlineData("Port", "70000", "The setting Micro:Email:Port must be between 1 and 65535, not '70000'.")]
    [InlineData("UseTls", "sometimes", "The setting Micro:Email:UseTls is 'sometimes', which is not true or false.")]
    [InlineData("Admins", "ops@example.org;nope", "The setting Micro:Email:Admins lists 'nope', which is not an email address.")]
    public void A_bad_setting_names_its_key(string key, string value, string message)
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => Sender((key, value)));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("Hi\r\nBcc: victim@example.org", "ada@example.com", "The email header Subject contains a line break")]
    [InlineData("Hi", "ada@example.com\nBcc: victim@example.org", "The email header To contains a line break")]
    [InlineData("Hi", "not an address", "The email header To is not an email address: 'not an address'.")]
    public async Task Headers_that_would_add_headers_or_recipients_are_refused(string subject, string to, string message)
    {
        var file = Sender(("Backend", "File"), ("FilePath", _folder));
        var memory = Sender(("Backend", "Memory"));
        var smtp = Sender(("Backend", "Smtp"), ("Host", "127.0.0.1"), ("Port", "9"));

        foreach (var sender in new[] { file, memory, smtp })
        {
            var error = await Assert.ThrowsAsync<BadHeaderException>(() => sender.SendAsync(new EmailMessage(subject, "Body", [to])));
            Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Empty(((MemoryEmailSender)memory).Outbox);
        await Assert.ThrowsAsync<BadHeaderException>(() => memory.SendAsync(new EmailMessage("Hi", "Body", [])));
        var copy = await Assert.ThrowsAsync<BadHeaderException>(() => memory.SendAsync(new EmailMessage("Hi", "Body", ["ada@example.com"]) { Bcc = ["x@example.org\r\nSubject: spoof"] }));
        Assert.StartsWith("The email header Bcc contains a line break", copy.Message, StringComparison.Ordinal);
        var reply = await Assert.ThrowsAsync<BadHeaderException>(() => memory.SendAsync(new EmailMessage("Hi", "Body", ["ada@example.com"]) { ReplyTo = ["nobody"] }));
        Assert.Equal("The email header Reply-To is not an email address: 'nobody'.", reply.Message);
    }

    private static IEmailSender Sender(params (string Key, string Value)[] settings) => Sender("Production", settings);

    private static IEmailSender Sender(string environment, (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(static s => new KeyValuePair<string, string?>($"{EmailOptions.Section}:{s.Key}", s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        MailServices.Add(services);
        return services.BuildServiceProvider().GetRequiredService<IEmailSender>();
    }

    /// <summary>An SMTP server for one message on 127.0.0.1: it accepts everything and keeps what the client said.</summary>
    private sealed class SmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public SmtpServer() => _listener.Start();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public async Task<string> ReceiveAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var said = new StringBuilder();
            await writer.WriteLineAsync("220 localhost ready");
            var inData = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                said.Append(line).Append('\n');
                if (inData)
                {
                    if (line == ".")
                    {
                        inData = false;
                        await writer.WriteLineAsync("250 queued");
                    }

                    continue;
                }

                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line;
                switch (command)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "DATA":
                        inData = true;
                        await writer.WriteLineAsync("354 go ahead");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return said.ToString();
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }

            return said.ToString();
        }

        public void Dispose() => _listener.Stop();
    }
}
