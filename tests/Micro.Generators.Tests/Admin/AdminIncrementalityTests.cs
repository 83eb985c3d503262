using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Admin;

/// <summary>The admin pipeline caches (see <see cref="PipelineIncrementalityTests"/>): two registered models with a reference, in two files.</summary>
public sealed class AdminIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Admin.";

    protected override GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", """
            return MicroApp.Run(args);

            [Model, Admin(ListDisplay = new[] { nameof(Title), nameof(Author), nameof(Live) }, SearchFields = new[] { nameof(Title) }, ListFilter = new[] { nameof(Live), nameof(Author) })]
            public class Post
            {
                public int Id { get; set; }

                public string Title { get; set; } = "";

                public bool Live { get; set; }

                public int AuthorId { get; set; }

                public Author? Author { get; set; }

                public string Shout() => Title.ToUpperInvariant();
            }
            """),
        ("Models.cs", """
            [Model, Admin]
            public class Author
            {
                public int Id { get; set; }

                public string Name { get; set; } = "";

                public List<Post> Posts { get; set; } = [];

                public override string ToString() => Name.Trim();
            }
            """));

    protected override Edit BodyEdit => new("Program.cs", "=> Title.ToUpperInvariant();", "=> Title.ToLowerInvariant();");

    protected override Edit BodyEditInAnotherFile => new("Models.cs", "=> Name.Trim();", "=> Name.TrimEnd();");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Program.cs", "SearchFields = new[] { nameof(Title) }", "SearchFields = new[] { nameof(Title) }, ListPerPage = 7"),
        "Micro.Admin.MicroAdmin.g.cs",
        "ListPerPage = 7;");

    protected override string[] ModelTypes =>
    [
        "AdminSiteModel", "AdminModel", "AdminFieldModel", "AdminFilterModel", "AdminDependentModel", "FormModel", "ModelModel", "EquatableArray", "Parsed",
    ];
}
