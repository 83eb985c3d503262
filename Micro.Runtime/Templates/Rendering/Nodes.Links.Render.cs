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
