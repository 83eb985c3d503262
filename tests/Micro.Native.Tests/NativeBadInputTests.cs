using Micro.Tests.BadInput;
using Xunit;

namespace Micro.Native.Tests;

/// <summary>
/// The sample app's bad-input run (<see cref="MalformedRequests"/>, as Micro.Cli.Tests sends it under the JIT) against the native
/// binary in Production: no 5xx, no stack trace, exception type or server path in any answer, and the pages still up afterwards.
/// </summary>
[Collection(NativeCollection.Name)]
[Trait("Category", "Slow")]
public sealed class NativeBadInputTests(NativeSampleApp app)
{
    private const int Seed = 20261204;
    private const int RequestCount = 2000;

    [Fact]
    public async Task No_malformed_request_is_a_server_error_or_leaks_internals()
    {
        var failures = await MalformedRequests.SendAsync(app.Client.BaseAddress!, RequestCount, Seed, [app.WorkingDirectory, Path.GetDirectoryName(app.BinaryPath)!]);

        Assert.True(failures.Count == 0, $"{failures.Count} of {RequestCount} requests failed (seed {Seed}):\n" + string.Join("\n", failures.Take(40)));
    }
}
