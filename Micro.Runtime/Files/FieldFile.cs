using Micro.Templates;

namespace Micro.Files;

/// <summary>
/// A file column's value as templates read it, Django's <c>FieldFile</c>: <c>{{ doc.scan }}</c> is the stored name,
/// <c>{{ doc.scan.url }}</c> its address, <c>{{ doc.scan.size }}</c> its size in bytes, and for an <c>[ImageField]</c>
/// <c>{{ photo.image.width }}</c> and <c>.height</c> in pixels; <c>{% if doc.scan %}</c> is false when the column is empty. The
/// generated template accessors give one for each <c>[FileField]</c> or <c>[ImageField]</c> property; code reads the property (a
/// string) and asks <see cref="IFileStorage"/>.
/// </summary>
/// <remarks>
/// Where Django raises (the address of an empty column, the size of a file that is gone), the lookup finds nothing, which
/// renders as the engine's <see cref="TemplateOptions.StringIfInvalid"/>: a page isn't lost to a missing file.
/// </remarks>
public sealed class FieldFile : ITemplateObject
{
    private ImageSize? _size;
    private bool _sizeRead;

    /// <param name="name">The column's value: the stored file's name, or empty.</param>
    /// <param name="isImage">The column is an <c>[ImageField]</c>, which answers <c>width</c> and <c>height</c>.</param>
    public FieldFile(string? name, bool isImage = false)
    {
        Name = name ?? "";
        IsImage = isImage;
    }

    /// <summary>The stored file's name (<c>documents/2026/notes.txt</c>); empty when the column holds none.</summary>
    public string Name { get; }

    /// <summary>The column is an <c>[ImageField]</c>.</summary>
    public bool IsImage { get; }

    /// <summary>The name, as Django's <c>str(field_file)</c>.</summary>
    public override string ToString() => Name;

    /// <summary>Equal to another with the same name, and to the name itself (Django compares a <c>FieldFile</c> by its name).</summary>
    public override bool Equals(object? obj) => obj switch
    {
        FieldFile other => Name == other.Name,
        string name => Name == name,
        _ => false,
    };

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public bool TryGetMember(string name, out object? value)
    {
        value = null;
        if (name == "name")
        {
            value = Name;
            return true;
        }

        if (Name.Length == 0 || name is not ("url" or "size" or "width" or "height"))
        {
            return false;
        }

        var options = TemplateContext.Current?.Engine.Options;
        var storage = options?.FileStorage;
        try
        {
            switch (name)
            {
                case "url":
                    value = storage is not null ? storage.Url(Name) : FileSystemStorage.UrlOf((options?.MediaUrl ?? "/media/").TrimEnd('/') + "/", Name);
                    return true;
                case "size" when storage is not null:
                    value = storage.Size(Name);
                    return true;
                case "width" or "height" when IsImage && storage is not null && ImageSize(storage) is { } size:
                    value = TemplateAccessors.Box(name == "width" ? size.Width : size.Height);
                    return true;
                default:
                    return false;
            }
        }
        catch (Exception exception) when (exception is ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            // A name the storage refuses, or a file that is gone.
            return false;
        }
    }

    /// <summary>
    /// The image's size, read from its header once per value. Each lookup of <c>photo.image</c> makes a new value, so a template that
    /// writes both sides reads the file twice, unless it keeps the value: <c>{% with image=photo.image %}</c>.
    /// </summary>
    private ImageSize? ImageSize(IFileStorage storage)
    {
        if (!_sizeRead)
        {
            using (var content = storage.OpenRead(Name))
            {
                _size = ImageFormats.SizeOf(content);
            }

            _sizeRead = true;
        }

        return _size;
    }
}
