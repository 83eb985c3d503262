using System.Runtime.CompilerServices;

namespace Micro.Testing.Tests;

/// <summary>
/// The sample app started for one test, as an app's own xunit tests would start it: xunit makes a test class per test, so
/// each test gets a new app with a new database.
/// </summary>
public abstract class SampleAppTest : IAsyncLifetime
{
    protected MicroTestClient Client { get; private set; } = null!;

    /// <summary>Changes how the app is started (environment, configuration, services).</summary>
    protected virtual void Configure(MicroTestOptions options)
    {
        // Django's test settings use a fast hasher; here fewer PBKDF2 iterations do the same.
        options.Configuration["Micro:Auth:PasswordIterations"] = "1000";
    }

    public async Task InitializeAsync() => Client = await MicroTestClient.StartAsync(typeof(Site).Assembly, Configure);

    public async Task DisposeAsync() => await Client.DisposeAsync();

    /// <summary>Runs an assertion that must fail and returns its exception, with the line the assertion was called from.</summary>
    protected static (AssertionFailedException Failure, int Line) Failing(Action assertion, [CallerLineNumber] int line = 0) =>
        (Assert.Throws<AssertionFailedException>(assertion), line);
}
