using System.Net;
using Micro.Auth.Tests.Infrastructure;

namespace Micro.Auth.Tests;

public sealed class SqlitePermissionTests(AuthApp app) : PermissionTests(app), IClassFixture<AuthApp>;

public sealed class PostgreSqlPermissionTests(PostgreSqlAuthApp app) : PermissionTests(app), IClassFixture<PostgreSqlAuthApp>;

/// <summary>[LoginRequired], [PermissionRequired], [StaffRequired] and ASP.NET Core's [Authorize] on Micro routes, for each kind of user.</summary>
public abstract class PermissionTests(AuthApp app)
{
    [Fact]
    public async Task LoginRequired_sends_a_browser_to_the_login_page_with_next_and_a_script_gets_401()
    {
        using var browser = app.NewBrowser();

        var page = await browser.GetAsync("/protected/?q=a b&x=1");
        browser.Accept = "application/json";
        var api = await browser.GetAsync("/api/secret/");

        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.Equal("/accounts/login/?next=/protected/%3Fq%3Da%2520b%26x%3D1", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Empty(browser.SetCookies);
    }

    [Fact]
    public async Task The_login_redirect_comes_back_to_the_page()
    {
        await app.CreateUserAsync("returning");
        using var browser = app.NewBrowser();
        var location = (await browser.GetAsync("/widgets/3/")).Headers.Location!.OriginalString;
        var next = Uri.UnescapeDataString(location[(location.IndexOf("next=", StringComparison.Ordinal) + 5)..]);

        var login = await browser.PostAsync("/accounts/login/", ("username", "returning"), ("password", "correct horse battery"), ("next", next));

        Assert.Equal("/widgets/3/", login.Headers.Location?.OriginalString);
        Assert.Equal("widget 3", await browser.GetStringAsync("/widgets/3/"));
    }

    public static TheoryData<string, int, int, int> Roles => new()
    {
        // role, /widgets/edit/ ([PermissionRequired]), /staff/ ([StaffRequired]), /protected/ ([LoginRequired])
        { "anonymous", 302, 302, 302 },
        { "active", 403, 403, 200 },
        { "staff", 403, 200, 200 },
        { "staff with the permission", 200, 200, 200 },
        { "in a group with the permission", 200, 403, 200 },
        { "superuser", 200, 200, 200 },
        { "inactive superuser", 302, 302, 302 },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_kind_of_user_gets_what_its_permissions_allow(string role, int permission, int staff, int login)
    {
        var name = "role-" + role.Replace(' ', '-');
        using var browser = app.NewBrowser();
        if (role != "anonymous")
        {
            var user = await app.CreateUserAsync(name, configure: u =>
            {
                // As createsuperuser makes them: a superuser is staff too.
                u.IsStaff = role.StartsWith("staff", StringComparison.Ordinal) || role.Contains("superuser", StringComparison.Ordinal);
                u.IsSuperuser = role.Contains("superuser", StringComparison.Ordinal);
            });
            await app.WithAuthAsync(async auth =>
            {
                if (role == "staff with the permission")
                {
                    await auth.GrantAsync(user, "authapp.change_widget");
                }

                if (role == "in a group with the permission")
                {
                    var group = await auth.GetOrCreateGroupAsync("widget editors");
                    await auth.GrantAsync(group, "authapp.change_widget");
                    await auth.AddToGroupAsync(user, group);
                }

                return 0;
            });
            if (role == "inactive superuser")
            {
                await browser.LoginAsync(name);
                await app.WithAuthAsync(async auth =>
                {
                    user.IsActive = false;
                    await auth.Users.SaveAsync(user);
                    return 0;
                });
            }
            else
            {
                await browser.LoginAsync(name);
            }
        }

        Assert.Equal(permission, (int)(await browser.GetAsync("/widgets/edit/")).StatusCode);
        Assert.Equal(staff, (int)(await browser.GetAsync("/staff/")).StatusCode);
        Assert.Equal(login, (int)(await browser.GetAsync("/protected/")).StatusCode);
    }

    [Fact]
    public async Task A_403_is_rendered_by_Micros_error_pages()
    {
        await app.CreateUserAsync("forbidden");
        using var browser = app.NewBrowser();
        await browser.LoginAsync("forbidden");

        var response = await browser.GetAsync("/staff/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("403", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Authorize_with_roles_uses_groups_and_a_policy_sees_the_user()
    {
        var editor = await app.CreateUserAsync("editor-one");
        await app.CreateUserAsync("ada");
        await app.WithAuthAsync(async auth =>
        {
            await auth.AddToGroupAsync(editor, await auth.GetOrCreateGroupAsync("editors"));
            return 0;
        });
        using var anonymous = app.NewBrowser();
        using var editorBrowser = app.NewBrowser();
        using var ada = app.NewBrowser();
        await editorBrowser.LoginAsync("editor-one");
        await ada.LoginAsync("ada");

        Assert.Equal(HttpStatusCode.Found, (await anonymous.GetAsync("/editors/")).StatusCode);
        Assert.Equal("editors only", await editorBrowser.GetStringAsync("/editors/"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.GetAsync("/editors/")).StatusCode);
        Assert.Equal("name=editor-one authenticated=True roles=editors staff=False", await editorBrowser.GetStringAsync("/claims/"));

        Assert.Equal("ada only", await ada.GetStringAsync("/ada/"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editorBrowser.GetAsync("/ada/")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await anonymous.GetAsync("/ada/")).StatusCode);

        Assert.Equal("anyone", await anonymous.GetStringAsync("/anyone/"));
    }

    [Fact]
    public async Task A_class_based_views_verbs_add_their_own_requirements_to_the_views()
    {
        await app.CreateUserAsync("viewer");
        await app.CreateUserAsync("saver", permissions: ["authapp.change_widget"]);
        using var anonymous = app.NewBrowser();
        using var viewer = app.NewBrowser();
        using var saver = app.NewBrowser();
        await viewer.LoginAsync("viewer");
        await saver.LoginAsync("saver");

        Assert.Equal(HttpStatusCode.Found, (await anonymous.GetAsync("/widgets/1/")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await anonymous.PostAsync("/widgets/1/")).StatusCode);
        Assert.Equal("widget 1", await viewer.GetStringAsync("/widgets/1/"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/widgets/1/")).StatusCode);
        Assert.Equal("saved widget 1", await (await saver.PostAsync("/widgets/1/")).Content.ReadAsStringAsync());

        Assert.Equal("the guestbook", await anonymous.GetStringAsync("/guestbook/"));
        var unsigned = await anonymous.PostAsync("/guestbook/");
        Assert.Equal(HttpStatusCode.Found, unsigned.StatusCode);
        Assert.Equal("/accounts/login/?next=/guestbook/", unsigned.Headers.Location?.OriginalString);
        Assert.Equal("signed by viewer", await (await viewer.PostAsync("/guestbook/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Migrate_made_every_models_permissions_and_Micros_tables()
    {
        Assert.Contains("Applying auth.0001_initial... OK", app.MigrateOutput);
        Assert.Contains("Applying sessions.0001_initial... OK", app.MigrateOutput);
        var permissions = app.Query("SELECT app_label || '.' || codename || ' ' || name FROM auth_permission ORDER BY app_label, codename");
        Assert.Contains("authapp.change_widget Can change widget", permissions);
        Assert.Contains("authapp.view_widget Can view widget", permissions);
        Assert.Contains("auth.add_user Can add user", permissions);
        Assert.Contains("sessions.delete_session Can delete session", permissions);
        Assert.Equal(20, permissions.Count);
        Assert.Equal(
            ["__micro_migrations", "auth_group", "auth_group_permissions", "auth_permission", "auth_user", "auth_user_groups", "auth_user_user_permissions", "micro_session"],
            app.TableNames());

        // Migrating again adds nothing.
        var output = new StringWriter();
        Assert.Equal(0, Micro.Data.Migrations.MigrationCommands.Migrate(app.App.Services, output));
        Assert.Contains("No migrations to apply", output.ToString());
        Assert.Equal(["20"], app.Query("SELECT count(*) FROM auth_permission"));
    }
}

/// <summary>ASP.NET Core's fallback policy on Micro routes: everything needs a login but [AllowAnonymous] routes and the login page.</summary>
public sealed class FallbackPolicyTests(FallbackPolicyApp app) : IClassFixture<FallbackPolicyApp>
{
    [Fact]
    public async Task AllowAnonymous_and_the_login_view_escape_a_fallback_policy()
    {
        await app.CreateUserAsync("fallback");
        using var browser = app.NewBrowser();

        var plain = await browser.GetAsync("/plain/");
        Assert.Equal(HttpStatusCode.Found, plain.StatusCode);
        Assert.Equal("/accounts/login/?next=/plain/", plain.Headers.Location?.OriginalString);
        Assert.Equal("anyone", await browser.GetStringAsync("/anyone/"));
        Assert.Contains("<h1>Log in</h1>", await browser.GetStringAsync("/accounts/login/"));

        await browser.LoginAsync("fallback");
        Assert.Equal("plain", await browser.GetStringAsync("/plain/"));
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/accounts/logout/")).StatusCode);
    }
}

/// <summary>A fallback policy that the app's own policy provider makes up: Micro can't see it ahead, so it asks for every request.</summary>
public sealed class FallbackPolicyProviderTests(FallbackPolicyProviderApp app) : IClassFixture<FallbackPolicyProviderApp>
{
    [Fact]
    public async Task A_policy_providers_fallback_policy_guards_routes_without_metadata()
    {
        using var browser = app.NewBrowser();

        var plain = await browser.GetAsync("/plain/");
        Assert.Equal(HttpStatusCode.Found, plain.StatusCode);
        Assert.Equal("/accounts/login/?next=/plain/", plain.Headers.Location?.OriginalString);
        Assert.Equal("anyone", await browser.GetStringAsync("/anyone/"));
    }
}
