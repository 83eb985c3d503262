using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Micro.Generated;
using Micro.Runtime.Tests.TestApp;

namespace Micro.Runtime.Tests;

/// <summary>
/// Micro's generated JSON metadata behaves as System.Text.Json's own generator does: the same values written
/// with Micro's resolver and with <see cref="ParityContext"/> give the same JSON, and the same JSON reads back to
/// the same values (or fails with the same error), under default options and under options that change what
/// the metadata must honour.
/// </summary>
public sealed class JsonParityTests
{
    /// <summary>A value to write (made anew for each writer: callbacks change it), and JSON to read besides what it writes.</summary>
    public sealed record Sample(string Name, Type Type, Func<object?> Value, params string[] Inputs);

    public static TheoryData<string> OptionSets => new(s_optionSets.Keys);

#pragma warning disable IL3050 // The non-generic string enum converter creates its converters by reflection: fine under the JIT, where tests run.
    private static readonly Dictionary<string, Action<JsonSerializerOptions>> s_optionSets = new()
    {
        ["default"] = static _ => { },
        ["web defaults"] = static o =>
        {
            o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.PropertyNameCaseInsensitive = true;
            o.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        },
        ["string enums"] = static o => o.Converters.Add(new JsonStringEnumConverter()),
        ["camel-case string enums"] = static o => o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)),
        ["snake case, kebab keys"] = static o =>
        {
            o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower;
        },
        ["numbers as strings"] = static o => o.NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString,
        ["fields, no read-only members"] = static o =>
        {
            o.IncludeFields = true;
            o.IgnoreReadOnlyProperties = true;
            o.IgnoreReadOnlyFields = true;
        },
        ["ignore nulls"] = static o => o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ["ignore defaults"] = static o => o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        ["nullable annotations and required parameters"] = static o =>
        {
            o.RespectNullableAnnotations = true;
            o.RespectRequiredConstructorParameters = true;
        },
        ["strict members, populate"] = static o =>
        {
            o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate;
        },
        ["a converter for a built-in type"] = static o => o.Converters.Add(new JsonStringEnumConverter<Color>()),
        ["cycles ignored, indented"] = static o =>
        {
            o.ReferenceHandler = ReferenceHandler.IgnoreCycles;
            o.WriteIndented = true;
        },
        ["references preserved"] = static o => o.ReferenceHandler = ReferenceHandler.Preserve,
    };
#pragma warning restore IL3050

    public static readonly Sample[] Samples =
    [
        new("enums", typeof(ColorChoice), () => new ColorChoice(Color.Green, null, [Color.Red, Color.Blue]),
            """{"Color":"Blue","Second":2,"Others":["Green",0]}""", """{"color":1}"""),
        new("attributes", typeof(Attributed), () => SampleAttributed(),
            """{"display_name":"Bo","Secret":"s","WriteOnly":"w","ReadOnly":"r","Included":"i","IncludedField":9,"PlainField":8,"event":3,"Password":"pw"}""",
            """{"Rank":"7","Count":null}"""),
        new("required and constructor", typeof(Order), () => new Order("A-1", 3) { Customer = "Ada", Currency = "EUR", Channel = "shop", ShippedAt = new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc) },
            """{"id":"B-2","Customer":"Bo","Currency":"USD"}""", """{"Id":"C-3","Currency":"USD"}""", """{"Id":"D-4","Customer":"Cy"}""",
            """{"quantity":5,"Customer":"Di","Currency":"GBP","Channel":null}"""),
        new("sets required members", typeof(Account), () => new Account("Ada") { Balance = 12.5m }, """{"Balance":1}""", """{"Owner":"Bo"}"""),
        new("extension data", typeof(Envelope), () => new Envelope { Kind = "k", Extra = new() { ["x"] = JsonDocument.Parse("[1,2]").RootElement } },
            """{"Kind":"a","b":1,"c":{"d":true}}"""),
        new("extension data object", typeof(NodeEnvelope), () => new NodeEnvelope { Version = 2, Rest = new JsonObject { ["extra"] = 1 } },
            """{"Version":3,"other":"x"}"""),
        new("unmapped members", typeof(Strict), () => new Strict { Value = 1 }, """{"Value":2,"Other":3}"""),
        new("number handling", typeof(Measurements), () => new Measurements { Count = 3, Ratio = 0.5, Strict = 9, Samples = [1, 2] },
            """{"Count":"4","Ratio":"1.5","Strict":"10","Special":"Infinity","Samples":["1",2]}""", """{"Strict":11,"Special":"NaN"}"""),
        new("populated members", typeof(Settings), () => new Settings(), """{"Tags":["a"],"Limits":{"min":1}}"""),
        new("populated member", typeof(Profile), () => new Profile(), """{"Roles":["admin"],"Replaced":["second"]}"""),
        new("polymorphism", typeof(Shape), () => new Circle { Label = "c", Radius = 2 },
            """{"$kind":"square","Label":"s","Side":3}""", """{"Label":"base"}""", """{"$kind":"triangle"}""", """{"Label":"late","$kind":"circle"}"""),
        new("polymorphism, base value", typeof(Shape), () => new Shape { Label = "plain" }),
        new("interface polymorphism", typeof(IAnimal[]), () => new IAnimal[] { new Dog("Rex", true), new Cat("Tom", 9) },
            """[{"$type":2,"Name":"Kit","Lives":3}]"""),
        new("inheritance", typeof(Bike), () => new Bike { Make = "Brompton", Electric = true },
            """{"Make":"m","Wheels":3,"Color":"blue","Code":9,"Electric":true}"""),
        new("inheritance in a list", typeof(List<Vehicle>), () => new List<Vehicle> { new() { Make = "Ford" }, new Bike { Make = "Brompton" } }),
        new("converters", typeof(Converted), () => new Converted
        {
            Price = new Money(12.5m, "EUR"), Discount = new Money(1, "EUR"), Title = "quiet", Copies = 2, Cover = Color.Blue, Spine = Color.Red,
            Size = Size.Medium, OptionalSize = Size.Large,
        }, """{"Price":"3.00 USD","Discount":null,"Title":"LOUD","Copies":"one","Cover":"Green","Spine":null,"Size":"medium","OptionalSize":null}"""),
        new("values", typeof(Values), () => SampleValues(),
            """{"Color":2,"MaybeColor":null,"Toppings":5,"When":"2024-01-01T00:00:00","Day":"2024-01-02","Time":"10:00:00","Duration":"01:00:00","Letter":"x","Bytes":"AQI=","Half":1.5,"Huge":"1","Element":{"a":[1]},"Node":[1,"two"],"Anything":{"x":1}}"""),
        new("collections", typeof(Collections), () => SampleCollections(),
            """{"Array":[1],"Queue":[1,2],"Stack":[1,2],"ImmutableArray":[3],"InterfaceSet":[1,1],"Pair":{"Key":"k","Value":1},"Tags":["t"],"Sorted":{"b":2,"a":1},"ReadOnlyCollection":[1],"Frozen":[2],"Shapes":[{"$kind":"circle","Radius":1}],"Jagged":[[1],[2,3]],"IntKeys":{"1":["a",null]}}"""),
        new("record", typeof(Book), () => new Book("Dune", null, 412) { Isbn = "978", Publisher = "Chilton" },
            """{"Title":"T","Publisher":"P"}""", """{"Title":"T"}""", """{"title":"t","Pages":"5","Publisher":"P"}"""),
        new("record struct", typeof(Point3), () => new Point3(1, 2, 3), """{"X":4,"Z":6}"""),
        new("readonly record struct", typeof(Range2), () => new Range2(1, 5), """{"From":2,"To":3}"""),
        new("struct with a constructor", typeof(Temperature), () => new Temperature(21.5), """{"Celsius":30,"Fahrenheit":1}"""),
        new("generic", typeof(TestApp.Page<Book>), () => new TestApp.Page<Book> { Number = 2, Items = [new Book("A", "B") { Publisher = "P" }], First = new Book("F", null) { Publisher = "Q" } },
            """{"Items":[],"Number":1,"First":null}"""),
        new("nullable annotations", typeof(Annotated), () => new Annotated("Ada", null) { Required = "r", Optional = null, Lenient = "l" },
            """{"Name":null,"Nickname":null,"Required":null,"Optional":null,"Lenient":null}""", """{"Nickname":"n"}"""),
        new("callbacks", typeof(Audited), () => new Audited { Value = "v" }, """{"Value":"w"}"""),
        new("self reference", typeof(TreeNode), () => SampleTree(), """{"Name":"r","Children":[{"Name":"c","Children":[]}]}"""),
        new("type converter", typeof(Money), () => new Money(2.5m, "GBP"), "\"7.25 EUR\""),
        new("enum converter", typeof(Size[]), () => new[] { Size.Small, Size.Medium, Size.Large }, """["medium","Large"]""", "[1]"),
        new("name clash", typeof(Clash), () => new Clash(), """{"Name":"x"}"""),
        new("plain class", typeof(Person), () => new Person { Name = "Ada", Age = 36 }, """{"name":"Bo","age":"5"}"""),
    ];

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void MicroMetadataWritesAndReadsAsSystemTextJsonDoes(string optionSet)
    {
        var micro = Options(optionSet, MicroJsonResolver.Instance);
        var stj = Options(optionSet, ParityContext.Default);
        var differences = new List<string>();
        foreach (var sample in Samples)
        {
            var written = Outcome(() => JsonSerializer.Serialize(sample.Value(), stj.GetTypeInfo(sample.Type)));
            Compare(differences, $"{sample.Name}: writing", Outcome(() => JsonSerializer.Serialize(sample.Value(), micro.GetTypeInfo(sample.Type))), written);
            foreach (var input in sample.Inputs.Prepend(written))
            {
                Compare(differences, $"{sample.Name}: reading {input}", Read(input, sample.Type, micro, stj), Read(input, sample.Type, stj, stj));
            }
        }

        Assert.True(differences.Count == 0, $"Micro's metadata differs from System.Text.Json's under '{optionSet}':\n" + string.Join("\n", differences));
    }

    /// <summary>Micro's resolver answers for every type a route reads or writes, and for nothing else.</summary>
    [Fact]
    public void ResolverCoversTheTypesRoutesUse()
    {
        var options = new JsonSerializerOptions();
        foreach (var sample in Samples)
        {
            Assert.NotNull(MicroJsonResolver.Instance.GetTypeInfo(sample.Type, options));
        }

        // Derived types of polymorphic types have metadata too, though no route names them.
        Assert.NotNull(MicroJsonResolver.Instance.GetTypeInfo(typeof(Circle), options));
        Assert.NotNull(MicroJsonResolver.Instance.GetTypeInfo(typeof(Dog), options));
        Assert.Null(MicroJsonResolver.Instance.GetTypeInfo(typeof(JsonParityTests), options));
    }

    /// <summary>A converter in the options wins over generated metadata, for objects and built-in types alike.</summary>
    [Fact]
    public void ConvertersInTheOptionsWin()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = MicroJsonResolver.Instance };
        options.Converters.Add(new JsonStringEnumConverter<Color>());
        options.Converters.Add(new WordsConverterFactory());
        Assert.Equal("""{"Color":"Green","Second":null,"Others":["Blue"]}""",
            JsonSerializer.Serialize(new ColorChoice(Color.Green, null, [Color.Blue]), options.GetTypeInfo(typeof(ColorChoice))));
        Assert.Equal("""{"Name":"Ada","Age":"many"}""", JsonSerializer.Serialize(new Person { Name = "Ada", Age = 36 }, options.GetTypeInfo(typeof(Person))));
    }

    private static JsonSerializerOptions Options(string optionSet, IJsonTypeInfoResolver resolver)
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = resolver };
        s_optionSets[optionSet](options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>What reading <paramref name="json"/> gives, written back with System.Text.Json's metadata so that values compare as text.</summary>
    private static string Read(string json, Type type, JsonSerializerOptions reader, JsonSerializerOptions writer) =>
        Outcome(() => "read " + JsonSerializer.Serialize(JsonSerializer.Deserialize(json, reader.GetTypeInfo(type)), writer.GetTypeInfo(type)));

    private static string Outcome(Func<string> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    private static void Compare(List<string> differences, string what, string micro, string stj)
    {
        if (micro != stj)
        {
            differences.Add($"- {what}\n    Micro:            {micro}\n    System.Text.Json: {stj}");
        }
    }

    private static Attributed SampleAttributed()
    {
#pragma warning disable CS0618 // the obsolete member is part of the sample
        var value = new Attributed { Name = "Ada", Rank = 1, Always = null, Count = 0, Note = null, @event = 2, Legacy = "old" };
#pragma warning restore CS0618
        value.Included = "in";
        value.IncludedField = 7;
        value.PlainField = 6;
        return value;
    }

    private static Values SampleValues() => new()
    {
        Color = Color.Blue,
        MaybeColor = Color.Green,
        Toppings = Toppings.Cheese | Toppings.Olives,
        MaybeNumber = 5,
        When = new DateTime(2024, 2, 29, 8, 30, 0, DateTimeKind.Utc),
        WhenOffset = new DateTimeOffset(2024, 2, 29, 8, 30, 0, TimeSpan.FromHours(2)),
        Day = new DateOnly(2024, 2, 29),
        Time = new TimeOnly(8, 30),
        Duration = TimeSpan.FromMinutes(90),
        Id = new Guid("8c3f1c2e-0d8a-4b7e-9f42-6a1d2c3b4e5f"),
        Link = new Uri("https://example.com/a?b=c"),
        Release = new Version(1, 2, 3),
        Letter = 'z',
        Bytes = [1, 2, 3],
        Half = (Half)2.5,
        Huge = Int128.MaxValue,
        Element = JsonDocument.Parse("""{"k":[1,2]}""").RootElement,
        Node = JsonNode.Parse("""{"n":null}"""),
        Anything = 42,
    };

    private static Collections SampleCollections() => new()
    {
        Array = [1, 2],
        List = ["a", "b"],
        InterfaceList = [3],
        ReadOnlyList = [Color.Red, Color.Blue],
        Enumerable = [4, 5],
        Collection = ["c"],
        Set = ["s"],
        InterfaceSet = new HashSet<int> { 6 },
        Queue = new Queue<int>([7, 8]),
        Stack = new Stack<int>([9, 10]),
        ImmutableArray = [11],
        ImmutableList = ["i"],
        Dictionary = new() { ["one"] = 1, ["TwoWords"] = 2 },
        EnumKeys = new() { [Color.Green] = "g" },
        IntKeys = new() { [3] = ["x", null] },
        InterfaceDictionary = new Dictionary<string, double> { ["pi"] = 3.14 },
        ReadOnlyDictionary = new Dictionary<string, bool> { ["yes"] = true },
        ImmutableDictionary = ImmutableDictionary<string, int>.Empty.Add("k", 1),
        Concurrent = new ConcurrentDictionary<string, int>([new("c", 1)]),
        Pair = new("p", 2),
        Shapes = [new Square { Label = "sq", Side = 1 }, new Shape { Label = "plain" }],
        Jagged = [[1, 2], []],
        Tags = ["x", "y"],
        Sorted = new() { ["z"] = 26, ["a"] = 1 },
        ReadOnlyCollection = [5],
        Frozen = new([6, 7]),
    };

    private static TreeNode SampleTree()
    {
        var root = new TreeNode { Name = "root" };
        var child = new TreeNode { Name = "child", Parent = new TreeNode { Name = "not the root" } };
        root.Children.Add(child);
        return root;
    }
}
