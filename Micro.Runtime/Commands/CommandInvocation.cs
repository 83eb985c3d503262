namespace Micro.Commands;

/// <summary>
/// What the process was asked to do, read from <c>args</c> before the app is built: the command and
/// its arguments, and what goes to ASP.NET Core's configuration. <c>app greet Ada --times 3</c> runs
/// <c>greet</c>; no arguments, or only ASP.NET Core options (<c>--urls http://*:8080</c>,
/// <c>--Logging:LogLevel:Default=Debug</c>), run <c>runserver</c> with all of them as configuration.
/// </summary>
internal sealed record CommandInvocation(string Command, string[] Arguments, string[] HostArguments, bool Traceback)
{
    public const string DefaultCommand = "runserver";

    /// <summary>Options every command accepts that the host reads: they go to configuration, not to the command.</summary>
    internal static readonly string[] HostOptions = ["--environment", "--urls", "--contentRoot", "--applicationName"];

    public static CommandInvocation Parse(string[] args)
    {
        var host = new List<string>();
        var traceback = false;
        var index = 0;

        // Global options may come first: `--environment Production migrate`.
        while (index < args.Length && TakeGlobalOption(args, ref index, host, ref traceback))
        {
        }

        if (index == args.Length)
        {
            return new CommandInvocation(DefaultCommand, [], [.. host], traceback);
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
            return new CommandInvocation(DefaultCommand, [], [.. args.Where(static a => a != "--traceback")], traceback);
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

        return new CommandInvocation(command, [.. arguments], [.. host], traceback);
    }

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
