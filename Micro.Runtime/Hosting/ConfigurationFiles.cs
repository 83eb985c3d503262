using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

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
    /// until the file was fixed. Returns the files it took over.
    /// </summary>
    public static IReadOnlyList<LastGoodJsonSource> KeepLastGoodValues(IConfigurationBuilder configuration, Action<string> report)
    {
        var taken = new List<LastGoodJsonSource>();
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { ReloadOnChange: true, Path: { } path } json && json.GetType() == typeof(JsonConfigurationSource))
            {
                // ASP.NET Core's own sources only (a subclass loads its own way). Replacing one loads the configuration again
                // (ConfigurationManager), from the same files.
                var replacement = new LastGoodJsonSource(report)
                {
                    FileProvider = json.FileProvider,
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
            private bool _loaded;

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
