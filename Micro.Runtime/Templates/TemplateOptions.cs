using Micro.Routing;
using Micro.Templates;

namespace Micro;

/// <summary>Settings of a <see cref="TemplateEngine"/>; Django's <c>TEMPLATES</c> options and the settings templates read.</summary>
public sealed class TemplateOptions
{
    /// <summary>Where <see cref="TemplateEngine.GetTemplate"/>, extends and include find templates; null allows only <see cref="TemplateEngine.Parse"/>.</summary>
    public ITemplateLoader? Loader { get; init; }

    /// <summary>Custom filters and tags; Django's built-ins are always there.</summary>
    public TemplateLibrary Library { get; init; } = new();

    /// <summary>How templates read members of objects that aren't dictionaries or lists: the app's generated accessors.</summary>
    public TemplateAccessors Accessors { get; init; } = new();

    /// <summary>
    /// The app's templates compiled to C# by the generator (<c>AppManifest.CompiledTemplates</c>), by name. A template loaded
    /// with the text that was compiled renders through its compiled code; an edited one through the interpreter.
    /// </summary>
    public IReadOnlyDictionary<string, CompiledTemplate>? CompiledTemplates { get; init; }

    /// <summary>HTML-escape variables by default (Django's <c>autoescape</c>).</summary>
    public bool Autoescape { get; init; } = true;

    /// <summary>What a missing variable renders as; a <c>%s</c> in it is replaced by the variable's name (Django's <c>string_if_invalid</c>).</summary>
    public string StringIfInvalid { get; init; } = "";

    /// <summary>The prefix <c>{% static %}</c> puts before paths (Django's <c>STATIC_URL</c>).</summary>
    public string StaticUrl { get; init; } = "/static/";

    /// <summary>What <c>{% get_media_prefix %}</c> gives: where uploaded files are served (Django's <c>MEDIA_URL</c>).</summary>
    public string MediaUrl { get; init; } = "/media/";

    /// <summary>
    /// Where the files of file columns are kept, which <c>{{ doc.scan.url }}</c>, <c>.size</c>, <c>.width</c> and <c>.height</c> ask
    /// (<see cref="Files.FieldFile"/>); the app's <see cref="Files.IFileStorage"/>. Without one, <c>url</c> is <see cref="MediaUrl"/>
    /// and the name, and the others find nothing.
    /// </summary>
    public Files.IFileStorage? FileStorage { get; init; }

    /// <summary>
    /// The name <c>{% static %}</c> links for a file's name: its fingerprinted name (<c>css/site.3f2a9c1b7d0e.css</c>), as
    /// Django's ManifestStaticFilesStorage; null (or a null answer, for a file it doesn't know) links the name as written.
    /// </summary>
    public Func<string, string?>? StaticFileName { get; init; }

    /// <summary>Reverses route names for <c>{% url %}</c>; by default the app's routes (<see cref="Url.Reverse(string, ReadOnlySpan{object?})"/>).</summary>
    public ITemplateUrlResolver? UrlResolver { get; init; }

    /// <summary>The clock for <c>{% now %}</c>, <c>|timesince</c> and <c>|timeuntil</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>Reverses a route name and arguments into a URL for <c>{% url %}</c>.</summary>
public interface ITemplateUrlResolver
{
    /// <exception cref="NoReverseMatchException">No URL fits the name and arguments.</exception>
    string Reverse(string name, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> namedArguments);
}
