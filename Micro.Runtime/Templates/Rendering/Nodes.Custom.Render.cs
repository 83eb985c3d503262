using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

public sealed partial class CustomTagNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var tag = Unsafe.As<TemplateTag>(Tag);
        var (arguments, named) = TagRendering.ResolveArguments(context, Arguments, NamedArguments);

        var result = tag.Function(new TemplateTagCall(arguments, named, context));
        if (tag.Kind == TagKind.Inclusion)
        {
            RenderInclusion(context, output, tag, result);
            return;
        }

        if (AsVariable is not null)
        {
            context.Set(AsVariable, result);
            return;
        }

        ValueWriter.AppendValue(context, output, result);
    }

    /// <summary>Renders the tag's template with only the returned variables (and the CSRF token), as Django's inclusion tags.</summary>
    private static void RenderInclusion(TemplateContext context, StringBuilder output, TemplateTag tag, object? variables)
    {
        var template = context.Engine.GetTemplate(tag.TemplateName!);
        var hasToken = context.TryGetValue("csrf_token", out var csrfToken) && csrfToken is not null;
        var saved = context.Isolate(variables);
        try
        {
            if (hasToken)
            {
                context.Set("csrf_token", csrfToken);
            }

            template.RenderIsolatedState(context, output);
        }
        finally
        {
            context.RestoreIsolation(saved);
        }
    }
}
