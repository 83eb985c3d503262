namespace Micro.Templates.Tests;

/// <summary>Shorthands: render a template string with variables, and build variable dictionaries.</summary>
internal static class T
{
    public static string Render(string template, object? context = null, TemplateEngine? engine = null) =>
        (engine ?? TemplateEngine.Default).Parse(template).Render(context);

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values)
    {
        var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }

    public static List<object?> List(params object?[] items) => [.. items];

    public static TemplateSyntaxException SyntaxError(string template, TemplateEngine? engine = null) =>
        Assert.Throws<TemplateSyntaxException>(() => (engine ?? TemplateEngine.Default).Parse(template, "test.html"));
}
