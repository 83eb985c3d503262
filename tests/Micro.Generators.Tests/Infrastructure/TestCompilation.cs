using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>Builds compilations of test apps and runs <see cref="MicroGenerator"/> over them.</summary>
internal static class TestCompilation
{
    // Preview: C# 14, which apps get from the SDK, is "preview" to Roslyn 4.14 (the data layer's typed filters are extension members).
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Preview)
        // Diagnose: malformed XML doc comments in generated code are warnings, as in a project with GenerateDocumentationFile.
        .WithDocumentationMode(DocumentationMode.Diagnose);

    private static readonly CSharpCompilationOptions s_options = new CSharpCompilationOptions(OutputKind.ConsoleApplication)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithOptimizationLevel(OptimizationLevel.Debug)
        .WithDeterministic(true)
        // Test apps don't document their public types; generated code disables CS1591 itself.
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress });

    /// <summary>The implicit usings of an app built with Microsoft.NET.Sdk.Web, plus Micro.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        global using global::Micro;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The framework's reference assemblies (core and ASP.NET Core), Micro.Runtime.dll and the data layer's EF Core and SQLite assemblies.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static Assembly MicroRuntime => typeof(RouteAttribute).Assembly;

    /// <summary>A compilation of one file, <c>Program.cs</c>.</summary>
    public static CSharpCompilation Create(string source) => Create(("Program.cs", source));

    public static CSharpCompilation Create(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "TestApp",
            files.Select(static f => Parse(f.Path, f.Source)).Prepend(Parse("GlobalUsings.g.cs", ImplicitUsings)),
            References,
            s_options);

    public static SyntaxTree Parse(string path, string source) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    /// <summary>
    /// A driver for the generator that records every pipeline step, as the IDE's does. With additional files or build
    /// properties, the generator sees them as Micro.App.targets passes them (the project folder is <see cref="AppDirectory"/>).
    /// </summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText>? additionalTexts = null, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            [new MicroGenerator().AsSourceGenerator()],
            additionalTexts,
            ParseOptions,
            additionalTexts is null && buildProperties is null ? null : new TemplateOptionsProvider(buildProperties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="source"/> with MSBuild properties (<c>Optimize</c>: a Release build) and the project folder.</summary>
    public static GeneratorRun RunWithBuildProperties(string source, IReadOnlyDictionary<string, string> buildProperties) =>
        GeneratorRun.Start(Create(source), [], buildProperties);

    /// <summary>Runs the generator over <paramref name="source"/> with template files, as an app with a <c>templates/</c> folder (Micro.App.targets passes them).</summary>
    public static GeneratorRun RunWithTemplates(string source, params (string Name, string Text)[] templates) =>
        GeneratorRun.Start(Create(source), templates.Select(static t => TemplateFile(t.Name, t.Text)));

    /// <summary>The project folder of apps run with <see cref="RunWithTemplates"/>.</summary>
    public const string AppDirectory = "/app";

    public static AdditionalText TemplateFile(string name, string text) => new InMemoryText($"{AppDirectory}/templates/{name}", text);

    /// <summary>A file of the app's static/ folder (the generator reads only its name).</summary>
    public static AdditionalText StaticFile(string name) => new InMemoryText($"{AppDirectory}/static/{name}", "");

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>What Micro.App.targets makes visible to the generator: the project folder, and which additional files are templates.</summary>
    private sealed class TemplateOptionsProvider(IReadOnlyDictionary<string, string>? buildProperties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(
            (buildProperties ?? new Dictionary<string, string>())
                .Select(static p => KeyValuePair.Create("build_property." + p.Key, p.Value))
                .Append(KeyValuePair.Create("build_property.MSBuildProjectDirectory", AppDirectory))
                .ToDictionary());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            textFile.Path.StartsWith(AppDirectory + "/templates/", StringComparison.Ordinal)
                ? new Options(new() { ["build_metadata.AdditionalFiles.MicroTemplate"] = "true" })
                : textFile.Path.StartsWith(AppDirectory + "/static/", StringComparison.Ordinal)
                    ? new Options(new() { ["build_metadata.AdditionalFiles.MicroStatic"] = "true" })
                    : Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    /// <summary>Runs the generator once over <paramref name="source"/>.</summary>
    public static GeneratorRun Run(string source) => GeneratorRun.Start(Create(source));

    /// <summary>
    /// Runs the generator over <paramref name="source"/> parsed with <paramref name="documentation"/>: <c>None</c> is a project
    /// without GenerateDocumentationFile, whose doc comments the compiler doesn't parse.
    /// </summary>
    public static GeneratorRun Run(string source, DocumentationMode documentation)
    {
        var compilation = Create(source);
        var options = ParseOptions.WithDocumentationMode(documentation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(tree.GetRoot(), options));
        }

        return GeneratorRun.Start(compilation);
    }

    public static GeneratorRun Run(params (string Path, string Source)[] files) => GeneratorRun.Start(Create(files));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = FrameworkReferencePaths("Microsoft.NETCore.App")
            .Concat(FrameworkReferencePaths("Microsoft.AspNetCore.App"))
            .Append(MicroRuntime.Location)
            // What the data layer's generated code uses, as Micro.Runtime's package references bring it to an app.
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.EntityFrameworkCore*.dll"))
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Data.Sqlite.dll"));
        return [.. paths.Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    /// <summary>
    /// The reference assemblies of a shared framework from the SDK's ref pack of the running version
    /// (dotnet/packs/NAME.Ref/VERSION/ref/netX.Y), or the highest one installed for this major version.
    /// </summary>
    private static IEnumerable<string> FrameworkReferencePaths(string framework)
    {
        // The runtime directory is dotnet/shared/Microsoft.NETCore.App/VERSION/.
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var packs = new DirectoryInfo(Path.Combine(dotnetRoot, "packs", framework + ".Ref"));
        var targetFramework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var refDirectory = packs.Exists
            ? packs.GetDirectories($"{Environment.Version.Major}.*")
                .OrderByDescending(static d => d.Name == Environment.Version.ToString() ? 1 : 0)
                .ThenByDescending(static d => Version.TryParse(d.Name, out var version) ? version : new Version())
                .Select(d => Path.Combine(d.FullName, "ref", targetFramework))
                .FirstOrDefault(Directory.Exists)
            : null;
        if (refDirectory is null)
        {
            throw new InvalidOperationException(
                $"The reference assemblies of {framework} ({targetFramework}) were not found under {packs.FullName}; install the .NET SDK that matches the runtime.");
        }

        return Directory.EnumerateFiles(refDirectory, "*.dll").Order(StringComparer.Ordinal);
    }
}
