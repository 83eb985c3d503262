using System.ComponentModel;

namespace Micro.Testing;

/// <summary>A <see cref="TestAttribute"/> method as the generator describes it: its name, where it is, and how to call it.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class TestDefinition(string name, string filePath, int line, Func<MicroTestClient, IServiceProvider, CancellationToken, Task> run)
{
    /// <summary><c>Class.Method</c>, as the test runner prints it and its filters match it.</summary>
    public string Name { get; } = name;

    /// <summary>The file that declares the test, relative to the project folder (<c>Program.cs</c>).</summary>
    public string FilePath { get; } = filePath;

    /// <summary>The line of the method's name, from 1.</summary>
    public int Line { get; } = line;

    /// <summary>Resolves the method's services from the given scope and calls it with the client.</summary>
    public Func<MicroTestClient, IServiceProvider, CancellationToken, Task> Run { get; } = run;

    /// <summary>The fixtures loaded before the test runs (<see cref="TestAttribute.Fixtures"/>).</summary>
    public IReadOnlyList<string> Fixtures { get; init; } = [];

    /// <summary>The class part of <see cref="Name"/>.</summary>
    public string ClassName => Name.LastIndexOf('.') is var dot and > 0 ? Name[..dot] : "";

    /// <summary>The method part of <see cref="Name"/>.</summary>
    public string MethodName => Name[(Name.LastIndexOf('.') + 1)..];

    public override string ToString() => $"{Name} ({FilePath}:{Line})";
}
