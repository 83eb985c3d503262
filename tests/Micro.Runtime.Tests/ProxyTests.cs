using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>The test app behind a proxy on this machine that says which prefix it took off.</summary>
public sealed class ProxyApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments => ["--Micro:Proxy:ForwardedHeaders=true"];
}

/// <summary>As <see cref="ProxyApp"/>, but the only proxy trusted is another machine.</summary>
public sealed class UntrustedProxyApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments => ["--Micro:Proxy:ForwardedHeaders=true", "--Micro:Proxy:KnownProxies=10.1.2.3"];
}

/// <summary>The test app with Django's FORCE_SCRIPT_NAME.</summary>
public sealed class ScriptPrefixApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments => ["--Micro:ScriptPrefix=/my site/"];
}

/// <summary>
/// Django's script prefix from a reverse proxy (<c>X-Forwarded-Prefix</c>, trusted only from the configured proxies) or from
/// configuration: every URL the app reverses, and every redirect it makes, starts with it, quoted as Django quotes it.
/// </summary>
public sealed class ProxyTests(ProxyApp proxied, UntrustedProxyApp untrusted, ScriptPrefixApp prefixed, ProductionApp plain)
    : IClassFixture<ProxyApp>, IClassFixture<UntrustedProxyApp>, IClassFixture<ScriptPrefixApp>, IClassFixture<ProductionApp>
{
    private const string Links = "/\n/rev/greet/Zo%C3%AB%20&%20co%3F/\n/rev/posts/2024/hello-world/\n/conv/int/5/\n/rev/greet/tpl/";

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? prefix)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (prefix is not null)
        {
            request.Headers.Add("X-Forwarded-Prefix", prefix);
        }

        return await client.SendAsync(request);
    }

    private static string Under(string prefix) => string.Join('\n', Links.Split('\n').Select(line => prefix + line));

    [Theory]
    [InlineData("/shop", "/shop")]
    [InlineData("/shop/", "/shop")]
    [InlineData("/my%20shop", "/my%20shop")]
    [InlineData("/caf%C3%A9", "/caf%C3%A9")]
    public async Task A_trusted_proxy_prefix_starts_every_reversed_url(string header, string expected)
    {
        var response = await GetAsync(proxied.Client, "/rev/links/", header);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Under(expected), await response.BodyAsync());
    }

    [Fact]
    public async Task Redirects_the_app_makes_keep_the_prefix()
    {
        var slash = await GetAsync(proxied.Client, "/rev/links", "/shop");
        Assert.Equal(HttpStatusCode.MovedPermanently, slash.StatusCode);
        Assert.Equal("/shop/rev/links/", slash.Headers.Location?.OriginalString);

        var redirect = await GetAsync(proxied.Client, "/res/redirect/", "/shop");
        Assert.Equal("/shop/res/text/", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_prefix_of_anyone_but_a_known_proxy_is_ignored()
    {
        Assert.Equal(Links, await (await GetAsync(untrusted.Client, "/rev/links/", "/evil")).BodyAsync());
        Assert.Equal(Links, await (await GetAsync(plain.Client, "/rev/links/", "/evil")).BodyAsync());
    }

    [Fact]
    public async Task A_configured_script_prefix_is_every_request_prefix()
    {
        var response = await GetAsync(prefixed.Client, "/rev/links/", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Under("/my%20site"), await response.BodyAsync());
    }

    [Theory]
    [InlineData("--Micro:Proxy:KnownProxies=proxy.example", "Configuration value Micro:Proxy:KnownProxies must list IP addresses separated by ';', and 'proxy.example' is not one.")]
    [InlineData("--Micro:Proxy:ForwardedHeaders=yes", "Configuration value Micro:Proxy:ForwardedHeaders must be true or false, not 'yes'.")]
    [InlineData("--Micro:ScriptPrefix=blog", "Configuration value Micro:ScriptPrefix must be a path that starts with '/' (such as /blog), not 'blog'.")]
    public void A_bad_proxy_setting_stops_the_app_with_what_is_wrong(string setting, string message)
    {
        var builder = MicroApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Micro:Proxy:ForwardedHeaders=true", setting], typeof(TestApp.ReverseViews).Assembly);
        var exception = Assert.ThrowsAny<InvalidOperationException>(() => builder.Build());
        Assert.Equal(message, exception.Message);
    }
}
