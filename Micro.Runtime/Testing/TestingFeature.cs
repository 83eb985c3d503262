using System.Diagnostics.CodeAnalysis;

namespace Micro.Testing;

/// <summary>
/// Whether this build can run tests: on under <c>dotnet run</c> and <c>dotnet build</c>, off in a normal publish, where the
/// native compiler then removes the test runner, the test client and the registered tests. <c>-p:MicroTests=true</c> keeps them.
/// </summary>
internal static class TestingFeature
{
    public const string Switch = "Micro.Testing.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(Switch, out var enabled) || enabled;
}
