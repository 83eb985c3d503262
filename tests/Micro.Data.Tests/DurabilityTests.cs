using System.Data.Common;
using Micro.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// A committed write survives a power cut by default: connections to a real SQLite file run with synchronous = FULL, as
/// Django leaves SQLite, and NORMAL (faster, the last commits may be lost to a power cut) is a setting.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-durability-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Connections_are_synchronous_FULL_by_default()
    {
        var provider = new SqliteProvider("Data Source=full.db", _directory);

        Assert.Equal("FULL", provider.Synchronous);
        Assert.Equal(2L, SynchronousOf(provider)); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
    }

    [Theory]
    [InlineData("NORMAL", 1L)]
    [InlineData("normal", 1L)]
    [InlineData("EXTRA", 3L)]
    public void The_setting_chooses_another_level(string setting, long expected)
    {
        var provider = new SqliteProvider("Data Source=" + setting + ".db", _directory) { Synchronous = setting };

        Assert.Equal(expected, SynchronousOf(provider));
    }

    [Fact]
    public async Task The_app_reads_the_level_from_its_configuration()
    {
        await using var normal = Build("--Micro:Database:Synchronous=NORMAL");
        await using var standard = Build();

        Assert.Equal(1L, SynchronousOf(normal.Services.GetRequiredService<IDatabaseProvider>()));
        Assert.Equal(2L, SynchronousOf(standard.Services.GetRequiredService<IDatabaseProvider>()));
    }

    [Fact]
    public async Task A_level_SQLite_does_not_have_is_a_configuration_error_naming_the_key()
    {
        await using var app = Build("--Micro:Database:Synchronous=sometimes");

        var exception = Assert.ThrowsAny<InvalidOperationException>(() => app.Services.GetRequiredService<IDatabaseProvider>());

        Assert.Equal("Configuration value Micro:Database:Synchronous must be FULL, NORMAL, EXTRA or OFF, not 'sometimes'.", exception.Message);
    }

    private MicroApplication Build(params string[] args)
    {
        var builder = MicroApp.CreateBuilder(
            ["--environment", "Production", "--ConnectionStrings:Default", "Data Source=" + Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"), .. args],
            typeof(BlogApp.Post).Assembly);
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    private static long SynchronousOf(IDatabaseProvider provider)
    {
        using DbConnection connection = provider.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return (long)command.ExecuteScalar()!;
    }
}
