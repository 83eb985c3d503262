namespace Micro;

/// <summary>
/// Makes a static method, or a class with a static <c>Run</c> or <c>RunAsync</c> method, a management
/// command of the app: <c>dotnet run -- seed --count 3</c>, or <c>./app seed --count 3</c> for a native
/// binary. The name is the kebab-case of the method or class name (<c>SendEmails</c> is <c>send-emails</c>;
/// a class loses its <c>Command</c> suffix) unless given. Parameters become options (<c>--count 3</c>,
/// <c>--force</c>) or, when marked <see cref="ArgumentAttribute"/>, positional arguments; services,
/// <see cref="CommandContext"/>, <see cref="System.IO.TextWriter"/> (the output) and
/// <see cref="System.Threading.CancellationToken"/> (Ctrl+C) are injected.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CommandAttribute : Attribute
{
    public CommandAttribute()
    {
    }

    public CommandAttribute(string name) => Name = name;

    /// <summary>The name typed on the command line; derived from the method or class name when null.</summary>
    public string? Name { get; }

    /// <summary>What the command does, for <c>help</c>. The XML doc comment's summary is used when this is not set.</summary>
    public string? Help { get; set; }
}

/// <summary>Reads a command parameter from a positional argument (<c>greet Ada</c>) instead of an option (<c>--name Ada</c>).</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ArgumentAttribute : Attribute
{
    /// <summary>The name shown in help and errors (<c>&lt;addrport&gt;</c>); the kebab-case parameter name when null.</summary>
    public string? Name { get; set; }

    /// <summary>The help text; the doc comment's <c>&lt;param&gt;</c> is used when this is not set.</summary>
    public string? Help { get; set; }
}

/// <summary>Changes how a command parameter is read as an option: its name, a one-letter alias, its help.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OptionAttribute : Attribute
{
    /// <summary>The long name, without dashes (<c>dry-run</c>); the kebab-case parameter name when null.</summary>
    public string? Name { get; set; }

    /// <summary>A one-letter alias: <c>Short = 'n'</c> accepts <c>-n 3</c>.</summary>
    public char Short { get; set; }

    /// <summary>The help text; the doc comment's <c>&lt;param&gt;</c> is used when this is not set.</summary>
    public string? Help { get; set; }
}
