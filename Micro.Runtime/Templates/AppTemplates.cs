using Micro.Hosting;
using Microsoft.Extensions.Hosting;

namespace Micro.Templates;

/// <summary>The template engine of a Micro app, as <see cref="MicroExtensions.AddMicroTemplates"/> registers it.</summary>
internal static class AppTemplates
{
    public static TemplateEngine CreateEngine(AppManifest manifest, IHostEnvironment environment, MicroOptions options, Static.StaticFiles? staticFiles = null, Files.IFileStorage? fileStorage = null)
    {
        // The app's templates, then Micro's own (registration/login.html...), which an app overrides by having the same name.
        ITemplateLoader loader = ReferenceEquals(manifest.Assembly, typeof(AppTemplates).Assembly)
            ? new EmbeddedTemplateLoader(manifest.Assembly)
            : new ChainTemplateLoader(new EmbeddedTemplateLoader(manifest.Assembly), new EmbeddedTemplateLoader(typeof(AppTemplates).Assembly));
        var folder = FindTemplatesFolder(manifest, environment);
        if (folder is not null && (options.ReloadTemplates ?? environment.IsDevelopment()))
        {
            // The folder first: an edited or new template wins over the copy built into the assembly.
            loader = new ChainTemplateLoader(new FileSystemTemplateLoader(folder) { AutoReload = true }, loader);
        }

        return new TemplateEngine(new TemplateOptions
        {
            Loader = loader,
            Library = manifest.TemplateLibrary,
            Accessors = manifest.TemplateAccessors,
            CompiledTemplates = manifest.CompiledTemplates,
            StaticUrl = options.StaticUrl,
            MediaUrl = options.MediaUrl,
            FileStorage = fileStorage,
            StaticFileName = staticFiles is null ? null : staticFiles.HashedName,
            UrlResolver = new TemplateEngine.RouteUrlResolver(manifest.Routes),
        });
    }

    /// <summary>The <c>templates/</c> folder of the project as a development build recorded it, else the one under the content root.</summary>
    private static string? FindTemplatesFolder(AppManifest manifest, IHostEnvironment environment) =>
        FindProjectFolder(manifest, environment, "templates");

    /// <summary>A folder of the project (<c>templates</c>, <c>static</c>) as a development build recorded it, else the one under the content root.</summary>
    internal static string? FindProjectFolder(AppManifest manifest, IHostEnvironment environment, string folder)
    {
        if (manifest.ProjectDirectory is { } project && Path.Combine(project, folder) is var built && Directory.Exists(built))
        {
            return built;
        }

        var underContentRoot = Path.Combine(environment.ContentRootPath, folder);
        return Directory.Exists(underContentRoot) ? underContentRoot : null;
    }
}
