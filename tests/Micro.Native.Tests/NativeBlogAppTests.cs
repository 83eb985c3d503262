using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Micro.Native.Tests;

[CollectionDefinition(Name)]
public sealed class NativeBlogCollection : ICollectionFixture<NativeBlogApp>
{
    public const string Name = "native blog app";
}

/// <summary>The data layer in a native binary: embedded migrations applied by the binary, then queries over SQLite.</summary>
[Collection(NativeBlogCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativeBlogAppTests(NativeBlogApp app)
{
    [Fact]
    public async Task MigratesWithNothingBesideTheBinaryAndListsTheMigration()
    {
        Assert.Contains("0001_initial", app.MigrateOutput);
        Assert.DoesNotContain(": warning ", app.PublishOutput);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(app.BinaryPath)!, "migrations")));

        var shown = await app.RunCommandAsync("showmigrations");
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("[X] 0001_initial", shown.Output);

        var make = await app.RunCommandAsync("makemigrations");
        Assert.Equal(1, make.ExitCode);
        Assert.Contains("JIT", make.Output);
    }

    [Fact]
    public async Task PutsAnAuthorByEmailWithUpdateOrCreate()
    {
        // Django's update_or_create in the binary: its own transaction, the insert inside a savepoint.
        var created = await app.Client.PutAsJsonAsync("/authors/", new { name = "Native", email = "native-put@example.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var made = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = made.RootElement.GetProperty("id").GetInt32();

        var renamed = await app.Client.PutAsJsonAsync("/authors/", new { name = "Native, renamed", email = "native-put@example.com" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        using var changed = JsonDocument.Parse(await renamed.Content.ReadAsStringAsync());
        Assert.Equal(id, changed.RootElement.GetProperty("id").GetInt32());
        using var detail = JsonDocument.Parse(await app.Client.GetStringAsync($"/authors/{id}/"));
        Assert.Equal("Native, renamed", detail.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ServesDatabaseBackedJson()
    {
        var seeded = await app.Client.PostAsync("/seed/?authors=2&posts=3", null);
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);

        using var posts = JsonDocument.Parse(await app.Client.GetStringAsync("/posts/?year=2021"));
        var list = posts.RootElement.EnumerateArray().ToList();
        Assert.True(list.Count >= 2);
        Assert.All(list, post =>
        {
            Assert.Equal(2021, post.GetProperty("year").GetInt32());
            Assert.StartsWith("Author ", post.GetProperty("author").GetProperty("name").GetString());
        });

        var author = list[0].GetProperty("authorId").GetInt32();
        var created = await app.Client.PostAsJsonAsync("/posts/", new { title = "Native", slug = "native", year = 2030, authorId = author });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var post = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = post.RootElement.GetProperty("id").GetInt32();
        Assert.Equal($"/posts/{id}/", created.Headers.Location?.OriginalString);
        using var fetched = JsonDocument.Parse(await app.Client.GetStringAsync($"/posts/{id}/"));
        Assert.Equal("Native", fetched.RootElement.GetProperty("title").GetString());

        // A count the database adds to (Update with p.Views + 1), in the native binary.
        for (var views = 1; views <= 2; views++)
        {
            var viewed = await app.Client.PostAsync($"/posts/{id}/view/", null);
            Assert.Equal(HttpStatusCode.OK, viewed.StatusCode);
            Assert.Equal(views, await viewed.Content.ReadFromJsonAsync<int>());
        }

        // One column read alone, each value once (values_list(flat=True).distinct()): the 2030 post's year first.
        var years = await app.Client.GetFromJsonAsync<int[]>("/posts/years/");
        Assert.Equal(2030, years![0]);
        Assert.All(new[] { 2021, 2022, 2023 }, year => Assert.Contains(year, years));
        Assert.Equal(years.Distinct().OrderDescending(), years);

        // Aggregates computed by the database (no other post has been viewed; none has a rating).
        using var stats = JsonDocument.Parse(await app.Client.GetStringAsync("/posts/stats/"));
        var count = stats.RootElement.GetProperty("posts").GetInt32();
        Assert.Equal(2, stats.RootElement.GetProperty("views").GetInt32());
        Assert.Equal(2.0 / count, stats.RootElement.GetProperty("averageViews").GetDouble(), 12);
        Assert.Equal(2, stats.RootElement.GetProperty("mostViews").GetInt32());
        Assert.Equal(JsonValueKind.Null, stats.RootElement.GetProperty("topRating").ValueKind);

        // Aggregates per group (GROUP BY, HAVING, ORDER BY an aggregate): the author of the viewed post leads.
        using var byAuthor = JsonDocument.Parse(await app.Client.GetStringAsync("/posts/by-author/?minPosts=4"));
        var groups = byAuthor.RootElement.EnumerateArray().ToList();
        Assert.Equal(author, groups[0].GetProperty("authorId").GetInt32());
        Assert.Equal(2, groups[0].GetProperty("views").GetInt32());
        Assert.Equal(2, groups[0].GetProperty("mostViews").GetInt32());
        Assert.All(groups, g => Assert.True(g.GetProperty("posts").GetInt32() >= 4));
        using var everyAuthor = JsonDocument.Parse(await app.Client.GetStringAsync("/posts/by-author/"));
        Assert.Equal(count, everyAuthor.RootElement.EnumerateArray().Sum(g => g.GetProperty("posts").GetInt32()));

        // Aggregates of each author's posts (a subquery per row): an author with none is listed with 0, last.
        var idle = await app.Client.PostAsJsonAsync("/authors/", new { name = "Idle" });
        Assert.Equal(HttpStatusCode.Created, idle.StatusCode);
        using var authors = JsonDocument.Parse(await app.Client.GetStringAsync("/authors/"));
        var rows = authors.RootElement.EnumerateArray().ToList();
        Assert.Equal(author, rows[0].GetProperty("id").GetInt32());
        Assert.Equal(2, rows[0].GetProperty("mostViews").GetInt32());
        Assert.Equal(("Idle", 0, JsonValueKind.Null), (rows[^1].GetProperty("name").GetString(), rows[^1].GetProperty("posts").GetInt32(), rows[^1].GetProperty("mostViews").ValueKind));
        Assert.Equal(count, rows.Sum(r => r.GetProperty("posts").GetInt32()));
        using var busy = JsonDocument.Parse(await app.Client.GetStringAsync("/authors/?minPosts=1"));
        Assert.Equal(rows.Count(r => r.GetProperty("posts").GetInt32() > 0), busy.RootElement.GetArrayLength());

        // Date lookups and a group per month (strftime in the native binary): two posts in May 2031, one in June, one the year after.
        foreach (var (slug, published) in new[] { ("may-1", "2031-05-01T10:00:00Z"), ("may-2", "2031-05-31T23:00:00Z"), ("june", "2031-06-15T00:00:00Z"), ("next", "2032-01-01T00:00:00Z") })
        {
            var dated = await app.Client.PostAsJsonAsync("/posts/", new { title = slug, slug, year = 2031, authorId = author, publishedAt = published });
            Assert.Equal(HttpStatusCode.Created, dated.StatusCode);
        }

        Assert.Equal("""[{"month":"2031-05-01","posts":2},{"month":"2031-06-01","posts":1}]""", await app.Client.GetStringAsync("/posts/months/2031/"));

        var missing = await app.Client.GetAsync("/posts/999999/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
