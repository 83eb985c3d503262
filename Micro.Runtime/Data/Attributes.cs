namespace Micro;

/// <summary>
/// Makes a class a database model, as a Django model: each public read-write property of a supported type is a
/// column, an <c>Id</c> (or <c>[Key]</c>) property is the key, and a generated <c>Db</c> service queries it
/// (<c>db.Posts</c>). The table is named after the plural of the class (<c>Posts</c>) unless <see cref="Table"/> says otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>The table name, as Django's <c>Meta.db_table</c>. The default is the set name: the class name in the plural.</summary>
    public string? Table { get; set; }
}

/// <summary>
/// An index. On a property: an index on its column. On a model class: an index on the named properties, in order
/// (<c>[Index(nameof(Year), nameof(Slug), IsUnique = true)]</c>), as Django's <c>Meta.indexes</c> and <c>unique_together</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IndexAttribute : Attribute
{
    /// <summary>An index on the property this attribute is on.</summary>
    public IndexAttribute()
    {
        Properties = [];
    }

    /// <summary>An index on <paramref name="properties"/>, in order (on a class).</summary>
    public IndexAttribute(params string[] properties)
    {
        Properties = properties;
    }

    public IReadOnlyList<string> Properties { get; }

    /// <summary>No two rows may share the indexed values.</summary>
    public bool IsUnique { get; set; }

    /// <summary>The index name; the default is <c>IX_{Table}_{Columns}</c>.</summary>
    public string? Name { get; set; }
}

/// <summary>No two rows may have the same value in this column (a unique index), as Django's <c>unique=True</c>.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class UniqueAttribute : Attribute
{
}

/// <summary>
/// Makes a model's <c>string</c> property a file column, as Django's <c>FileField</c>: the column holds the name of a file kept by
/// the app's <see cref="Files.IFileStorage"/> (under <c>Micro:MediaRoot</c>, served at <c>Micro:MediaUrl</c>), and a model form (the
/// admin's too) edits it as an upload with Django's "Currently", "Clear" and "Change". <c>[MaxLength]</c> limits the name's length.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FileFieldAttribute : Attribute
{
    /// <summary>
    /// The folder an upload is stored in, under the media root, as Django's <c>upload_to</c>: <c>"documents/"</c>, with the upload's date
    /// and time where it says <c>%Y</c>, <c>%m</c>, <c>%d</c>, <c>%H</c>, <c>%M</c> or <c>%S</c> (<c>"photos/%Y/%m/"</c>). The default is the root.
    /// </summary>
    public string UploadTo { get; set; } = "";
}

/// <summary>
/// An image, as Django's <c>ImageField</c>: on a model's <c>string</c> property, a file column as <see cref="FileFieldAttribute"/> makes
/// one; on a form's <c>IFormFile</c> property, an upload. Either way the upload must be a PNG, JPEG, GIF, WebP, BMP or ICO image
/// whose content says so ("Upload a valid image. The file you uploaded was either not an image or a corrupted image."), with one
/// of those formats' extensions, and the input asks the browser for images (<c>accept="image/*"</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ImageFieldAttribute : Attribute
{
    /// <summary>For a model's column: the folder its uploads are stored in, as <see cref="FileFieldAttribute.UploadTo"/>.</summary>
    public string UploadTo { get; set; } = "";

    /// <summary>
    /// For a model's column: the <c>int</c> or <c>int?</c> property (<c>nameof(Width)</c>) that a form's save sets to the stored image's
    /// width in pixels, and to null (0 for an <c>int</c>) when the file is cleared, as Django's <c>width_field</c>.
    /// </summary>
    public string? WidthField { get; set; }

    /// <summary>As <see cref="WidthField"/>, for the image's height (Django's <c>height_field</c>).</summary>
    public string? HeightField { get; set; }
}
