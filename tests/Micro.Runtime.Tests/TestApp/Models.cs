using System.Globalization;

namespace Micro.Runtime.Tests.TestApp;

// Types the test app's handlers read and write, its services, and its custom converters.

public enum Color
{
    Red,
    Green,
    Blue,
}

public sealed record NewNote(string Title, string Body);

public sealed record SavedNote(int Id, string Title, string Body);

/// <summary>A mutable class (not a record), to check that class bodies bind too.</summary>
public sealed class Person
{
    public string Name { get; set; } = "";

    public int Age { get; set; }
}

public sealed record Product(string DisplayName, decimal UnitPrice, string[] Tags);

/// <summary>A value whose last property fails as it is serialized, after the others have been written.</summary>
public sealed record Faulty(string Name, List<Product> Items)
{
    public const string Message = "The serializer read a property that throws.";

    public string Broken => throw new InvalidOperationException(Message);
}

public sealed record QueryEcho(string Q, int? Page, int Size, string? Sort, int[] Ids, string[] Tags, Color Color, Color[] Palette, int PerPage);

/// <summary>A concrete class registered as a service: on a POST route it must come from DI, not from the body.</summary>
public sealed class Greeter
{
    public string Greet(string name) => $"Hello, {name}!";
}

public interface IClock
{
    DateOnly Today { get; }
}

public sealed class FixedClock : IClock
{
    public DateOnly Today => new(2024, 2, 29);
}

/// <summary>A scoped service: one instance per request.</summary>
public sealed class RequestScope
{
    public Guid Id { get; } = Guid.NewGuid();
}

/// <summary>Counts calls of handlers that return nothing, so that tests can see they ran.</summary>
public sealed class CallCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>A four-digit year, written back with leading zeros (<c>0099</c>).</summary>
[RouteConverter("yyyy")]
public sealed class FourDigitYear : RouteConverter<int>
{
    public override string Regex => "[0-9]{4}";

    public override int ToValue(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    public override string ToUrl(int value) => value.ToString("D4", CultureInfo.InvariantCulture);
}

/// <summary>An even number: the expression matches any digits, and <see cref="ToValue"/> refuses odd ones, as a Django converter's ValueError.</summary>
[RouteConverter("even")]
public sealed class EvenNumber : RouteConverter<int>
{
    public override string Regex => "[0-9]+";

    public override int ToValue(string value)
    {
        var number = int.Parse(value, CultureInfo.InvariantCulture);
        return number % 2 == 0 ? number : throw new ArgumentException($"{number} is odd.", nameof(value));
    }

    public override string ToUrl(int value) =>
        value % 2 == 0 ? value.ToString(CultureInfo.InvariantCulture) : throw new ArgumentException($"{value} is odd.", nameof(value));
}
