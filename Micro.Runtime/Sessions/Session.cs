using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Micro.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Micro;

/// <summary>
/// The request's session, as Django's <c>request.session</c>: values kept across a visitor's requests under string keys. Take it as a
/// route parameter (<c>Session session</c>) or from <c>context.GetSession()</c>. It loads on first use (a request that never reads
/// it costs nothing and gets no cookie), and is saved, with its cookie sent, only when it changed. Values are strings, numbers,
/// booleans, or any type as JSON through the app's System.Text.Json metadata (<see cref="Set{T}(string, T)"/>), never reflection.
/// </summary>
public sealed class Session
{
    /// <summary>The key under which <see cref="SetExpiry(TimeSpan)"/> keeps a session's own expiry, as Django does.</summary>
    public const string ExpiryKey = "_session_expiry";

    private readonly HttpContext _context;
    private readonly ISessionStore _store;
    private readonly MicroSessionOptions _options;
    private readonly TimeProvider _clock;
    private readonly string? _cookieValue;
    private Dictionary<string, string>? _values;
    private string? _key;
    private string? _staleKey;
    private bool _modified;
    private bool _accessed;
    private bool _committed;

    private Session(HttpContext context, ISessionStore store, MicroSessionOptions options, TimeProvider clock)
    {
        _context = context;
        _store = store;
        _options = options;
        _clock = clock;
        _cookieValue = context.Request.Cookies[options.CookieName] is { Length: > 0 } value ? value : null;
    }

    /// <summary>The session of <paramref name="context"/>, made on first use; its changes are saved when the response starts.</summary>
    internal static Session For(HttpContext context)
    {
        if (context.Features.Get<Session>() is { } existing)
        {
            return existing;
        }

        var services = context.RequestServices;
        var session = new Session(
            context,
            services.GetRequiredService<ISessionStore>(),
            services.GetRequiredService<IOptions<MicroSessionOptions>>().Value,
            services.GetService<TimeProvider>() ?? TimeProvider.System);
        context.Features.Set(session);
        context.Response.OnStarting(static state => ((Session)state).CommitAsync(), session);
        return session;
    }

    /// <summary>Whether the request came with a session cookie (not whether it named a valid session).</summary>
    internal static bool HasCookie(HttpContext context) =>
        HasCookie(context, context.RequestServices.GetRequiredService<IOptions<MicroSessionOptions>>().Value);

    /// <summary>As <see cref="HasCookie(HttpContext)"/>, with the options a caller already holds.</summary>
    /// <remarks>A request without a Cookie header is answered from the header alone, without parsing cookies.</remarks>
    internal static bool HasCookie(HttpContext context, MicroSessionOptions options) =>
        context.Request.Headers.Cookie.Count > 0 && context.Request.Cookies.ContainsKey(options.CookieName);

    /// <summary>The session's key in its store; null before it is first saved, and always with the cookie store.</summary>
    public string? Key
    {
        get
        {
            EnsureLoaded();
            return _key;
        }
    }

    /// <summary>Whether the session holds nothing and has no key: its cookie is removed.</summary>
    public bool IsEmpty
    {
        get
        {
            EnsureLoaded();
            return _values!.Count == 0 && _key is null;
        }
    }

    /// <summary>Whether the session changed during this request, so that it is saved.</summary>
    public bool IsModified => _modified;

    /// <summary>The keys it holds.</summary>
    public IReadOnlyCollection<string> Keys => Values.Keys;

    public int Count => Values.Count;

    public bool ContainsKey(string key) => Values.ContainsKey(key);

    private Dictionary<string, string> Values
    {
        get
        {
            EnsureLoaded();
            _accessed = true;
            return _values!;
        }
    }

    /// <summary>Reads the session from its store now, without blocking; every other member does it on first use otherwise.</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken = default)
    {
        if (_values is not null)
        {
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_cookieValue is not null
            && await _store.LoadAsync(_cookieValue, _clock.GetUtcNow(), cancellationToken) is { } stored
            && SessionPayload.TryRead(stored.Data, values))
        {
            _key = stored.Key;
        }
        else
        {
            values.Clear();
        }

        _values ??= values;
    }

    private void EnsureLoaded()
    {
        if (_values is null)
        {
            LoadAsync(_context.RequestAborted).AsTask().GetAwaiter().GetResult();
        }
    }

    // ---- Values ---------------------------------------------------------------------------------------------

    /// <summary>The text under <paramref name="key"/>; null when missing or not text.</summary>
    public string? GetString(string key) => Read(key, static e => e.ValueKind == JsonValueKind.String ? e.GetString() : null);

    public int? GetInt32(string key) => Read(key, static e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : (int?)null);

    public long? GetInt64(string key) => Read(key, static e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : (long?)null);

    public double? GetDouble(string key) => Read(key, static e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) ? v : (double?)null);

    public decimal? GetDecimal(string key) => Read(key, static e => e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var v) ? v : (decimal?)null);

    public bool? GetBoolean(string key) => Read(key, static e => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => (bool?)null,
    });

    /// <summary>
    /// The value under <paramref name="key"/> read as JSON with the app's metadata for <typeparamref name="T"/> (the generated metadata
    /// and the app's own <c>JsonSerializerContext</c>, as its routes use); default when missing or no longer of that shape.
    /// </summary>
    public T? Get<T>(string key) => Get(key, TypeInfo<T>());

    /// <summary>As <see cref="Get{T}(string)"/>, with the metadata given.</summary>
    public T? Get<T>(string key, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!Values.TryGetValue(key, out var json))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException)
        {
            // Stored by an older version of the type: as if missing, rather than a failed request.
            return default;
        }
    }

    public void SetString(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Write(key, SessionPayload.StringJson(value));
    }

    public void SetInt32(string key, int value) => Write(key, value.ToString(CultureInfo.InvariantCulture));

    public void SetInt64(string key, long value) => Write(key, value.ToString(CultureInfo.InvariantCulture));

    /// <exception cref="ArgumentOutOfRangeException">NaN or an infinity, which JSON can't hold.</exception>
    public void SetDouble(string key, double value) =>
        Write(key, double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(value), "A session can't hold NaN or an infinity."));

    public void SetDecimal(string key, decimal value) => Write(key, value.ToString(CultureInfo.InvariantCulture));

    public void SetBoolean(string key, bool value) => Write(key, value ? "true" : "false");

    /// <summary>Keeps <paramref name="value"/> as JSON, written with the app's metadata for <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">The app has no JSON metadata for <typeparamref name="T"/>: pass a <see cref="JsonTypeInfo{T}"/>.</exception>
    public void Set<T>(string key, T value) => Set(key, value, TypeInfo<T>());

    /// <summary>As <see cref="Set{T}(string, T)"/>, with the metadata given.</summary>
    public void Set<T>(string key, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Write(key, JsonSerializer.Serialize(value, typeInfo));
    }

    /// <summary>Removes <paramref name="key"/>; false when it wasn't there.</summary>
    public bool Remove(string key)
    {
        if (Values.Remove(key))
        {
            MarkModified();
            return true;
        }

        return false;
    }

    /// <summary>Removes every value; the session keeps its key (<see cref="Flush"/> ends it).</summary>
    public void Clear()
    {
        if (Values.Count > 0)
        {
            Values.Clear();
            MarkModified();
        }
    }

    /// <summary>Ends the session, as Django's <c>flush()</c> (which logout calls): its values are removed, it is deleted from the store and its cookie is removed.</summary>
    public void Flush()
    {
        EnsureLoaded();
        _values!.Clear();
        _staleKey = _key ?? _staleKey;
        _key = null;
        _accessed = true;
        MarkModified();
    }

    /// <summary>Keeps the values under a new key, as Django's <c>cycle_key()</c>: login calls it, so that a key known before login is worthless after it.</summary>
    public void CycleKey()
    {
        EnsureLoaded();
        _staleKey = _key ?? _staleKey;
        _key = null;
        _accessed = true;
        MarkModified();
    }

    // ---- Expiry ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Makes this session last <paramref name="age"/> from its last change, as Django's <c>set_expiry(seconds)</c>;
    /// <see cref="TimeSpan.Zero"/> makes its cookie last until the browser closes.
    /// </summary>
    public void SetExpiry(TimeSpan age)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        Write(ExpiryKey, ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Makes this session end at <paramref name="date"/>, as Django's <c>set_expiry(datetime)</c>.</summary>
    public void SetExpiry(DateTimeOffset date) =>
        Write(ExpiryKey, SessionPayload.StringJson(date.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>Goes back to the settings' expiry (<see cref="MicroSessionOptions.CookieAge"/>).</summary>
    public void ResetExpiry() => Remove(ExpiryKey);

    /// <summary>How long the session lasts from now, as Django's <c>get_expiry_age()</c>.</summary>
    public TimeSpan GetExpiryAge()
    {
        if (Values.TryGetValue(ExpiryKey, out var json))
        {
            if (long.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds / 2));
            }

            if (GetString(ExpiryKey) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var left = date - _clock.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        return _options.CookieAge;
    }

    /// <summary>When the session ends if it is saved now, as Django's <c>get_expiry_date()</c>.</summary>
    public DateTimeOffset GetExpiryDate() => _clock.GetUtcNow() + GetExpiryAge();

    /// <summary>Whether the cookie lasts only until the browser closes, as Django's <c>get_expire_at_browser_close()</c>.</summary>
    public bool ExpiresAtBrowserClose =>
        Values.TryGetValue(ExpiryKey, out var json) ? json == "0" : _options.ExpireAtBrowserClose;

    // ---- Saving ---------------------------------------------------------------------------------------------

    private T? Read<T>(string key, Func<JsonElement, T> read)
    {
        if (!Values.TryGetValue(key, out var json))
        {
            return default;
        }

        using var document = JsonDocument.Parse(json);
        return read(document.RootElement);
    }

    private void Write(string key, string json)
    {
        ArgumentNullException.ThrowIfNull(key);
        Values[key] = json;
        MarkModified();
    }

    private void MarkModified()
    {
        if (_committed)
        {
            throw new InvalidOperationException("The response has started, so the session can't change any more: change it before writing the response.");
        }

        _modified = true;
    }

    private JsonTypeInfo<T> TypeInfo<T>()
    {
        var options = _context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return options.TryGetTypeInfo(typeof(T), out var typeInfo) && typeInfo is JsonTypeInfo<T> typed
            ? typed
            : throw new NotSupportedException(
                $"The app has no JSON metadata for {typeof(T)}, so the session can't keep it: use the type in a route's body or result, " +
                "add a JsonSerializerContext for it to the app's JSON options, or pass its JsonTypeInfo.");
    }

    /// <summary>Saves the session and sets or removes its cookie, as Django's session middleware does at the end of a request.</summary>
    private async Task CommitAsync()
    {
        _committed = true;
        if (_values is null)
        {
            return;
        }

        var response = _context.Response;
        if (_accessed)
        {
            response.Headers.Append(HeaderNames.Vary, "Cookie");
        }

        var cancellationToken = _context.RequestAborted;
        if (_values.Count == 0 && _key is null)
        {
            if (_staleKey is not null)
            {
                await _store.DeleteAsync(_staleKey, cancellationToken);
            }

            if (_cookieValue is not null)
            {
                response.Cookies.Delete(_options.CookieName, new CookieOptions { Path = _options.CookiePath, Domain = _options.CookieDomain });
            }

            return;
        }

        // As Django: not after a server error, whose request may have left the values half-changed.
        if (!(_modified || _options.SaveEveryRequest) || response.StatusCode >= 500)
        {
            return;
        }

        var age = GetExpiryAge();
        var now = _clock.GetUtcNow();
        var saved = await _store.SaveAsync(_key, SessionPayload.Write(_values), now + age, cancellationToken);
        if (_staleKey is not null && _staleKey != saved.Key)
        {
            await _store.DeleteAsync(_staleKey, cancellationToken);
        }

        _key = saved.Key;
        var environment = _context.RequestServices.GetService<IHostEnvironment>();
        var cookie = new CookieOptions
        {
            Path = _options.CookiePath,
            Domain = _options.CookieDomain,
            HttpOnly = _options.CookieHttpOnly,
            SameSite = _options.CookieSameSite,
            Secure = _options.CookieSecure ?? environment?.IsDevelopment() != true,
        };
        if (!ExpiresAtBrowserClose)
        {
            cookie.MaxAge = age;
            cookie.Expires = now + age;
        }

        response.Cookies.Append(_options.CookieName, saved.CookieValue, cookie);
    }
}

/// <summary>A session's values as stored: one JSON object, each value kept as its JSON text.</summary>
internal static class SessionPayload
{
    public static string Write(Dictionary<string, string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, json) in values)
            {
                writer.WritePropertyName(key);
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A string as JSON text.</summary>
    public static string StringJson(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Fills <paramref name="values"/> from stored text; false when it isn't a JSON object (then the session starts empty).</summary>
    public static bool TryRead(string data, Dictionary<string, string> values)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.GetRawText();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
