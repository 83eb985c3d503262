namespace Micro.Analyzers.Shared
{
    /// <summary>Keys of the properties analyzers attach to diagnostics for their code fixes (which compile this file too).</summary>
    internal static class DiagnosticProperties
    {
        /// <summary>The text to write instead of the text under the diagnostic.</summary>
        public const string Replacement = "Replacement";
    }
}
