using System.Text.RegularExpressions;

namespace Micro.Package.Tests.Infrastructure;

/// <summary>
/// The files the README prints, exactly as printed: each is the fenced block after a <c>&lt;!-- file: NAME --&gt;</c>
/// line, so the tests build what a reader copies.
/// </summary>
public static class Readme
{
    public static string File(string repositoryRoot, string name)
    {
        var readme = System.IO.File.ReadAllText(Path.Combine(repositoryRoot, "README.md")).Replace("\r\n", "\n");
        var match = Regex.Match(readme, $@"<!-- file: {Regex.Escape(name)} -->\n```[a-z]*\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"README.md has no <!-- file: {name} --> followed by a code block.");
        return match.Groups[1].Value;
    }

    /// <summary>Writes the README's file <paramref name="name"/> into <paramref name="folder"/> (as <paramref name="path"/>).</summary>
    public static void Write(string repositoryRoot, string name, string folder, string? path = null)
    {
        var target = Path.Combine(folder, path ?? name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        System.IO.File.WriteAllText(target, File(repositoryRoot, name));
    }
}
