using Micro.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Micro.Generators.Tests.Admin;

/// <summary>
/// The admin pipeline: the site it writes for <c>[Admin]</c> models (snapshots, and the output compiles cleanly), which models it
/// registers, and its diagnostics at the option that is wrong.
/// </summary>
public sealed class AdminGeneratorTests
{
    private const string Models = """
        using System.ComponentModel.DataAnnotations;

        namespace Shop;

        public enum Size { Small, Large }

        [Model, Admin(ListDisplay = new[] { nameof(Name) }, SearchFields = new[] { nameof(Name) }, ViewOnSite = false)]
        public class Maker
        {
            public string GetAbsoluteUrl() => "/makers/" + Id + "/";
            public int Id { get; set; }
            [MaxLength(100)] public string Name { get; set; } = "";
            public List<Product> Products { get; set; } = [];
            public override string ToString() => Name;
        }

        [Model]
        [Admin(
            ListDisplay = new[] { nameof(Title), nameof(Size), nameof(InStock), nameof(Maker), nameof(Stocked), nameof(Code) },
            ListDisplayLinks = new[] { nameof(Title) },
            SearchFields = new[] { nameof(Title), nameof(Notes) },
            ListFilter = new[] { nameof(Size), nameof(InStock), nameof(Maker), nameof(Added) },
            Ordering = new[] { "-" + nameof(Added), nameof(Title) },
            ListPerPage = 25,
            ReadonlyFields = new[] { nameof(Added) },
            DateHierarchy = nameof(Added),
            Display = nameof(Title),
            Actions = new[] { nameof(Restock), nameof(Forget) },
            SaveAs = true)]
        public class Product
        {
            public int Id { get; set; }
            [MaxLength(200)] public string Title { get; set; } = "";
            [Unique, MaxLength(50), AdminDisplay(Description = "SKU", EmptyValue = "(none)")] public string Code { get; set; } = "";
            public string Notes { get; set; } = "";
            public Size Size { get; set; }
            public bool InStock { get; set; }
            public DateTime Added { get; set; }
            public int MakerId { get; set; }
            public Maker? Maker { get; set; }
            [AdminDisplay(Description = "Stocked?", Boolean = true, Ordering = "-" + nameof(InStock), EmptyValue = "n/a")] public bool? Stocked() => InStock ? true : null;
            [AdminAction(Description = "Put back in stock")]
            public static async Task<string> Restock(Micro.Data.QuerySet<Product> rows, CancellationToken cancellationToken) =>
                $"{await rows.UpdateAsync(cancellationToken, static p => p.InStock.Set(true))} restocked";
            public string GetAbsoluteUrl() => "/products/" + Code + "/";
            [AdminAction(Permission = "delete")] public static void Forget(Micro.Data.QuerySet<Product> rows, Microsoft.AspNetCore.Http.HttpContext context) { }
        }

        [Model]
        public class Unlisted
        {
            public int Id { get; set; }
            public string Text { get; set; } = "";
        }
        """;

    [Fact]
    public void Admin_models_get_a_site_and_a_model_form_each()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", Models));

        Snapshot.Verify(run, ["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Admin.MicroAdmin.g.cs", "Micro.Forms.Micro.Generated.MakerAdminForm.g.cs", "Micro.Forms.Micro.Generated.ProductAdminForm.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();
        var site = run.Source("Micro.Admin.MicroAdmin.g.cs");
        Assert.Contains("public const bool MountsItself = true;", site);
        Assert.DoesNotContain("Unlisted", site);
    }

    [Fact]
    public void Map_admin_without_any_admin_attribute_registers_every_model()
    {
        var run = TestCompilation.Run(
            ("Program.cs", "var app = MicroApp.CreateBuilder(args).Build(); app.MapAdmin(\"staff\"); return app.Run();"),
            ("Models.cs", """
                [Model] public class Maker { public int Id { get; set; } public string Name { get; set; } = ""; public List<Product> Products { get; set; } = []; }
                [Model] public class Product { public int Id { get; set; } public string Title { get; set; } = ""; public int MakerId { get; set; } public Maker? Maker { get; set; } }
                [Model] public class Unlisted { public int Id { get; set; } public string Text { get; set; } = ""; }
                """));

        run.AssertCompilesCleanly();
        var site = run.Source("Micro.Admin.MicroAdmin.g.cs");
        Assert.Contains("public const bool MountsItself = false;", site);
        Assert.Contains("MakerAdmin.Instance,", site);
        Assert.Contains("ProductAdmin.Instance,", site);
        Assert.Contains("UnlistedAdmin.Instance,", site);
    }

    [Fact]
    public void Without_admin_attributes_or_map_admin_nothing_is_generated()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", "[Model] public class Note { public int Id { get; set; } public string Text { get; set; } = \"\"; }"));

        run.AssertCompilesCleanly();
        Assert.DoesNotContain(run.HintNames, static h => h.StartsWith("Micro.Admin.", StringComparison.Ordinal));
        Assert.DoesNotContain("MicroAdmin", run.Source("Micro.Hosting.MicroManifest.g.cs"));
    }

    [Fact]
    public void A_name_that_is_not_a_fitting_property_is_an_error_at_the_name()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model]
            [Admin(
                ListDisplay = new[] { "Titel", nameof(Shelve), nameof(Cover) },
                SearchFields = new[] { nameof(Pages) },
                ListFilter = new[] { nameof(Title) },
                Ordering = new[] { "-Nope" },
                ReadonlyFields = new[] { "Ghost", nameof(PagesAfter) },
                ListDisplayLinks = new[] { nameof(Title) },
                DateHierarchy = nameof(Pages),
                Display = "Label",
                Actions = new[] { nameof(Shelve), "Missing", nameof(Burn), nameof(Lend), nameof(Other) })]
            public class Book
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
                public int Pages { get; set; }
                public void Shelve() { }
                public int PagesAfter(int start) => Pages - start;
                [AdminDisplay(Ordering = "-Nope")] public string Cover() => Title;
                [AdminAction(Permission = "burn")] public static void Burn(Micro.Data.QuerySet<Book> rows) { }
                public static int Lend(Micro.Data.QuerySet<Book> rows) => 0;
                public static void Other(Micro.Data.QuerySet<NotAModel> rows) { }
            }

            [Admin] public class NotAModel { }
            """));

        Assert.Equal(
            [
                ("MICRO0075", "\"Titel\""),
                ("MICRO0075", "nameof(Shelve)"),
                ("MICRO0075", "nameof(Cover)"),
                ("MICRO0075", "nameof(Pages)"),
                ("MICRO0075", "nameof(Title)"),
                ("MICRO0075", "\"-Nope\""),
                ("MICRO0075", "\"Ghost\""),
                ("MICRO0075", "nameof(PagesAfter)"),
                ("MICRO0075", "nameof(Title)"),
                ("MICRO0075", "nameof(Pages)"),
                ("MICRO0075", "\"Label\""),
                ("MICRO0075", "nameof(Shelve)"),
                ("MICRO0075", "\"Missing\""),
                ("MICRO0075", "nameof(Burn)"),
                ("MICRO0075", "nameof(Lend)"),
                ("MICRO0075", "nameof(Other)"),
                ("MICRO0076", "Admin"),
            ],
            Sorted(run).Select(d => (d.Id, run.TextUnder(d))));
        Assert.Equal(
            [
                "[Admin] on Book: ListDisplay names 'Titel', which is not a property of the model, or a public method that needs no argument and returns a value",
                "[Admin] on Book: ListDisplay names 'Shelve', which is not a property of the model, or a public method that needs no argument and returns a value",
                "[Admin] on Book: ListDisplay names 'Cover', which [AdminDisplay] sorts by 'Nope', not a column of the model; name a column (with '-' to sort it the other way)",
                "[Admin] on Book: SearchFields names 'Pages', which is not text; search looks in text columns",
                "[Admin] on Book: ListFilter names 'Title', which can't be filtered by; filters take booleans, enums, references and dates",
                "[Admin] on Book: Ordering names 'Nope', which is not a column of the model",
                "[Admin] on Book: ReadonlyFields names 'Ghost', which is not a property of the model, or a public method that needs no argument and returns a value",
                "[Admin] on Book: ReadonlyFields names 'PagesAfter', which is not a property of the model, or a public method that needs no argument and returns a value",
                "[Admin] on Book: ListDisplayLinks names 'Title', which is not one of ListDisplay",
                "[Admin] on Book: DateHierarchy names 'Pages', which is not a date; the hierarchy links years, months and days",
                "[Admin] on Book: Display names 'Label', which is not a property of the model, or a public method that needs no argument and returns a value",
                "[Admin] on Book: Actions names 'Shelve', which is not a public static method of the model that takes its rows (QuerySet<Book>, and optionally HttpContext and CancellationToken) and returns nothing, a message (string), or a task of one",
                "[Admin] on Book: Actions names 'Missing', which is not a public static method of the model that takes its rows (QuerySet<Book>, and optionally HttpContext and CancellationToken) and returns nothing, a message (string), or a task of one",
                "[Admin] on Book: Actions names 'Burn', which asks for the permission 'burn'; [AdminAction(Permission)] is view, add, change or delete",
                "[Admin] on Book: Actions names 'Lend', which is not a public static method of the model that takes its rows (QuerySet<Book>, and optionally HttpContext and CancellationToken) and returns nothing, a message (string), or a task of one",
                "[Admin] on Book: Actions names 'Other', which is not a public static method of the model that takes its rows (QuerySet<Book>, and optionally HttpContext and CancellationToken) and returns nothing, a message (string), or a task of one",
                "[Admin] on NotAModel registers nothing: it is not a [Model] class; add [Model] or remove [Admin]",
            ],
            Sorted(run).Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("Micro.Admin.MicroAdmin.g.cs", run.HintNames);
    }

    [Fact]
    public void An_inline_gets_a_model_form_without_its_foreign_key_and_a_line_in_the_admin()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            using System.ComponentModel.DataAnnotations;

            namespace Blog;

            [Model, Admin, AdminInline(typeof(Comment), Extra = 1, MaxNum = 20, CanDelete = false, Stacked = true), AdminInline(typeof(Tag), Fields = new[] { nameof(Tag.Name) })]
            public class Post
            {
                public int Id { get; set; }
                [MaxLength(200)] public string Title { get; set; } = "";
                public List<Comment> Comments { get; set; } = [];
            }

            [Model]
            public class Comment
            {
                public int Id { get; set; }
                public int PostId { get; set; }
                public Post? Post { get; set; }
                [MaxLength(500)] public string Text { get; set; } = "";
                public bool Approved { get; set; }
                public override string ToString() => Text;
            }

            [Model]
            public class Tag
            {
                public int Id { get; set; }
                public int? PostId { get; set; }
                public Post? Post { get; set; }
                [MaxLength(50)] public string Name { get; set; } = "";
                public int Weight { get; set; }
            }
            """));

        Snapshot.Verify(run, ["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Admin.MicroAdmin.g.cs", "Micro.Forms.Micro.Generated.PostAdminForm.g.cs", "Micro.Forms.Micro.Generated.PostCommentInlineForm.g.cs", "Micro.Forms.Micro.Generated.PostTagInlineForm.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();
        var comment = run.Source("Micro.Forms.Micro.Generated.PostCommentInlineForm.g.cs");
        Assert.Contains("public string Text { get; set; }", comment);
        Assert.Contains("public bool Approved { get; set; }", comment);
        Assert.DoesNotContain("PostId { get; set; }", comment);
        Assert.DoesNotContain("Weight", run.Source("Micro.Forms.Micro.Generated.PostTagInlineForm.g.cs"));
    }

    [Fact]
    public void An_inline_edits_references_by_key_or_by_search_and_fills_its_prepopulated_fields()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            using System.ComponentModel.DataAnnotations;

            namespace Blog;

            [Model, Admin, AdminInline(typeof(Comment), RawIdFields = new[] { nameof(Comment.Approver) }, AutocompleteFields = new[] { nameof(Comment.Replier) })]
            public class Post
            {
                public int Id { get; set; }
                [MaxLength(200)] public string Title { get; set; } = "";
            }

            [Model, Admin(SearchFields = new[] { nameof(Name) })]
            public class Writer
            {
                public int Id { get; set; }
                [MaxLength(100)] public string Name { get; set; } = "";
            }

            [Model]
            public class Comment
            {
                public int Id { get; set; }
                public int PostId { get; set; }
                public Post? Post { get; set; }
                [MaxLength(100)] public string Heading { get; set; } = "";
                [MaxLength(100), AdminPrepopulated(nameof(Heading))] public string Slug { get; set; } = "";
                public int? ReplierId { get; set; }
                public Writer? Replier { get; set; }
                public int ApproverId { get; set; }
                public Writer? Approver { get; set; }
            }
            """));

        Snapshot.Verify(run, ["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Admin.MicroAdmin.g.cs", "Micro.Forms.Micro.Generated.PostAdminForm.g.cs", "Micro.Forms.Micro.Generated.PostCommentInlineForm.g.cs", "Micro.Forms.Micro.Generated.WriterAdminForm.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();
        var admin = run.Source("Micro.Admin.MicroAdmin.g.cs");
        Assert.Contains("new global::Micro.Admin.AdminReference<global::Blog.Writer>(\"approver\"),", admin);
        Assert.Contains("new global::Micro.Admin.AdminReference<global::Blog.Writer>(\"replier\"),", admin);
        Assert.Contains("new global::Micro.Admin.AdminPrepopulated(\"slug\", new[] { \"heading\" }),", admin);
        Assert.Contains("CheckReferencesAsync = static async (form, database, cancellationToken) =>", admin);
        // Neither reference loads the writers with the form: one is a key box, the other holds the row chosen.
        Assert.DoesNotContain("db.Writers", run.Source("Micro.Forms.Micro.Generated.PostCommentInlineForm.g.cs"));
    }

    [Fact]
    public void An_inline_reference_that_cant_be_a_raw_id_or_an_autocomplete_is_an_error_at_its_name()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model, Admin, AdminInline(typeof(Comment), RawIdFields = new[] { "Text", nameof(Comment.Editor) }, AutocompleteFields = new[] { nameof(Comment.Editor), nameof(Comment.Tag) })]
            public class Post
            {
                public int Id { get; set; }
            }

            [Model, Admin] public class Writer { public int Id { get; set; } public string Name { get; set; } = ""; }
            [Model] public class Tag { public int Id { get; set; } public string Name { get; set; } = ""; }

            [Model]
            public class Comment
            {
                public int Id { get; set; }
                public int PostId { get; set; }
                public Post? Post { get; set; }
                public string Text { get; set; } = "";
                public int? EditorId { get; set; }
                public Writer? Editor { get; set; }
                public int? TagId { get; set; }
                public Tag? Tag { get; set; }
            }
            """));

        Assert.Equal(
            [
                ("MICRO0077", "\"Text\""),
                ("MICRO0077", "nameof(Comment.Editor)"),
                ("MICRO0077", "nameof(Comment.Tag)"),
            ],
            Sorted(run).Select(d => (d.Id, run.TextUnder(d))).Distinct());
        Assert.Equal(
            [
                "[AdminInline(typeof(Comment))] on Post: RawIdFields 'Text' is not a reference of the model",
                "[AdminInline(typeof(Comment))] on Post: AutocompleteFields 'Editor' is in RawIdFields too; a reference is one or the other",
                "[AdminInline(typeof(Comment))] on Post: AutocompleteFields 'Tag' points to Tag, which isn't in the admin; autocomplete searches the target's admin",
            ],
            Sorted(run).Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_inline_that_cant_be_made_is_an_error_at_what_is_wrong()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model, Admin]
            [AdminInline(typeof(Loose))]
            [AdminInline(typeof(Review))]
            [AdminInline(typeof(Note), ForeignKey = "Owner")]
            [AdminInline(typeof(Chapter), Fields = new[] { nameof(Chapter.BookId), nameof(Chapter.Title) })]
            [AdminInline(typeof(Chapter))]
            [AdminInline(typeof(Page), Extra = -1)]
            [AdminInline(typeof(NotAModel))]
            public class Book
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
            }

            [Model] public class Loose { public int Id { get; set; } public string Text { get; set; } = ""; }
            [Model] public class Review { public int Id { get; set; } public int BookId { get; set; } public Book? Book { get; set; } public int? SequelId { get; set; } public Book? Sequel { get; set; } }
            [Model] public class Note { public int Id { get; set; } public int BookId { get; set; } public Book? Book { get; set; } }
            [Model] public class Chapter { public int Id { get; set; } public int BookId { get; set; } public Book? Book { get; set; } public string Title { get; set; } = ""; }
            [Model] public class Page { public int Id { get; set; } public int BookId { get; set; } public Book? Book { get; set; } }
            public class NotAModel { }
            """));

        Assert.Equal(
            [
                ("MICRO0077", "AdminInline(typeof(Loose))"),
                ("MICRO0077", "AdminInline(typeof(Review))"),
                ("MICRO0077", "\"Owner\""),
                ("MICRO0077", "nameof(Chapter.BookId)"),
                ("MICRO0077", "AdminInline(typeof(Chapter))"),
                ("MICRO0077", "AdminInline(typeof(Page), Extra = -1)"),
                ("MICRO0077", "AdminInline(typeof(NotAModel))"),
            ],
            Sorted(run).Select(d => (d.Id, run.TextUnder(d))));
        Assert.Equal(
            [
                "[AdminInline(typeof(Loose))] on Book: Loose has no foreign key to Book; an inline edits the rows that point to the row shown",
                "[AdminInline(typeof(Review))] on Book: Review has more than one foreign key to Book (Book, Sequel); name one with ForeignKey",
                "[AdminInline(typeof(Note))] on Book: ForeignKey names 'Owner', which is not a reference of Note to Book",
                "[AdminInline(typeof(Chapter))] on Book: 'BookId' is the foreign key to Book, which the inline sets; leave it out",
                "[AdminInline(typeof(Chapter))] on Book: it is already inlined on this model; one inline per model",
                "[AdminInline(typeof(Page))] on Book: Extra is -1; it must be 0 or more",
                "[AdminInline(typeof(NotAModel))] on Book: it is not a [Model] class; an inline edits the rows of a model",
            ],
            Sorted(run).Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("Micro.Admin.MicroAdmin.g.cs", run.HintNames);
    }

    [Theory]
    [InlineData("[Model, Admin] public class Shelf { public int Id { get; set; } }", "the model isn't in the admin (other models carry [Admin] and it doesn't), so it has no page to show the inline on; add [Admin] to it")]
    [InlineData("", "the app has no admin (no model carries [Admin] and it doesn't call MapAdmin), so no page shows it")]
    public void An_inline_no_admin_page_shows_is_an_error(string other, string problem)
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", $$"""
            [Model]
            [AdminInline(typeof(Chapter))]
            public class Book
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
            }

            [Model] public class Chapter { public int Id { get; set; } public int BookId { get; set; } public Book? Book { get; set; } }

            {{other}}
            """));

        var diagnostic = Assert.Single(Sorted(run));
        Assert.Equal(("MICRO0077", "AdminInline(typeof(Chapter))"), (diagnostic.Id, run.TextUnder(diagnostic)));
        Assert.Equal("[AdminInline(typeof(Chapter))] on Book: " + problem, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void List_editable_columns_get_a_model_form_of_their_own_and_raw_id_fields_a_key_box()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            using System.ComponentModel.DataAnnotations;

            namespace Shop;

            [Model, Admin(ListDisplay = new[] { nameof(Name), nameof(Price), nameof(Maker), nameof(OnSale) }, ListEditable = new[] { nameof(Price), nameof(Maker) }, RawIdFields = new[] { nameof(Maker) })]
            public class Item
            {
                public int Id { get; set; }
                [MaxLength(100)] public string Name { get; set; } = "";
                public decimal Price { get; set; }
                public bool OnSale() => Price < 10;
                public int MakerId { get; set; }
                public Maker? Maker { get; set; }
            }

            [Model]
            public class Maker
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public List<Item> Items { get; set; } = [];
            }
            """));

        Snapshot.Verify(run, ["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Admin.MicroAdmin.g.cs", "Micro.Forms.Micro.Generated.ItemAdminForm.g.cs", "Micro.Forms.Micro.Generated.ItemListForm.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();
        var form = run.Source("Micro.Forms.Micro.Generated.ItemListForm.g.cs");
        Assert.Contains("public decimal Price { get; set; }", form);
        Assert.Contains("public int MakerId { get; set; }", form);
        Assert.DoesNotContain("public string Name", form);

        // The admin form's maker is a number box checked against its table, and loads no makers.
        var adminForm = run.Source("Micro.Forms.Micro.Generated.ItemAdminForm.g.cs");
        Assert.Contains("new global::Micro.Forms.FormField(\"MakerId\", \"maker\", \"Maker\", global::Micro.Forms.WidgetKind.Number)", adminForm);
        Assert.DoesNotContain("db.Makers", adminForm);
        Assert.Contains("if (!await db.Makers.Filter(_ => makerIdRow).ExistsAsync(context.RequestAborted))", run.Source("Micro.Admin.MicroAdmin.g.cs"));
    }

    [Fact]
    public void Autocomplete_fields_load_no_rows_and_check_the_key_posted()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            namespace Shop;

            [Model, Admin(AutocompleteFields = new[] { nameof(Maker) })]
            public class Item
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public int MakerId { get; set; }
                public Maker? Maker { get; set; }
                public int? ShelfId { get; set; }
                public Shelf? Shelf { get; set; }
            }

            [Model, Admin(SearchFields = new[] { nameof(Name) })]
            public class Maker
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            [Model, Admin]
            public class Shelf
            {
                public int Id { get; set; }
                public string Aisle { get; set; } = "";
            }
            """));

        Snapshot.Verify(run, ["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Admin.MicroAdmin.g.cs", "Micro.Forms.Micro.Generated.ItemAdminForm.g.cs", "Micro.Forms.Micro.Generated.MakerAdminForm.g.cs", "Micro.Forms.Micro.Generated.ShelfAdminForm.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();

        // The maker stays a select of the database's rows, but none is loaded with the form; the shelf's select loads every shelf.
        var form = run.Source("Micro.Forms.Micro.Generated.ItemAdminForm.g.cs");
        Assert.Contains("new global::Micro.Forms.FormField(\"MakerId\", \"maker\", \"Maker\", global::Micro.Forms.WidgetKind.Select)", form);
        Assert.DoesNotContain("db.Makers", form);
        Assert.Contains("db.Shelfs.OrderBy", form);
        var admin = run.Source("Micro.Admin.MicroAdmin.g.cs");
        Assert.Contains("new global::Micro.Admin.AdminReference<global::Shop.Maker>(\"maker\"),", admin);
        Assert.Contains("if (!await db.Makers.Filter(_ => makerIdRow).ExistsAsync(context.RequestAborted))", admin);
        Assert.DoesNotContain("db.Shelfs.Filter", admin);
    }

    [Fact]
    public void Fieldsets_say_the_forms_fields_and_the_pages_sections()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            namespace Shop;

            [Model, Admin(ReadonlyFields = new[] { nameof(Views), nameof(Label) })]
            [AdminFieldset(Fields = new[] { nameof(Name), nameof(Maker) })]
            [AdminFieldset("Numbers \"and\" more", Fields = new[] { nameof(Price), nameof(Views), nameof(Label) }, Description = "<em>Counted</em> daily.", Collapse = true, Wide = true)]
            public class Item
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public string Notes { get; set; } = "";
                public decimal Price { get; set; }
                public int Views { get; set; }
                public int MakerId { get; set; }
                public Maker? Maker { get; set; }
                public string Label() => Name.ToUpperInvariant();
            }

            [Model, Admin]
            public class Maker
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }
            """));

        Snapshot.Verify(run, ["Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Admin.MicroAdmin.g.cs", "Micro.Forms.Micro.Generated.ItemAdminForm.g.cs", "Micro.Forms.Micro.Generated.MakerAdminForm.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();

        // The form edits what the fieldsets name, in their order, and nothing else: no Notes, no read-only Views.
        var form = run.Source("Micro.Forms.Micro.Generated.ItemAdminForm.g.cs");
        Assert.Contains("new global::Micro.Forms.FormField[] { NameField, MakerIdField, PriceField }", form);
        Assert.DoesNotContain("Notes", form);
        var admin = run.Source("Micro.Admin.MicroAdmin.g.cs");
        Assert.Contains("new global::Micro.Admin.AdminFieldset(null, new[] { \"name\", \"maker\" }),", admin);
        Assert.Contains("new global::Micro.Admin.AdminFieldset(\"Numbers \\\"and\\\" more\", new[] { \"price\", \"Views\", \"Label\" }) { Description = \"<em>Counted</em> daily.\", Collapse = true, Wide = true },", admin);
    }

    [Fact]
    public void A_fieldset_name_that_doesnt_fit_is_an_error_at_the_name()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model]
            [Admin(Fields = new[] { nameof(Title) })]
            [AdminFieldset(Fields = new[] { nameof(Title), nameof(Pages) })]
            [AdminFieldset("More", Fields = new[] { nameof(Pages), "Missing" })]
            public class Book
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
                public int Pages { get; set; }
            }
            """));

        var errors = Sorted(run).Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal(
            [
                "[Admin] on Book: Fields names 'Title', which is named in Fields, and the model has [AdminFieldset]s too; the fieldsets say which fields the page shows, so leave Fields out",
                "[Admin] on Book: AdminFieldset names 'Pages', which is in a fieldset already; each field shows once",
                "[Admin] on Book: AdminFieldset names 'Missing', which is neither a property of the model nor one of ReadonlyFields",
            ],
            errors.Where(static d => d.Id == "MICRO0075").Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["nameof(Title)", "nameof(Pages)", "\"Missing\""], errors.Where(static d => d.Id == "MICRO0075").Select(run.TextUnder));

        Assert.DoesNotContain("Micro.Admin.MicroAdmin.g.cs", run.HintNames);
    }

    [Fact]
    public void A_prepopulated_field_names_its_sources_by_their_form_names()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model, Admin]
            public class Post
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
                public int Year { get; set; }
                public int AuthorId { get; set; }
                public Author? Author { get; set; }

                [AdminPrepopulated(nameof(Year), nameof(Title), nameof(Author))]
                public string Slug { get; set; } = "";
            }

            [Model, Admin]
            public class Author { public int Id { get; set; } public string Name { get; set; } = ""; }
            """)).AssertCompilesCleanly();

        var admin = run.Source("Micro.Admin.MicroAdmin.g.cs");
        Assert.Contains("PrepopulatedFields = new global::Micro.Admin.AdminPrepopulated[]", admin);
        Assert.Contains("new global::Micro.Admin.AdminPrepopulated(\"slug\", new[] { \"year\", \"title\", \"author\" }),", admin);
    }

    [Fact]
    public void A_prepopulated_field_that_doesnt_fit_is_an_error_at_the_name()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model, Admin(ReadonlyFields = new[] { nameof(Code) })]
            public class Book
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";

                [AdminPrepopulated(nameof(Title), "Missing", nameof(Code))]
                public string Slug { get; set; } = "";

                [AdminPrepopulated(nameof(Title))]
                public int Pages { get; set; }

                [AdminPrepopulated(nameof(Title))]
                public string Code { get; set; } = "";

                [AdminPrepopulated]
                public string Tag { get; set; } = "";
            }
            """));

        var messages = Sorted(run).Where(static d => d.Id == "MICRO0075").ToList();
        Assert.Equal(
            [
                "[Admin] on Book: AdminPrepopulated names 'Missing', which is not a field of the admin's form; a field is filled from fields the page edits",
                "[Admin] on Book: AdminPrepopulated names 'Code', which is not a field of the admin's form; a field is filled from fields the page edits",
                "[Admin] on Book: AdminPrepopulated names 'Pages', which is not a text field; only text is filled from other fields",
                "[Admin] on Book: AdminPrepopulated names 'Code', which is not a field of the admin's form; only a field the page edits is filled",
                "[Admin] on Book: AdminPrepopulated names 'Tag', which names no field to fill it from",
            ],
            messages.Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["\"Missing\"", "nameof(Code)", "AdminPrepopulated(nameof(Title))", "AdminPrepopulated(nameof(Title))", "AdminPrepopulated"], messages.Select(run.TextUnder));
        Assert.DoesNotContain("Micro.Admin.MicroAdmin.g.cs", run.HintNames);
    }

    [Fact]
    public void Page_options_are_written_only_when_not_djangos_defaults()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model, Admin(SaveOnTop = true, ListMaxShowAll = 50, SearchHelpText = "Say \"what\".", ActionsOnTop = false, ActionsOnBottom = true, EmptyValueDisplay = "(none)")]
            public class Post { public int Id { get; set; } public string Title { get; set; } = ""; }

            [Model, Admin(ListMaxShowAll = 200, ActionsOnTop = true)]
            public class Author { public int Id { get; set; } public string Name { get; set; } = ""; }
            """)).AssertCompilesCleanly();

        var admin = run.Source("Micro.Admin.MicroAdmin.g.cs");
        foreach (var line in new[] { "SaveOnTop = true;", "ListMaxShowAll = 50;", "SearchHelpText = \"Say \\\"what\\\".\";", "ActionsOnTop = false;", "ActionsOnBottom = true;", "EmptyValueDisplay = \"(none)\";" })
        {
            Assert.Equal(1, admin.Split(line).Length - 1);
        }
    }

    [Fact]
    public void A_list_max_show_all_below_one_is_an_error()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model, Admin(ListMaxShowAll = 0)]
            public class Post { public int Id { get; set; } }
            """));

        var error = Assert.Single(run.Diagnostics, static d => d.Id == "MICRO0075");
        Assert.Equal("[Admin] on Post: ListMaxShowAll names '0', which must be at least 1", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_autocomplete_name_that_doesnt_fit_is_an_error_at_the_name()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model]
            [Admin(
                AutocompleteFields = new[] { nameof(Pages), nameof(Author), nameof(Shelf), nameof(Press), nameof(Press), nameof(Series) },
                RawIdFields = new[] { nameof(Series) })]
            public class Book
            {
                public int Id { get; set; }
                public int Pages { get; set; }
                public int AuthorId { get; set; }
                public Author? Author { get; set; }
                public int ShelfId { get; set; }
                public Shelf? Shelf { get; set; }
                public int PressId { get; set; }
                public Press? Press { get; set; }
                public int SeriesId { get; set; }
                public Series? Series { get; set; }
            }

            [Model, Admin]
            public class Author { public int Id { get; set; } public string Name { get; set; } = ""; }

            [Model]
            public class Shelf { public int Id { get; set; } public string Name { get; set; } = ""; }

            [Model, Admin(SearchFields = new[] { nameof(Name) })]
            public class Press { public int Id { get; set; } public string Name { get; set; } = ""; }

            [Model, Admin(SearchFields = new[] { nameof(Name) })]
            public class Series { public int Id { get; set; } public string Name { get; set; } = ""; }
            """));

        var messages = Sorted(run).Where(static d => d.Id == "MICRO0075").ToList();
        Assert.Equal(
            [
                "[Admin] on Book: AutocompleteFields names 'Pages', which is not a reference of the model",
                "[Admin] on Book: AutocompleteFields names 'Author', which points to Author, whose [Admin] has no SearchFields; autocomplete searches them",
                "[Admin] on Book: AutocompleteFields names 'Shelf', which points to Shelf, which isn't in the admin; autocomplete searches the target's admin",
                "[Admin] on Book: AutocompleteFields names 'Press', which is named twice",
                "[Admin] on Book: AutocompleteFields names 'Series', which is in RawIdFields too; a reference is one or the other",
            ],
            messages.Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["nameof(Pages)", "nameof(Author)", "nameof(Shelf)", "nameof(Press)", "nameof(Series)"], messages.Select(run.TextUnder));
        Assert.DoesNotContain("Micro.Admin.MicroAdmin.g.cs", run.HintNames);
    }

    [Fact]
    public void A_list_editable_or_raw_id_name_that_doesnt_fit_is_an_error_at_the_name()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Models.cs", """
            [Model]
            [Admin(
                ListDisplay = new[] { nameof(Title), nameof(Pages), nameof(Id), nameof(Short), nameof(Year) },
                ReadonlyFields = new[] { nameof(Year) },
                ListEditable = new[] { nameof(Title), "Missing", nameof(Id), nameof(Short), nameof(Year), nameof(Pages) },
                RawIdFields = new[] { nameof(Pages) })]
            public class Book
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
                public int Pages { get; set; }
                public int Year { get; set; }
                public bool Short() => Pages < 100;
            }
            """));

        Assert.Equal(
            [
                "[Admin] on Book: ListEditable names 'Title', which links to the change page; name another column in ListDisplayLinks, or don't edit this one in the list",
                "[Admin] on Book: ListEditable names 'Missing', which is not one of ListDisplay",
                "[Admin] on Book: ListEditable names 'Id', which is not a column a form can edit (the key, a read-only field, a method or another property)",
                "[Admin] on Book: ListEditable names 'Short', which is not a column a form can edit (the key, a read-only field, a method or another property)",
                "[Admin] on Book: ListEditable names 'Year', which is not a column a form can edit (the key, a read-only field, a method or another property)",
                "[Admin] on Book: RawIdFields names 'Pages', which is not a reference of the model",
            ],
            Sorted(run).Where(static d => d.Id == "MICRO0075" && !d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("ListDisplay names", StringComparison.Ordinal))
                .Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["nameof(Title)", "\"Missing\"", "nameof(Id)", "nameof(Short)", "nameof(Year)", "nameof(Pages)"],
            Sorted(run).Where(static d => d.Id == "MICRO0075" && !d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("ListDisplay names", StringComparison.Ordinal)).Select(run.TextUnder));
        Assert.DoesNotContain("Micro.Admin.MicroAdmin.g.cs", run.HintNames);
    }

    private static List<Diagnostic> Sorted(GeneratorRun run) => [.. run.Diagnostics.OrderBy(static d => d.Location.SourceSpan.Start)];
}
