namespace Micro;

/// <summary>
/// Marks a static method as a test of the app, as a <c>test_</c> method of Django's <c>TestCase</c>. It takes a
/// <see cref="MicroTestClient"/> (the app started with a fresh database) and any services, returns nothing, a
/// <c>Task</c> or a <c>ValueTask</c>, and fails by throwing (the client's assertions throw <see cref="AssertionFailedException"/>).
/// The generator registers it; <c>app test</c> runs it.
/// <code>
/// [Test]
/// public static async Task Home_says_hello(MicroTestClient client) =&gt;
///     (await client.GetAsync(Urls.Home())).AssertContains("Hello, World!");
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TestAttribute : Attribute
{
    /// <summary>
    /// Fixtures loaded into the test's fresh database before it runs, as Django's <c>TestCase.fixtures</c>: names in the project's
    /// <c>fixtures/</c> folder (<c>"welcome"</c> is <c>fixtures/welcome.json</c>) or paths, as <c>loaddata</c> takes them.
    /// </summary>
    public string[]? Fixtures { get; set; }
}
