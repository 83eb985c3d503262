namespace Micro.Templates.Tests;

/// <summary>A real folder of template files, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "micro-templates-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="name"/>; a given <paramref name="modified"/> time makes the change visible even on file systems with coarse timestamps.</summary>
    public TempFolder Write(string name, string text, DateTime? modified = null)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        if (modified is { } time)
        {
            File.SetLastWriteTimeUtc(file, time);
        }

        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
