using System.Globalization;
using System.Linq;
using Micro.Generators.Shared;
using Micro.Generators.Testing.Model;

namespace Micro.Generators.Testing
{
    /// <summary>
    /// Writes the test registry: one <c>TestDefinition</c> per <c>[Test]</c> method with its name, file and line, and for each a
    /// function that resolves its services from the test's scope and calls it with the client.
    /// </summary>
    internal static class TestsEmitter
    {
        public const string HintName = "Micro.Testing.MicroTests.g.cs";

        private const string Task = "global::System.Threading.Tasks.Task";
        private const string Services = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";

        public static string Emit(TestTableModel table)
        {
            var writer = new SourceWriter().FileHeader();
            writer.Line("namespace Micro.Generated").OpenBrace();
            writer.Line("/// <summary>The app's tests, for its manifest and the <c>test</c> command.</summary>");
            writer.Line(GeneratedCode.Attribute);
            writer.Line("internal static class MicroTests").OpenBrace();
            writer.Line("internal static global::Micro.Testing.TestDefinition[] Create() => new global::Micro.Testing.TestDefinition[]").OpenBrace();
            for (var i = 0; i < table.Tests.Count; i++)
            {
                var test = table.Tests[i];
                var line = (test.Location.LineSpan.Start.Line + 1).ToString(CultureInfo.InvariantCulture);
                var fixtures = test.Fixtures.Count == 0 ? "" : $" {{ Fixtures = new string[] {{ {string.Join(", ", test.Fixtures.Select(GeneratedCode.Literal))} }} }}";
                writer.Line($"new global::Micro.Testing.TestDefinition({GeneratedCode.Literal(test.Name)}, {GeneratedCode.Literal(table.FilePaths[i])}, {line}, Run{Index(i)}){fixtures},");
            }

            writer.CloseBrace(";");
            for (var i = 0; i < table.Tests.Count; i++)
            {
                writer.Line();
                EmitRun(writer, table.Tests[i], i);
            }

            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitRun(SourceWriter writer, TestModel test, int index)
        {
            writer.Line($"// {test.Location.Display}: {test.Name}");
            writer.Line($"private static {(test.IsAwaitable ? "async " : "")}{Task} Run{Index(index)}(global::Micro.MicroTestClient client, global::System.IServiceProvider services, global::System.Threading.CancellationToken cancellationToken)").OpenBrace();
            var arguments = test.Parameters.Select(static p => p.Source switch
            {
                TestParameterSource.Client => "client",
                TestParameterSource.CancellationToken => "cancellationToken",
                _ => p.IsRequired ? $"{Services}.GetRequiredService<{p.Type}>(services)" : $"{Services}.GetService<{p.Type}>(services)",
            });
            var call = $"{test.ContainingType}.{test.MethodName}({string.Join(", ", arguments)})";
            if (test.IsAwaitable)
            {
                writer.Line($"await {call};");
            }
            else
            {
                writer.Line(call + ";");
                writer.Line($"return {Task}.CompletedTask;");
            }

            writer.CloseBrace();
        }

        private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);
    }
}
