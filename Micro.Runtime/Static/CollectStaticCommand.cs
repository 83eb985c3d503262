using System.Text.Json;
using Micro.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Static;

/// <summary>
/// Copy the app's static files into one folder for a front web server (nginx, a CDN), with fingerprinted names, gzip and
/// Brotli copies and staticfiles.json.
/// </summary>
/// <remarks>
/// Django's <c>collectstatic</c> with ManifestStaticFilesStorage: every file under its name and its fingerprinted name, gzip
/// and Brotli copies of text files (<c>.gz</c>, <c>.br</c>, for nginx's <c>gzip_static</c> and <c>brotli_static</c>), and
/// <c>staticfiles.json</c>, the map from names to fingerprinted names.
/// </remarks>
[Command("collectstatic")]
internal static class CollectStaticCommand
{
    /// <summary>Copies the static files into a folder, with their fingerprinted names, compressed copies and staticfiles.json.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="output">The folder (Django's STATIC_ROOT); default: the Micro:StaticRoot setting.</param>
    public static int Run(CommandContext context, string? output = null)
    {
        var root = output ?? context.Services.GetRequiredService<IConfiguration>()["Micro:StaticRoot"];
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new CommandUsageException("No folder to copy the static files into: pass --output <folder>, or set Micro:StaticRoot (Django's STATIC_ROOT).");
        }

        root = Path.GetFullPath(root);
        var files = context.Services.GetRequiredService<StaticFiles>();
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var written = 0;
        foreach (var name in files.Names.Order(StringComparer.Ordinal))
        {
            var file = files.Find(name)!;
            foreach (var target in new[] { file.Name, file.HashedName })
            {
                written += Write(root, target, file.Content);
                if (file.Gzip is { } gzip)
                {
                    written += Write(root, target + ".gz", gzip);
                }

                if (file.Brotli is { } brotli)
                {
                    written += Write(root, target + ".br", brotli);
                }
            }

            paths[file.Name] = file.HashedName;
        }

        var manifest = new Dictionary<string, object> { ["paths"] = paths, ["version"] = "1.1" };
        File.WriteAllText(Path.Combine(root, "staticfiles.json"), JsonSerializer.Serialize(manifest, StaticManifestJson.Default.DictionaryStringObject));
        context.Out.WriteLine(paths.Count == 1
            ? $"1 static file copied to '{root}' ({written} files with fingerprinted names and compressed copies)."
            : $"{paths.Count} static files copied to '{root}' ({written} files with fingerprinted names and compressed copies).");
        return 0;
    }

    private static int Write(string root, string name, byte[] content)
    {
        var path = Path.Combine(root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return 1;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SortedDictionary<string, string>))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class StaticManifestJson : System.Text.Json.Serialization.JsonSerializerContext;
