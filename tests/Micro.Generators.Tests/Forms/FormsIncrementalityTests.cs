using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Forms;

/// <summary>The forms pipeline caches (see <see cref="PipelineIncrementalityTests"/>): a plain form, and a model form over models in another file.</summary>
public sealed class FormsIncrementalityTests : PipelineIncrementalityTests
{
    protected override string StepPrefix => "Micro.Forms.";

    protected override GeneratorRun FirstRun() => TestCompilation.Run(
        ("Program.cs", """
            using System.ComponentModel.DataAnnotations;

            return MicroApp.Run(args);

            [Form]
            public partial class ContactForm
            {
                [Required, MaxLength(100)]
                public string Subject { get; set; } = "";

                [EmailAddress]
                public string? Email { get; set; }

                public DayOfWeek Day { get; set; }

                public DateTimeOffset? Seen { get; set; }

                public void Clean(FormErrors errors)
                {
                    if (Subject == "spam") errors.Add("No spam.");
                }
            }

            [Form(Model = typeof(Post), Fields = new[] { nameof(Post.Title), nameof(Post.Author) })]
            public partial class PostForm
            {
                public bool Notify { get; set; }
            }
            """),
        ("Models.cs", """
            using System.ComponentModel.DataAnnotations;

            [Model]
            public class Post
            {
                public int Id { get; set; }

                [Unique, MaxLength(200)]
                public string Title { get; set; } = "";

                public int AuthorId { get; set; }

                public Author? Author { get; set; }

                public string Shout() => Title.ToUpperInvariant();
            }

            [Model]
            public class Author
            {
                public int Id { get; set; }

                public string Name { get; set; } = "";
            }
            """));

    protected override Edit BodyEdit => new("Program.cs", "errors.Add(\"No spam.\");", "errors.Add(\"Not here.\");");

    protected override Edit BodyEditInAnotherFile => new("Models.cs", "=> Title.ToUpperInvariant();", "=> Title.ToLowerInvariant();");

    protected override (Edit Edit, string HintName, string Expected) SignatureEdit => (
        new("Program.cs", "public bool Notify { get; set; }", "public bool Notify { get; set; } public int Copies { get; set; }"),
        "Micro.Forms.PostForm.g.cs",
        "public static readonly global::Micro.Forms.FormField CopiesField");

    protected override string[] ModelTypes =>
    [
        "FormClassModel", "FieldModel", "CheckModel", "ChoiceModel", "RelationModel", "ModelPropertyModel", "ListedFieldModel", "ModelFormSourceModel",
        "UniqueModel", "ModelFormModel", "FormModel", "Parsed", "EquatableArray", "LocationInfo", "ParseModel",
    ];
}
