using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Micro.Caching;

/// <summary>A response kept by <see cref="CachePageAttribute"/>: its headers (name, value pairs) and body.</summary>
internal sealed class CachedPage
{
    public string[] Headers { get; set; } = [];

    public byte[] Body { get; set; } = [];
}

/// <summary>
/// <see cref="CachePageAttribute"/> at work, around a route's request delegate (as Django's <c>CacheMiddleware</c> around a view):
/// answers from the cache, or calls the handler and keeps what it answered. As Django, it learns a page's headers to vary on from
/// its response (stored under the URL), and keys the page by the URL and the request's values of those headers; keys are hashes,
/// so a hostile query string or header makes a key like any other.
/// </summary>
internal static class PageCache
{
    /// <summary>The largest response kept: a bigger one is served as usual and not cached.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly string[] s_unstoredHeaders =
        [HeaderNames.SetCookie, HeaderNames.TransferEncoding, HeaderNames.Connection, HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.KeepAlive];

    /// <summary><paramref name="next"/>, cached as the endpoint's <see cref="CachePageAttribute"/> says; itself when there is none.</summary>
    public static RequestDelegate Wrap(RequestDelegate next, IReadOnlyList<object> metadata)
    {
        var attribute = metadata.OfType<CachePageAttribute>().LastOrDefault();
        if (attribute is null || attribute.Seconds <= 0)
        {
            return next;
        }

        var declared = Headers(attribute.VaryByHeader);
        return context => ServeAsync(context, next, attribute, declared);
    }

    private static async Task ServeAsync(HttpContext context, RequestDelegate next, CachePageAttribute attribute, string[] declared)
    {
        var request = context.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && (attribute.CacheAuthenticated || context.User.Identity?.IsAuthenticated != true);
        if (!cacheable || context.RequestServices.GetService(typeof(Cache)) is not Cache cache)
        {
            await next(context);
            return;
        }

        var url = Hash(request.Scheme + "://" + request.Host.Value + request.PathBase.Value + request.Path.Value + request.QueryString.Value);
        var prefix = "micro.page." + (attribute.KeyPrefix ?? "");
        var headersKey = prefix + ".headers." + url;
        if (await TryGetAsync(cache, headersKey, CacheJson.Default.StringArray, context.RequestAborted) is { } learned
            && await TryGetAsync(cache, PageKey(prefix, url, learned, request), CacheJson.Default.CachedPage, context.RequestAborted) is { } page)
        {
            await WriteAsync(context, page);
            return;
        }

        var response = context.Response;
        var original = response.Body;
        using var capture = new CaptureStream(original, MaxBodyBytes);
        response.Body = capture;
        var maxAge = attribute.Seconds;
        response.OnStarting(() =>
        {
            if (Keepable(response))
            {
                // Django's patch_response_headers: max-age unless the response has one, Expires unless it has one.
                var cacheControl = response.Headers.CacheControl.ToString();
                if (!cacheControl.Contains("max-age", StringComparison.OrdinalIgnoreCase))
                {
                    response.Headers.CacheControl = cacheControl.Length == 0 ? $"max-age={maxAge}" : $"{cacheControl}, max-age={maxAge}";
                }

                if (StringValues.IsNullOrEmpty(response.Headers.Expires))
                {
                    response.Headers.Expires = DateTimeOffset.UtcNow.AddSeconds(maxAge).ToString("R");
                }
            }

            return Task.CompletedTask;
        });

        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (!Keepable(response) || capture.Overflowed || context.RequestAborted.IsCancellationRequested
            || (!attribute.CacheAuthenticated && context.User.Identity?.IsAuthenticated == true))
        {
            return;
        }

        var vary = declared.Concat(Headers(response.Headers.Vary.ToString())).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
        if (vary.Contains("*"))
        {
            return;
        }

        var stored = new List<string>();
        foreach (var (name, values) in response.Headers)
        {
            if (!s_unstoredHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    stored.Add(name);
                    stored.Add(value ?? "");
                }
            }
        }

        var timeout = CacheTimeout.FromSeconds(maxAge);
        try
        {
            await cache.SetAsync(headersKey, vary, CacheJson.Default.StringArray, timeout);
            await cache.SetAsync(PageKey(prefix, url, vary, request), new CachedPage { Headers = [.. stored], Body = capture.Captured }, CacheJson.Default.CachedPage, timeout);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The response went out; a cache that can't keep it (Redis down) costs the next request a handler call, not an error.
            Log(context, exception);
        }
    }

    /// <summary>Django's conditions: a 200 that sets no cookie and says neither private, no-store nor no-cache.</summary>
    private static bool Keepable(HttpResponse response)
    {
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            return false;
        }

        var cacheControl = response.Headers.CacheControl.ToString();
        return !(cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("no-cache", StringComparison.OrdinalIgnoreCase));
    }

    private static string PageKey(string prefix, string url, string[] vary, HttpRequest request)
    {
        var values = new StringBuilder();
        foreach (var header in vary)
        {
            // Each value length-prefixed: no two lists of values read as one.
            var value = request.Headers[header].ToString();
            values.Append(header.Length).Append(':').Append(header.ToLowerInvariant()).Append(value.Length).Append(':').Append(value);
        }

        return prefix + ".page." + url + "." + Hash(values.ToString());
    }

    private static async Task WriteAsync(HttpContext context, CachedPage page)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;

        // Set, not appended: middleware outside the cache (which runs again) may have set the same headers already.
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < page.Headers.Length; i += 2)
        {
            (headers.TryGetValue(page.Headers[i], out var values) ? values : headers[page.Headers[i]] = []).Add(page.Headers[i + 1]);
        }

        foreach (var (name, values) in headers)
        {
            response.Headers[name] = new StringValues([.. values]);
        }

        response.ContentLength = page.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(page.Body, context.RequestAborted);
        }
    }

    private static async Task<T?> TryGetAsync<T>(Cache cache, string key, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await cache.GetAsync(key, typeInfo, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ArgumentException)
        {
            // A cache that can't be read (Redis down) serves the page from its handler.
            return null;
        }
    }

    private static void Log(HttpContext context, Exception exception) =>
        (context.RequestServices.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) as Microsoft.Extensions.Logging.ILoggerFactory)?
            .CreateLogger("Micro.Caching").LogWarning(exception, "The page cache couldn't keep a response.");

    private static string[] Headers(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Passes writes through to the response and keeps a copy, up to a limit past which the response isn't cached.</summary>
    private sealed class CaptureStream(Stream inner, int limit) : Stream
    {
        private MemoryStream? _copy = new();

        public bool Overflowed => _copy is null;

        public byte[] Captured => _copy?.ToArray() ?? [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (_copy is null)
            {
                return;
            }

            if (_copy.Length + bytes.Length > limit)
            {
                _copy.Dispose();
                _copy = null;
                return;
            }

            _copy.Write(bytes);
        }

        protected override void Dispose(bool disposing)
        {
            _copy?.Dispose();
            base.Dispose(disposing);
        }
    }
}
