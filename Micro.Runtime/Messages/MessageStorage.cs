using System.Collections;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro;

/// <summary>
/// The messages of one request: those the last responses left in the <c>messages</c> cookie, then those added since. Reading
/// them through (a template's loop) marks them shown: the response then clears the cookie, keeping only messages added after.
/// Counting them (<c>{% if messages %}</c>) does not.
/// </summary>
public sealed class MessageStorage : IEnumerable<Message>, ICollection
{
    /// <summary>The cookie's name (Django's <c>messages</c>).</summary>
    public const string CookieName = "messages";

    /// <summary>The longest cookie value kept; older messages are dropped past it, as Django's cookie storage does.</summary>
    internal const int MaxCookieLength = 2048;

    private const string Purpose = "Micro.Messages";

    private readonly HttpContext _context;
    private List<Message>? _loaded;
    private readonly List<Message> _queued = [];
    private bool _hadCookie;
    private bool _used;
    private bool _added;
    private bool _storing;

    // Made for every page whose template reads a context processor's variable: what costs something waits until the messages
    // are read or added.
    private MessageStorage(HttpContext context) => _context = context;

    internal static MessageStorage For(HttpContext context)
    {
        if (context.Features.Get<MessageStorage>() is { } storage)
        {
            return storage;
        }

        storage = new MessageStorage(context);
        context.Features.Set(storage);
        return storage;
    }

    /// <summary>How many messages wait, without marking them shown.</summary>
    public int Count => Loaded.Count + _queued.Count;

    internal void Add(Message message)
    {
        var minimumLevel = _context.RequestServices.GetService<IOptions<MicroOptions>>()?.Value.MessageLevel ?? MessageLevel.Info;
        if (message.Level < minimumLevel)
        {
            return;
        }

        if (_context.Response.HasStarted)
        {
            throw new InvalidOperationException($"The message '{message.Text}' was added after the response started: add messages before writing the response.");
        }

        StoreWhenTheResponseStarts();
        _added = true;
        _queued.Add(message);
    }

    /// <summary>Has the response keep or clear the cookie (<see cref="Store"/>), once messages were read or added.</summary>
    private void StoreWhenTheResponseStarts()
    {
        if (!_storing && !_context.Response.HasStarted)
        {
            _storing = true;
            _context.Response.OnStarting(static state => ((MessageStorage)state).Store(), this);
        }
    }

    public IEnumerator<Message> GetEnumerator()
    {
        _used = true;
        var loaded = Loaded;
        loaded.AddRange(_queued);
        _queued.Clear();
        return loaded.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection.CopyTo(Array array, int index)
    {
        foreach (var message in this)
        {
            array.SetValue(message, index++);
        }
    }

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => this;

    private List<Message> Loaded => _loaded ??= Load();

    private IDataProtector Protector => _context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private List<Message> Load()
    {
        StoreWhenTheResponseStarts();
        if (!_context.Request.Cookies.TryGetValue(CookieName, out var cookie) || cookie.Length == 0)
        {
            return [];
        }

        _hadCookie = true;
        try
        {
            var json = Protector.Unprotect(WebEncoders.Base64UrlDecode(cookie));
            return Parse(json);
        }
        catch (Exception exception) when (exception is FormatException or System.Security.Cryptography.CryptographicException or JsonException or InvalidOperationException)
        {
            // A cookie this app didn't write (or wrote with keys it no longer has): no messages, and the cookie goes. As in Django,
            // that is no warning: any client can send one, and each would put a line in the log.
            _context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Micro.Messages")
                .LogDebug("The messages cookie could not be read and was discarded: {Error}", exception.Message);
            _used = true;
            return [];
        }
    }

    private static List<Message> Parse(byte[] json)
    {
        var messages = new List<Message>();
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            messages.Add(new Message((MessageLevel)item[0].GetInt32(), item[1].GetString()!, item[2].GetString()!));
        }

        return messages;
    }

    private static byte[] Serialize(List<Message> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue((int)message.Level);
                writer.WriteStringValue(message.Text);
                writer.WriteStringValue(message.ExtraTags);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>As the response starts: keep what wasn't shown and what was added since; clear the cookie when nothing is left.</summary>
    private Task Store()
    {
        if (!_used && !_added)
        {
            return Task.CompletedTask;
        }

        var keep = _used ? [.. _queued] : new List<Message>([.. Loaded, .. _queued]);
        var cookies = _context.Response.Cookies;
        var options = CookieOptions();
        string? value = null;
        while (keep.Count > 0)
        {
            value = WebEncoders.Base64UrlEncode(Protector.Protect(Serialize(keep)));
            if (value.Length <= MaxCookieLength)
            {
                break;
            }

            // Too long for a cookie: the oldest go, as in Django.
            keep.RemoveAt(0);
            value = null;
        }

        if (value is not null)
        {
            cookies.Append(CookieName, value, options);
        }
        else if (_hadCookie || _context.Request.Cookies.ContainsKey(CookieName))
        {
            cookies.Delete(CookieName, options);
        }

        return Task.CompletedTask;
    }

    private CookieOptions CookieOptions()
    {
        var development = _context.RequestServices.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = _context.Request.IsHttps || !development,
            SameSite = SameSiteMode.Lax,
            Path = "/",
        };
    }
}
