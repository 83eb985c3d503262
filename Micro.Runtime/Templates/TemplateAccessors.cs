using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Micro
{
    /// <summary>
    /// An object that answers <c>{{ obj.name }}</c> lookups itself. Templates never use reflection, so a
    /// type is readable in a template when it implements this, is a dictionary or list, or has an
    /// accessor registered in <see cref="Templates.TemplateAccessors"/> (which the generator emits for typed models).
    /// </summary>
    public interface ITemplateObject
    {
        /// <summary>The value of member <paramref name="name"/>; false when there is no such member.</summary>
        bool TryGetMember(string name, out object? value);
    }
}

namespace Micro.Templates
{
    /// <summary>Reads members of instances of one type for templates, without reflection.</summary>
    public interface ITemplateAccessor
    {
        /// <summary>The value of member <paramref name="name"/> of <paramref name="instance"/>; false when there is no such member.</summary>
        bool TryGetMember(object instance, string name, out object? value);
    }

    /// <summary>
    /// Accessors by type, for <c>{{ obj.member }}</c> on objects that aren't dictionaries, lists or
    /// <see cref="ITemplateObject"/>s. Generated code registers one per type that reaches a template;
    /// an accessor also serves the type's subclasses.
    /// </summary>
    public static class TemplateAccessors
    {
        private static readonly ConcurrentDictionary<Type, ITemplateAccessor> s_registered = new();
        private static readonly ConcurrentDictionary<Type, ITemplateAccessor?> s_resolved = new();

        public static void Register(Type type, ITemplateAccessor accessor)
        {
            ArgumentNullException.ThrowIfNull(type);
            ArgumentNullException.ThrowIfNull(accessor);
            s_registered[type] = accessor;
            s_resolved.Clear();
        }

        public static void Register<T>(ITemplateAccessor accessor) => Register(typeof(T), accessor);

        /// <summary>The accessor for <paramref name="type"/> or its nearest registered base type.</summary>
        public static ITemplateAccessor? Find(Type type) => s_resolved.GetOrAdd(type, static type =>
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (s_registered.TryGetValue(current, out var accessor))
                {
                    return accessor;
                }
            }

            return null;
        });

        /// <summary>
        /// Django's lookup of one segment of <c>a.b.c</c>: a dictionary key, then a member, then a list
        /// index. Dictionaries also answer <c>items</c>, <c>keys</c> and <c>values</c> as Python's do.
        /// </summary>
        internal static bool TryGetMember(object? instance, string name, out object? value)
        {
            switch (instance)
            {
                case null:
                    value = null;
                    return false;
                case IDictionary<string, object?> dictionary:
                    return dictionary.TryGetValue(name, out value) || TryGetDictionaryMember(dictionary, name, out value);
                case IReadOnlyDictionary<string, object?> readOnly:
                    return readOnly.TryGetValue(name, out value) || TryGetDictionaryMember(readOnly, name, out value);
                case ITemplateObject templateObject:
                    if (templateObject.TryGetMember(name, out value))
                    {
                        return true;
                    }

                    break;
                case string text:
                    return TryGetIndex(name, text.Length, out var charIndex) ? Found(text[charIndex].ToString(), out value) : NotFound(out value);
                case SafeString safe:
                    return TryGetIndex(name, safe.Length, out var safeIndex) ? Found(safe.Value[safeIndex].ToString(), out value) : NotFound(out value);
                case IDictionary nonGeneric:
                    if (nonGeneric.Contains(name))
                    {
                        value = nonGeneric[name];
                        return true;
                    }

                    if (TryGetDictionaryMember(nonGeneric, name, out value))
                    {
                        return true;
                    }

                    if (int.TryParse(name, out var key) && nonGeneric.Contains(key))
                    {
                        value = nonGeneric[key];
                        return true;
                    }

                    value = null;
                    return false;
            }

            if (instance is not ITemplateObject && Find(instance.GetType()) is { } accessor && accessor.TryGetMember(instance, name, out value))
            {
                return true;
            }

            switch (instance)
            {
                case IList list when TryGetIndex(name, list.Count, out var index):
                    value = list[index];
                    return true;
                case ITuple tuple when TryGetIndex(name, tuple.Length, out var index):
                    value = tuple[index];
                    return true;
            }

            value = null;
            return false;
        }

        private static bool TryGetIndex(string name, int count, out int index) =>
            int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index) && index < count;

        private static bool Found(object? found, out object? value)
        {
            value = found;
            return true;
        }

        private static bool NotFound(out object? value)
        {
            value = null;
            return false;
        }

        private static bool TryGetDictionaryMember(IEnumerable dictionary, string name, out object? value)
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
}
