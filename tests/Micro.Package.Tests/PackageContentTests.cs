using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Micro.Package.Tests.Infrastructure;

namespace Micro.Package.Tests;

/// <summary>What `dotnet pack` puts in the Micro and Micro.Templates packages.</summary>
[Collection(PackagesCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PackageContentTests(PackageWorkspace workspace)
{
    [Fact]
    public void PacksWithoutWarnings()
    {
        Assert.Empty(new ProcessResult("dotnet pack", 0, workspace.PackOutput).Warnings);
    }

    [Fact]
    public void MicroHoldsTheLibraryTheGeneratorTheAnalyzersAndTheBuildRules()
    {
        Assert.Equal(
            [
                "README.md",
                "analyzers/dotnet/cs/Micro.Analyzers.CodeFixes.dll",
                "analyzers/dotnet/cs/Micro.Analyzers.dll",
                "analyzers/dotnet/cs/Micro.Generators.dll",
                "build/Micro.rd.xml",
                "build/Micro.targets",
                "buildTransitive/Micro.rd.xml",
                "buildTransitive/Micro.targets",
                "lib/net10.0/Micro.Runtime.dll",
                "lib/net10.0/Micro.Runtime.xml",
                "runtimes/linux-x64/lib/net10.0/Micro.Runtime.dll",
            ],
            PackageFiles(workspace.MicroPackage));
    }

    [Fact]
    public void TheLibraryIsPrecompiledForLinuxX64AndPlainIlForEverythingElse()
    {
        var precompiled = Headers(workspace.MicroPackage, "runtimes/linux-x64/lib/net10.0/Micro.Runtime.dll");
        Assert.NotEqual(0, precompiled.CorHeader!.ManagedNativeHeaderDirectory.Size);
        // ReadyToRun writes the target OS into the machine field: x64 XOR 0x7B79 is x64 code for Linux.
        Assert.Equal((ushort)Machine.Amd64 ^ 0x7B79, (int)precompiled.CoffHeader.Machine);

        var plain = Headers(workspace.MicroPackage, "lib/net10.0/Micro.Runtime.dll");
        Assert.Equal(0, plain.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.True(plain.CorHeader.Flags.HasFlag(CorFlags.ILOnly));
    }

    [Fact]
    public void MicroDescribesItselfAndDependsOnWhatItsLibraryNeeds()
    {
        var metadata = Nuspec(workspace.MicroPackage);
        Assert.Equal("Micro", Value(metadata, "id"));
        Assert.Equal(workspace.Version, Value(metadata, "version"));
        Assert.Contains("micro-framework", Value(metadata, "description"), StringComparison.Ordinal);
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.StartsWith(workspace.Version + ":", Value(metadata, "releaseNotes"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", Element(metadata, "repository").Attribute("commit")?.Value ?? "");

        // The generator and analyzers are inside the package, never dependencies; SQLite's static library comes along, Npgsql with
        // EF Core's provider for it, and the Redis client with its cache and key-ring stores (a native binary published with
        // MicroPostgreSql=false or MicroRedis=false drops them).
        var dependencies = metadata.Descendants(metadata.Name.Namespace + "dependency").Select(static d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "Microsoft.AspNetCore.DataProtection.StackExchangeRedis", "Microsoft.Data.Sqlite.Core", "Microsoft.EntityFrameworkCore.Sqlite.Core",
                "Microsoft.Extensions.Caching.StackExchangeRedis", "Npgsql", "Npgsql.EntityFrameworkCore.PostgreSQL",
                "SQLitePCLRaw.config.e_sqlite3", "SQLitePCLRaw.core", "SQLitePCLRaw.lib.e_sqlite3",
                "StackExchange.Redis",
            ],
            dependencies);
        Assert.Equal("Microsoft.AspNetCore.App", (string?)Element(metadata, "frameworkReference").Attribute("name"));
    }

    [Fact]
    public void MicrosReadmeNamesTheVersionBeingPacked()
    {
        var readme = Entry(workspace.MicroPackage, "README.md");
        Assert.Contains($"#:package Micro@{workspace.Version}", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("MICRO_VERSION", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void MicroHasASymbolsPackage()
    {
        Assert.Contains("lib/net10.0/Micro.Runtime.pdb", PackageFiles(workspace.MicroSymbolsPackage));
    }

    [Fact]
    public void ItsAssembliesNameNoFolderOfTheMachineThatBuiltThem()
    {
        // Deterministic, with source paths mapped (/_/): the same sources give the same bytes on any machine.
        using var zip = ZipFile.OpenRead(workspace.MicroPackage);
        foreach (var assembly in zip.Entries.Where(static e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var stream = new MemoryStream();
            using (var entry = assembly.Open())
            {
                entry.CopyTo(stream);
            }

            var bytes = stream.ToArray();
            foreach (var encoding in new[] { System.Text.Encoding.UTF8, System.Text.Encoding.Unicode })
            {
                Assert.True(
                    bytes.AsSpan().IndexOf(encoding.GetBytes(workspace.RepositoryRoot)) < 0,
                    $"{assembly.FullName} contains the path {workspace.RepositoryRoot}.");
            }
        }
    }

    [Fact]
    public void TheBuildRulesNeedNothingFromTheRepository()
    {
        var targets = Entry(workspace.MicroPackage, "buildTransitive/Micro.targets");
        Assert.Equal(targets, Entry(workspace.MicroPackage, "build/Micro.targets"));
        foreach (var repositoryOnly in new[] { "MicroTargetFramework", "ProjectReference", "Micro.Generators.csproj", "MicroNative" })
        {
            Assert.DoesNotContain(repositoryOnly, targets, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TemplatesHoldTheMicroTemplateWithItsOptions()
    {
        Assert.Equal(
            [
                "README.md",
                "content/micro/.gitignore",
                "content/micro/.template.config/template.json",
                "content/micro/MySite.csproj",
                "content/micro/Program.cs",
                "content/micro/Properties/launchSettings.json",
                "content/micro/appsettings.json",
                "content/micro/migrations/0001_initial.sql",
                "content/micro/migrations/snapshot.json",
                "content/micro/templates/base.html",
                "content/micro/templates/home.html",
                "content/micro/templates/notes.html",
            ],
            PackageFiles(workspace.TemplatesPackage));

        var metadata = Nuspec(workspace.TemplatesPackage);
        Assert.Equal("Micro.Templates", Value(metadata, "id"));
        Assert.Equal(workspace.Version, Value(metadata, "version"));
        Assert.Equal("Template", (string?)Element(metadata, "packageType").Attribute("name"));
        Assert.Empty(metadata.Descendants(metadata.Name.Namespace + "dependency"));

        var project = Entry(workspace.TemplatesPackage, "content/micro/MySite.csproj");
        Assert.Contains($"<PackageReference Include=\"Micro\" Version=\"{workspace.Version}\" />", project, StringComparison.Ordinal);
        var template = Entry(workspace.TemplatesPackage, "content/micro/.template.config/template.json");
        Assert.Contains("\"shortName\": \"micro\"", template, StringComparison.Ordinal);
        Assert.Contains("\"minimal\"", template, StringComparison.Ordinal);
        Assert.Contains("\"database\"", template, StringComparison.Ordinal);
    }

    /// <summary>The package's files, without the ones every package has (the nuspec, OPC parts).</summary>
    private static string[] PackageFiles(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(static e => e.FullName)
            .Where(static name => !name.EndsWith(".nuspec", StringComparison.Ordinal) && !name.StartsWith("_rels/", StringComparison.Ordinal)
                && !name.StartsWith("package/", StringComparison.Ordinal) && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The PE headers of the assembly <paramref name="name"/> in the package.</summary>
    private static PEHeaders Headers(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        using var entry = zip.GetEntry(name)?.Open() ?? throw new InvalidOperationException($"{package} has no {name}.");
        var bytes = new MemoryStream();
        entry.CopyTo(bytes);
        bytes.Position = 0;
        using var reader = new PEReader(bytes);
        return reader.PEHeaders;
    }

    private static string Entry(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.GetEntry(name)?.Open() ?? throw new InvalidOperationException($"{package} has no {name}."));
        return reader.ReadToEnd();
    }

    private static XElement Nuspec(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var package = XDocument.Load(stream).Root!;
        return package.Element(package.Name.Namespace + "metadata")!;
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Descendants(metadata.Name.Namespace + name).FirstOrDefault() ?? throw new InvalidOperationException($"The nuspec has no <{name}>.");

    private static string Value(XElement metadata, string name) => Element(metadata, name).Value;
}
