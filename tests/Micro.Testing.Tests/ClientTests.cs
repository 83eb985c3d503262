using System.Globalization;
using Micro.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Testing.Tests;

/// <summary>What the test client does besides assertions: the environment, a database per test, JSON, CSRF, cookies, logins.</summary>
public sealed class ClientTests : SampleAppTest
{
    [Fact]
    public async Task The_app_runs_in_Production_so_errors_are_the_apps_500_page()
    {
        var response = await Client.GetAsync("/boom/");

        response.AssertStatus(500).AssertContains("Sorry, something broke (500).", statusCode: 500).AssertNotContains("InvalidOperationException", statusCode: 500);
    }

    [Fact]
    public async Task Mail_is_kept_in_the_outbox_whatever_the_app_configures()
    {
        await using (var scope = Client.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Micro.Auth.AuthDb>().CreateUserAsync("ada", "ada@example.com", "correct horse battery staple");
        }

        Assert.Empty(Client.Outbox);
        (await Client.PostAsync("/accounts/password_reset/", [new("email", "ada@example.com")])).AssertRedirects("/accounts/password_reset/done/");

        var mail = Assert.Single(Client.Outbox);
        Assert.Equal(["ada@example.com"], mail.To);
        Assert.Contains($"{Client.BaseAddress.GetLeftPart(UriPartial.Authority)}/accounts/reset/", mail.Body);
    }

    [Fact]
    public async Task Fixtures_load_into_the_clients_database_and_a_wrong_one_says_where()
    {
        Assert.Equal(2, await Client.LoadFixturesAsync("welcome"));

        (await Client.GetAsync("/posts/welcome/")).AssertStatus(200).AssertContains("Welcome to the blog");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.LoadFixturesAsync("no-such-fixture"));
        Assert.StartsWith("Loading the fixtures no-such-fixture failed: No fixture named 'no-such-fixture' (looked for ", error.Message);
    }

    [Fact]
    public async Task A_fixture_of_a_user_in_a_group_logs_in_with_the_groups_permissions()
    {
        var hash = Client.Services.GetRequiredService<PasswordHasher>().Hash("a long passphrase 2026");
        var fixture = Path.Combine(Path.GetTempPath(), $"micro-users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(fixture, $$$"""
            [{"model": "auth.group", "pk": 1, "fields": {"name": "readers", "permissions": [["view_blogpost", "blog", "blogpost"]]}},
             {"model": "auth.user", "pk": 1, "fields": {"password": "{{{hash}}}", "last_login": null, "is_superuser": false, "username": "reader",
              "first_name": "", "last_name": "", "email": "", "is_staff": true, "is_active": true, "date_joined": "2026-12-07T10:00:00Z",
              "groups": [["readers"]], "user_permissions": []}}]
            """);
        try
        {
            Assert.Equal(2, await Client.LoadFixturesAsync(fixture));
        }
        finally
        {
            File.Delete(fixture);
        }

        Assert.True(await Client.LoginAsync("reader", "a long passphrase 2026"));
        (await Client.GetAsync("/admin/blog/blogpost/")).AssertStatus(200);
        (await Client.GetAsync("/admin/auth/user/")).AssertStatus(403);
    }

    [Fact]
    public async Task Each_client_has_its_own_database_migrated_from_the_apps_migrations()
    {
        await using (var scope = Client.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Db>();
            var author = await db.Authors.CreateAsync(new Author { Name = "Ada" });
            await db.BlogPosts.CreateAsync(new BlogPost { Title = "Engines", Slug = "engines", Year = 1843, Body = "Notes.", AuthorId = author.Id });
        }

        (await Client.GetAsync(Urls.PostList())).AssertContains("Engines");

        await using var other = await MicroTestClient.StartAsync(typeof(Site).Assembly);
        (await other.GetAsync(Urls.PostList())).AssertNotContains("Engines").AssertContext("page_obj", Array.Empty<BlogPost>());
    }

    [Fact]
    public async Task Json_goes_in_and_out_with_the_apps_metadata()
    {
        var created = await Client.PostJsonAsync(Urls.CreateNote(), new NewNote("Milk", "Two litres."));

        created.AssertStatus(201);
        var note = created.Json<Note>()!;
        Assert.Equal("Milk", note.Title);
        created.AssertHeader("Location", Urls.Note(note.Id));
        (await Client.GetAsync(Urls.Note(note.Id))).AssertJson(note);
    }

    [Fact]
    public async Task Csrf_checks_are_off_unless_enforced_then_the_forms_token_goes_with_the_post()
    {
        var form = new Dictionary<string, string> { ["title"] = "First", ["slug"] = "first", ["year"] = "2024", ["body"] = "Words.", ["author"] = "" };
        (await Client.PostAsync(Urls.PostCreate(), form)).AssertStatus(200).AssertContains("This field is required.");

        Client.EnforceCsrfChecks = true;
        await using var fresh = await MicroTestClient.StartAsync(typeof(Site).Assembly);
        fresh.EnforceCsrfChecks = true;
        (await fresh.PostAsync(Urls.PostCreate(), form)).AssertStatus(403).AssertContains("CSRF verification failed.", statusCode: 403);

        (await fresh.GetAsync(Urls.PostCreate())).AssertStatus(200);
        (await fresh.PostAsync(Urls.PostCreate(), form)).AssertStatus(200).AssertContains("This field is required.");
    }

    [Fact]
    public async Task Cookies_keep_the_session_between_requests_and_logout_ends_it()
    {
        await using (var scope = Client.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuthDb>().CreateUserAsync("ada", "ada@example.com", "correct horse battery staple");
        }

        Assert.False(await Client.LoginAsync("ada", "wrong password"));
        (await Client.GetAsync(Urls.Account())).AssertRedirects("/accounts/login/?next=/account/");

        Assert.True(await Client.LoginAsync("ada", "correct horse battery staple"));
        Assert.Contains("sessionid", Client.Cookies.Keys);
        (await Client.GetAsync(Urls.Account())).AssertContext("visits", 1).AssertContains("Hello, ada");
        (await Client.GetAsync(Urls.Account())).AssertContext("visits", 2);

        await Client.LogoutAsync();
        Assert.DoesNotContain("sessionid", Client.Cookies.Keys);
        (await Client.GetAsync(Urls.Account())).AssertRedirects("/accounts/login/?next=/account/");
    }

    [Fact]
    public async Task ForceLogin_logs_a_user_in_without_a_password()
    {
        User user;
        await using (var scope = Client.Services.CreateAsyncScope())
        {
            user = await scope.ServiceProvider.GetRequiredService<AuthDb>().CreateUserAsync("grace", "", "another long passphrase");
        }

        await Client.ForceLoginAsync(user);

        (await Client.GetAsync(Urls.Account())).AssertStatus(200).AssertTemplateUsed("accounts/account.html").AssertContains("Hello, grace");
    }

    [Fact]
    public async Task A_login_through_the_login_page_follows_its_redirect()
    {
        await using (var scope = Client.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuthDb>().CreateUserAsync("ada", "", "correct horse battery staple");
        }

        Client.EnforceCsrfChecks = true;
        (await Client.GetAsync("/accounts/login/?next=/account/")).AssertTemplateUsed("registration/login.html");
        var response = await Client.PostAsync("/accounts/login/?next=/account/",
            new Dictionary<string, string> { ["username"] = "ada", ["password"] = "correct horse battery staple", ["next"] = "/account/" }, follow: true);

        response.AssertRedirects(Urls.Account()).AssertContains("Hello, ada");
    }
}

/// <summary>Configuration and services given when the app starts.</summary>
public sealed class ConfiguredClientTests : SampleAppTest
{
    protected override void Configure(MicroTestOptions options)
    {
        base.Configure(options);
        options.Configuration["Greeting"] = "Howdy";
        options.ConfigureBuilder = builder =>
        {
            var notes = new NoteStore();
            notes.Add(new NewNote("Prepared", "By the test."));
            builder.Services.AddSingleton(notes);
        };
    }

    [Fact]
    public async Task Configuration_and_services_replace_the_apps_own()
    {
        (await Client.GetAsync(Urls.Home())).AssertContains("Howdy, World!");
        (await Client.GetAsync(Urls.NoteList())).AssertContains("Prepared");
    }
}

/// <summary>The environment can be chosen: Development shows the detailed error page.</summary>
public sealed class DevelopmentClientTests : SampleAppTest
{
    protected override void Configure(MicroTestOptions options)
    {
        base.Configure(options);
        options.Environment = "Development";
    }

    [Fact]
    public async Task Development_shows_the_detailed_error_page()
    {
        (await Client.GetAsync("/boom/")).AssertContains("InvalidOperationException", statusCode: 500);
    }
}
