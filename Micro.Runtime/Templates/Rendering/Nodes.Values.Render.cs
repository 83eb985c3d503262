using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

public sealed partial class WithNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        Begin(context);
        try
        {
            Body.Render(context, output);
        }
        finally
        {
            context.Pop();
        }
    }

    /// <summary>Resolves the values, then pushes a frame that binds them; the caller pops it.</summary>
    internal void Begin(TemplateContext context)
    {
        var assignments = Assignments;
        var values = new object?[assignments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = assignments[i].Value.Resolve(context);
        }

        var frame = context.Push();
        for (var i = 0; i < values.Length; i++)
        {
            frame.Set(assignments[i].Name, values[i]);
        }
    }
}

public sealed partial class FirstOfNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        object first = "";
        foreach (var expression in Values)
        {
            var value = expression.Resolve(context, ignoreFailures: true);
            if (TemplateValues.IsTrue(value))
            {
                first = ValueWriter.RenderValue(context, value);
                break;
            }
        }

        if (AsVariable is not null)
        {
            context.Set(AsVariable, first);
            return;
        }

        output.Append(first is SafeString safe ? safe.Value : (string)first);
    }
}

public sealed partial class VerbatimNode
{
    internal override void Render(TemplateContext context, StringBuilder output) => output.Append(Content);
}

public sealed partial class TemplateTagNode
{
    internal override void Render(TemplateContext context, StringBuilder output) => output.Append(Output);
}

public sealed partial class WidthRatioNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        object? value, maximum, width;
        try
        {
            value = Value.Resolve(context);
            maximum = Maximum.Resolve(context);
            width = Width.Resolve(context);
        }
        catch (VariableDoesNotExistException)
        {
            return;
        }

        if (!TemplateValues.TryToInteger(width, out var maxWidth))
        {
            throw new TemplateSyntaxException($"widthratio final argument must be a number, got {TemplateValues.Repr(width)}.", context.Template.Name, Location.Line, Location.Column);
        }

        var result = "";
        if (TemplateValues.TryToDouble(value, out var number) && TemplateValues.TryToDouble(maximum, out var max))
        {
            if (max == 0)
            {
                result = "0";
            }
            else
            {
                var ratio = number / max * maxWidth;
                if (double.IsFinite(ratio))
                {
                    result = Math.Round(ratio, MidpointRounding.ToEven).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        if (AsVariable is not null)
        {
            context.Set(AsVariable, result);
        }
        else
        {
            output.Append(result);
        }
    }
}

public sealed partial class NowNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var now = context.Engine.Options.TimeProvider.GetLocalNow().DateTime;
        var formatted = DateFormat.Format(now, DateFormat.Named(Format));
        if (AsVariable is not null)
        {
            context.Set(AsVariable, formatted);
        }
        else
        {
            output.Append(formatted);
        }
    }
}

public sealed partial class LoremNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var count = TemplateValues.TryToInteger(Count.Resolve(context), out var parsed) ? (int)Math.Clamp(parsed, int.MinValue, 10_000) : 1;
        if (Method == 'w')
        {
            output.Append(LoremIpsum.Words(count, common: !Random));
            return;
        }

        var paragraphs = LoremIpsum.Paragraphs(count, common: !Random);
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (i > 0)
            {
                output.Append("\n\n");
            }

            output.Append(Method == 'p' ? "<p>" + paragraphs[i] + "</p>" : paragraphs[i]);
        }
    }
}
