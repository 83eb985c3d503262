using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit;

namespace Micro.Tests.OpenApi;

/// <summary>
/// Runs @seriousme/openapi-schema-validator (tests/openapi-validator, installed by .ci/run) on a document. When it isn't
/// installed the test installs it with npm, and fails if it can't: a document nobody validated never passes.
/// </summary>
public static class OpenApiValidator
{
    public static void AssertValid(string document)
    {
        var folder = Folder();
        var cli = Path.Combine(folder, "node_modules", ".bin", "validate-api");
        if (!File.Exists(cli))
        {
            var (installed, output) = Run("npm", ["ci", "--no-audit", "--no-fund"], folder);
            Assert.True(installed == 0 && File.Exists(cli), $"The OpenAPI validator is not installed and `npm ci` in {folder} failed (.ci/run installs it):\n{output}");
        }

        var file = Path.Combine(Path.GetTempPath(), $"micro-openapi-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, document);
        var (status, result) = Run(cli, [file], folder);
        Assert.True(status == 0, $"The OpenAPI validator refused the document (kept in {file}):\n{result}");
        File.Delete(file);
    }

    private static string Folder([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "openapi-validator"));

    private static (int Status, string Output) Run(string program, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
