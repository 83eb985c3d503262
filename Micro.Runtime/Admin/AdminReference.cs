using System.ComponentModel;

namespace Micro.Admin;

/// <summary>
/// A reference of the admin's form that loads none of its target's rows: edited as its key (<c>[Admin(RawIdFields = ...)]</c>, Django's
/// <c>raw_id_fields</c>), with the name of the row beside the box and a link to look keys up, or chosen by a search
/// (<c>[Admin(AutocompleteFields = ...)]</c>, Django's <c>autocomplete_fields</c>), answered from the target's admin.
/// </summary>
public abstract class AdminReference
{
    private protected AdminReference(string field)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        Field = field;
    }

    /// <summary>The form's field: <c>author</c>.</summary>
    public string Field { get; }

    /// <summary>The target model's admin pages, or null when the target isn't in the admin.</summary>
    internal abstract AdminModelViews? Target(AdminSite site);
}

/// <summary>What generated code writes per name in <c>RawIdFields</c> and <c>AutocompleteFields</c>: the field and its target model.</summary>
/// <typeparam name="TTarget">The model the key points to.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AdminReference<TTarget>(string field) : AdminReference(field)
    where TTarget : class
{
    internal override AdminModelViews? Target(AdminSite site) => site.Models.OfType<AdminModelViews<TTarget>>().FirstOrDefault();
}
