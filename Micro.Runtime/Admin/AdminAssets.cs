using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Micro.Admin;

/// <summary>The admin's stylesheet and its scripts (inlines, autocomplete, lookups, prepopulated fields), embedded in Micro.Runtime (so a native binary carries them) and served by the admin itself.</summary>
internal static class AdminAssets
{
    private static readonly Lazy<(byte[] Content, string ETag)> s_stylesheet = new(static () => Load("Micro.Admin/admin.css"));

    private static readonly Lazy<(byte[] Content, string ETag)> s_inlines = new(static () => Load("Micro.Admin/inlines.js"));

    private static readonly Lazy<(byte[] Content, string ETag)> s_autocomplete = new(static () => Load("Micro.Admin/autocomplete.js"));

    private static readonly Lazy<(byte[] Content, string ETag)> s_related = new(static () => Load("Micro.Admin/related.js"));

    private static readonly Lazy<(byte[] Content, string ETag)> s_prepopulate = new(static () => Load("Micro.Admin/prepopulate.js"));

    public static Task StylesheetAsync(HttpContext context) => ServeAsync(context, s_stylesheet.Value, "text/css; charset=utf-8");

    /// <summary>"Add another" on the change page's inlines.</summary>
    public static Task InlinesScriptAsync(HttpContext context) => ServeAsync(context, s_inlines.Value, "text/javascript; charset=utf-8");

    /// <summary>The search box of the change page's <c>AutocompleteFields</c>.</summary>
    public static Task AutocompleteScriptAsync(HttpContext context) => ServeAsync(context, s_autocomplete.Value, "text/javascript; charset=utf-8");

    /// <summary>The lookup popup of the change page's <c>RawIdFields</c>, and the list's side of it.</summary>
    public static Task RelatedScriptAsync(HttpContext context) => ServeAsync(context, s_related.Value, "text/javascript; charset=utf-8");

    /// <summary>The change page's <c>PrepopulatedFields</c>, filled as the fields they come from are typed.</summary>
    public static Task PrepopulateScriptAsync(HttpContext context) => ServeAsync(context, s_prepopulate.Value, "text/javascript; charset=utf-8");

    private static (byte[] Content, string ETag) Load(string name)
    {
        using var stream = typeof(AdminAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Micro.Runtime was built without the admin's {name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return (content, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
    }

    private static async Task ServeAsync(HttpContext context, (byte[] Content, string ETag) asset, string contentType)
    {
        var (content, etag) = asset;
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "public, max-age=3600";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = contentType;
        response.ContentLength = content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(content, context.RequestAborted);
        }
    }
}
