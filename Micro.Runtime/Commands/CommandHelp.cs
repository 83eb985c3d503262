using System.Text;

namespace Micro.Commands;

/// <summary>Writes the list of commands, a command's help and its usage line.</summary>
internal static class CommandHelp
{
    private static readonly (string Option, string Help)[] s_globalOptions =
    [
        ("--environment <name>", "The hosting environment: Development, Staging, Production."),
        ("--urls <urls>", "The addresses runserver listens on, separated by ';'."),
        ("--traceback", "Show the stack trace when the command fails."),
        ("-h, --help", "Show this help."),
    ];

    public static void WriteCommandList(TextWriter writer, string program, IReadOnlyList<CommandDefinition> commands)
    {
        writer.WriteLine($"Usage: {program} <command> [options]");
        writer.WriteLine($"Without a command, {program} serves the app (runserver).");
        var appCommands = commands.Where(static c => !CommandRegistry.IsBuiltIn(c)).ToList();
        var builtIns = commands.Where(CommandRegistry.IsBuiltIn).ToList();
        var width = commands.Count == 0 ? 0 : commands.Max(static c => c.Name.Length);
        if (appCommands.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Commands:");
            WriteRows(writer, appCommands.Select(static c => (c.Name, c.Help ?? "")), width);
        }

        writer.WriteLine();
        writer.WriteLine("Built-in commands:");
        WriteRows(writer, builtIns.Select(static c => (c.Name, c.Help ?? "")), width);
        writer.WriteLine();
        writer.WriteLine($"Run '{program} help <command>' to see a command's options.");
    }

    public static void WriteCommand(TextWriter writer, string program, CommandDefinition command)
    {
        writer.WriteLine("Usage: " + UsageLine(program, command));
        if ((command.Description ?? command.Help) is { } description)
        {
            writer.WriteLine();
            writer.WriteLine(description);
        }

        var arguments = command.Parameters.Where(static p => p.Kind == CommandParameterKind.Argument).ToList();
        var options = command.Parameters.Where(static p => p.Kind != CommandParameterKind.Argument).ToList();
        var rows = arguments.Select(static p => (Left: p.Display + (p.IsRepeated ? "..." : ""), Right: Describe(p)))
            .Concat(options.Select(static p => (Left: OptionSyntax(p), Right: Describe(p))))
            .Concat(s_globalOptions)
            .ToList();
        var width = rows.Max(static r => r.Item1.Length);
        if (arguments.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Arguments:");
            WriteRows(writer, rows.Take(arguments.Count), width);
        }

        if (options.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Options:");
            WriteRows(writer, rows.Skip(arguments.Count).Take(options.Count), width);
        }

        writer.WriteLine();
        writer.WriteLine("Global options:");
        WriteRows(writer, rows.Skip(arguments.Count + options.Count), width);
    }

    /// <summary>After a usage error: the usage line and where to read more.</summary>
    public static void WriteUsage(TextWriter writer, string program, CommandDefinition command)
    {
        writer.WriteLine("Usage: " + UsageLine(program, command));
        writer.WriteLine($"Run '{program} help {command.Name}' to see its options.");
    }

    /// <summary><c>app greet &lt;name&gt; --to &lt;text&gt; [options]</c>: arguments, required options, then the rest as <c>[options]</c>.</summary>
    public static string UsageLine(string program, CommandDefinition command)
    {
        var line = new StringBuilder(program).Append(' ').Append(command.Name);
        foreach (var parameter in command.Parameters.Where(static p => p.Kind == CommandParameterKind.Argument))
        {
            var text = parameter.Display + (parameter.IsRepeated ? "..." : "");
            line.Append(' ').Append(parameter.IsRequired ? text : "[" + text + "]");
        }

        foreach (var parameter in command.Parameters.Where(static p => p.Kind != CommandParameterKind.Argument && p.IsRequired))
        {
            line.Append(' ').Append(parameter.Display).Append(' ').Append(parameter.ValueName);
        }

        if (command.Parameters.Any(static p => p.Kind != CommandParameterKind.Argument && !p.IsRequired))
        {
            line.Append(" [options]");
        }

        return line.ToString();
    }

    /// <summary><c>-t, --times &lt;int&gt;</c>, <c>--shout</c>, <c>--[no-]color</c>, <c>--tag &lt;text&gt;...</c>.</summary>
    private static string OptionSyntax(CommandParameter option)
    {
        var text = new StringBuilder();
        if (option.ShortName is { } shortName)
        {
            text.Append('-').Append(shortName).Append(", ");
        }

        if (option.Kind == CommandParameterKind.Flag)
        {
            return text.Append(option.DefaultValue == "true" ? "--[no-]" : "--").Append(option.Name).ToString();
        }

        text.Append("--").Append(option.Name).Append(' ').Append(option.ValueName);
        return option.IsRepeated ? text.Append("...").ToString() : text.ToString();
    }

    private static string Describe(CommandParameter parameter)
    {
        var text = new StringBuilder(parameter.Help ?? "");
        void Note(string note) => text.Append(text.Length > 0 ? " " : "").Append('(').Append(note).Append(')');
        if (parameter.Kind == CommandParameterKind.Argument && parameter.ValueName != "<text>")
        {
            Note(parameter.ValueName.Trim('<', '>'));
        }

        if (parameter.IsRequired && parameter.Kind != CommandParameterKind.Argument)
        {
            Note("required");
        }
        else if (parameter.DefaultValue is { } defaultValue && parameter.Kind != CommandParameterKind.Flag)
        {
            Note("default: " + defaultValue);
        }

        if (parameter.IsRepeated && parameter.Kind == CommandParameterKind.Option)
        {
            Note("repeatable");
        }

        return text.ToString();
    }

    private static void WriteRows(TextWriter writer, IEnumerable<(string Left, string Right)> rows, int width)
    {
        foreach (var (left, right) in rows)
        {
            writer.WriteLine(right.Length == 0 ? "  " + left : "  " + left.PadRight(width) + "  " + right);
        }
    }
}
