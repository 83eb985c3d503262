using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Micro.Files;

/// <summary>The app's uploaded files: the storage service, and serving them at the media URL.</summary>
internal static class MediaFiles
{
    /// <summary>Types a browser runs or lays out as a page of the site: served as downloads, sandboxed, so an upload can't script the site.</summary>
    private static readonly HashSet<string> s_activeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml", "text/javascript", "application/javascript",
        "application/x-javascript", "text/xsl", "application/x-shockwave-flash", "application/pdf",
    };

    /// <summary>Registers <see cref="IFileStorage"/>: a <see cref="FileSystemStorage"/> at the media root and URL, unless the app registers its own.</summary>
    public static void AddServices(IServiceCollection services) =>
        services.TryAddSingleton<IFileStorage>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<MicroOptions>>().Value;
            return new FileSystemStorage(Root(options, provider.GetRequiredService<IHostEnvironment>()), options.MediaUrl);
        });

    /// <summary>The media root as a full path: <see cref="MicroOptions.MediaRoot"/>, under the content root when relative.</summary>
    public static string Root(MicroOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.MediaRoot ?? "media"));

    /// <summary>
    /// Serves the media root at the media URL for GET and HEAD, with ASP.NET Core's static file middleware (ETags, ranges, <c>304</c>):
    /// only files (no listings, no names starting with <c>.</c>), and every type a browser would run as a page as a sandboxed download.
    /// A media URL that isn't local (another host serves the files) serves nothing here.
    /// </summary>
    public static IApplicationBuilder Use(IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var options = services.GetRequiredService<IOptions<MicroOptions>>().Value;
        var url = options.MediaUrl.TrimEnd('/');
        if (url.Length == 0 || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal))
        {
            return app;
        }

        if (string.Equals(url, options.StaticUrl.TrimEnd('/'), StringComparison.Ordinal))
        {
            // Django's ImproperlyConfigured: uploads must never be served as, or mistaken for, the app's own files.
            throw new InvalidOperationException(
                $"Micro:MediaUrl and the static URL are both '{options.MediaUrl}': uploaded files would share an address with the app's static files. Give them different values.");
        }

        var root = Root(options, services.GetRequiredService<IHostEnvironment>());
        var prefix = new PathString(url);
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        return app.Use(next =>
        {
            RequestDelegate? serve = null;
            return context =>
            {
                var request = context.Request;
                if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !request.Path.StartsWithSegments(prefix, StringComparison.Ordinal))
                {
                    return next(context);
                }

                // The folder is made by the first upload; until then there is nothing to serve.
                if (serve is null)
                {
                    if (!Directory.Exists(root))
                    {
                        return next(context);
                    }

                    serve = new StaticFileMiddleware(next, environment, Options.Create(Serving(root, prefix)), loggers).Invoke;
                }

                return serve(context);
            };
        });
    }

    private static StaticFileOptions Serving(string root, PathString prefix) => new()
    {
        FileProvider = new PhysicalFileProvider(root),
        RequestPath = prefix,
        ServeUnknownFileTypes = true,
        DefaultContentType = "application/octet-stream",
        OnPrepareResponse = static context =>
        {
            var headers = context.Context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (context.Context.Response.ContentType is { } type && s_activeTypes.Contains(type.Split(';')[0].Trim()))
            {
                headers.ContentDisposition = "attachment";
                headers.ContentSecurityPolicy = "sandbox";
            }
        },
    };
}
