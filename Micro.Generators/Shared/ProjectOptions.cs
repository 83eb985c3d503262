using Microsoft.CodeAnalysis;

namespace Micro.Generators.Shared
{
    /// <summary>What the app's build tells the generator about its project (the MSBuild properties the Micro targets make visible).</summary>
    /// <param name="Directory">The project folder: template names are relative to its <c>templates/</c>.</param>
    /// <param name="IsOptimized">A Release build: no path of the build machine goes into its output.</param>
    /// <param name="IncludeTests">Register the app's <c>[Test]</c> methods: every build but a publish, unless <c>MicroTests</c> says otherwise.</param>
    internal sealed record ProjectOptions(string? Directory, bool IsOptimized, bool IncludeTests = true)
    {
        private const string DirectoryProperty = "build_property.MSBuildProjectDirectory";
        private const string OptimizeProperty = "build_property.Optimize";
        private const string TestsProperty = "build_property.MicroTests";

        /// <summary>The project folder to record in the app for Development reloads and <c>makemigrations</c>: development builds only.</summary>
        public string? DevelopmentDirectory => IsOptimized ? null : Directory;

        /// <summary><paramref name="filePath"/> relative to the project folder (<c>Program.cs</c>, <c>Tests/BlogTests.cs</c>), else its file name: no path of the build machine.</summary>
        public string RelativePath(string filePath)
        {
            var path = filePath.Replace('\\', '/');
            var directory = Directory?.Replace('\\', '/').TrimEnd('/');
            return directory is { Length: > 0 } && path.StartsWith(directory + "/", System.StringComparison.Ordinal)
                ? path.Substring(directory.Length + 1)
                : System.IO.Path.GetFileName(path);
        }

        public static IncrementalValueProvider<ProjectOptions> Create(IncrementalGeneratorInitializationContext context) =>
            context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => new ProjectOptions(
                    options.GlobalOptions.TryGetValue(DirectoryProperty, out var directory) && directory.Length > 0 ? directory : null,
                    options.GlobalOptions.TryGetValue(OptimizeProperty, out var optimize) && string.Equals(optimize, "true", System.StringComparison.OrdinalIgnoreCase),
                    !options.GlobalOptions.TryGetValue(TestsProperty, out var tests) || !string.Equals(tests, "false", System.StringComparison.OrdinalIgnoreCase)))
                .WithTrackingName(TrackingNames.ProjectOptions);
    }
}
