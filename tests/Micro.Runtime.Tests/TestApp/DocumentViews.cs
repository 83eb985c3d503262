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

    /// <summary>A save whose second file can't be stored (a full disk, say): the error is the server's, and the first file goes too.</summary>
    [Route("documents/full-disk/", Methods = "POST", Name = "document_full_disk")]
    public static async Task<IResult> FullDisk(DocumentForm form, Db db, IFileStorage files)
    {
        ((Micro.Forms.IForm)form).State.Files = new FullDiskStorage(files);
        try
        {
            await form.SaveAsync(db);
            return Results.Text("saved");
        }
        catch (IOException exception)
        {
            var rows = await db.Documents.Filter(d => d.Title.Exact(form.Title)).CountAsync();
            return Results.Text($"not saved: {exception.Message}; rows {rows}", statusCode: StatusCodes.Status507InsufficientStorage);
        }
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

/// <summary>Stores files as the app's storage does, but has no room for attachments.</summary>
file sealed class FullDiskStorage(IFileStorage inner) : IFileStorage
{
    public Task<string> SaveAsync(string name, Stream content, int? maxLength = null, CancellationToken cancellationToken = default) =>
        name.StartsWith("attachments/", StringComparison.Ordinal) ? throw new IOException("No space left on device") : inner.SaveAsync(name, content, maxLength, cancellationToken);

    public Stream OpenRead(string name) => inner.OpenRead(name);

    public void Delete(string name) => inner.Delete(name);

    public bool Exists(string name) => inner.Exists(name);

    public long Size(string name) => inner.Size(name);

    public string Url(string name) => inner.Url(name);
}
