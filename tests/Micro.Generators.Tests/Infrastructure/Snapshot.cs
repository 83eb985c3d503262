using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>
/// Snapshot tests of generated sources. Files live in <c>Snapshots/</c> beside the test's source file:
/// <c>{TestClass}.{TestMethod}#{HintName}.verified.cs</c> per generated source (first line
/// <c>//HintName: ...</c>) and <c>{TestClass}.{TestMethod}.verified.txt</c> for the generator's
/// diagnostics, only when there are any. A difference writes <c>.received.</c> beside the verified file
/// and fails; accept with <c>tests/accept-snapshots.sh</c>, or run with <c>MICRO_ACCEPT_SNAPSHOTS=1</c>
/// (ignored when <c>CI</c> is set) to write verified files directly. Review in <c>git diff</c>.
/// </summary>
internal static partial class Snapshot
{
    public const string AcceptVariable = "MICRO_ACCEPT_SNAPSHOTS";
    public const string FolderName = "Snapshots";

    /// <summary>Where the project's sources are, set by the test project file; used when compiled paths are mapped.</summary>
    private static readonly string s_projectDirectory = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "ProjectDirectory").Value!;

    public static bool AcceptMode =>
        Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true"
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static string ProjectDirectory => s_projectDirectory;

    /// <summary>
    /// Asserts that the generator produced exactly <paramref name="hintNames"/>, in this order, then compares
    /// each source, and the diagnostics if any, with the verified snapshots of the calling test.
    /// </summary>
    public static void Verify(
        GeneratorRun run,
        string[] hintNames,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        Assert.Equal(hintNames, run.HintNames);

        var files = new List<(string Name, string Text)>();
        foreach (var source in run.Sources)
        {
            var text = source.SourceText.ToString();
            Assert.False(text.Contains('\r'), $"{source.HintName} has '\\r' line endings; generated code uses '\\n'.");
            files.Add(($"#{FileNamePart(source.HintName)}.verified.cs", $"//HintName: {source.HintName}\n{Scrub(text)}"));
        }

        if (!run.Diagnostics.IsEmpty)
        {
            files.Add((".verified.txt", FormatDiagnostics(run)));
        }

        var testClass = Path.GetFileNameWithoutExtension(testFile);
        Compare(SnapshotDirectory(testFile), $"{testClass}.{testMethod}", files, AcceptMode);
    }

    /// <summary>The generator's version, which changes with every release, becomes a placeholder.</summary>
    public static string Scrub(string generated) =>
        GeneratedCodeVersion().Replace(generated, "$1{version}$2");

    /// <summary>One diagnostic per paragraph: where, severity, ID, message, and the source text under its span.</summary>
    public static string FormatDiagnostics(GeneratorRun run)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in run.Diagnostics
                     .OrderBy(static d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                     .ThenBy(static d => d.Location.SourceSpan.Start)
                     .ThenBy(static d => d.Id, StringComparer.Ordinal))
        {
            var span = diagnostic.Location.GetLineSpan();
            text.Append(FormattableString.Invariant(
                $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): "));
            text.Append(FormattableString.Invariant($"{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n"));
            text.Append("    ").Append(run.TextUnder(diagnostic).Replace("\n", "\n    ")).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Compares the files of one test (<paramref name="prefix"/> plus each suffix) with the verified ones in
    /// <paramref name="directory"/>, or writes them as verified when <paramref name="accept"/> is set.
    /// </summary>
    public static void Compare(string directory, string prefix, IReadOnlyList<(string Suffix, string Text)> files, bool accept)
    {
        var failures = new List<string>();
        var produced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (suffix, actual) in files)
        {
            var verifiedPath = Path.Combine(directory, prefix + suffix);
            var receivedPath = ReceivedPath(verifiedPath);
            produced.Add(Path.GetFileName(verifiedPath));
            if (accept)
            {
                WriteText(verifiedPath, actual);
                File.Delete(receivedPath);
                continue;
            }

            if (!File.Exists(verifiedPath))
            {
                WriteText(receivedPath, actual);
                failures.Add($"{Path.GetFileName(verifiedPath)} does not exist; the output is in {Path.GetFileName(receivedPath)}.");
                continue;
            }

            var verified = File.ReadAllText(verifiedPath).Replace("\r\n", "\n").TrimStart('\uFEFF');
            if (verified == actual)
            {
                File.Delete(receivedPath);
                continue;
            }

            WriteText(receivedPath, actual);
            failures.Add($"{Path.GetFileName(verifiedPath)} differs ({FirstDifference(verified, actual)}); the output is in {Path.GetFileName(receivedPath)}.");
        }

        // A verified file this test no longer produces (a source or diagnostics that went away) is a failure too.
        var stale = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, prefix + "#*.verified.cs")
                .Append(Path.Combine(directory, prefix + ".verified.txt"))
                .Where(File.Exists)
                .Where(path => !produced.Contains(Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        foreach (var path in stale)
        {
            if (accept)
            {
                File.Delete(path);
            }
            else
            {
                failures.Add($"{Path.GetFileName(path)} is verified, but the test no longer produces it; delete it if that is intended.");
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail($"Snapshots in {directory} don't match:\n  " + string.Join("\n  ", failures) +
                $"\nReview the received files, then run tests/accept-snapshots.sh (or set {AcceptVariable}=1) to accept them.");
        }
    }

    /// <summary>The first line where the two texts differ: its number, the expected and the actual text.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : null;
            var a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"line {i + 1}: expected {Show(e)}, actual {Show(a)}";
            }
        }

        return "no line differs";

        static string Show(string? line) => line is null ? "end of file" : $"`{line}`";
    }

    public static string ReceivedPath(string verifiedPath)
    {
        const string Verified = ".verified.";
        var at = verifiedPath.LastIndexOf(Verified, StringComparison.Ordinal);
        return verifiedPath[..at] + ".received." + verifiedPath[(at + Verified.Length)..];
    }

    /// <summary>
    /// <c>Snapshots/</c> beside the test's source file. When the compiler mapped source paths (a CI build
    /// with PathMap), the file is found again under the project directory.
    /// </summary>
    public static string SnapshotDirectory(string testFile)
    {
        var directory = Path.GetDirectoryName(testFile)!;
        if (!Directory.Exists(directory))
        {
            var projectName = Path.GetFileName(s_projectDirectory) + "/";
            var normalized = testFile.Replace('\\', '/');
            var at = normalized.LastIndexOf("/" + projectName, StringComparison.Ordinal);
            Assert.True(at >= 0, $"Can't find the source folder of {testFile} under {s_projectDirectory}.");
            directory = Path.GetDirectoryName(Path.Combine(s_projectDirectory, normalized[(at + projectName.Length + 1)..]))!;
        }

        return Path.Combine(directory, FolderName);
    }

    /// <summary>The hint name without its <c>.cs</c>, which the snapshot file name ends with anyway.</summary>
    private static string FileNamePart(string hintName) =>
        hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName;

    private static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    [GeneratedRegex("""(GeneratedCode\("Micro\.Generators", ")[^"]*("\))""")]
    private static partial Regex GeneratedCodeVersion();
}
