namespace Micro.Generators.Tests.Json;

/// <summary>Apps whose routes read and write types that use System.Text.Json's attributes.</summary>
internal static class JsonApps
{
    /// <summary>Member attributes: names, order, ignore conditions, [JsonInclude], required and init-only members, extension data, number handling.</summary>
    public const string Members = """
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json;
        using System.Text.Json.Serialization;

        return MicroApp.Run(args);

        public static class Api
        {
            [Route("orders/", Methods = "POST")]
            public static Order Create(Order order) => order;

            [Route("accounts/", Methods = "POST")]
            public static Account Open(Account account) => account;
        }

        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class Order
        {
            [JsonConstructor]
            public Order(string id, int quantity = 1) => (Id, Quantity) = (id, quantity);

            public string Id { get; }

            public int Quantity { get; }

            [JsonPropertyName("customer_name"), JsonPropertyOrder(-1), JsonRequired]
            public string Customer { get; set; } = "";

            public required string Currency { get; init; }

            public string? Note { get; init; }

            [JsonIgnore]
            public string Secret { get; set; } = "";

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string? Coupon { get; set; }

            [JsonNumberHandling(JsonNumberHandling.Strict), JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)]
            public List<int> Lines { get; set; } = [];

            [JsonInclude]
            internal decimal Total { get; set; }

            [JsonInclude]
            internal int Revision;

            public int Plain;

            public int @event { get; set; }

            [Obsolete("Use Note.")]
            public string? Comment { get; set; }

            [AllowNull]
            public string Label { get; set; } = "";

            [JsonExtensionData]
            public Dictionary<string, JsonElement>? Extra { get; set; }
        }

        public sealed class Account
        {
            [SetsRequiredMembers]
            public Account(string owner) => Owner = owner;

            public required string Owner { get; set; }
        }
        """;

    /// <summary>Converters on types and members, including nullable members and the string enum converter.</summary>
    public const string Converters = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        return MicroApp.Run(args);

        public static class Api
        {
            [Route("invoice/")]
            public static Invoice Get() => new();
        }

        public sealed class Invoice
        {
            public Money Total { get; set; }

            public Money? Discount { get; set; }

            [JsonConverter(typeof(UpperCaseConverter))]
            public string Title { get; set; } = "";

            [JsonConverter(typeof(JsonStringEnumConverter))]
            public Status? Status { get; set; }

            public Priority Priority { get; set; }

            public Size Size { get; set; }
        }

        [JsonConverter(typeof(MoneyConverter))]
        public readonly record struct Money(decimal Amount);

        public enum Status { Open, Paid }

        [JsonConverter(typeof(JsonStringEnumConverter))]
        public enum Priority { Low, High }

        [JsonConverter(typeof(JsonStringEnumConverter<Size>))]
        public enum Size { Small, Large }

        public sealed class MoneyConverter : JsonConverter<Money>
        {
            public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDecimal());

            public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Amount);
        }

        public sealed class UpperCaseConverter : JsonConverter<string>
        {
            public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

            public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToUpperInvariant());
        }
        """;

    /// <summary>Polymorphism, inheritance with shadowed and overridden members, interfaces, records and structs.</summary>
    public const string Hierarchies = """
        using System.Text.Json.Serialization;

        return MicroApp.Run(args);

        public static class Api
        {
            [Route("shapes/", Methods = "POST")]
            public static Shape Echo(Shape shape) => shape;

            [Route("vehicles/")]
            public static Bike[] Vehicles() => [];

            [Route("named/")]
            public static INamed Named() => new Box<int>(1);

            [Route("points/", Methods = "POST")]
            public static Point Move([FromBody] Point point) => point;
        }

        [JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
        [JsonDerivedType(typeof(Circle), "circle")]
        public abstract class Shape
        {
            public string Label { get; set; } = "";
        }

        public sealed class Circle : Shape
        {
            public double Radius { get; set; }
        }

        public class Vehicle
        {
            public virtual int Wheels { get; set; } = 4;

            public virtual string Color { get; set; } = "";

            public string Code { get; set; } = "";
        }

        public sealed class Bike : Vehicle
        {
            public override int Wheels { get; set; } = 2;

            [JsonIgnore]
            public override string Color { get; set; } = "";

            public new int Code { get; set; }
        }

        public interface INamed
        {
            string Name { get; }
        }

        public sealed record Box<T>(T Value) : INamed
        {
            public string Name => "box";
        }

        public struct Point
        {
            public int X { get; set; }

            public int Y { get; set; }
        }
        """;

    /// <summary>Collections System.Text.Json builds in their own ways, and types it refuses.</summary>
    public const string Collections = """
        using System.Collections;
        using System.Collections.Concurrent;
        using System.Collections.Immutable;

        return MicroApp.Run(args);

        public static class Api
        {
            [Route("shelf/", Methods = "POST")]
            public static Shelf Echo(Shelf shelf) => shelf;
        }

        public sealed class Shelf
        {
            public ImmutableArray<string> Tags { get; set; } = [];

            public IImmutableDictionary<string, int>? Counts { get; set; }

            public IDictionary<string, int>? Lookup { get; set; }

            public IReadOnlyDictionary<int, string>? Names { get; set; }

            public ConcurrentQueue<int>? Queue { get; set; }

            public Stack? Untyped { get; set; }

            public ArrayList? Items { get; set; }

            public ReadOnlyMemory<int> Memory { get; set; }

            public KeyValuePair<string, int> Pair { get; set; }

            public int[,]? Grid { get; set; }

            public Action? Callback { get; set; }
        }
        """;
}
