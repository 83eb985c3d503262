using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Data;

/// <summary>The data pipeline caches (see <see cref="PipelineIncrementalityTests"/>).</summary>
public sealed class DataIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Data.";

    protected override GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", """
            using System.ComponentModel.DataAnnotations;

            return MicroApp.Run(args);

            [Model]
            public class Post
            {
                public int Id { get; set; }

                [MaxLength(200)]
                public string Title { get; set; } = "";

                public int AuthorId { get; set; }

                public Author? Author { get; set; }

                public string Slug() => Title.ToLowerInvariant();
            }
            """),
        ("Author.cs", """
            [Model]
            public class Author
            {
                public int Id { get; set; }

                public string Name { get; set; } = "";

                public List<Post> Posts { get; set; } = [];

                public string Display() => Name;
            }
            """));

    protected override Edit BodyEdit => new("Program.cs", "=> Title.ToLowerInvariant();", "=> Title.ToUpperInvariant();");

    protected override Edit BodyEditInAnotherFile => new("Author.cs", "=> Name;", "=> Name + \"!\";");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Program.cs", "public int AuthorId { get; set; }", "public int AuthorId { get; set; } public int Year { get; set; }"),
        "Micro.Data.Db.g.cs",
        "/// <summary>The <c>Year</c> column.</summary>");

    protected override string[] ModelTypes =>
        ["ModelClassModel", "PropertyModel", "StorageModel", "NavigationModel", "ModelModel", "ForeignKeyModel", "CollectionModel", "IndexModel", "DataModel", "Parsed", "EquatableArray"];
}
