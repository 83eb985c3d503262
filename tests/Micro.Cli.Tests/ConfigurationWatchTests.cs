using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Micro.Cli.Tests;

/// <summary>
/// The server watches its configuration files (and reloads them when they change); a command reads them once, as a Django
/// command reads its settings once, so it doesn't walk and watch the content root while it starts. Seen from outside, as
/// real processes of TestRunnerApp: the inotify descriptors among the process's open files (Linux).
/// </summary>
public sealed partial class ConfigurationWatchTests
{
    [Fact]
    public async Task A_command_that_builds_the_host_watches_no_files()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var start = SampleAppProcess.StartInfo(SampleAppProcess.RunApp, ["greet-lines"]);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        try
        {
            // Its first answer comes after the host is built, from the configuration it was built with.
            await process.StandardInput.WriteLineAsync("Ada");
            await process.StandardInput.FlushAsync();
            var answer = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("Hello, Ada!", answer);

            Assert.Equal(0, InotifyDescriptors(process.Id));

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            Stop(process);
        }
    }

    [Fact]
    public async Task The_server_watches_its_configuration_files()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var process = Process.Start(SampleAppProcess.StartInfo(SampleAppProcess.RunApp, ["runserver", "127.0.0.1:0"]))!;
        try
        {
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))) is not null && !ServingAt().IsMatch(line))
            {
            }

            Assert.NotNull(line);
            Assert.Equal(1, InotifyDescriptors(process.Id));
        }
        finally
        {
            Stop(process);
        }
    }

    /// <summary>How many of the process's open files are inotify instances (each file watcher has one).</summary>
    private static int InotifyDescriptors(int pid)
    {
        var count = 0;
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            try
            {
                count += new FileInfo(descriptor).LinkTarget == "anon_inode:inotify" ? 1 : 0;
            }
            catch (IOException)
            {
                // Closed while the folder was read.
            }
        }

        return count;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:\d+")]
    private static partial Regex ServingAt();
}
