using System.Diagnostics;
using Micro.Tests.Shared;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>An app project in a temp folder inside the test output, so that the repository's build props apply.</summary>
public sealed class TempApp : IDisposable
{
    private readonly string _root = Path.Combine(AppContext.BaseDirectory, "apps", Guid.NewGuid().ToString("N")[..8]);
    private readonly System.Text.StringBuilder _log = new();
    private readonly Lazy<string> _postgres;
    private bool _built;

    /// <param name="database">The prefix of the PostgreSQL database's name, made when a test first runs the app on it.</param>
    public TempApp(string database = "micro_migrations")
    {
        _postgres = new(() => PostgresServer.CreateDatabase(database));
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

    /// <summary>Deletes the SQLite database, so that the next <c>migrate</c> starts from nothing.</summary>
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Database + suffix);
        }
    }

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
    public Task<string> RunAsync(int expectedExitCode, params string[] args) =>
        RunOnAsync("Data Source=" + Database, expectedExitCode, args);

    /// <summary>Runs the built app with <paramref name="args"/> on the test's PostgreSQL database.</summary>
    public Task<string> RunOnPostgresAsync(int expectedExitCode, params string[] args) =>
        RunOnAsync(_postgres.Value, expectedExitCode, args);

    private async Task<string> RunOnAsync(string connectionString, int expectedExitCode, string[] args)
    {
        var dll = Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0", "app.dll");
        var (exitCode, output) = await RunProcessAsync("dotnet", ProjectDirectory,
            [dll, .. args, "--ConnectionStrings:Default", connectionString]);
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
        return Rows(connection, sql);
    }

    public void PostgresExecute(string sql)
    {
        using var connection = new NpgsqlConnection(_postgres.Value);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Each row as its values joined with '|'.</summary>
    public List<string> PostgresQuery(string sql)
    {
        using var connection = new NpgsqlConnection(_postgres.Value);
        connection.Open();
        return Rows(connection, sql);
    }

    private static List<string> Rows(System.Data.Common.DbConnection connection, string sql)
    {
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
        if (_postgres.IsValueCreated)
        {
            PostgresServer.DropDatabase(_postgres.Value);
        }

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
