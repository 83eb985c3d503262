using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Micro.Commands;
using Micro.Data;
using Micro.Routing;
using Micro.Templates;

namespace Micro.Hosting;

/// <summary>
/// Everything the generator found in one app assembly: its URL table, commands, models, template tags and
/// accessors, and JSON metadata. Each host has its own manifest, made by the app's generated
/// <c>Micro.Generated.MicroManifest.Create()</c>; nothing is discovered by reflection.
/// </summary>
public sealed class AppManifest
{
    // The generated factories, one per app assembly. A weak table: registering never keeps an assembly loaded.
    private static readonly ConditionalWeakTable<Assembly, Func<AppManifest>> s_factories = new();

    // Counts registrations, so that the default app's routes are looked for again when another app registers.
    private static int s_registrations;

    // The routes of the default app, for reversing outside a request (see DefaultRoutes).
    private static DefaultApp? s_defaultApp;

    /// <summary>Called by the generated <c>MicroManifest.Create()</c>; each call makes a manifest for one host.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public AppManifest(
        Assembly assembly,
        RouteTable? routes = null,
        IJsonTypeInfoResolver? jsonTypeInfoResolver = null,
        IReadOnlyList<CommandDefinition>? commands = null,
        DataModel? data = null,
        TemplateLibrary? templateLibrary = null,
        TemplateAccessors? templateAccessors = null,
        string? projectDirectory = null,
        IReadOnlyList<Testing.TestDefinition>? tests = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Assembly = assembly;
        Routes = routes ?? RouteTable.Empty;
        JsonTypeInfoResolver = jsonTypeInfoResolver;
        Commands = commands ?? [];
        Data = data;
        if (data is not null)
        {
            data.Manifest = this;
        }

        TemplateLibrary = templateLibrary ?? new TemplateLibrary();
        TemplateAccessors = templateAccessors ?? new TemplateAccessors();
        ProjectDirectory = projectDirectory;
        Tests = tests ?? [];
    }

    /// <summary>The app assembly: its embedded <c>templates/</c> and <c>migrations/</c> are read from it.</summary>
    public Assembly Assembly { get; }

    /// <summary>The app's <c>[Route]</c>s and <c>[ErrorHandler]</c>s.</summary>
    public RouteTable Routes { get; }

    /// <summary>System.Text.Json metadata for the types the app's routes read and write.</summary>
    public IJsonTypeInfoResolver? JsonTypeInfoResolver { get; }

    /// <summary>The app's <see cref="CommandAttribute"/> commands; <see cref="CommandRegistry.For"/> adds the built-in ones.</summary>
    public IReadOnlyList<CommandDefinition> Commands { get; }

    /// <summary>The app's <c>[Model]</c>s and their services, when it has any.</summary>
    public DataModel? Data { get; }

    /// <summary>The app's <c>[TemplateTag]</c> filters and tags.</summary>
    public TemplateLibrary TemplateLibrary { get; }

    /// <summary>How templates read the members of the app's types.</summary>
    public TemplateAccessors TemplateAccessors { get; }

    /// <summary>
    /// The project folder on the machine that built the app, recorded by development (non-optimized) builds only:
    /// Development reloads <c>templates/</c> from it and <c>makemigrations</c> writes <c>migrations/</c> there.
    /// Null in Release builds, which use the content root instead.
    /// </summary>
    public string? ProjectDirectory { get; }

    /// <summary>
    /// The app's <see cref="TestAttribute"/> methods, in file and line order, for the <c>test</c> command. Empty in a build
    /// published without them (the default of <c>dotnet publish</c>; <c>-p:MicroTests=true</c> keeps them).
    /// </summary>
    public IReadOnlyList<Testing.TestDefinition> Tests { get; }

    /// <summary>The app's templates compiled to C# by the generator, by name (see <see cref="TemplateOptions.CompiledTemplates"/>).</summary>
    public IReadOnlyDictionary<string, CompiledTemplate> CompiledTemplates { get; init; } = new Dictionary<string, CompiledTemplate>();

    /// <summary>The models registered with the admin (<c>[Admin]</c>, or every model when the app calls <c>MapAdmin</c> and none has it).</summary>
    public IReadOnlyList<Admin.ModelAdmin> Admin { get; init; } = [];

    /// <summary>Models carry <c>[Admin]</c>, so the host mounts the admin itself (else the app calls <c>MapAdmin</c>).</summary>
    public bool AdminMountsItself { get; init; }

    /// <summary>
    /// Called by the generated module initializer of an app assembly, so that <see cref="MicroApp.Run"/> finds the
    /// app without being told where it is.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(Assembly assembly, Func<AppManifest> create)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(create);
        s_factories.AddOrUpdate(assembly, create);
        Interlocked.Increment(ref s_registrations);
    }

    /// <summary>A new manifest of the app compiled into <paramref name="assembly"/>.</summary>
    /// <exception cref="InvalidOperationException">The assembly has no Micro app.</exception>
    public static AppManifest Create(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);

        // The generated module initializer registers the factory; a host that has not yet run any of the app's
        // code (a test runner, another app mounting it) makes it run here.
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return s_factories.TryGetValue(assembly, out var create)
            ? create()
            : throw new InvalidOperationException(
                $"No Micro app was found in {assembly.GetName().Name}: no [Route], [Command] or other Micro attribute was compiled into it. " +
                "Check that the project references the Micro package (or Micro.Generators as an analyzer).");
    }

    /// <summary>
    /// A new manifest of the app being run: the entry assembly's or, when the entry point is a host such as a
    /// test runner, the one app assembly loaded in the process.
    /// </summary>
    /// <exception cref="InvalidOperationException">No app, or several, were found.</exception>
    public static AppManifest CreateDefault() => DefaultFactory()();

    /// <summary>
    /// The routes of the app <see cref="CreateDefault"/> would make, for <see cref="Url.Reverse(string, ReadOnlySpan{object?})"/>
    /// outside a request: made once, and again only after another app registers, not a whole manifest each call.
    /// </summary>
    internal static RouteTable DefaultRoutes()
    {
        var registrations = Volatile.Read(ref s_registrations);
        if (Volatile.Read(ref s_defaultApp) is { } known && known.Registrations == registrations)
        {
            return known.Routes;
        }

        var routes = CreateDefault().Routes;
        Volatile.Write(ref s_defaultApp, new DefaultApp(registrations, routes));
        return routes;
    }

    private static Func<AppManifest> DefaultFactory()
    {
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            RuntimeHelpers.RunModuleConstructor(entry.ManifestModule.ModuleHandle);
            if (s_factories.TryGetValue(entry, out var create))
            {
                return create;
            }
        }

        var apps = s_factories.ToList();
        return apps.Count switch
        {
            1 => apps[0].Value,
            0 => throw new InvalidOperationException(
                "No Micro app was found: no [Route], [Command] or other Micro attribute was compiled into the entry assembly. " +
                "Check that the project references the Micro package (or Micro.Generators as an analyzer)."),
            _ => throw new InvalidOperationException(
                $"Several assemblies contain Micro apps ({string.Join(", ", apps.Select(static app => app.Key.GetName().Name).Order(StringComparer.Ordinal))}); " +
                "pass the one to use, for example MicroApp.CreateBuilder(args, typeof(MyRoutes).Assembly)."),
        };
    }

    private sealed record DefaultApp(int Registrations, RouteTable Routes);
}
