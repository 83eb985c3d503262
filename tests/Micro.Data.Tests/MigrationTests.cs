using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Micro.Data.Tests;

/// <summary>
/// A real app project whose model changes version by version, built with <c>dotnet build</c> and run as a process
/// for <c>makemigrations</c> and <c>migrate</c>, over a real SQLite file whose rows must survive every migration.
/// </summary>
[Trait("Category", "Slow")]
public sealed class MigrationTests(ITestOutputHelper log)
{
    private const string Header = """
        using System.ComponentModel.DataAnnotations;
        using Micro;

        return MicroApp.Run(args);

        """;

    private const string PostV1 = """
        [Model]
        public class Post
        {
            public int Id { get; set; }

            [MaxLength(200)]
            public string Title { get; set; } = "";

            public int Year { get; set; }
        }
        """;

    private const string PostV2 = """
        [Model]
        public class Post
        {
            public int Id { get; set; }

            [MaxLength(200)]
            public string Title { get; set; } = "";

            public int Year { get; set; }

            public int Views { get; set; } = 7;

            public string? Subtitle { get; set; }
        }
        """;

    private const string PostV3 = """
        [Model]
        public class Post
        {
            public int Id { get; set; }

            [MaxLength(200)]
            public string Title { get; set; } = "";

            public int Year { get; set; }

            public int Views { get; set; } = 7;

            public string? Subtitle { get; set; }

            public List<Comment> Comments { get; set; } = [];
        }

        [Model]
        public class Comment
        {
            public int Id { get; set; }

            public int PostId { get; set; }

            public Post? Post { get; set; }

            [Index, MaxLength(100)]
            public string Author { get; set; } = "";

            public string Body { get; set; } = "";
        }
        """;

    // Post loses Year: SQLite rebuilds the table.
    private static readonly string PostV4 = PostV3.Replace("    public int Year { get; set; }\n\n", "", StringComparison.Ordinal);

    [Fact]
    public async Task Model_changes_become_migrations_that_keep_rows()
    {
        using var app = new TempApp();

        // 1. The first model: an initial migration, then nothing more to do.
        app.WriteProgram(Header + PostV1);
        await app.BuildAsync();
        var made = await app.RunAsync(0, "makemigrations");
        Assert.Contains("0001_initial.sql", made);
        Assert.Contains("Create table Posts (Id, Title, Year)", made);
        Assert.Equal("No changes detected", (await app.RunAsync(0, "makemigrations")).Trim());
        await app.BuildAsync();
        Assert.Contains("Applying 0001_initial... OK", await app.RunAsync(0, "migrate"));
        app.Execute("INSERT INTO Posts (Title, Year) VALUES ('First', 2020), ('Second', 2021)");

        // 2. Two new columns, one with a default: pending until made, then applied to the existing rows.
        app.WriteProgram(Header + PostV2);
        await app.BuildAsync();
        var pending = await app.RunAsync(1, "makemigrations", "--check");
        Assert.Contains("Add column Views to Posts", pending);
        Assert.False(File.Exists(Path.Combine(app.Migrations, "0002_add_views.sql")));
        Assert.Contains("0002_add_views.sql", await app.RunAsync(0, "makemigrations", "add_views"));
        Assert.Contains("ALTER TABLE \"Posts\" ADD \"Views\" INTEGER NOT NULL DEFAULT 7;", File.ReadAllText(Path.Combine(app.Migrations, "0002_add_views.sql")));
        Assert.Equal("No changes detected", (await app.RunAsync(0, "makemigrations", "--check")).Trim());
        Assert.Contains("0002_add_views is in", await app.RunAsync(0, "showmigrations"));
        await app.BuildAsync();
        Assert.Contains("Applying 0002_add_views... OK", await app.RunAsync(0, "migrate"));
        Assert.Equal(["First|2020|7|", "Second|2021|7|"], app.Query("SELECT Title, Year, Views, Subtitle FROM Posts ORDER BY Id"));

        // 3. A new table with a foreign key and an index.
        app.WriteProgram(Header + PostV3);
        await app.BuildAsync();
        Assert.Contains("0003_comments.sql", await app.RunAsync(0, "makemigrations"));
        var third = File.ReadAllText(Path.Combine(app.Migrations, "0003_comments.sql"));
        Assert.Contains("CONSTRAINT \"FK_Comments_Posts_PostId\" FOREIGN KEY (\"PostId\") REFERENCES \"Posts\" (\"Id\") ON DELETE CASCADE", third);
        Assert.Contains("CREATE INDEX \"IX_Comments_Author\" ON \"Comments\" (\"Author\");", third);
        Assert.Contains("CREATE INDEX \"IX_Comments_PostId\" ON \"Comments\" (\"PostId\");", third);
        await app.BuildAsync();
        Assert.Contains("Applying 0003_comments... OK", await app.RunAsync(0, "migrate"));
        app.Execute("INSERT INTO Comments (PostId, Author, Body) VALUES (2, 'Ada', 'Nice')");
        Assert.Throws<SqliteException>(() => app.Execute("INSERT INTO Comments (PostId, Author, Body) VALUES (99, 'Ada', 'Orphan')"));

        // 4. A dropped column: SQLite rebuilds the table, outside the transaction for the foreign key pragma.
        app.WriteProgram(Header + PostV4);
        await app.BuildAsync();
        var dropped = await app.RunAsync(0, "makemigrations");
        Assert.Contains("0004_remove_posts_year.sql", dropped);
        Assert.Contains("Warning: this migration drops column Posts.Year and its values.", dropped);
        var fourth = File.ReadAllText(Path.Combine(app.Migrations, "0004_remove_posts_year.sql"));
        Assert.Contains("-- micro:statement outside-transaction\nPRAGMA foreign_keys = 0;", fourth);
        await app.BuildAsync();
        Assert.Contains("Applying 0004_remove_posts_year... OK", await app.RunAsync(0, "migrate"));
        Assert.Equal(["1|First|7|", "2|Second|7|"], app.Query("SELECT Id, Title, Views, Subtitle FROM Posts ORDER BY Id"));
        Assert.DoesNotContain("Year", app.Query("SELECT name FROM pragma_table_info('Posts')"));
        Assert.Equal(["2|Ada|Nice"], app.Query("SELECT PostId, Author, Body FROM Comments"));
        Assert.Empty(app.Query("PRAGMA foreign_key_check"));

        // Everything is applied, and the snapshot matches the model.
        Assert.Equal(
            "auth\n [X] 0001_initial\nsessions\n [X] 0001_initial\napp\n [X] 0001_initial\n [X] 0002_add_views\n [X] 0003_comments\n [X] 0004_remove_posts_year\n",
            (await app.RunAsync(0, "showmigrations")).Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("No changes detected", (await app.RunAsync(0, "makemigrations")).Trim());
        var sql = await app.RunAsync(0, "sqlmigrate", "0004");
        sql = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("BEGIN;\n", sql);
        Assert.Contains("COMMIT;\n-- outside the transaction\nPRAGMA foreign_keys = 0;\nBEGIN;\n", sql);
        Assert.Equal(sql.Split("BEGIN;").Length, sql.Split("COMMIT;").Length);
        Assert.Contains("No migration named '0009'", await app.RunAsync(2, "sqlmigrate", "0009"));

        log.WriteLine(app.Log);
    }

    /// <summary>An app project in a temp folder inside the test output, so that the repository's build props apply.</summary>
    private sealed class TempApp : IDisposable
    {
        private readonly string _root = Path.Combine(AppContext.BaseDirectory, "apps", Guid.NewGuid().ToString("N")[..8]);
        private readonly System.Text.StringBuilder _log = new();
        private bool _built;

        public TempApp()
        {
            Directory.CreateDirectory(ProjectDirectory);
            var targets = Path.Combine(RepositoryRoot(), "Micro.Runtime", "build", "Micro.App.targets");
            File.WriteAllText(Path.Combine(ProjectDirectory, "app.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <Import Project="{targets}" />
                </Project>
                """);
        }

        public string ProjectDirectory => Path.Combine(_root, "app");

        public string Migrations => Path.Combine(ProjectDirectory, "migrations");

        private string Database => Path.Combine(_root, "app.db");

        public string Log => _log.ToString();

        public void WriteProgram(string source) => File.WriteAllText(Path.Combine(ProjectDirectory, "Program.cs"), source);

        public async Task BuildAsync()
        {
            // After the first build, only the app changes: skip restoring and checking Micro.Runtime and the generator.
            string[] arguments = _built
                ? ["build", "app.csproj", "-nologo", "-v", "q", "--no-restore", "--no-dependencies"]
                : ["build", "app.csproj", "-nologo", "-v", "q"];
            var (exitCode, output) = await RunProcessAsync("dotnet", ProjectDirectory, arguments);
            Assert.True(exitCode == 0, "dotnet build failed:\n" + output);
            _built = true;
        }

        /// <summary>Runs the built app with <paramref name="args"/> (and the test database) and checks its exit code.</summary>
        public async Task<string> RunAsync(int expectedExitCode, params string[] args)
        {
            var dll = Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0", "app.dll");
            var (exitCode, output) = await RunProcessAsync("dotnet", ProjectDirectory,
                [dll, .. args, "--ConnectionStrings:Default", "Data Source=" + Database]);
            _log.Append("$ app ").AppendJoin(' ', args).Append('\n').Append(output);
            Assert.True(exitCode == expectedExitCode, $"app {string.Join(' ', args)} exited with {exitCode}, not {expectedExitCode}:\n{output}");
            return output;
        }

        public void Execute(string sql)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        /// <summary>Each row as its values joined with '|'.</summary>
        public List<string> Query(string sql)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            return rows;
        }

        private SqliteConnection Open()
        {
            var connection = new SqliteConnection($"Data Source={Database};Foreign Keys=True;Pooling=False");
            connection.Open();
            return connection;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static async Task<(int ExitCode, string Output)> RunProcessAsync(string fileName, string directory, params string[] arguments)
        {
            var start = new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 5 minutes.");
            }
            finally
            {
                // Never leave a child running, whatever ended the wait.
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            return (process.ExitCode, await stdout + await stderr);
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
    }
}
