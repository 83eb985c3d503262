using System.ComponentModel;

namespace Micro.Commands;

/// <summary>How a command parameter is given on the command line.</summary>
public enum CommandParameterKind
{
    /// <summary>A positional argument: <c>greet Ada</c>.</summary>
    Argument,

    /// <summary>An option with a value: <c>--times 3</c> or <c>--times=3</c>.</summary>
    Option,

    /// <summary>A boolean option without a value: <c>--shout</c>, or <c>--no-shout</c> to turn it off.</summary>
    Flag,
}

/// <summary>An option or argument of a command, as help shows it.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class CommandParameter(
    CommandParameterKind kind,
    string name,
    char? shortName,
    string valueName,
    string? help,
    string? defaultValue,
    bool isRequired,
    bool isRepeated)
{
    public CommandParameterKind Kind { get; } = kind;

    /// <summary>The option name without dashes (<c>dry-run</c>), or the argument name (<c>addrport</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The one-letter alias of an option, if it has one.</summary>
    public char? ShortName { get; } = shortName;

    /// <summary>What a value looks like: <c>&lt;int&gt;</c>, <c>&lt;text&gt;</c>, <c>&lt;Low|High&gt;</c>.</summary>
    public string ValueName { get; } = valueName;

    public string? Help { get; } = help;

    /// <summary>The default value as text, or null when there is none to show.</summary>
    public string? DefaultValue { get; } = defaultValue;

    public bool IsRequired { get; } = isRequired;

    /// <summary>The parameter is an array: the option may be repeated, or the argument takes the remaining values.</summary>
    public bool IsRepeated { get; } = isRepeated;

    /// <summary>How the parameter is written in usage lines and errors: <c>--times</c> or <c>&lt;name&gt;</c>.</summary>
    public string Display => Kind == CommandParameterKind.Argument ? "<" + Name + ">" : "--" + Name;
}

/// <summary>
/// A command as the generator describes it: its name, help, parameters and the generated function
/// that parses its arguments and calls the handler. Generated code creates these.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class CommandDefinition(
    string name,
    string? help,
    string? description,
    IReadOnlyList<CommandParameter> parameters,
    IReadOnlyList<Type> services,
    string handler,
    string source,
    Func<CommandContext, CommandArguments, Task<int>> run,
    bool runsWithoutHost = false)
{
    public string Name { get; } = name;

    /// <summary>One line, for the list of commands.</summary>
    public string? Help { get; } = help;

    /// <summary>The full help text, for the command's own help.</summary>
    public string? Description { get; } = description;

    public IReadOnlyList<CommandParameter> Parameters { get; } = parameters;

    /// <summary>The services the handler needs, so that <c>check</c> can find unregistered ones before the command runs.</summary>
    public IReadOnlyList<Type> Services { get; } = services;

    /// <summary>The handler, as <c>Type.Method</c>.</summary>
    public string Handler { get; } = handler;

    /// <summary>Where the command is declared: <c>file(line,column)</c>.</summary>
    public string Source { get; } = source;

    /// <summary>Parses the arguments (throwing <see cref="CommandUsageException"/>), calls the handler and returns its exit code.</summary>
    public Func<CommandContext, CommandArguments, Task<int>> Run { get; } = run;

    /// <summary>
    /// Whether the handler takes only command-line values, its output and the cancellation token: nothing from the app
    /// (no service, no <see cref="CommandContext"/>), so that it runs before the host is built.
    /// </summary>
    public bool RunsWithoutHost { get; } = runsWithoutHost;
}

/// <summary>
/// Marks a command name as built into the assembly that carries it, so that the generator refuses an
/// app command of the same name. Generated for every <see cref="CommandAttribute"/> in Micro.Runtime.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class BuiltInCommandAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
