using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;

namespace Micro.Templates;

/// <summary>
/// Django's <c>QueryDict</c>, as templates read <c>request.GET</c>: a name gives its last value (<c>{{ request.GET.q }}</c>), <c>lists</c>
/// every value of each name, <c>items</c> and <c>values</c> the last ones, <c>urlencode</c> the query again; looping gives the names.
/// Names are kept as sent, in their order and case: ASP.NET Core's <c>Request.Query</c> would merge <c>q</c> and <c>Q</c>.
/// </summary>
internal sealed class QueryDict : IReadOnlyDictionary<string, object?>, ITemplateObject
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>An empty query, which <c>{% querystring %}</c> fills.</summary>
    public QueryDict()
    {
    }

    /// <summary>The names and values of <paramref name="query"/> (with or without its <c>?</c>), decoded as Python's <c>parse_qsl</c>: <c>+</c> a space, a name without <c>=</c> an empty value.</summary>
    public static QueryDict Parse(string? query)
    {
        var dictionary = new QueryDict();
        foreach (var pair in new QueryStringEnumerable(query))
        {
            dictionary.Add(pair.DecodeName().ToString(), pair.DecodeValue().ToString());
        }

        return dictionary;
    }

    /// <summary>Each name with all its values, in the order the names first came (Django's <c>lists()</c>).</summary>
    public IEnumerable<(string Name, IReadOnlyList<string> Values)> Lists => _names.Select(name => (name, (IReadOnlyList<string>)_values[name]));

    public int Count => _names.Count;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<object?> Values => _names.Select(name => (object?)_values[name][^1]);

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        if (_values.TryGetValue(key, out var values))
        {
            value = values[^1];
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The query again, each value of each name, encoded as Python's <c>urlencode</c> (Django's <c>urlencode()</c>); no <c>?</c>.</summary>
    public string UrlEncode() =>
        string.Join('&', Lists.SelectMany(static pair => pair.Values.Select(value => UrlEncoding.QuotePlus(pair.Name) + "=" + UrlEncoding.QuotePlus(value))));

    /// <summary>As Django's lookups: a name of the query first (so <c>?items=x</c> shadows <c>items</c>), then the QueryDict's own members.</summary>
    public bool TryGetMember(string name, out object? value)
    {
        if (TryGetValue(name, out value))
        {
            return true;
        }

        value = name switch
        {
            "lists" => Lists.Select(static pair => (object?)(pair.Name, (List<string>)[.. pair.Values])).ToList(),
            "items" => _names.Select(key => (object?)(key, _values[key][^1])).ToList(),
            "keys" => _names.ToList(),
            "values" => Values.ToList(),
            "dict" => _names.ToDictionary(static key => key, key => (object?)_values[key][^1], StringComparer.Ordinal),
            "urlencode" => UrlEncode(),
            _ => null,
        };
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        _names.Select(name => new KeyValuePair<string, object?>(name, _values[name][^1])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Gives <paramref name="name"/> these values, in its place when it has one (at the end otherwise), or removes it for null.</summary>
    public void Set(string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            _names.Remove(name);
            _values.Remove(name);
        }
        else if (_values.TryAdd(name, [.. values]))
        {
            _names.Add(name);
        }
        else
        {
            _values[name] = [.. values];
        }
    }

    private void Add(string name, string value)
    {
        if (_values.TryGetValue(name, out var values))
        {
            values.Add(value);
        }
        else
        {
            _values.Add(name, [value]);
            _names.Add(name);
        }
    }
}
