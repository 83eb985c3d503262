using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Micro.Tests.Processes;

/// <summary>
/// The start of a web server run as a process: ASP.NET Core writes "Now listening on: http://..." once Kestrel is bound. Used by
/// the tests that start the sample app as a native binary (Micro.Native.Tests) and apps built from the package (Micro.Package.Tests).
/// </summary>
public static partial class ListeningLine
{
    /// <summary>
    /// Reads <paramref name="process"/>'s standard output and error (both redirected, not yet read) into <paramref name="output"/>,
    /// each line after <paramref name="linePrefix"/>, and returns the first address the server says it listens on. Fails with what
    /// the server wrote when it exits first or doesn't listen within <paramref name="timeout"/>. Lock <paramref name="output"/>
    /// to read it: the process goes on writing into it.
    /// </summary>
    public static async Task<string> WaitAsync(Process process, StringBuilder output, TimeSpan timeout, string linePrefix = "")
    {
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Append(linePrefix).AppendLine(e.Data);
            }

            if (Address().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Task first;
        try
        {
            first = await Task.WhenAny(listening.Task, process.WaitForExitAsync()).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server did not start listening within {timeout}:\n{Written(output)}");
        }

        return first == listening.Task
            ? await listening.Task
            : throw new InvalidOperationException($"The server exited with {process.ExitCode} before listening:\n{Written(output)}");
    }

    private static string Written(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Address();
}
