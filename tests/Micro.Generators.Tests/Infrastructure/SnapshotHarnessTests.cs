using System.Reflection;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>The snapshot harness itself: it fails when it should, writes what it says, and every verified file belongs to a test.</summary>
public sealed class SnapshotHarnessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "micro-snapshots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void MissingVerifiedFileFailsAndWritesReceived()
    {
        var error = Assert.ThrowsAny<Exception>(() => Snapshot.Compare(_directory, "T.M", [("#A.g.verified.cs", "one\n")], accept: false));

        Assert.Contains("T.M#A.g.verified.cs does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal("one\n", File.ReadAllText(Path.Combine(_directory, "T.M#A.g.received.cs")));
    }

    [Fact]
    public void DifferenceFailsWithTheFirstDifferingLine()
    {
        Write("T.M#A.g.verified.cs", "one\ntwo\nthree\n");

        var error = Assert.ThrowsAny<Exception>(() => Snapshot.Compare(_directory, "T.M", [("#A.g.verified.cs", "one\n2\nthree\n")], accept: false));

        Assert.Contains("line 2: expected `two`, actual `2`", error.Message, StringComparison.Ordinal);
        Assert.Equal("one\n2\nthree\n", File.ReadAllText(Path.Combine(_directory, "T.M#A.g.received.cs")));
    }

    [Fact]
    public void MatchPassesAndRemovesAnOldReceivedFile()
    {
        Write("T.M#A.g.verified.cs", "\uFEFFone\r\ntwo\r\n"); // a checkout with a BOM and CRLF endings still matches
        Write("T.M#A.g.received.cs", "old");

        Snapshot.Compare(_directory, "T.M", [("#A.g.verified.cs", "one\ntwo\n")], accept: false);

        Assert.False(File.Exists(Path.Combine(_directory, "T.M#A.g.received.cs")));
    }

    [Fact]
    public void VerifiedFileNothingProducesFails()
    {
        Write("T.M#A.g.verified.cs", "a\n");
        Write("T.M#Gone.g.verified.cs", "gone\n");
        Write("T.M.verified.txt", "diagnostics that went away\n");
        Write("T.Other#A.g.verified.cs", "another test's\n");

        var error = Assert.ThrowsAny<Exception>(() => Snapshot.Compare(_directory, "T.M", [("#A.g.verified.cs", "a\n")], accept: false));

        Assert.Contains("T.M#Gone.g.verified.cs is verified, but the test no longer produces it", error.Message, StringComparison.Ordinal);
        Assert.Contains("T.M.verified.txt is verified, but the test no longer produces it", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("T.Other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptWritesVerifiedFilesAndRemovesStaleOnes()
    {
        Write("T.M#A.g.verified.cs", "old\n");
        Write("T.M#A.g.received.cs", "new\n");
        Write("T.M#Gone.g.verified.cs", "gone\n");

        Snapshot.Compare(_directory, "T.M", [("#A.g.verified.cs", "new\n"), (".verified.txt", "d\n")], accept: true);

        Assert.Equal(
            ["T.M#A.g.verified.cs", "T.M.verified.txt"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("new\n"u8.ToArray(), File.ReadAllBytes(Path.Combine(_directory, "T.M#A.g.verified.cs"))); // no BOM
    }

    [Fact]
    public void VersionIsScrubbed()
    {
        Assert.Equal(
            """[global::System.CodeDom.Compiler.GeneratedCode("Micro.Generators", "{version}")]""",
            Snapshot.Scrub("""[global::System.CodeDom.Compiler.GeneratedCode("Micro.Generators", "1.2.3")]"""));
    }

    [Fact]
    public void ReceivedFilesAreNamedBesideVerifiedOnes()
    {
        Assert.Equal("/s/T.M#Micro.Routing.Urls.g.received.cs", Snapshot.ReceivedPath("/s/T.M#Micro.Routing.Urls.g.verified.cs"));
        Assert.Equal("/s/T.M.received.txt", Snapshot.ReceivedPath("/s/T.M.verified.txt"));
    }

    [Fact]
    public void SnapshotsAreBesideTheTestSource()
    {
        var here = Path.Combine(Snapshot.ProjectDirectory, "Routing", "RoutesSnapshotTests.cs");
        var expected = Path.Combine(Snapshot.ProjectDirectory, "Routing", Snapshot.FolderName);

        Assert.Equal(expected, Snapshot.SnapshotDirectory(here));

        // A build with mapped source paths (PathMap, as CI builds use) still finds them.
        Assert.Equal(expected, Snapshot.SnapshotDirectory("/_/tests/Micro.Generators.Tests/Routing/RoutesSnapshotTests.cs"));
    }

    /// <summary>A verified file whose test was renamed or removed would never be compared again.</summary>
    [Fact]
    public void EveryVerifiedFileBelongsToATest()
    {
        var tests = typeof(SnapshotHarnessTests).Assembly.GetTypes()
            .SelectMany(static type => type.GetMethods().Where(static m => m.IsDefined(typeof(FactAttribute), inherit: true)).Select(m => $"{type.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var verified = Directory.EnumerateFiles(Snapshot.ProjectDirectory, "*.verified.*", SearchOption.AllDirectories)
            .Where(static path => Path.GetFileName(Path.GetDirectoryName(path)) == Snapshot.FolderName)
            .Select(static path => Path.GetFileName(path))
            .ToList();

        Assert.NotEmpty(verified);
        Assert.All(verified, file =>
        {
            var owner = file.Split('#')[0].Replace(".verified.txt", "", StringComparison.Ordinal);
            Assert.True(tests.Contains(owner), $"{file} belongs to no test ({owner} is not a [Fact]); delete it.");
        });
    }

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, name), text);
    }
}
