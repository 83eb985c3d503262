using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Tracing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Micro.Runtime.Tests.Infrastructure;
using Micro.Runtime.Tests.TestApp;

namespace Micro.Runtime.Tests;

/// <summary>
/// Micro.Runtime/build/Micro.rd.xml: the generic types dependency injection makes while an app starts and serves, which the
/// native compiler builds ahead so that a native binary doesn't build them at run time.
/// </summary>
public sealed partial class NativeInstantiationsTests
{
    [Fact]
    public async Task Every_generic_type_the_host_makes_while_an_app_starts_and_serves_is_listed_for_the_native_compiler()
    {
        using var made = new TypesMadeByDependencyInjection();

        // As an app runs by default: console logging on (quiet), CSRF checks off only so that the flash message can be posted.
        var builder = MicroApp.CreateBuilder(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Micro:Security:CsrfChecks=false"],
            typeof(ConverterViews).Assembly);
        Setup.AddServices(builder.Services);
        var app = builder.Build();
        await using (app)
        {
            Setup.Configure(app);
            await app.StartAsync();
            using var client = Http.CreateClient(new Uri(app.Urls.Single()));
            var cookie = await MessagesTests.FlashAsync(client, "Signed.");
            Assert.Contains("Signed.", (await MessagesTests.GetAsync(client, "/sec/messages/", cookie)).Body);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/sec/form/")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/json/color/")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page/")).StatusCode);
            await app.StopAsync();
        }

        var seen = made.By(app.Services).Select(Resolve).OfType<Type>().Where(ShippedWithEveryApp).Select(Directive).ToHashSet();
        var listed = Listed();

        // The listener sees what DI makes: the factory of Micro's own security options is one.
        Assert.Contains(("Microsoft.Extensions.Options", "Microsoft.Extensions.Options.OptionsFactory`1[[Micro.SecurityOptions,Micro.Runtime]]"), seen);
        var missing = seen.Except(listed).Order().ToList();
        Assert.True(
            missing.Count == 0,
            "Dependency injection made these types at run time; add them to Micro.Runtime/build/Micro.rd.xml:\n"
            + string.Join("\n", missing.Select(static m => $"    <Assembly Name=\"{m.Assembly}\">  <Type Name=\"{m.Type}\" Dynamic=\"Required All\" />")));
    }

    /// <summary>The (assembly, type name) pairs of Micro.rd.xml.</summary>
    private static HashSet<(string Assembly, string Type)> Listed([CallerFilePath] string thisFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "Micro.Runtime", "build", "Micro.rd.xml");
        return XDocument.Load(path).Descendants().Where(static e => e.Name.LocalName == "Type")
            .Select(static type => ((string)type.Parent!.Attribute("Name")!, (string)type.Attribute("Name")!))
            .ToHashSet();
    }

    /// <summary>
    /// Types of the shared framework and Micro.Runtime only: the native compiler always has those, and listing a type of an
    /// optional package (Redis, Npgsql) would keep it in binaries that switch it off.
    /// </summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Tests run from their assemblies' files.")]
    private static bool ShippedWithEveryApp(Type type) =>
        type.IsArray
            ? ShippedWithEveryApp(type.GetElementType()!)
            : (type.Assembly == typeof(MicroApp).Assembly || type.Assembly.Location.StartsWith(SharedFramework, StringComparison.Ordinal))
                && type.GetGenericArguments().All(ShippedWithEveryApp);

    /// <summary>The folder holding the shared frameworks (Microsoft.NETCore.App, Microsoft.AspNetCore.App) this test runs on.</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Tests run from their assemblies' files.")]
    private static readonly string SharedFramework = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", ".."));

    /// <summary>The assembly and name a Type directive gives: <c>Ns.Name`1[[Ns.Arg,ArgAssembly]]</c>, <c>Ns.Name[]</c>.</summary>
    private static (string Assembly, string Type) Directive(Type type)
    {
        var owner = type.IsArray ? type.GetElementType()! : type;
        return ((owner.IsGenericType ? owner.GetGenericTypeDefinition() : owner).Assembly.GetName().Name!, DirectiveName(type));
    }

    private static string DirectiveName(Type type) =>
        type.IsArray ? DirectiveName(type.GetElementType()!) + "[]"
        : !type.IsGenericType ? type.FullName!
        : type.GetGenericTypeDefinition().FullName
            + "[" + string.Join(",", type.GetGenericArguments().Select(static a => "[" + DirectiveName(a) + "," + a.Assembly.GetName().Name + "]")) + "]";

    /// <summary>A type as DI's events name it (<c>Ns.Name`2[Ns.A,Ns.B]</c>, <c>Ns.Name[]</c>), among the loaded assemblies.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Tests run under the JIT; nothing is trimmed.")]
    [UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "Tests run under the JIT; nothing is trimmed.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Tests run under the JIT.")]
    private static Type? Resolve(string name)
    {
        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            return Resolve(name[..^2])?.MakeArrayType();
        }

        var open = name.IndexOf('[', StringComparison.Ordinal);
        var definitionName = open < 0 ? name : name[..open];
        var definition = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(definitionName)).FirstOrDefault(static t => t is not null);
        if (open < 0 || definition is null)
        {
            return definition;
        }

        var arguments = TopLevelArguments(name[(open + 1)..^1]).Select(Resolve).ToArray();
        return arguments.Any(static a => a is null) ? null : definition.MakeGenericType(arguments!);
    }

    private static IEnumerable<string> TopLevelArguments(string arguments)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return arguments[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return arguments[start..];
    }

    /// <summary>
    /// Listens to dependency injection's event source: each service's call site, as JSON, when a provider first builds it.
    /// Collects the closed generic types it constructs and the element types of the arrays behind <c>IEnumerable&lt;T&gt;</c>.
    /// </summary>
    private sealed partial class TypesMadeByDependencyInjection : EventListener
    {
        // Initialized before the base constructor, which may already deliver events.
        private readonly ConcurrentDictionary<int, ConcurrentBag<string>> _byProvider = new();
        private readonly ConcurrentDictionary<(string, int), StringBuilder> _chunks = new();

        /// <summary>What the provider <paramref name="services"/> made (events name the provider by its hash code).</summary>
        public IEnumerable<string> By(IServiceProvider services) =>
            _byProvider.TryGetValue(services.GetHashCode(), out var types) ? types.Distinct() : [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            // CallSiteBuilt(serviceType, callSite chunk, chunkIndex, chunkCount, serviceProviderHashCode)
            if (eventData.EventName != "CallSiteBuilt" || eventData.Payload is not [string serviceType, string chunk, int index, int count, int provider])
            {
                return;
            }

            var json = _chunks.GetOrAdd((serviceType, provider), static _ => new StringBuilder());
            lock (json)
            {
                json.Append(chunk);
                if (index + 1 < count)
                {
                    return;
                }
            }

            _chunks.TryRemove((serviceType, provider), out _);
            var types = _byProvider.GetOrAdd(provider, static _ => []);
            foreach (Match match in MadeType().Matches(json.ToString()))
            {
                if (match.Groups["kind"].Value == "itemType")
                {
                    types.Add(match.Groups["type"].Value + "[]");
                }
                else if (match.Groups["type"].Value.Contains('`', StringComparison.Ordinal))
                {
                    types.Add(match.Groups["type"].Value);
                }
            }
        }

        [GeneratedRegex("\"(?<kind>implementationType|itemType)\": \"(?<type>[^\"]+)\"")]
        private static partial Regex MadeType();
    }
}
