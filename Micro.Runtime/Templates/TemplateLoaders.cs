using System.Reflection;
using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace Micro;

/// <summary>A template's text and where it came from.</summary>
public sealed class TemplateSource(string name, string text, string origin, long version)
{
    /// <summary>The name it was loaded by, such as <c>blog/list.html</c>.</summary>
    public string Name { get; } = name;

    public string Text { get; } = text;

    /// <summary>A file path, or a description for templates that aren't files.</summary>
    public string Origin { get; } = origin;

    /// <summary>Changes when the template's text may have changed; loaders compare it in <see cref="ITemplateLoader.IsCurrent"/>.</summary>
    public long Version { get; } = version;
}

/// <summary>Finds templates by name for <see cref="TemplateEngine.GetTemplate"/>, <c>{% extends %}</c> and <c>{% include %}</c>.</summary>
public interface ITemplateLoader
{
    /// <summary>The template named <paramref name="name"/>, or null when this loader has none.</summary>
    TemplateSource? Load(string name);

    /// <summary>False when <paramref name="source"/> changed since it was loaded, so the engine loads and parses it again.</summary>
    bool IsCurrent(TemplateSource source);

    /// <summary>Where this loader looks, for "not found" messages.</summary>
    string Describe();
}

/// <summary>
/// Templates in folders: <c>blog/list.html</c> is <c>{folder}/blog/list.html</c>, searched in order.
/// With <see cref="AutoReload"/> (for development) an edited file is parsed again on its next use.
/// </summary>
public sealed class FileSystemTemplateLoader : ITemplateLoader
{
    private readonly string[] _directories;

    public FileSystemTemplateLoader(params string[] directories)
    {
        if (directories.Length == 0)
        {
            throw new ArgumentException("Give at least one template folder.", nameof(directories));
        }

        _directories = Array.ConvertAll(directories, static directory => Path.GetFullPath(directory));
    }

    /// <summary>Check files for changes each time a template is used (development); otherwise each file is read once.</summary>
    public bool AutoReload { get; init; }

    public IReadOnlyList<string> Directories => _directories;

    public TemplateSource? Load(string name)
    {
        foreach (var directory in _directories)
        {
            var path = PathFor(directory, name);
            if (path is null)
            {
                continue;
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                continue;
            }

            var version = Version(file);
            var text = File.ReadAllText(path);
            return new TemplateSource(name, text, path, version);
        }

        return null;
    }

    public bool IsCurrent(TemplateSource source) => !AutoReload || Version(new FileInfo(source.Origin)) == source.Version;

    public string Describe() => "the folder" + (_directories.Length == 1 ? " " : "s ") + string.Join(", ", _directories);

    /// <summary>The file for <paramref name="name"/> under <paramref name="directory"/>; null when the name would leave the folder.</summary>
    private static string? PathFor(string directory, string name)
    {
        if (name.Length == 0 || Path.IsPathRooted(name))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(directory, name));
        var root = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal) ? path : null;
    }

    private static long Version(FileInfo file) => file.Exists ? file.LastWriteTimeUtc.Ticks ^ (file.Length << 40) : -1;
}

/// <summary>Templates held in memory by name: for tests, for templates from a database, and for the ones the generator embeds.</summary>
public sealed class InMemoryTemplateLoader : ITemplateLoader
{
    private readonly ConcurrentDictionary<string, TemplateSource> _templates = new(StringComparer.Ordinal);
    private long _version;

    public InMemoryTemplateLoader()
    {
    }

    public InMemoryTemplateLoader(IEnumerable<KeyValuePair<string, string>> templates)
    {
        foreach (var (name, text) in templates)
        {
            Set(name, text);
        }
    }

    /// <summary>Adds or replaces the template <paramref name="name"/>; templates parsed from the old text are parsed again.</summary>
    public void Set(string name, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(text);
        _templates[name] = new TemplateSource(name, text, "memory", Interlocked.Increment(ref _version));
    }

    public bool Remove(string name) => _templates.TryRemove(name, out _);

    public TemplateSource? Load(string name) => _templates.GetValueOrDefault(name);

    public bool IsCurrent(TemplateSource source) => _templates.TryGetValue(source.Name, out var current) && current.Version == source.Version;

    public string Describe() => $"{_templates.Count} in-memory template{(_templates.Count == 1 ? "" : "s")}";
}

/// <summary>
/// Templates built into an assembly as embedded resources named <c>Micro.Templates/{name}</c>: what
/// Micro.App.targets does with an app's <c>templates/</c> folder, so a native binary needs no files beside it.
/// </summary>
public sealed class EmbeddedTemplateLoader(Assembly assembly) : ITemplateLoader
{
    /// <summary>The logical name of <c>templates/blog/list.html</c> is <c>Micro.Templates/blog/list.html</c>.</summary>
    public const string ResourcePrefix = "Micro.Templates/";

    public Assembly Assembly { get; } = assembly;

    public TemplateSource? Load(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return new TemplateSource(name, reader.ReadToEnd(), $"{Assembly.GetName().Name}:{ResourcePrefix}{name}", version: 0);
    }

    /// <summary>Embedded templates never change while the app runs.</summary>
    public bool IsCurrent(TemplateSource source) => true;

    public string Describe() => $"the templates embedded in {Assembly.GetName().Name}";
}

/// <summary>Asks several loaders in order, as Django's list of template folders and app loaders.</summary>
public sealed class ChainTemplateLoader : ITemplateLoader
{
    private readonly ITemplateLoader[] _loaders;
    private readonly ConditionalWeakTable<TemplateSource, ITemplateLoader> _loadedBy = new();

    public ChainTemplateLoader(params ITemplateLoader[] loaders)
    {
        if (loaders.Length == 0)
        {
            throw new ArgumentException("Give at least one loader.", nameof(loaders));
        }

        _loaders = loaders;
    }

    public IReadOnlyList<ITemplateLoader> Loaders => _loaders;

    public TemplateSource? Load(string name)
    {
        foreach (var loader in _loaders)
        {
            if (loader.Load(name) is { } source)
            {
                _loadedBy.AddOrUpdate(source, loader);
                return source;
            }
        }

        return null;
    }

    /// <summary>Asks the loader that loaded <paramref name="source"/>; an earlier loader that now has the template makes it stale too.</summary>
    public bool IsCurrent(TemplateSource source)
    {
        if (!_loadedBy.TryGetValue(source, out var owner))
        {
            return false;
        }

        foreach (var loader in _loaders)
        {
            if (loader == owner)
            {
                return loader.IsCurrent(source);
            }

            if (loader is FileSystemTemplateLoader { AutoReload: true } && loader.Load(source.Name) is not null)
            {
                return false;
            }
        }

        return false;
    }

    public string Describe() => string.Join("; ", _loaders.Select(static loader => loader.Describe()));
}
