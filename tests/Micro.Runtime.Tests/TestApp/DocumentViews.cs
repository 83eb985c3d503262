using System.ComponentModel.DataAnnotations;
using Micro.Files;

namespace Micro.Runtime.Tests.TestApp;

// File columns of a model over a real SQLite file and media folder (StoredFileTests): uploads stored under the media root, kept,
// replaced and cleared through a model form, and served at the media URL.

[Model]
public class Document
{
    public int Id { get; set; }

    [Unique, MaxLength(50)]
    public string Title { get; set; } = "";

    /// <summary>Required: a new document needs one, an edit keeps it unless another is sent.</summary>
    [FileField(UploadTo = "documents/%Y/"), MaxLength(60), FileExtensions(Extensions = "txt,html,svg,pdf,png")]
    public string File { get; set; } = "";

    /// <summary>Optional: "Clear" empties it.</summary>
    [FileField(UploadTo = "attachments/")]
    public string? Attachment { get; set; }
}

[Form(Model = typeof(Document))]
public partial class DocumentForm;

public static class DocumentViews
{
    [Route("documents/new/", Methods = "GET, POST", Name = "document_create")]
    public static async Task<IResult> Create(DocumentForm form, Db db) =>
        form.IsValid && await form.SaveAsync(db) is { } document
            ? Results.Redirect(Urls.DocumentShow(document.Id))
            : Template.Render("forms/upload.html", new { form });

    [Route("documents/<int:id>/edit/", Methods = "GET, POST", Name = "document_edit")]
    public static async Task<IResult> Edit(int id, DocumentForm form, Db db)
    {
        form.Instance = await db.Documents.GetAsync(id);
        return form.IsValid && await form.SaveAsync(db) is { } document
            ? Results.Redirect(Urls.DocumentShow(document.Id))
            : Template.Render("forms/upload.html", new { form });
    }

    /// <summary>The row's columns and what the storage holds under each name.</summary>
    [Route("documents/<int:id>/", Name = "document_show")]
    public static async Task<string> Show(int id, Db db, IFileStorage files)
    {
        var document = await db.Documents.GetAsync(id);
        string Described(string? name) => string.IsNullOrEmpty(name) ? "-" : $"{name} ({(files.Exists(name) ? files.Size(name) + " bytes" : "missing")}) {files.Url(name)}";
        return $"{document.Title}|{Described(document.File)}|{Described(document.Attachment)}";
    }
}
