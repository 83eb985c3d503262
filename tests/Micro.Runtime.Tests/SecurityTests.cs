using System.Net;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>The test app serving the hosts of a site, with HSTS, as a deployed app is configured.</summary>
public sealed class DeployedApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments =>
        ["--AllowedHosts=.example.com;*.example.org;127.0.0.1", "--Micro:Security:HstsSeconds=3600", "--Micro:Security:HstsIncludeSubdomains=true"];
}

/// <summary>The test app redirecting plain HTTP to HTTPS.</summary>
public sealed class SslRedirectApp : MicroAppFixture
{
    protected override IEnumerable<string> Arguments => ["--Micro:Security:SslRedirect=true"];
}

public sealed class HostTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Theory]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("LOCALHOST", HttpStatusCode.OK)]
    [InlineData("app.localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("[::1]", HttpStatusCode.OK)]
    [InlineData("localhost.", HttpStatusCode.OK)]
    [InlineData("localhost:8000", HttpStatusCode.OK)]
    [InlineData("[::1]:8000", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:80", HttpStatusCode.OK)]
    [InlineData("example.com", HttpStatusCode.BadRequest)]
    [InlineData("example.com:8000", HttpStatusCode.BadRequest)]
    [InlineData("[::2]:8000", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1.evil.example", HttpStatusCode.BadRequest)]
    [InlineData("localhost.evil.example", HttpStatusCode.BadRequest)]
    [InlineData("evillocalhost", HttpStatusCode.BadRequest)]
    public async Task Without_AllowedHosts_only_localhost_is_served_and_the_400_does_not_repeat_the_host(string host, HttpStatusCode expected)
    {
        using var response = await GetAsync(app.Client, host);

        Assert.Equal(expected, response.StatusCode);
        Assert.True(expected == HttpStatusCode.OK || !(await response.BodyAsync()).Contains(host, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("localhost:8000")]
    [InlineData("localhost:")]
    [InlineData("[::1]")]
    [InlineData("[::1]:8000")]
    [InlineData("[::1]:")]
    [InlineData("::1")]
    [InlineData("fe80::1:8000")]
    [InlineData("b\u00fccher.example:8000")]
    [InlineData(":8000")]
    [InlineData("xn--bcher-kva.example:8000")]
    public void The_host_is_read_without_its_port_as_HostString_reads_it(string value)
    {
        var host = Microsoft.AspNetCore.Http.HostString.FromUriComponent(value);

        Assert.Equal(host.Host, Micro.Security.SecurityMiddleware.HostWithoutPort(host).ToString());
    }

    [Fact]
    public async Task A_request_without_a_Host_header_is_a_400()
    {
        var raw = await Http.RawAsync(app.BaseAddress, "GET /res/text/ HTTP/1.0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", raw);
    }

    internal static async Task<HttpResponseMessage> GetAsync(HttpClient client, string host, string path = "/res/text/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }
}

public sealed class DevelopmentHostTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task In_Development_the_400_says_what_to_add()
    {
        using var response = await HostTests.GetAsync(app.Client, "example.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(
            WebUtility.HtmlEncode("Invalid Host header: 'example.com'. You may need to add 'example.com' to AllowedHosts"),
            await response.BodyAsync());
    }
}

public sealed class DeployedHostTests(DeployedApp app) : IClassFixture<DeployedApp>
{
    [Theory]
    [InlineData("example.com", HttpStatusCode.OK)]
    [InlineData("www.example.com", HttpStatusCode.OK)]
    [InlineData("a.b.example.com", HttpStatusCode.OK)]
    [InlineData("WWW.EXAMPLE.COM", HttpStatusCode.OK)]
    [InlineData("example.com.", HttpStatusCode.OK)]
    [InlineData("www.example.com:443", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("badexample.com", HttpStatusCode.BadRequest)]
    [InlineData("example.com.evil", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.BadRequest)]
    [InlineData("www.example.org", HttpStatusCode.OK)]
    [InlineData("example.org", HttpStatusCode.BadRequest)]
    public async Task AllowedHosts_names_the_hosts_and_domains_served(string host, HttpStatusCode expected)
    {
        using var response = await HostTests.GetAsync(app.Client, host);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task HSTS_is_sent_over_HTTPS_only()
    {
        using var https = new HttpRequestMessage(HttpMethod.Get, "/res/text/");
        https.Headers.Add("X-Test-Scheme", "https");
        using var secure = await app.Client.SendAsync(https);
        using var plain = await app.Client.GetAsync("/res/text/");

        Assert.Equal("max-age=3600; includeSubDomains", secure.Header("Strict-Transport-Security"));
        Assert.Null(plain.Header("Strict-Transport-Security"));
    }
}

public sealed class SecurityHeaderTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Theory]
    [InlineData("/res/text/", HttpStatusCode.OK)]
    [InlineData("/res/template/", HttpStatusCode.OK)]
    [InlineData("/no/such/page/", HttpStatusCode.NotFound)]
    [InlineData("/err/boom/", HttpStatusCode.InternalServerError)]
    [InlineData("/bind/query-int/?n=x", HttpStatusCode.BadRequest)]
    public async Task Every_response_carries_Djangos_security_headers(string path, HttpStatusCode status)
    {
        using var response = await app.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("same-origin", response.Header("Referrer-Policy"));
        Assert.Equal("same-origin", response.Header("Cross-Origin-Opener-Policy"));
        Assert.Null(response.Header("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_header_the_app_sets_itself_is_kept()
    {
        using var response = await app.Client.GetAsync("/sec/framed/");

        Assert.Equal("SAMEORIGIN", response.Header("X-Frame-Options"));
    }
}

public sealed class SslRedirectTests(SslRedirectApp app) : IClassFixture<SslRedirectApp>
{
    [Fact]
    public async Task Plain_HTTP_is_redirected_to_the_same_URL_over_HTTPS()
    {
        using var response = await HostTests.GetAsync(app.Client, "localhost", "/res/template/?note=a%20b");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("https://localhost/res/template/?note=a%20b", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_host_that_is_not_allowed_is_refused_rather_than_redirected()
    {
        using var response = await HostTests.GetAsync(app.Client, "evil.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
