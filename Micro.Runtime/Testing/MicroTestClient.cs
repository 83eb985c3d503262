using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Micro.Auth;
using Micro.Data;
using Micro.Data.Migrations;
using Micro.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Micro;

/// <summary>How <see cref="MicroTestClient.StartAsync"/> builds the app.</summary>
public sealed class MicroTestOptions
{
    /// <summary>The environment the app runs in: Production by default, so that error pages and security behave as deployed.</summary>
    public string Environment { get; set; } = "Production";

    /// <summary>Configuration values that win over the app's own (<c>["Micro:Auth:PasswordIterations"] = "1000"</c>).</summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Changes the app's services after its own code added them and before it is built (a fake clock, a stub service).</summary>
    public Action<MicroAppBuilder>? ConfigureBuilder { get; set; }
}

/// <summary>
/// Drives a Micro app over real HTTP, as Django's test client: the app runs in this process on Kestrel at 127.0.0.1 with a
/// fresh SQLite database migrated from its migrations, and the client keeps cookies (the session, the CSRF cookie) between
/// requests. Responses carry Django's assertions (<see cref="MicroTestResponse.AssertContains"/>, <see cref="MicroTestResponse.AssertRedirects"/>...).
/// <code>
/// await using var client = await MicroTestClient.StartAsync(typeof(Site).Assembly);
/// (await client.GetAsync(Urls.Home())).AssertStatus(200).AssertContains("Hello");
/// </code>
/// In a <see cref="TestAttribute"/> method the test runner passes one in, started the same way.
/// </summary>
public sealed class MicroTestClient : IAsyncDisposable
{
    private const int MaxRedirects = 20;

    private readonly MicroApplication _app;
    private readonly bool _ownsApp;
    private readonly HttpClient _http;
    private readonly TemplateRecorder _recorder;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private string? _pageToken;
    private bool _disposed;

    private MicroTestClient(MicroApplication app, bool ownsApp, Uri baseAddress)
    {
        _app = app;
        _ownsApp = ownsApp;
        _recorder = app.Services.GetRequiredService<TemplateRecorder>();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { BaseAddress = baseAddress };
    }

    /// <summary>
    /// Starts the app compiled into <paramref name="app"/> (any type of it: <c>typeof(Site).Assembly</c>) for one test: its own entry
    /// point builds it, with the services and middleware it adds in code, in the Production environment; a new SQLite file is
    /// migrated with Micro's and the app's migrations; Kestrel listens on a free port of 127.0.0.1. Dispose the client to stop it.
    /// </summary>
    public static async Task<MicroTestClient> StartAsync(Assembly app, Action<MicroTestOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        EnsureSupported();
        var options = new MicroTestOptions();
        configure?.Invoke(options);
        var built = TestHost.Build(app, options);
        try
        {
            RenewDatabase(built.Services);
            built.Urls.Clear();
            built.Urls.Add("http://127.0.0.1:0");
            await built.StartAsync(cancellationToken);
            return new MicroTestClient(built, ownsApp: true, ListeningAddress(built));
        }
        catch
        {
            await built.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of an app the test runner started, with a new database: one per test.</summary>
    internal static MicroTestClient ForRunningApp(MicroApplication app)
    {
        RenewDatabase(app.Services);
        return new MicroTestClient(app, ownsApp: false, ListeningAddress(app));
    }

    /// <summary>The app's services (a scope for scoped ones: <c>client.Services.CreateAsyncScope()</c>), reading the same test database.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Loads fixtures into the test database, as <c>loaddata</c> does (Django's <c>TestCase.fixtures</c>; a <c>[Test]</c> says
    /// <see cref="TestAttribute.Fixtures"/>): names in the project's <c>fixtures/</c> folder or paths. Returns the objects saved.
    /// </summary>
    /// <exception cref="InvalidOperationException">A fixture isn't there or is wrong; the message says where, and nothing was saved.</exception>
    public async Task<int> LoadFixturesAsync(params string[] fixtures)
    {
        ArgumentNullException.ThrowIfNull(fixtures);
        try
        {
            return (await Data.Fixtures.LoadDataCommand.LoadAsync(Services, fixtures, CancellationToken.None)).Installed;
        }
        catch (CommandException exception)
        {
            throw new InvalidOperationException($"Loading the fixtures {string.Join(", ", fixtures)} failed: {exception.Message}", exception);
        }
    }

    /// <summary>Where the app listens: <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>
    /// The emails the app has sent, oldest first, as Django's <c>mail.outbox</c>: an app built for tests keeps mail in memory whatever
    /// <c>Micro:Email:Backend</c> says, and the <c>test</c> command empties it before each test.
    /// </summary>
    public IReadOnlyList<Mail.EmailMessage> Outbox => Services.GetRequiredService<Mail.MemoryEmailSender>().Outbox;

    /// <summary>The cookies the client sends, as a browser would keep them (Django's <c>client.cookies</c>). Secure cookies are sent too.</summary>
    public IDictionary<string, string> Cookies => _cookies;

    /// <summary>
    /// Whether unsafe requests must pass the CSRF check. Off by default, as in Django's test client; when on, form posts carry the
    /// token of the last page that had a form (its <c>csrfmiddlewaretoken</c>) or of the CSRF cookie, and JSON requests the header.
    /// </summary>
    public bool EnforceCsrfChecks { get; set; }

    /// <summary>Headers sent with every request (<c>Accept-Language</c>, <c>Authorization</c>).</summary>
    public IDictionary<string, string> DefaultHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>GETs <paramref name="url"/> (a path such as <c>Urls.PostPage("hello")</c>); with <paramref name="follow"/>, follows redirects.</summary>
    public Task<MicroTestResponse> GetAsync(string url, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethod.Get, url, null, null, null), follow, cancellationToken);

    /// <summary>DELETEs <paramref name="url"/>.</summary>
    public Task<MicroTestResponse> DeleteAsync(string url, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(new Request(HttpMethod.Delete, url, null, null, null), follow, cancellationToken);

    /// <summary>POSTs a form (<c>application/x-www-form-urlencoded</c>), with the page's CSRF token when checks are enforced.</summary>
    public Task<MicroTestResponse> PostAsync(string url, IEnumerable<KeyValuePair<string, string>>? form = null, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(FormRequest(HttpMethod.Post, url, form), follow, cancellationToken);

    /// <summary>PUTs a form.</summary>
    public Task<MicroTestResponse> PutAsync(string url, IEnumerable<KeyValuePair<string, string>>? form = null, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(FormRequest(HttpMethod.Put, url, form), follow, cancellationToken);

    /// <summary>PATCHes a form.</summary>
    public Task<MicroTestResponse> PatchAsync(string url, IEnumerable<KeyValuePair<string, string>>? form = null, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(FormRequest(HttpMethod.Patch, url, form), follow, cancellationToken);

    /// <summary>POSTs <paramref name="value"/> as JSON, written with the app's JSON metadata (the types its routes read and write).</summary>
    public Task<MicroTestResponse> PostJsonAsync<T>(string url, T value, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(JsonRequest(HttpMethod.Post, url, value), follow, cancellationToken);

    /// <summary>PUTs <paramref name="value"/> as JSON.</summary>
    public Task<MicroTestResponse> PutJsonAsync<T>(string url, T value, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(JsonRequest(HttpMethod.Put, url, value), follow, cancellationToken);

    /// <summary>PATCHes <paramref name="value"/> as JSON.</summary>
    public Task<MicroTestResponse> PatchJsonAsync<T>(string url, T value, bool follow = false, CancellationToken cancellationToken = default) =>
        SendAsync(JsonRequest(HttpMethod.Patch, url, value), follow, cancellationToken);

    /// <summary>Sends any request (other methods, headers, a raw body, files), with the client's cookies.</summary>
    public async Task<MicroTestResponse> SendAsync(HttpRequestMessage request, bool follow = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri?.ToString() ?? "/";
        byte[]? body = null;
        MediaTypeHeaderValue? contentType = null;
        if (request.Content is { } content)
        {
            body = await content.ReadAsByteArrayAsync(cancellationToken);
            contentType = content.Headers.ContentType;
        }

        var headers = request.Headers.Select(static h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value))).ToList();
        return await SendAsync(new Request(request.Method, url, body, contentType, headers), follow, cancellationToken);
    }

    /// <summary>
    /// Logs in with a username and password, as Django's <c>client.login()</c>: false when they don't match an active user.
    /// The session cookie it gets is the client's from then on.
    /// </summary>
    public async Task<bool> LoginAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        User? user;
        await using (var scope = Services.CreateAsyncScope())
        {
            user = await scope.ServiceProvider.GetRequiredService<AuthDb>().AuthenticateAsync(username, password, cancellationToken);
        }

        if (user is null)
        {
            return false;
        }

        await ForceLoginAsync(user, cancellationToken);
        return true;
    }

    /// <summary>Logs <paramref name="user"/> in without a password, as Django's <c>client.force_login()</c>: a session as <c>context.LoginAsync(user)</c> makes.</summary>
    public async Task ForceLoginAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var response = await SendOnceAsync(new Request(HttpMethod.Post, TestHost.LoginPath + "?user=" + user.Id.ToString(CultureInfo.InvariantCulture), null, null, null), cancellationToken);
        if (response.StatusCode != (int)HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"Logging in user '{user.Username}' failed: {response.Text}");
        }
    }

    /// <summary>Logs out: the session ends, as Django's <c>client.logout()</c>.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default) =>
        await SendOnceAsync(new Request(HttpMethod.Post, TestHost.LogoutPath, null, null, null), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _http.Dispose();
        if (_ownsApp)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The app's System.Text.Json options, with its generated metadata: what its routes read and write with.</summary>
    internal JsonSerializerOptions JsonOptions =>
        Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    internal JsonTypeInfo<T> JsonTypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)JsonOptions.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException exception)
        {
            throw new InvalidOperationException(
                $"The app has no JSON metadata for {typeof(T)}: only the types its routes read and write have it. " +
                "Use a type a route reads or writes, or send the JSON text with SendAsync.", exception);
        }
    }

    private static void EnsureSupported()
    {
        if (!TestingFeature.IsSupported)
        {
            throw new InvalidOperationException("This build was published without tests; publish with -p:MicroTests=true to run them.");
        }
    }

    private static void RenewDatabase(IServiceProvider services)
    {
        var database = services.GetRequiredService<TestDatabase>();
        if (!ReferenceEquals(services.GetService<IDatabaseProvider>(), database))
        {
            throw new InvalidOperationException(
                "The app registers its own IDatabaseProvider, so its tests would change that database. Tests run on a temporary SQLite " +
                "file each: register the provider only outside tests (for example when !builder.Environment.IsProduction() is not what you want, " +
                "check builder.Configuration instead).");
        }

        database.Renew();
        using var scope = services.CreateScope();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        if (MigrationCommands.Migrate(scope.ServiceProvider, output) != 0)
        {
            throw new InvalidOperationException("Migrating the test database failed:\n" + output);
        }
    }

    private static Uri ListeningAddress(MicroApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The app isn't listening: start it before making a client.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private Request FormRequest(HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>>? form)
    {
        var fields = form?.ToList() ?? [];
        if (EnforceCsrfChecks && !fields.Any(static f => f.Key == Csrf.FormField) && (_pageToken ?? CookieToken()) is { } token)
        {
            fields.Add(new(Csrf.FormField, token));
        }

        var body = string.Join("&", fields.Select(static f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        return new Request(method, url, Encoding.UTF8.GetBytes(body), new MediaTypeHeaderValue("application/x-www-form-urlencoded"), null);
    }

    private Request JsonRequest<T>(HttpMethod method, string url, T value) =>
        new(method, url, JsonSerializer.SerializeToUtf8Bytes(value, JsonTypeInfo<T>()), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, null);

    private string? CookieToken() => _cookies.TryGetValue(Csrf.CookieName, out var secret) ? secret : null;

    private async Task<MicroTestResponse> SendAsync(Request request, bool follow, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(request, cancellationToken);
        if (!follow)
        {
            return response;
        }

        var chain = new List<RedirectHop>();
        while (response.IsRedirect && response.Location is { } location)
        {
            if (chain.Count == MaxRedirects)
            {
                throw new AssertionFailedException($"More than {MaxRedirects} redirects from {request.Method} {request.Url}: {string.Join(" -> ", chain.Select(static h => h.Url))}.");
            }

            chain.Add(new RedirectHop(location, response.StatusCode));

            // 307 and 308 repeat the request; the others become a GET, as browsers do.
            request = response.StatusCode is 307 or 308
                ? request with { Url = location }
                : new Request(request.Method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get, location, null, null, request.Headers);
            response = await SendOnceAsync(request, cancellationToken);
        }

        response.RedirectChain = chain;
        return response;
    }

    private async Task<MicroTestResponse> SendOnceAsync(Request request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var id = Guid.NewGuid().ToString("N");
        using var message = new HttpRequestMessage(request.Method, request.Url.StartsWith('/') ? request.Url[1..] : request.Url);
        message.Headers.TryAddWithoutValidation(TestHost.RequestHeader, id);
        if (EnforceCsrfChecks)
        {
            message.Headers.TryAddWithoutValidation(TestHost.CsrfHeader, "enforce");
            if (request.ContentType?.MediaType != "application/x-www-form-urlencoded" && CookieToken() is { } token)
            {
                message.Headers.TryAddWithoutValidation(Csrf.HeaderName, token);
            }
        }

        foreach (var (name, value) in DefaultHeaders.Concat(request.Headers ?? []))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (_cookies.Count > 0)
        {
            message.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", _cookies.Select(static c => c.Key + "=" + c.Value)));
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = request.ContentType;
        }

        using var response = await _http.SendAsync(message, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = [.. values];
        }

        if (headers.TryGetValue("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                StoreCookie(setCookie);
            }
        }

        var result = new MicroTestResponse(this, request.Method.Method, request.Url, (int)response.StatusCode, response.ReasonPhrase ?? "",
            headers, content, _recorder.Take(id));
        if (result.IsHtml && FormToken(result.Text) is { } pageToken)
        {
            _pageToken = pageToken;
        }

        return result;
    }

    /// <summary>Keeps a Set-Cookie as Django's test client does: every cookie, whatever its Secure, Path or Domain; expired ones removed.</summary>
    private void StoreCookie(string setCookie)
    {
        var parts = setCookie.Split(';');
        var pair = parts[0].Split('=', 2);
        var name = pair[0].Trim();
        if (name.Length == 0)
        {
            return;
        }

        var expired = false;
        foreach (var attribute in parts.Skip(1))
        {
            var (key, value) = attribute.Split('=', 2) is var kv && kv.Length == 2 ? (kv[0].Trim(), kv[1].Trim()) : (attribute.Trim(), "");
            if (key.Equals("max-age", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var age))
            {
                expired = age <= 0;
                break;
            }

            if (key.Equals("expires", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
            {
                expired = expires <= DateTimeOffset.UtcNow;
            }
        }

        if (expired)
        {
            _cookies.Remove(name);
        }
        else
        {
            _cookies[name] = pair.Length == 2 ? pair[1].Trim() : "";
        }
    }

    /// <summary>The <c>csrfmiddlewaretoken</c> of a page's form, as <c>{% csrf_token %}</c> writes it.</summary>
    private static string? FormToken(string html)
    {
        var field = html.IndexOf("name=\"" + Csrf.FormField + "\"", StringComparison.Ordinal);
        if (field < 0)
        {
            return null;
        }

        var tagStart = html.LastIndexOf('<', field);
        var tagEnd = html.IndexOf('>', field);
        if (tagStart < 0 || tagEnd < 0)
        {
            return null;
        }

        var tag = html[tagStart..tagEnd];
        var value = tag.IndexOf("value=\"", StringComparison.Ordinal);
        if (value < 0)
        {
            return null;
        }

        value += "value=\"".Length;
        var end = tag.IndexOf('"', value);
        return end < 0 ? null : tag[value..end];
    }

    private sealed record Request(HttpMethod Method, string Url, byte[]? Body, MediaTypeHeaderValue? ContentType, IReadOnlyList<KeyValuePair<string, string>>? Headers);
}

/// <summary>One step of the redirects a followed request went through: the URL it was sent to and the status that sent it there.</summary>
public readonly record struct RedirectHop(string Url, int StatusCode);
