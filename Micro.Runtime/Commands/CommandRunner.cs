using System.Runtime.InteropServices;
using Micro.Hosting;
using Micro.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Commands;

/// <summary>Runs one command: finds it, parses its arguments, calls it and turns the outcome into an exit code.</summary>
internal static class CommandRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>128 + SIGINT, as shells report a command stopped by Ctrl+C.</summary>
    public const int Interrupted = 130;

    /// <summary>Built-ins that read only the manifest: <c>help</c>, <c>version</c> and <c>routes</c>.</summary>
    private static readonly string[] s_hostFree = ["help", "version", "routes"];

    public static Task<int> RunAsync(
        MicroApplication app,
        CommandInvocation invocation,
        TextWriter output,
        TextWriter error,
        bool handleSignals,
        CancellationToken cancellationToken) =>
        RunAsync(app.Manifest, app, invocation, output, error, handleSignals, cancellationToken);

    /// <summary>
    /// Runs what needs nothing from the host, before one is built: <c>help</c>, <c>version</c>, <c>routes</c>, a command's
    /// <c>--help</c>, the usage errors of an unknown command or of the host's options, and an app's command that takes only
    /// command-line values, its output and the cancellation token (<see cref="CommandDefinition.RunsWithoutHost"/>). Null for
    /// any other command.
    /// </summary>
    public static int? TryRunWithoutHost(AppManifest manifest, CommandInvocation invocation, TextWriter output, TextWriter error)
    {
        var command = invocation.UsageError is null && !invocation.WantsHelp ? Find(CommandRegistry.For(manifest), invocation.Command) : null;
        if (command is not null && !command.RunsWithoutHost && !(CommandRegistry.IsBuiltIn(command) && s_hostFree.Contains(command.Name)))
        {
            return null;
        }

        // The built-ins finish at once and never look at the token, so Ctrl+C keeps its default there: it ends the process.
        // An app's command may run for long and watch its token, so Ctrl+C cancels it as it would with the host.
        var handleSignals = command is { RunsWithoutHost: true };
        return RunAsync(manifest, app: null, invocation, output, error, handleSignals, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Runs the command with the app's services, or without a host when <paramref name="app"/> is null.</summary>
    private static async Task<int> RunAsync(
        AppManifest manifest,
        MicroApplication? app,
        CommandInvocation invocation,
        TextWriter output,
        TextWriter error,
        bool handleSignals,
        CancellationToken cancellationToken)
    {
        if (invocation.UsageError is { } usageError)
        {
            await error.WriteLineAsync("error: " + usageError);
            return UsageError;
        }

        var commands = CommandRegistry.For(manifest);
        var program = ProgramName(manifest);
        var command = Find(commands, invocation.Command);
        if (command is null)
        {
            await error.WriteLineAsync(UnknownCommand(invocation.Command, commands, program));
            return UsageError;
        }

        if (invocation.WantsHelp)
        {
            CommandHelp.WriteCommand(output, program, command);
            return Success;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = handleSignals ? new SignalCancellation(cancellation) : null;
        await using var scope = app?.Services.CreateAsyncScope() ?? new AsyncServiceScope(NoServices.Instance);
        UrlScope.EnterRoot(manifest.Routes, app?.Services.GetService<MountedRouteTables>());
        var context = new CommandContext(command.Name, manifest, app, scope.ServiceProvider, output, error, commands, cancellation.Token);
        try
        {
            return await Reportable(command.Name, await command.Run(context, new CommandArguments(command, invocation.Arguments)), error);
        }
        catch (CommandUsageException exception)
        {
            await error.WriteLineAsync("error: " + exception.Message);
            CommandHelp.WriteUsage(error, program, command);
            return exception.ExitCode;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interrupted.");
            return Interrupted;
        }
        catch (Exception exception) when (!invocation.Traceback && ConfigurationError(exception) is { } message)
        {
            // A bad setting (appsettings.json, the environment, --Key=value) is the user's to fix, as a usage error is.
            await error.WriteLineAsync("error: " + message);
            return UsageError;
        }
        catch (Exception exception)
        {
            if (invocation.Traceback)
            {
                await error.WriteLineAsync(exception.ToString());
            }
            else if (exception is CommandException)
            {
                await error.WriteLineAsync("error: " + exception.Message);
            }
            else
            {
                await error.WriteLineAsync($"error: {exception.GetType().Name}: {exception.Message}");
                await error.WriteLineAsync("(run the command with --traceback to see where it failed)");
            }

            return exception is CommandException { ExitCode: not Success } failure ? await Reportable(command.Name, failure.ExitCode, error) : Failure;
        }
    }

    /// <summary>
    /// <paramref name="exitCode"/>, or <see cref="Failure"/> when the system can't report it: only its low byte reaches the
    /// shell, so 256 would read as success.
    /// </summary>
    private static async Task<int> Reportable(string command, int exitCode, TextWriter error)
    {
        if (exitCode is >= 0 and <= 255)
        {
            return exitCode;
        }

        await error.WriteLineAsync($"error: the command '{command}' returned exit code {exitCode}, outside 0-255; it is reported as 1 (failure).");
        return Failure;
    }

    /// <summary>The message of a configuration value that can't be used, wherever it was read, or null for other failures.</summary>
    private static string? ConfigurationError(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case Hosting.ConfigurationValueException or Microsoft.Extensions.Options.OptionsValidationException:
                    return OneLine(current.Message);
                case InvalidOperationException when current.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return OneLine(current.Message);
            }
        }

        return null;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    public static string ProgramName(AppManifest manifest) => manifest.Assembly.GetName().Name ?? "app";

    private static CommandDefinition? Find(IReadOnlyList<CommandDefinition> commands, string name) => commands.FirstOrDefault(c => c.Name == name);

    public static string UnknownCommand(string name, IReadOnlyList<CommandDefinition> commands, string program)
    {
        var suggestion = Suggestions.Nearest(name, commands.Select(static c => c.Name));
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        return $"Unknown command '{name}'.{hint}\nRun '{program} help' to see the commands.";
    }

    /// <summary>The services of a command run without a host: none.</summary>
    private sealed class NoServices : IServiceScope, IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public IServiceProvider ServiceProvider => this;

        public object? GetService(Type serviceType) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Turns the first Ctrl+C (or SIGTERM) into cancellation, so that the command can stop cleanly;
    /// a second one ends the process as usual.
    /// </summary>
    private sealed class SignalCancellation : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;

        public SignalCancellation(CancellationTokenSource cancellation)
        {
            void Handle(PosixSignalContext context)
            {
                if (cancellation.IsCancellationRequested)
                {
                    return;
                }

                context.Cancel = true;
                cancellation.Cancel();
            }

            _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }
    }
}
