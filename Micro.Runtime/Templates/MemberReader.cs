using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Micro.Templates;

/// <summary>Reads members of one kind of object: the type tests of a lookup, done once per type rather than per lookup.</summary>
internal abstract partial class MemberReader
{
    public abstract bool TryGetMember(object instance, string name, out object? value);

    public static MemberReader Create(Type type, TemplateAccessors accessors)
    {
        // An object that answers its lookups itself decides, even when it is also a dictionary (request.GET).
        if (typeof(ITemplateObject).IsAssignableFrom(type))
        {
            return new TemplateObjectReader();
        }

        if (type == typeof(Dictionary<string, object?>))
        {
            return new StringDictionaryReader();
        }

        if (typeof(IDictionary<string, object?>).IsAssignableFrom(type))
        {
            return new GenericDictionaryReader();
        }

        if (typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type))
        {
            return new ReadOnlyDictionaryReader();
        }

        if (type == typeof(string) || type == typeof(SafeString))
        {
            return new TextReader();
        }

        if (typeof(IDictionary).IsAssignableFrom(type))
        {
            return new NonGenericDictionaryReader();
        }

        if (ForDateOrTime(type) is { } dateOrTime)
        {
            return dateOrTime;
        }

        var accessor = accessors.Find(type);
        if (accessor is not null)
        {
            return new AccessorReader(accessor);
        }

        return new IndexReader();
    }

    /// <summary>The last step of every lookup: a list or tuple index such as <c>items.0</c>.</summary>
    protected static bool TryGetIndex(object instance, string name, out object? value)
    {
        switch (instance)
        {
            case IList list when TryParseIndex(name, list.Count, out var index):
                value = list[index];
                return true;
            case ITuple tuple when TryParseIndex(name, tuple.Length, out var index):
                value = tuple[index];
                return true;
            default:
                value = null;
                return false;
        }
    }

    protected static bool TryParseIndex(string name, int count, out int index) =>
        name.Length > 0 && char.IsAsciiDigit(name[0]) && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count
            ? true
            : NotAnIndex(out index);

    private static bool NotAnIndex(out int index)
    {
        index = 0;
        return false;
    }

    protected static bool TryGetDictionaryMember(IEnumerable dictionary, string name, out object? value)
    {
        value = name switch
        {
            "items" => DictionaryViews.Items(dictionary),
            "keys" => DictionaryViews.Keys(dictionary),
            "values" => DictionaryViews.Values(dictionary),
            _ => null,
        };
        return value is not null;
    }

    private sealed class StringDictionaryReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var dictionary = Unsafe.As<Dictionary<string, object?>>(instance);
            return dictionary.TryGetValue(name, out value) || TryGetDictionaryMember(dictionary, name, out value);
        }
    }

    private sealed class GenericDictionaryReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var dictionary = (IDictionary<string, object?>)instance;
            return dictionary.TryGetValue(name, out value) || TryGetDictionaryMember(dictionary, name, out value);
        }
    }

    private sealed class ReadOnlyDictionaryReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var dictionary = (IReadOnlyDictionary<string, object?>)instance;
            return dictionary.TryGetValue(name, out value) || TryGetDictionaryMember(dictionary, name, out value);
        }
    }

    private sealed class NonGenericDictionaryReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var dictionary = (IDictionary)instance;
            if (dictionary.Contains(name))
            {
                value = dictionary[name];
                return true;
            }

            if (TryGetDictionaryMember(dictionary, name, out value))
            {
                return true;
            }

            if (int.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key) && dictionary.Contains(key))
            {
                value = dictionary[key];
                return true;
            }

            value = null;
            return false;
        }
    }

    private sealed class TemplateObjectReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value) =>
            ((ITemplateObject)instance).TryGetMember(name, out value) || TryGetIndex(instance, name, out value);
    }

    private sealed class TextReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value)
        {
            var text = instance as string ?? ((SafeString)instance).Value;
            if (TryParseIndex(name, text.Length, out var index))
            {
                value = text[index].ToString();
                return true;
            }

            value = null;
            return false;
        }
    }

    private sealed class AccessorReader(ITemplateAccessor accessor) : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value) =>
            accessor.TryGetMember(instance, name, out value) || TryGetIndex(instance, name, out value);
    }

    private sealed class IndexReader : MemberReader
    {
        public override bool TryGetMember(object instance, string name, out object? value) => TryGetIndex(instance, name, out value);
    }
}

/// <summary>The reader last used for one step of a lookup: loops read the same types over and over.</summary>
internal sealed class MemberReaderCache(Type type, MemberReader reader, TemplateAccessors accessors, int version)
{
    public Type Type { get; } = type;

    public MemberReader Reader { get; } = reader;

    public TemplateAccessors Accessors { get; } = accessors;

    public int Version { get; } = version;

    public bool IsFor(Type type, TemplateAccessors accessors) =>
        Type == type && ReferenceEquals(Accessors, accessors) && Version == accessors.Version;
}

/// <summary>Python's <c>dict.items()</c>, <c>keys()</c> and <c>values()</c> over .NET dictionaries.</summary>
internal static class DictionaryViews
{
    public static List<object?> Items(IEnumerable dictionary)
    {
        var items = new List<object?>();
        foreach (var (key, value) in Entries(dictionary))
        {
            items.Add(new KeyValueTuple(key, value));
        }

        return items;
    }

    public static List<object?> Keys(IEnumerable dictionary)
    {
        var keys = new List<object?>();
        foreach (var (key, _) in Entries(dictionary))
        {
            keys.Add(key);
        }

        return keys;
    }

    public static List<object?> Values(IEnumerable dictionary)
    {
        var values = new List<object?>();
        foreach (var (_, value) in Entries(dictionary))
        {
            values.Add(value);
        }

        return values;
    }

    public static IEnumerable<(object? Key, object? Value)> Entries(IEnumerable dictionary)
    {
        if (dictionary is IDictionary nonGeneric)
        {
            foreach (DictionaryEntry entry in nonGeneric)
            {
                yield return (entry.Key, entry.Value);
            }

            yield break;
        }

        if (dictionary is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                yield return (pair.Key, pair.Value);
            }
        }
    }
}

/// <summary>A (key, value) pair from <c>dict.items</c>: unpacks in <c>for k, v in d.items</c> and indexes as <c>pair.0</c>.</summary>
internal sealed class KeyValueTuple(object? key, object? value) : ITuple
{
    public object? this[int index] => index switch
    {
        0 => key,
        1 => value,
        _ => throw new IndexOutOfRangeException(),
    };

    public int Length => 2;
}
