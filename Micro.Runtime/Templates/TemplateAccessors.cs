using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Micro.Templates;

/// <summary>Reads members of instances of one type for templates, without reflection.</summary>
public interface ITemplateAccessor
{
    /// <summary>The value of member <paramref name="name"/> of <paramref name="instance"/>; false when there is no such member.</summary>
    bool TryGetMember(object instance, string name, out object? value);
}

/// <summary>
/// How templates read members of objects that aren't dictionaries, lists or <see cref="ITemplateObject"/>s: an accessor
/// per type, which also serves the type's subclasses. The generator makes one set per app (in its
/// <see cref="Hosting.AppManifest"/>) with an accessor for each type that reaches its templates; the app's
/// <see cref="TemplateEngine"/> reads through it.
/// </summary>
public sealed class TemplateAccessors
{
    private readonly ConcurrentDictionary<Type, ITemplateAccessor> _registered = new();
    private readonly ConcurrentDictionary<Type, MemberReader> _readers = new();
    private int _version;

    /// <summary>Changes whenever an accessor is registered, so that readers cached by templates are looked up again.</summary>
    internal int Version => _version;

    public void Register(Type type, ITemplateAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(accessor);
        _registered[type] = accessor;
        _readers.Clear();
        Interlocked.Increment(ref _version);
    }

    public void Register<T>(ITemplateAccessor accessor) => Register(typeof(T), accessor);

    /// <summary>Registers <paramref name="read"/> as the accessor of <typeparamref name="T"/>: it returns (false, null) for a member <typeparamref name="T"/> hasn't.</summary>
    public void Register<T>(Func<T, string, (bool Found, object? Value)> read) => Register(typeof(T), new DelegateAccessor<T>(read));

    /// <summary>
    /// As <see cref="Register{T}(Func{T, string, ValueTuple{bool, object}})"/>, for a type code can't name: an anonymous type
    /// is inferred from <paramref name="prototype"/>, an anonymous object with the same member names, types and order.
    /// </summary>
    public void Register<T>(T prototype, Func<T, string, (bool Found, object? Value)> read) => Register(read);

    private sealed class DelegateAccessor<T>(Func<T, string, (bool Found, object? Value)> read) : ITemplateAccessor
    {
        public bool TryGetMember(object instance, string name, out object? value)
        {
            (var found, value) = read((T)instance, name);
            return found;
        }
    }

    private static readonly object s_true = true;
    private static readonly object s_false = false;
    private static readonly object[] s_smallIntegers = CreateSmallIntegers();

    /// <summary>A boxed bool without allocating, for accessors (templates read the same flags over and over).</summary>
    public static object Box(bool value) => value ? s_true : s_false;

    /// <summary>A boxed int, without allocating for -128 to 1023.</summary>
    public static object Box(int value) => (uint)(value + 128) < (uint)s_smallIntegers.Length ? s_smallIntegers[value + 128] : value;

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[1152];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = i - 128;
        }

        return boxes;
    }

    /// <summary>The accessor for <paramref name="type"/> or its nearest registered base type.</summary>
    public ITemplateAccessor? Find(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (_registered.TryGetValue(current, out var accessor))
            {
                return accessor;
            }
        }

        return null;
    }

    /// <summary>The accessors of the template rendering on this thread (none outside a render).</summary>
    internal static TemplateAccessors Current => TemplateContext.Current?.Engine.Options.Accessors ?? s_none;

    private static readonly TemplateAccessors s_none = new();

    /// <summary>
    /// Django's lookup of one segment of <c>a.b.c</c>: a dictionary key, then a member, then a list
    /// index. Dictionaries also answer <c>items</c>, <c>keys</c> and <c>values</c> as Python's do.
    /// </summary>
    internal bool TryGetMember(object? instance, string name, out object? value)
    {
        if (instance is null)
        {
            value = null;
            return false;
        }

        return ReaderFor(instance.GetType()).TryGetMember(instance, name, out value);
    }

    /// <summary>How members of instances of <paramref name="type"/> are read; decided once per type.</summary>
    internal MemberReader ReaderFor(Type type) => _readers.GetOrAdd(type, static (type, accessors) => MemberReader.Create(type, accessors), this);
}
