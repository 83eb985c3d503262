using Micro.Generators.Shared;

namespace Micro.Generators.Testing.Model
{
    internal enum TestParameterSource
    {
        /// <summary>The <c>MicroTestClient</c> of the test.</summary>
        Client,
        CancellationToken,

        /// <summary>A service from the test's scope; optional when the parameter is nullable or has a default.</summary>
        Service,
    }

    /// <param name="Type">The parameter type, fully qualified, without its nullable annotation.</param>
    internal sealed record TestParameterModel(string Type, TestParameterSource Source, bool IsRequired);

    /// <summary>One <c>[Test]</c> method.</summary>
    /// <param name="Name"><c>Class.Method</c>: what the runner prints and its filters match.</param>
    /// <param name="ContainingType">The declaring type, fully qualified.</param>
    /// <param name="IsAwaitable">The method returns a <c>Task</c> or <c>ValueTask</c>.</param>
    internal sealed record TestModel(
        string Name,
        string ContainingType,
        string MethodName,
        EquatableArray<TestParameterModel> Parameters,
        bool IsAwaitable,
        LocationInfo Location)
    {
        /// <summary><c>[Test(Fixtures = ...)]</c>: the fixtures loaded into the test's database before it runs.</summary>
        public EquatableArray<string> Fixtures { get; init; } = EquatableArray<string>.Empty;
    }

    /// <summary>The app's tests in file and line order, with each one's file relative to the project.</summary>
    internal sealed record TestTableModel(EquatableArray<TestModel> Tests, EquatableArray<string> FilePaths);
}
