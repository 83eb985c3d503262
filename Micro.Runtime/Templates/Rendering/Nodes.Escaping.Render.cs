using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

public sealed partial class AutoescapeNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var previous = context.Autoescape;
        context.Autoescape = Enabled;
        try
        {
            Body.Render(context, output);
        }
        finally
        {
            context.Autoescape = previous;
        }
    }
}

public sealed partial class FilterBlockNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var body = new SafeString(Body.RenderToString(context));
        // As in Django, the result is written as it is: the filters decide about escaping.
        TemplateValues.AppendText(output, Filters.ApplyFilters(body, context));
    }
}

public sealed partial class SpacelessNode
{
    internal override void Render(TemplateContext context, StringBuilder output) =>
        output.Append(HtmlText.StripSpacesBetweenTags(Body.RenderToString(context).Trim()));
}
