using System.Security.Cryptography;

namespace Micro.Files;

/// <summary>
/// The files of <c>[FileField]</c> columns in a folder (Django's <c>FileSystemStorage</c>): the media root, served at the media URL.
/// A name is a relative path whose parts are never empty, <c>.</c> or <c>..</c>, so no name reaches outside the folder. A file is
/// written to a new file of its own (never over another), so two uploads of the same name at once both keep their content.
/// </summary>
public sealed class FileSystemStorage : IFileStorage
{
    private const string RandomCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <param name="root">The folder, made when the first file is stored (a relative path is the process's current folder's).</param>
    /// <param name="baseUrl">The address the folder is served at: <c>/media/</c>.</param>
    public FileSystemStorage(string root, string baseUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(baseUrl);
        Root = Path.GetFullPath(root);
        BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
    }

    /// <summary>The folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>The address of the folder, ending in <c>/</c>.</summary>
    public string BaseUrl { get; }

    public async Task<string> SaveAsync(string name, Stream content, int? maxLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckName(name);
        if (maxLength is { } limit && name.Length > limit)
        {
            name = Truncated(name, name.Length - limit) ?? throw NoFreeName(name, limit);
        }

        var path = FullPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; ; attempt++)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            }
            catch (IOException) when (attempt < 100 && (File.Exists(path) || Directory.Exists(path)))
            {
                name = FreeName(name, maxLength);
                path = FullPath(name);
                continue;
            }

            try
            {
                await using (file)
                {
                    await content.CopyToAsync(file, cancellationToken);
                }
            }
            catch
            {
                // A half-written file is never left under a name a row may point to.
                File.Delete(path);
                throw;
            }

            return name;
        }
    }

    public Stream OpenRead(string name) => new FileStream(FullPath(name), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string name)
    {
        var path = FullPath(name);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public bool Exists(string name) => File.Exists(FullPath(name));

    public long Size(string name)
    {
        var file = new FileInfo(FullPath(name));
        return file.Exists ? file.Length : throw new FileNotFoundException($"No file named '{name}' in {Root}.", name);
    }

    public string Url(string name)
    {
        CheckName(name);
        return UrlOf(BaseUrl, name);
    }

    /// <summary>A name's address under <paramref name="baseUrl"/> (ending in <c>/</c>): each folder and the file's name URL-encoded.</summary>
    internal static string UrlOf(string baseUrl, string name) => baseUrl + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The file's full path: under <see cref="Root"/>, whatever the name says.</summary>
    /// <exception cref="ArgumentException">The name isn't one a storage holds.</exception>
    public string FullPath(string name)
    {
        CheckName(name);
        var path = Path.GetFullPath(Path.Combine(Root, name));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"The file name '{name}' is outside the media root.", nameof(name));
    }

    /// <summary>
    /// A stored file's name: a relative path with <c>/</c> between non-empty parts, none of them <c>.</c> or <c>..</c>, without
    /// <c>\</c>, <c>:</c> or control characters (Django's <c>SuspiciousFileOperation</c> otherwise).
    /// </summary>
    /// <exception cref="ArgumentException">It isn't.</exception>
    internal static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('/');
        if (name.Length == 0 || parts.Any(static p => p is "" or "." or "..") || name.Any(static c => c is '\\' or ':' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{name}' isn't a stored file's name: a relative path with '/' between folders, without '..'.", nameof(name));
        }
    }

    /// <summary>Django's <c>get_available_name</c>: an underscore and seven random letters or digits before the extension.</summary>
    private static string FreeName(string name, int? maxLength)
    {
        // As Django: the name's own part is shortened to leave room, then the random part added.
        const int Suffix = 8;
        if (maxLength is { } limit && name.Length + Suffix > limit)
        {
            name = Truncated(name, name.Length + Suffix - limit) ?? throw NoFreeName(name, limit);
        }

        var extension = Path.GetExtension(name.AsSpan(name.LastIndexOf('/') + 1)).ToString();
        return name[..^extension.Length] + "_" + RandomNumberGenerator.GetString(RandomCharacters, Suffix - 1) + extension;
    }

    /// <summary>The name with its file's stem shortened by <paramref name="excess"/> characters; null when the stem is too short.</summary>
    private static string? Truncated(string name, int excess)
    {
        var slash = name.LastIndexOf('/');
        var file = name[(slash + 1)..];
        var extension = Path.GetExtension(file);
        var stem = file[..^extension.Length];
        return stem.Length > excess ? name[..(slash + 1)] + stem[..^excess] + extension : null;
    }

    private static InvalidOperationException NoFreeName(string name, int limit) =>
        new($"No free name for '{name}' fits in {limit} characters: give the [FileField] column a larger [MaxLength], or a shorter UploadTo.");
}
