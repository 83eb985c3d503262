using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Micro.Commands;
using Micro.Routing;
using Micro.Templates;

namespace Micro.Hosting;

/// <summary>
/// Everything the generator found in one app assembly. Generated module initializers fill it in
/// when the assembly loads; nothing is discovered by reflection.
/// </summary>
public sealed class AppManifest
{
    private static readonly ConcurrentDictionary<Assembly, AppManifest> s_manifests = new();

    private AppManifest(Assembly assembly) => Assembly = assembly;

    public Assembly Assembly { get; }

    public RouteTable Routes { get; } = new();

    /// <summary>The app's <see cref="CommandAttribute"/> commands; <see cref="CommandRegistry.For"/> adds the built-in ones.</summary>
    public CommandTable Commands { get; } = new();
    /// <summary>The app's <c>[Model]</c>s and their services, when it has any.</summary>
    public Data.DataModel? Data { get; private set; }

    /// <summary>The app's <c>[TemplateTag]</c> filters and tags.</summary>
    public TemplateLibrary TemplateLibrary { get; } = new();

    /// <summary>The project's <c>templates/</c> folder on the machine that built the app; development reloads templates from it.</summary>
    public string? TemplatesDirectory { get; private set; }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public void SetTemplatesDirectory(string directory) => TemplatesDirectory = directory;

    /// <summary>System.Text.Json metadata for the types the app's routes read and write.</summary>
    public IJsonTypeInfoResolver? JsonTypeInfoResolver { get; private set; }

    /// <summary>
    /// The manifest of <paramref name="assembly"/>. Its generated module initializer runs first, so that
    /// a host that has not yet run any of the app's code (a test runner, another app mounting it) sees its
    /// routes; inside that initializer the call is a no-op.
    /// </summary>
    public static AppManifest For(Assembly assembly)
    {
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return s_manifests.GetOrAdd(assembly, static assembly => new AppManifest(assembly));
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public void SetData(Data.DataModel data)
    {
        data.Assembly = Assembly;
        Data = data;
    }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public void SetJsonTypeInfoResolver(IJsonTypeInfoResolver resolver) => JsonTypeInfoResolver = resolver;

    /// <summary>
    /// The app being run: the entry assembly's manifest or, when the entry point is a host such as a
    /// test runner, the one app assembly that registered anything.
    /// </summary>
    public static AppManifest Default
    {
        get
        {
            var entry = Assembly.GetEntryAssembly();
            if (entry is not null && s_manifests.TryGetValue(entry, out var manifest))
            {
                return manifest;
            }

            return s_manifests.Count switch
            {
                1 => s_manifests.Values.First(),
                0 => throw new InvalidOperationException(
                    "No Micro app was found: no [Route], [Command] or other Micro attribute was compiled into the entry assembly. " +
                    "Check that the project references Micro.Generators as an analyzer (see README)."),
                _ => throw new InvalidOperationException(
                    $"Several assemblies contain Micro apps ({string.Join(", ", s_manifests.Keys.Select(static a => a.GetName().Name))}); " +
                    "pass the one to use, for example MicroApp.CreateBuilder(args, typeof(MyRoutes).Assembly)."),
            };
        }
    }
}
