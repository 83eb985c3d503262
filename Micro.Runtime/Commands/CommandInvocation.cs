namespace Micro.Commands;

/// <summary>
/// What the process was asked to do, read from <c>args</c> before the app is built: the command and
/// its arguments, and what goes to ASP.NET Core's configuration. <c>app greet Ada --times 3</c> runs
/// <c>greet</c>; no arguments, or only ASP.NET Core options (<c>--urls http://*:8080</c>,
/// <c>--Logging:LogLevel:Default=Debug</c>), run <c>runserver</c> with all of them as configuration.
/// </summary>
internal sealed record CommandInvocation(string Command, string[] Arguments, string[] HostArguments, bool Traceback)
{
    /// <summary>A mistake in the host's options (<c>--urls</c> without a value), reported instead of running anything.</summary>
    public string? UsageError { get; init; }

    public const string DefaultCommand = "runserver";

    /// <summary>Options every command accepts that the host reads: they go to configuration, not to the command.</summary>
    internal static readonly string[] HostOptions = ["--environment", "--urls", "--contentRoot", "--applicationName"];

    public static CommandInvocation Parse(string[] args)
    {
        var host = new List<string>();
        var traceback = false;
        var index = 0;
        var usageError = MissingHostValue(args);

        // Global options may come first: `--environment Production migrate`.
        while (index < args.Length && TakeGlobalOption(args, ref index, host, ref traceback))
        {
        }

        if (index == args.Length)
        {
            return new CommandInvocation(DefaultCommand, [], [.. host], traceback) { UsageError = usageError };
        }

        var first = args[index];
        var command = first switch
        {
            "--help" or "-h" => "help",
            "--version" => "version",
            _ when CommandArguments.IsOption(first) || first.Contains('=') => null,
            _ => first,
        };

        if (command is null)
        {
            // ASP.NET Core's own command line: configuration for the server.
            return new CommandInvocation(DefaultCommand, [], [.. args.Where(static a => a != "--traceback")], traceback) { UsageError = usageError };
        }

        var arguments = new List<string>();
        for (index++; index < args.Length; index++)
        {
            if (args[index] == "--")
            {
                arguments.AddRange(args[index..]);
                break;
            }

            if (TakeGlobalOption(args, ref index, host, ref traceback))
            {
                index--;
                continue;
            }

            arguments.Add(args[index]);
        }

        return new CommandInvocation(command, [.. arguments], [.. host], traceback) { UsageError = usageError };
    }

    /// <summary>
    /// The error for a host option given without its value (<c>--urls</c> last, <c>--urls=</c>, or followed by another
    /// option), which the host would otherwise ignore, serving on its default port; null when there is none.
    /// </summary>
    private static string? MissingHostValue(string[] args)
    {
        for (var i = 0; i < args.Length && args[i] != "--"; i++)
        {
            foreach (var option in HostOptions)
            {
                var bare = args[i].Equals(option, StringComparison.OrdinalIgnoreCase)
                    && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal));
                if (bare || args[i].Equals(option + "=", StringComparison.OrdinalIgnoreCase))
                {
                    return $"{option} needs a value, for example {option} {ExampleValue(option)}.";
                }
            }
        }

        return null;
    }

    private static string ExampleValue(string option) => option switch
    {
        "--urls" => "http://127.0.0.1:8000",
        "--environment" => "Production",
        "--contentRoot" => "/srv/app",
        _ => "<name>",
    };

    /// <summary>Whether the arguments ask for the command's help (before any <c>--</c>).</summary>
    public bool WantsHelp
    {
        get
        {
            foreach (var argument in Arguments)
            {
                if (argument == "--")
                {
                    return false;
                }

                if (argument is "--help" or "-h")
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Takes <c>--traceback</c>, a host option or a configuration key, with its value, at <paramref name="index"/>, moving past it.</summary>
    private static bool TakeGlobalOption(string[] args, ref int index, List<string> host, ref bool traceback)
    {
        var token = args[index];
        if (token == "--traceback")
        {
            traceback = true;
            index++;
            return true;
        }

        // A configuration key (`--ConnectionStrings:Default=...`, `--Logging:LogLevel:Default Debug`): command
        // options are kebab-case and never hold a ':', so these are the host's, as in any ASP.NET Core app.
        var name = token.Split('=', 2)[0];
        if (name.StartsWith("--", StringComparison.Ordinal) && name.Contains(':'))
        {
            host.Add(token);
            if (!token.Contains('=') && index + 1 < args.Length)
            {
                host.Add(args[index + 1]);
                index++;
            }

            index++;
            return true;
        }

        foreach (var option in HostOptions)
        {
            if (token.Equals(option, StringComparison.OrdinalIgnoreCase) && index + 1 < args.Length)
            {
                host.Add(token);
                host.Add(args[index + 1]);
                index += 2;
                return true;
            }

            if (token.StartsWith(option + "=", StringComparison.OrdinalIgnoreCase))
            {
                host.Add(token);
                index++;
                return true;
            }
        }

        return false;
    }
}
