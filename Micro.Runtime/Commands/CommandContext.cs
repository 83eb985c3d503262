using Micro.Commands;
using Micro.Hosting;

namespace Micro;

/// <summary>
/// What a running command can reach besides its options: the app, its services (a scope that lives
/// as long as the command), the output and error writers, and the token that Ctrl+C cancels.
/// Take it as a parameter of a <see cref="CommandAttribute"/> method.
/// </summary>
public sealed class CommandContext
{
    private readonly MicroApplication? _app;

    internal CommandContext(
        string name,
        AppManifest manifest,
        MicroApplication? app,
        IServiceProvider services,
        TextWriter output,
        TextWriter error,
        IReadOnlyList<CommandDefinition> commands,
        CancellationToken cancellationToken,
        TextReader? input = null)
    {
        Name = name;
        Manifest = manifest;
        _app = app;
        Services = services;
        Out = output;
        Error = error;
        In = input ?? Console.In;
        Commands = commands;
        CancellationToken = cancellationToken;
    }

    /// <summary>The name of the running command.</summary>
    public string Name { get; }

    /// <summary>The built app; its server is not started unless the command starts it.</summary>
    public MicroApplication App => _app ?? throw new InvalidOperationException(
        $"The command '{Name}' runs before the app is built (help, version and routes read only the manifest).");

    /// <summary>The app's manifest, also for the commands that run without a host.</summary>
    internal AppManifest Manifest { get; }

    /// <summary>The command's service scope.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Standard output, or the writer given to <see cref="MicroApplication.CallCommandAsync"/>.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error, or the writer given to <see cref="MicroApplication.CallCommandAsync"/>.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input, for commands that ask questions (<c>createsuperuser</c>).</summary>
    public TextReader In { get; }

    /// <summary>Whether <see cref="In"/> is a terminal someone types at, rather than a file or a pipe.</summary>
    public bool IsInteractive => ReferenceEquals(In, Console.In) && !Console.IsInputRedirected;

    /// <summary>Every command the app has, built-in ones included, sorted by name.</summary>
    public IReadOnlyList<CommandDefinition> Commands { get; }

    /// <summary>Cancelled on Ctrl+C (SIGINT) or SIGTERM.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The name to type before a command: the app's assembly name.</summary>
    public string ProgramName => CommandRunner.ProgramName(Manifest);
}

/// <summary>
/// Ends a command with a message on standard error and an exit code (1 unless given), without a stack
/// trace: Django's <c>CommandError</c>.
/// </summary>
public class CommandException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// The command line is wrong: a missing, unknown or invalid option or argument. The command's usage
/// is printed after the message and the exit code is 2. Commands may throw it for their own checks.
/// </summary>
public sealed class CommandUsageException(string message) : CommandException(message, 2);
