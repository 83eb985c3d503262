using System.Net;
using System.Text.RegularExpressions;
using Micro.Runtime.Tests.Infrastructure;

namespace Micro.Runtime.Tests;

/// <summary>The test app with CSRF checks on, as every Micro app has them.</summary>
public sealed class CsrfApp : MicroAppFixture
{
    protected override bool CsrfChecks => true;

    protected override IEnumerable<string> Arguments => ["--Micro:Security:CsrfTrustedOrigins=https://*.trusted.example;http://partner.example:8080"];
}

/// <summary>As <see cref="CsrfApp"/> in Development, where the 403 says why.</summary>
public sealed class DevelopmentCsrfApp : MicroAppFixture
{
    protected override string Environment => "Development";

    protected override bool CsrfChecks => true;
}

/// <summary>A browser's session: the csrftoken cookie and a form's token, from a real GET of a page with <c>{% csrf_token %}</c>.</summary>
internal sealed record CsrfSession(string Secret, string Token, string SetCookie)
{
    public static async Task<CsrfSession> StartAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/sec/form/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(static c => c.StartsWith(Csrf.CookieName + "=", StringComparison.Ordinal));
        var secret = setCookie[(Csrf.CookieName.Length + 1)..setCookie.IndexOf(';')];
        var token = Regex.Match(await response.BodyAsync(), "<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\">").Groups[1].Value;
        return new CsrfSession(secret, token, setCookie);
    }

    public HttpRequestMessage Post(string path, HttpContent? content = null, string? headerToken = null, bool cookie = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (cookie)
        {
            request.Headers.Add("Cookie", $"{Csrf.CookieName}={Secret}");
        }

        if (headerToken is not null)
        {
            request.Headers.Add(Csrf.HeaderName, headerToken);
        }

        return request;
    }

    public FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(static f => new KeyValuePair<string, string>(f.Name, f.Value)),
             .. token is null ? [] : new[] { new KeyValuePair<string, string>(Csrf.FormField, token) }]);
}

public sealed class CsrfTests(CsrfApp app) : IClassFixture<CsrfApp>
{
    [Fact]
    public async Task A_page_with_a_form_sets_the_cookie_and_a_masked_token()
    {
        var session = await CsrfSession.StartAsync(app.Client);

        Assert.Matches("^[a-zA-Z0-9]{32}$", session.Secret);
        Assert.Matches("^[a-zA-Z0-9]{64}$", session.Token);
        Assert.DoesNotContain(session.Secret, session.Token);
        Assert.Contains("max-age=31536000", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        // Production: the cookie only travels over HTTPS; scripts may read it to send the header.
        Assert.Contains("secure", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("httponly", session.SetCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_page_rendered_again_with_the_cookie_keeps_the_secret_and_masks_it_afresh()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sec/form/");
        request.Headers.Add("Cookie", $"{Csrf.CookieName}={session.Secret}");
        using var response = await app.Client.SendAsync(request);
        var token = Regex.Match(await response.BodyAsync(), "value=\"([a-zA-Z0-9]{64})\"").Groups[1].Value;

        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.NotEqual(session.Token, token);
        using var post = session.Post("/sec/submit-form/", session.Form(token, ("title", "again")));
        using var accepted = await app.Client.SendAsync(post);
        Assert.Equal("saved again", await accepted.BodyAsync());
    }

    [Fact]
    public async Task A_page_without_a_token_sets_no_cookie()
    {
        using var response = await app.Client.GetAsync("/sec/plain/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_form_with_its_token_is_accepted()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit-form/", session.Form(session.Token, ("title", "Hello")));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("saved Hello", await response.BodyAsync());
    }

    [Fact]
    public async Task A_token_posted_twice_is_read_from_the_last_value_as_django_reads_it()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var twice = session.Post("/sec/submit-form/", session.Form(session.Token, ("title", "Twice"), (Csrf.FormField, session.Token)));
        using var accepted = await app.Client.SendAsync(twice);
        Assert.Equal("saved Twice", await accepted.BodyAsync());

        using var lastWrong = session.Post("/sec/submit-form/", session.Form(null, ("title", "Forged"), (Csrf.FormField, session.Token), (Csrf.FormField, new string('a', 64))));
        using var refused = await app.Client.SendAsync(lastWrong);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_multipart_form_with_its_token_is_accepted()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var content = new MultipartFormDataContent { { new StringContent("Upload"), "title" }, { new StringContent(session.Token), Csrf.FormField } };
        using var request = session.Post("/sec/submit-form/", content);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal("saved Upload", await response.BodyAsync());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task A_script_sends_the_token_in_the_header(string method)
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit/", new StringContent("{\"a\":1}", System.Text.Encoding.UTF8, "application/json"), session.Token);
        request.Method = new HttpMethod(method);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted " + method, await response.BodyAsync());
    }

    [Fact]
    public async Task The_unmasked_secret_is_accepted_as_a_token_as_in_Django()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit/", headerToken: session.Secret);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("POST")]
    public async Task An_unsafe_request_without_a_token_is_forbidden(string method)
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit/");
        request.Method = new HttpMethod(method);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Contains("CSRF verification failed. Request aborted.", body);
        // Production: the reason is logged, not shown.
        Assert.DoesNotContain("Reason", body);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task Safe_methods_need_no_token(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/sec/plain/");
        using var response = await app.Client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.MethodNotAllowed, response.StatusCode.ToString());
    }

    [Fact]
    public async Task A_form_from_another_site_is_forbidden_and_never_reaches_the_handler()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        var other = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit-form/", session.Form(other.Token, ("title", "forged")));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("saved", await response.BodyAsync());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("é")]
    [InlineData("")]
    public async Task A_malformed_form_token_is_forbidden_not_an_error(string token)
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit-form/", session.Form(token, ("title", "x")));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_token_is_forbidden()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit-form/", session.Form(new string('a', 100_000), ("title", "x")));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234!")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789")]
    public async Task A_malformed_cookie_is_forbidden_not_an_error(string secret)
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = new CsrfSession(secret, session.Token, "").Post("/sec/submit/", headerToken: session.Token);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_form_body_is_a_400()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var content = new StringContent("--x\r\nbroken", System.Text.Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        using var request = session.Post("/sec/submit-form/", content);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form body is malformed", await response.BodyAsync());
    }

    [Fact]
    public async Task An_exempt_route_takes_unsafe_requests_without_a_token()
    {
        using var response = await app.Client.PostAsync("/sec/exempt/", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("exempt", await response.BodyAsync());
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("https://127.0.0.1", HttpStatusCode.Forbidden)]
    [InlineData("http://sub.trusted.example", HttpStatusCode.Forbidden)]
    [InlineData("https://trusted.example.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://partner.example", HttpStatusCode.Forbidden)]
    [InlineData("https://a.trusted.example", HttpStatusCode.OK)]
    [InlineData("https://trusted.example", HttpStatusCode.OK)]
    [InlineData("http://partner.example:8080", HttpStatusCode.OK)]
    public async Task Another_origin_is_forbidden_even_with_a_token_unless_trusted(string origin, HttpStatusCode expected)
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit/", headerToken: session.Token);
        request.Headers.Add("Origin", origin);
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_sites_own_origin_is_accepted()
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit/", headerToken: session.Token);
        request.Headers.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("not a url", HttpStatusCode.Forbidden)]
    [InlineData("http://{self}/sec/form/", HttpStatusCode.Forbidden)]
    [InlineData("https://evil.example/", HttpStatusCode.Forbidden)]
    [InlineData("https://{self}/sec/form/", HttpStatusCode.OK)]
    [InlineData("https://www.trusted.example/page", HttpStatusCode.OK)]
    public async Task Over_HTTPS_without_an_Origin_the_Referer_must_be_the_site(string? referer, HttpStatusCode expected)
    {
        var session = await CsrfSession.StartAsync(app.Client);
        using var request = session.Post("/sec/submit/", headerToken: session.Token);
        request.Headers.Add("X-Test-Scheme", "https");
        if (referer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referer.Replace("{self}", app.BaseAddress.Authority));
        }

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class DevelopmentCsrfTests(DevelopmentCsrfApp app) : IClassFixture<DevelopmentCsrfApp>
{
    [Theory]
    [InlineData("no-cookie", "CSRF cookie not set.")]
    [InlineData("no-token", "CSRF token missing.")]
    [InlineData("wrong-form-token", "CSRF token from POST incorrect.")]
    [InlineData("wrong-header-token", "CSRF token from the 'X-CSRFToken' HTTP header incorrect.")]
    [InlineData("short-token", "CSRF token from POST has incorrect length.")]
    [InlineData("bad-characters", "CSRF token from POST has invalid characters.")]
    [InlineData("bad-origin", "Origin checking failed - http://evil.example does not match any trusted origins.")]
    [InlineData("no-referer", "Referer checking failed - no Referer.")]
    [InlineData("insecure-referer", "Referer checking failed - Referer is insecure while host is secure.")]
    public async Task In_Development_the_403_says_why(string problem, string reason)
    {
        var session = await CsrfSession.StartAsync(app.Client);
        var other = await CsrfSession.StartAsync(app.Client);
        using var request = problem switch
        {
            "no-cookie" => session.Post("/sec/submit-form/", session.Form(session.Token, ("title", "x")), cookie: false),
            "no-token" => session.Post("/sec/submit-form/", session.Form(null, ("title", "x"))),
            "wrong-form-token" => session.Post("/sec/submit-form/", session.Form(other.Token, ("title", "x"))),
            "wrong-header-token" => session.Post("/sec/submit/", headerToken: other.Token),
            "short-token" => session.Post("/sec/submit-form/", session.Form("abc", ("title", "x"))),
            "bad-characters" => session.Post("/sec/submit-form/", session.Form(new string('-', 64), ("title", "x"))),
            _ => session.Post("/sec/submit/", headerToken: session.Token),
        };
        switch (problem)
        {
            case "bad-origin":
                request.Headers.Add("Origin", "http://evil.example");
                break;
            case "no-referer":
                request.Headers.Add("X-Test-Scheme", "https");
                break;
            case "insecure-referer":
                request.Headers.Add("X-Test-Scheme", "https");
                request.Headers.Referrer = new Uri(app.BaseAddress, "/sec/form/");
                break;
        }

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode("CSRF verification failed. Request aborted. Reason: " + reason), await response.BodyAsync());
    }

    [Fact]
    public async Task In_Development_the_cookie_also_travels_over_plain_HTTP()
    {
        var session = await CsrfSession.StartAsync(app.Client);

        Assert.DoesNotContain("secure", session.SetCookie, StringComparison.OrdinalIgnoreCase);
    }
}
