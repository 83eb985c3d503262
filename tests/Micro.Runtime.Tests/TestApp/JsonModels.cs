using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Micro.Runtime.Tests.TestApp;

// Types that use every System.Text.Json feature Micro's JSON metadata supports. JsonViews reads and writes them,
// so Micro generates metadata for them; JsonParityTests compares it with System.Text.Json's own generator.

/// <summary>An enum written as a string by its own converter.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Size>))]
public enum Size
{
    Small,
    [JsonStringEnumMemberName("medium")]
    Medium,
    Large,
}

[Flags]
public enum Toppings
{
    None = 0,
    Cheese = 1,
    Ham = 2,
    Olives = 4,
}

/// <summary>Names, order and ignore conditions.</summary>
public sealed class Attributed
{
    [JsonPropertyName("display_name")]
    public string Name { get; set; } = "";

    [JsonPropertyOrder(-1)]
    public int Rank { get; set; }

    [JsonPropertyOrder(2)]
    public string Last { get; set; } = "last";

    [JsonIgnore]
    public string Secret { get; set; } = "secret";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Always { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Count { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public string WriteOnly { get; set; } = "not written";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
    public string ReadOnly { get; set; } = "not read";

    /// <summary>Not serialized: internal, without [JsonInclude].</summary>
    internal string Hidden { get; set; } = "hidden";

    [JsonInclude]
    internal string Included { get; set; } = "included";

    [JsonInclude]
    internal int IncludedField = 3;

    /// <summary>Serialized only with <see cref="JsonSerializerOptions.IncludeFields"/>.</summary>
    public int PlainField = 4;

    public readonly int ReadOnlyField = 5;

    public string Computed => Name + "!";

    private string _password = "";

    /// <summary>Read from JSON, never written.</summary>
    public string Password
    {
        set => _password = value;
    }

    public int PasswordLength => _password.Length;

    public int @event { get; set; }

    [Obsolete("Kept for old clients.")]
    public string? Legacy { get; set; }
}

/// <summary>Required members, a [JsonConstructor] and init-only members.</summary>
public sealed class Order
{
    [JsonConstructor]
    public Order(string id, int quantity = 1)
    {
        Id = id;
        Quantity = quantity;
    }

    public Order()
    {
        Id = "none";
    }

    public string Id { get; }

    public int Quantity { get; }

    [JsonRequired]
    public string Customer { get; set; } = "";

    public required string Currency { get; init; }

    public string Channel { get; init; } = "web";

    public DateTime? ShippedAt { get; set; }
}

/// <summary>A C# required member that its constructor sets.</summary>
public sealed class Account
{
    public Account()
    {
    }

    [SetsRequiredMembers]
    public Account(string owner) => Owner = owner;

    public required string Owner { get; set; }

    public decimal Balance { get; set; }
}

/// <summary>Members the JSON has that the type doesn't.</summary>
public sealed class Envelope
{
    public string Kind { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class NodeEnvelope
{
    public int Version { get; set; }

    [JsonExtensionData]
    public JsonObject? Rest { get; set; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class Strict
{
    public int Value { get; set; }
}

[JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
public sealed class Measurements
{
    public int Count { get; set; }

    public double Ratio { get; set; }

    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public long Strict { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double Special { get; set; } = double.NaN;

    public List<int> Samples { get; set; } = [];
}

/// <summary>Members filled in place instead of replaced.</summary>
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public sealed class Settings
{
    public List<string> Tags { get; } = ["default"];

    public Dictionary<string, int> Limits { get; set; } = new() { ["max"] = 10 };
}

public sealed class Profile
{
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public List<string> Roles { get; } = ["reader"];

    public List<string> Replaced { get; set; } = ["first"];
}

/// <summary>Polymorphism with a discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(Circle), "circle")]
[JsonDerivedType(typeof(Square), "square")]
[JsonDerivedType(typeof(Shape))]
public class Shape
{
    public string Label { get; set; } = "";
}

public sealed class Circle : Shape
{
    public double Radius { get; set; }
}

public sealed class Square : Shape
{
    public double Side { get; set; }
}

[JsonDerivedType(typeof(Dog), typeDiscriminator: 1)]
[JsonDerivedType(typeof(Cat), typeDiscriminator: 2)]
public interface IAnimal
{
    string Name { get; }
}

public sealed record Dog(string Name, bool Good) : IAnimal;

public sealed record Cat(string Name, int Lives) : IAnimal;

/// <summary>Inheritance: base members, a shadowed member, overrides, an ignored override.</summary>
public class Vehicle
{
    public string Make { get; set; } = "";

    public virtual int Wheels { get; set; } = 4;

    public virtual string Color { get; set; } = "grey";

    public string Code { get; set; } = "v";
}

public sealed class Bike : Vehicle
{
    public override int Wheels { get; set; } = 2;

    [JsonIgnore]
    public override string Color { get; set; } = "red";

    public new int Code { get; set; } = 7;

    public bool Electric { get; set; }
}

/// <summary>A type with its own converter: money as "12.50 EUR".</summary>
[JsonConverter(typeof(MoneyConverter))]
public readonly record struct Money(decimal Amount, string Currency);

public sealed class MoneyConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var parts = (reader.GetString() ?? "").Split(' ');
        return new Money(decimal.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{value.Amount:0.00} {value.Currency}"));
}

/// <summary>Upper-cases strings, for a property-level converter.</summary>
public sealed class ShoutingConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()?.ToLowerInvariant();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToUpperInvariant());
}

/// <summary>Writes an int as its number of digits in a word, to see that a factory converter is expanded.</summary>
public sealed class WordsConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(int);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) => new WordsConverter();

    private sealed class WordsConverter : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() switch { "one" => 1, "two" => 2, _ => 0 };

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value switch { 1 => "one", 2 => "two", _ => "many" });
    }
}

/// <summary>Converters on members, including nullable ones.</summary>
public sealed class Converted
{
    public Money Price { get; set; }

    public Money? Discount { get; set; }

    [JsonConverter(typeof(ShoutingConverter))]
    public string Title { get; set; } = "";

    [JsonConverter(typeof(WordsConverterFactory))]
    public int Copies { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
    public Color Cover { get; set; }

    [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
    public Color? Spine { get; set; }

    public Size Size { get; set; }

    public Size? OptionalSize { get; set; }
}

/// <summary>Enums, nullable value types, dates and the other built-in values.</summary>
public sealed class Values
{
    public Color Color { get; set; }

    public Color? MaybeColor { get; set; }

    public Toppings Toppings { get; set; }

    public int? MaybeNumber { get; set; }

    public DateTime When { get; set; }

    public DateTimeOffset? WhenOffset { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly Time { get; set; }

    public TimeSpan Duration { get; set; }

    public Guid Id { get; set; }

    public Uri? Link { get; set; }

    public Version? Release { get; set; }

    public char Letter { get; set; }

    public byte[]? Bytes { get; set; }

    public Half Half { get; set; }

    public Int128 Huge { get; set; }

    public JsonElement Element { get; set; }

    public JsonNode? Node { get; set; }

    public object? Anything { get; set; }
}

/// <summary>Collections and dictionaries.</summary>
public sealed class Collections
{
    public int[] Array { get; set; } = [];

    public List<string> List { get; set; } = [];

    public IList<int> InterfaceList { get; set; } = [];

    public IReadOnlyList<Color> ReadOnlyList { get; set; } = [];

    public IEnumerable<int> Enumerable { get; set; } = [];

    public ICollection<string> Collection { get; set; } = [];

    public HashSet<string> Set { get; set; } = [];

    public ISet<int> InterfaceSet { get; set; } = new HashSet<int>();

    public Queue<int> Queue { get; set; } = new();

    public Stack<int> Stack { get; set; } = new();

    public ImmutableArray<int> ImmutableArray { get; set; } = [];

    public ImmutableList<string> ImmutableList { get; set; } = [];

    public Dictionary<string, int> Dictionary { get; set; } = [];

    public Dictionary<Color, string> EnumKeys { get; set; } = [];

    public Dictionary<int, List<string?>> IntKeys { get; set; } = [];

    public IDictionary<string, double> InterfaceDictionary { get; set; } = new Dictionary<string, double>();

    public IReadOnlyDictionary<string, bool> ReadOnlyDictionary { get; set; } = new Dictionary<string, bool>();

    public ImmutableDictionary<string, int> ImmutableDictionary { get; set; } = ImmutableDictionary<string, int>.Empty;

    public ConcurrentDictionary<string, int> Concurrent { get; set; } = new();

    public KeyValuePair<string, int> Pair { get; set; }

    public List<Shape> Shapes { get; set; } = [];

    public int[][] Jagged { get; set; } = [];

    public Tags Tags { get; set; } = [];

    public SortedDictionary<string, int> Sorted { get; set; } = [];

    public IReadOnlyCollection<int> ReadOnlyCollection { get; set; } = [];

    public System.Collections.ObjectModel.ReadOnlyCollection<int>? Frozen { get; set; }
}

/// <summary>A collection type of the app's own.</summary>
public sealed class Tags : List<string>;

/// <summary>Two members with one JSON name: System.Text.Json refuses the type when it is used.</summary>
public sealed class Clash
{
    public string Name { get; set; } = "";

    [JsonPropertyName("Name")]
    public string Other { get; set; } = "";
}

/// <summary>A positional record, with a default and an extra init-only member.</summary>
public sealed record Book(string Title, string? Author, int Pages = 100)
{
    public string? Isbn { get; init; }

    public required string Publisher { get; init; }
}

public record struct Point3(int X, int Y, int Z);

public readonly record struct Range2(int From, int To);

/// <summary>A struct with a [JsonConstructor] and a private setter.</summary>
public struct Temperature
{
    [JsonConstructor]
    public Temperature(double celsius) => Celsius = celsius;

    public double Celsius { get; private set; }

    public readonly double Fahrenheit => (Celsius * 9 / 5) + 32;
}

/// <summary>A generic type.</summary>
public sealed class Page<T>
{
    public List<T> Items { get; set; } = [];

    public int Number { get; set; }

    public T? First { get; set; }
}

/// <summary>Nullable annotations, read when the options respect them.</summary>
public sealed class Annotated
{
    public Annotated(string name, string? nickname)
    {
        Name = name;
        Nickname = nickname;
    }

    public string Name { get; }

    public string? Nickname { get; }

    public string Required { get; set; } = "";

    public string? Optional { get; set; }

    [AllowNull]
    public string Lenient { get; set; } = "";
}

/// <summary>Serialization callbacks.</summary>
public sealed class Audited : IJsonOnSerializing, IJsonOnDeserialized
{
    public string Value { get; set; } = "";

    public int Writes { get; set; }

    public bool Loaded { get; set; }

    void IJsonOnSerializing.OnSerializing() => Writes++;

    void IJsonOnDeserialized.OnDeserialized() => Loaded = true;
}

/// <summary>A type that refers to itself.</summary>
public sealed class TreeNode
{
    public string Name { get; set; } = "";

    public List<TreeNode> Children { get; set; } = [];

    public TreeNode? Parent { get; set; }
}
