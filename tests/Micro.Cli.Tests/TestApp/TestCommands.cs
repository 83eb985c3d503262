using System.Globalization;

namespace Micro.Cli.Tests.TestApp;

public enum Color
{
    Red,
    Green,
    Blue,
}

/// <summary>A service the tests register.</summary>
public sealed class Counter
{
    public int Value { get; set; }
}

/// <summary>A service nobody registers.</summary>
public sealed class Unregistered;

/// <summary>
/// Commands with every kind of parameter. Each prints what it received, one <c>name=value</c> per
/// line, so that the tests see exactly what the generated parser produced.
/// </summary>
public static class TestCommands
{
    /// <summary>Every scalar type, each with a default.</summary>
    /// <param name="count">An int.</param>
    [Command]
    public static void Scalars(
        TextWriter output,
        [Option(Short = 'n')] int count = 1,
        long big = 0,
        double ratio = 0.5,
        decimal price = 9.99m,
        string name = "none",
        Guid id = default,
        DateOnly? day = null,
        TimeSpan? wait = null,
        char letter = 'a',
        byte small = 7,
        Color color = Color.Green,
        string? note = null,
        int? limit = null)
    {
        Print(output, ("count", count), ("big", big), ("ratio", ratio), ("price", price), ("name", name), ("id", id),
            ("day", day), ("wait", wait), ("letter", letter), ("small", small), ("color", color), ("note", note), ("limit", limit));
    }

    /// <summary>Flags: off by default, on by default, nullable.</summary>
    [Command]
    public static void Flags(TextWriter output, bool force, bool color = true, bool? verbose = null) =>
        Print(output, ("force", force), ("color", color), ("verbose", verbose));

    /// <summary>Options without defaults are required.</summary>
    [Command]
    public static void Required(TextWriter output, string to, int port, string? cc) =>
        Print(output, ("to", to), ("port", port), ("cc", cc));

    /// <summary>Array options: repeated, or several values after one option.</summary>
    [Command]
    public static void Arrays(TextWriter output, string[] tag, int[] number, Color[]? colors = null) =>
        Print(output, ("tag", Join(tag)), ("number", Join(number)), ("colors", colors is null ? "null" : Join(colors)));

    /// <summary>Positional arguments: a required one, an optional one, and the rest.</summary>
    [Command]
    public static void Positional(
        TextWriter output,
        [Argument] string source,
        [Argument(Name = "copies")] int count = 1,
        [Argument] string[]? rest = null,
        bool dryRun = false) =>
        Print(output, ("source", source), ("copies", count), ("rest", rest is null ? "null" : Join(rest)), ("dry-run", dryRun));

    /// <summary>Services, the context and the cancellation token are injected.</summary>
    [Command]
    public static void Injected(CommandContext context, Counter counter, CancellationToken cancellationToken, Unregistered? missing = null)
    {
        counter.Value++;
        Print(context.Out, ("command", context.Name), ("counter", counter.Value), ("missing", missing is null ? "null" : "set"),
            ("cancellable", cancellationToken.CanBeCanceled));
    }

    /// <summary>Needs a service that is not registered.</summary>
    [Command]
    public static void NeedsUnregistered(Unregistered service) => _ = service;

    /// <summary>Waits until cancelled.</summary>
    [Command]
    public static async Task WaitForCancel(TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine("waiting");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>Returns the exit code it is given.</summary>
    [Command]
    public static int ExitWith(int code) => code;

    /// <summary>Returns the exit code it is given, asynchronously.</summary>
    [Command]
    public static async Task<int> ExitWithAsync(int code)
    {
        await Task.Yield();
        return code;
    }

    /// <summary>Returns text, which is printed.</summary>
    [Command]
    public static string Echo([Argument] string text) => text;

    /// <summary>Returns text asynchronously, through a ValueTask.</summary>
    [Command]
    public static async ValueTask<string?> EchoAsync([Argument] string? text = null)
    {
        await Task.Yield();
        return text;
    }

    /// <summary>Throws, in several ways.</summary>
    /// <param name="kind">plain, command, usage.</param>
    [Command]
    public static void Throw([Argument] string kind) => throw kind switch
    {
        "command" => new CommandException("The thing is broken.", 4),
        "usage" => new CommandUsageException("--from must come before --to."),
        _ => new InvalidOperationException("Something went wrong."),
    };

    /// <summary>A name derived from a PascalCase method name.</summary>
    [Command]
    public static string SendHTTPEmails() => "sent";

    [Command("explicit-name", Help = "Help from the attribute.")]
    public static string NamedByAttribute() => "named";

    private static string Join<T>(IEnumerable<T> values) => "[" + string.Join(",", values.Select(static v => Format(v))) + "]";

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Print(TextWriter output, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            output.WriteLine($"{name}={Format(value)}");
        }
    }
}

/// <summary>A class-based command: imports data.</summary>
/// <remarks>The class name loses its Command suffix: import-data.</remarks>
[Command]
public static class ImportDataCommand
{
    /// <param name="file">The file to import.</param>
    /// <param name="batch">Rows per batch.</param>
    public static async Task<int> RunAsync([Argument] string file, TextWriter output, int batch = 100)
    {
        await Task.Yield();
        output.WriteLine($"import {file} in batches of {batch}");
        return 0;
    }
}

/// <summary>A route whose parameter is neither a service nor readable from a GET request: `check` reports it.</summary>
public static class BrokenRoutes
{
    [Route("broken/", Name = "broken")]
    public static string Broken(Unregistered thing) => thing.ToString() ?? "";
}
