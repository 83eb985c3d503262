namespace Micro;

/// <summary>
/// A test's expectation did not hold: thrown by <see cref="MicroTestResponse"/>'s assertions, with the file and line of the
/// assertion that failed. Django's <c>AssertionError</c>; any test framework reports it as a failure.
/// </summary>
public sealed class AssertionFailedException(string message, string? filePath = null, int line = 0) : Exception(message)
{
    /// <summary>The source file of the failed assertion, as the compiler saw it, when known.</summary>
    public string? FilePath { get; } = string.IsNullOrEmpty(filePath) ? null : filePath;

    /// <summary>The line of the failed assertion, from 1; 0 when unknown.</summary>
    public int Line { get; } = line;
}
