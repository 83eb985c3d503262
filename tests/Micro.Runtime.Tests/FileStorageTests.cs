using Micro.Files;

namespace Micro.Runtime.Tests;

/// <summary>
/// How an upload is named and kept (Django's <c>generate_filename</c>, <c>get_valid_name</c> and <c>get_available_name</c>), on a real
/// folder: the folder's date parts, the client's name made safe, a free name beside a taken one, names shortened to the column's
/// length, and names that would leave the folder refused.
/// </summary>
public sealed class FileStorageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("micro-storage-").FullName;

    [Theory]
    [InlineData("photos/%Y/%m/%d/", "My Photo (1).JPG", "photos/2026/03/07/My_Photo_1.JPG")]
    [InlineData("logs/%H-%M-%S/", "a.log", "logs/09-05-01/a.log")]
    [InlineData("100%%/%q/", "x.txt", "100%/%q/x.txt")]
    [InlineData("", "/etc/passwd", "passwd")]
    [InlineData("/docs/", "C:\\Users\\ada\\Report final.pdf", "docs/Report_final.pdf")]
    [InlineData("", "  .hidden  ", ".hidden")]
    public void A_name_is_the_folder_with_its_date_and_the_clients_name_made_safe(string uploadTo, string client, string expected) =>
        Assert.Equal(expected, UploadNames.Generate(uploadTo, client, new DateTime(2026, 3, 7, 9, 5, 1, DateTimeKind.Utc)));

    [Theory]
    [InlineData("!!!")]
    [InlineData("..")]
    [InlineData("a/..")]
    [InlineData("   ")]
    public void A_client_name_with_nothing_to_keep_is_refused(string client) =>
        Assert.Throws<ArgumentException>(() => UploadNames.ValidName(client));

    [Fact]
    public void A_very_long_name_keeps_its_extension_within_the_file_systems_limit()
    {
        var name = UploadNames.ValidName(new string('é', 300) + ".txt");

        Assert.EndsWith("é.txt", name);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 200, name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("c:b.txt")]
    [InlineData("a/./b.txt")]
    [InlineData("")]
    public async Task A_name_that_could_leave_the_folder_is_refused_by_every_operation(string name)
    {
        var storage = new FileSystemStorage(_root, "/media/");

        await Assert.ThrowsAsync<ArgumentException>(() => storage.SaveAsync(name, new MemoryStream([1])));
        Assert.Throws<ArgumentException>(() => storage.Exists(name));
        Assert.Throws<ArgumentException>(() => storage.Delete(name));
        Assert.Throws<ArgumentException>(() => storage.Url(name));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task A_taken_name_gets_a_free_one_that_still_fits_the_column()
    {
        var storage = new FileSystemStorage(_root, "/media");

        var first = await storage.SaveAsync("docs/report.txt", new MemoryStream("one"u8.ToArray()), maxLength: 20);
        var second = await storage.SaveAsync("docs/report.txt", new MemoryStream("two"u8.ToArray()), maxLength: 20);

        Assert.Equal("docs/report.txt", first);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(second, "^docs/rep_[A-Za-z0-9]{7}\\.txt$"), second);
        Assert.Equal("one", await File.ReadAllTextAsync(Path.Combine(_root, "docs", "report.txt")));
        Assert.Equal(3, storage.Size(second));
        Assert.Equal("/media/docs/report.txt", storage.Url(first));
        Assert.Equal("/media/docs/a%20b%23c.txt", storage.Url("docs/a b#c.txt"));
    }

    [Fact]
    public async Task A_folder_too_long_for_the_column_is_the_apps_mistake_said_plainly()
    {
        var storage = new FileSystemStorage(_root, "/media/");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.SaveAsync("a-long-folder/x.txt", new MemoryStream([1]), maxLength: 12));

        Assert.Contains("give the [FileField] column a larger [MaxLength], or a shorter UploadTo", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
