using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>
/// Django's fixtures: <c>dumpdata</c> and <c>loaddata</c> run as processes of a real app (every column type a model may have, a
/// reference between two models), over a SQLite file and a PostgreSQL database: a fixture loads, dumps back the same, updates rows
/// it names again, and a wrong one says what and where and loads nothing.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FixtureTests(FixtureTests.App app) : IClassFixture<FixtureTests.App>
{
    /// <summary>Two shelves and a book on the second: every kind of value a column holds, written as dumpdata writes it.</summary>
    private const string Library = """
        [
          {"model": "app.shelf", "pk": 5, "fields": {"name": "Fiction", "note": null}},
          {"model": "app.shelf", "pk": 9, "fields": {"name": "Poetry \"& more\"", "note": "top row"}},
          {"model": "app.book", "pk": 3, "fields": {
            "title": "Leaves of Grass", "in_print": true, "edition": 7, "pages": 312, "copies": 9000000000, "weight": 0.5, "score": 4.25,
            "price": "12.5", "discount": null, "added_at": "2026-12-07T10:30:00.0000000Z", "checked_at": "2026-12-07T10:30:00.0000000+00:00",
            "published": "1855-07-04", "opens": "09:30:15", "loan": "14.00:00:00", "code": "6f9619ff-8b86-d011-b42d-00cf4fc964ff",
            "cover": "AAEC/w==", "mood": 2, "shelf_id": 9}}
        ]
        """;

    [Fact]
    public async Task A_fixture_loads_and_dumps_back_the_same_on_sqlite()
    {
        await app.ResetSqliteAsync();

        Assert.Contains("Installed 3 object(s) from 1 fixture(s)", await app.Temp.RunAsync(0, "loaddata", app.Write("library.json", Library)));

        Assert.Equal(["5|Fiction|", "9|Poetry \"& more\"|top row"], app.Temp.Query("SELECT \"Id\", \"Name\", \"Note\" FROM \"Shelfs\" ORDER BY \"Id\""));
        Assert.Equal(["3|Leaves of Grass|9|12.5"], app.Temp.Query("SELECT \"Id\", \"Title\", \"ShelfId\", \"Price\" FROM \"Books\""));
        // SQLite keeps a DateTime as text without its kind: it comes back as written, without the "Z".
        AssertSameJson(Library.Replace("10:30:00.0000000Z", "10:30:00.0000000", StringComparison.Ordinal), await app.DumpAsync(onPostgres: false, "app"));
    }

    [Fact]
    public async Task A_fixture_loads_and_dumps_back_the_same_on_postgresql_and_new_rows_get_keys_after_the_loaded_ones()
    {
        await app.Temp.RunOnPostgresAsync(0, "migrate");

        Assert.Contains("Installed 3 object(s) from 1 fixture(s)", await app.Temp.RunOnPostgresAsync(0, "loaddata", app.Write("library.json", Library)));

        AssertSameJson(Library, await app.DumpAsync(onPostgres: true, "app"));
        // The identity's sequence continues after the largest key loaded.
        app.Temp.PostgresExecute("INSERT INTO \"Shelfs\" (\"Name\") VALUES ('New')");
        Assert.Equal(["5", "9", "10"], app.Temp.PostgresQuery("SELECT \"Id\" FROM \"Shelfs\" ORDER BY \"Id\""));

        // PostgreSQL checks a reference as its row is saved: the error names the object, and the load before it is undone.
        var refused = await app.Temp.RunOnPostgresAsync(1, "loaddata", app.Write("orphan.json", "[{\"model\": \"app.shelf\", \"pk\": 5, \"fields\": {\"name\": \"Renamed\", \"note\": null}}, " + Book + "]"));
        Assert.Contains("orphan.json, object 2 (app.book, pk 4): the database refused the row: 23503: insert or update on table \"Books\" violates foreign key constraint", refused);
        Assert.Contains("Nothing was loaded.", refused);
        Assert.Equal(["5|Fiction"], app.Temp.PostgresQuery("SELECT \"Id\", \"Name\" FROM \"Shelfs\" WHERE \"Id\" = 5"));
    }

    [Fact]
    public async Task Loading_again_updates_the_rows_named_and_a_row_without_a_key_is_added()
    {
        await app.ResetSqliteAsync();
        await app.Temp.RunAsync(0, "loaddata", app.Write("library.json", Library));

        var again = """
            [{"model": "app.shelf", "pk": 5, "fields": {"name": "Novels", "note": "renamed"}},
             {"model": "app.shelf", "fields": {"name": "Added", "note": null}}]
            """;
        Assert.Contains("Installed 2 object(s) from 1 fixture(s)", await app.Temp.RunAsync(0, "loaddata", app.Write("again", again)[..^".json".Length]));

        Assert.Equal(["5|Novels|renamed", "9|Poetry \"& more\"|top row", "10|Added|"], app.Temp.Query("SELECT \"Id\", \"Name\", \"Note\" FROM \"Shelfs\" ORDER BY \"Id\""));
    }

    [Fact]
    public async Task Dumpdata_writes_the_models_asked_for_and_refuses_unknown_ones()
    {
        await app.ResetSqliteAsync();
        await app.Temp.RunAsync(0, "loaddata", app.Write("library.json", Library));

        var shelves = JsonNode.Parse(await app.DumpAsync(onPostgres: false, "app.Shelf"))!.AsArray();
        Assert.Equal(["app.shelf", "app.shelf"], shelves.Select(static o => (string)o!["model"]!));
        var books = JsonNode.Parse(await app.DumpAsync(onPostgres: false, "app", "--exclude", "app.shelf"))!.AsArray();
        Assert.Equal(["app.book"], books.Select(static o => (string)o!["model"]!));

        // Without --output, the fixture is standard output, on one line.
        var printed = await app.Temp.RunAsync(0, "dumpdata", "app.shelf");
        Assert.Equal(2, JsonNode.Parse(printed)!.AsArray().Count);

        var unknown = await app.Temp.RunAsync(2, "dumpdata", "app.shelves");
        Assert.Contains("No model or app label 'app.shelves'. The app label is app; its models are: app.book, app.shelf, app.tag.", unknown);

        // A dump that fails (a database without the tables) leaves the file it would have replaced as it was, and nothing beside it.
        var kept = app.Write("kept.json", "[]");
        app.Temp.DeleteDatabase();
        var failed = await app.Temp.RunAsync(1, "dumpdata", "--output", kept);
        Assert.Contains("no such table", failed);
        Assert.Equal("[]", await File.ReadAllTextAsync(kept));
        Assert.Empty(Directory.GetFiles(app.Temp.ProjectDirectory, "*.partial"));
    }

    [Fact]
    public async Task A_field_a_fixture_leaves_out_takes_the_value_a_new_instance_has()
    {
        // Django fills a missing field from its default; a Micro model's default is what its constructor sets (the initializers).
        await app.ResetSqliteAsync();
        var before = DateTime.UtcNow.AddSeconds(-1);
        var tags = """
            [{"model": "app.tag", "pk": 1, "fields": {"slug": "news"}},
             {"model": "app.tag", "pk": 2, "fields": {"slug": "old", "colour": "grey", "active": false, "weight": 0, "note": "kept"}},
             {"model": "app.shelf", "pk": 1, "fields": {"name": "No note"}}]
            """;

        Assert.Contains("Installed 3 object(s) from 1 fixture(s)", await app.Temp.RunAsync(0, "loaddata", app.Write("tags.json", tags)));

        Assert.Equal(["1|news|red|1|5|", "2|old|grey|0|0|kept"], app.Temp.Query("SELECT \"Id\", \"Slug\", \"Colour\", \"Active\", \"Weight\", \"Note\" FROM \"Tags\" ORDER BY \"Id\""));
        Assert.Equal(["1|No note|"], app.Temp.Query("SELECT \"Id\", \"Name\", \"Note\" FROM \"Shelfs\""));
        var created = JsonNode.Parse(await app.DumpAsync(onPostgres: false, "app.tag"))!.AsArray()[0]!["fields"]!["created"]!.GetValue<string>();
        Assert.InRange(DateTime.Parse(created, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind), before, DateTime.UtcNow.AddSeconds(1));

        // A user of Micro's takes its defaults too: active, not staff, joined now.
        var user = """[{"model": "auth.user", "pk": 4, "fields": {"username": "grace", "password": "!"}}]""";
        Assert.Contains("Installed 1 object(s) from 1 fixture(s)", await app.Temp.RunAsync(0, "loaddata", app.Write("grace.json", user)));
        Assert.Equal(["grace|1|0|0|"], app.Temp.Query("SELECT username, is_active, is_staff, is_superuser, email FROM auth_user"));
    }

    public static TheoryData<string, string, string> Broken => new()
    {
        { "not JSON", "[{\"model\": \"app.shelf\",\n \"pk\": 1 \"fields\": {}}]", "broken.json, line 2: not valid JSON (" },
        { "not an array", "{\"model\": \"app.shelf\"}", "broken.json: a fixture is a JSON array of objects" },
        { "an unknown model", "[{\"model\": \"app.shelves\", \"pk\": 1, \"fields\": {}}]", "broken.json, object 1: no model 'app.shelves'. The models are: app.book, app.shelf, app.tag; Micro's: auth.permission, auth.group, auth.user, sessions.session, admin.logentry." },
        { "an unknown field", "[{\"model\": \"app.shelf\", \"pk\": 1, \"fields\": {\"name\": \"A\", \"note\": null, \"colour\": \"red\"}}]", "broken.json, object 1 (app.shelf, pk 1): app.shelf has no field 'colour'. Its fields are: name, note." },
        { "a missing field with no default", "[{\"model\": \"app.tag\", \"pk\": 1, \"fields\": {\"colour\": \"blue\"}}]", "broken.json, object 1 (app.tag, pk 1): no value for 'slug', and it has no default: a new Tag leaves it null, which its column can't hold." },
        { "text for a number", "[{\"model\": \"app.shelf\", \"pk\": \"one\", \"fields\": {\"name\": \"A\", \"note\": null}}]", "broken.json, object 1 (app.shelf, pk \"one\"), field 'pk': expected a whole number from -2147483648 to 2147483647, got \"one\"." },
        { "null where a value is needed", "[{\"model\": \"app.shelf\", \"pk\": 1, \"fields\": {\"name\": null, \"note\": null}}]", "broken.json, object 1 (app.shelf, pk 1), field 'name': expected text, got null." },
        { "a name too long", "[{\"model\": \"app.shelf\", \"pk\": 1, \"fields\": {\"name\": \"" + new string('x', 51) + "\", \"note\": null}}]", "broken.json, object 1 (app.shelf, pk 1): Shelf.Name holds at most 50 characters; the value has 51." },
        { "groups that aren't a list", "[" + Ada.Replace("GROUPS", "\"editors\"", StringComparison.Ordinal) + "]", "broken.json, object 1 (auth.user, pk 7), field 'groups': expected a list of auth.group keys (each a number, or a natural key: [\"name\"]), got \"editors\"." },
        { "a natural key of two parts", "[" + Ada.Replace("GROUPS", "[[\"editors\", \"x\"]]", StringComparison.Ordinal) + "]", "broken.json, object 1 (auth.user, pk 7), field 'groups': expected a list of auth.group keys (each a number, or a natural key: [\"name\"]), got [\"editors\", \"x\"] in it." },
        { "an unknown field of a user", "[" + Ada.Replace("\"groups\": GROUPS", "\"teams\": []", StringComparison.Ordinal) + "]", "broken.json, object 1 (auth.user, pk 7): auth.user has no field 'teams'. Its fields are: password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined, groups, user_permissions." },
        { "a natural key naming nothing", "[{\"model\": \"auth.group\", \"pk\": 3, \"fields\": {\"name\": \"editors\", \"permissions\": [[\"fly_book\", \"app\", \"book\"]]}}]", "broken.json, object 1 (auth.group, pk 3), field 'permissions': no auth.permission has the natural key [\"fly_book\", \"app\", \"book\"]." },
        { "a link to no row", "[" + Ada.Replace("GROUPS", "[99]", StringComparison.Ordinal) + "]", "The fixtures' references don't all point to rows: auth.user pk 7, field 'groups', names 99, which is no auth.group." },
        { "a reference to no row", "[{\"model\": \"app.shelf\", \"pk\": 1, \"fields\": {\"name\": \"A\", \"note\": null}}, " + Book + "]", "The fixtures' references don't all point to rows: app.book pk 4 refers to a app.shelf that doesn't exist." },
    };

    /// <summary>A user in a group (GROUPS, replaced) with a permission of its own by its natural key.</summary>
    private const string Ada = """
        {"model": "auth.user", "pk": 7, "fields": {"password": "!", "last_login": null, "is_superuser": false, "username": "ada", "first_name": "Ada",
          "last_name": "Lovelace", "email": "ada@example.com", "is_staff": true, "is_active": true, "date_joined": "2026-12-07T10:00:00.0000000Z",
          "groups": GROUPS, "user_permissions": [["view_shelf", "app", "shelf"]]}}
        """;

    /// <summary>Ada before her group, whose permissions are named by their natural keys.</summary>
    private static readonly string s_people = "[" + Ada.Replace("GROUPS", "[3]", StringComparison.Ordinal) + """
        , {"model": "auth.group", "pk": 3, "fields": {"name": "editors", "permissions": [["add_book", "app", "book"], ["change_book", "app", "book"]]}}]
        """;

    [Fact]
    public async Task Users_and_groups_load_with_their_links_and_dump_back_by_key_or_by_natural_key_on_sqlite()
    {
        await app.ResetSqliteAsync();

        Assert.Contains("Installed 2 object(s) from 1 fixture(s)", await app.Temp.RunAsync(0, "loaddata", app.Write("people.json", s_people)));

        Assert.Equal(["ada|editors"], app.Temp.Query("SELECT u.username, g.name FROM auth_user_groups l JOIN auth_user u ON u.id = l.user_id JOIN auth_group g ON g.id = l.group_id"));
        Assert.Equal(["editors|app.add_book", "editors|app.change_book"], app.Temp.Query("SELECT g.name, p.app_label || '.' || p.codename FROM auth_group_permissions l JOIN auth_group g ON g.id = l.group_id JOIN auth_permission p ON p.id = l.permission_id ORDER BY 2"));
        Assert.Equal(["7|app.view_shelf"], app.Temp.Query("SELECT l.user_id, p.app_label || '.' || p.codename FROM auth_user_user_permissions l JOIN auth_permission p ON p.id = l.permission_id"));

        // With --natural-foreign the links come back as they were written; the group first, as the user refers to it.
        var natural = JsonNode.Parse(await app.DumpAsync(onPostgres: false, "auth.user", "auth.group", "--natural-foreign"))!.AsArray();
        var written = JsonNode.Parse(s_people)!.AsArray();
        written[0]!["fields"]!["groups"] = new JsonArray(new JsonArray("editors"));
        AssertSameJson(new JsonArray(written[1]!.DeepClone(), written[0]!.DeepClone()).ToJsonString(), natural.ToJsonString());
        // Without it, by key.
        var byKey = JsonNode.Parse(await app.DumpAsync(onPostgres: false, "auth"))!.AsArray();
        Assert.Equal(["auth.permission", "auth.group", "auth.user"], byKey.Select(static o => (string)o!["model"]!).Distinct());
        Assert.Equal(app.Temp.Query("SELECT id FROM auth_permission WHERE codename IN ('add_book', 'change_book') ORDER BY id"),
            byKey.Single(static o => (string)o!["model"]! == "auth.group")!["fields"]!["permissions"]!.AsArray().Select(static k => ((int)k!).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("[3]", byKey.Single(static o => (string)o!["model"]! == "auth.user")!["fields"]!["groups"]!.ToJsonString());

        // A link field given replaces the row's links; one left out keeps them.
        var again = """
            [{"model": "auth.user", "pk": 7, "fields": {"password": "!", "last_login": null, "is_superuser": false, "username": "ada", "first_name": "Ada",
              "last_name": "King", "email": "ada@example.com", "is_staff": true, "is_active": true, "date_joined": "2026-12-07T10:00:00.0000000Z", "groups": []}}]
            """;
        await app.Temp.RunAsync(0, "loaddata", app.Write("again.json", again));
        Assert.Equal(["King|0|1"], app.Temp.Query("SELECT last_name, (SELECT COUNT(*) FROM auth_user_groups), (SELECT COUNT(*) FROM auth_user_user_permissions) FROM auth_user"));

        // Every model by default: Micro's whose tables the database has (this app has no admin), then the app's. A session's key is text.
        app.Temp.Execute("INSERT INTO micro_session (session_key, session_data, expire_date) VALUES ('k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1', '{}', '2099-01-01 00:00:00')");
        var all = JsonNode.Parse(await app.DumpAsync(onPostgres: false))!.AsArray();
        Assert.Equal(["auth.permission", "auth.group", "auth.user", "sessions.session"], all.Select(static o => (string)o!["model"]!).Distinct());
        var session = all.Single(static o => (string)o!["model"]! == "sessions.session")!;
        Assert.Equal("""{"model":"sessions.session","pk":"k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1","fields":{"session_data":"{}","expire_date":"2099-01-01T00:00:00.0000000Z"}}""", session.ToJsonString());
        app.Temp.Execute("DELETE FROM micro_session");
        await app.Temp.RunAsync(0, "loaddata", app.Write("session.json", "[" + session.ToJsonString() + "]"));
        Assert.Equal(["k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1|{}"], app.Temp.Query("SELECT session_key, session_data FROM micro_session"));
    }

    [Fact]
    public async Task Loaddata_skips_excluded_models_and_with_ignorenonexistent_what_the_app_no_longer_has()
    {
        await app.ResetSqliteAsync();
        var old = app.Write("old.json", """
            [{"model": "app.shelf", "pk": 1, "fields": {"name": "Kept", "note": null, "colour": "red"}},
             {"model": "app.shelf", "pk": 2, "fields": {"name": "Also kept", "note": null}},
             {"model": "app.magazine", "pk": 1, "fields": {"name": "Gone"}}]
            """);

        // Without -i the fixture is refused; with it, the unknown model's object and the unknown field are skipped, and said so.
        Assert.Contains("old.json, object 1 (app.shelf, pk 1): app.shelf has no field 'colour'.", await app.Temp.RunAsync(1, "loaddata", old));
        Assert.Contains("Installed 2 object(s) (of 3) from 1 fixture(s)", await app.Temp.RunAsync(0, "loaddata", old, "-i"));
        Assert.Equal(["1|Kept", "2|Also kept"], app.Temp.Query("SELECT \"Id\", \"Name\" FROM \"Shelfs\" ORDER BY \"Id\""));

        // --exclude skips a model's objects (or a label's); a name that is neither is a usage error.
        Assert.Contains("Installed 2 object(s) (of 3) from 1 fixture(s)", await app.Temp.RunAsync(0, "loaddata", app.Write("library.json", Library), "--exclude", "app.book", "-e", "auth"));
        Assert.Equal(["0"], app.Temp.Query("SELECT COUNT(*) FROM \"Books\""));
        Assert.Equal(["1|Kept", "2|Also kept", "5|Fiction", "9|Poetry \"& more\""], app.Temp.Query("SELECT \"Id\", \"Name\" FROM \"Shelfs\" ORDER BY \"Id\""));
        Assert.Contains("No model or app label 'app.shelves'.", await app.Temp.RunAsync(2, "loaddata", "library", "--exclude", "app.shelves"));

        // dumpdata --pks: the rows of one model with those keys.
        var two = JsonNode.Parse(await app.Temp.RunAsync(0, "dumpdata", "app.shelf", "--pks", "2, 7"))!.AsArray();
        Assert.Equal("[2]", new JsonArray([.. two.Select(static o => o!["pk"]!.DeepClone())]).ToJsonString());
        Assert.Contains("--pks takes the keys of one model: name exactly one (dumpdata blog.Post --pks 1,2).", await app.Temp.RunAsync(2, "dumpdata", "app", "--pks", "1"));
    }

    [Fact]
    public async Task Users_and_groups_load_on_postgresql_and_a_link_to_no_row_is_named()
    {
        await app.Temp.RunOnPostgresAsync(0, "migrate");
        await app.Temp.RunOnPostgresAsync(0, "flush", "--noinput");

        Assert.Contains("Installed 2 object(s) from 1 fixture(s)", await app.Temp.RunOnPostgresAsync(0, "loaddata", app.Write("people.json", s_people)));

        Assert.Equal(["ada|editors"], app.Temp.PostgresQuery("SELECT u.username, g.name FROM auth_user_groups l JOIN auth_user u ON u.id = l.user_id JOIN auth_group g ON g.id = l.group_id"));
        Assert.Equal(["2"], app.Temp.PostgresQuery("SELECT COUNT(*) FROM auth_group_permissions"));
        // The keys continue after the loaded ones.
        app.Temp.PostgresExecute("INSERT INTO auth_group (name) VALUES ('new')");
        Assert.Equal(["3", "4"], app.Temp.PostgresQuery("SELECT id FROM auth_group ORDER BY id"));

        var refused = await app.Temp.RunOnPostgresAsync(1, "loaddata", app.Write("lost.json", "[" + Ada.Replace("GROUPS", "[99]", StringComparison.Ordinal) + "]"));
        Assert.Contains("lost.json, object 1 (auth.user, pk 7), field 'groups': the database refused a link: 23503: insert or update on table \"auth_user_groups\" violates foreign key constraint", refused);
        Assert.Contains("Nothing was loaded.", refused);
        Assert.Equal(["ada|editors"], app.Temp.PostgresQuery("SELECT u.username, g.name FROM auth_user_groups l JOIN auth_user u ON u.id = l.user_id JOIN auth_group g ON g.id = l.group_id"));
    }

    private const string Book = """
        {"model": "app.book", "pk": 4, "fields": {"title": "Lost", "in_print": false, "edition": 1, "pages": 1, "copies": 1, "weight": 1, "score": 1,
          "price": "1", "discount": null, "added_at": "2026-01-01T00:00:00Z", "checked_at": "2026-01-01T00:00:00+00:00", "published": "2026-01-01",
          "opens": "00:00:00", "loan": "00:00:00", "code": "6f9619ff-8b86-d011-b42d-00cf4fc964ff", "cover": null, "mood": 1, "shelf_id": 77}}
        """;

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_wrong_fixture_says_what_and_where_and_loads_nothing(string what, string fixture, string error)
    {
        await app.ResetSqliteAsync();
        await app.Temp.RunAsync(0, "loaddata", app.Write("library.json", Library));

        var output = await app.Temp.RunAsync(1, "loaddata", app.Write("library2.json", Library.Replace("Fiction", "Changed", StringComparison.Ordinal)), app.Write("broken.json", fixture));

        Assert.True(output.Contains(error, StringComparison.Ordinal), $"{what}: {output}");
        Assert.Contains("Nothing was loaded.", output);
        Assert.Equal(["5|Fiction", "9|Poetry \"& more\""], app.Temp.Query("SELECT \"Id\", \"Name\" FROM \"Shelfs\" ORDER BY \"Id\""));
    }

    [Fact]
    public async Task A_fixture_that_isnt_there_names_where_it_was_looked_for()
    {
        var output = await app.Temp.RunAsync(1, "loaddata", "nowhere");

        Assert.Contains($"No fixture named 'nowhere' (looked for {Path.Combine(app.Temp.ProjectDirectory, "nowhere")}, {Path.Combine(app.Temp.ProjectDirectory, "nowhere.json")}, {Path.Combine(app.Temp.ProjectDirectory, "fixtures", "nowhere")}, {Path.Combine(app.Temp.ProjectDirectory, "fixtures", "nowhere.json")}).", output);
    }

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected:\n{expected}\nActual:\n{actual}");

    [Fact]
    public async Task Flush_empties_the_tables_on_postgresql_in_one_transaction_and_keys_start_again_from_1()
    {
        await app.Temp.RunOnPostgresAsync(0, "migrate");
        await app.Temp.RunOnPostgresAsync(0, "loaddata", app.Write("library.json", Library));
        var migrations = app.Temp.PostgresQuery("SELECT COUNT(*) FROM \"__micro_migrations\"");

        var sql = await app.Temp.RunOnPostgresAsync(0, "sqlflush");
        Assert.Contains("BEGIN;\nTRUNCATE \"Books\", \"Shelfs\", \"Tags\", \"auth_group\", ", sql);
        Assert.Contains(", \"micro_session\" RESTART IDENTITY;\nCOMMIT;\n", sql);

        // A table the app doesn't know refers to a shelf: PostgreSQL refuses to empty the shelves, and the flush deletes nothing.
        var shelves = app.Temp.PostgresQuery("SELECT COUNT(*) FROM \"Shelfs\"");
        app.Temp.PostgresExecute("CREATE TABLE \"Labels\" (\"ShelfId\" integer REFERENCES \"Shelfs\" (\"Id\"))");
        try
        {
            var refused = await app.Temp.RunOnPostgresAsync(1, "flush", "--noinput");
            Assert.Contains("couldn't be flushed: 0A000: cannot truncate a table referenced in a foreign key constraint", refused);
            Assert.Contains("Nothing was deleted.", refused);
            Assert.Equal(shelves, app.Temp.PostgresQuery("SELECT COUNT(*) FROM \"Shelfs\""));
        }
        finally
        {
            app.Temp.PostgresExecute("DROP TABLE \"Labels\"");
        }

        Assert.Contains("table(s) of PostgreSQL", await app.Temp.RunOnPostgresAsync(0, "flush", "--noinput"));
        Assert.Equal(["0|0"], app.Temp.PostgresQuery("SELECT (SELECT COUNT(*) FROM \"Books\"), (SELECT COUNT(*) FROM \"Shelfs\")"));
        Assert.Equal(migrations, app.Temp.PostgresQuery("SELECT COUNT(*) FROM \"__micro_migrations\""));
        Assert.Equal(["1"], app.Temp.PostgresQuery("SELECT MIN(id) FROM auth_permission"));
        app.Temp.PostgresExecute("INSERT INTO \"Shelfs\" (\"Name\") VALUES ('First again')");
        Assert.Equal(["1"], app.Temp.PostgresQuery("SELECT \"Id\" FROM \"Shelfs\""));
    }

    /// <summary>The app, built once with its first migration, and a folder for the fixtures the tests write.</summary>
    public sealed class App : IAsyncLifetime
    {
        public TempApp Temp { get; } = new("micro_fixtures");

        public async Task InitializeAsync()
        {
            Temp.WriteProgram(Program);
            await Temp.BuildAsync();
            await Temp.RunAsync(0, "makemigrations", "initial");
            await Temp.BuildAsync();
        }

        /// <summary>An empty SQLite database with the app's tables.</summary>
        public async Task ResetSqliteAsync()
        {
            Temp.DeleteDatabase();
            await Temp.RunAsync(0, "migrate");
        }

        /// <summary>Writes a fixture into the project folder (where the app runs) and returns its path.</summary>
        public string Write(string name, string json)
        {
            var path = Path.Combine(Temp.ProjectDirectory, name.EndsWith(".json", StringComparison.Ordinal) ? name : name + ".json");
            File.WriteAllText(path, json);
            return path;
        }

        /// <summary>What dumpdata writes with --indent and --output.</summary>
        public async Task<string> DumpAsync(bool onPostgres, params string[] models)
        {
            var output = Path.Combine(Temp.ProjectDirectory, "dump.json");
            string[] args = ["dumpdata", .. models, "--indent", "2", "--output", output];
            var said = onPostgres ? await Temp.RunOnPostgresAsync(0, args) : await Temp.RunAsync(0, args);
            Assert.Contains($"object(s) to {output}.", said);
            return await File.ReadAllTextAsync(output);
        }

        public Task DisposeAsync()
        {
            Temp.Dispose();
            return Task.CompletedTask;
        }

        private const string Program = """
            using System.ComponentModel.DataAnnotations;
            using Micro;

            return MicroApp.Run(args);

            public enum Mood { Calm = 1, Busy = 2 }

            [Model]
            public class Book
            {
                public int Id { get; set; }
                [MaxLength(200)] public string Title { get; set; } = "";
                public bool InPrint { get; set; }
                public byte Edition { get; set; }
                public short Pages { get; set; }
                public long Copies { get; set; }
                public float Weight { get; set; }
                public double Score { get; set; }
                public decimal Price { get; set; }
                public decimal? Discount { get; set; }
                public DateTime AddedAt { get; set; }
                public DateTimeOffset CheckedAt { get; set; }
                public DateOnly Published { get; set; }
                public TimeOnly Opens { get; set; }
                public TimeSpan Loan { get; set; }
                public Guid Code { get; set; }
                public byte[]? Cover { get; set; }
                public Mood Mood { get; set; }
                public int ShelfId { get; set; }
                public Shelf? Shelf { get; set; }
            }

            [Model]
            public class Tag
            {
                public int Id { get; set; }
                [MaxLength(50)] public string Slug { get; set; } = null!;
                [MaxLength(20)] public string Colour { get; set; } = "red";
                public bool Active { get; set; } = true;
                public int Weight { get; set; } = 5;
                public DateTime Created { get; set; } = DateTime.UtcNow;
                public string? Note { get; set; }
            }

            [Model]
            public class Shelf
            {
                public int Id { get; set; }
                [MaxLength(50)] public string Name { get; set; } = "";
                public string? Note { get; set; }
            }
            """;
    }
}
