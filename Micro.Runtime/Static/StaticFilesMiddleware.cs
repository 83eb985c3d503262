using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Micro.Static;

/// <summary>
/// Serves <see cref="StaticFiles"/> under <see cref="MicroOptions.StaticUrl"/> for GET and HEAD: a fingerprinted name with a
/// year's <c>immutable</c> caching, a plain name revalidated with its ETag on every use; <c>304</c> for a current copy, and
/// the Brotli or gzip variant where the client accepts it. Every other request passes on.
/// </summary>
internal sealed class StaticFilesMiddleware(RequestDelegate next, StaticFiles files, IOptions<MicroOptions> options)
{
    private readonly PathString _prefix = new(options.Value.StaticUrl.TrimEnd('/'));

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || _prefix.Value is not { Length: > 0 }
            || !request.Path.StartsWithSegments(_prefix, StringComparison.Ordinal, out var rest)
            || rest.Value is not { Length: > 1 } path)
        {
            return next(context);
        }

        var name = path[1..];
        var hashed = files.FindHashed(name);
        var file = hashed ?? files.Find(name);
        return file is null ? next(context) : ServeAsync(context, file, immutable: hashed is not null);
    }

    private Task ServeAsync(HttpContext context, StaticFile file, bool immutable)
    {
        var response = context.Response;
        var headers = response.GetTypedHeaders();
        var etag = new EntityTagHeaderValue("\"" + file.Hash + "\"");
        headers.ETag = etag;
        headers.LastModified = files.LastModified;
        headers.CacheControl = immutable
            ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
            : new CacheControlHeaderValue { NoCache = true };
        if (file.IsCompressible)
        {
            response.Headers.Vary = "Accept-Encoding";
        }

        if (IsCurrent(context.Request.GetTypedHeaders(), etag, files.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var (body, encoding) = Choose(context.Request, file);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        response.ContentLength = body.Length;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>Whether the client's copy is current: If-None-Match when sent (it wins, as RFC 9110 says), else If-Modified-Since.</summary>
    private static bool IsCurrent(RequestHeaders request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = request.IfNoneMatch;
        if (ifNoneMatch is { Count: > 0 })
        {
            return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
        }

        return request.IfModifiedSince is { } since && lastModified <= since;
    }

    /// <summary>Brotli, then gzip, when the client accepts it (a q of 0 refuses) and it is smaller.</summary>
    private static (byte[] Body, string? Encoding) Choose(HttpRequest request, StaticFile file)
    {
        if (!file.IsCompressible)
        {
            return (file.Content, null);
        }

        var accepted = request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string coding)
        {
            // A coding named outright decides; else "*" does.
            var named = accepted.FirstOrDefault(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
                ?? accepted.FirstOrDefault(static a => a.Value.Equals("*", StringComparison.Ordinal));
            return named is not null && named.Quality is not 0;
        }

        if (Accepts("br") && file.Brotli is { } brotli)
        {
            return (brotli, "br");
        }

        return Accepts("gzip") && file.Gzip is { } gzip ? (gzip, "gzip") : (file.Content, null);
    }
}
