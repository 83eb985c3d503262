using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

/// <summary>
/// What compiled templates call: the interpreter's own steps (writing a value, applying a filter, a loop's frame), so
/// compiled and interpreted rendering can't drift apart. Only generated code uses these.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CompiledRendering
{
    /// <summary>Writes a value as <c>{{ }}</c> does: escaped when autoescaping, <c>None</c> for null, safe strings as they are.</summary>
    public static void Write(TemplateContext context, StringBuilder output, object? value) => ValueWriter.AppendValue(context, output, value);

    /// <summary>Writes a string member read without boxing.</summary>
    public static void WriteText(TemplateContext context, StringBuilder output, string? text)
    {
        if (text is null)
        {
            output.Append("None");
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

    /// <summary><c>{{ member|floatformat:places }}</c> of an <c>int</c>, <c>long</c> or <c>decimal</c> member read without boxing.</summary>
    public static void WriteFloatFormat(StringBuilder output, decimal value, int places) => NumberFormat.AppendFloatFormat(output, value, places);

    /// <summary><c>{{ member|default:x }}</c> of a string member: the text when it is true to Python, else the filter's argument.</summary>
    public static void WriteDefault(TemplateContext context, StringBuilder output, string? text, FilterCall filter)
    {
        if (string.IsNullOrEmpty(text))
        {
            Write(context, output, filter.Apply(text, context));
        }
        else
        {
            WriteText(context, output, text);
        }
    }

    /// <summary><c>{{ member|upper }}</c> of a string member; <c>None</c> goes through the filter.</summary>
    public static void WriteUpper(TemplateContext context, StringBuilder output, string? text, FilterCall filter) =>
        WriteCased(context, output, text?.ToUpperInvariant(), filter);

    /// <summary><c>{{ member|lower }}</c> of a string member; <c>None</c> goes through the filter.</summary>
    public static void WriteLower(TemplateContext context, StringBuilder output, string? text, FilterCall filter) =>
        WriteCased(context, output, text?.ToLowerInvariant(), filter);

    private static void WriteCased(TemplateContext context, StringBuilder output, string? cased, FilterCall filter)
    {
        if (cased is null)
        {
            Write(context, output, filter.Apply(null, context));
        }
        else
        {
            WriteText(context, output, cased);
        }
    }

    /// <summary>Writes a bool member as Python does.</summary>
    public static void WriteBool(StringBuilder output, bool value) => output.Append(value ? "True" : "False");

    /// <summary>A variable that doesn't exist: <c>string_if_invalid</c> (true: filters are skipped), else an empty string.</summary>
    public static bool Missing(TemplateContext context, FilterExpression expression, out object? value)
    {
        var invalid = context.Engine.Options.StringIfInvalid;
        if (invalid.Length != 0)
        {
            value = invalid.Contains("%s", StringComparison.Ordinal) ? invalid.Replace("%s", expression.Operand.Text, StringComparison.Ordinal) : invalid;
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>Django calls callables it finds: a <c>Func&lt;object?&gt;</c> is a lazily computed value.</summary>
    public static object? Call(object? value) => value is not null && value.GetType() == typeof(Func<object?>) ? Unsafe.As<Func<object?>>(value)() : value;

    /// <summary>The value of a variable's first name, called when it is a <c>Func&lt;object?&gt;</c>.</summary>
    public static bool TryGetVariable(TemplateContext context, string name, out object? value)
    {
        if (!context.TryGetValue(name, out value))
        {
            return false;
        }

        value = Call(value);
        return true;
    }

    public static object? ApplyFilter(FilterCall filter, object? value, TemplateContext context) => filter.Apply(value, context);

    /// <summary>An <c>{% if %}</c> condition the compiled code doesn't evaluate itself.</summary>
    public static bool IsMet(IfCondition condition, TemplateContext context) => IfNode.IsMet(condition, context);

    /// <summary>Python's truth.</summary>
    public static bool IsTrue(object? value) => TemplateValues.IsTrue(value);

    /// <summary>Renders a node the compiled code hands to the interpreter.</summary>
    public static void Render(Node node, TemplateContext context, StringBuilder output) => node.Render(context, output);

    /// <summary>Starts a <c>{% for %}</c>: resolves the sequence and pushes the loop's frame; <see cref="CompiledLoop.End"/> pops it.</summary>
    public static CompiledLoop BeginFor(ForNode node, TemplateContext context) => new(node, context);

    /// <summary>Starts a <c>{% with %}</c>: resolves its values and pushes a frame with them; <see cref="EndScope"/> pops it.</summary>
    public static void BeginWith(WithNode node, TemplateContext context) => node.Begin(context);

    public static void EndScope(TemplateContext context) => context.Pop();

    /// <summary>Whether the exception still needs its template and line, as the interpreter adds them at the innermost node.</summary>
    public static bool IsUnreported(Exception exception) => exception is not (TemplateRenderException or TemplateSyntaxException);

    public static TemplateRenderException Failed(Exception exception, string templateName, Node node) =>
        new(exception.Message, templateName, node.Location.Line, exception);
}

/// <summary>A member read at one place of a compiled template, remembering the reader it found for the last type.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledMember(string name)
{
    private MemberReaderCache? _cache;

    /// <summary>Replaces <paramref name="value"/> by its member (or key, or index); false when it has none.</summary>
    public bool TryRead(TemplateContext context, ref object? value)
    {
        if (value is null)
        {
            return false;
        }

        var type = value.GetType();
        var accessors = context.Engine.Options.Accessors;
        var cache = _cache;
        if (cache is null || !cache.IsFor(type, accessors))
        {
            cache = new MemberReaderCache(type, accessors.ReaderFor(type), accessors, accessors.Version);
            _cache = cache;
        }

        if (!cache.Reader.TryGetMember(value, name, out value))
        {
            return false;
        }

        value = CompiledRendering.Call(value);
        return true;
    }
}

/// <summary>A <c>{% for %}</c> under way in compiled code: its items, its frame and its <c>forloop</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledLoop
{
    private readonly ForNode _node;
    private readonly System.Collections.IList _values;
    private readonly TemplateContext _context;
    private readonly TemplateContext.Frame _frame;
    private readonly ForLoop? _loop;
    private readonly int _firstSlot;

    internal CompiledLoop(ForNode node, TemplateContext context)
    {
        _node = node;
        _context = context;
        _values = Sequences.ToList(node.Sequence.Resolve(context, ignoreFailures: true), "for");
        _frame = context.Push();
        Count = _values.Count;
        if (Count == 0)
        {
            return;
        }

        try
        {
            (_loop, _firstSlot) = node.BindLoop(context, _frame, Count);
        }
        catch
        {
            context.Pop();
            throw;
        }
    }

    public int Count { get; }

    /// <summary>Moves to item <paramref name="index"/> (counting from the end for <c>reversed</c>), binds it and returns it.</summary>
    public object? Next(int index)
    {
        _loop!.Counter0 = index;
        var item = _values[_node.IsReversed ? Count - 1 - index : index];
        _node.BindItem(_frame, _firstSlot, item);
        return item;
    }

    /// <summary>Pops the loop's frame.</summary>
    public void End() => _context.Pop();
}
