using System.Diagnostics;

namespace Micro.Tests;

/// <summary>
/// Runs a script with Debian's /usr/bin/python3, which has Django (python3-django, installed by .ci/run), for tests that
/// compare Micro's answers with Django's own. Shared by Micro.Runtime.Tests and Micro.Generators.Tests (a linked file).
/// </summary>
internal static class DjangoPython
{
    /// <summary>The script's standard output; fails the test with its standard error when it doesn't succeed.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, "Debian's python3-django is needed (.ci/run installs it): " + error);
        return await output;
    }
}
