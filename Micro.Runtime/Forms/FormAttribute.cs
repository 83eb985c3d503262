namespace Micro;

/// <summary>
/// Makes a <c>partial</c> class or record a form, as a Django <c>Form</c>: each public property with a setter (or a
/// primary constructor parameter) is a field, validated by its type and its DataAnnotations (<c>[Required]</c>,
/// <c>[MaxLength]</c>, <c>[Range]</c>, <c>[EmailAddress]</c>...) and by an optional <c>void Clean(FormErrors errors)</c>
/// method. The generator writes the other part: binding from a posted form, validation, rendering
/// (<c>{{ form }}</c>, <c>{{ form.email }}</c>), and <see cref="Forms.IForm"/>'s <c>IsBound</c>, <c>IsValid</c> and
/// <c>Errors</c>. A route parameter of a form type is bound from the posted form, and unbound on GET.
/// </summary>
/// <remarks>
/// With <see cref="Model"/>, a model form, as Django's <c>ModelForm</c>: its fields are the model's columns named in
/// <see cref="Fields"/> (all but the key when it is left out), and its generated <c>SaveAsync(db)</c> creates or
/// updates the row, checking the model's unique indexes first.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FormAttribute : Attribute
{
    /// <summary>The <c>[Model]</c> this form creates and edits rows of, as Django's <c>ModelForm.Meta.model</c>.</summary>
    public Type? Model { get; set; }

    /// <summary>
    /// The model's properties that are fields, in order (<c>nameof(Post.Title)</c>; a reference such as
    /// <c>nameof(Post.Author)</c> is a select of the rows it can point to), as Django's <c>Meta.fields</c>.
    /// Left out, every column but the key.
    /// </summary>
    public string[]? Fields { get; set; }
}
