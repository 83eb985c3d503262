using System.Net;
using System.Net.Http.Headers;

namespace Micro.Auth.Tests.Infrastructure;

/// <summary>
/// A client that keeps cookies as a browser does (from Set-Cookie, removed when expired), sends them over plain HTTP even when they
/// are Secure (the tests serve http://127.0.0.1), never follows redirects, and remembers each response's Set-Cookie lines. Its
/// unsafe requests pass the CSRF check as a page's would: a form carries the token, a script sends the X-CSRFToken header, from the
/// csrftoken cookie (which a visit to <see cref="CsrfPage"/> sets when the browser has none yet). <see cref="SendsCsrfToken"/> turns that off.
/// </summary>
public sealed class Browser(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The Set-Cookie lines of the last response.</summary>
    public List<string> SetCookies { get; } = [];

    public string? SessionId => Cookies.GetValueOrDefault("sessionid");

    /// <summary>Whether unsafe requests carry the CSRF token (true), or go as a forged request would (false).</summary>
    public bool SendsCsrfToken { get; set; } = true;

    /// <summary>A page that sets the CSRF cookie, visited before the first unsafe request when the browser has none.</summary>
    public string CsrfPage { get; set; } = "/accounts/login/";

    /// <summary>An Accept header for every request: <c>application/json</c> makes the browser a script client.</summary>
    public string? Accept { get; set; }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<string> GetStringAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(static f => new KeyValuePair<string, string>(f.Name, f.Value))),
        });

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

    /// <summary>Logs in through the login view; asserts it redirected.</summary>
    public async Task LoginAsync(string username, string password = "correct horse battery")
    {
        var response = await PostAsync("/accounts/login/", ("username", username), ("password", password));
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"login as {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (SendsCsrfToken && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            if (!Cookies.ContainsKey(Csrf.CookieName))
            {
                using var page = await GetAsync(CsrfPage);
            }

            request.Headers.Add(Csrf.HeaderName, Cookies.GetValueOrDefault(Csrf.CookieName, ""));
        }

        if (Cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", Cookies.Select(static c => $"{c.Key}={c.Value}")));
        }

        if (Accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Accept));
        }

        var response = await _client.SendAsync(request);
        SetCookies.Clear();
        if (response.Headers.TryGetValues("Set-Cookie", out var lines))
        {
            foreach (var line in lines)
            {
                SetCookies.Add(line);
                var pair = line.Split(';')[0].Split('=', 2);
                var expired = line.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || pair[1].Length == 0;
                if (expired)
                {
                    Cookies.Remove(pair[0]);
                }
                else
                {
                    Cookies[pair[0]] = pair[1];
                }
            }
        }

        return response;
    }

    public void Dispose() => _client.Dispose();
}
