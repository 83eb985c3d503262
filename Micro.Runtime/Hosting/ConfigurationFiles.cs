namespace Micro.Hosting;

/// <summary>A configuration file (appsettings.json, appsettings.Production.json) that can't be loaded, said on one line.</summary>
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

        var path = exception.Message[Prefix.Length..end];
        Exception? reason = exception.InnerException;
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
}
