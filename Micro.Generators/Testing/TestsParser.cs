using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Micro.Generators.Diagnostics;
using Micro.Generators.Shared;
using Micro.Generators.Testing.Model;
using Microsoft.CodeAnalysis;
using static Micro.Generators.Shared.Symbols;

namespace Micro.Generators.Testing
{
    /// <summary>Turns <c>[Test]</c> methods into models. The only place that reads their symbols.</summary>
    internal static class TestsParser
    {
        private const string Example = "static class Tests { [Test] public static async Task Home(MicroTestClient client) { ... } }";

        public static Parsed<TestModel> ParseTest(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var location = LocationInfo.From(method.Locations.FirstOrDefault()) ?? LocationInfo.From(context.TargetNode);
            var name = method.MethodKind == MethodKind.LocalFunction || method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;
            var diagnostics = new List<DiagnosticInfo>();
            Parsed<TestModel> Invalid(string problem)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TestNotCallable, location, name, problem));
                return new Parsed<TestModel>(null, diagnostics.ToEquatableArray());
            }

            if (CallProblem(method, "tests", "tests", Example) is { } callProblem)
            {
                return Invalid(callProblem);
            }

            var known = KnownTypes.For(context.SemanticModel.Compilation);
            var isAwaitable = known.Which(method.ReturnType, KnownNames.Task, KnownNames.ValueTask) is not null;
            if (!method.ReturnsVoid && !isAwaitable)
            {
                return Invalid($"it returns {method.ReturnType.ToDisplayString()}; a test returns nothing, a Task or a ValueTask");
            }

            if (method.IsAsync && method.ReturnsVoid)
            {
                return Invalid("it is async void, so the runner can't wait for it; return a Task");
            }

            var parameters = new List<TestParameterModel>();
            foreach (var parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (UnbindableReason(parameter, "take a service instead") is { } unbindable)
                {
                    return Invalid($"its parameter '{parameter.Name}' can't be given: {unbindable}");
                }

                var type = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                var source = known.Which(type, KnownNames.MicroTestClient, KnownNames.CancellationToken) switch
                {
                    KnownNames.MicroTestClient => TestParameterSource.Client,
                    KnownNames.CancellationToken => TestParameterSource.CancellationToken,
                    _ => TestParameterSource.Service,
                };
                var isOptional = parameter.HasExplicitDefaultValue
                    || parameter.NullableAnnotation == NullableAnnotation.Annotated
                    || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
                parameters.Add(new TestParameterModel(FullName(type), source, !isOptional));
            }

            var fixtures = context.Attributes[0].NamedArguments.FirstOrDefault(static a => a.Key == "Fixtures").Value is { Kind: TypedConstantKind.Array, IsNull: false } listed
                ? listed.Values.Select(static v => v.Value as string).OfType<string>().ToEquatableArray()
                : EquatableArray<string>.Empty;
            var test = new TestModel(name, FullName(method.ContainingType!), method.Name, parameters.ToEquatableArray(), isAwaitable, location) { Fixtures = fixtures };
            return new Parsed<TestModel>(test, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>Orders the valid tests by file and line, refuses a second test of one name, and makes each file relative to the project.</summary>
        public static Parsed<TestTableModel> BuildTable((ImmutableArray<Parsed<TestModel>> Tests, ProjectOptions Project) input, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var byName = new Dictionary<string, TestModel>(System.StringComparer.Ordinal);
            var tests = new List<TestModel>();
            foreach (var test in input.Tests.Select(static t => t.Model).OfType<TestModel>().OrderBy(static t => t.Location, LocationInfo.SourceOrder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (byName.TryGetValue(test.Name, out var other))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTestName, test.Location, test.Name, other.Location.Display));
                    continue;
                }

                byName[test.Name] = test;
                tests.Add(test);
            }

            var paths = tests.Select(test => input.Project.RelativePath(test.Location.FilePath)).ToEquatableArray();
            return new Parsed<TestTableModel>(new TestTableModel(tests.ToEquatableArray(), paths), diagnostics.ToEquatableArray());
        }
    }
}
