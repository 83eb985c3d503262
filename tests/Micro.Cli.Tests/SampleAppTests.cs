using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Micro.Cli.Tests;

/// <summary>The sample app's commands as real processes: <c>dotnet sample-app.dll &lt;command&gt;</c>.</summary>
public sealed partial class SampleAppTests
{
    [Fact]
    public async Task Help_lists_the_app_commands_and_the_built_ins()
    {
        var result = await RunAsync("help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  greet            Greet someone, as many times as asked.\n", result.Output);
        Assert.Contains("  add-notes        Add notes, one per title, to the note store.\n", result.Output);
        Assert.Contains("  runserver        Serve the app (the default command).\n", result.Output);
        Assert.Contains("  migrate          Apply the migrations the database hasn't had yet, each in a transaction.\n", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Greet_takes_an_argument_an_option_with_a_short_alias_and_a_flag()
    {
        var result = await RunAsync("greet", "Ada", "-t", "2", "--shout");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("HELLO, ADA!\nHELLO, ADA!\n", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_configuration_key_goes_to_the_host_not_to_the_command()
    {
        var result = await RunAsync("greet", "Ada", "--Greeting:Unused=x", "--Greeting", "ignored-option?");

        // --Greeting is the command's business (an unknown option); --Greeting:Unused is configuration.
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--greeting", result.Error, StringComparison.OrdinalIgnoreCase);

        var configured = await RunAsync("greet", "Ada", "--Logging:LogLevel:Default=Warning");
        Assert.Equal(0, configured.ExitCode);
        Assert.Equal("Hello, Ada!\n", configured.Output);
    }

    [Fact]
    public async Task Greet_help_shows_its_options()
    {
        var result = await RunAsync("greet", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: sample-app greet <name> [options]\n\nGreet someone, as many times as asked.\n", result.Output);
        Assert.Contains("  -t, --times <int>     How many greetings. (default: 1)\n", result.Output);
        Assert.Contains("  --shout               Upper-case the greeting.\n", result.Output);
    }

    [Fact]
    public async Task Greet_without_its_argument_is_a_usage_error()
    {
        var result = await RunAsync("greet");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal(
            "error: missing required argument <name>.\nUsage: sample-app greet <name> [options]\nRun 'sample-app help greet' to see its options.\n",
            result.Error);
    }

    [Fact]
    public async Task Greet_with_a_bad_option_value_is_a_usage_error()
    {
        var result = await RunAsync("greet", "Ada", "--times", "often");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --times must be an integer; 'often' is not.\nUsage: sample-app greet <name> [options]\n", result.Error);
    }

    [Fact]
    public async Task An_unknown_command_suggests_the_nearest_name()
    {
        var result = await RunAsync("gret", "Ada");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Unknown command 'gret'. Did you mean 'greet'?\nRun 'sample-app help' to see the commands.\n", result.Error);
    }

    [Fact]
    public async Task Routes_prints_the_url_table()
    {
        var result = await RunAsync("routes");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"\n/blog/<int:year>/\s+year_archive\s+GET,HEAD\s+Site\.YearArchive\s+Program\.cs\(\d+,\d+\)\n", result.Output);
        Assert.Matches(@"\n/notes/\s+create_note\s+POST\s+Site\.CreateNote\s+Program\.cs\(\d+,\d+\)\n", result.Output);
        Assert.Matches(@"\n/articles/<int:id>/\s+article\s+GET,HEAD,POST,OPTIONS\s+ArticleView\s+", result.Output);
    }

    [Fact]
    public async Task Openapi_writes_the_document_of_the_blogs_json_api()
    {
        var result = await RunAsync("openapi");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("3.1.1", document.RootElement.GetProperty("openapi").GetString());
        var paths = document.RootElement.GetProperty("paths");
        Assert.Equal("api_posts", paths.GetProperty("/api/posts/").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("api_create_post", paths.GetProperty("/api/posts/").GetProperty("post").GetProperty("operationId").GetString());
        Assert.Equal(["201", "400"], paths.GetProperty("/api/posts/").GetProperty("post").GetProperty("responses").EnumerateObject().Select(static p => p.Name));
        Assert.False(paths.TryGetProperty("/accounts/signup/", out _), "A form page is not a JSON route.");
        Micro.Tests.OpenApi.OpenApiValidator.AssertValid(result.Output);

        var file = Path.Combine(Path.GetTempPath(), $"micro-openapi-{Guid.NewGuid():N}.json");
        try
        {
            var written = await RunAsync("openapi", "--output", file);
            Assert.Equal((0, $"Wrote {file}.\n"), (written.ExitCode, written.Output));
            Assert.Equal(result.Output, File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Check_finds_no_issues_in_the_sample_app()
    {
        var result = await RunAsync("check");

        Assert.Equal((0, "System check identified no issues.\n", ""), (result.ExitCode, result.Output, result.Error));
    }

    [Fact]
    public async Task Check_deploy_warns_about_settings_unsafe_in_production()
    {
        var result = await RunAsync("--environment", "Production", "check", "--deploy");
        var strict = await RunAsync("--environment", "Production", "check", "--deploy", "--fail-level", "warning");
        var development = await RunAsync("--environment", "Development", "check", "--deploy");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("WARNINGS:\n", result.Error);
        Assert.Contains("(security.W020) AllowedHosts is not set: only localhost is served.", result.Error);
        Assert.Contains("(security.W004) Micro:Security:HstsSeconds is not set.", result.Error);
        Assert.Contains("(security.W008) Micro:Security:SslRedirect is off.", result.Error);
        Assert.Contains("(security.W009) The keys that sign and encrypt the app's cookies", result.Error);
        Assert.DoesNotContain("security.W018", result.Error);
        Assert.EndsWith("System check identified 4 issues.\n", result.Error);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("(security.W018) Detailed error pages are on (environment 'Development')", development.Error);
    }

    [Fact]
    public async Task Check_deploy_passes_a_configured_deployment()
    {
        var result = await RunAsync(
            new Dictionary<string, string>
            {
                ["AllowedHosts"] = "example.com",
                ["Micro__Security__HstsSeconds"] = "31536000",
                ["Micro__Security__SslRedirect"] = "true",
                ["Micro__Security__KeysPath"] = Path.Combine(Path.GetTempPath(), "micro-keys-" + Guid.NewGuid().ToString("N")),
            },
            "--environment", "Production", "check", "--deploy", "--fail-level", "warning");

        Assert.Equal((0, "System check identified no issues.\n", ""), (result.ExitCode, result.Output, result.Error));
    }

    [Fact]
    public async Task Check_deploy_takes_redis_for_the_key_ring_and_warns_about_sessions_in_a_cache_in_memory()
    {
        var deployment = new Dictionary<string, string>
        {
            ["AllowedHosts"] = "example.com",
            ["Micro__Security__HstsSeconds"] = "31536000",
            ["Micro__Security__SslRedirect"] = "true",
        };

        // The check reads the settings only: no Redis server needs to answer.
        var redis = await RunAsync(new Dictionary<string, string>(deployment) { ["ConnectionStrings__Redis"] = "127.0.0.1:1", ["Micro__Sessions__Store"] = "Cache" },
            "--environment", "Production", "check", "--deploy", "--fail-level", "warning");
        var memory = await RunAsync(new Dictionary<string, string>(deployment) { ["Micro__Security__KeysPath"] = Path.GetTempPath(), ["Micro__Sessions__Store"] = "Cache" },
            "--environment", "Production", "check", "--deploy");

        Assert.Equal((0, "System check identified no issues.\n", ""), (redis.ExitCode, redis.Output, redis.Error));
        Assert.Contains("(sessions.W001) Micro:Sessions:Store is Cache, but the cache is in this process's memory", memory.Error);
        Assert.EndsWith("System check identified 1 issue.\n", memory.Error);
    }

    [Theory]
    [InlineData("Micro__Security__CsrfTrustedOrigins", "example.com", "security settings: Micro:Security:CsrfTrustedOrigins entry 'example.com' must start with a scheme")]
    [InlineData("Micro__Security__HstsSeconds", "a year", "security settings: Configuration value Micro:Security:HstsSeconds must be a whole number of zero or more, not 'a year'.")]
    [InlineData("Micro__Security__CsrfChecks", "yes", "security settings: Configuration value Micro:Security:CsrfChecks must be true or false, not 'yes'.")]
    public async Task Check_reports_a_malformed_security_setting(string variable, string value, string message)
    {
        var result = await RunAsync(new Dictionary<string, string> { [variable] = value }, "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Collectstatic_copies_the_static_files_with_fingerprints_compressed_copies_and_a_manifest()
    {
        var output = Path.Combine(Path.GetTempPath(), "micro-collected-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await RunAsync("collectstatic", "--output", output);

            Assert.Equal((0, ""), (result.ExitCode, result.Error));
            Assert.Equal($"1 static file copied to '{output}' (6 files with fingerprinted names and compressed copies).\n", result.Output);
            using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "staticfiles.json")));
            var hashed = manifest.RootElement.GetProperty("paths").GetProperty("site.css").GetString()!;
            Assert.Matches("^site\\.[0-9a-f]{12}\\.css$", hashed);
            var original = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "sample-app", "static", "site.css"));
            Assert.Equal(original, File.ReadAllBytes(Path.Combine(output, "site.css")));
            Assert.Equal(original, File.ReadAllBytes(Path.Combine(output, hashed)));
            Assert.Equal(original, Decompress(Path.Combine(output, hashed + ".gz"), static s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionMode.Decompress)));
            Assert.Equal(original, Decompress(Path.Combine(output, hashed + ".br"), static s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionMode.Decompress)));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }

        static byte[] Decompress(string path, Func<Stream, Stream> decompressor)
        {
            using var input = decompressor(File.OpenRead(path));
            using var copy = new MemoryStream();
            input.CopyTo(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task Collectstatic_without_a_folder_says_how_to_give_one()
    {
        var result = await RunAsync("collectstatic");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: No folder to copy the static files into: pass --output <folder>, or set Micro:StaticRoot", result.Error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Micro.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Micro.sln was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Version_names_the_app_micro_and_dotnet()
    {
        var result = await RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("sample-app 0.1.0\nMicro 0.1.0\n.NET ", result.Output);
    }

    [Fact]
    public async Task Fail_returns_its_exit_code_or_throws()
    {
        var code = await RunAsync("fail", "--code", "7");
        var raise = await RunAsync("fail", "--raise");
        var traceback = await RunAsync("fail", "--raise", "--traceback");

        Assert.Equal((7, ""), (code.ExitCode, code.Error));
        Assert.Equal(1, raise.ExitCode);
        Assert.Equal("error: InvalidOperationException: Failing on purpose.\n(run the command with --traceback to see where it failed)\n", raise.Error);
        Assert.Equal(1, traceback.ExitCode);
        Assert.StartsWith("System.InvalidOperationException: Failing on purpose.\n   at Commands.Fail(", traceback.Error);
    }

    [Fact]
    public async Task Add_notes_reads_an_array_argument_an_enum_repeated_options_and_a_date()
    {
        var result = await RunAsync("add-notes", "Buy milk", "Call Bob", "--priority", "high", "--tag", "home", "--tag", "urgent", "--due", "2025-01-31");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^[0-9a-f]{32}: Buy milk \(High\) \[home, urgent\] due 2025-01-31$", lines[0]);
        Assert.Matches(@"^[0-9a-f]{32}: Call Bob \(High\) \[home, urgent\] due 2025-01-31$", lines[1]);
    }

    [Fact]
    public async Task Ctrl_c_cancels_a_running_command_with_exit_code_130()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        // An hour between numbers: whatever the machine's load, the command is waiting when the signal arrives.
        using var process = Start("countdown", "--from", "3", "--interval", "3600");
        var firstLine = await process.ReadLineAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("3", firstLine);

        Assert.Equal(0, Kill(process.Id, Sigint));
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, process.ExitCode);
        Assert.Equal("Interrupted.\n", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("runserver", "127.0.0.1:0")]
    [InlineData("--urls", "http://127.0.0.1:0")]
    public async Task Runserver_serves_the_app_with_an_addrport_or_urls_and_stops_on_ctrl_c(string first, string second)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = Start(first, second);
        var url = await ServingUrlAsync(process);

        using var http = new HttpClient();
        Assert.Equal("Hello, World!", await http.GetStringAsync(url + "/"));

        Assert.Equal(0, Kill(process.Id, Sigint));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Help_pages_mounted_twice_reverse_to_the_instance_that_answers()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = Start("runserver", "127.0.0.1:0");
        var url = await ServingUrlAsync(process);
        using var http = new HttpClient();

        var help = await http.GetStringAsync(url + "/help/");
        var support = await http.GetStringAsync(url + "/support/");
        var topic = await http.GetStringAsync(url + "/support/routing/");
        Assert.Equal(0, Kill(process.Id, Sigint));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Help (help): start with /help/routing/, or ask at /support/.", help);
        Assert.Equal("Help (support): start with /support/routing/, or ask at /support/.", support);
        Assert.Equal("Help on routing, answered by support:topic; back to /support/.", topic);
    }

    [Fact]
    public async Task A_configuration_file_edited_into_a_mistake_while_serving_keeps_its_values_and_the_log_says_where()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var server = await SettingsServer.StartAsync("reload");
        var (process, settings) = (server.Process, server.Settings);
        Assert.Equal("Howdy, World!", await server.HomeAsync());

        // A missing comma. The app reloads the file when it changes: it says what is wrong and where, and keeps serving the
        // values it had (ASP.NET Core alone would drop every value of the file, silently: "Hello, World!" here).
        File.WriteAllText(settings, "{\n  \"Greeting\": \"Hi\"\n  \"Other\": 1\n}\n");
        const string Kept = "The app keeps the values it had from this file until the file is fixed.";
        var logged = await OutputLineAsync(process, line => line.Contains(Kept, StringComparison.Ordinal) && line.Contains("line 3,", StringComparison.Ordinal));
        Assert.Contains($"Configuration file '{settings}', line 3, column 3: '\"' is invalid after a value. Expected either ',', '}}', or ']'. {Kept}", logged);
        Assert.Equal("Howdy, World!", await server.HomeAsync());

        // A duplicate key is a mistake too; then the file is fixed, and its new value is served.
        File.WriteAllText(settings, """{ "Greeting": "Hey", "Greeting": "Ho" }""");
        logged = await OutputLineAsync(process, line => line.Contains(Kept, StringComparison.Ordinal) && line.Contains("duplicate", StringComparison.Ordinal));
        Assert.Contains($"Configuration file '{settings}': A duplicate key 'Greeting' was found. {Kept}", logged);
        Assert.Equal("Howdy, World!", await server.HomeAsync());

        File.WriteAllText(settings, """{ "Greeting": "Hi" }""");
        Assert.Equal("Hi, World!", await server.HomeOnceReloadedAsync("Hi, World!"));
        Assert.Equal(0, Kill(process.Id, Sigint));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task The_server_watches_the_folder_its_configuration_files_are_in_and_no_folder_below_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A front-end project's packages below the content root: ASP.NET Core's watcher would watch each of these folders.
        using var server = await SettingsServer.StartAsync("watch", static directory =>
        {
            for (var i = 0; i < 20; i++)
            {
                Directory.CreateDirectory(Path.Combine(directory, "node_modules", $"package{i}", "dist"));
            }
        });
        var pid = server.Process.Id;
        Assert.Equal("Howdy, World!", await server.HomeAsync());
        Assert.Equal((1, 1), (ConfigurationWatchTests.InotifyDescriptors(pid), ConfigurationWatchTests.InotifyWatches(pid)));

        // Saved as many editors save, a new file renamed over the old one; then the environment's file, absent at start, is made.
        File.WriteAllText(server.Settings + ".new", """{ "Greeting": "Hi" }""");
        File.Move(server.Settings + ".new", server.Settings, overwrite: true);
        Assert.Equal("Hi, World!", await server.HomeOnceReloadedAsync("Hi, World!"));
        File.WriteAllText(Path.Combine(server.Directory, "appsettings.Production.json"), """{ "Greeting": "Hey" }""");
        Assert.Equal("Hey, World!", await server.HomeOnceReloadedAsync("Hey, World!"));

        Directory.CreateDirectory(Path.Combine(server.Directory, "node_modules", "package20"));
        Assert.Equal(1, ConfigurationWatchTests.InotifyWatches(pid));
    }

    [Fact]
    public async Task A_server_asked_to_poll_its_configuration_files_polls_them_with_no_watcher()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var server = await SettingsServer.StartAsync("poll", environment: new Dictionary<string, string> { ["DOTNET_USE_POLLING_FILE_WATCHER"] = "true" });
        Assert.Equal("Howdy, World!", await server.HomeAsync());
        Assert.Equal(0, ConfigurationWatchTests.InotifyDescriptors(server.Process.Id));

        // Polled every few seconds.
        File.WriteAllText(server.Settings, """{ "Greeting": "Hi" }""");
        Assert.Equal("Hi, World!", await server.HomeOnceReloadedAsync("Hi, World!"));
    }

    [Fact]
    public async Task Sigterm_lets_the_request_in_flight_finish_before_the_process_exits()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = Start("runserver", "127.0.0.1:0", "--Micro:Security:CsrfChecks=false");
        var url = new Uri(await ServingUrlAsync(process));

        // A POST whose body the client holds back: "100 Continue" says the app has started reading it, so the request is in flight.
        const string Body = "email=ada%40example.com&message=hello";
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /contact/ HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {Body.Length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"));
        var reader = new StreamReader(stream, Encoding.ASCII);
        Assert.Equal("HTTP/1.1 100 Continue", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        // SIGTERM, and the host says it is stopping: only then does the body arrive.
        Assert.Equal(0, Kill(process.Id, Sigterm));
        while (await process.ReadLineAsync(TimeSpan.FromSeconds(30)) is { } line
            && !line.Contains("Application is shutting down", StringComparison.Ordinal))
        {
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Body));
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 200 OK", response);
        Assert.Contains("\r\n\r\n", response);
        Assert.Contains("Thanks ada@example.com, we got your 5-character message.", response[response.IndexOf("\r\n\r\n", StringComparison.Ordinal)..]);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task The_served_document_is_the_commands_and_the_docs_page_reads_it()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var process = Start("runserver", "127.0.0.1:0", "--Micro:OpenApi:Enabled=true");
        var url = await ServingUrlAsync(process);

        using var http = new HttpClient();
        var served = await http.GetStringAsync(url + "/openapi.json");
        var docs = await http.GetStringAsync(url + "/docs/");
        Assert.Equal(0, Kill(process.Id, Sigint));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((await RunAsync("openapi")).Output, served);
        Assert.Contains("data-document=\"/openapi.json\"", docs);
        Assert.Contains("\"blog\"", served);
    }

    [Fact]
    public async Task Runserver_warns_about_migrations_the_database_lacks_until_they_are_applied()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var directory = Directory.CreateTempSubdirectory("micro-cli-pending-").FullName;
        try
        {
            var database = $"--ConnectionStrings:Default=Data Source={Path.Combine(directory, "fresh.db")}";

            var before = await OutputUntilServingAsync(database);
            Assert.Contains(
                "The database lacks 7 of the app's migrations (auth.0001_initial, sessions.0001_initial, admin.0001_initial, 0001_initial, 0002_post_published_created, 0003_photos, 0004_photo_sizes); pages that use the models, sessions or users will fail until you run the migrate command.",
                before);

            Assert.Equal(0, (await RunAsync("migrate", database)).ExitCode);

            var after = await OutputUntilServingAsync(database);
            Assert.DoesNotContain("lacks", after);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Loaddata_finds_a_fixture_in_the_projects_fixtures_folder_and_dumpdata_writes_it_back()
    {
        var directory = Directory.CreateTempSubdirectory("micro-cli-fixtures-").FullName;
        try
        {
            var database = $"--ConnectionStrings:Default=Data Source={Path.Combine(directory, "fixtures.db")}";
            Assert.Equal(0, (await RunAsync("migrate", database)).ExitCode);

            var loaded = await RunAsync("loaddata", "welcome", database);
            Assert.True(loaded.ExitCode == 0, loaded.Output + loaded.Error);
            Assert.Equal("Installed 2 object(s) from 1 fixture(s)\n", loaded.Output);

            var dump = Path.Combine(directory, "dump.json");
            var dumped = await RunAsync("dumpdata", "blog", "--indent", "2", "--output", dump, database);
            Assert.True(dumped.ExitCode == 0, dumped.Output + dumped.Error);
            Assert.Equal($"Wrote 2 object(s) to {dump}.\n", dumped.Error);
            var repository = new DirectoryInfo(Path.GetDirectoryName(SampleAppProcess.Assembly)!);
            while (!File.Exists(Path.Combine(repository.FullName, "Micro.sln")))
            {
                repository = repository.Parent!;
            }

            var fixture = await File.ReadAllTextAsync(Path.Combine(repository.FullName, "sample-app", "fixtures", "welcome.json"));
            Assert.Equal(fixture.ReplaceLineEndings("\n").TrimEnd(), (await File.ReadAllTextAsync(dump)).ReplaceLineEndings("\n").TrimEnd());

            // A fixture naming a model the app hasn't: the error on standard error, exit 1, nothing loaded.
            var wrong = Path.Combine(directory, "wrong.json");
            await File.WriteAllTextAsync(wrong, """[{"model": "blog.author", "pk": 101, "fields": {"name": "Ok"}}, {"model": "blog.comment", "pk": 1, "fields": {}}]""");
            var refused = await RunAsync("loaddata", wrong, database);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("wrong.json, object 2: no model 'blog.comment'. The models are: blog.author, blog.blogpost, blog.photo", refused.Error);
            Assert.Contains("Nothing was loaded.", refused.Error);
            Assert.Equal(2, System.Text.Json.JsonDocument.Parse((await RunAsync("dumpdata", "blog.author", "blog.blogpost", database)).Output).RootElement.GetArrayLength());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The URL a starting server says it serves at, read from its output.</summary>
    private static async Task<string> ServingUrlAsync(ChildProcess process) =>
        ServingAt().Match(await OutputLineAsync(process, static line => ServingAt().IsMatch(line))).Groups[1].Value;

    /// <summary>
    /// The sample app serving a folder of its own as its content root, whose appsettings.json greets with "Howdy". Disposing it
    /// stops the server and deletes the folder.
    /// </summary>
    private sealed class SettingsServer : IDisposable
    {
        private readonly string _url;
        private readonly HttpClient _http = new();

        private SettingsServer(string directory, ChildProcess process, string url) => (Directory, Process, _url) = (directory, process, url);

        public string Directory { get; }

        public string Settings => Path.Combine(Directory, "appsettings.json");

        public ChildProcess Process { get; }

        /// <summary>Starts <c>runserver</c> on a new folder, which <paramref name="prepare"/> may fill first.</summary>
        public static async Task<SettingsServer> StartAsync(string name, Action<string>? prepare = null, IReadOnlyDictionary<string, string>? environment = null)
        {
            var directory = System.IO.Directory.CreateTempSubdirectory($"micro-cli-{name}-").FullName;
            ChildProcess? process = null;
            try
            {
                prepare?.Invoke(directory);
                File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{ "Greeting": "Howdy" }""");
                process = Start(environment ?? new Dictionary<string, string>(), "runserver", "127.0.0.1:0", "--contentRoot", directory);
                return new SettingsServer(directory, process, await ServingUrlAsync(process));
            }
            catch
            {
                process?.Dispose();
                System.IO.Directory.Delete(directory, recursive: true);
                throw;
            }
        }

        /// <summary>The home page, which greets with the configuration's Greeting.</summary>
        public Task<string> HomeAsync() => _http.GetStringAsync(_url + "/");

        /// <summary>
        /// The home page once it is <paramref name="expected"/>, or after a minute: the file watcher reloads the configuration on
        /// its own thread, a moment after the file changed.
        /// </summary>
        public async Task<string> HomeOnceReloadedAsync(string expected)
        {
            var served = await HomeAsync();
            for (var attempt = 0; attempt < 600 && served != expected; attempt++)
            {
                await Task.Delay(100);
                served = await HomeAsync();
            }

            return served;
        }

        public void Dispose()
        {
            _http.Dispose();
            Process.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>The next line of a running server's output that <paramref name="wanted"/> accepts (its log, on standard output).</summary>
    private static async Task<string> OutputLineAsync(ChildProcess process, Func<string, bool> wanted)
    {
        while (true)
        {
            var line = await process.ReadLineAsync(TimeSpan.FromSeconds(60));
            Assert.NotNull(line);
            if (wanted(line))
            {
                return line;
            }
        }
    }

    /// <summary>Runs <c>runserver</c> on a free port and returns what it printed up to the line saying it serves; then stops it.</summary>
    private static async Task<string> OutputUntilServingAsync(params string[] args)
    {
        using var process = Start(["runserver", "127.0.0.1:0", .. args]);
        var output = new StringBuilder();
        while (true)
        {
            var line = await process.ReadLineAsync(TimeSpan.FromSeconds(30));
            if (line is null)
            {
                Assert.Fail($"runserver exited before serving:\n{output}{await process.StandardError.ReadToEndAsync()}");
            }

            output.Append(line).Append('\n');
            if (ServingAt().IsMatch(line))
            {
                break;
            }
        }

        Assert.Equal(0, Kill(process.Id, Sigint));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return output.ToString();
    }

    [Fact]
    public async Task Runserver_refuses_a_bad_addrport()
    {
        var result = await RunAsync("runserver", "localhost:http");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: 'localhost:http' is not a port or address:port (for example 8000, 0.0.0.0:8000 or [::1]:8000).\n", result.Error);
    }

    // A mistake on the command line is one line that says what, and exit code 2: never a stack trace (exit 134), and never
    // a server on port 5000 for an option that lost its value.
    [Theory]
    [InlineData("error: --contentRoot: the folder '/no/such/folder' doesn't exist.", "routes", "--contentRoot", "/no/such/folder")]
    [InlineData("error: --contentRoot: the folder '/no/such/folder' doesn't exist.", "--contentRoot=/no/such/folder")]
    [InlineData("error: --urls needs a value, for example --urls http://127.0.0.1:8000.", "--urls")]
    [InlineData("error: --urls needs a value, for example --urls http://127.0.0.1:8000.", "--urls=")]
    [InlineData("error: --urls needs a value, for example --urls http://127.0.0.1:8000.", "--urls", "--environment", "Production")]
    [InlineData("error: --environment needs a value, for example --environment Production.", "routes", "--environment")]
    [InlineData("error: --environment needs a value, for example --environment Production.", "--environment", "--urls", "http://127.0.0.1:0")]
    public async Task A_host_option_mistake_is_one_line_and_exit_code_2(string message, params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.Error);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--Micro:Security:HstsSeconds=abc", "error: Configuration value Micro:Security:HstsSeconds must be a whole number of zero or more, not 'abc'.")]
    [InlineData("--Micro:Security:CsrfChecks=maybe", "error: Configuration value Micro:Security:CsrfChecks must be true or false, not 'maybe'.")]
    [InlineData("--Micro:OpenApi:Enabled=maybe", "error: Configuration value Micro:OpenApi:Enabled must be true or false, not 'maybe'.")]
    public async Task A_bad_configuration_value_is_one_line_and_exit_code_2(string setting, string message)
    {
        var result = await RunAsync("--urls", "http://127.0.0.1:0", setting);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    private static Task<CommandResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private static async Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the sample app; disposing the result kills it if it still runs, whatever the test did.</summary>
    private static ChildProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    private static ChildProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = SampleAppProcess.StartInfo(args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(start)!);
    }

    private const int Sigint = 2;

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Micro is serving sample-app \(\w+\) at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingAt();
}
