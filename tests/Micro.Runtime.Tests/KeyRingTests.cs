using Micro.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task The_key_ring_is_made_by_the_first_request_that_signs_a_cookie_not_while_the_app_starts()
    {
        var keys = Directory.CreateTempSubdirectory("micro-keys-").FullName;
        var app = new KeysApp(keys, addAuthentication: true);
        try
        {
            await app.InitializeAsync();
            var (page, _) = await MessagesTests.GetAsync(app.Client, "/sec/messages/", cookie: null);
            Assert.Equal("<ul><li>none</li></ul>", page.Trim());
            Assert.Empty(Directory.GetFiles(keys));

            var cookie = await MessagesTests.FlashAsync(app.Client, "Signed on first use.");

            Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
            Assert.Contains("Signed on first use.", (await MessagesTests.GetAsync(app.Client, "/sec/messages/", cookie)).Body);
        }
        finally
        {
            await app.DisposeAsync();
            Directory.Delete(keys, recursive: true);
        }
    }

    /// <param name="keys">The keys folder.</param>
    /// <param name="addAuthentication">The app calls <c>AddAuthentication</c> itself, which registers data protection again.</param>
    private sealed class KeysApp(string keys, bool addAuthentication = false) : MicroAppFixture
    {
        protected override IEnumerable<string> Arguments => ["--Micro:Security:KeysPath=" + keys];

        protected override void ConfigureServices(IServiceCollection services)
        {
            if (addAuthentication)
            {
                services.AddAuthentication();
            }
        }
    }
}
