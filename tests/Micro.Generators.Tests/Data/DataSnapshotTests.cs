using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Data;

/// <summary>Snapshots of the data pipeline's output: the models' metadata, the typed Db and the EF Core context.</summary>
public sealed class DataSnapshotTests
{
    private static readonly string[] s_dataFiles = ["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Hosting.MicroManifest.g.cs"];

    /// <summary>One model: conventions only (an Id key, a required and a nullable column, a default).</summary>
    [Fact]
    public void OneModel()
    {
        var run = TestCompilation.Run("""
            return MicroApp.Run(args);

            [Model]
            public class Note
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
                public string? Body { get; set; }
                public bool Pinned { get; set; } = false;
            }
            """);

        Snapshot.Verify(run, s_dataFiles);
        run.AssertCompilesCleanly();
    }

    /// <summary>A relation both ways, indexes, lengths, a table name, and the column types a blog needs.</summary>
    [Fact]
    public void ModelsWithARelation()
    {
        var run = TestCompilation.Run("""
            using System.ComponentModel.DataAnnotations;

            return MicroApp.Run(args);

            [Model(Table = "people")]
            public class Author
            {
                public int Id { get; set; }

                [MaxLength(100)]
                public string Name { get; set; } = "";

                [Unique, MaxLength(200)]
                public string? Email { get; set; }

                public List<Post> Posts { get; set; } = [];
            }

            [Model]
            [Index(nameof(AuthorId), nameof(Slug), IsUnique = true)]
            public class Post
            {
                public long Id { get; set; }

                [MaxLength(200)]
                public string Title { get; set; } = "";

                public string Slug { get; set; } = "";

                [Index]
                public int Year { get; set; }

                public decimal? Rating { get; set; }

                public DateTime? PublishedAt { get; set; }

                public Guid Token { get; set; }

                public int AuthorId { get; set; }

                public Author? Author { get; set; }
            }
            """);

        Snapshot.Verify(run, s_dataFiles);
        run.AssertCompilesCleanly();
    }
}
