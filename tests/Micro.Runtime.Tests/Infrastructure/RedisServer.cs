using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Micro.Runtime.Tests.Infrastructure;

/// <summary>
/// The Redis server the tests use: <c>MICRO_TEST_REDIS</c> (host:port), which <c>.ci/run</c> sets after starting one. Under CI a
/// missing variable fails the test; locally the tests start their own <c>redis-server</c> on a free loopback port, once per run.
/// </summary>
internal static class RedisServer
{
    private static readonly Lazy<string> s_address = new(Find);

    /// <summary>The server's address, for <c>ConnectionStrings:Redis</c>.</summary>
    public static string Address => s_address.Value;

    /// <summary>A key prefix of its own, so that tests sharing the server never see each other's keys.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>An address where no Redis listens (a port just freed).</summary>
    public static string Unreachable() => "127.0.0.1:" + FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) + ",connectTimeout=500";

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("MICRO_TEST_REDIS") is { Length: > 0 } address)
        {
            return address;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("MICRO_TEST_REDIS is not set: .ci/run starts redis-server and sets it; the Redis tests don't skip under CI.");
        }

        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No redis-server to test with: install it (apt-get install redis-server) or set MICRO_TEST_REDIS=host:port.");
        var port = FreePort();
        var server = Process.Start(new ProcessStartInfo(binary, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server didn't start.");
        server.OutputDataReceived += static (_, _) => { };
        server.BeginOutputReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        };

        // Ready when it accepts a connection.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return "127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (SocketException) when (attempt < 200 && !server.HasExited)
            {
                Thread.Sleep(25);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
