using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Micro.Data;

/// <summary>
/// Whether EF Core can run here. It needs dynamic code, so it is on under the JIT and off in a native binary,
/// where the native compiler then removes every EF code path guarded by this switch.
/// </summary>
public static class EntityFrameworkFeature
{
    public const string Message =
        "EF Core needs dynamic code: Micro uses it under the JIT only (LINQ and makemigrations). Guard the call with EntityFrameworkFeature.IsSupported.";

    // A Micro app runs either under the JIT, untrimmed, or as a native binary, which has no dynamic code;
    // so "dynamic code is supported" also means "nothing was trimmed", which the trimming guard needs.
#pragma warning disable IL4000
    [FeatureSwitchDefinition("Micro.Data.EntityFramework.IsSupported")]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    public static bool IsSupported => RuntimeFeature.IsDynamicCodeSupported;
#pragma warning restore IL4000
}
