namespace Micro.Generators.Shared
{
    /// <summary>A transform's output: a model when the input is valid, and the diagnostics either way.</summary>
    internal sealed record Parsed<T>(T? Model, EquatableArray<DiagnosticInfo> Diagnostics)
        where T : class;
}
