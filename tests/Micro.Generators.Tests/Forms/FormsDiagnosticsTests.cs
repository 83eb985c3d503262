using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Forms;

/// <summary>The forms generator's diagnostics: the ID, the source text under each span, and the message; a broken form generates nothing.</summary>
public sealed class FormsDiagnosticsTests
{
    [Fact]
    public void A_form_generated_code_can_not_complete_is_refused()
    {
        var run = Generate("""
            [Form] public class NotPartial { public string Name { get; set; } = ""; }
            [Form] public partial struct Point { public int X { get; set; } }
            [Form] public abstract partial class Base { public string Name { get; set; } = ""; }
            [Form] public partial class Generic<T> { public string Name { get; set; } = ""; }
            public class Outer { [Form] public partial class Inner { public string Name { get; set; } = ""; } }
            [Form] public partial class NoConstructor { public NoConstructor(int seed) { } public string Name { get; set; } = ""; }
            public partial class Host { [Form] private partial class Hidden { public string Name { get; set; } = ""; } }
            """);

        Assert.Equal(Enumerable.Repeat(("MICRO0070", "Form"), 7), Describe(run));
        Assert.Equal(
            [
                "Form NotPartial is invalid: it must be partial: the generator writes its binding, validation and rendering into the other part; add 'partial'",
                "Form Point is invalid: it must be a class or a record class",
                "Form Base is invalid: it must not be static or abstract: each request gets a new form",
                "Form Generic is invalid: it must not be generic",
                "Form Inner is invalid: its containing type Outer must be partial too, so that the generated part can be declared inside it",
                "Form NoConstructor is invalid: it needs a parameterless constructor, or a primary constructor whose parameters are its properties",
                "Form Hidden is invalid: it is private or protected, and its generated metadata is outside it; make it public or internal",
            ],
            Messages(run));
        Assert.DoesNotContain(run.HintNames, static h => h.StartsWith("Micro.Forms.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_form_may_not_declare_what_its_generated_part_adds()
    {
        var run = Generate("""
            [Form]
            public partial class Contact
            {
                public string Name { get; set; } = "";
                public bool IsValid => Name.Length > 0;
                public List<string> Errors { get; } = [];
            }
            """);

        Assert.Equal([("MICRO0070", "IsValid"), ("MICRO0070", "Errors")], Describe(run));
        Assert.Equal("Form Contact is invalid: it declares IsValid, which the generated part of a form adds; rename it", Messages(run)[0]);
    }

    [Fact]
    public void A_property_of_a_type_no_field_can_hold_is_refused()
    {
        var run = Generate("""
            [Form]
            public partial class Upload
            {
                public List<string> Tags { get; set; } = [];
                public System.IO.Stream? File { get; set; }
                public object? Anything { get; set; }
                public string Title { get; set; } = "";
                public string Computed => Title.ToUpperInvariant();
            }
            """);

        Assert.Equal([("MICRO0071", "Tags"), ("MICRO0071", "File"), ("MICRO0071", "Anything")], Describe(run));
        Assert.Equal(
            "Property Upload.Tags has type System.Collections.Generic.List<string>, which a form field can't hold; use a string, bool, number, date or time, Guid, TimeSpan, enum, a type with a static TryParse method, or the nullable form of one",
            Messages(run)[0]);
        Assert.DoesNotContain("Micro.Forms.Upload.g.cs", run.HintNames);
    }

    [Fact]
    public void A_clean_method_with_the_wrong_signature_is_refused()
    {
        var run = Generate("""
            [Form] public partial class A { public string Name { get; set; } = ""; public bool Clean(FormErrors errors) => true; }
            [Form] public partial class B { public string Name { get; set; } = ""; public void Clean() { } }
            [Form] public partial class C { public string Name { get; set; } = ""; public static void Clean(FormErrors errors) { } }
            [Form] public partial class D { public string Name { get; set; } = ""; private void Clean(FormErrors errors) { } }
            """);

        Assert.Equal([("MICRO0073", "Clean"), ("MICRO0073", "Clean"), ("MICRO0073", "Clean"), ("MICRO0073", "Clean")], Describe(run));
        Assert.Equal(
            [
                "Form A has a Clean method that returns bool; declare it as 'public void Clean(FormErrors errors)'",
                "Form B has a Clean method that doesn't take one FormErrors parameter; declare it as 'public void Clean(FormErrors errors)'",
                "Form C has a Clean method that is static; declare it as 'public void Clean(FormErrors errors)'",
                "Form D has a Clean method that generated code can't call, being private or protected; declare it as 'public void Clean(FormErrors errors)'",
            ],
            Messages(run));
    }

    [Fact]
    public void Annotations_that_do_not_fit_their_field_are_refused()
    {
        var run = Generate("""
            using System.ComponentModel.DataAnnotations;

            [Form]
            public partial class Order
            {
                [MaxLength(3)] public int Quantity { get; set; }
                [Range(1, 5)] public string Size { get; set; } = "";
                [Range(typeof(decimal), "0", "ten")] public decimal Price { get; set; }
                [Range(1.5, 10)] public int Count { get; set; }
                [RegularExpression("[a-z")] public string Code { get; set; } = "";
                [Compare("Pasword")] public string Confirm { get; set; } = "";
                [AllowedValues(1, 2)] public string Color { get; set; } = "";
                [Range(0, 10, MinimumIsExclusive = true)] public double Ratio { get; set; }
                [FileExtensions(Extensions = "png")] public string Picture { get; set; } = "";
                [MaxLength(10)] public Microsoft.AspNetCore.Http.IFormFile? Scan { get; set; }
            }
            """);

        Assert.Equal(
            [
                ("MICRO0074", "MaxLength(3)"), ("MICRO0074", "Range(1, 5)"), ("MICRO0074", "Range(typeof(decimal), \"0\", \"ten\")"), ("MICRO0074", "Range(1.5, 10)"),
                ("MICRO0074", "RegularExpression(\"[a-z\")"), ("MICRO0074", "AllowedValues(1, 2)"), ("MICRO0074", "Range(0, 10, MinimumIsExclusive = true)"),
                ("MICRO0074", "FileExtensions(Extensions = \"png\")"), ("MICRO0074", "MaxLength(10)"),
            ],
            Describe(run));
        Assert.Equal(
            [
                "[MaxLength] on Order.Quantity can't be used: it limits the length of text; use [Range] for numbers",
                "[Range] on Order.Size can't be used: [Range(min, max)] needs a number, not string; for dates use [Range(typeof(DateOnly), \"2020-01-01\", \"2030-12-31\")]",
                "[Range] on Order.Price can't be used: 'ten' is not a number",
                "[Range] on Order.Count can't be used: 1.5 is not a whole number, but the property is int",
            ],
            Messages(run).Take(4));
        Assert.StartsWith("[RegularExpression] on Order.Code can't be used: the pattern is not a valid regular expression (", Messages(run)[4]);
        Assert.Equal("[AllowedValues] on Order.Color can't be used: its values must be text or whole numbers of the property's type", Messages(run)[5]);
        Assert.Equal("[Range] on Order.Ratio can't be used: exclusive bounds aren't supported; make the bounds inclusive", Messages(run)[6]);
        Assert.Equal("[FileExtensions] on Order.Picture can't be used: it checks an uploaded file's name; the property must be an IFormFile", Messages(run)[7]);
        Assert.Equal("[MaxLength] on Order.Scan can't be used: it limits the length of text; a file's size is limited by the server's limit on a request body", Messages(run)[8]);
    }

    [Fact]
    public void A_file_column_is_a_models_string_under_the_media_root()
    {
        var run = Generate("""
            using System.ComponentModel.DataAnnotations;

            [Model]
            public class Document
            {
                public int Id { get; set; }
                [FileField] public int Pages { get; set; }
                [FileField(UploadTo = "../outside/")] public string Escaping { get; set; } = "";
                [FileField(UploadTo = "/etc/")] public string Rooted { get; set; } = "";
                [FileField(UploadTo = "C:\\files")] public string Drive { get; set; } = "";
                [FileField, MinLength(3)] public string Short { get; set; } = "";
                [FileField(UploadTo = "scans/%Y/%m/"), MaxLength(31)] public string Cramped { get; set; } = "";
                [FileField(UploadTo = "scans/%Y/%m/"), MaxLength(32)] public string Roomy { get; set; } = "";
            }

            [Form(Model = typeof(Document))]
            public partial class DocumentForm;

            [Form]
            public partial class Upload
            {
                [FileField] public string Name { get; set; } = "";
                [ImageField(UploadTo = "avatars/")] public Microsoft.AspNetCore.Http.IFormFile? Avatar { get; set; }
            }
            """);

        Assert.Equal(
            [
                ("MICRO0074", "FileField"), ("MICRO0074", "FileField(UploadTo = \"../outside/\")"), ("MICRO0074", "FileField(UploadTo = \"/etc/\")"),
                ("MICRO0074", "FileField(UploadTo = \"C:\\\\files\")"), ("MICRO0074", "MinLength(3)"), ("MICRO0074", "MaxLength(31)"), ("MICRO0074", "FileField"),
                ("MICRO0074", "ImageField(UploadTo = \"avatars/\")"),
            ],
            Describe(run));
        Assert.Equal(
            [
                "[FileField] on Document.Pages can't be used: the column holds the stored file's name; the property must be a string",
                "[FileField] on Document.Escaping can't be used: UploadTo \"../outside/\" must be a folder under the media root: a relative path with '/' between folders, without '..'",
                "[FileField] on Document.Rooted can't be used: UploadTo \"/etc/\" must be a folder under the media root: a relative path with '/' between folders, without '..'",
                "[FileField] on Document.Drive can't be used: UploadTo \"C:\\files\" must be a folder under the media root: a relative path with '/' between folders, without '..'",
                "[MinLength] on Document.Short can't be used: it limits the length of text; a stored file's name is limited by [MaxLength] alone",
                "[MaxLength] on Document.Cramped can't be used: a stored name is the folder and the file's name together; UploadTo \"scans/%Y/%m/\" leaves too little room in 31 characters (at least 32)",
                "[FileField] on Upload.Name can't be used: it makes a model's column hold a stored file; a form takes an upload as an IFormFile property",
                "[ImageField] on Upload.Avatar can't be used: an upload of a form isn't stored; UploadTo is for a model's column",
            ],
            Messages(run));
    }

    [Fact]
    public void An_images_size_columns_are_other_settable_int_properties_of_its_model()
    {
        var run = Generate("""
            [Model]
            public class Photo
            {
                public int Id { get; set; }
                [ImageField(WidthField = "Wdith")] public string? Missing { get; set; }
                [ImageField(HeightField = nameof(Caption))] public string? Text { get; set; }
                [ImageField(WidthField = nameof(Itself))] public string? Itself { get; set; }
                [ImageField(WidthField = nameof(Fixed))] public string? ReadOnly { get; set; }
                [ImageField(WidthField = nameof(Width), HeightField = nameof(Height))] public string? Good { get; set; }
                public string Caption { get; set; } = "";
                public int Fixed { get; }
                public int Width { get; set; }
                public int? Height { get; set; }
            }

            [Form(Model = typeof(Photo))]
            public partial class PhotoForm;
            """);

        Assert.Equal(
            [
                ("MICRO0074", "ImageField(WidthField = \"Wdith\")"), ("MICRO0074", "ImageField(HeightField = nameof(Caption))"),
                ("MICRO0074", "ImageField(WidthField = nameof(Itself))"), ("MICRO0074", "ImageField(WidthField = nameof(Fixed))"),
            ],
            Describe(run));
        Assert.Equal(
            [
                "[ImageField] on Photo.Missing can't be used: WidthField \"Wdith\" must name another public int or int? property of Photo with a setter, which a save sets to the image's width",
                "[ImageField] on Photo.Text can't be used: HeightField \"Caption\" must name another public int or int? property of Photo with a setter, which a save sets to the image's height",
                "[ImageField] on Photo.Itself can't be used: WidthField \"Itself\" must name another public int or int? property of Photo with a setter, which a save sets to the image's width",
                "[ImageField] on Photo.ReadOnly can't be used: WidthField \"Fixed\" must name another public int or int? property of Photo with a setter, which a save sets to the image's width",
            ],
            Messages(run));
    }

    [Fact]
    public void A_compare_must_name_another_field()
    {
        var run = Generate("""
            using System.ComponentModel.DataAnnotations;

            [Form]
            public partial class Password
            {
                public string New { get; set; } = "";
                [Compare("Nwe")] public string Again { get; set; } = "";
            }
            """);

        Assert.Equal([("MICRO0074", "Again")], Describe(run));
        Assert.Equal("[Compare] on Password.Again can't be used: 'Nwe' is not another field of Password; name one with nameof()", Messages(run)[0]);
    }

    [Fact]
    public void A_model_form_must_name_columns_of_a_model()
    {
        var run = Generate("""
            using System.ComponentModel.DataAnnotations;

            [Model]
            public class Author
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public List<Post> Posts { get; set; } = [];
            }

            [Model]
            public class Post
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
                public byte[]? Cover { get; set; }
                public int AuthorId { get; set; }
                public Author? Author { get; set; }
            }

            public class NotAModel { public string Name { get; set; } = ""; }

            [Form(Model = typeof(Post), Fields = new[] { "Titel", nameof(Post.Id), nameof(Post.Cover), nameof(Post.Author), nameof(Post.AuthorId) })]
            public partial class PostForm;

            [Form(Model = typeof(Author), Fields = [nameof(Author.Posts), nameof(Author.Name)])]
            public partial class AuthorForm
            {
                public int Name { get; set; }
            }

            [Form(Model = typeof(NotAModel))]
            public partial class Other;
            """);

        Assert.Equal(
            [
                ("MICRO0072", "\"Titel\""), ("MICRO0072", "nameof(Post.Id)"), ("MICRO0072", "nameof(Post.Cover)"), ("MICRO0072", "nameof(Post.AuthorId)"),
                ("MICRO0072", "nameof(Author.Posts)"), ("MICRO0072", "Name"), ("MICRO0072", "Form(Model = typeof(NotAModel))"),
            ],
            Describe(run));
        Assert.Equal(
            [
                "Model form PostForm is invalid: 'Titel' is not a column or reference of Post; use nameof(Post.Property)",
                "Model form PostForm is invalid: 'Id' is the key of Post, which the database assigns; leave it out",
                "Model form PostForm is invalid: Post.Cover has type byte[]?, which a form field can't hold",
                "Model form PostForm is invalid: 'AuthorId' is listed twice (Author and AuthorId are one field)",
                "Model form AuthorForm is invalid: 'Posts' is a list of related rows, which a form field can't edit; list the reference on the other model instead",
                "Model form AuthorForm is invalid: its property Name is int, but the column Author.Name is string; declare it with the column's type",
                "Model form Other is invalid: NotAModel is not a [Model] class; a model form edits rows of a model",
            ],
            Messages(run));
        Assert.DoesNotContain(run.HintNames, static h => h.StartsWith("Micro.Forms.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_models_annotation_that_does_not_fit_is_reported_only_where_a_form_lists_its_column()
    {
        var run = Generate("""
            using System.ComponentModel.DataAnnotations;

            [Model]
            public class Event
            {
                public int Id { get; set; }
                [MaxLength(4)] public int Year { get; set; }
                [EmailAddress] public int Seats { get; set; }
                public string Name { get; set; } = "";
            }

            [Form(Model = typeof(Event), Fields = new[] { nameof(Event.Name), nameof(Event.Seats) })]
            public partial class EventForm;
            """);

        Assert.Equal([("MICRO0074", "EmailAddress")], Describe(run));
        Assert.Equal("[EmailAddress] on Event.Seats can't be used: it checks text; the property must be a string", Messages(run)[0]);
    }

    private static GeneratorRun Generate(string source) => TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Forms.cs", source));

    private static List<Diagnostic> Sorted(GeneratorRun run) => [.. run.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start)];

    /// <summary>The ID and the source text under the span of each diagnostic, in source order.</summary>
    private static IEnumerable<(string Id, string Text)> Describe(GeneratorRun run) => Sorted(run).Select(d => (d.Id, run.TextUnder(d)));

    private static List<string> Messages(GeneratorRun run) => [.. Sorted(run).Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))];
}
