using System.Text;
using Micro.Templates;

namespace Micro;

/// <summary>
/// A parsed template, ready to render many times from any thread, as Django's <c>Template</c>.
/// <code>
/// var template = Template.Parse("Hello {{ name }}!");
/// template.Render(new Dictionary&lt;string, object?&gt; { ["name"] = "Ada" });   // "Hello Ada!"
/// </code>
/// </summary>
public sealed class Template
{
    private const int MaxCachedBuilderCapacity = 256 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    private Dictionary<string, BlockNode>? _blocks;

    internal Template(TemplateEngine engine, string name, NodeList nodes, TemplateSource? source)
    {
        Engine = engine;
        Name = name;
        Nodes = nodes;
        Source = source;
        foreach (var node in nodes)
        {
            if (node is not TextNode)
            {
                Extends = node as ExtendsNode;
                break;
            }
        }
    }

    /// <summary>The name it was loaded or parsed with; <c>&lt;string&gt;</c> when none was given.</summary>
    public string Name { get; }

    public TemplateEngine Engine { get; }

    /// <summary>The syntax tree, for tools that inspect templates (<see cref="NodeList.Walk"/>).</summary>
    public NodeList Nodes { get; }

    /// <summary>Whether it renders through code the generator compiled (an app's template, loaded as it was built).</summary>
    public bool IsCompiled => Nodes.IsCompiled;

    /// <summary>The loaded text, for templates that came from a loader.</summary>
    public TemplateSource? Source { get; }

    /// <summary>The <c>{% extends %}</c> tag when this template extends another.</summary>
    internal ExtendsNode? Extends { get; }

    /// <summary>Every block in this template by name, nested ones included.</summary>
    internal Dictionary<string, BlockNode> Blocks => _blocks ??= CollectBlocks();

    /// <summary>
    /// A response that renders the app's template <paramref name="name"/> (from <c>templates/</c>) with <paramref name="model"/>:
    /// return it from a route. The model is a dictionary, an anonymous object or a typed object; the generator
    /// makes the members of the types passed here readable without reflection.
    /// </summary>
    public static TemplateResult Render(string name, object? model)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new TemplateResult(name, model);
    }

    /// <summary>Parses <paramref name="text"/> with <see cref="TemplateEngine.Default"/>.</summary>
    /// <exception cref="TemplateSyntaxException">The text isn't a valid template; the message gives line and column.</exception>
    public static Template Parse(string text, string? name = null) => TemplateEngine.Default.Parse(text, name);

    /// <summary>Renders with <paramref name="context"/>: a dictionary of variables, or an object templates can read (see <see cref="ITemplateObject"/>).</summary>
    /// <exception cref="TemplateRenderException">Rendering failed; the message names the template and line.</exception>
    public string Render(object? context = null)
    {
        var output = RentBuilder();
        try
        {
            Render(context, output);
            return output.ToString();
        }
        finally
        {
            ReturnBuilder(output);
        }
    }

    /// <summary>Renders into <paramref name="output"/>.</summary>
    public void Render(object? context, StringBuilder output) => Render(context, processed: null, output, recording: null);

    /// <summary>
    /// Renders for <paramref name="request"/>, as Django's <c>template.render(context, request)</c>: the request's context
    /// processors (<see cref="ITemplateContextProcessor"/>) add <c>csrf_token</c>, <c>messages</c>, <c>request</c>, the user and
    /// whatever the app registers, under the variables of <paramref name="context"/>.
    /// </summary>
    public string Render(object? context, Microsoft.AspNetCore.Http.HttpContext request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var processed = new TemplateContextProcessors(request);
        var output = RentBuilder();
        try
        {
            Render(context, processed, output, request.Features.Get<Testing.TemplateRecording>());
            return output.ToString();
        }
        finally
        {
            ReturnBuilder(output);
        }
    }

    /// <summary>
    /// Renders for <paramref name="request"/> (as <see cref="Render(object?, Microsoft.AspNetCore.Http.HttpContext)"/>) straight into
    /// its response: the text is encoded as UTF-8 into the response's buffers, with its Content-Length, never made one string.
    /// </summary>
    internal ValueTask<System.IO.Pipelines.FlushResult> RenderToResponse(object? context, Microsoft.AspNetCore.Http.HttpContext request)
    {
        var processed = new TemplateContextProcessors(request);
        var output = RentBuilder();
        try
        {
            Render(context, processed, output, request.Features.Get<Testing.TemplateRecording>());
            var writer = request.Response.BodyWriter;
            request.Response.ContentLength = Utf8Length(output);
            var encoder = Encoding.UTF8.GetEncoder();
            foreach (var chunk in output.GetChunks())
            {
                // A chunk may end inside a surrogate pair: the encoder carries it over to the next one.
                var buffer = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
                encoder.Convert(chunk.Span, buffer, flush: false, out _, out var written, out _);
                writer.Advance(written);
            }

            encoder.Convert([], writer.GetSpan(4), flush: true, out _, out var rest, out _);
            writer.Advance(rest);
            return writer.FlushAsync(request.RequestAborted);
        }
        finally
        {
            ReturnBuilder(output);
        }
    }

    /// <summary>This thread's cached builder (taken, so a render inside a render gets its own), or a new one.</summary>
    private static StringBuilder RentBuilder()
    {
        var output = t_cachedBuilder ?? new StringBuilder(1024);
        t_cachedBuilder = null;
        return output;
    }

    /// <summary>Keeps <paramref name="output"/> for the thread's next render, unless a huge page made it too big to keep.</summary>
    private static void ReturnBuilder(StringBuilder output)
    {
        if (output.Capacity <= MaxCachedBuilderCapacity)
        {
            output.Clear();
            t_cachedBuilder = output;
        }
    }

    private static long Utf8Length(StringBuilder output)
    {
        long length = 0;
        var endsInHighSurrogate = false;
        foreach (var chunk in output.GetChunks())
        {
            var span = chunk.Span;
            if (span.IsEmpty)
            {
                continue;
            }

            length += Encoding.UTF8.GetByteCount(span);

            // Counted alone, each half of a pair split between chunks is a 3-byte replacement; together they are 4 bytes.
            if (endsInHighSurrogate && char.IsLowSurrogate(span[0]))
            {
                length -= 2;
            }

            endsInHighSurrogate = char.IsHighSurrogate(span[^1]);
        }

        return length;
    }

    private void Render(object? context, TemplateContextProcessors? processed, StringBuilder output, Testing.TemplateRecording? recording)
    {
        ArgumentNullException.ThrowIfNull(output);
        var templateContext = new TemplateContext(Engine, this, context, processed) { Recording = recording };
        var outer = TemplateContext.Current;
        TemplateContext.Current = templateContext;
        try
        {
            RenderIn(templateContext, output);
        }
        finally
        {
            TemplateContext.Current = outer;
        }
    }

    /// <summary>Renders into <paramref name="writer"/>.</summary>
    public void Render(object? context, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var output = RentBuilder();
        try
        {
            Render(context, output);
            writer.Write(output);
        }
        finally
        {
            ReturnBuilder(output);
        }
    }

    /// <summary>Renders this template inside a render that is under way (extends, include), sharing its variables.</summary>
    internal void RenderIn(TemplateContext context, StringBuilder output)
    {
        var previous = context.Template;
        context.EnterTemplate(this);
        context.Recording?.Add(this, context);
        context.Template = this;
        try
        {
            Nodes.Render(context, output);
        }
        finally
        {
            context.Template = previous;
            context.LeaveTemplate();
        }
    }

    /// <summary>Renders as an included template: same variables, but its own blocks and cycle state, as Django's <c>render_context.push_state</c>.</summary>
    internal void RenderIsolatedState(TemplateContext context, StringBuilder output)
    {
        var state = context.State;
        context.State = new RenderState();
        try
        {
            RenderIn(context, output);
        }
        finally
        {
            context.State = state;
        }
    }

    private Dictionary<string, BlockNode> CollectBlocks()
    {
        var blocks = new Dictionary<string, BlockNode>(StringComparer.Ordinal);
        foreach (var node in Nodes.Walk())
        {
            if (node is BlockNode block)
            {
                blocks.TryAdd(block.Name, block);
            }
        }

        return blocks;
    }

    public override string ToString() => $"Template '{Name}'";
}
