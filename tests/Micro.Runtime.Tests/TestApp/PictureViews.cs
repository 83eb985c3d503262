using System.ComponentModel.DataAnnotations;
using Micro.Templates;

namespace Micro.Runtime.Tests.TestApp;

// Images with their size in columns (Django's width_field and height_field), and file columns read in templates as Django's
// FieldFile (FieldFileTests): name, url, size, width and height, compiled and interpreted alike.

[Model]
public class Picture
{
    public int Id { get; set; }

    [MaxLength(50)]
    public string Title { get; set; } = "";

    [ImageField(UploadTo = "pictures/", WidthField = nameof(Width), HeightField = nameof(Height))]
    public string? Image { get; set; }

    /// <summary>An <c>int</c>: 0 when the image is cleared.</summary>
    public int Width { get; set; }

    /// <summary>An <c>int?</c>: null when the image is cleared.</summary>
    public int? Height { get; set; }
}

[Form(Model = typeof(Picture), Fields = new[] { nameof(Picture.Title), nameof(Picture.Image) })]
public partial class PictureForm;

public static class PictureViews
{
    [Route("pictures/new/", Methods = "GET, POST", Name = "picture_create")]
    public static async Task<IResult> Create(PictureForm form, Db db) =>
        form.IsValid && await form.SaveAsync(db) is { } picture
            ? Results.Redirect(Urls.PictureShow(picture.Id))
            : Template.Render("forms/upload.html", new { form });

    [Route("pictures/<int:id>/edit/", Methods = "GET, POST", Name = "picture_edit")]
    public static async Task<IResult> Edit(int id, PictureForm form, Db db)
    {
        form.Instance = await db.Pictures.GetAsync(id);
        return form.IsValid && await form.SaveAsync(db) is { } picture
            ? Results.Redirect(Urls.PictureShow(picture.Id))
            : Template.Render("forms/upload.html", new { form });
    }

    /// <summary>The picture through its compiled template.</summary>
    [Route("pictures/<int:id>/", Name = "picture_show")]
    public static async Task<TemplateResult> Show(int id, Db db) =>
        Template.Render("files/picture.html", new { picture = await db.Pictures.GetAsync(id) });

    /// <summary>The picture through the same template's text, parsed at run time: the interpreter reads the generated accessors.</summary>
    [Route("pictures/<int:id>/interpreted/", Name = "picture_interpreted")]
    public static async Task<string> Interpreted(int id, Db db, TemplateEngine engine) =>
        Parsed(engine, "files/picture.html").Render(new { picture = await db.Pictures.GetAsync(id) });

    /// <summary>A document's file columns through the compiled template.</summary>
    [Route("documents/<int:id>/page/", Name = "document_page")]
    public static async Task<TemplateResult> DocumentPage(int id, Db db) =>
        Template.Render("files/document.html", new { doc = await db.Documents.GetAsync(id) });

    [Route("documents/<int:id>/interpreted/", Name = "document_interpreted")]
    public static async Task<string> DocumentInterpreted(int id, Db db, TemplateEngine engine) =>
        Parsed(engine, "files/document.html").Render(new { doc = await db.Documents.GetAsync(id) });

    /// <summary>A template's text parsed again, which renders through the interpreter, not the compiled code of the same name.</summary>
    private static Template Parsed(TemplateEngine engine, string name) => engine.Parse(engine.Options.Loader!.Load(name)!.Text);
}
