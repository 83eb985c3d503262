using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Tests.Processes;
using Micro.Tests.Shared;
using Npgsql;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>
/// The deployment docs/deploy.md describes, for real: three processes of the native sample app on PostgreSQL and Redis,
/// behind nginx configured with the docs' own server block. Only configuration differs from the single-process app.
/// </summary>
public sealed partial class NativeCluster(NativeSampleApp app) : IAsyncDisposable
{
    public const int Processes = 3;

    private readonly List<Process> _apps = [];
    private readonly StringBuilder _output = new();
    private Process? _nginx;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("micro-cluster-").FullName;

    public string Database { get; } = PostgresServer.CreateDatabase("micro_cluster");

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>nginx's address, the one address of the site.</summary>
    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<Process> Apps => _apps;

    public string BinaryPath => app.BinaryPath;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Migrates the database, makes the superuser, and starts the processes and nginx.</summary>
    public async Task StartAsync()
    {
        // The two configuration values that move the app off one machine's SQLite file and memory.
        Environment["ConnectionStrings__Default"] = Database;
        Environment["ConnectionStrings__Redis"] = RedisServer.Address;
        Environment["Micro__Cache__KeyPrefix"] = RedisServer.UniquePrefix();

        var migrate = await NativeApp.RunAsync(BinaryPath, Directory, TimeSpan.FromSeconds(120), Environment, "migrate");
        Assert.True(migrate.ExitCode == 0, "migrate failed:\n" + migrate.Output);
        var superuserEnvironment = new Dictionary<string, string>(Environment) { ["MICRO_SUPERUSER_PASSWORD"] = NativeSampleApp.AdminPassword };
        var superuser = await NativeApp.RunAsync(BinaryPath, Directory, TimeSpan.FromSeconds(60), superuserEnvironment,
            "createsuperuser", "--noinput", "--username", "admin", "--email", "admin@example.com");
        Assert.True(superuser.ExitCode == 0, "createsuperuser failed:\n" + superuser.Output);

        var ports = new List<int>();
        for (var i = 0; i < Processes; i++)
        {
            var port = FreePort();
            ports.Add(port);
            _apps.Add(await StartAppAsync(port));
        }

        Address = new Uri($"http://127.0.0.1:{StartNginx(ports)}");
    }

    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Database);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Rows of two columns, text and integer.</summary>
    public List<(string Slug, int Id)> Rows(string sql)
    {
        using var connection = new NpgsqlConnection(Database);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, int)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    private async Task<Process> StartAppAsync(int port)
    {
        var start = new ProcessStartInfo(BinaryPath, ["--urls", $"http://127.0.0.1:{port}", "--environment", "Production", "--contentRoot", Path.GetDirectoryName(BinaryPath)!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        await ListeningLine.WaitAsync(process, _output, TimeSpan.FromSeconds(30), $"{port}: ");
        return process;
    }

    /// <summary>
    /// Starts nginx with the server block of docs/deploy.md (its upstream ports and listen address replaced), in the foreground,
    /// with every file it writes in <see cref="Directory"/>.
    /// </summary>
    private int StartNginx(IReadOnlyList<int> ports)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: apt-get install nginx (.ci/run installs it).");
        var docs = File.ReadAllText(Path.Combine(NativeApp.RepositoryRoot(), "docs", "deploy.md"));
        var block = NginxBlock().Match(docs);
        Assert.True(block.Success, "docs/deploy.md has no ```nginx block");
        var port = FreePort();
        var server = block.Groups[1].Value
            .Replace("server 127.0.0.1:8001;", $"server 127.0.0.1:{ports[0]};", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:8002;", $"server 127.0.0.1:{ports[1]};", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:8003;", $"server 127.0.0.1:{ports[2]};", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        Assert.DoesNotContain(":800", server);
        var temp = Path.Combine(Directory, "nginx");
        System.IO.Directory.CreateDirectory(temp);
        var config = Path.Combine(temp, "nginx.conf");
        File.WriteAllText(config, $$"""
            {{(System.Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            daemon off;
            pid {{temp}}/nginx.pid;
            error_log {{temp}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                # Which process answered, for the tests to see the requests spread.
                add_header X-Upstream $upstream_addr always;
            {{server}}
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(binary, ["-c", config, "-p", temp]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _nginx.ErrorDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.Append("nginx: ").AppendLine(e.Data);
            }
        };
        _nginx.BeginErrorReadLine();

        // Ready when it accepts a connection.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return port;
            }
            catch (SocketException) when (attempt < 400 && !_nginx.HasExited)
            {
                Thread.Sleep(25);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _apps.Append(_nginx).OfType<Process>())
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        PostgresServer.DropDatabase(Database);
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("```nginx\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();
}

/// <summary>What must hold when one user's requests land on different processes, and when a process dies under load.</summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ClusterTests(NativeSampleApp app)
{
    [Fact]
    public async Task A_login_and_its_session_on_one_process_hold_on_the_others()
    {
        await using var cluster = new NativeCluster(app);
        await cluster.StartAsync();
        using var browser = new NativeBrowser(cluster.Address);

        // The login page, its CSRF token and the login itself are each served by a different process (round robin).
        var upstreams = new List<string>();
        var loginPage = await browser.GetAsync("/accounts/login/?next=/account/");
        upstreams.Add(Upstream(loginPage));
        var login = await browser.PostFormAsync("/accounts/login/", await loginPage.Content.ReadAsStringAsync(),
            ("username", "admin"), ("password", NativeSampleApp.AdminPassword));
        upstreams.Add(Upstream(login));
        Assert.True(login.StatusCode == HttpStatusCode.Found, $"{login.StatusCode}: {await login.Content.ReadAsStringAsync()}\n{cluster.Output}");
        Assert.Equal("/account/", login.Headers.Location?.OriginalString);

        // Every process knows the user, and each visit the session counts is seen by the next process.
        for (var visit = 1; visit <= 6; visit++)
        {
            var page = await browser.GetAsync("/account/");
            upstreams.Add(Upstream(page));
            var html = await page.Content.ReadAsStringAsync();
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"visit {visit}: {page.StatusCode}\n{cluster.Output}");
            Assert.Contains("<h1>Hello, admin</h1>", html);
            Assert.Contains(visit == 1 ? "seen this page 1 time in" : $"seen this page {visit} times in", html);
        }

        Assert.Equal(NativeCluster.Processes, upstreams.Distinct().Count());

        // Logged out on one process is logged out on all of them.
        var logout = await browser.PostFormAsync("/accounts/logout/", await (await browser.GetAsync("/account/")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        for (var i = 0; i < NativeCluster.Processes; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/account/")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_page_cached_by_one_process_is_served_by_every_process_from_Redis()
    {
        await using var cluster = new NativeCluster(app);
        await cluster.StartAsync();
        using var client = new HttpClient { BaseAddress = cluster.Address };

        var bodies = new List<string>();
        var upstreams = new List<string>();
        for (var i = 0; i < NativeCluster.Processes * 2; i++)
        {
            using var response = await client.GetAsync("/stats/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            upstreams.Add(Upstream(response));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(NativeCluster.Processes, upstreams.Distinct().Count());
        Assert.StartsWith("0 posts, counted at ", Assert.Single(bodies.Distinct()));
    }

    /// <summary>
    /// 10,000 posts created through nginx, 32 at a time; after the 3,000th acknowledged one, a process is killed (SIGKILL, no
    /// goodbye). Every acknowledged post is a row exactly once, only requests in flight on the killed process may fail, and
    /// nginx sends the rest to the two others.
    /// </summary>
    [Fact]
    public async Task Concurrent_inserts_through_nginx_land_once_and_a_killed_process_loses_no_acknowledged_write()
    {
        const int Total = 10_000;
        const int Concurrency = 32;
        const int KillAfter = 3_000;
        await using var cluster = new NativeCluster(app);
        await cluster.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = cluster.Address };
        var run = Guid.NewGuid().ToString("N")[..8];

        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<string>();
        var afterKill = new ConcurrentBag<HttpStatusCode>();
        var killed = 0;
        var next = -1;
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) is var i && i < Total)
            {
                var slug = $"c{run}-{i}";
                var wasKilled = Volatile.Read(ref killed) == 1;
                try
                {
                    using var response = await client.PostAsJsonAsync("/api/posts/", new { title = "Cluster " + i, slug, year = 2026, body = "", authorId = 1 });
                    if (wasKilled)
                    {
                        afterKill.Add(response.StatusCode);
                    }

                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                        Assert.True(acknowledged.TryAdd(slug, created.GetProperty("id").GetInt32()), $"{slug} acknowledged twice");
                        // At least: workers add at once, so no one of them may see the count at exactly KillAfter.
                        if (acknowledged.Count >= KillAfter && Interlocked.Exchange(ref killed, 1) == 0)
                        {
                            cluster.Apps[1].Kill();
                        }
                    }
                    else
                    {
                        failures.Add($"{slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    failures.Add($"{slug}: {exception.Message}");
                }
            }
        }

        // The posts need an author.
        cluster.Execute("INSERT INTO \"Authors\" (\"Id\", \"Name\") VALUES (1, 'Cluster')");
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(Worker)));

        Assert.Equal(1, killed);
        Assert.True(cluster.Apps[1].HasExited);
        Assert.True(failures.Count <= Concurrency, $"{failures.Count} failed:\n{string.Join('\n', failures.Take(20))}");
        Assert.Equal(Total, acknowledged.Count + failures.Count);
        Assert.True(afterKill.Count > Total - KillAfter - Concurrency * 2, $"only {afterKill.Count} requests after the kill");

        // Every acknowledged post is there once, with the id it was acknowledged with; the failed ones are there at most once.
        var rows = cluster.Rows($"SELECT \"Slug\", \"Id\" FROM \"BlogPosts\" WHERE \"Slug\" LIKE 'c{run}-%'");
        Assert.Equal(rows.Count, rows.Select(static r => r.Slug).Distinct().Count());
        var stored = rows.ToDictionary(static r => r.Slug, static r => r.Id);
        foreach (var (slug, id) in acknowledged)
        {
            Assert.True(stored.TryGetValue(slug, out var storedId) && storedId == id, $"{slug} (id {id}) was acknowledged but is not stored");
        }

        Assert.InRange(rows.Count, acknowledged.Count, acknowledged.Count + failures.Count);
    }

    private static string Upstream(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Upstream", out var values) ? values.Single() : throw new InvalidOperationException("nginx sent no X-Upstream");

    [Fact]
    public async Task Two_migrates_started_together_apply_each_migration_once()
    {
        var database = PostgresServer.CreateDatabase("micro_migrate");
        try
        {
            var environment = new Dictionary<string, string> { ["ConnectionStrings__Default"] = database };
            var runs = await Task.WhenAll(
                NativeApp.RunAsync(app.BinaryPath, Path.GetTempPath(), TimeSpan.FromSeconds(120), environment, "migrate"),
                NativeApp.RunAsync(app.BinaryPath, Path.GetTempPath(), TimeSpan.FromSeconds(120), environment, "migrate"));

            Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
            var applied = runs.SelectMany(static run => Regex.Matches(run.Output, @"Applying (\S+)\.\.\. OK").Select(static m => m.Groups[1].Value)).ToList();
            Assert.Equal(applied.Distinct().Count(), applied.Count);
            Assert.Contains("0002_post_published_created", applied);
            Assert.Contains("auth.0001_initial", applied);
            using var connection = new NpgsqlConnection(database);
            connection.Open();
            using var history = new NpgsqlCommand("SELECT count(*) FROM \"__micro_migrations\"", connection);
            Assert.Equal((long)applied.Count, (long)history.ExecuteScalar()!);
        }
        finally
        {
            PostgresServer.DropDatabase(database);
        }
    }
}
