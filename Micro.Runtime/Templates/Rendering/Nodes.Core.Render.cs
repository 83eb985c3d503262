using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Micro.Templates;

public abstract partial class Node
{
    internal abstract void Render(TemplateContext context, StringBuilder output);
}

public sealed partial class NodeList
{
    /// <summary>Renders each node; an error is reported once, at the innermost node, with its template and line.</summary>
    private CompiledRender? _compiled;
    private Node[]? _compiledNodes;

    /// <summary>Whether the generator's compiled code renders this list.</summary>
    internal bool IsCompiled => _compiled is not null;

    /// <summary>Renders through <paramref name="render"/> from now on; <paramref name="nodes"/> is the template's <see cref="Walk"/>.</summary>
    internal void Compile(CompiledRender render, Node[] nodes)
    {
        _compiledNodes = nodes;
        _compiled = render;
    }

    internal void Render(TemplateContext context, StringBuilder output)
    {
        if (_compiled is { } compiled)
        {
            compiled(context, output, _compiledNodes!);
            return;
        }

        var nodes = _nodes;
        var i = 0;
        try
        {
            for (; i < nodes.Length; i++)
            {
                nodes[i].Render(context, output);
            }
        }
        catch (Exception exception) when (exception is not (TemplateRenderException or TemplateSyntaxException))
        {
            throw new TemplateRenderException(exception.Message, TemplateName, nodes[i].Location.Line, exception);
        }
    }

    /// <summary>Renders into a string, for tags that transform their body's output.</summary>
    internal string RenderToString(TemplateContext context)
    {
        var builder = context.RentBuilder();
        Render(context, builder);
        return context.ReturnBuilder(builder);
    }
}

/// <summary>How a value is written into the output, as Django's <c>render_value_in_context</c>.</summary>
internal static class ValueWriter
{
    public static void AppendValue(TemplateContext context, StringBuilder output, object? value)
    {
        switch (value)
        {
            case string text:
                if (context.Autoescape)
                {
                    Html.AppendEscaped(output, text);
                }
                else
                {
                    output.Append(text);
                }

                return;
            case SafeString safe:
                output.Append(safe.Value);
                return;
            case int number:
                output.Append(number);
                return;
            case long number:
                output.Append(number);
                return;
            case double number:
                TemplateValues.AppendFloat(output, number, display: true);
                return;
            case bool flag:
                output.Append(flag ? "True" : "False");
                return;
            case null:
                output.Append("None");
                return;
            case IHtmlContent content:
                output.Append(Html.ToHtml(content));
                return;
        }

        var display = Display(value);
        if (context.Autoescape)
        {
            Html.AppendEscaped(output, display);
        }
        else
        {
            output.Append(display);
        }
    }

    /// <summary>Django's <c>localize</c> then <c>str</c>: dates in the default formats, floats without exponents.</summary>
    public static string Display(object? value) => value switch
    {
        double number => TemplateValues.FloatDisplay(number),
        float number => TemplateValues.FloatDisplay(TemplateValues.FloatToDouble(number)),
        DateTime or DateTimeOffset => DateFormat.Format(value, DateFormat.DateTimeFormat)!,
        DateOnly => DateFormat.Format(value, DateFormat.DateFormatDefault)!,
        TimeOnly => DateFormat.Format(value, DateFormat.TimeFormat)!,
        _ => TemplateValues.ToText(value),
    };

    /// <summary>The value as rendered text, escaped when autoescaping is on (safe when it is).</summary>
    public static object RenderValue(TemplateContext context, object? value)
    {
        if (value is SafeString)
        {
            return value;
        }

        if (value is IHtmlContent content)
        {
            return new SafeString(Html.ToHtml(content));
        }

        var display = Display(value);
        return context.Autoescape ? new SafeString(Html.Escape(display)) : display;
    }
}

public sealed partial class TextNode
{
    internal override void Render(TemplateContext context, StringBuilder output) => output.Append(Text);
}

public sealed partial class VariableNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        // The most common node: a plain variable without filters skips the general resolution.
        var expression = Expression;
        if (expression.Filters.Count == 0 && expression.Operand is VariableOperand variable && variable.TryResolve(context, out var value))
        {
            ValueWriter.AppendValue(context, output, value);
            return;
        }

        ValueWriter.AppendValue(context, output, expression.Resolve(context));
    }
}

public sealed partial class CommentNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
    }
}

public sealed partial class LoadNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
    }
}

/// <summary>What tags that take arguments and <c>as name</c> share while rendering.</summary>
internal static class TagRendering
{
    /// <summary>
    /// The values of a tag's positional and named arguments. A tag without arguments of a kind shares an empty array or dictionary:
    /// pages call tags ({% url %} above all) for every item they list, most with no named arguments.
    /// </summary>
    public static (object?[] Positional, IReadOnlyDictionary<string, object?> Named) ResolveArguments(
        TemplateContext context, IReadOnlyList<FilterExpression> positional, IReadOnlyList<Assignment> named)
    {
        object?[] values = positional.Count == 0 ? [] : new object?[positional.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = positional[i].Resolve(context);
        }

        if (named.Count == 0)
        {
            return (values, System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>.Empty);
        }

        var namedValues = new Dictionary<string, object?>(named.Count, StringComparer.Ordinal);
        foreach (var argument in named)
        {
            namedValues[argument.Name] = argument.Value.Resolve(context);
        }

        return (values, namedValues);
    }

    /// <summary>Stores <paramref name="text"/> in the <c>as</c> variable when there is one, else writes it (escaped when autoescaping).</summary>
    public static void SetOrWrite(TemplateContext context, StringBuilder output, string? asVariable, string text)
    {
        if (asVariable is not null)
        {
            context.Set(asVariable, text);
        }
        else if (context.Autoescape)
        {
            Html.AppendEscaped(output, text);
        }
        else
        {
            output.Append(text);
        }
    }
}
