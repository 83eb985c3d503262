using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

public abstract partial class Node
{
    internal abstract void Render(TemplateContext context, StringBuilder output);
}

public sealed partial class NodeList
{
    /// <summary>Renders each node; an error is reported once, at the innermost node, with its template and line.</summary>
    internal void Render(TemplateContext context, StringBuilder output)
    {
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

public sealed partial class IfNode
{
    private IfBranch[]? _branchArray;

    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var branches = _branchArray ??= [.. Branches];
        for (var i = 0; i < branches.Length; i++)
        {
            var branch = branches[i];
            if (branch.Condition is null || IsMet(branch.Condition, context))
            {
                branch.Body.Render(context, output);
                return;
            }
        }
    }

    private static bool IsMet(IfCondition condition, TemplateContext context)
    {
        try
        {
            return TemplateValues.IsTrue(condition.Evaluate(context));
        }
        catch (VariableDoesNotExistException)
        {
            return false;
        }
    }
}

public sealed partial class ForNode
{
    private const string LoopName = "forloop";

    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var values = Sequences.ToList(Sequence.Resolve(context, ignoreFailures: true), "for");
        var frame = context.Push();
        try
        {
            var count = values.Count;
            if (count == 0)
            {
                Empty?.Render(context, output);
                return;
            }

            var parent = context.TryGetValue(LoopName, out var parentLoop) ? parentLoop : ForLoop.NoParent;
            var loop = new ForLoop(parent, count);

            // Loop variables take the first slots: they are looked up more often than forloop.
            var names = LoopVariables;
            var firstSlot = frame.Set(names[0], null);
            for (var i = 1; i < names.Count; i++)
            {
                frame.Set(names[i], null);
            }

            frame.Set(LoopName, loop);

            for (var i = 0; i < count; i++)
            {
                loop.Counter0 = i;
                var item = values[IsReversed ? count - 1 - i : i];
                if (names.Count == 1)
                {
                    frame.SetAt(firstSlot, item);
                }
                else
                {
                    Unpack(frame, names, item);
                }

                Body.Render(context, output);
            }
        }
        finally
        {
            context.Pop();
        }
    }

    private static void Unpack(TemplateContext.Frame frame, IReadOnlyList<string> names, object? item)
    {
        var parts = Sequences.Unpackable(item);
        var length = parts?.Count ?? 1;
        if (length != names.Count)
        {
            throw new InvalidOperationException($"Need {names.Count} values to unpack in for loop; got {length}.");
        }

        for (var i = 0; i < names.Count; i++)
        {
            frame.Set(names[i], parts![i]);
        }
    }
}

/// <summary>The <c>forloop</c> variable.</summary>
internal sealed class ForLoop(object? parent, int length) : ITemplateObject
{
    /// <summary>What <c>forloop.parentloop</c> is outside nested loops: an empty dictionary, as in Django.</summary>
    public static readonly IReadOnlyDictionary<string, object?> NoParent = new Dictionary<string, object?>();

    public int Counter0 { get; set; }

    /// <summary><c>{% ifchanged %}</c> remembers what it last saw per loop, so it starts afresh when the loop runs again.</summary>
    public Dictionary<Node, object?>? IfChangedState { get; set; }

    public bool TryGetMember(string name, out object? value)
    {
        switch (name)
        {
            case "counter": value = TemplateAccessors.Box(Counter0 + 1); return true;
            case "counter0": value = TemplateAccessors.Box(Counter0); return true;
            case "revcounter": value = TemplateAccessors.Box(length - Counter0); return true;
            case "revcounter0": value = TemplateAccessors.Box(length - Counter0 - 1); return true;
            case "first": value = TemplateAccessors.Box(Counter0 == 0); return true;
            case "last": value = TemplateAccessors.Box(Counter0 == length - 1); return true;
            case "parentloop": value = parent; return true;
            default: value = null; return false;
        }
    }

    public override string ToString() =>
        $"{{'parentloop': {(parent is ForLoop ? parent.ToString() : "{}")}, 'counter0': {Counter0}, 'counter': {Counter0 + 1}, 'revcounter': {length - Counter0}, 'revcounter0': {length - Counter0 - 1}, 'first': {(Counter0 == 0 ? "True" : "False")}, 'last': {(Counter0 == length - 1 ? "True" : "False")}}}";
}

/// <summary>A Python tuple made by a filter (slicing a tuple gives a tuple).</summary>
internal sealed class PythonTuple(object?[] items) : ITuple
{
    public object? this[int index] => items[index];

    public int Length => items.Length;
}

/// <summary>Iteration as Python's: strings yield characters, dictionaries yield keys.</summary>
internal static class Sequences
{
    private static readonly object?[] s_empty = [];

    /// <summary>The items <c>for</c> (or another tag named by <paramref name="tag"/>) iterates over.</summary>
    public static IList ToList(object? value, string tag)
    {
        switch (value)
        {
            case null:
                return s_empty;
            case List<object?> list:
                // The common case, tested before the interface tests below.
                return list;
            case string text:
                return Characters(text);
            case SafeString safe:
                return Characters(safe.Value);
            case IDictionary dictionary:
                return DictionaryViews.Keys(dictionary);
            case IList list:
                // Before the generic dictionary test, which is slower; nothing is both a list and a dictionary.
                return list;
            case IReadOnlyDictionary<string, object?>:
                return DictionaryViews.Keys((IEnumerable)value);
            case ITuple tuple:
                var items = new object?[tuple.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = tuple[i];
                }

                return items;
            case IEnumerable sequence:
                var copy = new List<object?>();
                foreach (var item in sequence)
                {
                    copy.Add(item);
                }

                return copy;
            default:
                throw new InvalidOperationException($"'{tag}' can't iterate over a value of type {value.GetType().Name} ({TemplateValues.ToText(value)}).");
        }
    }

    /// <summary>Whether <paramref name="value"/> is iterable, as Python's <c>iter()</c> would accept it.</summary>
    public static bool IsIterable(object? value) => value is string or SafeString or IEnumerable or ITuple;

    private static string[] Characters(string text)
    {
        var characters = new string[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            characters[i] = text[i].ToString();
        }

        return characters;
    }

    /// <summary>The parts of an item that <c>for a, b in ...</c> unpacks; null when it has no length.</summary>
    public static IList? Unpackable(object? item) => item switch
    {
        KeyValuePair<string, object?> pair => new[] { pair.Key, pair.Value },
        DictionaryEntry entry => new[] { entry.Key, entry.Value },
        null => null,
        _ when IsIterable(item) => ToList(item, "for"),
        _ => null,
    };
}

public sealed partial class WithNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var assignments = Assignments;
        var values = new object?[assignments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = assignments[i].Value.Resolve(context);
        }

        var frame = context.Push();
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                frame.Set(assignments[i].Name, values[i]);
            }

            Body.Render(context, output);
        }
        finally
        {
            context.Pop();
        }
    }
}

public sealed partial class ExtendsNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var child = context.Template;
        var parent = ResolveParent(context);
        var state = context.State;
        var history = state.ExtendsHistory ??= [child.Name];
        if (history.Contains(parent.Name))
        {
            throw new InvalidOperationException(
                $"'{child.Name}' extends '{parent.Name}', which is already in the chain ({string.Join(" -> ", history)} -> {parent.Name}).");
        }

        history.Add(parent.Name);
        var blocks = state.Blocks ??= new Dictionary<string, List<BlockNode>>(StringComparer.Ordinal);
        AddBlocks(blocks, Blocks);
        if (parent.Extends is null)
        {
            AddBlocks(blocks, parent.Blocks);
        }

        parent.RenderIn(context, output);
    }

    /// <summary>Adds blocks behind the ones already there: the most derived template's block renders, the others are <c>block.super</c>.</summary>
    private static void AddBlocks(Dictionary<string, List<BlockNode>> blocks, IReadOnlyDictionary<string, BlockNode> added)
    {
        foreach (var (name, block) in added)
        {
            if (!blocks.TryGetValue(name, out var stack))
            {
                blocks[name] = stack = [];
            }

            stack.Insert(0, block);
        }
    }

    private Template ResolveParent(TemplateContext context)
    {
        var parent = Parent.Resolve(context);
        switch (parent)
        {
            case Template template:
                return template;
            case string or SafeString when TemplateValues.ToText(parent).Length > 0:
                return context.Engine.GetTemplate(TemplateValues.ToText(parent));
        }

        var message = $"Invalid template name in 'extends' tag: {TemplateValues.Repr(parent)}.";
        if (Parent.Filters.Count > 0 || Parent.Operand is VariableOperand)
        {
            message += $" Got this from the '{Parent.Text}' variable.";
        }

        throw new InvalidOperationException(message);
    }
}

public sealed partial class BlockNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var blocks = context.State.Blocks;
        var frame = context.Push();
        try
        {
            if (blocks is null)
            {
                frame.Set("block", new BlockReference(this, context, inBaseTemplate: true));
                Body.Render(context, output);
                return;
            }

            var overriding = Pop(blocks, Name);
            var block = overriding ?? this;
            frame.Set("block", new BlockReference(block, context, inBaseTemplate: false));
            block.Body.Render(context, output);
            if (overriding is not null)
            {
                blocks[Name].Add(overriding);
            }
        }
        finally
        {
            context.Pop();
        }
    }

    private static BlockNode? Pop(Dictionary<string, List<BlockNode>> blocks, string name)
    {
        if (!blocks.TryGetValue(name, out var stack) || stack.Count == 0)
        {
            return null;
        }

        var block = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return block;
    }

    /// <summary>The <c>block</c> variable inside a block: <c>{{ block.super }}</c> renders the parent template's version.</summary>
    private sealed class BlockReference(BlockNode block, TemplateContext context, bool inBaseTemplate) : ITemplateObject
    {
        public bool TryGetMember(string name, out object? value)
        {
            switch (name)
            {
                case "super":
                    value = Super();
                    return true;
                case "name":
                    value = block.Name;
                    return true;
                default:
                    value = null;
                    return false;
            }
        }

        private SafeString Super()
        {
            if (inBaseTemplate)
            {
                throw new InvalidOperationException($"{{{{ block.super }}}} was used in block '{block.Name}' of a template that extends nothing, so there is no parent block.");
            }

            var blocks = context.State.Blocks;
            if (blocks is null || !blocks.TryGetValue(block.Name, out var stack) || stack.Count == 0)
            {
                return SafeString.Empty;
            }

            var builder = context.RentBuilder();
            block.Render(context, builder);
            return new SafeString(context.ReturnBuilder(builder));
        }
    }
}

public sealed partial class IncludeNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var template = ResolveTemplate(context);
        var assignments = Assignments;
        var values = new object?[assignments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = assignments[i].Value.Resolve(context);
        }

        if (Only)
        {
            var saved = context.Isolate(root: null);
            try
            {
                for (var i = 0; i < values.Length; i++)
                {
                    context.Set(assignments[i].Name, values[i]);
                }

                template.RenderIsolatedState(context, output);
            }
            finally
            {
                context.RestoreIsolation(saved);
            }

            return;
        }

        var frame = context.Push();
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                frame.Set(assignments[i].Name, values[i]);
            }

            template.RenderIsolatedState(context, output);
        }
        finally
        {
            context.Pop();
        }
    }

    private Template ResolveTemplate(TemplateContext context)
    {
        var value = Template.Resolve(context);
        switch (value)
        {
            case Micro.Template template:
                return template;
            case string or SafeString:
                var name = TemplateValues.ToText(value);
                if (name.Length == 0)
                {
                    throw new TemplateNotFoundException(name, $"No template name to include: '{Template.Text}' is empty or missing.");
                }

                return context.Engine.GetTemplate(name);
            case IEnumerable names:
                var list = new List<string>();
                foreach (var item in names)
                {
                    list.Add(TemplateValues.ToText(item));
                }

                return context.Engine.SelectTemplate(list);
            default:
                throw new InvalidOperationException($"'include' needs a template name, got {TemplateValues.Repr(value)} from '{Template.Text}'.");
        }
    }
}

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

public sealed partial class CycleNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var index = context.State.TryGetNodeState(this, out var state) ? (int)state! : 0;
        context.State.SetNodeState(this, (index + 1) % Values.Count);
        var value = Values[index].Resolve(context);
        if (Name is not null)
        {
            context.SetUpward(Name, value);
        }

        if (!Silent)
        {
            ValueWriter.AppendValue(context, output, value);
        }
    }

    internal void Reset(TemplateContext context) => context.State.SetNodeState(this, 0);
}

public sealed partial class ResetCycleNode
{
    internal override void Render(TemplateContext context, StringBuilder output) => Cycle.Reset(context);
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

public sealed partial class VerbatimNode
{
    internal override void Render(TemplateContext context, StringBuilder output) => output.Append(Content);
}

public sealed partial class TemplateTagNode
{
    internal override void Render(TemplateContext context, StringBuilder output) => output.Append(Output);
}

public sealed partial class IfChangedNode
{
    private static readonly object s_nothingSeen = new();

    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var loop = context.TryGetValue("forloop", out var value) ? value as ForLoop : null;
        object? previous;
        if (loop is not null)
        {
            if (loop.IfChangedState is null || !loop.IfChangedState.TryGetValue(this, out previous))
            {
                previous = s_nothingSeen;
            }
        }
        else if (!context.State.TryGetNodeState(this, out previous))
        {
            previous = s_nothingSeen;
        }

        string? rendered = null;
        object? current;
        if (Values.Count > 0)
        {
            var values = new object?[Values.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Values[i].Resolve(context, ignoreFailures: true);
            }

            current = values;
        }
        else
        {
            current = rendered = Body.RenderToString(context);
        }

        if (previous == s_nothingSeen || !TemplateValues.AreEqual(current, previous))
        {
            if (loop is not null)
            {
                (loop.IfChangedState ??= new(ReferenceEqualityComparer.Instance))[this] = current;
            }
            else
            {
                context.State.SetNodeState(this, current);
            }

            if (rendered is not null)
            {
                output.Append(rendered);
            }
            else
            {
                Body.Render(context, output);
            }
        }
        else
        {
            Otherwise?.Render(context, output);
        }
    }
}

public sealed partial class RegroupNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var target = Target.Resolve(context, ignoreFailures: true);
        var groups = new List<object?>();
        if (target is not null)
        {
            GroupedResult? current = null;
            foreach (var item in Sequences.ToList(target, "regroup"))
            {
                context.Set(VariableName, item);
                var key = Grouper.Resolve(context, ignoreFailures: true);
                if (current is null || !TemplateValues.AreEqual(current.Grouper, key))
                {
                    current = new GroupedResult(key);
                    groups.Add(current);
                }

                current.List.Add(item);
            }
        }

        context.Set(VariableName, groups);
    }

    /// <summary>One group: <c>grouper</c> and <c>list</c>, also unpackable as <c>for grouper, items in groups</c>.</summary>
    private sealed class GroupedResult(object? grouper) : ITemplateObject, ITuple
    {
        public object? Grouper { get; } = grouper;

        public List<object?> List { get; } = [];

        public int Length => 2;

        public object? this[int index] => index == 0 ? Grouper : index == 1 ? List : throw new IndexOutOfRangeException();

        public bool TryGetMember(string name, out object? value)
        {
            value = name switch
            {
                "grouper" => Grouper,
                "list" => List,
                _ => null,
            };
            return name is "grouper" or "list";
        }

        public override string ToString() => $"GroupedResult(grouper={TemplateValues.Repr(Grouper)}, list={TemplateValues.Repr(List)})";
    }
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
            throw new InvalidOperationException($"widthratio final argument must be a number, got {TemplateValues.Repr(width)}.");
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

public sealed partial class StaticNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var path = TemplateValues.ToText(Path.Resolve(context));
        var url = UrlJoin(context.Engine.Options.StaticUrl, UrlEncoding.Quote(path, "/"));
        if (AsVariable is not null)
        {
            context.Set(AsVariable, url);
        }
        else if (context.Autoescape)
        {
            Html.AppendEscaped(output, url);
        }
        else
        {
            output.Append(url);
        }
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

public sealed partial class UrlNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var arguments = new object?[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i].Resolve(context);
        }

        var named = new Dictionary<string, object?>(NamedArguments.Count, StringComparer.Ordinal);
        foreach (var argument in NamedArguments)
        {
            named[argument.Name] = argument.Value.Resolve(context);
        }

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

        if (AsVariable is not null)
        {
            context.Set(AsVariable, url);
        }
        else if (context.Autoescape)
        {
            Html.AppendEscaped(output, url);
        }
        else
        {
            output.Append(url);
        }
    }
}

public sealed partial class CustomTagNode
{
    internal override void Render(TemplateContext context, StringBuilder output)
    {
        var tag = Unsafe.As<TemplateTag>(Tag);
        var arguments = new object?[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i].Resolve(context);
        }

        var named = new Dictionary<string, object?>(NamedArguments.Count, StringComparer.Ordinal);
        foreach (var argument in NamedArguments)
        {
            named[argument.Name] = argument.Value.Resolve(context);
        }

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
