using System.Runtime.CompilerServices;
using Micro.Generators.Tests.Infrastructure;
using Micro.Hosting;

namespace Micro.Generators.Tests.Hosting;

/// <summary>
/// The generated entry point: <c>MicroManifest.Create()</c> gives each host a manifest of its own, and nothing the app
/// registers keeps it loaded.
/// </summary>
public sealed class ManifestTests
{
    private const string App = """
        return MicroApp.Run(args);

        public static class Site
        {
            [Route("", Name = "home")]
            public static TemplateResult Home() => Template.Render("home.html", new Page("Home"));

            [Route("notes/<int:id>/", Name = "note")]
            public static Note Note(int id) => new(id, "note " + id);

            [Command]
            public static string Greet([Argument] string name) => "Hello, " + name;

            [TemplateTag]
            public static string Shout(string value) => value.ToUpperInvariant() + "!";
        }

        public sealed record Page(string Title);

        public sealed record Note(int Id, string Title);
        """;

    [Fact]
    public void EachCallMakesAManifestOfItsOwn()
    {
        using var app = Load();
        var first = AppManifest.Create(app.Assembly);
        var second = AppManifest.Create(app.Assembly);

        Assert.NotSame(first, second);
        Assert.NotSame(first.TemplateLibrary, second.TemplateLibrary);
        Assert.NotSame(first.TemplateAccessors, second.TemplateAccessors);
        Assert.Same(app.Assembly, first.Assembly);

        // The URL table never changes, so hosts share it; everything else is the host's own.
        Assert.Same(first.Routes, second.Routes);
        Assert.Equal(["greet"], first.Commands.Select(static c => c.Name));
        Assert.NotNull(first.JsonTypeInfoResolver);
        Assert.NotNull(first.TemplateLibrary.FindFilter("shout"));
        Assert.NotNull(first.TemplateAccessors.Find(app.Assembly.GetType("Page", throwOnError: true)!));
    }

    [Fact]
    public void DevelopmentBuildsRecordTheProjectFolderAndReleaseBuildsDoNot()
    {
        var debug = TestCompilation.RunWithBuildProperties(App, new Dictionary<string, string> { ["Optimize"] = "false" }).AssertCompilesCleanly();
        var release = TestCompilation.RunWithBuildProperties(App, new Dictionary<string, string> { ["Optimize"] = "true" }).AssertCompilesCleanly();

        Assert.Contains($"projectDirectory: \"{TestCompilation.AppDirectory}\"", debug.Source(ManifestHintName), StringComparison.Ordinal);
        Assert.DoesNotContain(TestCompilation.AppDirectory, string.Concat(release.Sources.Select(static s => s.SourceText.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssemblyWithoutMicroAttributesHasNoManifest()
    {
        var run = TestCompilation.Run("""
            return Plain.Answer();

            public static class Plain
            {
                public static int Answer() => 42;
            }
            """).AssertCompilesCleanly();

        Assert.Empty(run.HintNames);
        using var app = LoadedApp.Load(run.Output);
        var error = Assert.Throws<InvalidOperationException>(() => AppManifest.Create(app.Assembly));
        Assert.Contains("No Micro app was found in TestApp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAppUnloadsOnceNothingUsesIt()
    {
        var context = LoadUseAndUnload();

        // Unloading completes when the collector finds nothing that holds the app; a few collections always suffice.
        for (var i = 0; context.IsAlive && i < 10; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "The app's collectible load context is still alive: something in Micro.Runtime holds the app.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadUseAndUnload()
    {
        var app = Load();
        var manifest = app.Manifest;
        Assert.Equal("/notes/7/", manifest.Routes.Reverse("note", [7]));
        var engine = new TemplateEngine(new TemplateOptions { Library = manifest.TemplateLibrary, Accessors = manifest.TemplateAccessors });
        var page = Activator.CreateInstance(app.Assembly.GetType("Page", throwOnError: true)!, "Notes");
        Assert.Equal("NOTES!", engine.Parse("{{ title|shout }}").Render(page));
        return app.Unload();
    }

    private const string ManifestHintName = "Micro.Hosting.MicroManifest.g.cs";

    private static LoadedApp Load() =>
        LoadedApp.Load(TestCompilation.RunWithTemplates(App, ("home.html", "{{ title }}")).AssertCompilesCleanly().Output);
}
