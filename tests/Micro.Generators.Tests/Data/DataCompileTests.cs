using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Data;

/// <summary>The data pipeline's output compiled: it builds cleanly, wrong queries don't compile, bad models get diagnostics.</summary>
public sealed class DataCompileTests
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
                var months = await db.Products.Filter(p => p.Created.Year(2024) & p.Seen.Month(3) & p.Day.Day(1)).DatesAsync(p => p.Seen, DatePart.Month);
                var perStatus = await db.Products.GroupBy(p => p.Status).Having(g => g.Max(p => p.Price).Gt(1m)).ToListAsync(g => (g.Count(), g.Average(p => p.Price)));
                await db.Categories.LoadAsync(products.Select(p => p.Category!).ToList(), c => c.Products);
                return products.Count + categories + (tag is null ? 0 : 1) + (secret is null ? 0 : 1) + (int)product.Id + months.Count + perStatus.Count;
            }
        }
        """;

    [Fact]
    public void Generated_data_code_compiles_without_warnings()
    {
        var run = Run(("Models.cs", Models), ("Usage.cs", Usage));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Hosting.MicroManifest.g.cs"], run.HintNames);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Generated_model_configuration_spells_out_tables_keys_indexes_and_relations()
    {
        var compilation = Run(("Models.cs", Models)).Output;
        var context = compilation.SyntaxTrees.Single(static t => t.FilePath.EndsWith("AppDbContext.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("entity.ToTable(\"shop_categories\");", context);
        Assert.Contains("entity.HasKey(\"Id\").HasName(\"PK_Products\");", context);
        Assert.Contains("entity.Property<string>(\"Sku\").HasColumnName(\"sku_code\").IsRequired().HasMaxLength(20).HasDefaultValue(\"\").ValueGeneratedNever();", context);
        Assert.Contains("entity.Property<global::Shop.Status>(\"Status\").HasColumnName(\"Status\").IsRequired().HasDefaultValue(global::Shop.Status.Live).ValueGeneratedNever();", context);
        Assert.Contains("entity.HasIndex(\"Sku\", \"Status\").IsUnique().HasDatabaseName(\"UX_sku_status\");", context);
        Assert.Contains("entity.HasIndex(\"Token\").IsUnique().HasDatabaseName(\"IX_Products_Token\");", context);
        Assert.Contains("entity.HasIndex(\"CategoryId\").HasDatabaseName(\"IX_Products_CategoryId\");", context);
        Assert.Contains("entity.HasOne<global::Shop.Category>(\"Category\").WithMany(\"Products\")", context);
        Assert.Contains(".OnDelete(global::Microsoft.EntityFrameworkCore.DeleteBehavior.SetNull);", context);
        Assert.Contains("entity.Ignore(\"Note\");", context);
        Assert.Contains("entity.Ignore(\"Internal\");", context);
        Assert.DoesNotContain("\"Display\"", context);
    }

    [Fact]
    public void A_new_instance_gives_the_defaults_unless_the_model_has_required_members()
    {
        // CreateInstance is what a fixture's missing fields take; new Ticket() wouldn't compile, so a Ticket has none.
        var run = Run(("Models.cs", """
            using Micro;

            [Model]
            public class Ticket
            {
                public int Id { get; set; }
                public required string Code { get; set; }
            }

            [Model]
            public class Seat
            {
                public int Id { get; set; }
                public int Row { get; set; } = 1;
            }
            """));

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
        var models = run.Output.SyntaxTrees.Single(static t => t.FilePath.EndsWith("Data.Models.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("public override global::Seat CreateInstance() => new global::Seat();", models);
        Assert.DoesNotContain("global::Ticket CreateInstance()", models);
    }

    [Fact]
    public void Each_column_read_alone_is_the_value_the_row_reader_reads()
    {
        // ValuesList reads some columns with the generated ReadValue: for every type of value, a column SQLite answers at any ordinal
        // is what Read puts in the row, from values written as Micro writes them. Once with a value in every column, once with nulls.
        var run = Run(("Models.cs", Models)).AssertCompilesCleanly();
        using var app = LoadedApp.Load(run.Output);
        var info = app.Assembly.GetType("Micro.Generated.ProductModel", throwOnError: true)!;
        var model = (Micro.Data.ModelInfo)info.GetField("Instance")!.GetValue(null)!;
        var productType = app.Assembly.GetType("Shop.Product", throwOnError: true)!;
        object?[] Values(object product)
        {
            var values = new object?[model.Columns.Count];
            info.GetMethod("GetValues")!.Invoke(model, [product, values]);
            return values;
        }

        var filled = Activator.CreateInstance(productType)!;
        foreach (var property in productType.GetProperties().Where(static p => p.SetMethod?.IsPublic == true))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(filled, type switch
            {
                _ when type.IsEnum => Enum.ToObject(type, 1),
                _ when type == typeof(long) => 7L,
                _ when type == typeof(int) => 5,
                _ when type == typeof(string) => "A-1",
                _ when type == typeof(decimal) => 12.50m,
                _ when type == typeof(double) => 1.5,
                _ when type == typeof(float) => 2.25f,
                _ when type == typeof(bool) => false,
                _ when type == typeof(byte) => (byte)3,
                _ when type == typeof(short) => (short)-4,
                _ when type == typeof(DateTime) => new DateTime(2024, 1, 2, 3, 4, 5, 678),
                _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.FromHours(2)),
                _ when type == typeof(DateOnly) => new DateOnly(2020, 1, 2),
                _ when type == typeof(TimeOnly) => new TimeOnly(9, 5, 0, 250),
                _ when type == typeof(TimeSpan) => new TimeSpan(1, 2, 3, 4),
                _ when type == typeof(Guid) => Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
                _ when type == typeof(byte[]) => new byte[] { 1, 0, 2 },
                _ => property.GetValue(filled),
            });
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        Microsoft.Data.Sqlite.SqliteDataReader Select(object?[] values)
        {
            var select = connection.CreateCommand();
            select.CommandText = "SELECT " + string.Join(", ", values.Select(static (_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            for (var i = 0; i < values.Length; i++)
            {
                select.Parameters.AddWithValue("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Micro.Data.SqliteDialect.Instance.ToParameterValue(values[i]) ?? DBNull.Value);
            }

            var reader = select.ExecuteReader();
            Assert.True(reader.Read());
            return reader;
        }

        foreach (var product in new[] { filled, Activator.CreateInstance(productType)! })
        {
            var values = Values(product);
            object?[] read;
            using (var row = Select(values))
            {
                read = Values(info.GetMethod("Read")!.Invoke(model, [row])!);
            }

            Assert.Equal(values, read);
            for (var column = 0; column < values.Length; column++)
            {
                // The column alone, at ordinal 0, as a query of some columns reads it.
                using var alone = Select([values[column]]);
                Assert.Equal(read[column], info.GetMethod("ReadValue")!.Invoke(model, [alone, 0, column]));
            }
        }

        Assert.NotNull(Values(filled)[model.Columns.ToList().FindIndex(static c => c.Property == "Image")]);
    }

    [Fact]
    public void Spans_and_offsets_are_columns_that_compare_as_their_values()
    {
        // SQLite keeps both as text that sorts unlike them; their kinds tell the runtime to compare lengths and instants.
        var models = Run(("Models.cs", Models)).Output.SyntaxTrees.Single(static t => t.FilePath.EndsWith("Data.Models.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("DurationColumn = new global::Micro.Data.ColumnInfo(\"Duration\", \"Duration\", global::Micro.Data.ColumnKind.Duration, false,", models);
        Assert.Contains("SeenColumn = new global::Micro.Data.ColumnInfo(\"Seen\", \"Seen\", global::Micro.Data.ColumnKind.DateTimeOffset, true,", models);
        Assert.Contains("AtColumn = new global::Micro.Data.ColumnInfo(\"At\", \"At\", global::Micro.Data.ColumnKind.Text, true,", models);
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
        var compilation = Run(("Models.cs", Models), ("Usage.cs", usage)).Output;
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
        var run = Run(("Program.cs", "return MicroApp.Run(args);\n\n" + source));
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.HintNames, static name => name.StartsWith("Micro.Data.", StringComparison.Ordinal));
    }

    /// <summary>Runs the generator over a library of models (no entry point needed).</summary>
    private static GeneratorRun Run(params (string Path, string Source)[] files)
    {
        var compilation = TestCompilation.Create(files);
        return GeneratorRun.Start(compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.DynamicallyLinkedLibrary)));
    }
}
