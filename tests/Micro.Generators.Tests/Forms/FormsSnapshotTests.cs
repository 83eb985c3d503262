using Micro.Generators.Tests.Infrastructure;

namespace Micro.Generators.Tests.Forms;

/// <summary>Snapshots of the forms pipeline's output: the generated part of each form and its metadata; each app compiles cleanly.</summary>
public sealed class FormsSnapshotTests
{
    [Fact]
    public void PlainForm()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Forms.cs", FormApps.ContactForm));

        Snapshot.Verify(run, ["Micro.Forms.Shop.ContactForm.g.cs"]);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void PositionalRecord()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("SignUp.cs", FormApps.SignUpRecord));

        Snapshot.Verify(run, ["Micro.Forms.SignUp.g.cs"]);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void UploadForm()
    {
        var run = TestCompilation.Run(("Program.cs", "return MicroApp.Run(args);"), ("Forms.cs", """
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Http;

            [Form]
            public partial class UploadForm
            {
                public string Title { get; set; } = "";

                [FileExtensions(Extensions = "png,jpg", ErrorMessage = "{0} must be a picture.")]
                public IFormFile Photo { get; set; } = null!;

                [FileExtensions]
                public IFormFile? Scan { get; set; }
            }
            """));

        Snapshot.Verify(run, ["Micro.Forms.UploadForm.g.cs"]);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void ModelFormWithFileColumns()
    {
        var run = TestCompilation.Run(("Program.cs", """
            using System.ComponentModel.DataAnnotations;

            return MicroApp.Run(args);

            [Model]
            public class Document
            {
                public int Id { get; set; }

                [MaxLength(100)]
                public string Title { get; set; } = "";

                [FileField(UploadTo = "documents/%Y/%m/"), MaxLength(100), FileExtensions(Extensions = "pdf,txt")]
                public string Scan { get; set; } = "";

                [FileField]
                public string? Attachment { get; set; }

                [ImageField(UploadTo = "covers/", WidthField = nameof(CoverWidth), HeightField = nameof(CoverHeight))]
                public string? Cover { get; set; }

                public int CoverWidth { get; set; }

                public int? CoverHeight { get; set; }
            }

            [Form(Model = typeof(Document), Fields = new[] { nameof(Document.Title), nameof(Document.Scan), nameof(Document.Attachment), nameof(Document.Cover) })]
            public partial class DocumentForm;

            // Templates read file columns as FieldFiles: {{ doc.scan.url }}.
            static class Pages
            {
                [Route("documents/<int:id>/")]
                public static TemplateResult Show(int id) => Template.Render("document.html", new { doc = new Document { Id = id } });
            }

            [Form]
            public partial class AvatarForm
            {
                [ImageField]
                public Microsoft.AspNetCore.Http.IFormFile Avatar { get; set; } = null!;
            }
            """));

        Snapshot.Verify(run, ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Forms.DocumentForm.g.cs", "Micro.Forms.AvatarForm.g.cs", "Micro.Templates.MicroTemplates.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void ModelForm()
    {
        var run = TestCompilation.Run(FormApps.BlogModelForm);

        Snapshot.Verify(run, ["Micro.Routing.MicroRoutes.g.cs", "Micro.Routing.Urls.g.cs", "Micro.Data.Models.g.cs", "Micro.Data.Db.g.cs", "Micro.Data.AppDbContext.g.cs", "Micro.Forms.PostForm.g.cs", "Micro.Templates.MicroTemplates.g.cs", "Micro.Hosting.MicroManifest.g.cs"]);
        run.AssertCompilesCleanly();
    }
}
