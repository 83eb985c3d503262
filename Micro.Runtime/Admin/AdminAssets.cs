using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Micro.Admin;

/// <summary>The admin's stylesheet, embedded in Micro.Runtime (so a native binary carries it) and served by the admin itself.</summary>
internal static class AdminAssets
{
    private static readonly Lazy<(byte[] Content, string ETag)> s_stylesheet = new(static () =>
    {
        using var stream = typeof(AdminAssets).Assembly.GetManifestResourceStream("Micro.Admin/admin.css")
            ?? throw new InvalidOperationException("Micro.Runtime was built without the admin's stylesheet.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return (content, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
    });

    public static async Task StylesheetAsync(HttpContext context)
    {
        var (content, etag) = s_stylesheet.Value;
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "public, max-age=3600";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = "text/css; charset=utf-8";
        response.ContentLength = content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(content, context.RequestAborted);
        }
    }
}
