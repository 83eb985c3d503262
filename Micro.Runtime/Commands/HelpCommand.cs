namespace Micro.Commands;

/// <summary>Show the commands, or one command's arguments and options.</summary>
[Command]
internal static class HelpCommand
{
    /// <summary>Lists the commands, or explains one.</summary>
    /// <param name="context">The running command.</param>
    /// <param name="command">The command to explain.</param>
    public static int Run(CommandContext context, [Argument] string? command = null)
    {
        var program = context.ProgramName;
        if (command is null)
        {
            CommandHelp.WriteCommandList(context.Out, program, context.Commands);
            return CommandRunner.Success;
        }

        var definition = context.Commands.FirstOrDefault(c => c.Name == command)
            ?? throw new CommandException(CommandRunner.UnknownCommand(command, context.Commands, program), CommandRunner.UsageError);
        CommandHelp.WriteCommand(context.Out, program, definition);
        return CommandRunner.Success;
    }
}
