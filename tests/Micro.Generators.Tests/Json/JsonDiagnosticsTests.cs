using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Json;

/// <summary>
/// What JSON metadata can't do as System.Text.Json's generator does is a warning at the member or attribute, with
/// the same outcome as that generator's: the route is still generated and the output compiles. (MICRO0017, an
/// error that drops the route, is among the routes pipeline's cases in RoutesDiagnosticsTests.)
/// </summary>
public sealed class JsonDiagnosticsTests
{
    /// <summary>One case: the types a <c>POST note/</c> route reads (<c>Note</c>) and writes.</summary>
    public sealed record Case(string Name, string Types, string Id, string Message, string SpanText)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new(
    [
        // MICRO0015
        new("private property with [JsonInclude]", """
            public sealed class Note
            {
                [JsonInclude] private string Slug { get; set; } = "";
            }
            """,
            "MICRO0015",
            "JSON can't use Note.Slug: [JsonInclude] needs what it marks to be reachable from generated code, and this property is private or protected; make it public or internal (until then, reading or writing Note as JSON throws InvalidOperationException, as with System.Text.Json's source generator)",
            "Slug"),
        new("private setter with [JsonInclude]", """
            public sealed class Note
            {
                [JsonInclude] public string Slug { get; private set; } = "";
            }
            """,
            "MICRO0015",
            "JSON can't use Note.Slug: [JsonInclude] needs what it marks to be reachable from generated code, and this property's setter is private or protected; make it public or internal (until then, reading Note from JSON throws InvalidOperationException, as with System.Text.Json's source generator)",
            "Slug"),
        new("protected field with [JsonInclude]", """
            public class Note
            {
                [JsonInclude] protected int Version;
            }
            """,
            "MICRO0015",
            "JSON can't use Note.Version: [JsonInclude] needs what it marks to be reachable from generated code, and this field is private or protected; make it public or internal (until then, reading or writing Note as JSON throws InvalidOperationException, as with System.Text.Json's source generator)",
            "Version"),
        new("private [JsonConstructor]", """
            public sealed class Note
            {
                [JsonConstructor] private Note(string title) => Title = title;

                public string Title { get; }
            }
            """,
            "MICRO0015",
            "JSON can't use Note's constructor: [JsonConstructor] is on a constructor generated code can't call, because it is private or protected; make it public or internal (until then, Note can't be read from JSON, as with System.Text.Json's source generator)",
            "Note"),
        new("ref struct member", """
            public sealed class Note
            {
                public string Title { get; set; } = "";

                public ReadOnlySpan<char> Initial => Title.AsSpan(0, 1);
            }
            """,
            "MICRO0015",
            "JSON can't use Note.Initial: its type System.ReadOnlySpan<char> is a ref struct or a pointer, which JSON can't hold; it is left out (mark it [JsonIgnore])",
            "Initial"),

        // MICRO0016
        new("converter without a parameterless constructor", """
            public sealed class Note
            {
                public Money Price { get; set; }
            }

            [JsonConverter(typeof(MoneyConverter))]
            public readonly record struct Money(decimal Amount);

            public sealed class MoneyConverter(string format) : JsonConverter<Money>
            {
                public override Money Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => new(reader.GetDecimal());

                public override void Write(System.Text.Json.Utf8JsonWriter writer, Money value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Amount.ToString(format));
            }
            """,
            "MICRO0016",
            "The [JsonConverter] on Money can't be used: generated code can't create MoneyConverter: it needs a public or internal parameterless constructor, and not to be abstract or generic (Money gets no JSON metadata from Micro, so reading or writing it fails in a native binary)",
            "JsonConverter(typeof(MoneyConverter))"),
        new("converter that isn't one", """
            public sealed class Note
            {
                [JsonConverter(typeof(string))] public string Title { get; set; } = "";
            }
            """,
            "MICRO0016",
            "The [JsonConverter] on Note.Title can't be used: string is not a JsonConverter (Note.Title uses the converter of its type)",
            "JsonConverter(typeof(string))"),
        new("attribute derived from JsonConverterAttribute", """
            public sealed class Note
            {
                [Shouting] public string Title { get; set; } = "";
            }

            public sealed class ShoutingAttribute : JsonConverterAttribute
            {
                public override JsonConverter? CreateConverter(Type typeToConvert) => null;
            }
            """,
            "MICRO0016",
            "The [JsonConverter] on Note.Title can't be used: ShoutingAttribute derives from JsonConverterAttribute, and generated code can't call its CreateConverter; use [JsonConverter(typeof(...))] with a converter type (Note.Title uses the converter of its type)",
            "Shouting"),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void WarnsAndGeneratesTheRoute(Case @case)
    {
        var run = TestCompilation.Run(App(@case.Types));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(@case.Id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(@case.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(@case.SpanText, run.TextUnder(diagnostic));
        Assert.EndsWith($"/docs/diagnostics/{@case.Id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);

        Assert.Contains(" => Api.Save\n", run.Source("Micro.Routing.MicroRoutes.g.cs"), StringComparison.Ordinal);
        Assert.Contains("typeof(global::Note)", run.Source("Micro.Json.MicroJsonResolver.g.cs"), StringComparison.Ordinal);
        run.AssertCompilesCleanlyExcept(@case.Id);
    }

    /// <summary>A type several routes use is reported once.</summary>
    [Fact]
    public void ReportsATypeOnceForAllItsRoutes()
    {
        var run = TestCompilation.Run(App("""
            public sealed class Note
            {
                [JsonInclude] private string Slug { get; set; } = "";
            }

            public static class More
            {
                [Route("notes/")] public static Note[] All() => [];

                [ErrorHandler(404)] public static Note Missing() => new();
            }
            """));

        Assert.Equal(["MICRO0015 Slug"], run.Diagnostics.Select(d => $"{d.Id} {run.TextUnder(d)}"));
    }

    /// <summary>
    /// An ignored ref struct member is no problem, and a member that is neither public nor marked
    /// [JsonInclude] isn't JSON at all: neither is reported, as by System.Text.Json's generator.
    /// </summary>
    [Fact]
    public void IgnoredAndNonPublicMembersAreNotReported()
    {
        var run = TestCompilation.Run(App("""
            public sealed class Note
            {
                [JsonIgnore] public ReadOnlySpan<char> Initial => default;

                private string Slug { get; set; } = "";

                internal int Version = 1;
            }
            """));

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
    }

    /// <summary>
    /// Metadata for members generated code can't reach fails when used, as System.Text.Json's does: a private
    /// [JsonInclude] property fails the type, a private setter fails reading, a private constructor can't read.
    /// </summary>
    [Fact]
    public void UnreachableMembersFailAtRunTimeAsWithSystemTextJson()
    {
        var run = TestCompilation.Run(App("""
            public sealed class Note
            {
                [JsonInclude] private string Slug { get; set; } = "";
            }

            public sealed class Draft
            {
                [JsonInclude] public string Title { get; private set; } = "draft";
            }

            public sealed class Sealed
            {
                [JsonConstructor] private Sealed(int id) => Id = id;

                public int Id { get; }

                public static Sealed Create() => new(1);
            }

            public static class More
            {
                [Route("draft/", Methods = "POST")] public static Draft Save(Draft draft) => draft;

                [Route("sealed/")] public static Sealed Get() => Sealed.Create();
            }
            """));
        Assert.Equal(["MICRO0015", "MICRO0015", "MICRO0015"], run.Diagnostics.Select(static d => d.Id));
        using var app = LoadedApp.Load(run.Output);
        var resolver = (IJsonTypeInfoResolver)app.Assembly.GetType("Micro.Generated.MicroJsonResolver", throwOnError: true)!.GetProperty("Instance")!.GetValue(null)!;
        var options = new JsonSerializerOptions { TypeInfoResolver = resolver };
        JsonTypeInfo TypeInfo(string name) => options.GetTypeInfo(app.Assembly.GetType(name, throwOnError: true)!);

        var note = Assert.Throws<InvalidOperationException>(() => JsonSerializer.Serialize(Activator.CreateInstance(app.Assembly.GetType("Note")!), TypeInfo("Note")));
        Assert.Contains("'Slug'", note.Message, StringComparison.Ordinal);

        Assert.Equal("""{"Title":"draft"}""", JsonSerializer.Serialize(app.Call("More", "Save", Activator.CreateInstance(app.Assembly.GetType("Draft")!)), TypeInfo("Draft")));
        Assert.Throws<InvalidOperationException>(() => JsonSerializer.Deserialize("""{"Title":"x"}""", TypeInfo("Draft")));

        Assert.Equal("""{"Id":1}""", JsonSerializer.Serialize(app.Call("More", "Get"), TypeInfo("Sealed")));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize("""{"Id":2}""", TypeInfo("Sealed")));
    }

    private static string App(string types) => $$"""
        using System.Text.Json.Serialization;

        return MicroApp.Run(args);

        public static class Api
        {
            [Route("note/", Methods = "POST")]
            public static Note Save(Note note) => note;
        }

        {{types}}
        """;
}
