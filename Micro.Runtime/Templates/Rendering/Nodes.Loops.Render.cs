using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace Micro.Templates;

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

            var (loop, firstSlot) = BindLoop(context, frame, count);
            for (var i = 0; i < count; i++)
            {
                loop.Counter0 = i;
                BindItem(frame, firstSlot, values[IsReversed ? count - 1 - i : i]);
                Body.Render(context, output);
            }
        }
        finally
        {
            context.Pop();
        }
    }

    /// <summary>Binds <c>forloop</c> and the loop variables' slots in the loop's frame.</summary>
    internal (ForLoop Loop, int FirstSlot) BindLoop(TemplateContext context, TemplateContext.Frame frame, int count)
    {
        var parent = context.TryGetOwnValue(LoopName, out var parentLoop) ? parentLoop : ForLoop.NoParent;
        var loop = new ForLoop(parent, count);

        // Loop variables take the first slots: they are looked up more often than forloop.
        var names = LoopVariables;
        var firstSlot = frame.Set(names[0], null);
        for (var i = 1; i < names.Count; i++)
        {
            frame.Set(names[i], null);
        }

        frame.Set(LoopName, loop);
        return (loop, firstSlot);
    }

    /// <summary>Binds one item to the loop variables, unpacking it when there are several.</summary>
    internal void BindItem(TemplateContext.Frame frame, int firstSlot, object? item)
    {
        var names = LoopVariables;
        if (names.Count == 1)
        {
            frame.SetAt(firstSlot, item);
        }
        else
        {
            Unpack(frame, names, item);
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
