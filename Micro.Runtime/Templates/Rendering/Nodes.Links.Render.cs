using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

public sealed partial class CsrfTokenNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        if (!context.TryGetValue("csrf_token", out var token) || !TemplateValues.IsTrue(token))
        {
            return;
        }

        var text = TemplateValues.ToText(token);
        if (text == "NOTPROVIDED")
        {
            return;
        }

        output.Append("<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"");
        Html.AppendEscaped(output, text);
        output.Append("\">");
    }
}

public sealed partial class QueryStringNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        // Django's QueryDict: names in the order they first came, each with its values.
        var query = new QueryDict();
        if (Mappings.Count == 0)
        {
            // A template rendered without a request starts from an empty query.
            if (context.TryGetValue("request", out var request) && request is TemplateRequest { Get: var get })
            {
                foreach (var (name, values) in get.Lists)
                {
                    query.Set(name, values);
                }
            }
        }

        foreach (var mapping in Mappings)
        {
            var value = mapping.Resolve(context);
            if (value is QueryDict queryDict)
            {
                // request.GET keeps every value of a name, as Django's QueryDict.
                foreach (var (name, values) in queryDict.Lists)
                {
                    query.Set(name, values);
                }

                continue;
            }

            if (value is not System.Collections.IEnumerable pairs || value is string)
            {
                throw new TemplateSyntaxException($"'querystring' takes mappings (such as request.GET or a dictionary) before its name=value arguments; got {TemplateValues.Repr(value)}.", context.Template.Name, Location.Line, Location.Column);
            }

            foreach (var item in pairs)
            {
                if (item is not KeyValuePair<string, object?> pair)
                {
                    throw new TemplateSyntaxException($"'querystring' takes mappings with text keys; got {TemplateValues.Repr(value)}.", context.Template.Name, Location.Line, Location.Column);
                }

                query.Set(pair.Key, Texts(pair.Value));
            }
        }

        foreach (var assignment in Values)
        {
            query.Set(assignment.Name, Texts(assignment.Value.Resolve(context)));
        }

        var result = "?" + query.UrlEncode();
        if (AsVariable is not null)
        {
            context.Set(AsVariable, result);
        }
        else if (context.Autoescape)
        {
            Html.AppendEscaped(output, result);
        }
        else
        {
            output.Append(result);
        }
    }

    /// <summary>A value's texts: none for <c>None</c> (the name goes), each item of a list but its <c>None</c>s, else the value as text.</summary>
    private static List<string>? Texts(object? value) => value switch
    {
        null => null,
        string text => [text],
        System.Collections.IEnumerable items when value is not ITemplateObject => [.. items.Cast<object?>().Where(static v => v is not null).Select(TemplateValues.ToText)],
        _ => [TemplateValues.ToText(value)],
    };
}

public sealed partial class StaticNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var path = TemplateValues.ToText(Path.Resolve(context));
        path = context.Engine.Options.StaticFileName?.Invoke(path) ?? path;
        var url = UrlJoin(context.Engine.Options.StaticUrl, UrlEncoding.Quote(path, "/"));
        TagRendering.SetOrWrite(context, output, AsVariable, url);
    }

    /// <summary>Python's <c>urljoin</c> for the cases that matter here: an absolute path or URL replaces the prefix.</summary>
    private static string UrlJoin(string prefix, string path)
    {
        if (path.StartsWith('/') || path.Contains("://", StringComparison.Ordinal))
        {
            return path;
        }

        return prefix + path;
    }
}

public sealed partial class PrefixNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var options = context.Engine.Options;
        TagRendering.SetOrWrite(context, output, AsVariable, Media ? options.MediaUrl : options.StaticUrl);
    }
}

public sealed partial class UrlNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var (arguments, named) = TagRendering.ResolveArguments(context, Arguments, NamedArguments);
        var name = TemplateValues.ToText(RouteName.Resolve(context));
        var url = "";
        try
        {
            url = context.Engine.UrlResolver.Reverse(name, arguments, named);
        }
        catch (NoReverseMatchException) when (AsVariable is not null)
        {
            // With "as", Django stores an empty string instead of failing.
        }

        TagRendering.SetOrWrite(context, output, AsVariable, url);
    }
}
