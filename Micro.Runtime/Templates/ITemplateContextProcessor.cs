using Microsoft.AspNetCore.Http;

namespace Micro.Templates;

/// <summary>
/// Adds values to every template a request renders through <see cref="TemplateResult"/>, as Django's context processors: register
/// one as a service (<c>services.AddSingleton&lt;ITemplateContextProcessor, MyValues&gt;()</c>). A value of the view's own model
/// wins over one of the same name from a processor.
/// </summary>
public interface ITemplateContextProcessor
{
    /// <summary>The values to add for <paramref name="context"/>'s request.</summary>
    IDictionary<string, object?> Values(HttpContext context);
}

/// <summary>The root of a request's template context: the view's model first, then the context processors' values.</summary>
internal sealed class RequestTemplateValues(TemplateAccessors accessors, object? model, Dictionary<string, object?> processed) : ITemplateObject
{
    public bool TryGetMember(string name, out object? value) =>
        (model is not null && accessors.TryGetMember(model, name, out value)) || processed.TryGetValue(name, out value);

    /// <summary>The model wrapped with the values of every registered processor; the model itself when there are none.</summary>
    public static object? Create(HttpContext context, TemplateEngine engine, object? model)
    {
        Dictionary<string, object?>? processed = null;
        foreach (var processor in context.RequestServices.GetService(typeof(IEnumerable<ITemplateContextProcessor>)) as IEnumerable<ITemplateContextProcessor> ?? [])
        {
            processed ??= new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in processor.Values(context))
            {
                processed[name] = value;
            }
        }

        return processed is null ? model : new RequestTemplateValues(engine.Options.Accessors, model, processed);
    }
}
