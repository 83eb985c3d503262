using System.Collections.Concurrent;
using Micro.Routing;
using Micro.Templates;

namespace Micro;

/// <summary>
/// Parses, caches and renders templates, as Django's <c>Engine</c>. Templates from the loader are
/// parsed once and cached; a loader that reports a change (such as a file edited in development) makes the engine parse it again.
/// </summary>
public sealed class TemplateEngine
{
    private static readonly Lazy<TemplateEngine> s_default = new(() => new TemplateEngine());

    private readonly ConcurrentDictionary<string, Template> _cache = new(StringComparer.Ordinal);

    public TemplateEngine(TemplateOptions? options = null)
    {
        Options = options ?? new TemplateOptions();
        UrlResolver = Options.UrlResolver ?? new RouteUrlResolver(routes: null);
    }

    /// <summary>An engine with default options and no loader, used by <see cref="Template.Parse"/>.</summary>
    public static TemplateEngine Default => s_default.Value;

    public TemplateOptions Options { get; }

    public TemplateLibrary Library => Options.Library;

    internal ITemplateUrlResolver UrlResolver { get; }

    /// <summary>Parses <paramref name="text"/>; <paramref name="name"/> appears in error messages.</summary>
    /// <exception cref="TemplateSyntaxException">The text isn't a valid template.</exception>
    public Template Parse(string text, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        name ??= "<string>";
        return new Template(this, name, Parser.Parse(text, name, Library), source: null);
    }

    /// <summary>The template named <paramref name="name"/> from the loader, parsed once and cached.</summary>
    /// <exception cref="TemplateNotFoundException">The loader has no such template.</exception>
    /// <exception cref="TemplateSyntaxException">The template isn't valid.</exception>
    public Template GetTemplate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var loader = Options.Loader;
        if (_cache.TryGetValue(name, out var cached) && (loader is null || loader.IsCurrent(cached.Source!)))
        {
            return cached;
        }

        if (loader is null)
        {
            throw new TemplateNotFoundException(name, $"Template '{name}' does not exist: the template engine has no loader (set TemplateOptions.Loader).");
        }

        var source = loader.Load(name)
            ?? throw new TemplateNotFoundException(name, $"Template '{name}' does not exist (looked in {loader.Describe()}).");
        var template = new Template(this, name, Parser.Parse(source.Text, name, Library), source);
        if (Options.CompiledTemplates is { } compiled && compiled.TryGetValue(name, out var code))
        {
            code.AttachTo(template);
        }

        _cache[name] = template;
        return template;
    }

    /// <summary>The first of <paramref name="names"/> that exists, as Django's <c>select_template</c>.</summary>
    public Template SelectTemplate(IEnumerable<string> names)
    {
        var tried = new List<string>();
        foreach (var name in names)
        {
            try
            {
                return GetTemplate(name);
            }
            catch (TemplateNotFoundException)
            {
                tried.Add(name);
            }
        }

        throw new TemplateNotFoundException(
            string.Join(", ", tried),
            tried.Count == 0 ? "No template names were given." : $"None of the templates {string.Join(", ", tried.Select(static n => $"'{n}'"))} exist (looked in {Options.Loader?.Describe() ?? "no loader"}).");
    }

    /// <summary>Renders the template named <paramref name="name"/> with <paramref name="context"/> (a dictionary or an object with a template accessor).</summary>
    public string Render(string name, object? context = null) => GetTemplate(name).Render(context);

    /// <summary>Reverses through <paramref name="routes"/>; null means the running app's (<see cref="Url"/>).</summary>
    internal sealed class RouteUrlResolver(RouteTable? routes) : ITemplateUrlResolver
    {
        public string Reverse(string name, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> namedArguments)
        {
            if (arguments.Count > 0 && namedArguments.Count > 0)
            {
                throw new NoReverseMatchException($"Reverse for '{name}' mixes positional and named arguments; use one kind.");
            }

            if (namedArguments.Count > 0)
            {
                return routes is null ? Url.Reverse(name, namedArguments) : routes.Reverse(name, namedArguments);
            }

            // The {% url %} tag passes an array already.
            var values = arguments as object?[] ?? [.. arguments];
            return routes is null ? Url.Reverse(name, values) : routes.Reverse(name, values);
        }
    }
}
