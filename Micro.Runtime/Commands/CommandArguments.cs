using System.ComponentModel;

namespace Micro.Commands;

/// <summary>
/// Walks a command's arguments for the generated parser: options with their values (<c>--times 3</c>,
/// <c>--times=3</c>, <c>-t 3</c>), flags (<c>--shout</c>, <c>--no-shout</c>), positional values, and
/// <c>--</c>, after which everything is positional. It also words the usage errors.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CommandArguments
{
    private readonly IReadOnlyList<string> _args;
    private int _index = -1;
    private bool _positionalOnly;
    private string? _inlineValue;

    public CommandArguments(CommandDefinition command, IReadOnlyList<string> args)
    {
        Command = command;
        _args = args;
    }

    public CommandDefinition Command { get; }

    /// <summary>The current option as typed, without an inline value (<c>--times</c>, <c>-t</c>); null for a positional value.</summary>
    public string? Option { get; private set; }

    /// <summary>The current token: the positional value, or the option as typed.</summary>
    public string Current { get; private set; } = "";

    /// <summary>Moves to the next option or positional value.</summary>
    public bool MoveNext()
    {
        while (++_index < _args.Count)
        {
            var token = _args[_index];
            Current = token;
            if (!_positionalOnly && token == "--")
            {
                _positionalOnly = true;
                continue;
            }

            if (!_positionalOnly && IsOption(token))
            {
                var equals = token.IndexOf('=');
                Option = equals < 0 ? token : token[..equals];
                _inlineValue = equals < 0 ? null : token[(equals + 1)..];
                return true;
            }

            Option = null;
            _inlineValue = null;
            return true;
        }

        return false;
    }

    /// <summary>The value of the current option: after <c>=</c>, or the next token.</summary>
    public string Value(string expected)
    {
        if (_inlineValue is { } inline)
        {
            _inlineValue = null;
            return inline;
        }

        if (_index + 1 < _args.Count && !IsOptionOrSeparator(_args[_index + 1]))
        {
            return _args[++_index];
        }

        throw new CommandUsageException($"{Option} needs a value ({expected}).");
    }

    /// <summary>The values of the current array option: after <c>=</c>, or the tokens up to the next option.</summary>
    public IReadOnlyList<string> Values(string expected)
    {
        if (_inlineValue is { } inline)
        {
            _inlineValue = null;
            return [inline];
        }

        var values = new List<string>();
        while (_index + 1 < _args.Count && !IsOptionOrSeparator(_args[_index + 1]))
        {
            values.Add(_args[++_index]);
        }

        return values.Count > 0 ? values : throw new CommandUsageException($"{Option} needs at least one value ({expected}).");
    }

    /// <summary>A flag turned on (<c>--shout</c>), or set explicitly (<c>--shout=false</c>).</summary>
    public bool Flag()
    {
        if (_inlineValue is not { } inline)
        {
            return true;
        }

        _inlineValue = null;
        return bool.TryParse(inline, out var value) ? value : throw Invalid(inline, "true or false");
    }

    /// <summary>A flag turned off: <c>--no-shout</c>.</summary>
    public bool NegatedFlag() =>
        _inlineValue is null ? false : throw new CommandUsageException($"{Option} takes no value.");

    /// <summary>A value that doesn't parse, of the current option or of the argument <paramref name="argument"/>.</summary>
    public CommandUsageException Invalid(string value, string expected, string? argument = null) =>
        new($"{argument ?? Option} must be {expected}; '{value}' is not.");

    public CommandUsageException UnknownOption()
    {
        var known = new List<string>();
        foreach (var parameter in Command.Parameters)
        {
            if (parameter.Kind == CommandParameterKind.Argument)
            {
                continue;
            }

            known.Add("--" + parameter.Name);
            if (parameter.Kind == CommandParameterKind.Flag)
            {
                known.Add("--no-" + parameter.Name);
            }
        }

        var suggestion = Suggestions.Nearest(Option!, known);
        return new CommandUsageException(suggestion is null
            ? $"unknown option {Option}."
            : $"unknown option {Option}; did you mean {suggestion}?");
    }

    public CommandUsageException UnexpectedArgument() =>
        new(Command.Parameters.Any(static p => p.Kind == CommandParameterKind.Argument)
            ? $"unexpected extra argument '{Current}'."
            : $"unexpected argument '{Current}': {Command.Name} takes no positional arguments.");

    public CommandUsageException MissingOption(string option, string expected) => new($"missing required option {option} ({expected}).");

    public CommandUsageException MissingArgument(string argument) => new($"missing required argument {argument}.");

    /// <summary>
    /// <c>--name</c>, or a dash and a letter (<c>-t</c>); <c>-5</c> and <c>-</c> are values, so that
    /// negative numbers and "standard input" need no quoting.
    /// </summary>
    internal static bool IsOption(string token) =>
        token.Length >= 2 && token[0] == '-' && (token[1] == '-' ? token.Length > 2 : char.IsLetter(token[1]));

    private bool IsOptionOrSeparator(string token) => !_positionalOnly && (token == "--" || IsOption(token));
}
