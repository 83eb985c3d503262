using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;

namespace Micro.Runtime.Tests;

/// <summary>404, 405 and 500 in Production, the app's [ErrorHandler], and what class-based views answer.</summary>
public sealed class ErrorPageTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private readonly HttpClient _client = app.Client;

    [Theory]
    [InlineData("/nothing/here/")]
    [InlineData("/err/missing/")] // the handler returned Results.NotFound()
    public async Task A_404_is_rendered_by_the_apps_ErrorHandler(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.MediaType());
        Assert.Equal($"custom 404 for {path} (404)", await response.BodyAsync());
    }

    [Theory]
    [InlineData("/err/boom/")]
    [InlineData("/err/boom-async/")]
    [InlineData("/err/boom-after-headers/")]
    public async Task A_500_page_keeps_the_headers_the_apps_middleware_set(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("ran", response.Header("X-Middleware"));          // set by the app's middleware before the route ran
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
    }

    [Fact]
    public async Task A_500_page_drops_what_the_failed_handler_said_about_its_body()
    {
        var response = await _client.GetAsync("/err/boom-after-headers/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Header("Cache-Control"));
        Assert.Null(response.Header("ETag"));
        Assert.DoesNotContain(ErrorViews.ExceptionMessage, await response.BodyAsync());
    }

    [Fact]
    public async Task A_wrong_method_on_a_function_route_is_a_405_with_Allow()
    {
        var response = await _client.GetAsync("/err/post-only/");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        Assert.Contains("Method Not Allowed (405)", await response.BodyAsync());
    }

    [Fact]
    public async Task Methods_lists_every_method_the_route_answers()
    {
        var put = await _client.PutAsync("/err/get-or-put/", null);
        var delete = await _client.DeleteAsync("/err/get-or-put/");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("PUT ok", await put.BodyAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(["GET", "PUT"], delete.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_route_without_Methods_answers_GET_and_HEAD_only()
    {
        var response = await _client.PostAsync("/about/", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_JSON_client_gets_a_405_as_problem_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/err/post-only/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Equal("application/problem+json; charset=utf-8", response.MediaType());
        Assert.Equal("""{"title":"Method Not Allowed","status":405}""", await response.BodyAsync());
    }

    [Theory]
    [InlineData("GET", "article 5")]
    [InlineData("POST", "renamed article 5 to Better")]
    public async Task A_class_based_view_dispatches_on_the_method(string method, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/err/articles/5/");
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([new("title", "Better")]);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.BodyAsync());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task A_method_a_class_based_view_has_no_method_for_is_a_405_with_Allow(string method)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/err/articles/5/"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST", "OPTIONS"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task OPTIONS_on_a_class_based_view_lists_its_methods()
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/err/articles/5/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST", "OPTIONS"], response.Content.Headers.Allow);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("/err/articles/5/", "text/plain; charset=utf-8")] // a class-based view's Get
    [InlineData("/res/text/", "text/plain; charset=utf-8")]      // a function route
    public async Task HEAD_runs_the_GET_handler_and_sends_headers_without_a_body(string path, string contentType)
    {
        var raw = await Http.RawAsync(app.BaseAddress, $"HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headerEnd > 0, raw);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", raw);
        Assert.Contains($"\r\nContent-Type: {contentType}\r\n", raw);
        Assert.Equal("", raw[(headerEnd + 4)..]);
    }

    [Theory]
    [InlineData("/err/boom/")]
    [InlineData("/err/boom-async/")]
    public async Task An_unhandled_exception_is_a_plain_500_page_that_hides_the_exception(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        var page = await response.BodyAsync();
        Assert.Contains("<h1>Server Error (500)</h1>", page);
        Assert.DoesNotContain("Kaboom", page);
        Assert.DoesNotContain("42", page);
        Assert.DoesNotContain(nameof(InvalidOperationException), page);
        Assert.DoesNotContain(nameof(ErrorViews), page);
    }

    [Fact]
    public async Task A_JSON_client_gets_the_500_as_problem_details_without_the_exception()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/err/boom/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.MediaType());
        Assert.Equal("""{"title":"Server Error","status":500}""", await response.BodyAsync());
    }
}

/// <summary>Error pages in the Development environment: the exception, the request, as Django's technical pages.</summary>
public sealed class DevelopmentErrorPageTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task An_unhandled_exception_shows_a_detailed_page()
    {
        var response = await _client.GetAsync("/err/boom/?x=1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        var page = WebUtility.HtmlDecode(await response.BodyAsync());
        Assert.Contains("Server Error (500)", page);
        Assert.Contains(ErrorViews.ExceptionMessage, page);
        Assert.Contains("System.InvalidOperationException", page);
        Assert.Contains("/err/boom/?x=1", page);
        Assert.Contains($"{nameof(ErrorViews)}.{nameof(ErrorViews.Boom)}", page); // the stack trace
    }

    [Fact]
    public async Task A_failure_in_routing_itself_gets_the_detailed_page_too()
    {
        var response = await _client.GetAsync("/err/clash/");

        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, await response.BodyAsync());
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        var page = WebUtility.HtmlDecode(await response.BodyAsync());
        Assert.Contains("AmbiguousMatchException", page);
        Assert.Contains("/err/clash/", page);
    }

    [Fact]
    public async Task A_JSON_client_gets_the_exception_message_as_the_detail()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/err/boom-async/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.MediaType());
        using var problem = JsonDocument.Parse(await response.BodyAsync());
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(ErrorViews.ExceptionMessage, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_404_shows_the_url_patterns_tried_instead_of_the_apps_404_handler_as_Django_with_DEBUG()
    {
        var response = await _client.GetAsync("/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.MediaType());
        var page = WebUtility.HtmlDecode(await response.BodyAsync());
        Assert.DoesNotContain("custom 404", page);
        Assert.Contains("Not Found (404)", page);
        Assert.Contains("<li><code>conv/int/<int:value>/</code> [name='conv_int']</li>", page);
        Assert.Contains("<li><code>^re/open/(?P<word>[a-z]+)</code></li>", page);
        Assert.Contains("The current path, <code>nothing/here</code>, didn't match any of these.", page);
    }

    [Fact]
    public async Task A_bad_request_is_still_a_400_naming_the_parameter()
    {
        var response = await _client.GetAsync("/bind/query-int/?n=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The query string parameter 'n' must be an integer; 'x' is not.", WebUtility.HtmlDecode(await response.BodyAsync()));
    }
}
