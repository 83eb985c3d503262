namespace Micro.Files;

/// <summary>
/// Where the files of <c>[FileField]</c> columns are kept, as Django's <c>Storage</c>: a file is known by its name, a relative path
/// with <c>/</c> between folders (<c>documents/2026/notes.txt</c>), which is what the column holds. The app's storage is a service;
/// Micro registers a <see cref="FileSystemStorage"/> under the media root, and an app may register its own instead.
/// </summary>
public interface IFileStorage
{
    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="name"/>, or under a free name beside it when that one is taken (Django's
    /// <c>get_available_name</c>: <c>notes_a1B2c3D.txt</c>), never replacing a file, and returns the name used.
    /// </summary>
    /// <param name="name">The name wanted (<see cref="UploadNames.Generate"/> makes one from an upload).</param>
    /// <param name="content">The content, read to its end.</param>
    /// <param name="maxLength">The longest name the column holds; a longer free name is made by shortening the file's name.</param>
    /// <param name="cancellationToken">Stops the copy; the half-written file is deleted.</param>
    Task<string> SaveAsync(string name, Stream content, int? maxLength = null, CancellationToken cancellationToken = default);

    /// <summary>The file's content, to read.</summary>
    /// <exception cref="FileNotFoundException">No file has this name.</exception>
    Stream OpenRead(string name);

    /// <summary>Deletes the file; a name with no file is nothing to do.</summary>
    void Delete(string name);

    /// <summary>Whether a file has this name.</summary>
    bool Exists(string name);

    /// <summary>The file's size in bytes.</summary>
    /// <exception cref="FileNotFoundException">No file has this name.</exception>
    long Size(string name);

    /// <summary>The address the file is served at (Django's <c>url</c>): the media URL and the name, each folder URL-encoded.</summary>
    string Url(string name);
}
