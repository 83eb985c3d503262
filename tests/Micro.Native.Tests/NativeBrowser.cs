using System.Net;
using System.Text.RegularExpressions;

namespace Micro.Native.Tests;

/// <summary>
/// A browser over plain HTTP to a binary running as in Production: it keeps every cookie, Secure ones too (a
/// CookieContainer would not send those over http), and posts forms as a browser does, with the hidden inputs
/// (the CSRF token) of the page the form came from.
/// </summary>
public sealed partial class NativeBrowser(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _client =
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

    public Dictionary<string, string> Cookies { get; } = [];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public async Task<string> GetStringAsync(string path) => await (await GetAsync(path)).Content.ReadAsStringAsync();

    /// <summary>Posts <paramref name="fields"/> with the hidden inputs of <paramref name="page"/> (a page's HTML; null for none).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, string? page, params (string Name, string Value)[] fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(HiddenInputs(page ?? "").Concat(fields.Select(static f => KeyValuePair.Create(f.Name, f.Value)))));

    /// <summary>Posts <paramref name="fields"/> and <paramref name="files"/> as <c>multipart/form-data</c>, with the hidden inputs of <paramref name="page"/>.</summary>
    public Task<HttpResponseMessage> PostMultipartAsync(string path, string page, (string Name, string Value)[] fields, params (string Name, string FileName, string Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in HiddenInputs(page).Select(static p => (p.Key, p.Value)).Concat(fields))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, text) in files)
        {
            // Latin-1 maps each character to the byte of its code: text and a picture's bytes alike.
            content.Add(new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(text)), name, fileName);
        }

        return SendAsync(HttpMethod.Post, path, content);
    }

    /// <summary>Sends a request with the cookies so far and keeps the ones the response sets (an empty value removes one).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", Cookies.Select(static c => $"{c.Key}={c.Value}")));
        }

        var response = await _client.SendAsync(request);
        foreach (var line in SetCookies(response))
        {
            var pair = line.Split(';')[0].Split('=', 2);
            if (pair[1].Length == 0)
            {
                Cookies.Remove(pair[0]);
            }
            else
            {
                Cookies[pair[0]] = pair[1];
            }
        }

        return response;
    }

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var lines) ? lines : [];

    private static IEnumerable<KeyValuePair<string, string>> HiddenInputs(string page) =>
        HiddenInput().Matches(page).Select(static m => KeyValuePair.Create(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    public void Dispose() => _client.Dispose();
}
