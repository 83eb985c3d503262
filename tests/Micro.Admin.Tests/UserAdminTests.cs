using System.Net;
using Micro.Admin.Tests.Infrastructure;
using Micro.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Micro.Admin.Tests;

/// <summary>
/// Users and groups in the admin, as Django's auth admin: the add form with a password, the change page with groups and permissions,
/// the password page, who may do what, and hostile values in the many-to-many fields.
/// </summary>
public sealed class UserAdminTests(AdminServer server) : IClassFixture<AdminServer>
{
    private const string Users = "/admin/auth/user/";
    private const string Groups = "/admin/auth/group/";
    private const string NewPassword = "plum tree evening 42";

    private async Task<T> WithAuthAsync<T>(Func<AuthDb, Task<T>> work)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AuthDb>());
    }

    private Task<User> CreateUserAsync(string name, bool staff = false, params string[] permissions) => WithAuthAsync(async auth =>
    {
        var user = await auth.CreateUserAsync(name, $"{name}@example.com", AdminServer.Password);
        user.IsStaff = staff;
        await auth.Users.SaveAsync(user);
        if (permissions.Length > 0)
        {
            await auth.GrantAsync(user, permissions);
        }

        return user;
    });

    private string PermissionId(string label, string codename) =>
        server.Scalar($"SELECT id FROM auth_permission WHERE app_label = '{label}' AND codename = '{codename}'");

    private static (string, string)[] Change(string username, string email, params (string, string)[] more) =>
        [("username", username), ("first_name", ""), ("last_name", ""), ("email", email), ("is_active", "on"), .. more];

    [Fact]
    public async Task The_index_lists_users_and_groups_under_authentication_and_authorization()
    {
        using var browser = await server.LoggedInAsync("super");
        var index = await browser.GetStringAsync("/admin/");
        Assert.Contains("<div class=\"module\" id=\"app-auth\">", index);
        Assert.Contains("<caption><a href=\"/admin/auth/\">Authentication and Authorization</a></caption>", index);
        Assert.Contains("<a href=\"/admin/auth/user/\">Users</a>", index);
        Assert.Contains("<a href=\"/admin/auth/group/\">Groups</a>", index);
        Assert.Contains("<caption><a href=\"/admin/newsroom/\">Newsroom</a></caption>", index);
        Assert.True(index.IndexOf("app-auth", StringComparison.Ordinal) < index.IndexOf("app-newsroom", StringComparison.Ordinal));

        // Each app's own index lists its models only.
        var auth = await browser.GetStringAsync("/admin/auth/");
        Assert.Contains("Authentication and Authorization administration", auth);
        Assert.Contains("/admin/auth/user/", auth);
        Assert.DoesNotContain("/admin/newsroom/article/\">Articles", auth);
        Assert.Contains("/admin/newsroom/article/", await browser.GetStringAsync("/admin/newsroom/"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/unknown/")).StatusCode);

        // A staff member without the auth permissions sees neither the app nor its index.
        using var editor = await server.LoggedInAsync("editor");
        Assert.DoesNotContain("app-auth", await editor.GetStringAsync("/admin/"));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/auth/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(Users)).StatusCode);
    }

    [Fact]
    public async Task A_user_is_added_with_a_password_and_the_change_page_follows()
    {
        using var browser = await server.LoggedInAsync("super");
        var form = await browser.GetStringAsync(Users + "add/");
        Assert.Contains("First, enter a username and password. Then, you’ll be able to edit more user options.", form);
        Assert.Contains("<input type=\"password\" name=\"password1\"", form);
        Assert.DoesNotContain("name=\"groups\"", form);

        var response = await browser.PostAsync(Users + "add/", ("username", "newcomer"), ("password1", NewPassword), ("password2", NewPassword), ("_save", "Save"));

        Assert.True(response.StatusCode == HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        var id = server.Scalar("SELECT id FROM auth_user WHERE username = 'newcomer'");
        Assert.Equal($"{Users}{id}/change/", response.Headers.Location!.OriginalString);
        Assert.Equal("1|0|0", server.Scalar("SELECT is_active, is_staff, is_superuser FROM auth_user WHERE username = 'newcomer'"));
        Assert.NotNull(await WithAuthAsync(auth => auth.AuthenticateAsync("newcomer", NewPassword)));
        Assert.Equal($"auth|user|newcomer|1", server.Scalar($"SELECT app_label, model_name, object_repr, action_flag FROM django_admin_log WHERE object_id = '{id}' AND app_label = 'auth'"));

        // The change page names the hash's algorithm and shows six characters of salt and hash, never the whole.
        var hash = server.Scalar("SELECT password FROM auth_user WHERE username = 'newcomer'");
        var page = await browser.GetStringAsync($"{Users}{id}/change/");
        Assert.Contains("The user “newcomer” was added successfully. You may edit it again below.", page);
        Assert.Contains($"algorithm: pbkdf2_sha256 iterations: 1000 salt: {hash.Split('$')[2][..6]}", page);
        Assert.DoesNotContain(hash.Split('$')[3], page);
        Assert.DoesNotContain(hash.Split('$')[2], page);
        Assert.Contains($"<a href=\"{Users}{id}/password/\" class=\"button secondary\">Change password</a>", page);
    }

    [Theory]
    [InlineData("bad name!", NewPassword, NewPassword, "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.")]
    [InlineData("super", NewPassword, NewPassword, "A user with that username already exists.")]
    [InlineData("mismatch", NewPassword, NewPassword + "!", "The two password fields didn’t match.")]
    [InlineData("numeric", "7461938205", "7461938205", "This password is entirely numeric.")]
    [InlineData("short", "abc", "abc", "This password is too short. It must contain at least 8 characters.")]
    [InlineData("", "", "", "This field is required.")]
    public async Task The_add_form_refuses_bad_usernames_and_passwords(string username, string password1, string password2, string error)
    {
        using var browser = await server.LoggedInAsync("super");
        var before = server.Scalar("SELECT COUNT(*) FROM auth_user");

        var response = await browser.PostAsync(Users + "add/", ("username", username), ("password1", password1), ("password2", password2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(error, html);
        Assert.Contains("Please correct the error", html);
        if (password1.Length > 0)
        {
            Assert.DoesNotContain($"value=\"{password1}\"", html);
        }

        Assert.Equal(before, server.Scalar("SELECT COUNT(*) FROM auth_user"));
    }

    [Fact]
    public async Task Hostile_usernames_are_refused_and_shown_escaped()
    {
        using var browser = await server.LoggedInAsync("super");
        foreach (var username in new[] { "<script>alert(1)</script>", new string('a', 151), "a\r\nb", "x' OR '1'='1" })
        {
            var response = await browser.PostAsync(Users + "add/", ("username", username), ("password1", NewPassword), ("password2", NewPassword));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert", html);
            Assert.Contains("errorlist", html);
        }

        Assert.Contains("Ensure this value has at most 150 characters (it has 151).",
            await (await browser.PostAsync(Users + "add/", ("username", new string('a', 151)), ("password1", NewPassword), ("password2", NewPassword))).Content.ReadAsStringAsync());
        Assert.Equal("0", server.Scalar("SELECT COUNT(*) FROM auth_user WHERE username LIKE '%script%' OR username LIKE 'x''%' OR length(username) > 150"));
    }

    [Fact]
    public async Task Changing_a_user_sets_their_groups_and_permissions_and_logs_what_changed()
    {
        var user = await CreateUserAsync("changeling");
        var group = await WithAuthAsync(auth => auth.GetOrCreateGroupAsync("copy editors"));
        var viewArticle = PermissionId("newsroom", "view_article");
        using var browser = await server.LoggedInAsync("super");
        var url = $"{Users}{user.Id}/change/";

        var page = await browser.GetStringAsync(url);
        Assert.Contains($"<input type=\"checkbox\" name=\"groups\" value=\"{group.Id}\"> copy editors", page);
        Assert.Contains($"<input type=\"checkbox\" name=\"user_permissions\" value=\"{viewArticle}\"> Newsroom | article | Can view article", page);
        Assert.Contains("value=\"changeling@example.com\"", page);

        var response = await browser.PostAsync(url, [.. Change("changeling", "Changeling@EXAMPLE.com", ("is_staff", "on"), ("groups", group.Id.ToString()), ("user_permissions", viewArticle), ("_continue", "Save and continue editing"))]);

        Assert.True(response.StatusCode == HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        Assert.Equal(url, response.Headers.Location!.OriginalString);
        Assert.Equal("Changeling@example.com|1|1", server.Scalar($"SELECT email, is_staff, is_active FROM auth_user WHERE id = {user.Id}"));
        Assert.Equal([group.Id.ToString()], server.Query($"SELECT group_id FROM auth_user_groups WHERE user_id = {user.Id}"));
        Assert.Equal([viewArticle], server.Query($"SELECT permission_id FROM auth_user_user_permissions WHERE user_id = {user.Id}"));
        Assert.Equal("[{\"changed\": {\"fields\": [\"Email address\",\"Staff status\",\"Groups\",\"User permissions\"]}}]",
            server.Scalar($"SELECT change_message FROM django_admin_log WHERE object_id = '{user.Id}' AND app_label = 'auth' ORDER BY id DESC LIMIT 1"));
        var after = await browser.GetStringAsync(url);
        Assert.Contains($"<input type=\"checkbox\" name=\"groups\" value=\"{group.Id}\" checked> copy editors", after);
        Assert.Contains("Changed Email address, Staff status, Groups and User permissions.", await browser.GetStringAsync($"{Users}{user.Id}/history/"));

        // The permissions given here are the user's: a staff login sees the articles now.
        using var changeling = await server.LoggedInAsync("changeling");
        Assert.Equal(HttpStatusCode.OK, (await changeling.GetAsync("/admin/newsroom/article/")).StatusCode);

        // Nothing checked takes every group and permission away.
        Assert.Equal(HttpStatusCode.Found, (await browser.PostAsync(url, [.. Change("changeling", "Changeling@example.com", ("is_staff", "on"))])).StatusCode);
        Assert.Empty(server.Query($"SELECT group_id FROM auth_user_groups WHERE user_id = {user.Id}"));
        Assert.Empty(server.Query($"SELECT permission_id FROM auth_user_user_permissions WHERE user_id = {user.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await changeling.GetAsync("/admin/newsroom/article/")).StatusCode);
    }

    [Fact]
    public async Task Hostile_many_to_many_values_are_errors_on_the_form_and_nothing_is_saved()
    {
        var user = await CreateUserAsync("target");
        var url = $"{Users}{user.Id}/change/";
        using var browser = await server.LoggedInAsync("super");
        foreach (var value in new[] { "999999", "abc", "-1", "1 OR 1=1", "", new string('9', 5000), "<b>bold</b>" })
        {
            var response = await browser.PostAsync(url, [.. Change("target", "renamed@example.com", ("is_superuser", "on"), ("groups", value))]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<ul class=\"errorlist\" id=\"id_groups_error\"><li>Select a valid choice.", html);
            Assert.DoesNotContain("<b>bold</b>", html);
            Assert.DoesNotContain(new string('9', 100), html);
        }

        var permission = await browser.PostAsync(url, [.. Change("target", "renamed@example.com", ("user_permissions", "1"), ("user_permissions", "0"))]);
        Assert.Contains("Select a valid choice. 0 is not one of the available choices.", await permission.Content.ReadAsStringAsync());

        // Neither the valid fields nor the rows of the many-to-many tables were written.
        Assert.Equal("target@example.com|0", server.Scalar($"SELECT email, is_superuser FROM auth_user WHERE id = {user.Id}"));
        Assert.Empty(server.Query($"SELECT 1 FROM auth_user_groups WHERE user_id = {user.Id} UNION ALL SELECT 1 FROM auth_user_user_permissions WHERE user_id = {user.Id}"));
    }

    [Fact]
    public async Task A_username_another_user_has_is_an_error_on_the_change_page()
    {
        var user = await CreateUserAsync("duplicate-me");
        using var browser = await server.LoggedInAsync("super");
        var response = await browser.PostAsync($"{Users}{user.Id}/change/", [.. Change("editor", "x@example.com")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_username_error\"><li>A user with that username already exists.</li></ul>", await response.Content.ReadAsStringAsync());
        Assert.Equal("duplicate-me", server.Scalar($"SELECT username FROM auth_user WHERE id = {user.Id}"));
    }

    [Fact]
    public async Task The_password_page_sets_a_password_and_ends_the_users_other_sessions()
    {
        var user = await CreateUserAsync("forgetful", staff: true);
        using var theirs = await server.LoggedInAsync("forgetful");
        using var browser = await server.LoggedInAsync("super");
        var url = $"{Users}{user.Id}/password/";
        Assert.Contains("Enter a new password for the user <strong>forgetful</strong>.", await browser.GetStringAsync(url));

        var mismatch = await browser.PostAsync(url, ("password1", NewPassword), ("password2", "something else entirely"));
        Assert.Contains("The two password fields didn’t match.", await mismatch.Content.ReadAsStringAsync());
        var common = await browser.PostAsync(url, ("password1", "password"), ("password2", "password"));
        Assert.Contains("This password is too common.", await common.Content.ReadAsStringAsync());
        var empty = await browser.PostAsync(url, ("password1", ""));
        Assert.Contains("<ul class=\"errorlist\" id=\"id_password2_error\"><li>This field is required.</li></ul>", await empty.Content.ReadAsStringAsync());
        Assert.NotNull(await WithAuthAsync(auth => auth.AuthenticateAsync("forgetful", AdminServer.Password)));

        var response = await browser.PostAsync(url, ("password1", NewPassword), ("password2", NewPassword));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"{Users}{user.Id}/change/", response.Headers.Location!.OriginalString);
        Assert.Contains("Password changed successfully.", await browser.GetStringAsync($"{Users}{user.Id}/change/"));
        Assert.NotNull(await WithAuthAsync(auth => auth.AuthenticateAsync("forgetful", NewPassword)));
        Assert.Null(await WithAuthAsync(auth => auth.AuthenticateAsync("forgetful", AdminServer.Password)));
        Assert.Contains("[\"password\"]", server.Scalar($"SELECT change_message FROM django_admin_log WHERE object_id = '{user.Id}' AND app_label = 'auth' ORDER BY id DESC LIMIT 1"));

        // Their session was made with the old password: it is over.
        Assert.Equal(HttpStatusCode.Found, (await theirs.GetAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task A_staff_member_who_changes_their_own_password_stays_logged_in()
    {
        var me = await CreateUserAsync("self-changer", staff: true, "auth.view_user", "auth.change_user");
        using var browser = await server.LoggedInAsync("self-changer");

        var response = await browser.PostAsync($"{Users}{me.Id}/password/", ("password1", NewPassword), ("password2", NewPassword));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task Staff_change_their_own_password_from_the_header_with_the_old_one()
    {
        await CreateUserAsync("own-password", staff: true);
        using var anonymous = server.NewBrowser();
        var away = await anonymous.GetAsync("/admin/password_change/");
        Assert.Equal("/admin/login/?next=/admin/password_change/", away.Headers.Location!.OriginalString);

        using var browser = await server.LoggedInAsync("own-password");
        Assert.Contains("<a href=\"/admin/password_change/\">Change password</a>", await browser.GetStringAsync("/admin/"));
        Assert.Contains("Please enter your old password", await browser.GetStringAsync("/admin/password_change/"));

        var wrong = await browser.PostAsync("/admin/password_change/", ("old_password", "not it"), ("new_password1", NewPassword), ("new_password2", NewPassword));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("<ul class=\"errorlist\" id=\"id_old_password_error\"><li>Your old password was entered incorrectly. Please enter it again.</li></ul>", await wrong.Content.ReadAsStringAsync());
        var weak = await browser.PostAsync("/admin/password_change/", ("old_password", AdminServer.Password), ("new_password1", "12345678"), ("new_password2", "12345678"));
        Assert.Contains("This password is too common.", await weak.Content.ReadAsStringAsync());
        Assert.NotNull(await WithAuthAsync(auth => auth.AuthenticateAsync("own-password", AdminServer.Password)));

        var changed = await browser.PostAsync("/admin/password_change/", ("old_password", AdminServer.Password), ("new_password1", NewPassword), ("new_password2", NewPassword));

        Assert.Equal(HttpStatusCode.Found, changed.StatusCode);
        Assert.Equal("/admin/password_change/done/", changed.Headers.Location!.OriginalString);
        Assert.Contains("Your password was changed.", await browser.GetStringAsync("/admin/password_change/done/"));
        Assert.NotNull(await WithAuthAsync(auth => auth.AuthenticateAsync("own-password", NewPassword)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/")).StatusCode);
    }

    [Fact]
    public async Task The_auth_permissions_govern_the_user_pages()
    {
        var viewer = await CreateUserAsync("user-viewer", staff: true, "auth.view_user");
        var target = await CreateUserAsync("viewed");
        var group = await WithAuthAsync(auth => auth.GetOrCreateGroupAsync("viewed group"));
        await WithAuthAsync(async auth =>
        {
            await auth.AddToGroupAsync(target, group);
            return 0;
        });
        using var browser = await server.LoggedInAsync("user-viewer");

        Assert.Contains(">viewed<", await browser.GetStringAsync(Users + "?q=viewed"));
        var page = await browser.GetStringAsync($"{Users}{target.Id}/change/");
        Assert.Contains("View user", page);
        Assert.DoesNotContain("<form method=\"post\" id=\"user_form\"", page);
        Assert.DoesNotContain($"{Users}{target.Id}/password/", page);
        Assert.Contains("viewed group", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync($"{Users}{target.Id}/change/", [.. Change("viewed", "hacked@example.com", ("is_superuser", "on"))])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"{Users}{target.Id}/password/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync($"{Users}{viewer.Id}/password/", ("password1", NewPassword), ("password2", NewPassword))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Users + "add/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Groups)).StatusCode);
        Assert.Equal("viewed@example.com|0", server.Scalar($"SELECT email, is_superuser FROM auth_user WHERE id = {target.Id}"));
    }

    [Fact]
    public async Task The_user_list_filters_and_searches()
    {
        await CreateUserAsync("listed-staff", staff: true);
        using var browser = await server.LoggedInAsync("super");
        var staff = AdminServer.RowTitles(await browser.GetStringAsync(Users + "?is_staff__exact=1"));
        Assert.Contains("listed-staff", staff);
        Assert.DoesNotContain("member", staff);
        Assert.Equal(["listed-staff"], AdminServer.RowTitles(await browser.GetStringAsync(Users + "?q=listed-staff%40example")));
        var all = AdminServer.RowTitles(await browser.GetStringAsync(Users));
        Assert.Equal(all.Order(StringComparer.Ordinal), all);

        // By group, as Django's UserAdmin: the members of the group chosen.
        var member = await CreateUserAsync("in-the-band");
        var group = await WithAuthAsync(auth => auth.GetOrCreateGroupAsync("the band"));
        await WithAuthAsync(async auth =>
        {
            await auth.AddToGroupAsync(member, group);
            return 0;
        });
        var page = await browser.GetStringAsync(Users);
        Assert.Contains($"<a href=\"?groups__id__exact={group.Id}\">the band</a>", page);
        Assert.Equal(["in-the-band"], AdminServer.RowTitles(await browser.GetStringAsync($"{Users}?groups__id__exact={group.Id}")));
        Assert.Equal(["in-the-band"], AdminServer.RowTitles(await browser.GetStringAsync($"{Users}?groups__id__exact={group.Id}&q=band")));
        Assert.Empty(AdminServer.RowTitles(await browser.GetStringAsync($"{Users}?groups__id__exact={group.Id}&q=super")));
        foreach (var hostile in new[] { "abc", "-1", "1%20OR%201=1", "99999999999999999999" })
        {
            var response = await browser.GetAsync($"{Users}?groups__id__exact={hostile}");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal($"{Users}?e=1", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Groups_are_added_with_their_permissions_and_their_names_are_unique()
    {
        using var browser = await server.LoggedInAsync("super");
        var change = PermissionId("newsroom", "change_article");
        var view = PermissionId("newsroom", "view_article");

        var response = await browser.PostAsync(Groups + "add/", ("name", "reviewers"), ("permissions", change), ("permissions", view), ("permissions", view));

        Assert.True(response.StatusCode == HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        var id = server.Scalar("SELECT id FROM auth_group WHERE name = 'reviewers'");
        Assert.Equal(new[] { change, view }.Order(), server.Query($"SELECT permission_id FROM auth_group_permissions WHERE group_id = {id}").Order());

        var duplicate = await browser.PostAsync(Groups + "add/", ("name", "reviewers"), ("permissions", view));
        Assert.Contains("Group with this Name already exists.", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal("1", server.Scalar("SELECT COUNT(*) FROM auth_group WHERE name = 'reviewers'"));

        // A member of the group has its permissions.
        var member = await CreateUserAsync("group-member", staff: true);
        var group = await WithAuthAsync(auth => auth.GetOrCreateGroupAsync("reviewers"));
        await WithAuthAsync(async auth =>
        {
            await auth.AddToGroupAsync(member, group);
            return 0;
        });
        using var memberBrowser = await server.LoggedInAsync("group-member");
        Assert.Equal(HttpStatusCode.OK, (await memberBrowser.GetAsync("/admin/newsroom/article/")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_user_takes_their_links_along_even_when_it_is_oneself()
    {
        var doomed = await CreateUserAsync("doomed", staff: true, "newsroom.view_article");
        var group = await WithAuthAsync(auth => auth.GetOrCreateGroupAsync("doomed group"));
        await WithAuthAsync(async auth =>
        {
            await auth.AddToGroupAsync(doomed, group);
            return 0;
        });
        using var browser = await server.LoggedInAsync("super");
        Assert.Equal(HttpStatusCode.Found, (await browser.PostAsync($"{Users}{doomed.Id}/delete/", ("post", "yes"))).StatusCode);
        Assert.Equal("0|0|0", server.Scalar(
            $"SELECT (SELECT COUNT(*) FROM auth_user WHERE id = {doomed.Id}), (SELECT COUNT(*) FROM auth_user_groups WHERE user_id = {doomed.Id}), (SELECT COUNT(*) FROM auth_user_user_permissions WHERE user_id = {doomed.Id})"));

        var self = await CreateUserAsync("self-deleter", staff: true, "auth.view_user", "auth.delete_user");
        using var own = await server.LoggedInAsync("self-deleter");
        var response = await own.PostAsync($"{Users}{self.Id}/delete/", ("post", "yes"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("0", server.Scalar($"SELECT COUNT(*) FROM auth_user WHERE id = {self.Id}"));
        Assert.Equal(HttpStatusCode.Found, (await own.GetAsync("/admin/")).StatusCode);
    }
}

/// <summary>An app label that would share Micro's own (its users' admin pages and permissions) or that isn't one is a clear error at start-up.</summary>
public sealed class AppLabelTests
{
    [Theory]
    [InlineData("auth", "Micro:AppLabel is 'auth', which is Micro's own app label (its users, sessions or admin log): the app's permissions and admin pages would be taken for Micro's. Set Micro:AppLabel to another label, such as 'blog'.")]
    [InlineData("sessions", "Micro:AppLabel is 'sessions', which is Micro's own app label")]
    [InlineData("news.room", "Micro:AppLabel is 'news.room', which isn't an app label: use ASCII letters, digits and '_', such as 'blog'.")]
    [InlineData("news room", "Micro:AppLabel is 'news room', which isn't an app label")]
    [InlineData("news/room", "Micro:AppLabel is 'news/room', which isn't an app label")]
    public void A_label_that_is_Micros_own_or_not_a_label_stops_the_app_with_what_to_do(string label, string message)
    {
        var builder = MicroApp.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--ConnectionStrings:Default", "Data Source=:memory:", "--Micro:AppLabel", label],
            typeof(AdminApp.Article).Assembly);
        builder.Logging.ClearProviders();

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
