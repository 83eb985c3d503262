using System.Collections.Immutable;
using Micro.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Micro.Data.Tests;

/// <summary>The data generator run in memory: what it emits compiles cleanly, wrong queries don't, bad models get diagnostics.</summary>
public sealed class GeneratedCodeTests
{
    private const string Models = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using Micro;

        namespace Shop;

        public enum Status { Draft, Live }

        public abstract class Entity
        {
            public long Id { get; set; }
        }

        [Model(Table = "shop_categories")]
        public class Category
        {
            public int Id { get; set; }

            [Required, MaxLength(50)]
            public string Name { get; set; } = "";

            public List<Product> Products { get; set; } = [];
        }

        [Model]
        [Index(nameof(Sku), nameof(Status), IsUnique = true, Name = "UX_sku_status")]
        public class Product : Entity
        {
            [Column("sku_code"), StringLength(20)]
            public string Sku { get; set; } = "";

            public Status Status { get; set; } = Status.Live;

            public decimal Price { get; set; } = 9.99m;

            public double Weight { get; set; }

            public float? Score { get; set; }

            public bool Active { get; set; } = true;

            public byte Level { get; set; }

            public short Rank { get; set; }

            public DateTime Created { get; set; }

            public DateTimeOffset? Seen { get; set; }

            public DateOnly Day { get; set; }

            public TimeOnly? At { get; set; }

            public TimeSpan Duration { get; set; }

            [Unique]
            public Guid Token { get; set; }

            public byte[]? Image { get; set; }

            public int? CategoryId { get; set; }

            public Category? Category { get; set; }

            [NotMapped]
            public string Note { get; set; } = "";

            public string Display => Sku + "!";

            public string Internal { get; private set; } = "";
        }

        [Model]
        public class Tag
        {
            [Key]
            public string Code { get; set; } = "";
        }

        [Model]
        internal class Secret
        {
            public Guid Id { get; set; }

            public string? Value { get; set; }
        }
        """;

    private const string Usage = """
        using Micro;
        using Shop;

        internal static class Usage
        {
            public static async Task<int> Run(Db db)
            {
                var products = await db.Products
                    .Filter(p => p.Price.Gt(1m) & p.Status.Exact(Status.Live) & p.Sku.IStartsWith("a") & !p.Score.IsNull())
                    .Exclude(p => p.Category.Matches(c => c.Name.Contains("old")))
                    .OrderByDescending(p => p.Created).ThenBy(p => p.Id)
                    .Include(p => p.Category)
                    .Take(10)
                    .ToListAsync();
                var categories = await db.Categories.Filter(c => c.Products.Any(p => p.Active.Exact(true))).CountAsync();
                var tag = await db.Tags.FindAsync("x");
                var secret = db.Secrets.Find(Guid.Empty);
                var product = await db.Products.GetAsync(5L);
                await db.Products.Filter(p => p.Day.Lt(new DateOnly(2020, 1, 1))).UpdateAsync(p => p.Active.Set(false), p => p.Level.Set(3));
                await db.Categories.LoadAsync(products.Select(p => p.Category!).ToList(), c => c.Products);
                return products.Count + categories + (tag is null ? 0 : 1) + (secret is null ? 0 : 1) + (int)product.Id;
            }
        }
        """;

    [Fact]
    public void Generated_data_code_compiles_without_warnings()
    {
        var (compilation, generatorDiagnostics, hintNames) = Run(Models, Usage);
        Assert.Empty(generatorDiagnostics);
        Assert.Equal(["Micro.Data.AppDbContext.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.Models.g.cs", "Micro.Hosting.MicroManifest.g.cs"], hintNames);
        var problems = compilation.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }

    [Fact]
    public void Generated_model_configuration_spells_out_tables_keys_indexes_and_relations()
    {
        var (compilation, _, _) = Run(Models);
        var context = compilation.SyntaxTrees.Single(static t => t.FilePath.EndsWith("AppDbContext.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("entity.ToTable(\"shop_categories\");", context);
        Assert.Contains("entity.HasKey(\"Id\").HasName(\"PK_Products\");", context);
        Assert.Contains("entity.Property<string>(\"Sku\").HasColumnName(\"sku_code\").IsRequired().HasMaxLength(20).HasDefaultValue(\"\").ValueGeneratedNever();", context);
        Assert.Contains("entity.Property<global::Shop.Status>(\"Status\").HasColumnName(\"Status\").IsRequired().HasDefaultValue((global::Shop.Status)(1)).ValueGeneratedNever();", context);
        Assert.Contains("entity.HasIndex(\"Sku\", \"Status\").IsUnique().HasDatabaseName(\"UX_sku_status\");", context);
        Assert.Contains("entity.HasIndex(\"Token\").IsUnique().HasDatabaseName(\"IX_Products_Token\");", context);
        Assert.Contains("entity.HasIndex(\"CategoryId\").HasDatabaseName(\"IX_Products_CategoryId\");", context);
        Assert.Contains("entity.HasOne<global::Shop.Category>(\"Category\").WithMany(\"Products\")", context);
        Assert.Contains(".OnDelete(global::Microsoft.EntityFrameworkCore.DeleteBehavior.SetNull);", context);
        Assert.Contains("entity.Ignore(\"Note\");", context);
        Assert.Contains("entity.Ignore(\"Internal\");", context);
        Assert.DoesNotContain("\"Display\"", context);
    }

    [Theory]
    [InlineData("db.Products.Filter(p => p.Nope.Exact(1))", "CS1061")]
    [InlineData("db.Products.Filter(p => p.Price.Gt(\"cheap\"))", "CS1503")]
    [InlineData("db.Products.Filter(p => p.Price.Contains(\"1\"))", "CS1929")]
    [InlineData("db.Tags.GetAsync(5)", "CS1503")]
    [InlineData("db.Products.OrderBy(p => 3)", "CS0029")]
    public void Wrong_fields_and_value_types_are_compile_errors(string query, string error)
    {
        var usage = $$"""
            using Micro;
            using Shop;

            internal static class Usage
            {
                public static object Run(Db db) => {{query}};
            }
            """;
        var (compilation, _, _) = Run(Models, usage);
        var errors = compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).Select(static d => d.Id).ToList();
        Assert.Contains(error, errors);
    }

    [Theory]
    [InlineData("[Model] public class Post { public string Title { get; set; } = \"\"; }", "MICRO0061", "Model Post has no key; add 'public int Id { get; set; }' or mark a property [Key]")]
    [InlineData("[Model] public class Post { public int Id { get; set; } public object Data { get; set; } = 1; }", "MICRO0062", "Property Post.Data has type object, which can't be a column")]
    [InlineData("[Model] public class Post { public int Id { get; set; } public Author? Author { get; set; } } [Model] public class Author { public int Id { get; set; } }", "MICRO0063", "Relation Post.Author is invalid: it needs a foreign key property: add 'public int AuthorId { get; set; }'")]
    [InlineData("[Model] public class Author { public int Id { get; set; } public List<Post> Posts { get; set; } = []; } [Model] public class Post { public int Id { get; set; } }", "MICRO0063", "Post has no reference to Author")]
    [InlineData("[Model, Index(\"Nope\")] public class Post { public int Id { get; set; } }", "MICRO0064", "'Nope' is not a column property of Post")]
    [InlineData("[Model] public abstract class Post { public int Id { get; set; } }", "MICRO0060", "Model Post is invalid: it must not be static or abstract")]
    [InlineData("[Model] public class Post { public int? Id { get; set; } }", "MICRO0061", "key Id must not be nullable")]
    [InlineData("[Model] public class Box { public int Id { get; set; } } [Model(Table = \"Boxes\")] public class Crate { public int Id { get; set; } }", "MICRO0065", "Model Crate would use the table 'Boxes', which global::Box already uses")]
    public void Invalid_models_get_a_diagnostic_that_says_what_to_do(string source, string id, string message)
    {
        var (_, diagnostics, hintNames) = Run("using Micro;\n" + source);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(hintNames);
    }

    [Fact]
    public void An_edit_elsewhere_leaves_the_data_pipeline_cached_and_a_new_column_regenerates()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var models = CSharpSyntaxTree.ParseText(Models, parse, "Models.cs");
        var other = CSharpSyntaxTree.ParseText("static class Other { static int M() => 1; }", parse, "Other.cs");
        var compilation = CSharpCompilation.Create("App", [models, other], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new MicroGenerator().AsSourceGenerator()],
            parseOptions: parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(other, other.WithChangedText(SourceText.From("static class Other { static int M() => 2 + 3; }")));
        var steps = driver.RunGenerators(edited).GetRunResult().Results[0].TrackedSteps;
        foreach (var step in new[] { "Micro.Data.Models", "Micro.Data.Model" })
        {
            Assert.All(steps[step].SelectMany(static s => s.Outputs), static output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        }

        var withColumn = compilation.ReplaceSyntaxTree(models, models.WithChangedText(SourceText.From(
            Models.Replace("public string Code { get; set; } = \"\";", "public string Code { get; set; } = \"\";\n    public int Uses { get; set; }", StringComparison.Ordinal))));
        steps = driver.RunGenerators(withColumn).GetRunResult().Results[0].TrackedSteps;
        Assert.Contains(steps["Micro.Data.Model"].SelectMany(static s => s.Outputs), static output => output.Reason == IncrementalStepRunReason.Modified);
    }

    private static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, string[] HintNames) Run(params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(SourceText.From(s), parse, $"Source{i}.cs")).ToArray();
        var compilation = CSharpCompilation.Create(
            "App",
            trees.Append(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading.Tasks;", parse, "Usings.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new MicroGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var hintNames = driver.GetRunResult().Results.SelectMany(static r => r.GeneratedSources).Select(static s => s.HintName).Order(StringComparer.Ordinal).ToArray();
        return (output, diagnostics, hintNames);
    }

    private static readonly Lazy<MetadataReference[]> References = new(static () =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(static path => Path.GetFileNameWithoutExtension(path) is not ("BlogApp" or "Micro.Data.Tests"))
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());
}
