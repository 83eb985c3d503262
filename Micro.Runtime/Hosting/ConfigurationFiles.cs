using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Micro.Hosting;

/// <summary>
/// Configuration files (appsettings.json, appsettings.Production.json): one that can't be loaded, said on one line; and one
/// edited into a mistake while the app runs, which keeps the values it had.
/// </summary>
internal static class ConfigurationFiles
{
    /// <summary>
    /// The file and what is wrong with it, with the line and column when the JSON reader knows them; null when
    /// <paramref name="exception"/> isn't a configuration file's.
    /// </summary>
    public static string? Error(InvalidDataException exception)
    {
        // The configuration providers say "Failed to load configuration from file '<path>'." and keep the reason inside.
        const string Prefix = "Failed to load configuration from file '";
        var end = exception.Message.LastIndexOf('\'');
        if (!exception.Message.StartsWith(Prefix, StringComparison.Ordinal) || end < Prefix.Length)
        {
            return null;
        }

        return Error(exception.Message[Prefix.Length..end], exception.InnerException);
    }

    /// <summary>What is wrong with the file at <paramref name="path"/>, from the exception its provider threw.</summary>
    public static string Error(string path, Exception? reason)
    {
        for (var current = reason; current is not null; current = current.InnerException)
        {
            if (current is System.Text.Json.JsonException { LineNumber: { } line, BytePositionInLine: { } column } json)
            {
                // The reader's message ends with its own zero-based position, which the line and column replace.
                var message = json.Message;
                var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                return $"Configuration file '{path}', line {line + 1}, column {column + 1}: {(position < 0 ? message : message[..position])}";
            }
        }

        return reason is null ? $"Configuration file '{path}' can't be loaded." : $"Configuration file '{path}': {reason.Message}";
    }

    /// <summary>
    /// Makes every JSON file that reloads when it changes keep its last good values when a change doesn't parse, reporting the
    /// mistake through <paramref name="report"/> (one line: the file, line and column, and that the old values stay).
    /// ASP.NET Core's provider empties the file's values instead, silently, so one missing comma in appsettings.json would
    /// take every setting of the file away from the running app (its log levels, whatever code reads from IConfiguration)
    /// until the file was fixed. The files of <paramref name="watched"/>, read once until now, reload from here on, watched by
    /// a <see cref="TopFolderFileProvider"/> (which says through <paramref name="report"/> when it can't watch, as it starts).
    /// Returns the files it took over.
    /// </summary>
    public static IReadOnlyList<LastGoodJsonSource> KeepLastGoodValues(
        IConfigurationBuilder configuration, IReadOnlyCollection<JsonConfigurationSource> watched, Action<string> report)
    {
        var taken = new List<LastGoodJsonSource>();
        var topFolders = new Dictionary<PhysicalFileProvider, TopFolderFileProvider>();
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && json.GetType() == typeof(JsonConfigurationSource)
                && (json.ReloadOnChange || watched.Contains(json)))
            {
                // ASP.NET Core's own sources only (a subclass loads its own way). Replacing one loads the configuration again
                // (ConfigurationManager), from the same files.
                var replacement = new LastGoodJsonSource(report)
                {
                    FileProvider = json is { ReloadOnChange: false, FileProvider: PhysicalFileProvider files }
                        ? topFolders.TryGetValue(files, out var topFolder) ? topFolder : topFolders[files] = new TopFolderFileProvider(files, report)
                        : json.FileProvider,
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = true,
                    ReloadDelay = json.ReloadDelay,
                    OnLoadException = json.OnLoadException,
                };
                sources[i] = replacement;
                taken.Add(replacement);
            }
        }

        return taken;
    }

    /// <summary>A JSON configuration file that keeps its last good values when a reload finds a mistake in it.</summary>
    internal sealed class LastGoodJsonSource(Action<string> report) : JsonConfigurationSource
    {
        /// <summary>Where a reload's mistake is said: the console until the app is built, then the app's log.</summary>
        public Action<string> Report { get; set; } = report;

        public override IConfigurationProvider Build(IConfigurationBuilder builder)
        {
            EnsureDefaults(builder);
            return new Provider(this);
        }

        private sealed class Provider(LastGoodJsonSource source) : JsonConfigurationProvider(source)
        {
            // The folder's watcher stops when the last provider reading through it is disposed: with the app (the host disposes
            // its configuration), or when the configuration's sources change and every provider is made again.
            private TopFolderFileProvider? _folder = TopFolderFileProvider.Acquire(source.FileProvider);
            private bool _loaded;

            protected override void Dispose(bool disposing)
            {
                base.Dispose(disposing);
                if (disposing)
                {
                    Interlocked.Exchange(ref _folder, null)?.Release();
                }
            }

            /// <summary>The first load, when the host is built: a mistake there stops the app (one line, exit code 2).</summary>
            public override void Load()
            {
                base.Load();
                _loaded = true;
            }

            /// <summary>A reload: the values are replaced only when the whole file parses.</summary>
            public override void Load(Stream stream)
            {
                if (!_loaded)
                {
                    base.Load(stream);
                    return;
                }

                try
                {
                    base.Load(stream);
                }
                catch (FormatException exception)
                {
                    var path = source.FileProvider?.GetFileInfo(source.Path ?? "").PhysicalPath ?? source.Path ?? "";
                    source.Report(Error(path, exception) + " The app keeps the values it had from this file until the file is fixed.");
                }
            }
        }
    }
}

/// <summary>
/// Watches the files at the top of a folder (appsettings.json beside the app) with one watcher that looks at that folder alone.
/// ASP.NET Core's <see cref="PhysicalFileProvider"/> watches its root and every folder below it, for a file at the root: it walks
/// bin/, obj/, node_modules/ or an app's uploads while the server starts, holds an inotify watch for each (a machine's limit,
/// 8,192 on older kernels, is soon reached in a front-end project), and keeps adding them as folders appear. Everything but
/// watching a top-level file is <paramref name="files"/>' own, and so is watching with polling
/// (<c>DOTNET_USE_POLLING_FILE_WATCHER</c>), which needs no watcher.
/// </summary>
/// <remarks>
/// Where no watcher can be made (the user's inotify instances are used up, 128 by default), the files are read once and
/// <paramref name="report"/> says so, once, rather than the server failing to start.
/// </remarks>
internal sealed class TopFolderFileProvider(PhysicalFileProvider files, Action<string> report) : IFileProvider
{
    private readonly Dictionary<string, CancellationTokenSource> _changes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private FileSystemWatcher? _watcher;
    private bool _unwatchable;
    private int _readers;

    /// <summary>Whether the folder's watcher runs (it starts with the first watch, and stops with the last reader).</summary>
    internal bool Watching
    {
        get
        {
            lock (_lock)
            {
                return _watcher is not null;
            }
        }
    }

    /// <summary>Counts a configuration provider reading through <paramref name="files"/>, when it is a top folder's; returns it.</summary>
    public static TopFolderFileProvider? Acquire(IFileProvider? files)
    {
        if (files is not TopFolderFileProvider folder)
        {
            return null;
        }

        lock (folder._lock)
        {
            folder._readers++;
        }

        return folder;
    }

    /// <summary>A provider counted by <see cref="Acquire"/> is disposed: the last one stops the watcher.</summary>
    public void Release()
    {
        FileSystemWatcher? stopped;
        lock (_lock)
        {
            if (--_readers > 0)
            {
                return;
            }

            (stopped, _watcher) = (_watcher, null);
            _changes.Clear();
        }

        stopped?.Dispose();
    }

    public IFileInfo GetFileInfo(string subpath) => files.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter)
    {
        var name = filter.TrimStart('/', '\\');
        if (PollingAsked() || name.Length == 0 || name.AsSpan().IndexOfAny("/\\*?") >= 0)
        {
            return files.Watch(filter);
        }

        lock (_lock)
        {
            if (!Started())
            {
                return NullChangeToken.Singleton;
            }

            if (!_changes.TryGetValue(name, out var change))
            {
                _changes[name] = change = new CancellationTokenSource();
            }

            return new CancellationChangeToken(change.Token);
        }
    }

    /// <summary>
    /// Whether the files are to be polled (where change events don't come: some network and container mounts). Read here too,
    /// as the provider answers false once its own watcher exists (for a file the app added with <c>reloadOnChange</c>).
    /// </summary>
    private bool PollingAsked() =>
        files.UsePollingFileWatcher
        || System.Environment.GetEnvironmentVariable(PollingVariable) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private const string PollingVariable = "DOTNET_USE_POLLING_FILE_WATCHER";

    /// <summary>Whether the folder is watched, starting its watcher on the first call.</summary>
    private bool Started()
    {
        if (_watcher is not null || _unwatchable)
        {
            return !_unwatchable;
        }

        var watcher = new FileSystemWatcher(files.Root)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, e) => Changed(e.Name);
        watcher.Created += (_, e) => Changed(e.Name);
        watcher.Deleted += (_, e) => Changed(e.Name);
        // An editor that saves by writing a new file and renaming it over the old one.
        watcher.Renamed += (_, e) =>
        {
            Changed(e.OldName);
            Changed(e.Name);
        };
        // Events were lost (the kernel's queue overflowed): any file may have changed.
        watcher.Error += (_, _) => ChangedAll();
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch (IOException exception)
        {
            watcher.Dispose();
            _unwatchable = true;
            report(
                "warning: The app can't watch its configuration files, so it won't reload them when they change: " + exception.Message +
                $" Raise the limit (sysctl fs.inotify.max_user_instances), or set {PollingVariable}=true to have the files polled.");
            return false;
        }

        _watcher = watcher;
        return true;
    }

    private void Changed(string? name)
    {
        CancellationTokenSource? change;
        lock (_lock)
        {
            if (name is null || !_changes.Remove(name, out change))
            {
                return;
            }
        }

        // Outside the lock: the provider's callback reloads the file and asks to watch it again.
        change.Cancel();
    }

    private void ChangedAll()
    {
        CancellationTokenSource[] changes;
        lock (_lock)
        {
            changes = [.. _changes.Values];
            _changes.Clear();
        }

        foreach (var change in changes)
        {
            change.Cancel();
        }
    }
}
