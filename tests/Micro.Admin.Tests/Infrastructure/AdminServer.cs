using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AdminApp;
using Micro.Data.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Micro.Admin.Tests.Infrastructure;

/// <summary>
/// tests/AdminApp over a new SQLite file in a temporary folder (or a new PostgreSQL database: <see cref="PostgreSqlAdminServer"/>), migrated, served by Kestrel on 127.0.0.1 and a free port, with a
/// user of each role the admin tells apart and a writer with a few articles and comments. Passwords are cheap to hash here.
/// </summary>
public partial class AdminServer : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    public const string Label = "newsroom";

    private MicroApplication? _app;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("micro-admin-").FullName;

    public string DatabasePath => Path.Combine(Directory, "app.db");

    /// <summary>Where the app's uploads are stored.</summary>
    public string MediaRoot => Path.Combine(Directory, "media");

    public Uri BaseAddress { get; private set; } = null!;

    public MicroApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>The app's <c>ConnectionStrings:Default</c>.</summary>
    protected virtual string ConnectionString => "Data Source=" + DatabasePath;

    public async Task InitializeAsync()
    {
        var builder = MicroApp.CreateBuilder(
            [
                "--urls", "http://127.0.0.1:0",
                "--environment", "Production",
                "--ConnectionStrings:Default", ConnectionString,
                "--Micro:AppLabel", Label,
                "--Micro:Auth:PasswordIterations", "1000",
                "--Micro:MediaRoot", MediaRoot,
            ],
            typeof(Article).Assembly);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var output = new StringWriter();
        Assert.True(MigrationCommands.Migrate(_app.Services, output) == 0, output.ToString());
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());

        await using var scope = _app.Services.CreateAsyncScope();
        var auth = scope.ServiceProvider.GetRequiredService<Micro.Auth.AuthDb>();
        await auth.CreateSuperuserAsync("super", "super@example.com", Password);
        await User(auth, "editor", staff: true, active: true,
            [.. new[] { "view", "add", "change", "delete" }.SelectMany(static a => new[] { $"{Label}.{a}_article", $"{Label}.{a}_comment" }), $"{Label}.view_writer"]);
        await User(auth, "viewer", staff: true, active: true, $"{Label}.view_article");
        await User(auth, "adder", staff: true, active: true, $"{Label}.add_article");
        await User(auth, "staffer", staff: true, active: true);
        await User(auth, "moderator", staff: true, active: true, $"{Label}.view_comment", $"{Label}.change_comment");
        await User(auth, "member", staff: false, active: true, $"{Label}.view_article");
        await User(auth, "retired", staff: true, active: false, $"{Label}.view_article");

        var db = scope.ServiceProvider.GetRequiredService<Db>();
        var ada = await db.Writers.CreateAsync(new Writer { Name = "Ada", Email = "ada@example.com" });
        var grace = await db.Writers.CreateAsync(new Writer { Name = "Grace", Email = "grace@example.com" });
        for (var i = 1; i <= 12; i++)
        {
            var article = await db.Articles.CreateAsync(new Article
            {
                Title = $"Story {i:D2}",
                Slug = $"story-{i:D2}",
                Body = i % 4 == 0 ? "a needle here" : "hay",
                Status = (Status)(i % 3),
                Featured = i % 2 == 0,
                Published = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i * 20),
                WriterId = i <= 8 ? ada.Id : grace.Id,
            });
            if (i == 1)
            {
                await db.Comments.CreateAsync(new Comment { ArticleId = article.Id, Text = "First!" });
                await db.Comments.CreateAsync(new Comment { ArticleId = article.Id, Text = "Second thoughts" });
            }
        }
    }

    private static async Task User(Micro.Auth.AuthDb auth, string name, bool staff, bool active, params string[] permissions)
    {
        var user = await auth.CreateUserAsync(name, $"{name}@example.com", Password);
        user.IsStaff = staff;
        user.IsActive = active;
        await auth.Users.SaveAsync(user);
        if (permissions.Length > 0)
        {
            await auth.GrantAsync(user, permissions);
        }
    }

    /// <summary>A browser that gets its CSRF cookie from the admin's login page.</summary>
    public Browser NewBrowser() => new(BaseAddress) { CsrfPage = "/admin/login/" };

    /// <summary>A browser logged in through the admin's login page as <paramref name="username"/>.</summary>
    public async Task<Browser> LoggedInAsync(string username, string password = Password)
    {
        var browser = NewBrowser();
        var response = await browser.PostAsync("/admin/login/", ("username", username), ("password", password), ("next", "/admin/"));
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"admin login as {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return browser;
    }

    /// <summary>The rows of a query on the app's database, each as its columns joined by <c>|</c>.</summary>
    public List<string> Query(string sql)
    {
        using var connection = App.Services.GetRequiredService<Micro.Data.IDatabaseProvider>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public string Scalar(string sql) => Query(sql).Single();

    /// <summary>The id of the article with <paramref name="slug"/>.</summary>
    public string ArticleId(string slug) => Scalar($"SELECT \"Id\" FROM \"Articles\" WHERE \"Slug\" = '{slug}'");

    /// <summary>The texts of the change list's rows, in order (the first column's link text).</summary>
    public static List<string> RowTitles(string html) =>
        [.. RowTitle().Matches(html).Select(static m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("<th scope=\"row\"><a href=\"[^\"]*\">([^<]*)</a></th>")]
    private static partial Regex RowTitle();

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The admin app over a new PostgreSQL database of its own, dropped at the end.</summary>
public sealed class PostgreSqlAdminServer : AdminServer
{
    private readonly Lazy<string> _database = new(static () => Micro.Tests.Shared.PostgresServer.CreateDatabase("micro_admin"));

    protected override string ConnectionString => _database.Value;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database.IsValueCreated)
        {
            Micro.Tests.Shared.PostgresServer.DropDatabase(_database.Value);
        }
    }
}
