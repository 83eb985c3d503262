using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Json;

/// <summary>
/// Snapshots of the System.Text.Json metadata generated for types that use its attributes; each app compiles
/// cleanly. What the metadata does at run time is compared with System.Text.Json's own generator in
/// Micro.Runtime.Tests (JsonParityTests).
/// </summary>
public sealed class JsonSnapshotTests
{
    private static readonly string[] s_files = ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Json.MicroJsonResolver.g.cs", "Micro.Hosting.MicroManifest.g.cs"];

    [Fact]
    public void Members() => VerifyApp(JsonApps.Members);

    [Fact]
    public void Converters() => VerifyApp(JsonApps.Converters);

    [Fact]
    public void Hierarchies() => VerifyApp(JsonApps.Hierarchies);

    [Fact]
    public void Collections() => VerifyApp(JsonApps.Collections);

    private static void VerifyApp(string source, [System.Runtime.CompilerServices.CallerMemberName] string testMethod = "")
    {
        var run = TestCompilation.Run(source);
        Snapshot.Verify(run, s_files, testMethod: testMethod);
        run.AssertCompilesCleanly();
    }
}
