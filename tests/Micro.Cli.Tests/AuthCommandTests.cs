using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Micro.Cli.Tests;

/// <summary>
/// Micro's migrations and its user and session commands as real processes of the sample app (<c>dotnet sample-app.dll ...</c>),
/// each test over a new SQLite file; questions are answered through redirected standard input.
/// </summary>
public sealed class AuthCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("micro-cli-auth-").FullName;

    private string Database => Path.Combine(_directory, "app.db");

    [Fact]
    public async Task Migrate_applies_Micros_migrations_first_and_showmigrations_lists_each_app_label()
    {
        var before = await RunAsync(["showmigrations"]);
        var migrate = await RunAsync(["migrate"]);
        var after = await RunAsync(["showmigrations"]);
        var again = await RunAsync(["migrate"]);

        // The sample app registers its models with the admin, so the admin's history table comes along.
        Assert.Equal("auth\n [ ] 0001_initial\nsessions\n [ ] 0001_initial\nadmin\n [ ] 0001_initial\nblog\n [ ] 0001_initial\n [ ] 0002_post_published_created\n [ ] 0003_photos\n [ ] 0004_photo_sizes\n", before.Output);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains(
            "Running migrations:\n  Applying auth.0001_initial... OK\n  Applying sessions.0001_initial... OK\n  Applying admin.0001_initial... OK\n  Applying 0001_initial... OK\n  Applying 0002_post_published_created... OK\n  Applying 0003_photos... OK\n  Applying 0004_photo_sizes... OK\n",
            migrate.Output);
        Assert.Equal("auth\n [X] 0001_initial\nsessions\n [X] 0001_initial\nadmin\n [X] 0001_initial\nblog\n [X] 0001_initial\n [X] 0002_post_published_created\n [X] 0003_photos\n [X] 0004_photo_sizes\n", after.Output);
        Assert.Contains("No migrations to apply.", again.Output);
        Assert.Equal(
            ["auth.0001_initial", "sessions.0001_initial", "admin.0001_initial", "0001_initial", "0002_post_published_created", "0003_photos", "0004_photo_sizes"],
            Query("SELECT name FROM __micro_migrations ORDER BY rowid"));
        Assert.Equal(
            [
                "blog.add_author", "blog.add_blogpost", "blog.add_photo", "blog.change_author", "blog.change_blogpost", "blog.change_photo",
                "blog.delete_author", "blog.delete_blogpost", "blog.delete_photo", "blog.view_author", "blog.view_blogpost", "blog.view_photo",
            ],
            Query("SELECT app_label || '.' || codename FROM auth_permission WHERE app_label = 'blog' ORDER BY codename"));
    }

    [Fact]
    public async Task Sqlmigrate_shows_Micros_migrations_by_label()
    {
        var spaced = await RunAsync(["sqlmigrate", "auth", "0001"]);
        var dotted = await RunAsync(["sqlmigrate", "sessions.0001_initial"]);
        var app = await RunAsync(["sqlmigrate", "0001"]);
        var unknown = await RunAsync(["sqlmigrate", "nope", "0001"]);

        Assert.Equal(0, spaced.ExitCode);
        Assert.StartsWith("BEGIN;\n\nCREATE TABLE \"auth_user\" (", spaced.Output);
        Assert.Contains("CREATE TABLE \"micro_session\"", dotted.Output);
        Assert.Contains("CREATE TABLE \"Authors\"", app.Output);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No app labelled 'nope'. The labels are: auth, sessions, admin, blog.", unknown.Output);
    }

    [Fact]
    public async Task Createsuperuser_noinput_takes_the_password_from_the_environment()
    {
        await RunAsync(["migrate"]);

        var created = await RunAsync(["createsuperuser", "--noinput", "--username", "admin", "--email", "Admin@Example.COM"],
            environment: new() { ["MICRO_SUPERUSER_PASSWORD"] = "a perfectly fine passphrase" });
        var taken = await RunAsync(["createsuperuser", "--noinput", "--username", "admin"],
            environment: new() { ["MICRO_SUPERUSER_PASSWORD"] = "a perfectly fine passphrase" });
        var weak = await RunAsync(["createsuperuser", "--noinput", "--username", "weakling"], environment: new() { ["MICRO_SUPERUSER_PASSWORD"] = "weakling1" });
        var noUsername = await RunAsync(["createsuperuser", "--noinput"]);
        var unusable = await RunAsync(["createsuperuser", "--noinput", "--username", "nopassword"]);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("Superuser 'admin' created successfully.\n", created.Output);
        var row = Query("SELECT username, email, is_staff, is_superuser, is_active, substr(password, 1, 22) FROM auth_user WHERE username = 'admin'").Single();
        Assert.Equal("admin|Admin@example.com|1|1|1|pbkdf2_sha256$1500000$", row);
        Assert.Equal(1, taken.ExitCode);
        Assert.Equal("error: That username is already taken.\n", taken.Error);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("The password in MICRO_SUPERUSER_PASSWORD was refused:\n  The password is too similar to the username.", weak.Error);
        Assert.Empty(Query("SELECT 1 FROM auth_user WHERE username = 'weakling'"));
        Assert.Equal(2, noUsername.ExitCode);
        Assert.Contains("--username is required with --noinput.", noUsername.Error);
        Assert.Equal(0, unusable.ExitCode);
        Assert.StartsWith("!", Query("SELECT password FROM auth_user WHERE username = 'nopassword'").Single());
    }

    [Fact]
    public async Task Createsuperuser_asks_its_questions_on_standard_input()
    {
        await RunAsync(["migrate"]);
        await RunAsync(["createsuperuser", "--noinput", "--username", "taken"]);

        // A taken name, then a good one; an email; mismatched passwords, then a common one refused, then a good one.
        var result = await RunAsync(["createsuperuser"],
            input: "taken\ngrace\ngrace@example.com\nfirst\nsecond\npassword\npassword\nN\nanother fine passphrase\nanother fine passphrase\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Error: That username is already taken.", result.Error);
        Assert.Contains("Error: Your passwords didn't match.", result.Error);
        Assert.Contains("This password is too common.", result.Error);
        Assert.Contains("Email address: ", result.Output);
        Assert.Contains("Password (again): ", result.Output);
        Assert.EndsWith("Superuser 'grace' created successfully.\n", result.Output);
        Assert.Equal(["grace|grace@example.com|1"], Query("SELECT username, email, is_superuser FROM auth_user WHERE username = 'grace'"));

        // Input that ends before the questions do is an error, not a hang.
        var cut = await RunAsync(["createsuperuser"], input: "someone\n");
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("Standard input ended", cut.Error);
    }

    [Fact]
    public async Task Changepassword_sets_a_validated_password_and_gives_up_after_three_tries()
    {
        await RunAsync(["migrate"]);
        await RunAsync(["createsuperuser", "--noinput", "--username", "ada"], environment: new() { ["MICRO_SUPERUSER_PASSWORD"] = "the first passphrase" });
        var before = Query("SELECT password FROM auth_user WHERE username = 'ada'").Single();

        var changed = await RunAsync(["changepassword", "ada"], input: "mismatch\nother\nthe second passphrase\nthe second passphrase\n");
        var failed = await RunAsync(["changepassword", "ada"], input: "1234\n1234\nabc\nabd\nada\nada\n");
        var missing = await RunAsync(["changepassword", "nobody"]);

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.StartsWith("Changing password for user 'ada'\n", changed.Output);
        Assert.Contains("Passwords do not match. Please try again.", changed.Error);
        Assert.EndsWith("Password changed successfully for user 'ada'\n", changed.Output);
        var after = Query("SELECT password FROM auth_user WHERE username = 'ada'").Single();
        Assert.NotEqual(before, after);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("Aborting password change for user 'ada' after 3 attempts", failed.Error);
        Assert.Equal(after, Query("SELECT password FROM auth_user WHERE username = 'ada'").Single());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("user 'nobody' does not exist", missing.Error);
    }

    [Fact]
    public async Task Clearsessions_deletes_the_expired_sessions_only()
    {
        await RunAsync(["migrate"]);
        Execute("""
            INSERT INTO micro_session (session_key, session_data, expire_date) VALUES
              ('expiredexpiredexpiredexpired0001', '{}', '2001-01-01 00:00:00'),
              ('expiredexpiredexpiredexpired0002', '{}', '2020-06-01 12:30:00.5'),
              ('currentcurrentcurrentcurrent0003', '{}', '2999-01-01 00:00:00')
            """);

        var result = await RunAsync(["clearsessions"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Deleted 2 expired sessions.\n", result.Output);
        Assert.Equal(["currentcurrentcurrentcurrent0003"], Query("SELECT session_key FROM micro_session"));
    }

    [Fact]
    public async Task Flush_asks_first_then_empties_every_table_but_the_migrations_and_makes_the_permissions_again()
    {
        await RunAsync(["migrate"]);
        await RunAsync(["loaddata", "welcome"]);
        await RunAsync(["createsuperuser", "--noinput", "--username", "ada"], environment: new() { ["MICRO_SUPERUSER_PASSWORD"] = "a long passphrase 2026" });
        Execute("INSERT INTO micro_session (session_key, session_data, expire_date) VALUES ('keptkeptkeptkeptkeptkeptkept0001', '{}', '2099-01-01 00:00:00')");
        string[] counts = ["SELECT 'authors', COUNT(*) FROM Authors", "SELECT 'posts', COUNT(*) FROM BlogPosts", "SELECT 'users', COUNT(*) FROM auth_user", "SELECT 'sessions', COUNT(*) FROM micro_session", "SELECT 'migrations', COUNT(*) FROM __micro_migrations"];
        var before = Query(string.Join(" UNION ALL ", counts));
        Assert.Equal(["authors|1", "posts|1", "users|1", "sessions|1", "migrations|7"], before);

        // Anything but "yes" cancels; so does standard input that ends (an error: nothing was answered).
        var declined = await RunAsync(["flush"], input: "y\n");
        Assert.Equal(0, declined.ExitCode);
        Assert.Contains("This deletes every row of SQLite (" + Database + ")", declined.Output);
        Assert.EndsWith("Type 'yes' to flush the database, anything else to cancel: Flush cancelled.\n", declined.Output);
        var unanswered = await RunAsync(["flush"]);
        Assert.Equal(1, unanswered.ExitCode);
        Assert.Contains("Standard input ended before an answer, so nothing was deleted; use --noinput to flush without asking.", unanswered.Error);
        Assert.Equal(before, Query(string.Join(" UNION ALL ", counts)));

        var flushed = await RunAsync(["flush"], input: "yes\n");
        Assert.True(flushed.ExitCode == 0, flushed.Output + flushed.Error);
        Assert.EndsWith($"Flushed 11 table(s) of SQLite ({Database}).\n", flushed.Output);
        Assert.Equal(["authors|0", "posts|0", "users|0", "sessions|0", "migrations|7"], Query(string.Join(" UNION ALL ", counts)));
        // The default permissions are made again, their keys from 1, as are a new user's.
        Assert.Equal(["1|28"], Query("SELECT MIN(id), COUNT(*) FROM auth_permission"));
        await RunAsync(["createsuperuser", "--noinput", "--username", "grace"], environment: new() { ["MICRO_SUPERUSER_PASSWORD"] = "a long passphrase 2026" });
        Assert.Equal(["1|grace"], Query("SELECT id, username FROM auth_user"));

        var again = await RunAsync(["flush", "--noinput"]);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(["users|0"], Query("SELECT 'users', COUNT(*) FROM auth_user"));
    }

    [Fact]
    public async Task Users_dumped_and_flushed_load_back_from_standard_input_and_log_in_again()
    {
        await RunAsync(["migrate"]);
        await RunAsync(["createsuperuser", "--noinput", "--username", "ada"], environment: new() { ["MICRO_SUPERUSER_PASSWORD"] = "a long passphrase 2026" });
        var users = await RunAsync(["dumpdata", "auth.user", "--natural-foreign"]);
        Assert.Equal(0, users.ExitCode);
        Assert.Contains("\"username\":\"ada\"", users.Output);

        await RunAsync(["flush", "--noinput"]);
        var loaded = await RunAsync(["loaddata", "-"], input: users.Output);
        Assert.True(loaded.ExitCode == 0, loaded.Output + loaded.Error);
        Assert.Equal("Installed 1 object(s) from 1 fixture(s)\n", loaded.Output);
        Assert.Equal(["ada|1|1"], Query("SELECT username, is_superuser, is_staff FROM auth_user"));
        // The loaded row is a user as any other: changepassword finds it and saves a new password.
        var changed = await RunAsync(["changepassword", "ada"], input: "another long passphrase\nanother long passphrase\n");
        Assert.True(changed.ExitCode == 0, changed.Output + changed.Error);

        var broken = await RunAsync(["loaddata", "-"], input: "[{\"model\": \"auth.user\", \"pk\": 1,");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("stdin, line 1: not valid JSON (", broken.Error);
    }

    [Fact]
    public async Task Sqlflush_prints_the_statements_and_a_database_without_tables_has_nothing_to_flush()
    {
        var empty = await RunAsync(["flush", "--noinput"]);
        Assert.Equal(0, empty.ExitCode);
        Assert.Equal($"Nothing to flush: SQLite ({Database}) has none of the app's tables yet (the migrate command makes them).\n", empty.Output);

        await RunAsync(["migrate"]);
        var sql = await RunAsync(["sqlflush"]);
        Assert.Equal(0, sql.ExitCode);
        Assert.StartsWith("BEGIN;\nPRAGMA defer_foreign_keys = ON;\nDELETE FROM \"Authors\";\nDELETE FROM \"BlogPosts\";\n", sql.Output);
        Assert.Contains("DELETE FROM \"auth_user\";\n", sql.Output);
        Assert.Contains("DELETE FROM \"micro_session\";\n", sql.Output);
        Assert.DoesNotContain("__micro_migrations", sql.Output);
        Assert.EndsWith("WHERE \"name\" IN ('Authors', 'BlogPosts', 'Photos', 'auth_group', 'auth_group_permissions', 'auth_permission', 'auth_user', 'auth_user_groups', 'auth_user_user_permissions', 'django_admin_log', 'micro_session');\nCOMMIT;\n", sql.Output);
    }

    private async Task<CommandResult> RunAsync(string[] args, string? input = null, Dictionary<string, string>? environment = null)
    {
        var start = SampleAppProcess.StartInfo([.. args, "--ConnectionStrings:Default=Data Source=" + Database]);
        start.RedirectStandardInput = true;
        start.Environment.Remove("MICRO_SUPERUSER_PASSWORD");
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(input ?? "");
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return new CommandResult(process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal), (await error).Replace("\r\n", "\n", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private List<string> Query(string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + Database);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        }

        return rows;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + Database);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
