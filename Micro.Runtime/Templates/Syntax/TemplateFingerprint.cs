namespace Micro.Templates;

/// <summary>
/// A template text's fingerprint (64-bit FNV-1a over its UTF-16 code units, as hex). The generator records it beside a
/// compiled template; the engine uses the compiled code only for a loaded text with the same fingerprint, so a template
/// edited since the build (Development's reload) renders through the interpreter.
/// </summary>
public static class TemplateFingerprint
{
    public static string Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
