using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Micro.Tests.Shared;

/// <summary>
/// The PostgreSQL server the tests use: <c>MICRO_TEST_POSTGRES</c> (an Npgsql connection string whose user may create
/// databases), which <c>.ci/run</c> sets after starting PostgreSQL 15 on a free loopback port. Under CI a missing variable
/// fails the test; locally the tests start their own server (initdb as the <c>postgres</c> user), once per run.
/// </summary>
internal static class PostgresServer
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<string> s_server = new(Find);

    /// <summary>The server's connection string (to its <c>postgres</c> database).</summary>
    public static string ConnectionString => s_server.Value;

    /// <summary>Creates an empty database of its own and returns its connection string; <see cref="DropDatabase"/> removes it.</summary>
    public static string CreateDatabase(string prefix = "micro")
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing its connections.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("MICRO_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("MICRO_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it; the PostgreSQL tests don't skip under CI.");
        }

        if (!File.Exists(Path.Combine(Binaries, "initdb")))
        {
            throw new InvalidOperationException($"No PostgreSQL server to test with: {Binaries}/initdb is missing. Set MICRO_TEST_POSTGRES to a connection string instead.");
        }

        // PostgreSQL refuses to run as root: the data folder belongs to the postgres user, and the server runs as it.
        var directory = Path.Combine(Path.GetTempPath(), "micro-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var port = FreePort().ToString(CultureInfo.InvariantCulture);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres", directory]);
        }

        RunAsServerUser(asRoot, $"{Binaries}/initdb -D {directory}/data -U micro --auth=trust -E UTF8 --locale=C.UTF-8");
        RunAsServerUser(asRoot, $"{Binaries}/pg_ctl -D {directory}/data -l {directory}/log -w -o \"-h 127.0.0.1 -p {port} -k {directory} -c fsync=off -c max_connections=300\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsServerUser(asRoot, $"{Binaries}/pg_ctl -D {directory}/data -m immediate stop");
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException)
            {
                // Best effort at exit.
            }
        };

        return $"Host=127.0.0.1;Port={port};Username=micro;Database=postgres";
    }

    private static void RunAsServerUser(bool asRoot, string command)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", "/bin/sh", "-c", command]);
        }
        else
        {
            Run("/bin/sh", ["-c", command]);
        }
    }

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} didn't start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
