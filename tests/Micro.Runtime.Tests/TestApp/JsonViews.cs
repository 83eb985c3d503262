using System.Text.Json.Serialization;

namespace Micro.Runtime.Tests.TestApp;

/// <summary>Routes that write and read the JSON test types (JsonModels.cs), so that Micro generates their metadata.</summary>
public static class JsonViews
{
    [Route("json/color/")]
    public static ColorChoice Color() => new(TestApp.Color.Green, TestApp.Color.Blue, [TestApp.Color.Red]);

    [Route("json/order/", Methods = "POST")]
    public static Order EchoOrder(Order order) => order;

    [Route("json/attributed/", Methods = "GET, POST")]
    public static Attributed EchoAttributed([FromBody] Attributed? value) => value ?? new Attributed { Name = "Ada" };

    [Route("json/account/", Methods = "POST")]
    public static Account EchoAccount(Account value) => value;

    [Route("json/envelope/", Methods = "POST")]
    public static Envelope EchoEnvelope(Envelope value) => value;

    [Route("json/node-envelope/", Methods = "POST")]
    public static NodeEnvelope EchoNodeEnvelope(NodeEnvelope value) => value;

    [Route("json/strict/", Methods = "POST")]
    public static Strict EchoStrict(Strict value) => value;

    [Route("json/measurements/", Methods = "POST")]
    public static Measurements EchoMeasurements(Measurements value) => value;

    [Route("json/settings/", Methods = "POST")]
    public static Settings EchoSettings(Settings value) => value;

    [Route("json/profile/", Methods = "POST")]
    public static Profile EchoProfile(Profile value) => value;

    [Route("json/shape/", Methods = "POST")]
    public static Shape EchoShape(Shape value) => value;

    [Route("json/animal/", Methods = "POST")]
    public static IAnimal EchoAnimal([FromBody] IAnimal value) => value;

    [Route("json/animals/")]
    public static IAnimal[] Animals() => [new Dog("Rex", true), new Cat("Tom", 9)];

    [Route("json/vehicle/", Methods = "POST")]
    public static Bike EchoBike(Bike value) => value;

    [Route("json/vehicles/")]
    public static List<Vehicle> Vehicles() => [new Vehicle { Make = "Ford" }, new Bike { Make = "Brompton" }];

    [Route("json/converted/", Methods = "POST")]
    public static Converted EchoConverted(Converted value) => value;

    [Route("json/values/", Methods = "POST")]
    public static Values EchoValues(Values value) => value;

    [Route("json/collections/", Methods = "POST")]
    public static Collections EchoCollections(Collections value) => value;

    [Route("json/book/", Methods = "POST")]
    public static Book EchoBook(Book value) => value;

    [Route("json/point/", Methods = "POST")]
    public static Point3 EchoPoint([FromBody] Point3 value) => value;

    [Route("json/range/", Methods = "POST")]
    public static Range2 EchoRange([FromBody] Range2 value) => value;

    [Route("json/temperature/", Methods = "POST")]
    public static Temperature EchoTemperature([FromBody] Temperature value) => value;

    [Route("json/page/", Methods = "POST")]
    public static Page<Book> EchoPage(Page<Book> value) => value;

    [Route("json/annotated/", Methods = "POST")]
    public static Annotated EchoAnnotated(Annotated value) => value;

    [Route("json/audited/", Methods = "POST")]
    public static Audited EchoAudited(Audited value) => value;

    [Route("json/tree/", Methods = "POST")]
    public static TreeNode EchoTree(TreeNode value) => value;

    [Route("json/money/", Methods = "POST")]
    public static Money EchoMoney([FromBody] Money value) => value;

    [Route("json/person/")]
    public static Person Person() => new() { Name = "Ada", Age = 36 };

    /// <summary>A type whose metadata throws when used: a result names it without the route needing its metadata.</summary>
    [Route("json/clash/")]
    public static IResult Clash() => TypedResults.Ok(new Clash());

    [Route("json/size/")]
    public static Size[] Sizes() => [Size.Small, Size.Medium];
}

/// <summary>What a route returns when the app's options add a string enum converter.</summary>
public sealed record ColorChoice(Color Color, Color? Second, Color[] Others);

/// <summary>The types of JsonModels.cs, for System.Text.Json's own generator: what Micro's metadata is compared with.</summary>
[JsonSerializable(typeof(ColorChoice))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Attributed))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(Envelope))]
[JsonSerializable(typeof(NodeEnvelope))]
[JsonSerializable(typeof(Strict))]
[JsonSerializable(typeof(Measurements))]
[JsonSerializable(typeof(Settings))]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(Shape))]
[JsonSerializable(typeof(IAnimal[]))]
[JsonSerializable(typeof(Bike))]
[JsonSerializable(typeof(List<Vehicle>))]
[JsonSerializable(typeof(Converted))]
[JsonSerializable(typeof(Values))]
[JsonSerializable(typeof(Collections))]
[JsonSerializable(typeof(Book))]
[JsonSerializable(typeof(Point3))]
[JsonSerializable(typeof(Range2))]
[JsonSerializable(typeof(Temperature))]
[JsonSerializable(typeof(Page<Book>))]
[JsonSerializable(typeof(Annotated))]
[JsonSerializable(typeof(Audited))]
[JsonSerializable(typeof(TreeNode))]
[JsonSerializable(typeof(Money))]
[JsonSerializable(typeof(Size[]))]
[JsonSerializable(typeof(Person))]
[JsonSerializable(typeof(Clash))]
internal sealed partial class ParityContext : JsonSerializerContext;
