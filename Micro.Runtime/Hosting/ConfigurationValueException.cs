namespace Micro.Hosting;

/// <summary>
/// A configuration value Micro can't use (<c>Micro:Security:HstsSeconds=abc</c>): commands report its message on one line
/// with exit code 2, as a usage error, rather than as a crash.
/// </summary>
internal sealed class ConfigurationValueException(string message) : InvalidOperationException(message);
