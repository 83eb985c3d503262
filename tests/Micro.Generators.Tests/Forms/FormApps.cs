namespace Micro.Generators.Tests.Forms;

/// <summary>Apps with forms, shared by the snapshot, compile-and-run and incrementality tests.</summary>
internal static class FormApps
{
    /// <summary>A contact form: text, email, numbers, a checkbox, an enum, a date, labels, help text and a Clean method.</summary>
    public const string ContactForm = """
        using System.ComponentModel.DataAnnotations;

        namespace Shop;

        public enum Topic { Sales, Support, [Display(Name = "Something else")] Other }

        [Form]
        public partial class ContactForm
        {
            [Required, MaxLength(100)]
            public string Subject { get; set; } = "";

            [EmailAddress, Display(Name = "Your email", Description = "We never share it.", Prompt = "you@example.com")]
            public string Email { get; set; } = "";

            [Range(1, 120)]
            public int? Age { get; set; }

            public bool CcMyself { get; set; }

            public Topic Topic { get; set; } = Topic.Support;

            public DateOnly? When { get; set; }

            [Range(typeof(decimal), "0.01", "1000")]
            public decimal Budget { get; set; }

            [DataType(DataType.MultilineText), MinLength(10)]
            public string Message { get; set; } = "";

            public void Clean(FormErrors errors)
            {
                if (Topic == Topic.Sales && Budget < 10)
                {
                    errors.Add(nameof(Budget), "Sales talks start at 10.");
                }
            }
        }
        """;

    /// <summary>A positional record with a password, a confirmation, a pattern and an optional Guid.</summary>
    public const string SignUpRecord = """
        using System.ComponentModel.DataAnnotations;

        [Form]
        public partial record SignUp(
            [property: Required, StringLength(30, MinimumLength = 3), RegularExpression("^[a-z0-9_]+$", ErrorMessage = "Letters, digits and underscores only.")] string Username,
            [property: DataType(DataType.Password), MinLength(8)] string Password,
            [property: DataType(DataType.Password), Compare("Password")] string Confirm)
        {
            public Guid? Invitation { get; init; }

            [AllowedValues("en", "fr")]
            public string Language { get; set; } = "en";
        }
        """;

    /// <summary>A blog with a model form: a reference, a unique slug the form overrides with a pattern, a textarea.</summary>
    public const string BlogModelForm = """
        using System.ComponentModel.DataAnnotations;

        return MicroApp.Run(args);

        [Model]
        public class Author
        {
            public int Id { get; set; }

            [MaxLength(100)]
            public string Name { get; set; } = "";

            public override string ToString() => Name;
        }

        [Model]
        public class Post
        {
            public int Id { get; set; }

            [MaxLength(200)]
            public string Title { get; set; } = "";

            [Unique, MaxLength(200)]
            public string Slug { get; set; } = "";

            public int Year { get; set; } = 2024;

            public string Body { get; set; } = "";

            public bool Published { get; set; } = true;

            public int AuthorId { get; set; }

            public Author? Author { get; set; }
        }

        [Form(Model = typeof(Post), Fields = new[] { nameof(Post.Title), nameof(Post.Slug), nameof(Post.Year), nameof(Post.Body), nameof(Post.Author) })]
        public partial class PostForm
        {
            [RegularExpression("^[-a-z0-9]+$", ErrorMessage = "Enter a valid slug.")]
            public string Slug { get; set; } = "";

            public bool Notify { get; set; }
        }

        public static class Blog
        {
            [Route("posts/new/", Methods = "GET, POST", Name = "post_create")]
            public static async Task<IResult> Create(PostForm form, Db db)
            {
                if (form.IsValid && await form.SaveAsync(db) is { } post)
                {
                    return Results.Redirect("/posts/" + post.Slug + "/");
                }

                // form.Instance is a member of the generated part: the template model is typed with the forms' generated code.
                return Template.Render("posts/form.html", new { form, heading = form.Instance?.Title ?? "New post" });
            }
        }
        """;
}
