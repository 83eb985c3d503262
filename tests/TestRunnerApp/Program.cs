// A fixture for `app test`: tests that pass, one that fails on purpose (Failing.Home_says_goodbye) and one that throws
// (Failing.Not_ready). `dotnet run` has the Development profile; tests run in Production all the same.
using Micro;

return MicroApp.Run(args);

public static class Pages
{
    [Route("", Name = "home")]
    public static string Home() => "Hello from the fixture";

    [Route("boom/")]
    public static string Boom() => throw new InvalidOperationException("Boom!");

    [Route("items/", Name = "items")]
    public static Task<List<Item>> Items(Db db) => db.Items.OrderBy(i => i.Id).ToListAsync();

    [Route("items/new/", Methods = "POST", Name = "item_create")]
    public static async Task<IResult> Create([FromForm] string name, Db db)
    {
        await db.Items.CreateAsync(new Item { Name = name });
        return Results.Redirect(Urls.Items());
    }
}

[Model]
public class Item
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

public static class Passing
{
    [Test]
    public static async Task Home_says_hello(MicroTestClient client) =>
        (await client.GetAsync(Urls.Home())).AssertStatus(200).AssertContains("Hello from the fixture");

    [Test]
    public static void The_environment_is_production(IHostEnvironment environment)
    {
        if (!environment.IsProduction())
        {
            throw new AssertionFailedException($"The tests run in {environment.EnvironmentName}.");
        }
    }

    [Test]
    public static async Task An_error_is_the_plain_500_page(MicroTestClient client) =>
        (await client.GetAsync("/boom/")).AssertStatus(500).AssertNotContains("Boom!", statusCode: 500);
}

/// <summary>Both tests add an item and find only theirs: each test has a fresh database.</summary>
public static class Database
{
    [Test]
    public static Task First_test_adds_an_item(MicroTestClient client) => AddAndCountAsync(client, "first");

    [Test]
    public static Task Second_test_adds_an_item(MicroTestClient client) => AddAndCountAsync(client, "second");

    private static async Task AddAndCountAsync(MicroTestClient client, string name)
    {
        var response = await client.PostAsync(Urls.ItemCreate(), new Dictionary<string, string> { ["name"] = name }, follow: true);
        response.AssertRedirects(Urls.Items()).AssertJson($$"""[{ "id": 1, "name": "{{name}}" }]""");
    }
}

public static class Failing
{
    [Test]
    public static async Task Home_says_goodbye(MicroTestClient client) =>
        (await client.GetAsync(Urls.Home())).AssertContains("Goodbye");

    [Test]
    public static void Not_ready() => throw new InvalidOperationException("Not ready yet.");
}

public static class Tools
{
    /// <summary>Print the text given: a command that takes nothing from the app, so it runs before the host is built.</summary>
    [Command]
    public static string Echo([Argument] string text) => text;

    /// <summary>Greet each line of standard input until it ends: a long-running command that takes the app's configuration.</summary>
    [Command]
    public static async Task GreetLines(CommandContext context, IConfiguration configuration)
    {
        while (await context.In.ReadLineAsync(context.CancellationToken) is { } line)
        {
            await context.Out.WriteLineAsync($"{configuration["Greeting"] ?? "Hello"}, {line}!");
            await context.Out.FlushAsync(context.CancellationToken);
        }
    }
}
