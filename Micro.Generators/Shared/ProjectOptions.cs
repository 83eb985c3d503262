using Microsoft.CodeAnalysis;

namespace Micro.Generators.Shared
{
    /// <summary>What the app's build tells the generator about its project (the MSBuild properties the Micro targets make visible).</summary>
    /// <param name="Directory">The project folder: template names are relative to its <c>templates/</c>.</param>
    /// <param name="IsOptimized">A Release build: no path of the build machine goes into its output.</param>
    internal sealed record ProjectOptions(string? Directory, bool IsOptimized)
    {
        private const string DirectoryProperty = "build_property.MSBuildProjectDirectory";
        private const string OptimizeProperty = "build_property.Optimize";

        /// <summary>The project folder to record in the app for Development reloads and <c>makemigrations</c>: development builds only.</summary>
        public string? DevelopmentDirectory => IsOptimized ? null : Directory;

        public static IncrementalValueProvider<ProjectOptions> Create(IncrementalGeneratorInitializationContext context) =>
            context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => new ProjectOptions(
                    options.GlobalOptions.TryGetValue(DirectoryProperty, out var directory) && directory.Length > 0 ? directory : null,
                    options.GlobalOptions.TryGetValue(OptimizeProperty, out var optimize) && string.Equals(optimize, "true", System.StringComparison.OrdinalIgnoreCase)))
                .WithTrackingName(TrackingNames.ProjectOptions);
    }
}
