using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Micro.Cli.Tests;

/// <summary>
/// The server watches its configuration files (and reloads them when they change); a command reads them once, as a Django
/// command reads its settings once, so it doesn't walk and watch the content root while it starts. Seen from outside, as
/// real processes of TestRunnerApp (Linux): the inotify descriptors among the process's open files, and what each does
/// where no file can be watched, in a user namespace whose limit of inotify instances is 0 (the machine's own limit, 128
/// by default, is reached the same way when other processes hold them all).
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

        using var process = Start(watchable: true, "greet-lines");
        Assert.Equal("Hello, Ada!", await GreetAsync(process, "Ada"));
        Assert.Equal(0, InotifyDescriptors(process.Id));

        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task A_command_runs_where_no_file_can_be_watched()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var process = Start(watchable: false, "greet-lines");
        Assert.Equal("Hello, Ada!", await GreetAsync(process, "Ada"));
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((0, ""), (process.ExitCode, await process.StandardError.ReadToEndAsync()));
    }

    [Fact]
    public async Task The_server_watches_its_configuration_files()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var process = Start(watchable: true, "runserver", "127.0.0.1:0");
        await ServingUrlAsync(process);
        Assert.Equal(1, InotifyDescriptors(process.Id));
    }

    [Fact]
    public async Task A_server_that_cannot_watch_its_configuration_files_serves_without_reloading_them_and_says_so()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var process = Start(watchable: false, "runserver", "127.0.0.1:0");
        var url = await ServingUrlAsync(process);
        using var http = new HttpClient();
        Assert.Equal("Hello from the fixture", await http.GetStringAsync(url + "/"));
        Assert.Equal(0, InotifyDescriptors(process.Id));

        var warning = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("warning: The app can't watch its configuration files, so it won't reload them when they change: The configured user limit", warning);
        Assert.EndsWith(" Raise the limit (sysctl fs.inotify.max_user_instances), or set DOTNET_USE_POLLING_FILE_WATCHER=true to have the files polled.", warning);
    }

    /// <summary>
    /// Starts TestRunnerApp with <paramref name="args"/>, its standard streams redirected; unless <paramref name="watchable"/>,
    /// in a user namespace where no inotify instance can be made (the same process: unshare and sh exec into it).
    /// </summary>
    private static ChildProcess Start(bool watchable, params string[] args)
    {
        var start = SampleAppProcess.StartInfo(SampleAppProcess.RunApp, args);
        start.RedirectStandardInput = true;
        if (!watchable)
        {
            var command = string.Join(' ', start.ArgumentList.Select(static a => "'" + a + "'"));
            start.FileName = "unshare";
            start.ArgumentList.Clear();
            foreach (var argument in new[] { "--user", "--map-root-user", "sh", "-c", $"echo 0 > /proc/sys/user/max_inotify_instances && exec dotnet {command}" })
            {
                start.ArgumentList.Add(argument);
            }
        }

        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>Sends a name to greet-lines and returns its answer, which comes after the host is built.</summary>
    private static async Task<string?> GreetAsync(ChildProcess process, string name)
    {
        await process.StandardInput.WriteLineAsync(name);
        await process.StandardInput.FlushAsync();
        return await process.ReadLineAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The address a starting server listens at, from its log on standard output.</summary>
    private static async Task<string> ServingUrlAsync(ChildProcess process)
    {
        while (await process.ReadLineAsync(TimeSpan.FromSeconds(60)) is { } line)
        {
            if (ListeningAt().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        Assert.Fail($"The server exited before it listened:\n{await process.StandardError.ReadToEndAsync()}");
        return "";
    }

    /// <summary>How many of the process's open files are inotify instances (each file watcher has one).</summary>
    internal static int InotifyDescriptors(int pid) => Inotify(pid).Count();

    /// <summary>How many watches the process's inotify instances hold: one for each folder watched.</summary>
    internal static int InotifyWatches(int pid) =>
        Inotify(pid).Sum(descriptor => File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(descriptor)}").Count(static line => line.StartsWith("inotify wd:", StringComparison.Ordinal)));

    /// <summary>The process's open files that are inotify instances.</summary>
    private static IEnumerable<string> Inotify(int pid)
    {
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(descriptor).LinkTarget;
            }
            catch (IOException)
            {
                // Closed while the folder was read.
                continue;
            }

            if (target == "anon_inode:inotify")
            {
                yield return descriptor;
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningAt();
}
