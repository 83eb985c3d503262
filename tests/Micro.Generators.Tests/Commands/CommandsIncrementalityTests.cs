using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Commands;

/// <summary>The commands pipeline caches (see <see cref="PipelineIncrementalityTests"/>).</summary>
public sealed class CommandsIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Commands.";

    protected override GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", """
            return MicroApp.Run(args);

            public static class Tools
            {
                /// <summary>Greet someone.</summary>
                /// <param name="name">Who to greet.</param>
                /// <param name="times">How many times.</param>
                [Command]
                public static string Greet([Argument] string name, int times = 1) => string.Concat(Enumerable.Repeat("Hello, " + name + "! ", times));

                [Command("fail")]
                public static int Fail(int code = 3) => code;
            }
            """),
        ("Seed.cs", """
            [Command(Help = "Seed things")]
            public static class SeedCommand
            {
                public static async Task<string> RunAsync(TextWriter output, int count = 2)
                {
                    await output.WriteLineAsync("seeding");
                    return "seeded " + count;
                }
            }
            """));

    /// <summary>The first command's body grows: everything after it moves by some characters, no line moves.</summary>
    protected override Edit BodyEdit => new("Program.cs", "\"Hello, \"", "\"Hello there, \"");

    protected override Edit BodyEditInAnotherFile => new("Seed.cs", "\"seeding\"", "\"seeding the database\"");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Program.cs", "public static int Fail(int code = 3)", "public static int Fail(int code = 3, bool loud = false)"),
        "Micro.Commands.MicroCommands.g.cs",
        "\"loud\"");

    protected override string[] ModelTypes =>
        ["CommandModel", "CommandParameterModel", "CommandReturnModel", "CommandHostModel", "CommandTableModel", "LocationInfo", "Parsed", "EquatableArray"];
}
