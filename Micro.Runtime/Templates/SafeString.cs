namespace Micro;

/// <summary>
/// Text that is already HTML and must not be escaped again, as Django's <c>SafeString</c>
/// (<c>mark_safe</c>). Template output, <c>|safe</c> and string literals in templates are safe.
/// </summary>
public sealed class SafeString : IEquatable<SafeString>
{
    public SafeString(string? value) => Value = value ?? "";

    public static SafeString Empty { get; } = new("");

    public string Value { get; }

    public int Length => Value.Length;

    public override string ToString() => Value;

    public bool Equals(SafeString? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SafeString other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
}
