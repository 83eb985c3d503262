using Micro.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>Reading PostgreSQL connection strings and URLs, the pool's defaults, and the provider's life in an app.</summary>
public sealed class PostgreSqlProviderTests
{
    [Theory]
    [InlineData("postgres://app:secret@db.example.com:6543/blog", "db.example.com", 6543, "app", "secret", "blog")]
    [InlineData("postgresql://app@localhost/blog", "localhost", 5432, "app", null, "blog")]
    [InlineData("postgres://db.example.com", "db.example.com", 5432, null, null, null)]
    [InlineData("postgres://us%40er:p%40ss%3Aw%2Fo%23rd%25@10.0.0.5/my%20db", "10.0.0.5", 5432, "us@er", "p@ss:w/o#rd%", "my db")]
    [InlineData("postgres://app:pw@[::1]:5433/blog", "::1", 5433, "app", "pw", "blog")]
    [InlineData("  POSTGRES://app:pw@host/blog  ", "host", 5432, "app", "pw", "blog")]
    public void A_URL_becomes_an_Npgsql_connection_string(string url, string host, int port, string? username, string? password, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString.Normalize(url));

        Assert.Equal((host, port, username, password, database), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
    }

    [Fact]
    public void URL_options_are_Npgsql_keywords()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString.Normalize(
            "postgres://app:pw@host/blog?sslmode=require&Maximum%20Pool%20Size=7&application_name=my+app&connect_timeout=3&Command%20Timeout=9"));

        Assert.Equal((SslMode.Require, 7, "my app", 3, 9), (builder.SslMode, builder.MaxPoolSize, builder.ApplicationName, builder.Timeout, builder.CommandTimeout));
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("postgres:///blog")]
    [InlineData("postgres://app:se#cret@host/blog")]
    [InlineData("postgres://app:secret@host:99999/blog")]
    [InlineData("postgres://app:secret@host/blog/extra")]
    [InlineData("postgres://app:secret@host/blog?nonsense=1")]
    [InlineData("postgres://app:secret@host/blog?port=abc")]
    public void A_URL_Micro_cant_read_is_a_format_error_that_never_shows_the_password(string url)
    {
        var exception = Assert.Throws<FormatException>(() => new PostgreSqlProvider(url));

        Assert.DoesNotContain("secret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://app:secret@host/blog?nonsense=1", "the PostgreSQL URL's option 'nonsense' is not an Npgsql keyword with a valid value.")]
    [InlineData("Host=db;Passwrd=secret", "'passwrd' is not an Npgsql keyword, or its value is not valid for it.")]
    [InlineData("Host=db;Port=secret", "'port' is not an Npgsql keyword, or its value is not valid for it.")]
    [InlineData("Server=;Password=secret", "it names no host (Host=... or postgres://host/...).")]
    public void A_connection_string_error_says_what_is_wrong_without_the_password(string connectionString, string message)
    {
        var exception = Assert.Throws<FormatException>(() => new PostgreSqlProvider(connectionString));

        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("Host=db", true)]
    [InlineData("server=db;database=app", true)]
    [InlineData("postgresql://db/app", true)]
    [InlineData("Data Source=app.db", false)]
    [InlineData("Data Source=:memory:", false)]
    [InlineData("Data Source=hosts.db;Mode=ReadOnly", false)]
    public void Matches_tells_PostgreSQL_from_SQLite(string connectionString, bool postgres) =>
        Assert.Equal(postgres, PostgreSqlConnectionString.Matches(connectionString));

    [Fact]
    public void The_pool_holds_twenty_connections_unless_the_connection_string_says_otherwise()
    {
        using var standard = new PostgreSqlProvider("Host=db;Username=app;Password=secret;Database=blog");
        using var wider = new PostgreSqlProvider("Host=db;Maximum Pool Size=50");
        using var fromUrl = new PostgreSqlProvider("postgres://db/blog?MaxPoolSize=5");

        Assert.Equal(PostgreSqlProvider.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(standard.ConnectionString).MaxPoolSize);
        Assert.Equal(20, PostgreSqlProvider.DefaultMaxPoolSize);
        Assert.Equal(50, new NpgsqlConnectionStringBuilder(wider.ConnectionString).MaxPoolSize);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(fromUrl.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void Each_connection_keeps_64_statements_prepared_unless_the_connection_string_says_otherwise()
    {
        using var standard = new PostgreSqlProvider("Host=db;Username=app;Password=secret;Database=blog");
        using var off = new PostgreSqlProvider("Host=db;Max Auto Prepare=0");
        using var fromUrl = new PostgreSqlProvider("postgres://db/blog?MaxAutoPrepare=8");

        Assert.Equal(64, new NpgsqlConnectionStringBuilder(standard.ConnectionString).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(off.ConnectionString).MaxAutoPrepare);
        Assert.Equal(8, new NpgsqlConnectionStringBuilder(fromUrl.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public void The_display_name_has_the_database_and_host_but_no_credentials()
    {
        using var provider = new PostgreSqlProvider("postgres://app:secret@db.example.com:6543/blog");

        Assert.Equal("PostgreSQL (blog on db.example.com:6543)", provider.DisplayName);
    }

    [Fact]
    public async Task An_unreadable_connection_string_fails_the_start_naming_the_setting_and_not_the_password()
    {
        await using var app = Build("postgres://app:secret@host/blog?nonsense=1");

        var exception = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Equal(
            "Configuration value ConnectionStrings:Default is not a PostgreSQL connection string Micro can read: the PostgreSQL URL's option 'nonsense' is not an Npgsql keyword with a valid value.",
            exception.Message);
    }

    [Fact]
    public async Task The_app_disposes_the_provider_and_its_pool_when_it_stops()
    {
        var connectionString = PostgresServer.CreateDatabase("micro_provider");
        try
        {
            IDatabaseProvider provider;
            await using (var app = Build(connectionString))
            {
                provider = app.Services.GetRequiredService<IDatabaseProvider>();
                Assert.IsType<PostgreSqlProvider>(provider);
                await using var connection = await provider.OpenAsync(default);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT current_database()";
                Assert.Equal(new NpgsqlConnectionStringBuilder(connectionString).Database, await command.ExecuteScalarAsync());
            }

            await Assert.ThrowsAsync<ObjectDisposedException>(() => provider.OpenAsync(default));
        }
        finally
        {
            PostgresServer.DropDatabase(connectionString);
        }
    }

    private static MicroApplication Build(string connectionString)
    {
        var builder = MicroApp.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--ConnectionStrings:Default", connectionString],
            typeof(BlogApp.Post).Assembly);
        builder.Logging.ClearProviders();
        return builder.Build();
    }
}
