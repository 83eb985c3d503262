using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>Micro:Security:KeysPath: the key ring that signs the app's cookies, in a folder the app's processes share.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task Apps_sharing_a_keys_folder_read_each_others_cookies_and_an_app_with_other_keys_does_not()
    {
        var shared = Directory.CreateTempSubdirectory("micro-keys-").FullName;
        var other = Directory.CreateTempSubdirectory("micro-keys-").FullName;
        var first = new KeysApp(shared);
        var second = new KeysApp(shared);
        var stranger = new KeysApp(other);
        try
        {
            foreach (var app in new[] { first, second, stranger })
            {
                await app.InitializeAsync();
            }

            var cookie = await MessagesTests.FlashAsync(first.Client, "Kept across processes.");

            Assert.NotEmpty(Directory.GetFiles(shared, "key-*.xml"));
            Assert.Contains("Kept across processes.", (await MessagesTests.GetAsync(second.Client, "/sec/messages/", cookie)).Body);
            Assert.Equal("<ul><li>none</li></ul>", (await MessagesTests.GetAsync(stranger.Client, "/sec/messages/", cookie)).Body.Trim());
        }
        finally
        {
            foreach (var app in new[] { first, second, stranger })
            {
                await app.DisposeAsync();
            }

            Directory.Delete(shared, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    private sealed class KeysApp(string keys) : MicroAppFixture
    {
        protected override IEnumerable<string> Arguments => ["--Micro:Security:KeysPath=" + keys];
    }
}
