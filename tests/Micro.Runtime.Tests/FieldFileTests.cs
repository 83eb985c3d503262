using System.Globalization;
using System.Net;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Tests.Shared;
using static Micro.Runtime.Tests.FileUploadTests;
using static Micro.Runtime.Tests.ImageUploadTests;

namespace Micro.Runtime.Tests;

/// <summary>
/// File columns read in templates as Django's <c>FieldFile</c> (<c>{{ doc.file.url }}</c>, <c>.size</c>, an image's <c>.width</c> and
/// <c>.height</c>), through the compiled template and the interpreter alike, and an image's size kept in the columns its
/// <c>WidthField</c> and <c>HeightField</c> name (Django's <c>width_field</c>, <c>height_field</c>), over real HTTP, a SQLite file
/// and a media folder (TestApp/PictureViews.cs).
/// </summary>
public sealed class FieldFileTests(DatabaseApp app) : IClassFixture<DatabaseApp>
{
    private static readonly string s_year = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_file_column_reads_as_its_name_url_and_size_in_both_renderers()
    {
        var id = await CreateAsync("/documents/new/", ("title", "Read " + Guid.NewGuid().ToString("N")[..8]), File("file", "my notes.txt", "twelve bytes"));
        var name = $"documents/{s_year}/my_notes.txt";
        var stored = (await app.Client.GetStringAsync($"/documents/{id}/")).Split('|')[1].Split(' ')[0];
        Assert.StartsWith(name[..^4], stored, StringComparison.Ordinal);

        foreach (var page in new[] { "page", "interpreted" })
        {
            var html = await app.Client.GetStringAsync($"/documents/{id}/{page}/");

            // The name, twice; its address; 12 bytes; true; equal to its name; an empty column is false, and its url and a
            // document's width (not an image) find nothing; filters read the url as text.
            Assert.Equal(
                $"{stored}|{stored}|/media/{stored}|12|has a file|equal to its name|no attachment|empty|||/MEDIA/{stored.ToUpperInvariant()}\n",
                html);
        }
    }

    [Fact]
    public async Task A_file_that_is_gone_has_no_size_and_the_page_still_renders()
    {
        var id = await CreateAsync("/documents/new/", ("title", "Gone " + Guid.NewGuid().ToString("N")[..8]), File("file", "gone.txt", "soon gone"));
        var stored = (await app.Client.GetStringAsync($"/documents/{id}/")).Split('|')[1].Split(' ')[0];
        System.IO.File.Delete(Path.Combine(app.MediaRoot, stored));

        foreach (var page in new[] { "page", "interpreted" })
        {
            using var response = await app.Client.GetAsync($"/documents/{id}/{page}/");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith($"{stored}|{stored}|/media/{stored}||has a file|", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_image_keeps_its_size_in_its_columns_and_templates_read_it_from_the_file()
    {
        var id = await CreateAsync("/pictures/new/", ("title", "Wide"), Image("image", "wide.png", TestImages.OfPng(640, 480)));

        foreach (var page in new[] { "", "interpreted/" })
        {
            var html = await app.Client.GetStringAsync($"/pictures/{id}/{page}");

            Assert.Matches("^Wide\\|pictures/wide(_[A-Za-z0-9]{7})?\\.png\\|/media/pictures/wide(_[A-Za-z0-9]{7})?\\.png\\|640x480\\|640x480\\|33\n$", html);
        }
    }

    [Fact]
    public async Task A_new_image_replaces_the_size_a_kept_one_keeps_it_and_clearing_empties_it()
    {
        var id = await CreateAsync("/pictures/new/", ("title", "Changing"), Image("image", "first.gif", TestImages.OfGif(320, 200)));
        Assert.Equal("320x200|320x200", Sizes(await app.Client.GetStringAsync($"/pictures/{id}/")));

        // A JPEG whose frame header follows an Exif segment of 5,000 bytes.
        await EditAsync(id, ("title", "Changing"), Image("image", "second.jpg", TestImages.OfJpeg(1920, 1080, exifLength: 5000)));
        Assert.Equal("1920x1080|1920x1080", Sizes(await app.Client.GetStringAsync($"/pictures/{id}/")));

        await EditAsync(id, ("title", "Renamed"));
        var kept = await app.Client.GetStringAsync($"/pictures/{id}/");
        Assert.StartsWith("Renamed|pictures/second", kept, StringComparison.Ordinal);
        Assert.Equal("1920x1080|1920x1080", Sizes(kept));

        await EditAsync(id, ("title", "Cleared"), ("image-clear", "on"));
        // The int width is 0, the int? height None (Django's None); the file's own size finds nothing.
        Assert.Equal("Cleared|||x|0xNone|\n", await app.Client.GetStringAsync($"/pictures/{id}/"));
    }

    [Fact]
    public async Task A_kept_image_whose_size_the_row_lacks_gets_it_from_the_file_when_saved()
    {
        var id = await CreateAsync("/pictures/new/", ("title", "Older"), Image("image", "older.png", TestImages.OfPng(800, 600)));
        // A row saved before the size columns were added: they hold 0 and NULL.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE \"Pictures\" SET \"Width\" = 0, \"Height\" = NULL WHERE \"Id\" = {id}";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        Assert.Equal("800x600|0xNone", Sizes(await app.Client.GetStringAsync($"/pictures/{id}/")));

        await EditAsync(id, ("title", "Older, saved again"));

        Assert.Equal("800x600|800x600", Sizes(await app.Client.GetStringAsync($"/pictures/{id}/")));
    }

    [Fact]
    public async Task A_picture_that_isnt_an_image_is_refused_and_nothing_is_stored()
    {
        var before = Directory.Exists(Path.Combine(app.MediaRoot, "pictures")) ? Directory.GetFiles(Path.Combine(app.MediaRoot, "pictures")).Length : 0;
        using var content = Form(("title", "Not one"), Image("image", "fake.png", "not an image"u8.ToArray()));

        var response = await app.Client.PostAsync("/pictures/new/", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [("image", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.")],
            FormBindingTests.FieldErrors(await response.Content.ReadAsStringAsync()));
        var after = Directory.Exists(Path.Combine(app.MediaRoot, "pictures")) ? Directory.GetFiles(Path.Combine(app.MediaRoot, "pictures")).Length : 0;
        Assert.Equal(before, after);
    }

    /// <summary>The sizes a picture's page shows: the file's, then the columns'.</summary>
    private static string Sizes(string html) => string.Join('|', html.Split('|')[3..5]);

    private async Task<int> CreateAsync(string url, params object[] parts)
    {
        using var content = Form(parts);
        var response = await app.Client.PostAsync(url, content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[2], CultureInfo.InvariantCulture);
    }

    private async Task EditAsync(int id, params object[] parts)
    {
        using var content = Form(parts);
        var response = await app.Client.PostAsync($"/pictures/{id}/edit/", content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }
}
