using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Micro.Static;

/// <summary>
/// The app's <c>static/</c> files, as the build embedded them (<c>Micro.Static/css/site.css</c>): each with its content, a
/// fingerprinted name (<c>css/site.3f2a9c1b7d0e.css</c>, as Django's ManifestStaticFilesStorage names it: 12 hex digits of a
/// hash of the content) and, for text types, gzip and Brotli variants made once, on first use. In Development the project's
/// own folder is read instead, so an edited file is served (and fingerprinted) without a build.
/// </summary>
/// <remarks>
/// Only the names the build embedded exist: a request path is looked up, never joined to a folder, so no encoding of
/// <c>..</c> reaches a file outside <c>static/</c>.
/// </remarks>
public sealed class StaticFiles
{
    /// <summary>The prefix of the embedded resources: <c>Micro.Static/css/site.css</c>.</summary>
    public const string ResourcePrefix = "Micro.Static/";

    private static readonly FileExtensionContentTypeProvider s_contentTypes = new();

    private readonly Assembly _assembly;
    private readonly string? _folder;
    private readonly FrozenSet<string> _names;
    private readonly ConcurrentDictionary<string, StaticFile> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StaticFile> _byHashedName = new(StringComparer.Ordinal);

    /// <param name="assembly">The app's assembly, with <c>static/</c> embedded.</param>
    /// <param name="folder">The project's <c>static/</c> folder to read instead (Development), or null.</param>
    public StaticFiles(Assembly assembly, string? folder)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _assembly = assembly;
        _folder = folder;
        _names = assembly.GetManifestResourceNames()
            .Where(static n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(static n => n[ResourcePrefix.Length..])
            .ToFrozenSet(StringComparer.Ordinal);
        LastModified = LastWrite(assembly);
    }

    /// <summary>Every file's name under <c>static/</c>, with <c>/</c> between folders.</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>When the files last changed, for <c>Last-Modified</c>: the time the app's binary was written.</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>The file named <paramref name="name"/> (<c>css/site.css</c>), or null.</summary>
    public StaticFile? Find(string name) => _names.Contains(name) ? Load(name) : null;

    /// <summary>The file whose fingerprinted name is <paramref name="hashedName"/> (<c>css/site.3f2a9c1b7d0e.css</c>), or null.</summary>
    public StaticFile? FindHashed(string hashedName)
    {
        if (_byHashedName.TryGetValue(hashedName, out var file) && _folder is null)
        {
            return file;
        }

        // The name without its fingerprint: css/site.css for css/site.3f2a9c1b7d0e.css; then the fingerprint must be current.
        var plain = StaticFile.WithoutHash(hashedName);
        return plain is not null && Find(plain) is { } found && found.HashedName == hashedName ? found : null;
    }

    /// <summary>The fingerprinted name of <paramref name="name"/>, or null when there is no such file.</summary>
    public string? HashedName(string name) => Find(name)?.HashedName;

    private StaticFile Load(string name)
    {
        if (_folder is null && _byName.TryGetValue(name, out var cached))
        {
            return cached;
        }

        byte[] content;
        if (_folder is not null && File.Exists(Path.Combine(_folder, name)))
        {
            content = File.ReadAllBytes(Path.Combine(_folder, name));
            if (_byName.TryGetValue(name, out var previous) && previous.Content.AsSpan().SequenceEqual(content))
            {
                return previous;
            }
        }
        else
        {
            using var stream = _assembly.GetManifestResourceStream(ResourcePrefix + name)
                ?? throw new InvalidOperationException($"The static file '{name}' is listed but not embedded.");
            content = new byte[stream.Length];
            stream.ReadExactly(content);
        }

        var file = new StaticFile(name, content, ContentType(name));
        _byName[name] = file;
        _byHashedName[file.HashedName] = file;
        return file;
    }

    private static string ContentType(string name) =>
        s_contentTypes.TryGetContentType(name, out var type)
            ? type is "text/css" or "text/javascript" or "application/javascript" or "text/plain" or "text/html" or "image/svg+xml" or "application/json"
                ? type + "; charset=utf-8"
                : type
            : "application/octet-stream";

    private static DateTimeOffset LastWrite(Assembly assembly)
    {
        // The app's .dll under the JIT; a native binary has none, and the process's own file is the app.
        var dll = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".dll");
        var path = File.Exists(dll) ? dll : Environment.ProcessPath;
        var written = path is not null && File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.UtcNow;
        return new DateTimeOffset(written.Ticks - (written.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}

/// <summary>One static file: its content, fingerprint and compressed variants.</summary>
public sealed class StaticFile
{
    private byte[]? _gzip;
    private byte[]? _brotli;

    internal StaticFile(string name, byte[] content, string contentType)
    {
        Name = name;
        Content = content;
        ContentType = contentType;
        Hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        var slash = name.LastIndexOf('/') + 1;
        var dot = name.LastIndexOf('.');
        HashedName = dot > slash ? $"{name[..dot]}.{Hash}{name[dot..]}" : $"{name}.{Hash}";
        IsCompressible = contentType.StartsWith("text/", StringComparison.Ordinal)
            || contentType.StartsWith("application/javascript", StringComparison.Ordinal)
            || contentType.StartsWith("application/json", StringComparison.Ordinal)
            || contentType.StartsWith("image/svg+xml", StringComparison.Ordinal);
    }

    /// <summary>The name under <c>static/</c>: <c>css/site.css</c>.</summary>
    public string Name { get; }

    /// <summary>The fingerprinted name: <c>css/site.3f2a9c1b7d0e.css</c>.</summary>
    public string HashedName { get; }

    /// <summary>12 hex digits of the SHA-256 of the content.</summary>
    public string Hash { get; }

    public byte[] Content { get; }

    /// <summary>The <c>Content-Type</c>, with <c>charset=utf-8</c> for text.</summary>
    public string ContentType { get; }

    /// <summary>Text worth compressing (CSS, JavaScript, SVG, JSON...); images and fonts are compressed already.</summary>
    public bool IsCompressible { get; }

    /// <summary>The content compressed with gzip, or null when that isn't smaller.</summary>
    public byte[]? Gzip => IsCompressible ? Smaller(_gzip ??= Compress(static s => new GZipStream(s, CompressionLevel.SmallestSize))) : null;

    /// <summary>The content compressed with Brotli, or null when that isn't smaller.</summary>
    public byte[]? Brotli => IsCompressible ? Smaller(_brotli ??= Compress(static s => new BrotliStream(s, CompressionLevel.SmallestSize))) : null;

    /// <summary>The name without its fingerprint (<c>css/site.css</c> for <c>css/site.3f2a9c1b7d0e.css</c>), or null when it has none.</summary>
    internal static string? WithoutHash(string hashedName)
    {
        var slash = hashedName.LastIndexOf('/') + 1;
        var file = hashedName[slash..];
        var parts = file.Split('.');
        for (var i = parts.Length - 1; i >= 1; i--)
        {
            if (parts[i].Length == 12 && parts[i].All(static c => char.IsAsciiHexDigitLower(c)))
            {
                return hashedName[..slash] + string.Join('.', parts.Where((_, index) => index != i));
            }
        }

        return null;
    }

    private byte[]? Smaller(byte[] compressed) => compressed.Length < Content.Length ? compressed : null;

    private byte[] Compress(Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(Content);
        }

        return output.ToArray();
    }
}
