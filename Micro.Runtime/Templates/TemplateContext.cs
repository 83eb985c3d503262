using System.Text;

namespace Micro.Templates;

/// <summary>
/// The variables of one render: the caller's context object at the bottom, then a frame for each
/// tag that binds names (<c>for</c>, <c>with</c>, <c>include ... with</c>). Custom tags that take the
/// context read and set variables through it.
/// </summary>
public sealed class TemplateContext
{
    private const int MaxNesting = 64;

    [ThreadStatic]
    private static TemplateContext? t_current;

    private Frame[] _frames = new Frame[8];
    private int _depth;
    private List<StringBuilder>? _builders;
    private MemberReader? _rootReader;

    internal TemplateContext(TemplateEngine engine, Template template, object? root, TemplateContextProcessors? processed = null)
    {
        Processed = processed;
        Engine = engine;
        Template = template;
        Root = root;
        Autoescape = engine.Options.Autoescape;
        State = new RenderState();
        Push();
    }

    /// <summary>The render under way on this thread, for built-in filters that need the engine's clock.</summary>
    internal static TemplateContext? Current
    {
        get => t_current;
        set => t_current = value;
    }

    /// <summary>Whether output is HTML-escaped here (<c>{% autoescape off %}</c> turns it off).</summary>
    public bool Autoescape { get; internal set; }

    public TemplateEngine Engine { get; }

    /// <summary>The template being rendered (an included or parent template while it renders).</summary>
    public Template Template { get; internal set; }

    /// <summary>The object the render was called with: usually a dictionary.</summary>
    public object? Root { get; private set; }

    /// <summary>
    /// What the request's context processors added (<c>csrf_token</c>, <c>messages</c>, <c>request</c>...), read after
    /// <see cref="Root"/>, as Django's RequestContext: the view's variables win. The processors run on the first read that
    /// <see cref="Root"/> and the tags' bindings don't answer.
    /// </summary>
    internal TemplateContextProcessors? Processed { get; private set; }

    internal RenderState State { get; set; }

    /// <summary>Where a test client's request records each template it renders, and with what; null outside tests.</summary>
    internal Testing.TemplateRecording? Recording { get; set; }

    /// <summary>How many templates are rendering inside one another (include, extends, inclusion tags).</summary>
    internal int Nesting { get; private set; }

    /// <summary>
    /// The value of variable <paramref name="name"/>: the innermost binding, else a member of <see cref="Root"/>, else a context
    /// processor's variable.
    /// </summary>
    public bool TryGetValue(string name, out object? value) =>
        TryGetOwnValue(name, out value) || (Processed is not null && Processed.TryGetValue(name, out value));

    /// <summary>
    /// The value of <paramref name="name"/> from the tags' bindings and <see cref="Root"/> only, for what a context processor
    /// never supplies (the enclosing <c>forloop</c>): looking it up doesn't run the processors.
    /// </summary>
    internal bool TryGetOwnValue(string name, out object? value)
    {
        for (var i = _depth - 1; i >= 0; i--)
        {
            if (_frames[i].TryGet(name, out value))
            {
                return true;
            }
        }

        if (Root is not null)
        {
            var reader = _rootReader ??= Engine.Options.Accessors.ReaderFor(Root.GetType());
            if (reader.TryGetMember(Root, name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    public object? this[string name] => TryGetValue(name, out var value) ? value : null;

    /// <summary>Binds <paramref name="name"/> in the innermost frame, as Django's <c>context[name] = value</c>.</summary>
    public void Set(string name, object? value) => _frames[_depth - 1].Set(name, value);

    /// <summary>Rebinds <paramref name="name"/> where it is bound, else in the innermost frame, as Django's <c>set_upward</c>.</summary>
    internal void SetUpward(string name, object? value)
    {
        for (var i = _depth - 1; i >= 0; i--)
        {
            if (_frames[i].IndexOf(name) >= 0)
            {
                _frames[i].Set(name, value);
                return;
            }
        }

        Set(name, value);
    }

    internal Frame Push()
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _depth * 2);
        }

        var frame = _frames[_depth] ??= new Frame();
        _depth++;
        return frame;
    }

    internal void Pop() => _frames[--_depth].Clear();

    /// <summary>Replaces every binding with <paramref name="root"/> alone, for <c>include ... only</c> and inclusion tags; undone by <see cref="RestoreIsolation"/>.</summary>
    internal Isolation Isolate(object? root)
    {
        var saved = new Isolation(_frames, _depth, Root, _rootReader, Processed);
        _frames = new Frame[4];
        _depth = 0;
        Root = root;
        _rootReader = null;
        Processed = null;
        Push();
        return saved;
    }

    internal void RestoreIsolation(Isolation saved)
    {
        _frames = saved.Frames;
        _depth = saved.Depth;
        Root = saved.Root;
        _rootReader = saved.RootReader;
        Processed = saved.Processed;
    }

    internal void EnterTemplate(Template template)
    {
        if (++Nesting > MaxNesting)
        {
            Nesting = 0;
            throw new InvalidOperationException(
                $"Templates are nested more than {MaxNesting} deep while rendering '{template.Name}': an include or extends probably refers back to itself.");
        }
    }

    internal void LeaveTemplate() => Nesting--;

    /// <summary>A cleared builder for rendering a body to text (spaceless, filter, ifchanged, block.super).</summary>
    internal StringBuilder RentBuilder()
    {
        if (_builders is { Count: > 0 })
        {
            var last = _builders[^1];
            _builders.RemoveAt(_builders.Count - 1);
            return last;
        }

        // Most pages render one such body ({{ block.super }} in a title): the thread's spare serves it without a new builder.
        var spare = t_spareBuilder ?? new StringBuilder(256);
        t_spareBuilder = null;
        return spare;
    }

    internal string ReturnBuilder(StringBuilder builder)
    {
        var text = builder.ToString();
        builder.Clear();
        if (t_spareBuilder is null && builder.Capacity <= MaxSpareBuilderCapacity)
        {
            t_spareBuilder = builder;
        }
        else
        {
            (_builders ??= []).Add(builder);
        }

        return text;
    }

    // Rendering is synchronous, so a builder taken from this thread's spare is returned on the same thread.
    [ThreadStatic]
    private static StringBuilder? t_spareBuilder;
    private const int MaxSpareBuilderCapacity = 16 * 1024;

    internal readonly record struct Isolation(Frame[] Frames, int Depth, object? Root, MemberReader? RootReader, TemplateContextProcessors? Processed);

    /// <summary>A handful of bindings, searched linearly: frames hold one to a few names.</summary>
    internal sealed class Frame
    {
        private string[] _names = new string[4];
        private object?[] _values = new object?[4];
        private int _count;

        public bool TryGet(string name, out object? value)
        {
            var index = IndexOf(name);
            if (index >= 0)
            {
                value = _values[index];
                return true;
            }

            value = null;
            return false;
        }

        public int IndexOf(string name)
        {
            for (var i = 0; i < _count; i++)
            {
                if (ReferenceEquals(_names[i], name) || string.Equals(_names[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Binds the name and returns its slot, for loops that update the same names each iteration.</summary>
        public int Set(string name, object? value)
        {
            var index = IndexOf(name);
            if (index < 0)
            {
                if (_count == _names.Length)
                {
                    Array.Resize(ref _names, _count * 2);
                    Array.Resize(ref _values, _count * 2);
                }

                index = _count++;
                _names[index] = name;
            }

            _values[index] = value;
            return index;
        }

        public void SetAt(int index, object? value) => _values[index] = value;

        public void Clear()
        {
            Array.Clear(_values, 0, _count);
            _count = 0;
        }
    }
}

/// <summary>What Django keeps in its <c>render_context</c>: per-template state that includes don't share.</summary>
internal sealed class RenderState
{
    /// <summary>Blocks of the templates in an extends chain, most derived first.</summary>
    public Dictionary<string, List<BlockNode>>? Blocks { get; set; }

    /// <summary>Templates already in the extends chain, to refuse loops.</summary>
    public List<string>? ExtendsHistory { get; set; }

    private Dictionary<Node, object?>? _nodeState;

    public bool TryGetNodeState(Node node, out object? state)
    {
        state = null;
        return _nodeState is not null && _nodeState.TryGetValue(node, out state);
    }

    public void SetNodeState(Node node, object? state) => (_nodeState ??= new(ReferenceEqualityComparer.Instance))[node] = state;
}
