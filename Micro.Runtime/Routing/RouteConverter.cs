using System.Globalization;

namespace Micro;

/// <summary>
/// A path converter, as in Django: the regular expression a URL segment must match, and how a value
/// is written back into a URL when reversing.
/// </summary>
public abstract class RouteConverter
{
    /// <summary>The regular expression one value matches, without anchors or groups of its own.</summary>
    public abstract string Regex { get; }

    /// <summary>
    /// Whether a value can contain a slash, as Django's <c>path</c> converter's can. Routes with such
    /// a value are matched across segments; override it when a custom expression can match "/".
    /// </summary>
    public virtual bool MatchesSlash => false;

    /// <summary>Formats a value for <c>Url.Reverse</c>.</summary>
    public virtual string ToUrl(object? value) => value switch
    {
        null => "",
        string text => text,
        // ISO 8601, which binds back: the invariant culture's default date format has slashes.
        DateOnly or TimeOnly or DateTime or DateTimeOffset => ((IFormattable)value).ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// A user-defined converter: <see cref="ToValue"/> turns the matched text into the handler's
/// parameter; throwing <see cref="FormatException"/>, <see cref="ArgumentException"/> or
/// <see cref="OverflowException"/> means "no match" and the request gets a 404, as a
/// <c>ValueError</c> does in Django. Thrown from <see cref="ToUrl(T)"/>, they make reversing fail with
/// <see cref="NoReverseMatchException"/>.
/// </summary>
public abstract class RouteConverter<T> : RouteConverter
{
    public abstract T ToValue(string value);

    public abstract string ToUrl(T value);

    public sealed override string ToUrl(object? value) => value switch
    {
        T typed => ToUrl(typed),
        string text => text,
        _ => throw new ArgumentException(
            $"{GetType().Name} formats values of type {typeof(T).Name}, not {value?.GetType().Name ?? "null"}.", nameof(value)),
    };
}

/// <summary>Django's built-in path converters.</summary>
public static class RouteConverters
{
    /// <summary><c>int</c>: zero or any positive integer.</summary>
    public static RouteConverter Int { get; } = new BuiltIn("[0-9]+");

    /// <summary><c>str</c>: any non-empty string without a slash; the default when no converter is named.</summary>
    public static RouteConverter Str { get; } = new BuiltIn("[^/]+");

    /// <summary><c>slug</c>: ASCII letters, digits, hyphens and underscores.</summary>
    public static RouteConverter Slug { get; } = new BuiltIn("[-a-zA-Z0-9_]+");

    /// <summary><c>uuid</c>: a lowercase, dashed UUID, bound to <see cref="Guid"/>.</summary>
    public static RouteConverter Uuid { get; } = new BuiltIn("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /// <summary><c>path</c>: any non-empty string, slashes included.</summary>
    public static RouteConverter Path { get; } = new BuiltIn(".+", matchesSlash: true);

    private sealed class BuiltIn(string regex, bool matchesSlash = false) : RouteConverter
    {
        public override string Regex => regex;

        public override bool MatchesSlash => matchesSlash;

        public override string ToUrl(object? value) => value is Guid guid ? guid.ToString("D") : base.ToUrl(value);
    }
}
