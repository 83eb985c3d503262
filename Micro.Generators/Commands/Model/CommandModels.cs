using Micro.Generators.Shared;

namespace Micro.Generators.Commands.Model
{
    internal enum CommandParameterSource
    {
        /// <summary><c>--name value</c>; an array collects repeated and multiple values.</summary>
        Option,

        /// <summary>A boolean: <c>--name</c>, <c>--no-name</c>, <c>--name=false</c>.</summary>
        Flag,

        /// <summary>A positional value marked <c>[Argument]</c>; an array takes the remaining ones.</summary>
        Argument,
        Service,
        KeyedService,

        /// <summary>The <c>CommandContext</c>.</summary>
        Context,

        /// <summary>A <c>TextWriter</c>: the command's output.</summary>
        Output,
        CancellationToken,
    }

    /// <summary>One parameter of a command handler and where its value comes from.</summary>
    /// <param name="Name">The C# parameter name.</param>
    /// <param name="Type">The parameter type, fully qualified, with its nullable annotation.</param>
    /// <param name="Source">Where the value comes from.</param>
    /// <param name="Key">The option's long name (<c>dry-run</c>), the argument's name, or the service key.</param>
    /// <param name="ShortName">The option's one-letter alias, if it has one.</param>
    /// <param name="Parse">How text becomes the value (of each element, for an array).</param>
    /// <param name="IsArray">The parameter is an array of <see cref="ParseModel.ValueType"/>.</param>
    /// <param name="IsRequired">The command line must give a value.</param>
    /// <param name="DefaultValue">The C# expression of the value when none is given, or null for <c>default</c>.</param>
    /// <param name="DefaultDisplay">The default value as help shows it, or null.</param>
    /// <param name="Placeholder">What a value looks like in help: <c>&lt;int&gt;</c>.</param>
    /// <param name="Help">The help text from <c>[Option]</c>, <c>[Argument]</c> or the doc comment's <c>&lt;param&gt;</c>.</param>
    internal sealed record CommandParameterModel(
        string Name,
        string Type,
        CommandParameterSource Source,
        string Key,
        char? ShortName,
        ParseModel? Parse,
        bool IsArray,
        bool IsRequired,
        string? DefaultValue,
        string? DefaultDisplay,
        string Placeholder,
        string? Help)
    {
        public bool IsCommandLine => Source is CommandParameterSource.Option or CommandParameterSource.Flag or CommandParameterSource.Argument;
    }

    internal enum CommandReturnKind
    {
        /// <summary>Exit code 0.</summary>
        Void,

        /// <summary>An <c>int</c>: the exit code.</summary>
        ExitCode,

        /// <summary>A <c>string</c>, written to the output as Django writes what <c>handle()</c> returns.</summary>
        Text,
    }

    /// <param name="IsAwaitable">The handler returns a <c>Task</c> or <c>ValueTask</c>.</param>
    internal sealed record CommandReturnModel(CommandReturnKind Kind, bool IsAwaitable);

    /// <summary>One <c>[Command]</c>: a static method, or the <c>Run</c>/<c>RunAsync</c> method of a class.</summary>
    /// <param name="Name">The command name typed on the command line.</param>
    /// <param name="Help">One line for the list of commands.</param>
    /// <param name="Description">The full help text.</param>
    /// <param name="Handler">The handler as help and <c>routes</c>-style listings show it: <c>Type.Method</c>.</param>
    internal sealed record CommandModel(
        string Name,
        string? Help,
        string? Description,
        string ContainingType,
        string MethodName,
        string Handler,
        EquatableArray<CommandParameterModel> Parameters,
        CommandReturnModel Return,
        LocationInfo Location)
    {
        /// <summary>Where the command is declared, as <c>file(line,column)</c>.</summary>
        public string Source => Location.Display;
    }

    /// <summary>What the compilation is: Micro.Runtime (whose commands are the built-ins) or an app, and the built-in names an app can't reuse.</summary>
    internal sealed record CommandHostModel(bool IsBuiltInAssembly, EquatableArray<string> BuiltInNames);

    /// <summary>Everything the commands emitter writes from: the commands sorted by name.</summary>
    internal sealed record CommandTableModel(EquatableArray<CommandModel> Commands, bool IsBuiltInAssembly);
}
