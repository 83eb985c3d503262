namespace Micro.Generators.Hosting
{
    /// <summary>Which parts of the app the other pipelines generated, and where the project is on a development build.</summary>
    internal sealed record ManifestModel(
        bool HasRoutes,
        bool HasJson,
        bool HasCommands,
        bool HasData,
        bool HasTemplateLibrary,
        bool HasTemplateAccessors,
        string? ProjectDirectory,
        bool HasTests = false,
        bool HasAdmin = false,
        bool AdminMountsItself = false,
        bool HasCompiledTemplates = false)
    {
        public bool IsEmpty => !HasRoutes && !HasCommands && !HasData && !HasTemplateLibrary && !HasTemplateAccessors && !HasTests && !HasCompiledTemplates;
    }
}
