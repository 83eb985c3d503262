using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Micro.Hosting;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Infrastructure;

/// <summary>
/// A compiled test app loaded into a collectible load context. Micro.Runtime is shared with the test
/// (resolved to the copy already loaded), so the app's routes are the test's <c>RouteDefinition</c>s.
/// </summary>
internal sealed class LoadedApp : IDisposable
{
    private readonly AppLoadContext _context;
    private AppManifest? _manifest;

    private LoadedApp(AppLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>A manifest of the app, made by its generated <c>MicroManifest.Create()</c>.</summary>
    public AppManifest Manifest => _manifest ??= AppManifest.Create(Assembly);

    /// <summary>Emits <paramref name="compilation"/> (which must be free of errors and warnings) and loads it.</summary>
    public static LoadedApp Load(Compilation compilation, IEnumerable<ResourceDescription>? resources = null)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image, manifestResources: resources);
        var problems = result.Diagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(result.Success && problems.Count == 0, "Emitting the app failed:\n" + GeneratorRun.Format(problems));

        var context = new AppLoadContext();
        image.Position = 0;
        var assembly = context.LoadFromStream(image);

        // The runtime runs a module initializer before the module's code is first used; an app's entry
        // point is that first use. Here nothing from the app has run yet, so run it as the app would.
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return new LoadedApp(context, assembly);
    }

    /// <summary>Calls a public static method of the app.</summary>
    public object? Call(string typeName, string methodName, params object?[] arguments)
    {
        var type = Assembly.GetType(typeName, throwOnError: true)!;
        var method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(typeName, methodName);
        return method.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
    }

    public void Dispose() => _context.Unload();

    /// <summary>Unloads the app and returns a weak reference to its load context, which is collected once nothing holds the app.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public WeakReference Unload()
    {
        _manifest = null;
        _context.Unload();
        return new WeakReference(_context);
    }

    private sealed class AppLoadContext() : AssemblyLoadContext("Micro test app", isCollectible: true)
    {
        private static readonly Assembly s_microRuntime = TestCompilation.MicroRuntime;

        // Everything else (the framework) comes from the default context too, by returning null.
        protected override Assembly? Load(AssemblyName assemblyName) =>
            AssemblyName.ReferenceMatchesDefinition(assemblyName, s_microRuntime.GetName()) ? s_microRuntime : null;
    }
}
