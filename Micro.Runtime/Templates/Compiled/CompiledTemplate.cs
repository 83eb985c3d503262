using System.ComponentModel;
using System.Text;

namespace Micro.Templates;

/// <summary>Renders a node list the generator compiled: the nodes are the template's, in <see cref="NodeList.Walk"/> order.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void CompiledRender(TemplateContext context, StringBuilder output, Node[] nodes);

/// <summary>
/// A template of the app's <c>templates/</c> compiled to C# by the generator: its body and each block's body as methods.
/// The engine attaches it to the parsed template when the loaded text is the one that was compiled; what the compiled code
/// doesn't handle itself it hands to the parsed nodes, so both paths give the same output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledTemplate
{
    private readonly KeyValuePair<int, CompiledRender>[] _blocks;

    /// <param name="name">The template's name, such as <c>blog/list.html</c>.</param>
    /// <param name="fingerprint">The compiled text's <see cref="TemplateFingerprint"/>.</param>
    /// <param name="nodeCount">How many nodes <see cref="NodeList.Walk"/> gives for it.</param>
    /// <param name="body">Renders the template's top-level nodes.</param>
    /// <param name="blocks">Renders the body of the block at each node index.</param>
    public CompiledTemplate(string name, string fingerprint, int nodeCount, CompiledRender body, IReadOnlyDictionary<int, CompiledRender>? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(body);
        Name = name;
        Fingerprint = fingerprint;
        NodeCount = nodeCount;
        Body = body;
        _blocks = blocks is null ? [] : [.. blocks];
    }

    public string Name { get; }

    public string Fingerprint { get; }

    public int NodeCount { get; }

    public CompiledRender Body { get; }

    /// <summary>Makes <paramref name="template"/> render through this code when its text is the compiled text.</summary>
    internal bool AttachTo(Template template)
    {
        if (template.Source is not { } source || TemplateFingerprint.Of(source.Text) != Fingerprint)
        {
            return false;
        }

        var nodes = template.Nodes.Walk().ToArray();
        if (nodes.Length != NodeCount)
        {
            return false;
        }

        foreach (var (index, _) in _blocks)
        {
            if ((uint)index >= (uint)nodes.Length || nodes[index] is not BlockNode)
            {
                return false;
            }
        }

        template.Nodes.Compile(Body, nodes);
        foreach (var (index, render) in _blocks)
        {
            ((BlockNode)nodes[index]).Body.Compile(render, nodes);
        }

        return true;
    }
}
